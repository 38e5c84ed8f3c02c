"""RCTab's decisions, round by round (Tabulator.tabulate, identifyWinners, the elimination
steps and shouldContinueTabulating), for counts read from an RCTab configuration.

Order within a round: look for winners first; only a round without winners eliminates, and then
by the first of these that applies: the undeclared write-in placeholder (while it has votes),
everyone under the minimum vote threshold, a batch elimination of two or more, the last-place
candidate (ties settled by the tiebreak mode).
"""

from __future__ import annotations

from fractions import Fraction

from electcli.ranked.count import Count, Decision
from electcli.ranked.elimination import batch_elimination, by_tally
from electcli.ranked.errors import CountAbortedError
from electcli.ranked.rules import BOTTOMS_UP, BOTTOMS_UP_PERCENTAGE, MULTI_WINNER_ONE_PER_ROUND
from electcli.ranked.threshold import Number, rctab_threshold


def _winners(count: Count, tally: dict[int, Number], decision: Decision) -> list[int]:
    rules = count.rules
    uwi = count.uwi
    candidates = [c for c in tally if count.continuing[c]]
    if uwi is not None and count.continuing[uwi] and tally.get(uwi, 0) != 0:
        return []  # no one wins while undeclared write-ins still hold votes
    threshold = count.threshold
    if rules.winner_mode == BOTTOMS_UP_PERCENTAGE:
        if all(tally[c] > threshold for c in candidates):
            return candidates
        return []
    selected: list[int] = []
    unfilled = rules.seats - len(count.winners)
    if unfilled > 0:
        if len(candidates) <= unfilled:
            selected = list(candidates)
        elif rules.first_round_determines_threshold and len(candidates) - 1 == rules.seats:
            top = max(tally[c] for c in candidates)
            selected = [c for c in candidates if tally[c] == top]
        elif rules.winner_mode != BOTTOMS_UP:
            selected = [c for c in candidates if tally[c] >= threshold and c != uwi]
    one_only = len(selected) > 1 and (
        rules.winner_mode == MULTI_WINNER_ONE_PER_ROUND or rules.first_round_determines_threshold
    )
    two_left_none_won = (
        rules.seats == 1
        and not selected
        and len(candidates) == 2
        and unfilled == 1
        and all(tally[c] >= rules.minimum_vote_threshold for c in candidates)
    )
    if one_only or two_left_none_won:
        top = max(tally[c] for c in candidates)
        selected = [c for c in candidates if tally[c] == top]
        if len(selected) > 1:
            chosen = count.tie(selected, "election", True, decision)
            return [] if chosen is None else [chosen]
    return selected


def _eliminate(count: Count, tally: dict[int, Number], decision: Decision) -> list[int]:
    rules = count.rules
    candidates = {c: v for c, v in tally.items() if count.continuing[c]}
    if not candidates:
        return []
    uwi = count.uwi
    if uwi is not None and candidates.get(uwi, 0) > 0:
        return [uwi]
    groups = by_tally(candidates)
    minimum = rules.minimum_vote_threshold
    if minimum > 0 and groups[0][0] < minimum:
        below = [c for votes, cs in groups if votes < minimum for c in cs]
        if len(below) == count.declared_candidates:
            raise CountAbortedError("every declared candidate is below the minimum vote threshold")
        return below
    if rules.cutoff_elimination and rules.winner_mode == BOTTOMS_UP_PERCENTAGE:
        below = [c for votes, cs in groups if votes < count.threshold for c in cs]
        if below and len(below) < len(candidates):
            return below
    if rules.batch_elimination:
        batch = batch_elimination(
            groups, count.decimal_places, rules.continue_until_two, count.eliminated_count, count.candidates_in_count
        )
        if len(batch) > 1:
            return batch
    lowest = groups[0][1]
    if len(lowest) == 1:
        return list(lowest)
    chosen = count.tie(lowest, "elimination", False, decision)
    return [] if chosen is None else [chosen]


