"""Read a counts file: CSV with the header ``unit,candidate,votes``, one row per unit and candidate.

A statewide file has hundreds of thousands of rows, so the whole file is checked in bulk
(column lists, set operations and one regular expression, all running in C); only when a bulk
check fails is the file walked row by row, to name the exact line and problem.
"""

from __future__ import annotations

import csv
import gc
import io
import re
from collections.abc import Collection

from electcli.errors import InputError, Location
from electcli.model import WRITE_INS
from electcli.readers.source import decode_text, read_bytes
from electcli.suggest import name_hint
from electcli.values import MAX_COUNT_DIGITS, parse_count

HEADER = ["unit", "candidate", "votes"]
# Every vote cell, joined by newlines: digits, no leading zeros, not too long.
_COUNTS = r"(?:0|[1-9][0-9]{0,%d})(?:\n(?:0|[1-9][0-9]{0,%d}))*" % (MAX_COUNT_DIGITS - 1, MAX_COUNT_DIGITS - 1)

Columns = tuple[tuple[str, ...], tuple[str, ...], tuple[int, ...]]


def read_counts_csv(path: str, shown: str, candidates: Collection[str]) -> tuple[Columns, dict[str, int]]:
    """The unit, name and vote columns of the CSV at ``path`` (``shown`` is how errors name it),
    and each name's total (unnamed write-ins under ``write_ins``).
    """
    text = decode_text(shown, read_bytes(path, shown=shown))
    # The bulk work allocates hundreds of thousands of small objects and frees none of them:
    # cyclic garbage collection passes during it would only re-scan them, so it waits.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _read(text, shown, candidates)
    finally:
        if collecting:
            gc.enable()


def _read(text: str, shown: str, candidates: Collection[str]) -> tuple[Columns, dict[str, int]]:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        raise InputError(Location(shown), "is empty: a counts file needs the header unit,candidate,votes")
    header = rows[0]
    if [cell.strip().lower() for cell in header] != HEADER:
        raise InputError(Location(shown, 1), f"header is {','.join(header)!r}", "a counts file starts with the header unit,candidate,votes")
    del rows[0]
    if [] in rows:
        rows = [row for row in rows if row]  # a blank line holds no data
    if not rows:
        raise InputError(Location(shown), "has a header but no rows", "add rows of unit,candidate,votes")
    known = set(candidates)
    if set(map(len, rows)) != {3}:
        _diagnose(text, shown, known, candidates)
    units = [row[0] for row in rows]
    names = [row[1] for row in rows]
    cells = [row[2] for row in rows]
    if (
        not re.fullmatch(_COUNTS, "\n".join(cells))
        or not set(names) <= known | {WRITE_INS}
        or any(not unit or unit != unit.strip() for unit in set(units))
    ):
        _diagnose(text, shown, known, candidates)
    votes = list(map(int, cells))
    sums = _regular_sums(units, names, votes)
    if sums is None:
        if len(set(zip(units, names, strict=True))) != len(rows):
            _diagnose(text, shown, known, candidates)
        sums = {}
        for name, count in zip(names, votes, strict=True):
            sums[name] = sums.get(name, 0) + count
    return (tuple(units), tuple(names), tuple(votes)), sums


def _regular_sums(units: list[str], names: list[str], votes: list[int]) -> dict[str, int] | None:
    """Totals by name for the usual layout, or ``None`` for any other.

    Most counts files list every unit as one block of rows naming the same candidates in the same
    order. That layout can be confirmed, and summed, with list slices and comparisons that run in
    C; it also rules out a unit naming a candidate twice. Anything else takes the general path.
    """
    width = len(set(names))
    if not width or len(names) % width:
        return None
    block = names[:width]
    unit_names = units[::width]
    if (
        len(set(block)) != width
        or names != block * len(unit_names)
        or len(set(unit_names)) != len(unit_names)
        or any(units[offset::width] != unit_names for offset in range(1, width))
    ):
        return None
    return {name: sum(votes[offset::width]) for offset, name in enumerate(block)}


def _diagnose(text: str, shown: str, known: set[str], candidates: Collection[str]) -> None:
    """Walk the rows one by one and raise the first problem, with its line."""
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader)
    seen: set[tuple[str, str]] = set()
    for row in reader:
        where = Location(shown, reader.line_num)
        if not row:
            continue
        if len(row) != 3:
            raise InputError(where, f"row has {len(row)} fields, not 3", "each row is unit,candidate,votes")
        unit, name, votes_text = row
        if not unit or unit != unit.strip():
            raise InputError(where, f"unit name {unit!r} is empty or has spaces around it", "give the unit's name exactly")
        if name not in known and name != WRITE_INS:
            raise InputError(where, f"{name!r} is not a candidate in this contest", name_hint(name, candidates))
        if (unit, name) in seen:
            raise InputError(where, f"unit {unit!r} gives votes for {name!r} twice", "give each unit and candidate once")
        seen.add((unit, name))
        parse_count(votes_text, where)
    raise InputError(Location(shown), "could not be read as a counts file")  # unreachable: the bulk checks found a problem
