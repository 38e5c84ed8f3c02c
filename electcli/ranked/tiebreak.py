"""Settling ties for elimination (who goes) and election (who wins).

Modes (rules.Tiebreak.mode):

- ``order``: a list decided in advance, first preferred. An election tie goes to the tied
  candidate earliest in the list; an elimination tie eliminates the one latest in it.
- ``generate_permutation`` (RCTab): the candidates sorted by name, then shuffled once with the
  seed; used like ``order``.
- ``random``: one draw per tie from a generator seeded once per count. RCTab configurations draw
  with java.util.Random so RCTab's seeds give RCTab's results: the tied names are sorted and
  the pick is ``floor(nextDouble() * n)``. Native race files use Python's ``random.Random``
  the same way.
- ``previous_round_counts_then_random`` / ``..._then_order``: the tied candidate with the fewest
  (most, for election) votes in the latest earlier round where they differ; when every earlier
  round ties too, fall back to a draw (or the order).
- ``none`` / ``stop_counting_and_ask``: the tie is not settled; the count stops with outcome tie.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from electcli.ranked.rules import (
    TIE_GENERATE_PERMUTATION,
    TIE_ORDER,
    TIE_PREVIOUS_ROUND_THEN_ORDER,
    TIE_PREVIOUS_ROUND_THEN_RANDOM,
    TIE_RANDOM,
    Tiebreak,
)
from electcli.ranked.threshold import Number

if TYPE_CHECKING:
    import random

    from electcli.ranked.java_random import JavaRandom

_RANDOM_MODES = (TIE_RANDOM, TIE_PREVIOUS_ROUND_THEN_RANDOM, TIE_GENERATE_PERMUTATION)


class TieBreaker:
    """Settles the ties of one count (one pass of a multi-pass count)."""

    def __init__(self, tiebreak: Tiebreak, candidates: Sequence[str], permutation_pool: Sequence[str]) -> None:
        self.mode = tiebreak.mode
        self.seed = tiebreak.seed
        self.java = tiebreak.java_random
        self.names = candidates
        self._java_rng: JavaRandom | None = None
        self._py_rng: random.Random | None = None
        if self.mode in _RANDOM_MODES and self.seed is not None:
            # the generators load only for the counts that draw lots
            if self.java:
                from electcli.ranked.java_random import JavaRandom

                self._java_rng = JavaRandom(self.seed)
            else:
                import random

                self._py_rng = random.Random(self.seed)
        self.order: list[str] = list(tiebreak.order)
        if self.mode == TIE_GENERATE_PERMUTATION:
            self.order = self._permutation(permutation_pool)

    def _permutation(self, pool: Sequence[str]) -> list[str]:
        from electcli.ranked.java_random import java_shuffle, java_sorted

        names = java_sorted(pool) if self.java else sorted(pool)
        if self._java_rng is not None:
            java_shuffle(names, self._java_rng)
        elif self._py_rng is not None:
            self._py_rng.shuffle(names)
        else:
            return []  # no seed: nothing decided, ties stay unsettled
        return names

    @property
    def uses_seed(self) -> bool:
        return self.mode in _RANDOM_MODES

    def choose(
        self,
        tied: Sequence[int],
        selecting_winner: bool,
        history: Sequence[Mapping[int, Number]],
    ) -> tuple[int | None, str]:
        """Pick one of ``tied`` (candidate indices) to win or to be eliminated.

        ``history`` holds the tallies of the earlier rounds, oldest first. Returns the chosen index
        (None when the mode cannot settle the tie) and how it was settled.
        """
        mode = self.mode
        if mode in (TIE_ORDER, TIE_GENERATE_PERMUTATION):
            return self._by_order(
                tied, selecting_winner
            ), "permutation" if mode == TIE_GENERATE_PERMUTATION else "order"
        if mode == TIE_RANDOM:
            return self._draw(self._sorted(tied)), "random"
        if mode in (TIE_PREVIOUS_ROUND_THEN_RANDOM, TIE_PREVIOUS_ROUND_THEN_ORDER):
            return self._previous_rounds(tied, selecting_winner, history)
        return None, "none"

    def _sorted(self, tied: Sequence[int]) -> list[int]:
        if self.java:
            from electcli.ranked.java_random import java_sorted

            index = {name: i for i, name in enumerate(self.names)}
            return [index[name] for name in java_sorted(self.names[i] for i in tied)]
        return sorted(tied, key=lambda i: self.names[i])

    def _by_order(self, tied: Sequence[int], selecting_winner: bool) -> int | None:
        position = {name: k for k, name in enumerate(self.order)}
        ranked = [i for i in tied if self.names[i] in position]
        if not ranked or (len(ranked) < len(tied) and not self.java):
            # a native order that leaves a tied candidate out decides nothing; RCTab searches its
            # permutation for the tied candidates it holds (the write-in placeholder is in none)
            return None
        ranked.sort(key=lambda i: position[self.names[i]])
        return ranked[0] if selecting_winner else ranked[-1]

    def _draw(self, ordered: Sequence[int]) -> int | None:
        if self._java_rng is not None:
            return ordered[math.floor(self._java_rng.next_double() * len(ordered))]
        if self._py_rng is not None:
            return ordered[math.floor(self._py_rng.random() * len(ordered))]
        return None

    def _previous_rounds(
        self, tied: Sequence[int], selecting_winner: bool, history: Sequence[Mapping[int, Number]]
    ) -> tuple[int | None, str]:
        contention = self._sorted(tied)
        for tally in reversed(history):
            if self.java:
                from electcli.ranked.java_random import java_hash_set_order

                # RCTab rebuilds the contenders from a HashSet each round, and its random
                # fallback draws from that (hash) order
                order = java_hash_set_order([self.names[i] for i in contention])
                index = {name: i for i, name in enumerate(self.names)}
                contention = [index[name] for name in order]
            values = [tally.get(i, 0) for i in contention]
            best = max(values) if selecting_winner else min(values)
            contention = [i for i, v in zip(contention, values, strict=True) if v == best]
            if len(contention) == 1:
                return contention[0], "previous_round"
        if self.mode == TIE_PREVIOUS_ROUND_THEN_ORDER:
            return self._by_order(contention, selecting_winner), "order"
        return self._draw(contention), "random"
