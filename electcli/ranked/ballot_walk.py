"""Finding the choice a ballot counts for: walk its ranks, best first, applying the overvote,
skipped-rank and repeated-candidate rules.

The walk follows RCTab's order of checks at each marked rank (Tabulator.computeTalliesForRound):

1. too many skipped ranks since the previous marked rank -> inactive (skipped rankings);
2. a candidate already marked at an earlier rank, when repeats exhaust -> inactive (repeated);
3. an overvote: exhaust -> inactive (overvotes); skip -> go on to the next rank (an overvote at
   the last marked rank leaves the ballot with no choices: exhausted choices);
   exhaust-if-multiple-continuing -> inactive only when two or more marked are continuing;
4. the first continuing candidate marked at the rank gets the ballot.

Running off the end of the ranking is "exhausted choices".

A ballot that has been counting for a candidate who stops continuing resumes its walk after that
rank. That equals walking again from the first rank (as RCTab does), because the set of continuing
candidates only shrinks: every earlier rank had no continuing candidate and still has none, and the
skipped-rank and repeat checks depend only on positions already passed.
"""

from __future__ import annotations

from electcli.ranked.ballots import OVERVOTE, Ranking
from electcli.ranked.rules import EXHAUST, SKIP, RankedRules

# Inactive reasons as small ints (indices into rounds.INACTIVE_REASONS), plus the RCTab-only
# "final round surplus" used once every seat is filled.
EXHAUSTED_CHOICES = 0
OVERVOTES = 1
SKIPPED_RANKINGS = 2
REPEATED_RANKINGS = 3
FINAL_ROUND_SURPLUS = 4


class Walker:
    """Finds each ballot group's current choice under one set of rules.

    ``continuing[c]`` is shared with the count and updated by it as candidates are elected or
    eliminated.
    """

    def __init__(self, rules: RankedRules, continuing: list[bool]) -> None:
        self.continuing = continuing
        self.overvote = rules.overvote
        self.max_skipped = rules.max_skipped
        self.exhaust_repeats = rules.duplicate == EXHAUST
        self.max_rankings = rules.max_rankings
        self.simple = self.max_skipped is None and not self.exhaust_repeats
        # When the count may settle a walk itself, without calling ``walk``: the rank the walk
        # starts at holds exactly one candidate (not the OVERVOTE marker) who is continuing.
        # Then ``walk`` returns that rank and candidate, because nothing it checks first can
        # stop the ballot there:
        # - no overvote question: the rank has one candidate;
        # - the skipped-rank limit counts the ranks since the previous marked rank, and there are
        #   none before the first rank, nor before the rank after the one a ballot counted for
        #   (that rank was marked); only a negative limit would stop it;
        # - a repeated candidate (when repeats exhaust) needs an earlier rank: never at the first
        #   rank, but possible at a later one, so later ranks go through ``walk`` then.
        # With ``plain_next`` the count may also pass over ranks holding one candidate who is not
        # continuing, as ``walk`` does (each is marked, so the skipped-rank count stays 0), and
        # resume ``walk`` at the first rank it cannot settle; past the last rank the ballot has
        # exhausted its choices, which is what ``walk`` finds there.
        self.plain_first = self.max_skipped is None or self.max_skipped >= 0
        self.plain_next = self.plain_first and not self.exhaust_repeats

    def effective(self, ranking: Ranking) -> Ranking:
        """The ranks that are read: the first ``max_rankings``, trailing skipped ranks dropped."""
        if self.max_rankings is not None and len(ranking) > self.max_rankings:
            ranking = ranking[: self.max_rankings]
            while ranking and not ranking[-1]:
                ranking = ranking[:-1]
        return ranking

    def walk(self, ranking: Ranking, start: int) -> tuple[int, int]:
        """Walk ``ranking`` from index ``start``.

        Returns ``(index, candidate)`` for the rank and candidate the ballot now counts for, or
        ``(-1, reason)`` when it becomes inactive (reason: one of the module's constants).
        """
        continuing = self.continuing
        if self.simple:
            # no skipped-rank limit and repeats skipped: only overvotes need care (the common case)
            for index in range(start, len(ranking)):
                rank = ranking[index]
                if len(rank) == 1:
                    c = rank[0]
                    if c >= 0:
                        if continuing[c]:
                            return index, c
                        continue
                elif not rank:
                    continue
                decision = self._overvote(rank)
                if decision == EXHAUST:
                    return -1, OVERVOTES
                if decision == SKIP:
                    continue
                for c in rank:
                    if continuing[c]:
                        return index, c
            return -1, EXHAUSTED_CHOICES
        # the rank number (1-based) of the last marked rank before ``start``
        last_seen = 0
        if start > 0:
            for k in range(start - 1, -1, -1):
                if ranking[k]:
                    last_seen = k + 1
                    break
        seen: set[int] | None = None
        if self.exhaust_repeats:
            seen = set()
            for rank in ranking[:start]:
                seen.update(rank)
        max_skipped = self.max_skipped
        for index in range(start, len(ranking)):
            rank = ranking[index]
            if not rank:
                continue
            if max_skipped is not None and index + 1 - last_seen > max_skipped + 1:
                return -1, SKIPPED_RANKINGS
            last_seen = index + 1
            if seen is not None:
                for c in rank:
                    if c in seen:
                        return -1, REPEATED_RANKINGS
                    seen.add(c)
            if len(rank) > 1 or rank[0] == OVERVOTE:
                decision = self._overvote(rank)
                if decision == EXHAUST:
                    return -1, OVERVOTES
                if decision == SKIP:
                    continue
            for c in rank:
                if c >= 0 and continuing[c]:
                    return index, c
        return -1, EXHAUSTED_CHOICES

    def _overvote(self, rank: tuple[int, ...]) -> str:
        """EXHAUST, SKIP, or "" (count the one continuing candidate, if any)."""
        if OVERVOTE in rank or self.overvote in (EXHAUST, SKIP):
            # an explicit overvote label can only exhaust or skip (RCTab rejects the third rule
            # with an explicit label when it loads the configuration; exhausting is the
            # conservative reading)
            return SKIP if self.overvote == SKIP else EXHAUST
        continuing = self.continuing
        if sum(1 for c in rank if continuing[c]) >= 2:
            return EXHAUST
        return ""
