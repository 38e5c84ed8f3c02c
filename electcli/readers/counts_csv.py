"""Read a counts file: CSV with the header ``unit,candidate,votes``, one row per unit and candidate.

Rows are grouped by unit in the order units first appear. Every problem names the file and line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection

from electcli.errors import InputError, Location
from electcli.model import UnitResult
from electcli.readers.source import decode_text, read_bytes
from electcli.suggest import name_hint
from electcli.values import parse_count

HEADER = ["unit", "candidate", "votes"]
WRITE_INS = "write_ins"


def read_counts_csv(path: str, shown: str, candidates: Collection[str]) -> tuple[UnitResult, ...]:
    """Units from the CSV at ``path`` (``shown`` is how errors name it)."""
    text = decode_text(shown, read_bytes(path, shown=shown))
    rows = csv.reader(io.StringIO(text, newline=""))
    header = next(rows, None)
    if header is None:
        raise InputError(Location(shown), "is empty: a counts file needs the header unit,candidate,votes")
    if [cell.strip().lower() for cell in header] != HEADER:
        raise InputError(Location(shown, 1), f"header is {','.join(header)!r}", "a counts file starts with the header unit,candidate,votes")
    units: dict[str, dict[str, int]] = {}
    write_ins: dict[str, int] = {}
    first_line: dict[str, int] = {}
    seen: dict[tuple[str, str], int] = {}
    known = set(candidates)
    for row in rows:
        line = rows.line_num
        if len(row) != 3:
            if not row:
                continue  # a blank line holds no data
            raise InputError(Location(shown, line), f"row has {len(row)} fields, not 3", "each row is unit,candidate,votes")
        unit, candidate, votes_text = row
        if not unit.strip() or unit != unit.strip():
            raise InputError(Location(shown, line), f"unit name {unit!r} is empty or has spaces around it", "give the unit's name exactly")
        if candidate not in known and candidate != WRITE_INS:
            raise InputError(Location(shown, line), f"{candidate!r} is not a candidate in this contest", name_hint(candidate, candidates))
        key = (unit, candidate)
        if key in seen:
            raise InputError(Location(shown, line), f"{unit!r} gives votes for {candidate!r} twice (first at line {seen[key]})", "give each unit and candidate once")
        seen[key] = line
        votes = parse_count(votes_text, Location(shown, line), "vote count")
        if unit not in units:
            units[unit] = {}
            first_line[unit] = line
        if candidate == WRITE_INS:
            write_ins[unit] = votes
        else:
            units[unit][candidate] = votes
    return tuple(
        UnitResult(name, tuple(counts.items()), write_ins.get(name, 0), Location(shown, first_line[name]))
        for name, counts in units.items()
    )
