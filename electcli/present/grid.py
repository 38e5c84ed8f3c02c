"""Columns of text laid out within a terminal's width, without ever cutting a figure.

Rich's own tables shorten a cell that does not fit with "…", figures included (``389,9…``), and
lay out a table at about a millisecond a row. This module does the little the tables here need:
figure columns keep their natural width and never wrap; name columns wrap at spaces (a word
wider than its column is folded) down to a minimum; one flexible column (the share bars) takes
what is left, between a minimum and a maximum. ``fit`` says when nothing fits, and the caller
then tries a narrower layout (fewer columns, a stacked layout). Plain strings and styles
throughout (Rich prints the lines, see terminal.py), so that a layout costs microseconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from electcli.present.cells import cell_len, wrap

# A piece of a line: its text and its Rich style ("" for none).
Piece = tuple[str, str]
Line = list[Piece]


class Column(NamedTuple):
    header: str
    right: bool = False  # figures are right-aligned
    squeeze: int = 0  # 0: never wraps (a figure, a status); else the narrowest it may wrap to
    flex: tuple[int, int] | None = None  # (narrowest, widest): takes the room left, or is dropped
    wrap_header: bool = False  # a figure column headed by a name: the name wraps over the figures


class Cell(NamedTuple):
    text: str  # may hold line breaks
    style: str = ""
    pieces: tuple[Piece, ...] = ()  # one line in several styles (a bar and its threshold mark)


def natural_width(column: Column, cells: Sequence[Cell]) -> int:
    # a name over figures (a candidate's column by unit) wraps to its longest word, at most 12
    # wide, so that long names do not widen a column of short figures
    words = column.header.split() if column.wrap_header else column.header.split("\n")
    header = min(max((cell_len(part) for part in words), default=0), 12 if column.wrap_header else 10**6)
    widest = max((cell_len(line) for cell in cells for line in cell.text.split("\n")), default=0)
    return max(header, widest)


def fit(columns: Sequence[Column], rows: Sequence[Sequence[Cell]], width: int, gap: int) -> list[int] | None:
    """Each column's width so that the whole fits ``width``, or None when it cannot.

    Name columns are narrowed, widest first, no further than their ``squeeze``; a flexible column
    gets what is left up to its widest, and 0 (dropped) when less than its narrowest is left.
    """
    natural = [
        0 if column.flex else natural_width(column, [row[i] for row in rows]) for i, column in enumerate(columns)
    ]
    fixed = [i for i, column in enumerate(columns) if not column.flex]
    spacing = gap * (len(columns) - 1)
    widths = list(natural)
    excess = sum(widths[i] for i in fixed) + spacing - width
    while excess > 0:  # narrow the widest name column that can still give up room, a column at a time
        candidates = [i for i in fixed if columns[i].squeeze and widths[i] > min(columns[i].squeeze, natural[i])]
        if not candidates:
            return None
        widest = max(candidates, key=lambda i: widths[i])
        widths[widest] -= 1
        excess -= 1
    left = -excess
    for i, column in enumerate(columns):
        if column.flex:
            narrowest, widest = column.flex
            widths[i] = min(widest, left) if left >= narrowest else 0
            left -= widths[i]
    return widths


def draw(
    columns: Sequence[Column],
    widths: Sequence[int],
    rows: Sequence[Sequence[Cell]],
    gap: int,
    rule: str,
    row_styles: Sequence[str] = (),
    footer: Sequence[Sequence[Cell]] = (),
    header: bool = True,
) -> list[Line]:
    """Header, a rule, the rows, and (if any) a rule and the footer rows, as lines of pieces.
    Columns of width 0 are left out."""
    shown = [i for i, w in enumerate(widths) if w]
    total = sum(widths[i] for i in shown) + gap * (len(shown) - 1)
    lines: list[Line] = []
    if header:
        heads = [Cell(column.header, "bold") for column in columns]
        lines += _row(columns, widths, shown, heads, gap, "", True)
        lines.append([(rule * total, "dim")])
    for index, row in enumerate(rows):
        lines += _row(columns, widths, shown, row, gap, row_styles[index] if index < len(row_styles) else "")
    if footer:
        lines.append([(rule * total, "dim")])
        for row in footer:
            lines += _row(columns, widths, shown, row, gap, "")
    return lines


def _row(
    columns: Sequence[Column],
    widths: Sequence[int],
    shown: Sequence[int],
    row: Sequence[Cell],
    gap: int,
    style: str,
    is_header: bool = False,
) -> list[Line]:
    parts = []
    for i in shown:
        cell = row[i]
        width = widths[i]
        split = cell.text.split("\n")
        wraps = columns[i].squeeze or (is_header and columns[i].wrap_header)
        parts.append([piece for line in split for piece in (wrap(line, width) if wraps else [line])])
    height = max(len(part) for part in parts)
    lines: list[Line] = []
    spacer = " " * gap
    for number in range(height):
        line: Line = []
        for position, i in enumerate(shown):
            text = parts[position][number] if number < len(parts[position]) else ""
            pad = " " * (widths[i] - cell_len(text))
            cell_style = " ".join(s for s in (style, row[i].style) if s)
            if position:
                line.append((spacer, ""))
            if row[i].pieces and not number:
                line += [*row[i].pieces, (pad, "")]
            elif columns[i].right:
                line += [(pad, ""), (text, cell_style)]
            else:
                line += [(text, cell_style), (pad, "")]
        lines.append(_trimmed(line))
    return lines


def _trimmed(line: Line) -> Line:
    """Without trailing spaces (a copied table has none) and empty pieces."""
    while line and not line[-1][0].strip():
        line.pop()
    if line:
        text, style = line[-1]
        line[-1] = (text.rstrip(), style)
    return [piece for piece in line if piece[0]]


def lay_out(columns: Sequence[Column], rows: Sequence[Sequence[Cell]], width: int, rule: str) -> list[Line] | None:
    """The table drawn with two spaces between columns, or one when two do not fit; None when
    even one does not (the caller then stacks its rows)."""
    for gap in (2, 1):
        widths = fit(columns, rows, width, gap)
        if widths is not None:
            return draw(columns, widths, rows, gap, rule)
    return None
