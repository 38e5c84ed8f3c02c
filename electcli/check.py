"""``electcli check``: compare each contest's ``expected`` block with its result. Pure: no I/O.

``build_report`` turns tallied files (and the errors met reading them) into a ``Report`` that the
presenters in ``electcli.present.check_report`` render as text, JSON, JUnit XML or GitHub
annotations, and that the CLI maps to an exit status.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from electcli.errors import ElectcliError, Location
from electcli.model import RaceFile
from electcli.tabulate.result import Result

PASSED = "passed"
FAILED = "failed"
UNCHECKED = "unchecked"


class Mismatch(NamedTuple):
    field: str
    expected: object
    actual: object


class Entry(NamedTuple):
    """One contest's check."""

    file: str
    contest: str
    status: str  # passed, failed or unchecked
    location: Location  # the expected block, or the contest when there is none
    mismatches: tuple[Mismatch, ...] = ()
    # a ranked-choice contest, whose `winners` are in the order elected rather than finishing order
    ranked: bool = False


class Report(NamedTuple):
    entries: tuple[Entry, ...]
    errors: tuple[ElectcliError, ...]  # invalid files, each with its location
    files: int  # files read successfully

    def count(self, status: str) -> int:
        return sum(1 for entry in self.entries if entry.status == status)

    @property
    def nothing_expected(self) -> bool:
        return not self.errors and self.count(PASSED) + self.count(FAILED) == 0


def mismatches(result: Result) -> list[Mismatch]:
    """Every expectation that does not hold; lists compare in order, except ``tied`` (a set)."""
    expected = result.contest.expected
    if expected is None:
        return []
    found = []
    if expected.outcome is not None and expected.outcome != result.outcome:
        found.append(Mismatch("outcome", expected.outcome, result.outcome))
    # `leading` (an incomplete count) is an outcome of its own: it never equals a final one.
    for field in ("winners", "advancing", "leaders"):
        want = getattr(expected, field)
        have = getattr(result, field)
        if want is not None and tuple(want) != tuple(have):
            found.append(Mismatch(field, list(want), list(have)))
    if expected.tied is not None and set(expected.tied) != set(result.tied):
        found.append(Mismatch("tied", sorted(expected.tied), sorted(result.tied)))
    if expected.recount is not None and expected.recount != result.recount:
        found.append(Mismatch("recount", expected.recount, result.recount))
    return found


def build_report(tallied: Sequence[tuple[RaceFile, Sequence[Result]]], errors: Sequence[ElectcliError]) -> Report:
    entries = []
    for race, results in tallied:
        for result in results:
            contest = result.contest
            if contest.expected is None:
                entries.append(Entry(race.path, contest.name, UNCHECKED, contest.location))
                continue
            found = tuple(mismatches(result))
            entries.append(
                Entry(
                    race.path,
                    contest.name,
                    FAILED if found else PASSED,
                    contest.expected.location,
                    found,
                    ranked=result.ranked is not None,
                )
            )
    return Report(tuple(entries), tuple(errors), len(tallied))
