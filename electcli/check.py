"""Compare a contest's ``expected`` block with its result: the core of ``electcli check``."""

from __future__ import annotations

from typing import NamedTuple

from electcli.tabulate.result import Result


class Mismatch(NamedTuple):
    field: str
    expected: object
    actual: object


def mismatches(result: Result) -> list[Mismatch]:
    """Every expectation that does not hold; lists compare in order, except ``tied`` (a set)."""
    expected = result.contest.expected
    if expected is None:
        return []
    found = []
    if expected.outcome is not None and expected.outcome != result.outcome:
        found.append(Mismatch("outcome", expected.outcome, result.outcome))
    for field in ("winners", "advancing"):
        want = getattr(expected, field)
        have = getattr(result, field)
        if want is not None and tuple(want) != tuple(have):
            found.append(Mismatch(field, list(want), list(have)))
    if expected.tied is not None and set(expected.tied) != set(result.tied):
        found.append(Mismatch("tied", sorted(expected.tied), sorted(result.tied)))
    if expected.recount is not None and expected.recount != result.recount:
        found.append(Mismatch("recount", expected.recount, result.recount))
    return found
