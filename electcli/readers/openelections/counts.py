"""Vote cells read as counts, in bulk where the column is plain digits, and vote modes checked."""

from __future__ import annotations

import re

from electcli.readers.openelections.conventions import COUNT_HINT, MAX_COUNT_DIGITS
from electcli.readers.openelections.table import Table


class _BadCount(Exception):
    pass


def _count(text: str) -> int | None:
    """A vote cell: None when empty, else a whole number (``1808``, ``1808.0``, ``"1,808"``)."""
    if text.isdigit() and text.isascii() and len(text) <= MAX_COUNT_DIGITS:
        return int(text)
    if not text:
        return None
    match = re.fullmatch(r"([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.0+)?", text)
    if match:
        digits = match.group(1).replace(",", "")
        if len(digits) > MAX_COUNT_DIGITS:
            raise _BadCount(f"{text[:40]}... has {len(digits)} digits")
        return int(digits)
    stripped = text.strip()
    if stripped != text:
        raise _BadCount(f"{text!r} has spaces around it")
    if re.fullmatch(r"-[0-9,]*(?:\.[0-9]*)?", stripped) and stripped != "-":
        raise _BadCount(f"{text!r} is negative")
    if re.fullmatch(r"\+?(?:[0-9,]*\.[0-9]+|[0-9,]+\.)", stripped):
        raise _BadCount(f"{text!r} is not a whole number")
    if re.fullmatch(r"[+-]?[0-9.]+[eE][+-]?[0-9]+", stripped):
        raise _BadCount(f"{text!r} uses an exponent")
    raise _BadCount(f"{text!r} is not a number")


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
    ):
        if re.search(",0[0-9]", "," + joined):  # leading zeros: not JSON
            return list(map(int, plain))
        # Plain digits make a valid JSON list, which json's C parser reads faster than int().
        import json

        counts: list[int | None] = json.loads(f"[{joined}]")
        return counts
    values: list[int | None] = []
    for position, cell in enumerate(cells):
        try:
            values.append(_count(cell))
        except _BadCount as exc:
            raise table.error(rows[position], f"{name} {exc}", COUNT_HINT, name) from None
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
