"""The command line: a thin click layer over the library. The only module that imports click.

Errors from the library are the project's own exceptions; ``ElectcliGroup.invoke`` turns them
into a message on stderr and exit status 2 in this one place.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Any

import click

from electcli import __version__
from electcli.errors import ElectcliError, UsageError
from electcli.pipeline import find_race_files, tally_all
from electcli.ranked.errors import CountInvariantError
from electcli.readers import INPUT_FORMATS
from electcli.status import ExitStatus
from electcli.tabulate.result import Tallied

OUTPUT_FORMATS = ("table", "json", "csv", "nist", "rctab", "html")


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


def examples(*lines: str) -> str:
    """A command's --help epilog: one or two examples, kept on their own lines (click's \\b)."""
    return "Examples:\n\n\b\n" + "\n".join(f"  {line}" for line in lines)


def report_error(error: ElectcliError) -> None:
    click.echo(f"electcli: error: {error}", err=True)


def _exit_if_invalid(errors: Sequence[ElectcliError]) -> None:
    """Report every error, then exit 2: nothing is printed on stdout for invalid input."""
    if errors:
        for problem in errors:
            report_error(problem)
        sys.exit(ExitStatus.INVALID)


class ElectcliGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
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
    "--contest",
    "contest_names",
    multiple=True,
    help="Clarity input (detail.xml, detailxml.zip): a contest to tally, by name (repeatable); all by default.",
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
def tally(
    files: tuple[str, ...],
    output_format: str,
    input_format: str | None,
    strict: bool,
    by_unit: bool,
    vote_types: bool,
    timestamp: bool,
    contest_names: tuple[str, ...],
    office: str | None,
    district: str | None,
    party: str | None,
    rule_name: str | None,
    seats: int,
) -> None:
    """Tally race files and show who won, who advances, ties and margins.

    FILE is a race file (.yaml), a NIST SP 1500-100 results report or an RCTab contest
    configuration (.json), or an OpenElections file (.csv, with --office). FILE may be - for
    standard input. Every file is checked before anything is printed.
    """
    _no_double_stdin(files)
    selection = None
    if office or district or party or rule_name or seats != 1 or contest_names:
        from electcli.readers import input_format_of
        from electcli.readers.openelections.race import Selection

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
    with _progress_on_terminal():
        tallied, errors = tally_all(files, input_format, strict, selection)
    _exit_if_invalid(errors)
    _emit(tallied, output_format, timestamp, by_unit, vote_types)
    from electcli.runoff import unfilled_notes

    for note in unfilled_notes([(item.race, item.results) for item in tallied]):
        click.echo(note, err=True)


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

        click.echo(to_csv(tallied, by_unit), nl=False)
    else:
        from electcli.present.table import make_console, render

        render(tallied, make_console(), by_unit, vote_types)


@cli.command(epilog=examples("electcli check race.yaml", "electcli check sample_races --junit electcli-junit.xml"))
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@format_option(("text", "json"), "text", "Report for people (text) or scripts (json).")
@click.option(
    "--junit",
    "junit_path",
    type=click.Path(dir_okay=False, writable=True),
    help="Also write a JUnit XML report to this file, for CI systems.",
)
def check(paths: tuple[str, ...], output_format: str, junit_path: str | None) -> None:
    """Check the `expected:` blocks of race files, for CI.

    PATH is a race file or a folder searched recursively for *.yaml and *.yml. Exit status 0 when
    every expectation holds, 1 when one does not, 2 when a file is invalid or nothing is expected.
    Under GitHub Actions (GITHUB_ACTIONS=true) failures are also printed as annotations that point
    at the file and line.
    """
    from electcli.check import FAILED, build_report
    from electcli.present import check_report

    _no_double_stdin(paths)
    files, errors = find_race_files(paths)
    tallied, read_errors = tally_all(files)
    report = build_report([(item.race, item.results) for item in tallied], [*errors, *read_errors])
    if output_format == "json":
        click.echo(check_report.to_json(report), nl=False)
    else:
        for line in check_report.text_lines(report):
            click.echo(line)
        for error in report.errors:
            report_error(error)
        click.echo(check_report.summary(report))
    if os.environ.get("GITHUB_ACTIONS") == "true":
        # Beside a JSON report the annotations go to stderr, so that stdout stays one JSON document.
        for line in check_report.github_annotations(report):
            click.echo(line, err=output_format == "json")
    if junit_path:
        _write_text(junit_path, check_report.to_junit(report))
    if report.nothing_expected:
        click.echo("electcli: error: no contest has an `expected:` block, so nothing was checked", err=True)
        sys.exit(ExitStatus.INVALID)
    if report.errors:
        sys.exit(ExitStatus.INVALID)
    if report.count(FAILED):
        sys.exit(ExitStatus.CHECK_FAILED)


def _write_text(path: str, text: str) -> None:
    try:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None


@cli.command(
    epilog=examples(
        "electcli tally results.yaml --format json > 2100.json",
        'electcli diff 2100.json results.yaml || echo "an outcome changed"',
    )
)
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@format_option(("text", "json"), "text", "Report for people (text) or scripts (json).")
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
        for line in diff_report.text_lines(diffs):
            click.echo(line)
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
def runoff(file: str, contest_name: str | None, output_path: str | None) -> None:
    """Write the race file for a runoff: the candidates sent on, votes left to fill in."""
    from electcli.pipeline import tally_file
    from electcli.runoff import pick, runoff_yaml

    tallied = tally_file(file)
    text = runoff_yaml(tallied.race, pick(tallied.results, contest_name, file), __version__)
    if output_path:
        _write_text(output_path, text)
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
    from electcli.present.table import make_console

    render_clarity_contests(make_console(), parsed)


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
    from electcli.present.table import make_console, render_contest_keys

    render_contest_keys(make_console(), file, keys)


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
    from electcli.present.table import make_console, render_presets

    render_presets(make_console(), chosen, detail=bool(names))


@cli.command(epilog=examples("electcli schema > race-file.schema.json"))
def schema() -> None:
    """Print a JSON Schema of the race file, for editors that validate and complete YAML."""
    import json

    from electcli.presets import PRESETS
    from electcli.schema import race_file_schema

    click.echo(json.dumps(race_file_schema(list(PRESETS)), indent=2, ensure_ascii=False))


def main() -> None:
    cli(prog_name="electcli")
