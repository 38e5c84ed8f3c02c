"""The command line: a thin click layer over the library. The only module that imports click.

Errors from the library are the project's own exceptions; ``ElectcliGroup.invoke`` turns them
into a message on stderr and exit status 2 in this one place.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import click

from electcli import __version__
from electcli.errors import ElectcliError
from electcli.pipeline import Tallied, find_race_files, tally_all
from electcli.readers import INPUT_FORMATS
from electcli.status import ExitStatus

OUTPUT_FORMATS = ("table", "json", "csv")


def report_error(error: ElectcliError) -> None:
    click.echo(f"electcli: error: {error}", err=True)


class ElectcliGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ElectcliError as error:
            report_error(error)
            ctx.exit(ExitStatus.INVALID)


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    # click.version_option would do, but it imports locale: start-up time on every command.
    if value and not ctx.resilient_parsing:
        click.echo(f"electcli {__version__}")
        ctx.exit()


@click.group(cls=ElectcliGroup, context_settings={"help_option_names": ["-h", "--help"]})
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


@cli.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option(
    "--format",
    "-f",
    "output_format",
    type=click.Choice(OUTPUT_FORMATS),
    default="table",
    show_default=True,
    help="Output: a table for people, JSON or CSV for scripts.",
)
@click.option(
    "--input-format",
    type=click.Choice(INPUT_FORMATS),
    help="Format of the input, for standard input or an unusual file name.",
)
def tally(files: tuple[str, ...], output_format: str, input_format: str | None) -> None:
    """Tally race files and show who won, who advances, ties and margins.

    FILE may be - for standard input. Every file is checked before anything is printed.
    """
    _no_double_stdin(files)
    tallied, errors = tally_all(files, input_format)
    if errors:
        for error in errors:
            report_error(error)
        sys.exit(ExitStatus.INVALID)
    _emit(tallied, output_format)


def _emit(tallied: list[Tallied], output_format: str) -> None:
    pairs = [(item.race, item.results) for item in tallied]
    if output_format == "json":
        from electcli.present.machine import to_json

        click.echo(to_json(pairs), nl=False)
    elif output_format == "csv":
        from electcli.present.machine import to_csv

        click.echo(to_csv(pairs), nl=False)
    else:
        from electcli.present.table import make_console, render

        render(pairs, make_console())


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
def check(paths: tuple[str, ...]) -> None:
    """Check the `expected:` blocks of race files, for CI.

    PATH is a race file or a folder searched recursively for *.yaml and *.yml. Exit status 0 when
    every expectation holds, 1 when one does not, 2 when a file is invalid or nothing is expected.
    """
    from electcli.check import mismatches

    _no_double_stdin(paths)
    files, errors = find_race_files(paths)
    tallied, read_errors = tally_all(files)
    errors += read_errors
    passed = failed = 0
    unchecked: list[str] = []
    for item in tallied:
        for result in item.results:
            label = f"{item.race.path}: {result.contest.name}"
            expected = result.contest.expected
            if expected is None:
                unchecked.append(label)
                continue
            problems = mismatches(result)
            if not problems:
                passed += 1
                click.echo(f"PASS {label}")
                continue
            failed += 1
            click.echo(f"FAIL {expected.location}: {result.contest.name}")
            for problem in problems:
                click.echo(f"  {problem.field}: expected {_shown(problem.expected)}, got {_shown(problem.actual)}")
    for label in unchecked:
        click.echo(f"UNCHECKED {label} (no expected block)")
    for error in errors:
        report_error(error)
    click.echo(
        f"checked {passed + failed} contests in {len(tallied)} files: {passed} passed, {failed} failed, {len(unchecked)} unchecked, {len(errors)} invalid"
    )
    if not errors and passed + failed == 0:
        click.echo("electcli: error: no contest has an `expected:` block, so nothing was checked", err=True)
        sys.exit(ExitStatus.INVALID)
    if errors:
        sys.exit(ExitStatus.INVALID)
    if failed:
        sys.exit(ExitStatus.CHECK_FAILED)


def _shown(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def main() -> None:
    cli(prog_name="electcli")
