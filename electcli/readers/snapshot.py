"""A result snapshot fed back to ``electcli diff``: electcli's own ``--format json`` output, checked.

``diff`` compares the fields of each contest record; a damaged snapshot (a field of the wrong
type, a vote count as text, a list where a name belongs) must not be compared as if it were
right, nor crash the comparison. Every field ``diff`` reads is checked here (spec/output.md
gives the types), and an error names the file, line and column of the value.
"""

from __future__ import annotations

import re
from typing import Any

from electcli.errors import InputError, Location
from electcli.readers.json_where import position_of

SNAPSHOT_HINT = "give a race file, or the output of `electcli tally FILE --format json`"

_NAMES = "a list of candidate names"


def _votes(value: object) -> bool:
    """A number of votes as output writes it: a whole number, or one with a fraction as exact text
    ("113/3", "12.5": ranked-choice transfers, present/ranked_records.exact); a margin may be negative."""
    if type(value) is int:
        return True
    return type(value) is str and re.fullmatch(r"-?[0-9]{1,100}(?:/[0-9]{1,100}|\.[0-9]{1,40})", value) is not None


# field: (what it must be, check)
_FIELDS: dict[str, tuple[str, Any]] = {
    "name": ("text", lambda v: type(v) is str),
    "election": ("text or null", lambda v: v is None or type(v) is str),
    "outcome": ("text", lambda v: type(v) is str),
    "winners": (_NAMES, lambda v: type(v) is list and all(type(n) is str for n in v)),
    "advancing": (_NAMES, lambda v: type(v) is list and all(type(n) is str for n in v)),
    "tied": (_NAMES, lambda v: type(v) is list and all(type(n) is str for n in v)),
    "decided_by_lot": ("true or false", lambda v: type(v) is bool),
    "recount": ("true or false", lambda v: type(v) is bool),
    "total_votes": ("a number of votes", _votes),
    "candidates": ("a list of candidates", lambda v: type(v) is list),
    "margins": ("an object", lambda v: type(v) is dict),
}
_OPTIONAL = frozenset({"election", "margins", "recount", "decided_by_lot", "advancing", "tied", "winners"})


def check_snapshot(document: object, text: str, name: str) -> list[dict[str, Any]]:
    """The contest records of a snapshot, every field ``diff`` reads checked."""

    def error(path: list[str | int], problem: str, hint: str = "") -> InputError:
        line, column = position_of(text, path)
        return InputError(Location(name, line, column), problem, hint)

    contests = document.get("contests") if isinstance(document, dict) else None
    if not isinstance(contests, list):
        raise error(
            ["contests"] if isinstance(document, dict) and "contests" in document else [],
            "is not electcli JSON output: it has no `contests` list",
            SNAPSHOT_HINT,
        )
    seen: dict[tuple[object, object], int] = {}
    for index, record in enumerate(contests):
        where: list[str | int] = ["contests", index]
        if type(record) is not dict:
            raise error(where, f"contest {index + 1} of the snapshot is not an object", SNAPSHOT_HINT)
        for field, (kind, valid) in _FIELDS.items():
            if field not in record:
                if field in _OPTIONAL:
                    continue
                raise error(where, f"contest {index + 1} of the snapshot has no {field!r}", SNAPSHOT_HINT)
            if not valid(record[field]):
                raise error([*where, field], f"the snapshot's {field!r} is not {kind}", SNAPSHOT_HINT)
        key = (record.get("election"), record["name"])
        if key in seen:  # diff matches contests by election and name: one of the two would vanish
            raise error(
                [*where, "name"],
                f"the snapshot holds the contest {record['name']!r} twice (contest {seen[key] + 1} and {index + 1})",
                SNAPSHOT_HINT,
            )
        seen[key] = index
        for number, candidate in enumerate(record["candidates"]):
            at: list[str | int] = [*where, "candidates", number]
            if type(candidate) is not dict:
                raise error(at, "a candidate in the snapshot is not an object", SNAPSHOT_HINT)
            if type(candidate.get("name")) is not str:
                raise error([*at, "name"], "a candidate in the snapshot has no name (text)", SNAPSHOT_HINT)
            votes = candidate.get("votes")
            if not _votes(votes):
                raise error(
                    [*at, "votes"], "a candidate's votes in the snapshot are not a number of votes", SNAPSHOT_HINT
                )
        margins = record.get("margins") or {}
        for part in ("lead", "cutoff"):
            value = margins.get(part)
            if value is None:
                continue
            if type(value) is not dict or not (value.get("votes") is None or _votes(value.get("votes"))):
                raise error([*where, "margins", part], f"the snapshot's margins {part!r} is not {{votes, points}}")
        short = margins.get("short_of_threshold")
        if short is not None and not _votes(short):
            raise error([*where, "margins", "short_of_threshold"], "the snapshot's short_of_threshold is not a number")
    return contests
