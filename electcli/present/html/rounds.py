"""A ranked-choice count round by round: a chart (SVG) and the same figures as a real table.

Rounds come from the contest record (present/ranked_records.py): each has its ``tally``,
``threshold``, ``eliminated``, ``elected``, ``transfers`` and ``inactive`` figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from electcli.present.html.markup import INACTIVE_COLOUR, colour, esc, figure, num, votes_text

LABEL_WIDTH = 210
COLUMN_WIDTH = 150
BAR_WIDTH = 80
ROW_HEIGHT = 24
HEADER_HEIGHT = 36


def inactive_total(round_: dict[str, Any]) -> Fraction:
    return sum((figure(value) for value in round_["inactive"].values()), Fraction(0))


def round_mark(name: str, round_: dict[str, Any]) -> str:
    """The words for what happened to a candidate in a round ('' when nothing did)."""
    if name in round_["elected"]:
        return "elected"
    if name in round_["eliminated"]:
        return "eliminated"
    return ""


def rounds_chart(rounds: Sequence[dict[str, Any]], names: Sequence[str], key: str) -> str:
    """Rows of candidates, a column per round; each cell a bar to scale, its votes, and ✓ or ✗."""
    # Bars are to the scale of the largest tally; a threshold beyond it (many candidates, none
    # near a majority) is not drawn but written at the head of its round.
    largest = max([figure(v) for r in rounds for v in r["tally"].values()] + [Fraction(1)])
    width = LABEL_WIDTH + COLUMN_WIDTH * len(rounds)
    height = HEADER_HEIGHT + ROW_HEIGHT * (len(names) + 1) + 24
    parts = [
        f'<svg class="rounds-chart" role="img" aria-labelledby="{key}-rounds-title" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{key}-rounds-title">Votes in each round (the table below gives every figure)</title>',
        _hatch(key),
    ]
    bottom = HEADER_HEIGHT + ROW_HEIGHT * (len(names) + 1)
    for column, round_ in enumerate(rounds):
        x = LABEL_WIDTH + column * COLUMN_WIDTH
        threshold = figure(round_["threshold"])
        parts.append(
            f'<text x="{x}" y="14" class="head">Round {round_["round"]}</text>'
            f'<text x="{x}" y="28" class="key">to win: {votes_text(threshold)}</text>'
        )
        if threshold <= largest:
            tick = x + float(threshold / largest) * BAR_WIDTH
            parts.append(
                f'<line x1="{num(tick)}" y1="{HEADER_HEIGHT + 2}" x2="{num(tick)}" y2="{bottom}" class="threshold-line"/>'
            )
    for row, name in enumerate([*names, None]):
        y = HEADER_HEIGHT + row * ROW_HEIGHT
        label = "Inactive ballots" if name is None else name
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + 16}" class="name">{esc(_clip(label))}</text>')
        fill = f"url(#{key}-hatch)" if name is None else colour(row)
        for column, round_ in enumerate(rounds):
            x = LABEL_WIDTH + column * COLUMN_WIDTH
            if name is None:
                votes: Fraction | None = inactive_total(round_)
            else:
                votes = figure(round_["tally"][name]) if name in round_["tally"] else None
            if votes is None:
                continue
            length = float(votes / largest) * BAR_WIDTH
            mark = {"elected": " ✓", "eliminated": " ✗"}.get(round_mark(name, round_), "") if name else ""
            parts.append(
                f'<rect x="{x}" y="{y + 4}" width="{num(length)}" height="{ROW_HEIGHT - 8}" fill="{fill}"/>'
                f'<text x="{x + BAR_WIDTH + 6}" y="{y + 16}">{votes_text(votes)}{mark}</text>'
            )
    parts.append(
        f'<text x="0" y="{height - 6}" class="key">✓ elected · ✗ eliminated in that round · '
        "dashed line: the votes to win that round</text></svg>"
    )
    return "".join(parts)


def _clip(name: str, limit: int = 26) -> str:
    """A name short enough for the chart's label column (the table beside it has it whole)."""
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _hatch(key: str) -> str:
    """The pattern that marks inactive ballots, so they differ from candidates by more than colour."""
    return (
        f'<defs><pattern id="{key}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="#ffffff"/><rect width="3" height="6" fill="{INACTIVE_COLOUR}"/>'
        "</pattern></defs>"
    )


# Rounds per table: a long count is split into tables of this many rounds, so that each fits a
# printed page (and a screen) and still copies into a spreadsheet whole.
ROUNDS_PER_TABLE = 6


def rounds_table(rounds: Sequence[dict[str, Any]], names: Sequence[str], contest: str) -> str:
    """Every round's figures as tables: candidates, inactive ballots, continuing votes, threshold."""
    return "".join(
        _rounds_table(rounds[start : start + ROUNDS_PER_TABLE], names, contest, len(rounds))
        for start in range(0, len(rounds), ROUNDS_PER_TABLE)
    )


def _rounds_table(rounds: Sequence[dict[str, Any]], names: Sequence[str], contest: str, count: int) -> str:
    first, last = rounds[0]["round"], rounds[-1]["round"]
    which = "votes in each round" if len(rounds) == count else f"votes in rounds {first} to {last}"
    head = "".join(f'<th scope="col" class="num">Round {r["round"]}</th>' for r in rounds)
    rows = []
    for name in names:
        if not any(name in r["tally"] for r in rounds):
            continue  # eliminated before these rounds
        cells = []
        for round_ in rounds:
            if name not in round_["tally"]:
                cells.append('<td class="num">—</td>')
                continue
            mark = round_mark(name, round_)
            note = f' <span class="status status-{mark}">{mark}</span>' if mark else ""
            cells.append(f'<td class="num">{votes_text(figure(round_["tally"][name]))}{note}</td>')
        rows.append(f'<tr><th scope="row">{esc(name)}</th>{"".join(cells)}</tr>')
    for label, value in (
        ("Inactive ballots", inactive_total),
        ("Continuing votes", lambda r: figure(r["active"])),
        ("Threshold", lambda r: figure(r["threshold"])),
    ):
        figures = "".join(f'<td class="num">{votes_text(value(r))}</td>' for r in rounds)
        rows.append(f'<tr class="summary"><th scope="row">{label}</th>{figures}</tr>')
    return (
        f'<div class="scroll"><table><caption>{esc(contest)}: {which}</caption>'
        f'<thead><tr><th scope="col">Candidate</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )


def target_text(target: str, names: Sequence[str]) -> str:
    """A transfer's destination in words: a candidate, or why the ballots went inactive."""
    if target in names:
        return target
    if target == "exhausted":
        return "inactive (no further choice)"
    return f"inactive ({target.replace('_', ' ')})"


def transfers_table(rounds: Sequence[dict[str, Any]], names: Sequence[str], contest: str) -> str:
    """Where each eliminated (or elected) candidate's ballots went, round by round."""
    rows = []
    for round_ in rounds:
        for source, moved in round_["transfers"].items():
            place = {name: index for index, name in enumerate(names)}
            for target, votes in sorted(moved.items(), key=lambda item: place.get(item[0], len(names))):
                to = target_text(target, names)
                rows.append(
                    f'<tr><td class="num">{round_["round"]}</td><td>{esc(source)}</td><td>{esc(to)}</td>'
                    f'<td class="num">{votes_text(figure(votes))}</td></tr>'
                )
    if not rows:
        return ""
    return (
        f'<div class="scroll"><table><caption>{esc(contest)}: transfers</caption><thead><tr>'
        '<th scope="col" class="num">After round</th><th scope="col">From</th><th scope="col">To</th>'
        f'<th scope="col" class="num">Votes</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )
