"""Rows of a vendor CVR CSV (RCTab's generic CSV, Clear Ballot), with every read or decoding
problem turned into an input error that names the file and line.

Every row must sit on one line. A quoted cell may hold a line end in CSV, but no CVR cell does,
and a stray quote makes the csv module read on to the next quote, swallowing the ballots between
into one cell: a file that reads as fewer rows than it has lines is refused, with the line where
the row starts and the cell that spans lines.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

from electcli.errors import InputError, Location
from electcli.readers.csv_strict import csv_reader, quote_error
from electcli.readers.cvr.files import open_regular


def csv_rows(path: Path, shown: str, kind: str, missing_hint: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) for each row of the UTF-8 CSV at ``path``; ``kind`` names the format."""
    with open_regular(path, shown, missing_hint, folder_hint=f"name {kind}") as binary:
        handle = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
        reader = csv_reader(_without_nul(handle, shown, kind))
        ended = 0  # the line the previous row ended on
        try:
            for row in reader:
                if reader.line_num != ended + 1:
                    _spans_lines(shown, row, ended + 1, reader.line_num)
                ended = reader.line_num
                yield reader.line_num, row
        except csv.Error as exc:
            raise _not_csv(path, shown, ended + 1, reader.line_num, exc) from None
        except UnicodeDecodeError:
            raise InputError(
                Location(shown, reader.line_num + 1), "is not UTF-8 text", "save the CVR file as UTF-8"
            ) from None
        except OSError as exc:
            raise InputError(Location(shown), f"cannot be read: {exc.strerror or exc}") from None


def _without_nul(lines: Iterable[str], shown: str, kind: str) -> Iterator[str]:
    """``lines``, refused at the first that holds a NUL byte: the csv module reads NUL bytes as
    text, and a CVR never holds one (checked a line at a time: a cell at a time costs a third of
    reading a million-ballot file)."""
    for number, line in enumerate(lines, 1):
        if "\x00" in line:
            cells = next(csv.reader([line]), [])  # lenient: only to find the cell (the line is refused)
            column = next((index for index, cell in enumerate(cells, 1) if "\x00" in cell), 0)
            raise InputError(
                Location(shown, number, column), "is a binary file (it contains NUL bytes), not text", f"name {kind}"
            )
        yield line


def _spans_lines(shown: str, row: list[str], first: int, last: int) -> None:
    column = next((number for number, cell in enumerate(row, 1) if "\n" in cell or "\r" in cell), 0)
    raise InputError(
        Location(shown, first, column),
        f"a quoted cell runs from line {first} to line {last}: no cell of a CVR spans lines",
        'is a quote left open? (a quote inside a quoted cell is written twice: "")',
    )


def _not_csv(path: Path, shown: str, first: int, last: int, exc: csv.Error) -> InputError:
    """The csv module's refusal of the row on lines ``first`` to ``last``, at the quote at fault
    when it is one (the lines are read again: error path only)."""
    try:
        with open(path, encoding="utf-8-sig", errors="replace", newline="") as handle:
            raw = "".join(islice(handle, first - 1, last))
    except OSError:
        raw = ""
    return quote_error(raw, shown, first) or InputError(Location(shown, last), f"is not valid CSV: {exc}")
