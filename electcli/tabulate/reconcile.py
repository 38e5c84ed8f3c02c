"""Reconciliation: do the counts a source reports beside the votes agree with the votes? Pure.

Each check compares two numbers that must agree (or one that must not exceed the other) and
reports a ``Gap`` with both numbers when they do not. The checks use only counts the source
gives: ballots cast against votes plus over and under votes, and ballots against registered
voters. Totals against reporting units never reach here: a disagreement there is an error when
the file is read.
"""

from __future__ import annotations

from typing import NamedTuple

from electcli.model import Contest


class Gap(NamedTuple):
    check: str  # what was compared
    expected: int
    actual: int
    detail: str  # the comparison in words, both numbers named

    @property
    def gap(self) -> int:
        return self.expected - self.actual


def gaps(contest: Contest) -> tuple[Gap, ...]:
    reported = dict(contest.reported)
    found = []
    total = contest.total_votes
    ballots = reported.get("ballots_cast")
    over, under = reported.get("over_votes"), reported.get("under_votes")
    # Each ballot holds `seats` votes: each is cast for a candidate, over-voted or left unused.
    if ballots is not None and (over is not None or under is not None):
        accounted = total + (over or 0) + (under or 0)
        if ballots * contest.seats != accounted:
            held = f"{ballots:,} ballots cast" + (
                f" x {contest.seats} votes each = {ballots * contest.seats:,}" if contest.seats > 1 else ""
            )
            found.append(
                Gap(
                    "ballots_cast",
                    ballots * contest.seats,
                    accounted,
                    f"{held}, but votes + over votes + under votes = {total:,} + {over or 0:,} + {under or 0:,} = {accounted:,}",
                )
            )
    elif ballots is not None and total > ballots * contest.seats:
        found.append(
            Gap(
                "ballots_cast",
                ballots * contest.seats,
                total,
                f"{total:,} votes counted, more than the {ballots * contest.seats:,} the {ballots:,} ballots cast can hold",
            )
        )
    registered = reported.get("registered_voters")
    if registered is not None and ballots is not None and ballots > registered:
        found.append(
            Gap(
                "registered_voters",
                registered,
                ballots,
                f"{ballots:,} ballots cast, more than the {registered:,} registered voters",
            )
        )
    return tuple(found)
