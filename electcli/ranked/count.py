"""The state of one count (one pass of a multi-pass count); the round loop is ``engine``'s.

Ballots stay grouped: each group has one ranking, a number of identical ballots, the rank and
candidate it currently counts for, and the value each of its ballots still carries (1, or less
after surplus transfers). Each candidate keeps the list of groups counting for them, so a round
moves only the groups of the candidates just eliminated or elected; nothing rescans every group.

Which candidates win or go each round is decided by a ``Decider``: ``NativeDecider``
(decide_native: race files, exact arithmetic) or ``RctabDecider`` (decide_rctab: RCTab
configurations, RCTab's rules to the digit).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Protocol

from electcli.ranked.ballot_walk import EXHAUSTED_CHOICES, FINAL_ROUND_SURPLUS, Walker
from electcli.ranked.ballots import BallotGroups, Ranking
from electcli.ranked.errors import CountInvariantError
from electcli.ranked.rounds import (
    EXHAUSTED,
    INACTIVE_REASONS,
    RESIDUAL_SURPLUS,
    Round,
    TieDecision,
)
from electcli.ranked.rounds import FINAL_ROUND_SURPLUS as FINAL_ROUND_SURPLUS_KEY
from electcli.ranked.rules import (
    BOTTOMS_UP,
    BOTTOMS_UP_PERCENTAGE,
    STV,
    TIE_ORDER,
    RankedRules,
)
from electcli.ranked.stv import split_value, surplus_fraction
from electcli.ranked.threshold import Number
from electcli.ranked.tiebreak import TieBreaker

CONTINUING, ELECTED, ELIMINATED, EXCLUDED = range(4)
_REASON_KEYS = (*INACTIVE_REASONS, FINAL_ROUND_SURPLUS_KEY)
# The exhausted ballots that marked every rank, up to the last rank any ballot marks, none skipped
# (official reports, Maine's among them, count these "exhausted choices" apart from ballots that
# left ranks unused, which they count as undervotes) are kept in a slot of their own, after
# _REASON_KEYS; rounds show them within exhausted_choices.
_EXHAUSTED_ALL_RANKS = len(_REASON_KEYS)


@dataclass
class Decision:
    """What one round decided."""

    elected: list[int] = field(default_factory=list)
    eliminated: list[int] = field(default_factory=list)
    ties: list[TieDecision] = field(default_factory=list)
    tied: list[int] = field(default_factory=list)  # an unsettled tie: the count stops here


class Decider(Protocol):
    """The rules of one kind of count, asked by the round loop (engine) each round, in order."""

    def should_continue(self, count: Count) -> bool:
        """Whether another round is counted (asked before each round, and after moves)."""
        ...

    def set_threshold(self, count: Count) -> None:
        """Set ``count.threshold`` for the round about to be decided."""
        ...

    def decide(self, count: Count, tally: dict[int, Number]) -> Decision:
        """Who is elected or eliminated this round (``tally``: the round's shown votes)."""
        ...


class Count:
    """Everything one count (or one pass) holds while it runs, and the moves that change it.

    It owns: the ballot groups (``rankings``, ``counts``), where each group stands (``pos``: the
    rank it counts at; ``members``: the groups counting for each candidate; ``value``: what each
    of its ballots still carries); each candidate's ``status``, ``tally`` and, once elected in a
    surplus count, the votes they ``kept``; the inactive ballots by reason and the residual
    surplus; the winners, the tiebreaker and its ``history`` of round tallies; and the record
    (``rounds``, ``ties``). It carries out a decision (``apply``: eliminated and elected
    candidates' ballots walked on, surpluses split), checks the books (``check_books``) and
    writes the round (``record``). It decides nothing: what happens each round is the
    ``Decider``'s, and the loop that asks it is ``engine``'s. Candidates are indices into
    ``names``; vote figures are ints or exact Fractions (decimal-truncated for RCTab rules).
    """

    def __init__(self, ballots: BallotGroups, rules: RankedRules, pass_number: int = 1) -> None:
        self.rules = rules
        self.names = ballots.candidates
        self.pass_number = pass_number
        n = len(self.names)
        self.n = n
        self.rctab = rules.decimal_places is not None
        self.decimal_places = rules.decimal_places
        self.uwi = ballots.undeclared_write_in
        self.keep_two = rules.continue_until_two
        self.status = [EXCLUDED if name in rules.excluded else CONTINUING for name in self.names]
        self.continuing = [s == CONTINUING for s in self.status]
        self.walker = Walker(rules, self.continuing)
        if self.rctab:
            self.uses_surpluses = rules.seats > 1 and rules.winner_mode not in (BOTTOMS_UP, BOTTOMS_UP_PERCENTAGE)
        else:
            self.uses_surpluses = rules.method == STV
        pool = [name for i, name in enumerate(self.names) if i != self.uwi]
        tiebreak = rules.tiebreak
        if tiebreak.mode == TIE_ORDER and not tiebreak.order and self.rctab:
            # RCTab's "use candidate order": the order of the configuration's candidates
            tiebreak = replace(tiebreak, order=tuple(pool))
        self.tiebreaker = TieBreaker(tiebreak, self.names, pool)

        # ballot groups: those with ballots and a rank to read (the rest are undervotes)
        walker = self.walker
        rankings: list[Ranking]
        counts: list[int]
        undervotes = 0
        if walker.max_rankings is None and () not in ballots.rankings and min(ballots.counts, default=1) > 0:
            rankings, counts = list(ballots.rankings), list(ballots.counts)  # all of them (usual)
        else:
            rankings, counts = [], []
            for ranking, count in zip(ballots.rankings, ballots.counts, strict=True):
                if count <= 0:
                    continue
                ranking = walker.effective(ranking)
                if not ranking:
                    undervotes += count
                    continue
                rankings.append(ranking)
                counts.append(count)
        # each group's first choice: most count for the one continuing candidate at their first
        # rank (Walker.plain_first); the rest take the full walk
        walk = walker.walk
        continuing = self.continuing
        plain_first = walker.plain_first
        pos = [0] * len(rankings)
        members: list[list[int]] = [[] for _ in range(n)]
        tally: list[Number] = [0] * n
        inactive: list[Number] = [0] * (len(_REASON_KEYS) + 1)
        # the ballot's last rank: max_rankings, or the furthest any ballot marks (trailing
        # skipped ranks are not kept)
        full = self.full_ranks = max(map(len, rankings), default=0)
        for i, ranking in enumerate(rankings):
            first = ranking[0]
            if plain_first and len(first) == 1 and first[0] >= 0 and continuing[first[0]]:
                c = first[0]
            else:
                index, c = walk(ranking, 0)
                if index < 0:
                    if c == EXHAUSTED_CHOICES and len(ranking) >= full and all(ranking):
                        c = _EXHAUSTED_ALL_RANKS
                    inactive[c] += counts[i]
                    continue
                pos[i] = index
            members[c].append(i)
            tally[c] += counts[i]
        self.rankings = rankings
        self.counts = counts
        self.undervotes = undervotes
        self.total_ballots = ballots.total
        self.counted = sum(counts)  # ballots that ranked anyone
        self.pos = pos
        self.value: list[Number] = [1] * len(rankings)
        # True while every ballot still carries its whole vote (1): until a surplus moves, ballots
        # move at value 1 and need no per-value bookkeeping (see _move_whole)
        self.whole = True
        self.members = members
        self.tally = tally
        self.kept: dict[int, Number] = {}  # elected (surplus-transferring) candidates' votes
        self.inactive = inactive
        self.residual: Number = 0
        self.winners: list[int] = []
        self.eliminated_count = 0
        self.history: list[dict[int, Number]] = []
        self.rounds: list[Round] = []
        self.ties: list[TieDecision] = []
        self.tied: list[int] = []
        self.round_number = 0
        self.threshold: Fraction = Fraction(0)
        # A slice's count (electcli.ranked.slices) follows the contest's: its winners pass on the
        # contest's surplus fraction (set here each round), and keep every vote they hold, since
        # the residual surplus is the contest's alone (RCTab's slices show it so)
        self.surplus_fractions: dict[int, Number] | None = None

    # --- figures used by the decision rules -------------------------------------------------

    def continuing_candidates(self) -> list[int]:
        return [c for c in range(self.n) if self.continuing[c]]

    def active_votes(self) -> Number:
        return sum((self.tally[c] for c in range(self.n) if self.continuing[c]), 0)

    @property
    def candidates_in_count(self) -> int:
        """RCTab's getNumCandidates: every candidate (with the write-in placeholder) not excluded."""
        return sum(1 for s in self.status if s != EXCLUDED)

    @property
    def declared_candidates(self) -> int:
        """RCTab's getNumDeclaredCandidates: every candidate but the write-in placeholder."""
        return self.n - (1 if self.uwi is not None else 0)

    def tie(self, tied: Sequence[int], purpose: str, selecting_winner: bool, decision: Decision) -> int | None:
        """Settle a tie, recording how; None (and ``decision.tied`` set) when it cannot be."""
        chosen, how = self.tiebreaker.choose(tied, selecting_winner, self.history)
        if chosen is None:
            decision.tied = list(tied)
            return None
        decision.ties.append(
            TieDecision(
                round=self.round_number,
                tied=tuple(self.names[c] for c in tied),
                purpose=purpose,
                chosen=(self.names[chosen],),
                how=how,
                seed=self.tiebreaker.seed if how == "random" or how == "permutation" else None,
            )
        )
        return chosen

    # --- moving ballots --------------------------------------------------------------------

    def _move(self, source: int, moves: list[tuple[int, Number]], final: bool) -> dict[str, Number]:
        """Move groups (with the value each ballot now carries) on from ``source``.

        Arithmetic is batched: ballot counts are summed per (destination, value) as integers and
        multiplied out once, so exact fractions cost little however many groups move.
        """
        walker = self.walker
        walk = walker.walk
        plain_next = walker.plain_next
        continuing = self.continuing
        rankings, counts, pos, members = self.rankings, self.counts, self.pos, self.members
        values = self.value
        # destination (candidate index, or ~reason for inactive) -> value -> ballots
        incoming: dict[int, dict[Number, int]] = {}
        for g, value in moves:
            if final:
                index, c = -1, FINAL_ROUND_SURPLUS
            else:
                # as in _move_whole
                ranking = rankings[g]
                index = pos[g] + 1
                c = -1
                if plain_next:
                    end = len(ranking)
                    while index < end:
                        rank = ranking[index]
                        if len(rank) != 1 or rank[0] < 0:
                            break
                        if continuing[rank[0]]:
                            c = rank[0]
                            break
                        index += 1
                    else:
                        index, c = -1, EXHAUSTED_CHOICES
                if c < 0:
                    index, c = walk(ranking, index)
            values[g] = value
            if index >= 0:
                pos[g] = index
                members[c].append(g)
                key = c
            else:
                if c == EXHAUSTED_CHOICES and len(rankings[g]) >= self.full_ranks and all(rankings[g]):
                    c = _EXHAUSTED_ALL_RANKS
                key = ~c
            by_value = incoming.get(key)
            if by_value is None:
                incoming[key] = {value: counts[g]}
            else:
                by_value[value] = by_value.get(value, 0) + counts[g]
        transfers: dict[str, Number] = {}
        for key, by_value in incoming.items():
            amount: Number = sum((value * n for value, n in by_value.items()), 0)
            if key >= 0:
                self.tally[key] += amount
                target = self.names[key]
            else:
                self.inactive[~key] += amount
                target = EXHAUSTED
            if amount:
                transfers[target] = transfers.get(target, 0) + amount
        return transfers

    def _move_whole(self, groups: list[int]) -> dict[str, Number]:
        """``_move`` for groups whose ballots all carry their whole vote (1) and keep it.

        Gives what ``_move(source, [(g, 1) for g in groups], False)`` gives (the same
        destinations, amounts as ints, transfer order), without the per-value bookkeeping: each
        destination's amount is just its ballot count.
        """
        walker = self.walker
        walk = walker.walk
        plain_next = walker.plain_next
        continuing = self.continuing
        rankings, counts, pos, members = self.rankings, self.counts, self.pos, self.members
        # destination (candidate index, or ~reason for inactive) -> ballots, in first-seen order
        incoming: dict[int, int] = {}
        for g in groups:
            ranking = rankings[g]
            index = pos[g] + 1
            key = -1
            if plain_next:
                # ranks of one candidate: stop at a continuing one, pass over the others
                # (Walker.plain_next); anything else is left to the walk
                end = len(ranking)
                while index < end:
                    rank = ranking[index]
                    if len(rank) != 1 or rank[0] < 0:
                        break
                    if continuing[rank[0]]:
                        key = rank[0]
                        break
                    index += 1
                else:
                    index, key = -1, EXHAUSTED_CHOICES  # past the last rank, as the walk finds
            if key < 0:
                index, key = walk(ranking, index)
            if index < 0:
                if key == EXHAUSTED_CHOICES and len(ranking) >= self.full_ranks and all(ranking):
                    key = _EXHAUSTED_ALL_RANKS
                incoming[~key] = incoming.get(~key, 0) + counts[g]
                continue
            pos[g] = index
            members[key].append(g)
            incoming[key] = incoming.get(key, 0) + counts[g]
        transfers: dict[str, Number] = {}
        for key, amount in incoming.items():
            if key >= 0:
                self.tally[key] += amount
                target = self.names[key]
            else:
                self.inactive[~key] += amount
                target = EXHAUSTED
            if amount:
                transfers[target] = transfers.get(target, 0) + amount
        return transfers

    def apply(self, decision: Decision) -> dict[str, dict[str, Number]]:
        """Carry out a round's decision; returns the votes moved, by source candidate."""
        moved: dict[str, dict[str, Number]] = {}
        for c in decision.eliminated:
            self.status[c] = ELIMINATED
            self.continuing[c] = False
            self.eliminated_count += 1
        for c in decision.elected:
            self.status[c] = ELECTED
            self.continuing[c] = self.keep_two
            self.winners.append(c)
        passed_on = list(decision.eliminated)
        if decision.elected and not self.uses_surpluses and not self.keep_two and len(self.winners) < self.rules.seats:
            # A winner whose surplus is not transferred (RCTab bottoms-up, when the "first round
            # determines threshold" edge case elects before the seats are all filled) stops
            # continuing while the count goes on: RCTab's next round walks each of their ballots on
            # to its next continuing choice at its whole value, as if they had been eliminated. Its
            # later rounds show such a winner with the 0 votes they keep (updateWinnerTallies).
            passed_on.extend(decision.elected)
            self.kept.update((c, 0) for c in decision.elected)
        for c in passed_on:
            groups, self.members[c] = self.members[c], []
            if self.whole:
                moved[self.names[c]] = self._move_whole(groups)
            else:
                moved[self.names[c]] = self._move(c, [(g, self.value[g]) for g in groups], False)
            self.tally[c] = 0
        if decision.elected and self.uses_surpluses and not self._finished_native():
            final = self.rctab and len(self.winners) >= self.rules.seats
            self.whole = False  # ballot values change from here on
            for c in decision.elected:
                if self.surplus_fractions is None:
                    fraction = surplus_fraction(self.tally[c], self.threshold, self.decimal_places)
                else:
                    fraction = self.surplus_fractions[c]
                groups, self.members[c] = self.members[c], []
                # every ballot with the same value splits the same way: split each value once
                split: dict[Number, tuple[Number, Number]] = {}
                kept_by_value: dict[Number, int] = {}
                moves: list[tuple[int, Number]] = []
                for g in groups:
                    value = self.value[g]
                    parts = split.get(value)
                    if parts is None:
                        parts = split[value] = split_value(value, fraction, self.decimal_places)
                    kept_by_value[value] = kept_by_value.get(value, 0) + self.counts[g]
                    moves.append((g, parts[1]))
                kept: Number = sum((split[v][0] * n for v, n in kept_by_value.items()), 0)
                transfers = self._move(c, moves, final)
                residual = kept - self.threshold
                if residual > 0 and self.rctab and self.surplus_fractions is None:
                    self.residual += residual
                    kept = self.threshold
                    transfers[RESIDUAL_SURPLUS] = residual
                self.kept[c] = kept
                self.tally[c] = 0
                moved[self.names[c]] = transfers
        return moved

    def _finished_native(self) -> bool:
        """Native counts stop once every seat is filled: the last surpluses go nowhere."""
        return not self.rctab and len(self.winners) >= self.rules.seats

    # --- the round record --------------------------------------------------------------------

    def tally_now(self) -> dict[int, Number]:
        """This round's tally: continuing candidates, then those elected earlier with the votes
        they keep (surplus-transferring counts), in declared order."""
        shown: dict[int, Number] = {}
        for c in range(self.n):
            if self.continuing[c]:
                shown[c] = self.tally[c]
            elif c in self.kept:
                shown[c] = self.kept[c]
        return shown

    def check_books(self, shown: dict[int, Number], inactive: Sequence[Number]) -> None:
        total = sum(shown.values(), 0) + sum(inactive, 0) + self.residual
        if total != self.counted:
            raise CountInvariantError(
                f"round {self.round_number}: active {sum(shown.values(), 0)} + inactive {sum(inactive, 0)}"
                f" + residual {self.residual} = {total}, not the {self.counted} ballots counted"
            )

    def record(
        self,
        shown: dict[int, Number],
        inactive: Sequence[Number],
        residual: Number,
        decision: Decision,
        moved: dict[str, dict[str, Number]],
    ) -> None:
        inactive_map = {key: Fraction(inactive[k]) for k, key in enumerate(INACTIVE_REASONS)}
        inactive_map[INACTIVE_REASONS[EXHAUSTED_CHOICES]] += inactive[_EXHAUSTED_ALL_RANKS]
        if inactive[FINAL_ROUND_SURPLUS]:
            inactive_map[FINAL_ROUND_SURPLUS_KEY] = Fraction(inactive[FINAL_ROUND_SURPLUS])
        self.rounds.append(
            Round(
                number=self.round_number,
                tally={self.names[c]: Fraction(v) for c, v in shown.items()},
                threshold=self.threshold,
                elected=tuple(self.names[c] for c in decision.elected),
                eliminated=tuple(self.names[c] for c in decision.eliminated),
                transfers={src: {dst: Fraction(v) for dst, v in t.items()} for src, t in moved.items()},
                inactive=inactive_map,
                exhausted_all_ranks=Fraction(inactive[_EXHAUSTED_ALL_RANKS]),
                ties=tuple(decision.ties),
                residual_surplus=Fraction(residual),
                pass_number=self.pass_number,
            )
        )
        self.ties.extend(decision.ties)
