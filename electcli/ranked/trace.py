"""Where every ballot stands in every round of a count: for ``electcli ballots --format trace``
and the NIST CDF cast vote records (RCTab's ``generateCdfJson``). Pure.

Identical rankings travel together, so the trace is worked out per distinct ranking (group) and
holds for each of its ballots. The ballots are counted again with the contest's decisions
(``slices.replay``); at the start of each round the trace records, for each group, the value each
of its ballots gives to each candidate (the candidate it counts for, and the winners who kept part
of it when their surplus moved on), and for a ballot that left the count, the round it was first
inactive in, why, and the value that left with it.

Round by round, these add up to the count's figures: a candidate's votes are the sum over ballots
of what each gives them (an RCTab winner's figure is capped at the threshold, the rest being the
residual surplus), and each reason's inactive ballots are the sum of the values that left for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from fractions import Fraction

from electcli.ranked.ballot_walk import Walker
from electcli.ranked.ballots import BallotGroups
from electcli.ranked.count import Count
from electcli.ranked.rounds import FINAL_ROUND_SURPLUS as FINAL_ROUND_SURPLUS_KEY
from electcli.ranked.rounds import INACTIVE_REASONS, RankedResult, Round
from electcli.ranked.rules import MAJORITY, RankedRules
from electcli.ranked.slices import replay

_REASONS = (*INACTIVE_REASONS, FINAL_ROUND_SURPLUS_KEY)


@dataclass
class GroupTrace:
    """One distinct ranking's path through the count (every ballot with it follows it)."""

    # per round of the count (every pass's, in order): candidate -> the value each ballot gives them
    allocations: list[dict[str, Fraction]] = field(default_factory=list)
    # per round: the candidate the ballot counts for (None once inactive)
    counts_for: list[str | None] = field(default_factory=list)
    # per round: None while it counts, else why it left the count (one of INACTIVE_REASONS, or
    # final_round_surplus) and the value that left with it
    left: list[tuple[str, Fraction] | None] = field(default_factory=list)

    @property
    def inactive_round(self) -> int | None:
        """The round (1-based, through every pass) from which the ballot is inactive to the end."""
        if not self.left or self.left[-1] is None:
            return None
        number = len(self.left)
        while number > 1 and self.left[number - 2] is not None:
            number -= 1
        return number


@dataclass(frozen=True)
class BallotTrace:
    """The count's rounds and, parallel to ``BallotGroups.rankings``, each group's trace (None
    for a ranking that ranks no one: it never enters the count)."""

    rounds: tuple[Round, ...]
    groups: tuple[GroupTrace | None, ...]


def trace_ballots(ballots: BallotGroups, rules: RankedRules, contest: RankedResult) -> BallotTrace:
    if not contest.passes:
        return BallotTrace(contest.rounds, tuple(_trace(ballots, rules, contest, 1)))
    # multi-pass IRV: each pass counts every ballot again, without the winners before it; a
    # ballot's trace runs through every pass's rounds in turn, and ends at the last pass's
    combined: list[GroupTrace | None] = [None] * len(ballots.rankings)
    for number, part in enumerate(contest.passes):
        pass_rules = replace(
            rules, seats=1, winner_mode=MAJORITY, excluded=rules.excluded | frozenset(contest.winners[:number])
        )
        for i, trace in enumerate(_trace(ballots, pass_rules, part, number + 1)):
            if trace is None:
                continue
            whole = combined[i]
            if whole is None:
                whole = combined[i] = GroupTrace()
            whole.allocations.extend(trace.allocations)
            whole.counts_for.extend(trace.counts_for)
            whole.left.extend(trace.left)
    return BallotTrace(contest.rounds, tuple(combined))


def _trace(
    ballots: BallotGroups, rules: RankedRules, contest: RankedResult, pass_number: int
) -> list[GroupTrace | None]:
    # the count keeps the groups that rank someone, in order (Count.__init__): map them back
    walker = Walker(rules, [True] * len(ballots.candidates))
    kept_groups = [
        i
        for i, (ranking, n) in enumerate(zip(ballots.rankings, ballots.counts, strict=True))
        if n > 0 and walker.effective(ranking)
    ]
    traces: list[GroupTrace | None] = [None] * len(ballots.rankings)
    mine = [GroupTrace() for _ in kept_groups]
    for g, i in enumerate(kept_groups):
        traces[i] = mine[g]
    kept: list[dict[int, Fraction]] = [{} for _ in kept_groups]  # winner -> value kept, per group
    state = _State()

    def observe(count: Count, round_: Round) -> None:
        where: dict[int, int] = {}
        for candidate, members in enumerate(count.members):
            for g in members:
                where[g] = candidate
        names = count.names
        for g, trace in enumerate(mine):
            value = Fraction(count.value[g])
            c = where.get(g)
            was = state.before[-1].get(g) if state.before else None
            if was is not None and was in state.surplus_from and c != was:
                # this ballot's winner passed its surplus on: the winner keeps the rest
                give = state.values[g] - value
                if give > 0 or state.values[g] == 0:
                    kept[g][was] = kept[g].get(was, Fraction(0)) + give
            allocation = {names[w]: v for w, v in kept[g].items()}
            if c is not None:
                allocation[names[c]] = allocation.get(names[c], Fraction(0)) + value
                trace.counts_for.append(names[c])
                trace.left.append(None)
            else:
                trace.counts_for.append(None)
                gone = trace.left[-1] if trace.left else None
                if gone is None:  # it leaves the count now: why, and with what value
                    if was is not None and was in state.final_from:
                        gone = (FINAL_ROUND_SURPLUS_KEY, value)
                    else:
                        start = 0 if was is None else count.pos[g] + 1
                        gone = (_REASONS[count.walker.walk(count.rankings[g], start)[1]], value)
                trace.left.append(gone)
            trace.allocations.append(allocation)
        state.before.append(where)
        state.values = [Fraction(v) for v in count.value]
        index = {name: k for k, name in enumerate(names)}
        elected = {index[name] for name in round_.elected}
        state.surplus_from = elected if count.uses_surpluses else set()
        # RCTab: once every seat is filled, the winners' surpluses leave the count
        filling = len(count.winners) + len(elected) >= count.rules.seats
        state.final_from = elected if count.uses_surpluses and count.rctab and filling else set()

    replay(ballots, rules, contest, pass_number, observe)
    return traces


@dataclass
class _State:
    before: list[dict[int, int]] = field(default_factory=list)  # group -> candidate, per round so far
    values: list[Fraction] = field(default_factory=list)  # each group's value at the last round's start
    surplus_from: set[int] = field(default_factory=set)  # winners of the last round passing a surplus
    final_from: set[int] = field(default_factory=set)  # ... whose surplus then leaves the count


def totals(trace: BallotTrace, counts: tuple[int, ...]) -> list[tuple[dict[str, Fraction], dict[str, Fraction]]]:
    """Per round: (each candidate's votes, each inactive reason's ballots), summed from the trace."""
    found: list[tuple[dict[str, Fraction], dict[str, Fraction]]] = []
    for number in range(len(trace.rounds)):
        votes: dict[str, Fraction] = {}
        inactive: dict[str, Fraction] = {}
        for group, n in zip(trace.groups, counts, strict=True):
            if group is None:
                continue
            for name, value in group.allocations[number].items():
                votes[name] = votes.get(name, Fraction(0)) + value * n
            gone = group.left[number]
            if gone is not None:
                inactive[gone[0]] = inactive.get(gone[0], Fraction(0)) + gone[1] * n
        found.append((votes, inactive))
    return found
