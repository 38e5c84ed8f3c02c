"""The command line: a thin click layer over the library. The only module that imports click.

Errors from the library are the project's own exceptions; ``ElectcliGroup.invoke`` turns them
into a message on stderr and an exit status (ExitStatus, electcli.status). Commands that report
every file's error before stopping (tally, check) set exit status 2 themselves, and
electcli.__main__ sets it for output that cannot be written.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Any

import click

from electcli import __version__
from electcli.errors import ElectcliError, UsageError
from electcli.pipeline import tally_all
from electcli.ranked.errors import CountInvariantError
from electcli.readers import INPUT_FORMATS
from electcli.status import ExitStatus
from electcli.tabulate.result import Tallied

OUTPUT_FORMATS = ("table", "json", "csv", "nist", "rctab", "html")
FORCE_HELP = "Replace the output file if it exists (never one of the command's inputs)."


def format_option(
    choices: Sequence[str], default: str, help_text: str
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The one `--format/-f` option every command shares, with its own choices."""
    return click.option(
        "--format",
        "-f",
        "output_format",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help=help_text,
    )


def allow_path_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """`--allow-path FOLDER`: files named inside the inputs may also be there (readers/named_paths.py)."""

    @functools.wraps(command)
    def with_allowed_folders(*args: Any, allow_paths: tuple[str, ...], **kwargs: Any) -> Any:
        from electcli.readers.named_paths import allowed_folders

        with allowed_folders(allow_paths):
            return command(*args, **kwargs)

    return click.option(
        "--allow-path",
        "allow_paths",
        multiple=True,
        metavar="FOLDER",
        type=click.Path(file_okay=False),
        help="Let files named inside the inputs (CVR, counts and RCTab source files) be in FOLDER too, "
        "not only in the folder of the file that names them. Repeatable.",
    )(with_allowed_folders)


def examples(*lines: str) -> str:
    """A command's --help epilog: one or two examples, kept on their own lines (click's \\b)."""
    return "Examples:\n\n\b\n" + "\n".join(f"  {line}" for line in lines)


def report_error(error: ElectcliError) -> None:
    from electcli.present.safe_text import escaped_lines  # a file name or value from an input: no terminal escapes

    click.echo(f"electcli: error: {escaped_lines(str(error))}", err=True)


def report_warnings(tallied: Sequence[Tallied]) -> None:
    """Print on stderr, once each, what the readers warned about (stdout stays the results)."""
    seen: dict[str, None] = {}
    for item in tallied:
        seen.update(dict.fromkeys(item.race.warnings))
    for text in seen:
        click.echo(f"electcli: warning: {_printable(text)}", err=True)


def _printable(text: str) -> str:
    """``text`` with control characters (from a file's name, say) written as escapes, so that a
    warning cannot rewrite the terminal."""
    return "".join(char if char.isprintable() else char.encode("unicode_escape").decode("ascii") for char in text)


def _exit_if_invalid(errors: Sequence[ElectcliError]) -> None:
    """Report every error, then exit 2: nothing is printed on stdout for invalid input."""
    if errors:
        for problem in errors:
            report_error(problem)
        sys.exit(ExitStatus.INVALID)


def under_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


class ElectcliGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        if not under_github_actions():
            return self._invoke(ctx)
        # No text from an input may form a workflow command (electcli/present/safe_text.py).
        from electcli.present.safe_text import CommandFilter

        streams = sys.stdout, sys.stderr
        filters = [CommandFilter(stream) if stream is not None else None for stream in streams]
        sys.stdout, sys.stderr = (f or s for f, s in zip(filters, streams, strict=True))
        try:
            return self._invoke(ctx)
        finally:
            sys.stdout, sys.stderr = streams
            for line_filter in filters:
                if line_filter is not None:
                    line_filter.finish()

    def _invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ElectcliError as error:
            report_error(error)
            ctx.exit(ExitStatus.INVALID)
        except CountInvariantError as error:
            # A count whose books do not balance is never printed as a result.
            click.echo(
                f"electcli: internal error: {error}\n  this is a bug in electcli, not in your input; "
                "please report it with the input that caused it",
                err=True,
            )
            ctx.exit(ExitStatus.INTERNAL)


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    # click.version_option would do, but it imports locale: start-up time on every command.
    if value and not ctx.resilient_parsing:
        click.echo(f"electcli {__version__}")
        ctx.exit()


