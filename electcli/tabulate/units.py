"""Results by reporting unit: each unit's counts, shares, leader and margin. Pure."""

from __future__ import annotations

from fractions import Fraction
from typing import NamedTuple

from electcli.model import WRITE_INS, Contest
from electcli.tabulate.result import share_of


class UnitRow(NamedTuple):
    name: str
    total_votes: int  # the unit's candidates plus its unnamed write-ins
    votes: tuple[tuple[str, int], ...]  # every candidate of the contest, in the contest's order
    write_ins: int
    leaders: tuple[str, ...]  # most votes in the unit; more than one when they tie
    margin: int  # leader minus runner-up (0 when tied)

    def share(self, votes: int) -> Fraction:
        return share_of(votes, self.total_votes)

    @property
    def margin_share(self) -> Fraction:
        return share_of(self.margin, self.total_votes)


def unit_rows(contest: Contest) -> list[UnitRow]:
    """One row per unit, in the order the units first appear; [] without results by unit."""
    if contest.results is None:
        return []
    names = [candidate.name for candidate in contest.candidates]
    rows = []
    for unit, counts in contest.results.units().items():
        votes = tuple((name, counts.get(name, 0)) for name in names)
        write_ins = counts.get(WRITE_INS, 0)
        ranked = sorted((count for _, count in votes), reverse=True)
        top = ranked[0] if ranked else 0
        leaders = tuple(name for name, count in votes if count == top) if top else ()
        margin = top - ranked[1] if len(ranked) > 1 else top
        rows.append(UnitRow(unit, sum(ranked) + write_ins, votes, write_ins, leaders, margin))
    return rows
