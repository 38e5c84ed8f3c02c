"""A csv module error as an input error with the line and column, whichever reader met it.

The csv module refuses a cell over its field size limit (128 KiB) and a stray quote; both are
raised as ``csv.Error`` in the middle of a file, and must reach the user as the place to fix.
"""

from __future__ import annotations

import csv
import re

from electcli.errors import InputError, Location

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
    return InputError(Location(shown, line), f"is not valid CSV: {exc}", hint)