@click.group(
    cls=ElectcliGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=examples("electcli tally race.yaml", "electcli check sample_races"),
)
@click.option(
    "--version",
    "-V",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Show the version and exit.",
)
def cli() -> None:
    """Turn vote counts into election outcomes: winners, runoffs, ties and margins."""


def _no_double_stdin(names: Sequence[str]) -> None:
    if list(names).count("-") > 1:
        raise click.UsageError("standard input ('-') can be read only once")


@cli.command(epilog=examples("electcli tally race.yaml", "electcli tally race.yaml --format csv > results.csv"))
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@format_option(
    OUTPUT_FORMATS,
    "table",
    "Output: a table for people, JSON or CSV for scripts, a NIST SP 1500-100 v2 results report, "
    "RCTab's detailed summary JSON (ranked-choice contests), or a self-contained HTML report (charts, "
    "tables; no network).",
)
@click.option(
    "--input-format",
    type=click.Choice(INPUT_FORMATS),
    help="Format of the input, for standard input or an unusual file name.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Make counts that do not reconcile (ballots cast against votes, over and under votes) an error.",
)
@click.option(
    "--by-unit",
    is_flag=True,
    help="Also show results by reporting unit (county, precinct...), and add `units` to JSON.",
)
@click.option(
    "--vote-types",
    is_flag=True,
    help="Table: also show each candidate's votes by vote type (Election Day, absentee...), where the input "
    "gives them (Clarity files); JSON always carries them.",
)
@click.option(
    "--timestamp",
    is_flag=True,
    help="Add the time of the run to JSON output (otherwise the same input always gives byte-identical output).",
)
@click.option(
    "--slices-to",
    "slices_folder",
    type=click.Path(file_okay=False),
    help="With --format rctab: also write RCTab's report for each precinct and batch of a ranked-choice "
    "contest into this folder (Tabulate by Precinct/, Tabulate by Batch/).",
)
@click.option(
    "--contest",
    "contest_names",
    multiple=True,
    help="Clarity input (detail.xml, detailxml.zip): a contest to tally, by name (repeatable); all by default.",
)
@click.option(
    "--checksums",
    metavar="SHA256SUMS",
    help="Verify every file read (race files, configurations, counts and CVR files) against this list "
    "(as `sha256sum` writes it; paths relative to it): a file not listed, or changed, stops the count (exit 2).",
)
@click.option("--office", help="OpenElections CSV input: the office to tally (`electcli contests FILE` lists them).")
@click.option("--district", help="OpenElections CSV input: the district, where the office has several.")
@click.option("--party", help="OpenElections CSV input: the party, for a primary.")
@click.option(
    "--rule",
    "rule_name",
    help="OpenElections or Clarity input: the rule (a method or a preset); plurality by default, and a "
    "majority of Yes for a Clarity question.",
)
@click.option(
    "--seats",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="OpenElections CSV input: how many are elected.",
)
@allow_path_option
def tally(
    files: tuple[str, ...],
    output_format: str,
    input_format: str | None,
    strict: bool,
    by_unit: bool,
    vote_types: bool,
    timestamp: bool,
    slices_folder: str | None,
    contest_names: tuple[str, ...],
    office: str | None,
    district: str | None,
    party: str | None,
    rule_name: str | None,
    seats: int,
    checksums: str | None = None,
) -> None:
    """Tally race files and show who won, who advances, ties and margins.

    FILE is a race file (.yaml), a NIST SP 1500-100 results report or an RCTab contest
    configuration (.json), or an OpenElections file (.csv, with --office). FILE may be - for
    standard input. Every file is checked before anything is printed.
    """
    _no_double_stdin(files)
    if slices_folder is not None and output_format != "rctab":
        raise UsageError("--slices-to writes RCTab's per-slice reports: use it with --format rctab")
    selection = None
    if office or district or party or rule_name or seats != 1 or contest_names:
        from electcli.readers import input_format_of
        from electcli.readers.selection import Selection

        formats = {input_format_of(name, input_format) if name != "-" else input_format or "yaml" for name in files}
        if (office or district or party or seats != 1) and formats != {"csv"}:
            raise UsageError(
                "--office, --district, --party and --seats choose the contest of an OpenElections .csv file"
            )
        if contest_names and formats != {"clarity"}:
            raise UsageError("--contest chooses contests of a Clarity results file (detail.xml or detailxml.zip)")
        if rule_name and not formats <= {"csv", "clarity"}:
            raise UsageError(
                "--rule sets the rule for an OpenElections .csv or Clarity file; race files name their own"
            )
        selection = Selection(office, district, party, rule_name or "plurality", seats, contest_names, bool(rule_name))
    verify: Callable[[Any], None] | None = None
    if checksums is not None:
        from electcli.checksums import Checksums

        try:
            verify = Checksums(checksums).verify
        except ElectcliError as exc:
            _exit_if_invalid([exc])
    from electcli.readers.cvr.kept_ids import slices_wanted

    # results by slice need each ballot's precinct and batch, which vendor readers keep only then
    keep_slices = slices_wanted() if by_unit or slices_folder is not None else nullcontext()
    with _progress_on_terminal(), keep_slices:
        tallied, errors = tally_all(files, input_format, strict, selection, verify)
    report_warnings(tallied)
    _exit_if_invalid(errors)
    _emit(tallied, output_format, timestamp, by_unit, vote_types)
    if slices_folder is not None:
        _write_slices(tallied, slices_folder, files)
    from electcli.runoff import unfilled_notes

    for note in unfilled_notes([(item.race, item.results) for item in tallied]):
        click.echo(note, err=True)


