"""Who is eliminated: batch elimination and the last-place group."""

from __future__ import annotations

from collections.abc import Mapping

from electcli.ranked.threshold import Number, multiply


def by_tally(tally: Mapping[int, Number]) -> list[tuple[Number, list[int]]]:
    """Candidates grouped by votes, fewest first (candidates in index order within a group)."""
    groups: dict[Number, list[int]] = {}
    for c in sorted(tally):
        groups.setdefault(tally[c], []).append(c)
    return sorted(groups.items(), key=lambda item: item[0])


def batch_elimination(
    groups: list[tuple[Number, list[int]]],
    decimal_places: int | None,
    keep_two: bool,
    already_out: int,
    candidates_in_count: int,
    equal_out: bool = False,
) -> list[int]:
    """Every candidate who cannot catch up (RCTab's runBatchElimination).

    Walking up from the fewest votes, once the running total of everyone below falls short of the
    next tally, all of them are out: even together they cannot reach anyone. With ``equal_out``
    a running total equal to the next tally puts them out too: together they could only tie, not
    surpass (New York City's "would not be enough to surpass", Charter §1057-g(a)). With
    ``keep_two`` (continue until two remain) the last batch that would leave only one candidate
    is held back. The caller uses the result only when it names two or more candidates.
    """
    running: Number = 0
    seen: list[int] = []
    out: set[int] = set()
    eliminations: list[int] = []
    previous: list[int] = []
    for votes, candidates in groups:
        new = list(eliminations)
        if running < votes or (equal_out and running == votes):
            for c in seen:
                if c not in out:
                    out.add(c)
                    new.append(c)
        running = running + multiply(votes, len(candidates), decimal_places)
        seen.extend(candidates)
        if len(new) > len(eliminations):
            previous, eliminations = eliminations, new
    if keep_two and len(eliminations) + already_out == candidates_in_count - 1:
        eliminations = previous
    return eliminations
