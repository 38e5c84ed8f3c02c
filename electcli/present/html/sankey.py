"""The flow of ballots between rounds of a ranked-choice count (the Sankey view rcvis draws).

A column per round; in it a node per continuing candidate and one for inactive ballots, each as
tall as its votes. Bands join the columns: a candidate's own votes carried on, the ballots of the
eliminated (or a winner's surplus) passing to their next choices, and the inactive ballots, which
stay inactive. Every band has a <title> in words; the transfers table beside it has the figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any, NamedTuple

from electcli.present.html.markup import INACTIVE_COLOUR, colour, esc, figure, num, votes_text
from electcli.present.html.rounds import inactive_total, target_text

INACTIVE = ("inactive",)  # the inactive node's key: a tuple, so that no candidate's name can equal it
Key = str | tuple[str]


class Link(NamedTuple):
    source: Key
    target: Key
    votes: Fraction


LABEL_WIDTH = 230
COLUMN_GAP = 150
FIT = 1040
NODE_WIDTH = 14
GAP = 5
TOP = 26


def _column(round_: dict[str, Any], names: Sequence[str]) -> list[tuple[Key, Fraction]]:
    column: list[tuple[Key, Fraction]] = [
        (name, figure(round_["tally"][name])) for name in names if name in round_["tally"]
    ]
    column.append((INACTIVE, inactive_total(round_)))
    return column


def _links(before: dict[str, Any], after: dict[str, Any]) -> list[Link]:
    """The bands from one round to the next: (from, to, votes)."""
    links: list[Link] = []
    for name, votes in before["tally"].items():
        moved = before["transfers"].get(name, {})
        kept = figure(votes) - sum((figure(v) for v in moved.values()), Fraction(0))
        if name in after["tally"] and kept > 0:
            links.append(Link(name, name, kept))
        for target, value in moved.items():
            links.append(Link(name, target if target in after["tally"] else INACTIVE, figure(value)))
    carried = inactive_total(before)
    if carried > 0:
        links.append(Link(INACTIVE, INACTIVE, carried))
    return links


def _stack(
    links: Sequence[Link],
    tops: dict[Key, float],
    scale: float,
    rank: dict[Key, int],
    by_target: bool,
) -> list[float]:
    """Where each band meets its node: bands leave a node (or reach it) one under another, in the
    order of the nodes at their other ends, so that they cross as little as they can."""
    at = dict(tops)
    where = [0.0] * len(links)

    def ends(link: Link) -> tuple[Key, Key]:
        return (link.target, link.source) if by_target else (link.source, link.target)

    for number in sorted(range(len(links)), key=lambda n: tuple(rank[end] for end in ends(links[n]))):
        node = ends(links[number])[0]
        if node in at:
            where[number] = at[node]
            at[node] += float(links[number].votes) * scale
    return where


def sankey(rounds: Sequence[dict[str, Any]], names: Sequence[str], key: str) -> str:
    columns = [_column(r, names) for r in rounds]
    total = max(sum((votes for _, votes in column), Fraction(0)) for column in columns) or Fraction(1)
    span = max(360, 12 * len(names))  # the height all the votes of a column take up
    scale = span / float(total)
    height = TOP + span + GAP * (len(names) + 1) + 30
    # Columns close up to fit a desktop page (FIT wide) while their bands can still be told apart.
    gap = (
        COLUMN_GAP
        if len(rounds) < 2
        else max(90, min(COLUMN_GAP, (FIT - 2 * LABEL_WIDTH - NODE_WIDTH) // (len(rounds) - 1)))
    )
    width = LABEL_WIDTH * 2 + gap * (len(rounds) - 1) + NODE_WIDTH
    order = {name: i for i, name in enumerate(names)}
    rank: dict[Key, int] = {name: i for i, name in enumerate(names)}
    rank[INACTIVE] = len(names)
    # Each node's top, column by column.
    tops: list[dict[Key, float]] = []
    for column in columns:
        y, placed = float(TOP), {}
        for node, votes in column:
            placed[node] = y
            y += float(votes) * scale + GAP
        tops.append(placed)
    parts = [
        f'<svg class="sankey" role="img" aria-labelledby="{key}-flow-title" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{key}-flow-title">How ballots moved between rounds (the transfers table gives every figure)</title>',
        f'<defs><pattern id="{key}-flow-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        f'<rect width="3" height="6" fill="{INACTIVE_COLOUR}"/></pattern></defs>',
    ]
    for index in range(len(rounds) - 1):
        x0 = LABEL_WIDTH + index * gap + NODE_WIDTH
        x1 = LABEL_WIDTH + (index + 1) * gap
        middle = (x0 + x1) / 2
        links = _links(rounds[index], rounds[index + 1])
        starts = _stack(links, tops[index], scale, rank, by_target=False)
        ends = _stack(links, tops[index + 1], scale, rank, by_target=True)
        for number, (source, target, votes) in enumerate(links):
            if target not in tops[index + 1]:
                continue
            thick = float(votes) * scale
            y0, y1 = starts[number], ends[number]
            fill = INACTIVE_COLOUR if source == INACTIVE else colour(order[source])  # type: ignore[index]
            what = (
                f"{_name(source, names)} kept {votes_text(votes)}"
                if source == target
                else f"{_name(source, names)} → {_name(target, names)}: {votes_text(votes)}"
            )
            parts.append(
                f'<path d="M{num(x0)} {num(y0)}C{num(middle)} {num(y0)} {num(middle)} {num(y1)} {num(x1)} {num(y1)}'
                f"L{num(x1)} {num(y1 + thick)}C{num(middle)} {num(y1 + thick)} {num(middle)} {num(y0 + thick)} "
                f'{num(x0)} {num(y0 + thick)}Z" fill="{fill}" class="flow"><title>{esc(what)}</title></path>'
            )
    last = len(rounds) - 1
    for index, column in enumerate(columns):
        x = LABEL_WIDTH + index * gap
        parts.append(f'<text x="{x + NODE_WIDTH / 2}" y="16" class="head">Round {rounds[index]["round"]}</text>')
        labelled_to = -1e9
        for node, votes in column:
            y = tops[index][node]
            tall = float(votes) * scale
            fill = f"url(#{key}-flow-hatch)" if node == INACTIVE else colour(order[node])  # type: ignore[index]
            parts.append(
                f'<rect x="{x}" y="{num(y)}" width="{NODE_WIDTH}" height="{num(max(tall, 1.0))}" fill="{fill}" '
                f'stroke="#1a1a1a" stroke-width="0.5"><title>{esc(_name(node, names))}: {votes_text(votes)}</title></rect>'
            )
            centre = y + tall / 2 + 4
            if centre < labelled_to + 12:
                continue  # no room for a label: the band's title and the tables still give it
            labelled_to = centre
            if index == 0:
                text = f"{_name(node, names, 24)} {votes_text(votes)}"
                parts.append(f'<text x="{x - 6}" y="{num(centre)}" class="name">{esc(text)}</text>')
            elif index == last:
                text = f"{_name(node, names, 24)} {votes_text(votes)}"
                parts.append(f'<text x="{x + NODE_WIDTH + 6}" y="{num(centre)}">{esc(text)}</text>')
            else:
                parts.append(
                    f'<text x="{x + NODE_WIDTH + 4}" y="{num(centre)}" class="halo">{votes_text(votes)}</text>'
                )
    parts.append(
        f'<text x="0" y="{height - 8}" class="key">Hatched: inactive ballots (no further choice, overvotes and other '
        "reasons), which stay inactive</text></svg>"
    )
    return "".join(parts)


def _name(node: Key, names: Sequence[str], limit: int = 0) -> str:
    if node == INACTIVE:
        return "Inactive ballots"
    assert isinstance(node, str)
    text = target_text(node, names)
    return text if not limit or len(text) <= limit else text[: limit - 1] + "…"