def _write_slices(tallied: list[Tallied], folder: str, inputs: Sequence[str]) -> None:
    """RCTab's per-slice reports, into ``folder`` (each file whole or not at all, never over an
    input); a note on stderr when no ballot names its slice."""
    from pathlib import Path

    from electcli.present.rctab_slices import slice_reports

    files = slice_reports([(item.race, item.results) for item in tallied])
    if not files:
        click.echo(
            "electcli: note: no ballot says which precinct or batch it is from, so no slice report was written",
            err=True,
        )
        return
    for relative, text in files:
        path = Path(folder) / relative
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(f"cannot create {path.parent}: {exc.strerror or exc}") from None
        from electcli.output_file import write_output

        # a report from an earlier run is replaced, as each run writes the slices anew; an input never
        write_output(str(path), text, inputs, force=True)


def _progress_on_terminal() -> AbstractContextManager[None]:
    """A progress bar on stderr for long work, when stderr is a terminal (never in a pipe or a log)."""
    try:
        terminal = sys.stderr is not None and sys.stderr.isatty()
    except (OSError, ValueError):  # a closed stream
        terminal = False
    if not terminal:
        return nullcontext()
    from electcli.present.progress_bar import progress_bar

    return progress_bar()


def _no_ranked(tallied: Sequence[tuple[Any, Sequence[Any]]], why: str) -> None:
    """Refuse an output that cannot hold a ranked-choice count, naming the contest."""
    for race, results in tallied:
        for result in results:
            if result.ranked is not None:
                raise UsageError(
                    f"{why}: {result.contest.name!r} in {race.path} is ranked-choice; "
                    "use --format json, rctab, csv or table for it"
                )


# A table is laid out for COLUMNS when it says a width a table fits in, else for 80 columns:
# COLUMNS=0 made Rich print nothing at all, and COLUMNS=5 made it fold every word.
MIN_COLUMNS = 20
MAX_COLUMNS = 10_000
FALLBACK_COLUMNS = 80