def _should_continue(count: Count) -> bool:
    """RCTab's shouldContinueTabulating."""
    rules = count.rules
    if rules.stop_after_round is not None and count.round_number >= rules.stop_after_round:
        return False
    winners = len(count.winners)
    if winners == count.declared_candidates and rules.seats > count.candidates_in_count:
        return False  # more seats than candidates: everyone is elected
    last = count.rounds[-1] if count.rounds else None
    if rules.continue_until_two:
        # a count has at least one round: a pass of multi-pass IRV that starts with one candidate
        # elects that candidate in it (RCTab 2.0.1 tabulates no round there and then fails)
        first = count.round_number == 0
        return (
            first or count.eliminated_count + winners + 1 < count.candidates_in_count or bool(last and last.eliminated)
        )
    if rules.winner_mode == BOTTOMS_UP_PERCENTAGE:
        return winners == 0
    return winners < rules.seats or (count.uses_surpluses and bool(last and last.elected))


def _no_one_left(count: Count) -> str:
    rules = count.rules
    cause = ""
    if rules.winner_mode == BOTTOMS_UP_PERCENTAGE:
        found = "no candidate above the bottoms-up percentage threshold"
    else:
        won = len(count.winners)
        found = f"{won} winner{'s' if won != 1 else ''} for {rules.seats} seat{'s' if rules.seats != 1 else ''}"
        excluded = sum(1 for name in count.names if name in rules.excluded)
        electable = count.declared_candidates - excluded
        if electable < rules.seats:
            # more seats than candidates, which RCTab's own stop for that misses here
            cause = f" (only {electable} candidate{'s' if electable != 1 else ''} can be elected"
            cause += f"; {excluded} {'is' if excluded == 1 else 'are'} excluded)" if excluded else ")"
    return f"every candidate has been elected or eliminated, with {found}{cause}; RCTab stops with an error here too"


class RctabDecider:
    """RCTab's decisions (the module docstring): the ``Decider`` for counts of RCTab configurations."""

    def set_threshold(self, count: Count) -> None:
        rules = count.rules
        percentage = rules.winner_mode == BOTTOMS_UP_PERCENTAGE
        if rules.seats > 1:
            recompute = count.round_number == 1  # multi-seat: fixed by the first round
        else:
            recompute = not rules.first_round_determines_threshold or count.round_number == 1
            if count.winners:
                recompute = False  # continue_until_two after the win: the threshold stays where it was
        if recompute:
            share = None
            if percentage:
                share = rules.bottoms_up_threshold or Fraction(0)  # exact, as RCTab 2.0.1 has it
            count.threshold = rctab_threshold(count.active_votes(), rules, rules.seats, share)

    def decide(self, count: Count, tally: dict[int, Number]) -> Decision:
        decision = Decision()
        winners = _winners(count, tally, decision)
        if decision.tied:
            return decision
        if winners:
            decision.elected = sorted(winners, key=lambda c: (-tally[c], c))
            return decision
        rules = count.rules
        if (
            len(count.winners) < rules.seats
            or (rules.continue_until_two and count.eliminated_count < count.candidates_in_count - 2)
            or rules.winner_mode == BOTTOMS_UP_PERCENTAGE
        ):
            decision.eliminated = _eliminate(count, tally, decision)
        return decision

    def should_continue(self, count: Count) -> bool:
        if not _should_continue(count):
            return False
        rules = count.rules
        unfilled = len(count.winners) < rules.seats or rules.winner_mode == BOTTOMS_UP_PERCENTAGE
        if count.rounds and unfilled and not any(count.continuing):
            # RCTab would start another round with no candidate in it: nobody to elect, and its
            # elimination takes the lowest tally of an empty map, so RCTab fails with an error. Its
            # more-seats-than-candidates stop (below) counts excluded candidates and the write-in
            # placeholder among the declared candidates, so it misses these counts.
            raise CountAbortedError(_no_one_left(count))
        return True
