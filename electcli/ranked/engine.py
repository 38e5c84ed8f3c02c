"""The ranked-choice count: ``count_ranked(ballots, rules) -> RankedResult``. Pure: no I/O.

Each round: record the tally, set the threshold, decide (winners, else eliminations), then move
the ballots of those elected (their surplus) or eliminated. The books are checked every round:
active + inactive + residual surplus equals the ballots that ranked anyone (``CountInvariantError``
otherwise). Native race files follow ``NativeDecider`` (decide_native); RCTab configurations
(``decimal_places`` set) follow ``RctabDecider`` (decide_rctab). Multi-pass IRV (RCTab) runs one single-seat count per seat, each
excluding the winners of the passes before.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from electcli.ranked.ballots import BallotGroups
from electcli.ranked.count import Count, Decider
from electcli.ranked.decide_native import NativeDecider
from electcli.ranked.errors import CountAbortedError, CountInvariantError
from electcli.ranked.rounds import FINAL_ROUND_SURPLUS, RankedResult
from electcli.ranked.rules import MAJORITY, MULTI_PASS_IRV, RankedRules

__all__ = ["CountAbortedError", "CountInvariantError", "count_ranked"]


def count_ranked(ballots: BallotGroups, rules: RankedRules) -> RankedResult:
    # The rules checked themselves when built (RankedRules.__post_init__): continue_until_two is
    # single-seat (or multi-pass IRV) only, seats and winner mode go together.
    if rules.winner_mode == MULTI_PASS_IRV:
        return _multi_pass(ballots, rules)
    return _run(Count(ballots, rules))


def _run(count: Count) -> RankedResult:
    rctab = count.rctab
    decider: Decider = NativeDecider()
    if rctab:
        from electcli.ranked.decide_rctab import RctabDecider  # only for RCTab configurations

        decider = RctabDecider()
    # a count can never take more rounds than there are candidates to elect or eliminate, plus
    # the closing rounds; anything more is a bug, not a long count
    limit = 2 * count.n + 4
    while decider.should_continue(count):
        count.round_number += 1
        if count.round_number > limit:
            raise CountInvariantError(f"the count did not finish within {limit} rounds")
        shown = count.tally_now()
        inactive = list(count.inactive)
        residual = count.residual
        count.check_books(shown, inactive)
        decider.set_threshold(count)
        decision = decider.decide(count, shown)
        count.history.append(shown)
        moved = count.apply(decision)
        count.record(shown, inactive, residual, decision, moved)
        if decision.tied:
            count.tied = decision.tied
            break
        if moved and not decider.should_continue(count):
            # no round follows, so no ballots move (RCTab records transfers in the next round)
            count.rounds[-1] = replace(count.rounds[-1], transfers={})
            break
    # the books balance after the last moves too (winners who kept all their votes included)
    count.check_books({c: count.tally[c] + count.kept.get(c, 0) for c in range(count.n)}, count.inactive)
    rounds = list(count.rounds)
    if rctab and count.uses_surpluses and rounds and FINAL_ROUND_SURPLUS not in rounds[-1].inactive:
        # RCTab reports the final-round surplus (possibly 0) in the last round of such counts
        last = rounds[-1]
        rounds[-1] = replace(last, inactive={**last.inactive, FINAL_ROUND_SURPLUS: Fraction(0)})
    return RankedResult(
        rounds=tuple(rounds),
        winners=tuple(count.names[c] for c in count.winners),
        tied=tuple(count.names[c] for c in count.tied),
        total_ballots=count.total_ballots,
        undervotes=count.undervotes,
        ties=tuple(count.ties),
        residual_surplus=Fraction(count.residual),
    )


def _multi_pass(ballots: BallotGroups, rules: RankedRules) -> RankedResult:
    """RCTab's multi-pass IRV: a single-seat count per seat, each without the earlier winners."""
    passes: list[RankedResult] = []
    winners: list[str] = []
    for number in range(1, max(rules.seats, 1) + 1):
        pass_rules = replace(rules, seats=1, winner_mode=MAJORITY, excluded=rules.excluded | frozenset(winners))
        declared = [name for i, name in enumerate(ballots.candidates) if i != ballots.undeclared_write_in]
        if all(name in pass_rules.excluded for name in declared):
            # More seats than candidates who can be elected (some are excluded). RCTab 2.0.1 does not
            # stop cleanly here: it runs a pass with no candidate and fails, or elects the write-in
            # placeholder to a seat, or stops after fewer passes than it could run (its stop for
            # more seats than candidates counts excluded candidates as declared). electcli stops
            # with an error rather than report fewer winners than seats.
            raise CountAbortedError(
                f"multi-pass IRV fills {rules.seats} seats, but after {len(winners)} pass"
                f"{'es' if len(winners) != 1 else ''} every candidate has won or is excluded"
                " (RCTab 2.0.1 cannot count this either: it fails, elects the undeclared write-ins,"
                " or stops with fewer winners than seats)"
            )
        result = _run(Count(ballots, pass_rules, pass_number=number))
        passes.append(result)
        if result.tied or len(result.winners) != 1:
            break
        winners.append(result.winners[0])
    last = passes[-1] if passes else None
    return RankedResult(
        rounds=tuple(r for p in passes for r in p.rounds),
        winners=tuple(winners),
        tied=last.tied if last else (),
        total_ballots=ballots.total,
        undervotes=last.undervotes if last else 0,
        ties=tuple(t for p in passes for t in p.ties),
        residual_surplus=Fraction(0),
        passes=tuple(passes),
    )