def _console() -> Any:
    """A Rich console on standard output, for COLUMNS if it is a width a table fits in, else 80."""
    from electcli.present.terminal import make_console

    console = make_console()
    columns = os.environ.get("COLUMNS")
    if columns is not None and not (columns.strip().isdigit() and MIN_COLUMNS <= int(columns) <= MAX_COLUMNS):
        console.width = FALLBACK_COLUMNS
    return console


def _now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).isoformat(timespec="seconds")


def _emit(
    tallied: list[Tallied], output_format: str, timestamp: bool = False, by_unit: bool = False, vote_types: bool = False
) -> None:
    if output_format == "json":
        from electcli.present.machine import to_json

        click.echo(to_json(tallied, _now() if timestamp else None, by_unit), nl=False)
    elif output_format == "rctab":
        from electcli.present.rctab import to_rctab

        click.echo(to_rctab(tallied), nl=False)
    elif output_format == "nist":
        from electcli.present.nist import nist_json

        _no_ranked(tallied, "NIST SP 1500-100 results reports hold vote counts, not ranked-choice rounds")
        click.echo(nist_json(tallied, generated=_now() if timestamp else None), nl=False)
    elif output_format == "html":
        from electcli.present.html import to_html

        click.echo(to_html(tallied, by_unit), nl=False)
    elif output_format == "csv":
        from electcli.present.machine import to_csv

        sliced = [
            result
            for _, results in tallied
            for result in results
            if result.ranked is not None and result.contest.ballots is not None and result.contest.ballots.slices
        ]
        if by_unit and sliced:
            # a ranked contest's precincts and batches have rounds, which the one-row-per-unit CSV
            # cannot hold: an empty breakdown would read as "no units"
            raise UsageError(
                "--by-unit --format csv lists vote counts by unit; a ranked-choice contest's precincts and "
                "batches have rounds: use --by-unit --format json, or --format rctab --slices-to DIR"
            )

        click.echo(to_csv(tallied, by_unit), nl=False)
    else:
        from electcli.present.table import render

        render(tallied, _console(), by_unit, vote_types)


@cli.command(epilog=examples("electcli check race.yaml", "electcli check sample_races --junit electcli-junit.xml"))
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@format_option(("text", "json"), "text", "Report for people (text) or scripts (json).")
@click.option(
    "--junit",
    "junit_path",
    type=click.Path(dir_okay=False, writable=True),
    help="Also write a JUnit XML report to this file, for CI systems.",
)
@click.option("--force", is_flag=True, help=FORCE_HELP)
@allow_path_option
def check(paths: tuple[str, ...], output_format: str, junit_path: str | None, force: bool) -> None:
    """Check the `expected:` blocks of race files, for CI.

    PATH is a race file or a folder searched recursively for *.yaml and *.yml. Exit status 0 when
    every expectation holds, 1 when one does not, 2 when a file is invalid or nothing is expected.
    Under GitHub Actions (GITHUB_ACTIONS=true) failures are also printed as annotations that point
    at the file and line.
    """
    from electcli.check import FAILED, build_report
    from electcli.present import check_report
    from electcli.readers.folders import find_race_files

    _no_double_stdin(paths)
    files, errors = find_race_files(paths)
    tallied, read_errors = tally_all(files)
    report_warnings(tallied)
    report = build_report([(item.race, item.results) for item in tallied], [*errors, *read_errors])
    if output_format == "json":
        click.echo(check_report.to_json(report), nl=False)
    else:
        for line in check_report.text_lines(report):
            click.echo(line)
        for error in report.errors:
            report_error(error)
        click.echo(check_report.summary(report))
    if under_github_actions():
        # Beside a JSON report the annotations go to stderr, so that stdout stays one JSON document.
        # They are electcli's own workflow commands: past the filter that makes the input's inert.
        stream = sys.stderr if output_format == "json" else sys.stdout
        for line in check_report.github_annotations(report):
            click.echo(line, file=getattr(stream, "unfiltered", stream))
    if junit_path:
        from electcli.output_file import write_output

        inputs = [*paths, *files, *_files_read(tallied)]
        write_output(junit_path, check_report.to_junit(report), inputs, force)
    if report.nothing_expected:
        click.echo("electcli: error: no contest has an `expected:` block, so nothing was checked", err=True)
        sys.exit(ExitStatus.INVALID)
    if report.errors:
        sys.exit(ExitStatus.INVALID)
    if report.count(FAILED):
        sys.exit(ExitStatus.CHECK_FAILED)


