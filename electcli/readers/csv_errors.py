"""A csv module error as an input error with the line and column, whichever reader met it.

The csv module refuses a cell over its field size limit (128 KiB) and a stray quote; both are
raised as ``csv.Error`` in the middle of a file, and must reach the user as the place to fix.
"""

from __future__ import annotations

import csv
import io
import re

from electcli.errors import InputError, Location
from electcli.readers.csv_strict import quote_error

QUOTE_HINT = "check the quotes: a cell that starts with a quote runs to the next lone quote"


def csv_error(exc: csv.Error, text: str, shown: str, line: int, hint: str = QUOTE_HINT) -> InputError:
    """``exc``, met by a csv reader of ``text`` on ``line``, as an ``InputError`` (error path only)."""
    limit = csv.field_size_limit()
    if "field larger than field limit" in str(exc):
        # The first run of more than ``limit`` characters in one cell, found from a run's start.
        run = re.search(r"(?<![^,\n\r])[^,\n\r]{%d}" % (limit + 1), text)  # noqa: UP031
        if run is not None:
            start = run.start()
            found_line = text.count("\n", 0, start) + 1
            column = start - (text.rfind("\n", 0, start) + 1) + 1
            where = Location(shown, found_line, column)
        else:
            where = Location(shown, line)
        return InputError(
            where,
            f"has a cell longer than {limit // 1024} KiB",
            "no name or count is this long: check that the file is the CSV meant (and its quotes)",
        )
    return quote_error(text, shown) or InputError(Location(shown, line), f"is not valid CSV: {exc}", hint)


def cell_column(line: str, index: int) -> int:
    """The column (from 1) where cell ``index`` (from 0) of a CSV line starts, quotes respected
    (0 when the line has fewer cells: a quoted cell ran on to another line)."""
    if index == 0:
        return 1
    quoted = False
    found = 0
    for offset, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            found += 1
            if found == index:
                return offset + 2
    return 0


def line_in_text(text: str, number: int) -> str:
    """Line ``number`` (from 1) of ``text``, lines ended as the csv module reads them (error path only)."""
    for current, line in enumerate(io.StringIO(text, newline=""), 1):
        if current == number:
            return line.rstrip("\r\n")
    return ""


def line_of_file(path: str, number: int) -> str:
    """Line ``number`` (from 1) of a UTF-8 file, read up to it (error path only)."""
    try:
        with open(path, encoding="utf-8", errors="replace", newline="") as handle:
            for current, line in enumerate(handle, 1):
                if current == number:
                    return line.rstrip("\r\n").removeprefix("\ufeff")
    except OSError:
        pass
    return ""


def check_line_end(text: str, shown: str) -> None:
    """Refuse CSV text whose last row has no line end after it: the file may have been cut short
    inside that row, and a count cut from ``1808`` to ``18`` would still read as a count."""
    if text and not text.endswith(("\n", "\r")):
        last = text.rsplit("\n", 1)[-1]
        raise InputError(
            Location(shown, text.count("\n") + 1, len(last) + 1),
            "ends without a line end after its last row, so it may have been cut short",
            "check that the whole file arrived; if it did, add a line end after the last row",
        )
