"""Vote cells read as counts, in bulk where the column is plain digits, and vote modes checked."""

from __future__ import annotations

import re

from electcli.errors import InputError, Location
from electcli.readers.openelections.conventions import COUNT_HINT, MAX_COUNT_DIGITS
from electcli.readers.openelections.table import Table
from electcli.values import parse_count

_NOWHERE = Location("")  # count_column puts the row's place on the error


def _count(text: str, name: str) -> int | None:
    """A vote cell: None when empty, else a whole number (``1808``, ``1808.0``, ``"1,808"``; not
    ``0012``), read by the parser of counts every format shares."""
    if not text:
        return None
    return parse_count(text, _NOWHERE, name, point_zero=True)


def count_column(table: Table, rows: list[int], name: str, cells: list[str]) -> list[int | None]:
    """A count column for these rows, every cell checked (an error names the first bad one)."""
    plain = cells
    joined = ",".join(cells)
    if joined.count(",") != len(cells) - 1:  # a cell holds a comma ("1,808")
        joined = ""
    elif ".0," in joined + ",":  # 1808.0, as some states write counts
        joined = (joined + ",").replace(".0,", ",")[:-1]
        plain = joined.split(",")
    if (
        "" not in plain
        and joined.isascii()
        and joined.replace(",", "").isdigit()
        and max(map(len, plain)) <= MAX_COUNT_DIGITS
        and not re.search(",0[0-9]", "," + joined)  # a leading zero: refused below, with its row
    ):
        # Plain digits make a valid JSON list, which json's C parser reads faster than int().
        import json

        counts: list[int | None] = json.loads(f"[{joined}]")
        return counts
    values: list[int | None] = []
    for position, cell in enumerate(cells):
        try:
            values.append(_count(cell, name))
        except InputError as exc:
            raise table.error(rows[position], exc.problem, COUNT_HINT, name) from None
    return values


def check_modes(
    table: Table, rows: list[int], votes: list[int | None], modes: list[str], counts: list[list[int | None]]
) -> None:
    """The vote modes of a row add up to no more than its votes (missing modes count 0)."""
    filled = [column if None not in column else [value or 0 for value in column] for column in counts]
    sums = list(map(sum, zip(*filled, strict=True)))
    if None not in votes and not any(map(int.__gt__, sums, votes)):  # type: ignore[arg-type]
        return
    for position, (total, summed) in enumerate(zip(votes, sums, strict=True)):  # pragma: no branch
        if total is None:
            if any(column[position] is not None for column in counts):
                raise table.error(
                    rows[position],
                    "votes is empty but the vote modes are filled",
                    "give the row's total in votes (the vote modes split it by how the votes were cast)",
                    "votes",
                )
        elif summed > total:
            detail = " + ".join(
                f"{name} {column[position]}" for name, column in zip(modes, counts, strict=True) if column[position]
            )
            raise table.error(
                rows[position],
                f"the vote modes add up to {summed} ({detail}), more than votes {total}",
                "the vote-mode columns split votes by how they were cast: their sum cannot exceed it",
                "votes",
            )