def _files_read(tallied: Sequence[Tallied]) -> list[str]:
    """The files the inputs named (counts files, cast vote records), as the JSON `inputs` lists them."""
    from electcli.present.machine import input_records

    return [record["file"] for record in input_records(tallied)]


@cli.command(
    epilog=examples(
        "electcli tally results.yaml --format json > 2100.json",
        'electcli diff 2100.json results.yaml || echo "an outcome changed"',
    )
)
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@format_option(("text", "json"), "text", "Report for people (text) or scripts (json).")
@allow_path_option
def diff(old: str, new: str, output_format: str) -> None:
    """Show what changed between two result snapshots.

    OLD and NEW are race files or JSON written by `electcli tally --format json`. Contests are
    matched by election and name. Exit status 1 when an outcome changed (the outcome, or who won,
    advances or is tied) or a contest is gone; 0 otherwise.
    """
    from electcli.diff import compare
    from electcli.pipeline import load_snapshot
    from electcli.present import diff_report

    snapshots = []
    errors: list[ElectcliError] = []
    for name in (old, new):
        try:
            snapshots.append(load_snapshot(name))
        except ElectcliError as exc:
            errors.append(exc)
    _exit_if_invalid(errors)
    diffs = compare(*snapshots)
    if output_format == "json":
        click.echo(diff_report.to_json(diffs), nl=False)
    else:
        from electcli.present.safe_text import escaped

        for line in diff_report.text_lines(diffs):
            click.echo(escaped(line))  # one line each: a name's control characters escaped
    if any(d.outcome_changed for d in diffs):
        sys.exit(ExitStatus.CHANGED)


@cli.command(epilog=examples("electcli runoff primary.yaml -o runoff.yaml", "electcli tally runoff.yaml"))
@click.argument("file", metavar="FILE")
@click.option(
    "--contest", "contest_name", help="The contest to write the runoff for (default: every contest that goes to one)."
)
@click.option(
    "--output",
    "-o",
    "output_path",
    type=click.Path(dir_okay=False),
    help="Write the race file here instead of to standard output.",
)
@click.option("--force", is_flag=True, help=FORCE_HELP)
@allow_path_option
def runoff(file: str, contest_name: str | None, output_path: str | None, force: bool) -> None:
    """Write the race file for a runoff: the candidates sent on, votes left to fill in."""
    from electcli.pipeline import tally_file
    from electcli.runoff import pick, runoff_yaml

    tallied = tally_file(file)
    report_warnings([tallied])
    text = runoff_yaml(tallied.race, pick(tallied.results, contest_name, file), __version__)
    if output_path:
        from electcli.output_file import write_output

        write_output(output_path, text, [file, *_files_read([tallied])], force)
    else:
        click.echo(text, nl=False)


def _clarity_contests(file: str, output_format: str) -> None:
    from electcli.present.clarity_contests import clarity_contest_records, render_clarity_contests
    from electcli.readers.clarity import list_clarity

    parsed = list_clarity(file)
    if output_format == "json":
        import json

        records = clarity_contest_records(parsed)
        click.echo(json.dumps({"file": file, "contests": records}, indent=2, ensure_ascii=False))
        return
    render_clarity_contests(_console(), parsed)


@cli.command(epilog=examples("electcli contests 20200303__al__primary__county.csv"))
@click.argument("file", metavar="FILE")
@format_option(("table", "json"), "table", "For people (table) or scripts (json).")
def contests(file: str, output_format: str) -> None:
    """List the contests in an OpenElections CSV file (offices, districts and parties) or in a
    Clarity results file (detail.xml or detailxml.zip, with the precincts reporting)."""
    from electcli.readers import input_format_of

    if input_format_of(file, None) == "clarity":
        _clarity_contests(file, output_format)
        return
    from electcli.readers.openelections.race import contests_in

    keys = contests_in(file)
    if output_format == "json":
        import json

        click.echo(
            json.dumps({"file": file, "contests": [key._asdict() for key in keys]}, indent=2, ensure_ascii=False)
        )
        return
    from electcli.present.table import render_contest_keys

    render_contest_keys(_console(), file, keys)


