"""Read and tabulate whole inputs, collecting every file's error instead of stopping at the first.

``tally`` must check every file before it prints anything, and ``check`` must go on past an
invalid file; both get that from here.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from electcli.errors import ElectcliError, InputError
from electcli.model import RaceFile
from electcli.progress import progress
from electcli.readers import read_input
from electcli.tabulate import tabulate
from electcli.tabulate.result import Result, Tallied

if TYPE_CHECKING:
    from electcli.readers.selection import Selection


def tally_file(
    name: str,
    input_format: str | None = None,
    strict: bool = False,
    selection: Selection | None = None,
    verify: Callable[[RaceFile], None] | None = None,
) -> Tallied:
    """Read and tabulate one input; with ``strict``, counts that do not reconcile are an error.

    ``selection`` chooses the contest of an OpenElections CSV file. ``verify`` (``--checksums``)
    checks the files read before any contest is counted.
    """
    progress(f"reading {os.path.basename(name) if name != '-' else 'standard input'}")
    race = read_input(name, input_format, selection)
    if verify is not None:
        verify(race)
    results = tuple(_tabulated(race))
    if strict:
        for result in results:
            if result.gaps:
                gap = result.gaps[0]
                raise InputError(
                    result.contest.location,
                    f"the counts of {result.contest.name!r} do not reconcile: {gap.detail}",
                    "correct the counts, or leave out --strict to report the gap as a warning",
                )
    return Tallied(race, results)


def _tabulated(race: RaceFile) -> Iterator[Result]:
    """Each contest's result, reporting progress (a statewide file has thousands of contests)."""
    total = len(race.contests)
    for done, contest in enumerate(race.contests):
        progress("counting", done, total)
        yield tabulate(contest)
    progress("counting", total, total)


def tally_all(
    names: Sequence[str],
    input_format: str | None = None,
    strict: bool = False,
    selection: Selection | None = None,
    verify: Callable[[RaceFile], None] | None = None,
) -> tuple[list[Tallied], list[ElectcliError]]:
    tallied: list[Tallied] = []
    errors: list[ElectcliError] = []
    for name in names:
        try:
            tallied.append(tally_file(name, input_format, strict, selection, verify))
        except ElectcliError as exc:
            errors.append(exc)
    return tallied, errors


def load_snapshot(name: str) -> list[dict[str, Any]]:
    """Contest records from a result snapshot: JSON written by ``--format json``, or a race file."""
    if name.lower().endswith(".json"):
        from electcli.readers.json_text import load_json
        from electcli.readers.source import read_source

        source = read_source(name)
        document = load_json(source.text, name, duplicates=False)
        from electcli.readers import is_rctab_config

        contests = document.get("contests") if isinstance(document, dict) else None
        if contests is None and is_rctab_config(document):  # an input, not a snapshot: tally it
            from electcli.present.records import contest_record

            tallied = tally_file(name, "json")
            return [contest_record(tallied.race, result) for result in tallied.results]
        from electcli.readers.snapshot import check_snapshot

        return check_snapshot(document, source.text, name)
    from electcli.present.records import contest_record

    tallied = tally_file(name)
    return [contest_record(tallied.race, result) for result in tallied.results]
