"""Text in terminal cells: how wide a string shows, how a name wraps, and ``name_text``, the one
place where a name from the input (candidate, party, unit, contest, election) becomes text in a
table. Anything that must happen to every name before a terminal shows it (escaping control
characters, say) belongs in ``name_text``, and happens to all of them: table cells call it, and
every line of prose (the verdict, margins, transfers, which hold names) goes through it in
``terminal.paragraph``. So it must leave its own output unchanged (escaping twice must not
escape again), and it runs before the layout measures the text.
"""

from __future__ import annotations

from rich.cells import cell_len as _rich_cell_len
from rich.cells import get_character_cell_size

from electcli.present.safe_text import escaped


def name_text(name: str) -> str:
    """A name from the input as a table shows it: control characters (terminal escapes, line
    breaks, right-to-left overrides) written as escapes (``\\x1b``), by the one function that
    ``check`` text and messages use too (present/safe_text.py). Escaping twice changes nothing."""
    return escaped(name)


def cell_len(text: str) -> int:
    """Columns ``text`` takes in a terminal (an East Asian wide character takes two)."""
    return len(text) if text.isascii() else _rich_cell_len(text)


def _fold(word: str, width: int) -> list[str]:
    """A word wider than ``width`` in pieces that fit (a name only: figures are never wrapped),
    broken after a hyphen where there is one ("Cruz-" "Fernández")."""
    hyphen = word.rfind("-", 0, width)
    if hyphen > 0 and cell_len(word[: hyphen + 1]) <= width:
        rest = word[hyphen + 1 :]
        return [word[: hyphen + 1], *(_fold(rest, width) if cell_len(rest) > width else [rest] if rest else [])]
    pieces, piece, used = [], "", 0
    for char in word:
        size = get_character_cell_size(char)
        if piece and used + size > width:
            pieces.append(piece)
            piece, used = "", 0
        piece += char
        used += size
    return [*pieces, piece] if piece else pieces


def wrap(text: str, width: int, fold: bool = True) -> list[str]:
    """``text`` in lines no wider than ``width``, broken at spaces where it can be; a word wider
    than ``width`` is folded, or with ``fold=False`` left whole on a line of its own."""
    if cell_len(text) <= width:
        return [text]
    lines: list[str] = []
    line = ""
    for word in text.split():
        if fold and cell_len(word) > width:
            if line:
                lines.append(line)
            *whole, line = _fold(word, width)
            lines += whole
        elif not line:
            line = word
        elif cell_len(line) + 1 + cell_len(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines or [""]