@cli.command(epilog=examples("electcli rules", "electcli rules us-fl-amendment"))
@click.argument("names", nargs=-1, metavar="[NAME]...")
@format_option(("table", "json"), "table", "For people (table) or scripts (json).")
def rules(names: tuple[str, ...], output_format: str) -> None:
    """List the rule presets (`rule: us-al-primary`), with their statutes; NAME shows one in full."""
    from electcli.presets import PRESETS

    unknown = [name for name in names if name not in PRESETS]
    if unknown:
        raise UsageError(f"no preset named {', '.join(map(repr, unknown))}; presets: {', '.join(PRESETS)}")
    chosen = list(names) or list(PRESETS)
    if output_format == "json":
        import json

        from electcli.present.records import preset_record

        click.echo(json.dumps({"presets": [preset_record(name) for name in chosen]}, indent=2, ensure_ascii=False))
        return
    from electcli.present.table import render_presets

    render_presets(_console(), chosen, detail=bool(names))


@cli.command(
    epilog=examples(
        "electcli ballots race.yaml --format trace > trace.csv",
        "electcli ballots contest_config.json --format cdf --no-count > cvr.json",
    )
)
@click.argument("source", metavar="SOURCE")
@format_option(
    ("cdf", "csv", "trace"),
    "trace",
    "A NIST SP 1500-103 CDF JSON report as RCTab writes it, RCTab's normalized CVR CSV, or each "
    "ballot's candidate round by round and when and why it became inactive (CSV).",
)
@click.option("--contest", "contest_name", help="A race file's ranked-choice contest, when it has several.")
@click.option(
    "--no-count",
    is_flag=True,
    help="Write the ballots as read, without counting them (RCTab's --convert-to-cdf): in CDF each "
    "ballot has its original snapshot only. The CSV is the same either way; the trace needs the count.",
)
@allow_path_option
def ballots(source: str, output_format: str, contest_name: str | None, no_count: bool) -> None:
    """Write the cast vote records of a ranked-choice contest as electcli read and counted them.

    SOURCE is an RCTab contest configuration or a race file with a ranked-choice contest. Auditors
    can re-count them with another tool; the trace shows each ballot's path through the count.
    """
    from electcli.cast_ballots import read_cast_ballots

    if source == "-":
        raise UsageError("`electcli ballots` reads a file: save the input and name it")
    if no_count and output_format == "trace":
        raise UsageError("--no-count writes the ballots uncounted; the trace is their path through the count")
    cast = read_cast_ballots(source, contest_name, count=not no_count)
    for text in dict.fromkeys(cast.ballots.warnings):
        click.echo(f"electcli: warning: {_printable(text)}", err=True)
    if output_format == "cdf":
        from electcli.present.cast_ballots_cdf import cdf_json

        click.echo(cdf_json(cast), nl=False)
    elif output_format == "csv":
        from electcli.present.cast_ballots import rctab_csv

        click.echo(rctab_csv(cast), nl=False)
    else:
        from electcli.present.cast_ballots import trace_csv

        click.echo(trace_csv(cast), nl=False)


@cli.command(epilog=examples("electcli schema > race-file.schema.json"))
def schema() -> None:
    """Print a JSON Schema of the race file, for editors that validate and complete YAML."""
    import json

    from electcli.presets import PRESETS
    from electcli.schema import race_file_schema

    fixed = {name: preset.written_options() for name, preset in PRESETS.items() if preset.options}
    click.echo(json.dumps(race_file_schema(list(PRESETS), fixed), indent=2, ensure_ascii=False))


def main() -> None:
    cli(prog_name="electcli")
