"""The decisions of a native race file's count (shared/spec/ranked-choice.md).

irv: a candidate with more than half the continuing votes wins (the last continuing candidate
wins too; with ``first_round_determines_threshold``, more than half of the first round's votes,
the figure fixed then, and when no one reaches it the leader of the last two); otherwise the last-place candidate is eliminated (``batch_elimination``: everyone who
cannot catch up at once; ``batch_elimination_if_equal``: also those who could only tie; with
``continue_until_two``, no batch that would leave one candidate). With ``continue_until_two``
eliminations go on after the win, for reporting, until two candidates remain.

stv: everyone reaching the quota is elected (their surpluses move on next); when as many
candidates continue as seats remain they are all elected; otherwise the last-place candidate is
eliminated.

A tie the tiebreak cannot settle (no tiebreak given) stops the count: the outcome is ``tie``;
except two ties that cannot change who wins, which never stop it:
- irv: candidates tied for last whose votes together are fewer than the next candidate's are
  all eliminated at once. Eliminated one by one in any order, each would still be last in turn
  (the others' votes at most add up to fewer than the next candidate's), and every ballot ends
  with the same continuing candidate: the outcome is the same whatever the order.
- irv with ``continue_until_two``: a tie in the rounds after the win (counted for reporting
  only) ends those rounds; the winner stands.

Undeclared write-ins (a CVR source's write-in label) are not a candidate who can win, as
unnamed write-ins in a vote count cannot: while they hold votes they are eliminated first, as
RCTab does.
"""

from __future__ import annotations

from electcli.ranked.count import Count, Decision
from electcli.ranked.elimination import batch_elimination, by_tally
from electcli.ranked.rules import STV
from electcli.ranked.threshold import Number, native_threshold


class NativeDecider:
    """A native race file's decisions (the module docstring): the ``Decider`` for exact counts."""

    def set_threshold(self, count: Count) -> None:
        rules = count.rules
        if (rules.method == STV or rules.first_round_determines_threshold) and count.round_number > 1:
            # the quota is fixed by the valid ballots of the first round; so is irv's majority
            # where the law fixes it there (Minneapolis)
            return
        if count.winners:
            return  # continue_until_two after the win: the threshold stays where it was
        count.threshold = native_threshold(count.active_votes(), count.rules)

    def decide(self, count: Count, tally: dict[int, Number]) -> Decision:
        decision = Decision()
        rules = count.rules
        candidates = [c for c in tally if count.continuing[c]]
        if not candidates:
            return decision
        unfilled = max(rules.seats, 1) - len(count.winners) if rules.method == STV else 1 - len(count.winners)
        uwi = count.uwi
        if unfilled > 0:
            if len(candidates) <= unfilled:
                selected = [c for c in candidates if c != uwi or not tally[c]]
            else:
                selected = [c for c in candidates if tally[c] >= count.threshold and c != uwi]
            if not selected and _last_two_under_a_fixed_threshold(count, tally, candidates):
                # Minneapolis 167.60(c)(1)c-d: of the last two, the one with fewer votes is defeated
                # and the one left is elected, the defeated one's votes not transferred: the leader
                # is elected in this round (RCTab does the same); a tie is settled below
                top = max(tally[c] for c in candidates)
                selected = [c for c in candidates if tally[c] == top]
            selected.sort(key=lambda c: (-tally[c], c))
            while len(selected) > unfilled:
                # more reached the quota than seats remain (only possible with unusual quotas): the
                # fewest votes give way, a tie among them settled by the tiebreak
                low = tally[selected[-1]]
                lowest = [c for c in selected if tally[c] == low]
                if len(lowest) == 1:
                    selected.pop()
                    continue
                loser = count.tie(lowest, "election", False, decision)
                if loser is None:
                    return decision
                selected.remove(loser)
            if selected:
                decision.elected = selected
                return decision
            need_elimination = True
        else:
            need_elimination = rules.method != STV and rules.continue_until_two and len(candidates) > 2
        if not need_elimination:
            return decision
        if uwi is not None and uwi in candidates and tally[uwi]:
            decision.eliminated = [uwi]
            return decision
        groups = by_tally({c: tally[c] for c in candidates})
        if rules.batch_elimination:
            batch = batch_elimination(
                groups, None, False, count.eliminated_count, count.candidates_in_count, rules.batch_elimination_if_equal
            )
            if rules.continue_until_two and count.eliminated_count + len(batch) >= count.candidates_in_count - 1:
                # a batch that would leave one candidate is not made: the last-place candidate goes
                # alone (New York City Charter § 1057-g(e)(2)(b); RCTab makes a smaller batch)
                batch = []
            if len(batch) > 1:
                decision.eliminated = batch
                return decision
        lowest = groups[0][1]
        if len(lowest) == 1:
            decision.eliminated = list(lowest)
            return decision
        chosen = count.tie(lowest, "elimination", False, decision)
        if chosen is not None:
            decision.eliminated = [chosen]
        elif rules.method != STV:
            if unfilled <= 0:
                decision.tied = []  # a tie in the rounds after the win: they end; the winner stands
            elif len(groups) > 1 and sum(tally[c] for c in lowest) < groups[1][0]:
                decision.tied = []  # a tie that cannot change who wins (module docstring)
                decision.eliminated = sorted(lowest)
        return decision

    def should_continue(self, count: Count) -> bool:
        rules = count.rules
        if not count.rounds:
            return True
        if rules.stop_after_round is not None and count.round_number >= rules.stop_after_round:
            return False
        last = count.rounds[-1]
        if not last.elected and not last.eliminated:
            return False  # nothing left to decide (or an unsettled tie)
        seats = max(rules.seats, 1) if rules.method == STV else 1
        if len(count.winners) < seats:
            return True
        # every seat filled: irv with continue_until_two shows the count down to two candidates
        if rules.method == STV or not rules.continue_until_two:
            return False
        return len(count.continuing_candidates()) > 2 or bool(last.eliminated)


def _last_two_under_a_fixed_threshold(count: Count, tally: dict[int, Number], candidates: list[int]) -> bool:
    """irv with the threshold fixed in round 1, two candidates left, neither of them undeclared
    write-ins holding votes, and no one at the threshold."""
    rules = count.rules
    uwi = count.uwi
    return (
        rules.method != STV
        and rules.first_round_determines_threshold
        and len(candidates) == 2
        and not (uwi in candidates and tally[uwi])
    )
