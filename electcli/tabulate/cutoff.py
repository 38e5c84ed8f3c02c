"""Finishing order, and where the line between through and not through falls, ties included."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from electcli.errors import InputError, Location
from electcli.model import Candidate


def finishing_order(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Most votes first; among equal votes the race file's order (``sorted`` is stable)."""
    return sorted(candidates, key=lambda candidate: -candidate.votes)


class Split(NamedTuple):
    order: tuple[Candidate, ...]  # finishing order, with any lot applied
    through: tuple[Candidate, ...]  # elected or advancing, whatever the tie
    tied: tuple[Candidate, ...]  # equal votes straddling the line, if no lot settles them
    decided_by_lot: bool


def split_at(
    order: Sequence[Candidate],
    line_after: int,
    tiebreak: Sequence[str] | None,
    tiebreak_location: Location | None,
    ties_advance: bool = False,
) -> Split:
    """Draw the line after ``line_after`` candidates.

    Equal votes that straddle the line are a tie. A ``tiebreak`` order that names every tied
    candidate settles it (the earlier name goes first); one that leaves a tied candidate out is
    an error, because the file then does not say who goes through. Where the law sends every tied
    candidate on (``ties_advance``), they all go through and there is no tie.
    """
    if line_after >= len(order):
        return Split(tuple(order), tuple(order), (), False)
    line = order[line_after - 1].votes
    if order[line_after].votes != line:
        return Split(tuple(order), tuple(order[:line_after]), (), False)
    above = [candidate for candidate in order if candidate.votes > line]
    group = [candidate for candidate in order if candidate.votes == line]
    below = [candidate for candidate in order if candidate.votes < line]
    if ties_advance:  # the law sends them all on (more than `line_after` go through)
        return Split(tuple(order), tuple(above + group), (), False)
    if tiebreak is None:
        return Split(tuple(order), tuple(above), tuple(group), False)
    position = {name: index for index, name in enumerate(tiebreak)}
    missing = [candidate.name for candidate in group if candidate.name not in position]
    if missing:
        raise InputError(
            tiebreak_location or Location("?"),
            f"the tiebreak order leaves out {', '.join(repr(name) for name in missing)}, tied at {line} votes",
            "list every tied candidate in `tiebreak:` in the order decided by lot",
        )
    drawn = sorted(group, key=lambda candidate: position[candidate.name])
    settled = above + drawn + below
    return Split(tuple(settled), tuple(settled[:line_after]), (), True)
