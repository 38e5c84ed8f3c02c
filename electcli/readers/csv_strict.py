"""The csv module the one way every reader of CSV uses it: strict; and where strictness refuses.

Left lenient (its default), the csv module reads a file that ends inside a quoted cell (a file
cut short in the middle of a cell, ``0004,"Ana Alv``) as if the quote had been closed, and takes
text after a closing quote (``"Ana"x``) into the cell: both make a row of what is none, and a
ballot or a count of it. Strict, both are a ``csv.Error``, which each reader turns into an error
naming the line; ``quote_error`` finds the line and column of the quote at fault.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from electcli.errors import InputError, Location

if TYPE_CHECKING:
    from _csv import Reader

# A quoted cell: a quote, then anything but a lone quote (a quote inside is written twice), a quote.
_QUOTED = re.compile(r'"(?:[^"]|"")*"', re.DOTALL)
_ENDS = ",\r\n"  # what may follow a cell
_AFTER = re.compile(r"[,\r\n]")  # ends what follows a closing quote, shown in the message


def csv_reader(lines: Iterable[str]) -> Reader:
    """A ``csv.reader`` of ``lines`` (text read with ``newline=""``) that refuses what is not CSV."""
    return csv.reader(lines, strict=True)


def quote_error(text: str, shown: str, first_line: int = 1) -> InputError | None:
    """The first quote ``csv_reader`` refuses in ``text`` (which starts a row, on ``first_line``)
    as an error at its line and column: a quoted cell never closed, or text after a closing quote.
    ``None`` when every quote is in order. Error path only (it scans from the start)."""
    end = len(text)
    at = text.find('"')
    while at >= 0:
        if at and text[at - 1] not in _ENDS:  # inside a cell that is not quoted: a quote like any text
            at = text.find('"', at + 1)
            continue
        quoted = _QUOTED.match(text, at)
        if quoted is None:
            line, column = _place(text, at, first_line)
            return InputError(
                Location(shown, line, column),
                f"a quote opened on line {line} is never closed",
                'is the file cut short? Else close the quoted cell with " (a quote inside it is written twice: "")',
            )
        after = quoted.end()
        if after < end and text[after] not in _ENDS:
            line, column = _place(text, after, first_line)
            return InputError(
                Location(shown, line, column),
                f"a quoted cell has text after its closing quote: {_AFTER.split(text[after : after + 20])[0]!r}",
                'quote the whole cell, and write a quote inside it twice: ""',
            )
        at = text.find('"', after)
    return None


def _place(text: str, offset: int, first_line: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return first_line + text.count("\n", 0, offset), offset - line_start + 1
