"""Read a counts file: CSV with the header ``unit,candidate,votes``, one row per unit and candidate.

A statewide file has hundreds of thousands of rows, so the whole file is checked in bulk
(column lists, set operations and one regular expression, all running in C); only when a bulk
check fails is the file walked row by row, to name the exact line and problem.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Collection
from itertools import chain, repeat
from typing import Any, NamedTuple, NoReturn

from electcli.digest import sha256_hex
from electcli.errors import InputError, Location
from electcli.model import WRITE_INS
from electcli.readers.bulk import CollectionPaused
from electcli.readers.csv_errors import cell_column, check_line_end, csv_error, line_in_text
from electcli.readers.csv_strict import csv_reader
from electcli.readers.source import MAX_CSV_BYTES, decode_text, read_bytes
from electcli.suggest import name_hint
from electcli.values import MAX_COUNT_DIGITS, parse_count

HEADER = ["unit", "candidate", "votes"]

Columns = tuple[tuple[str, ...], tuple[str, ...], tuple[int, ...]]


class Counted(NamedTuple):
    unit_column: tuple[str, ...]
    name_column: tuple[str, ...]
    vote_column: tuple[int, ...]
    sums: dict[str, int]  # each name's total (unnamed write-ins under ``write_ins``)
    sha256: str  # of the file, for the audit trail


def read_counts_csv(path: str, shown: str, candidates: Collection[str]) -> Counted:
    """The unit, name and vote columns of the CSV at ``path`` (``shown`` is how errors name it)."""
    data = read_bytes(path, MAX_CSV_BYTES, shown=shown)
    text = decode_text(shown, data, "a counts file is UTF-8 CSV text with the header unit,candidate,votes")
    with CollectionPaused():
        (unit_column, name_column, vote_column), sums = _read(text, shown, candidates)
    return Counted(unit_column, name_column, vote_column, sums, sha256_hex(data))


def _read(text: str, shown: str, candidates: Collection[str]) -> tuple[Columns, dict[str, int]]:
    known = set(candidates)
    header, flat = _cells(text, shown)
    # exactly the three names, in any case: nothing around them (str.strip() would take off a
    # Unicode line separator or a no-break space, which no header holds but a damaged file might)
    if [cell.lower() for cell in header] != HEADER:
        # Quoted only when it is a header of three columns: a file that is no CSV of counts at all
        # (a path mistyped, or a race file naming /etc/shadow) must not have its first line printed.
        found, where = "is not a counts file", Location(shown, 1)
        if len(header) == len(HEADER):
            found = f"header is {','.join(header)[:60]!r}"
            wrong = next(index for index, cell in enumerate(header) if cell.lower() != HEADER[index])
            where = Location(shown, 1, cell_column(line_in_text(text, 1), wrong))
        raise InputError(where, found, "a counts file starts with the header unit,candidate,votes")
    if flat is None:
        _diagnose(text, shown, known, candidates)
    if not flat:
        raise InputError(Location(shown), "has a header but no rows", "add rows of unit,candidate,votes")
    units, names, cells = flat[0::3], flat[1::3], flat[2::3]
    unit_set = set(units)
    if (
        not set(names) <= known | {WRITE_INS}
        or "" in unit_set
        or any(map(str.__ne__, unit_set, map(str.strip, unit_set)))  # spaces around a name
    ):
        _diagnose(text, shown, known, candidates)
    votes = _plain_counts(cells)
    if votes is None:  # some cell is not plain digits ("1,234" is a count too): one by one
        votes = [_count(text, shown, known, candidates, cell) for cell in cells]
    sums = _regular_sums(units, names, votes)
    if sums is None:
        if len(set(zip(units, names, strict=True))) != len(units):
            _diagnose(text, shown, known, candidates)
        sums = {}
        for name, count in zip(names, votes, strict=True):
            sums[name] = sums.get(name, 0) + count
    return (tuple(units), tuple(names), tuple(votes)), sums


def _plain_counts(cells: list[str]) -> list[int] | None:
    """Every cell as a count when all are plain digits without leading zeros, else ``None``.

    The cells are joined by spaces (no count contains one) and, once checked, read as one JSON
    list: json's C parser is much faster than int() one cell at a time. A cell that is empty,
    holds a comma or a space, or is not digits makes the check fail, never a wrong list.
    """
    joined = " ".join(cells)
    if (
        "" in cells
        or not (joined.isascii() and joined.replace(" ", "").isdigit())
        or re.search(" 0[0-9]", " " + joined)
    ):
        return None
    try:
        votes: list[int] = json.loads("[" + joined.replace(" ", ",") + "]")
    except ValueError:  # a count too long for int()
        return None
    if len(votes) != len(cells) or max(votes) >= 10**MAX_COUNT_DIGITS:
        return None
    return votes


def _count(text: str, shown: str, known: set[str], candidates: Collection[str], cell: str) -> int:
    try:
        return parse_count(cell, Location(shown))
    except InputError:
        _diagnose(text, shown, known, candidates)  # to name the line


def _cells(text: str, shown: str) -> tuple[list[str], list[str] | None]:
    """The header, and every other cell row after row (``None`` when a row has not 3 cells).

    Plain text (no quotes, no carriage returns) is split with str methods, which run in C and
    make far fewer objects than the csv module; anything else goes through the csv module.
    Blank lines hold no data and are passed over, as the csv module does.
    """
    check_line_end(text, shown)
    if "\r" in text and text.count("\r") == text.count("\r\n"):
        text = text.replace("\r\n", "\n")  # Windows line ends (what csv.writer and spreadsheets write)
    body = text[:-1] if text.endswith("\n") else text
    if '"' not in body and "\r" not in body and "\n\n" not in body and not body.startswith("\n"):
        first, _, rest = body.partition("\n")
        header = first.split(",")
        if not first:
            raise InputError(Location(shown), "is empty: a counts file needs the header unit,candidate,votes")
        if not rest:
            return header, []
        if set(map(str.count, rest.split("\n"), repeat(","))) != {2}:
            return header, None
        return header, rest.replace("\n", ",").split(",")
    reader = csv_reader(io.StringIO(text, newline=""))
    try:
        rows = [row for row in reader if row]
    except csv.Error as exc:
        raise csv_error(exc, text, shown, reader.line_num) from None
    if not rows:
        raise InputError(Location(shown), "is empty: a counts file needs the header unit,candidate,votes")
    header = rows[0]
    del rows[0]
    if rows and set(map(len, rows)) != {3}:
        return header, None
    return header, list(chain.from_iterable(rows))


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


def _diagnose(text: str, shown: str, known: set[str], candidates: Collection[str]) -> NoReturn:
    """Walk the rows one by one and raise the first problem, with its line."""
    reader = csv_reader(io.StringIO(text, newline=""))
    try:
        _walk(reader, text, shown, known, candidates)
    except csv.Error as exc:
        raise csv_error(exc, text, shown, reader.line_num) from None
    raise InputError(
        Location(shown), "could not be read as a counts file"
    )  # unreachable: the bulk checks found a problem


def _walk(reader: Any, text: str, shown: str, known: set[str], candidates: Collection[str]) -> None:
    """Raise the first problem of the rows (a csv reader), with its line and the cell's column."""
    next(reader)
    seen: set[tuple[str, str]] = set()
    for row in reader:
        line = reader.line_num

        def at(cell: int, line: int = line) -> Location:
            return Location(shown, line, cell_column(line_in_text(text, line), cell))

        if not row:
            continue
        if len(row) != 3:
            raise InputError(
                Location(shown, line), f"row has {len(row)} fields, not 3", "each row is unit,candidate,votes"
            )
        unit, name, votes_text = row
        if not unit or unit != unit.strip():
            raise InputError(
                at(0), f"unit name {unit!r} is empty or has spaces around it", "give the unit's name exactly"
            )
        if name not in known and name != WRITE_INS:
            raise InputError(at(1), f"{name!r} is not a candidate in this contest", name_hint(name, candidates))
        if (unit, name) in seen:
            raise InputError(
                at(1), f"unit {unit!r} gives votes for {name!r} twice", "give each unit and candidate once"
            )
        seen.add((unit, name))
        try:
            parse_count(votes_text, Location(shown, line))
        except InputError as exc:
            raise InputError(at(2), exc.problem, exc.hint) from None
