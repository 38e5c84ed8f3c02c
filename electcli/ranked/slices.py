"""Results by slice (a precinct, a batch: RCTab's "tabulate by precinct / batch"). Pure.

A slice does not hold its own count: it follows the contest's. Its ballots are counted round by
round with the contest's decisions (who is elected or eliminated each round, the threshold, and
each winner's surplus fraction), so each round shows where that slice's ballots stand in the
contest's count, as RCTab's slice reports do (Tabulator: roundTalliesBySlices, tallyTransfersBySlice).

Only the contest's own books carry the residual surplus (votes lost to RCTab's decimal
truncation): a slice's winner keeps every vote its ballots left with them. So, round by round,
the slices' tallies and inactive ballots add up to the contest's, plus the contest's residual
surplus; a ballot whose source names no precinct (or batch) is in no slice.

The contest's count is never touched: nothing here runs unless a breakdown is asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from fractions import Fraction

from electcli.ranked.ballots import BallotGroups
from electcli.ranked.count import Count, Decision
from electcli.ranked.rounds import FINAL_ROUND_SURPLUS, RankedResult, Round
from electcli.ranked.rules import MAJORITY, RankedRules
from electcli.ranked.stv import surplus_fraction

PRECINCT = "precinct"
BATCH = "batch"
SLICE_KINDS = (PRECINCT, BATCH)


def slice_results(
    ballots: BallotGroups, rules: RankedRules, contest: RankedResult
) -> dict[str, dict[str, RankedResult]]:
    """Every slice's rounds, by kind ("precinct", "batch") and slice id, in the order read."""
    return {
        kind: {slice_id: follow(ballots.slice(kind, slice_id), rules, contest) for slice_id in ballots.slices[kind]}
        for kind in SLICE_KINDS
        if kind in ballots.slices
    }


def follow(ballots: BallotGroups, rules: RankedRules, contest: RankedResult) -> RankedResult:
    """``ballots`` (a slice's) counted along the contest's count ``contest``."""
    if not contest.passes:
        return _follow(ballots, rules, contest, 1)
    # multi-pass IRV: each pass excluded the winners of the passes before it
    passes = [
        _follow(
            ballots,
            replace(
                rules, seats=1, winner_mode=MAJORITY, excluded=rules.excluded | frozenset(contest.winners[:number])
            ),
            part,
            number + 1,
        )
        for number, part in enumerate(contest.passes)
    ]
    return RankedResult(
        rounds=tuple(r for p in passes for r in p.rounds),
        winners=contest.winners,
        tied=contest.tied,
        total_ballots=ballots.total,
        undervotes=passes[-1].undervotes if passes else 0,
        ties=(),
        passes=tuple(passes),
    )


def _follow(ballots: BallotGroups, rules: RankedRules, contest: RankedResult, pass_number: int) -> RankedResult:
    count = replay(ballots, rules, contest, pass_number)
    rounds = list(count.rounds)
    if rounds and contest.rounds and FINAL_ROUND_SURPLUS in contest.rounds[-1].inactive:
        last = rounds[-1]  # as the contest's last round: the final-round surplus shown, if only 0
        rounds[-1] = replace(
            last, inactive={**last.inactive, FINAL_ROUND_SURPLUS: last.inactive.get(FINAL_ROUND_SURPLUS, Fraction(0))}
        )
    return RankedResult(
        rounds=tuple(rounds),
        winners=contest.winners,
        tied=contest.tied,
        total_ballots=ballots.total,
        undervotes=count.undervotes,
        ties=(),
    )


def replay(
    ballots: BallotGroups,
    rules: RankedRules,
    contest: RankedResult,
    pass_number: int = 1,
    observe: Callable[[Count, Round], None] | None = None,
) -> Count:
    """Count ``ballots`` round by round with the decisions of ``contest`` (one pass of it), and
    return the count with its rounds recorded. ``observe(count, round)`` sees the count at the
    start of each round, once its tally is known and before anything moves."""
    count = Count(ballots, rules, pass_number)
    index = {name: i for i, name in enumerate(count.names)}
    for round_ in contest.rounds:
        count.round_number = round_.number
        shown = count.tally_now()
        if observe is not None:
            observe(count, round_)
        inactive = list(count.inactive)
        count.check_books(shown, inactive)
        count.threshold = round_.threshold
        decision = Decision(
            elected=[index[name] for name in round_.elected],
            eliminated=[index[name] for name in round_.eliminated],
        )
        # the contest's surplus fraction, from the winner's votes when it was computed
        count.surplus_fractions = {
            index[name]: surplus_fraction(round_.tally[name], round_.threshold, count.decimal_places)
            for name in round_.elected
        }
        count.history.append(shown)
        moved = count.apply(decision)
        # the contest records no transfers after its last round (nothing moves then): neither does a slice
        moved = {source: targets for source, targets in moved.items() if source in round_.transfers}
        count.record(shown, inactive, count.residual, decision, moved)
    return count
