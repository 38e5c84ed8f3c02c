"""``electcli diff``: what changed between two result snapshots. Pure: compares contest records.

A snapshot is a list of contest records as ``--format json`` writes them (``contests``), whether
it came from a JSON file or from tallying a race file. Contests are matched by election and
name. An outcome change (the outcome, or who won, advances or is tied), or a contest that is no
longer there, is what election-night scripts must not miss: ``outcome_changed`` says so.

Who wins, advances or is tied in a final count is a set: the same candidates in another order is
the same outcome. The new order is still reported, as a change (``winners_order``...) beside the
change of leader, but not as an outcome change.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

Record = dict[str, Any]

# `leaders` is set only while a count is incomplete (outcome `leading`): a change in who leads then
# is a changed outcome (shared/spec/output.md, "Incomplete counts"), and so is `leading` -> final.
# `projected` too: a measure has no leaders, and its turning from pass to fail is who leads.
OUTCOME_FIELDS = ("outcome", "projected", "winners", "advancing", "tied", "leaders")
_SINGLE_FIELDS = ("outcome", "projected")  # a value, not a list of names
OTHER_FIELDS = (
    "reporting", "decided_by_lot", "recount", "total_votes", "leader", "lead", "cutoff",
    "short_of_threshold",
)  # fmt: skip
ORDER_SUFFIX = "_order"  # `advancing_order`: the same candidates, in another order


def _equal(old: object, new: object) -> bool:
    return old == new


def _same_set(old: object, new: object) -> bool:
    if isinstance(old, list) and isinstance(new, list):
        return Counter(map(str, old)) == Counter(map(str, new))
    return old == new


# How each outcome field is compared, by the kind of count the newer snapshot holds. In a final
# count, who wins, advances or is tied is a set. While a count is incomplete (`leading`), its
# `leaders` are in finishing order and any change in who leads, order included, is a changed
# outcome. A change of kind (leading to final) changes `outcome` itself.
Comparison = Callable[[object, object], bool]
_NAMES_AS_SETS: dict[str, Comparison] = {"winners": _same_set, "advancing": _same_set, "tied": _same_set}
OUTCOME_COMPARISONS: dict[str, dict[str, Comparison]] = {
    "final": {"outcome": _equal, "projected": _equal, **_NAMES_AS_SETS, "leaders": _equal},
    "leading": {"outcome": _equal, "projected": _equal, **_NAMES_AS_SETS, "leaders": _equal},
}


def _kind(record: Record) -> str:
    """The kind of count a record holds: `leading` while incomplete, else final."""
    return "leading" if record.get("outcome") == "leading" else "final"


class Change(NamedTuple):
    field: str
    old: object
    new: object


class ContestDiff(NamedTuple):
    election: str | None
    name: str
    status: str  # changed, unchanged, added or removed
    outcome_changed: bool
    changes: tuple[Change, ...]
    votes: tuple[Change, ...]  # candidates whose votes changed (old or new None: not there)


def _key(record: Record) -> tuple[str, str]:
    return (str(record.get("election") or ""), str(record.get("name")))


def _fields(record: Record) -> dict[str, object]:
    candidates = record.get("candidates") or []
    margins = record.get("margins") or {}
    lead = margins.get("lead") or {}
    cutoff = margins.get("cutoff") or {}
    # a field a snapshot leaves out and an empty list mean the same (final records carry no leaders)
    values: dict[str, object] = {
        field: record.get(field) or (None if field in _SINGLE_FIELDS else []) for field in OUTCOME_FIELDS
    }
    values.update(
        reporting=_reporting(record.get("reporting")),
        decided_by_lot=record.get("decided_by_lot"),
        recount=record.get("recount"),
        total_votes=record.get("total_votes"),
        leader=candidates[0].get("name") if candidates else None,
        lead=lead.get("votes"),
        cutoff=cutoff.get("votes"),
        short_of_threshold=margins.get("short_of_threshold"),
    )
    return values


def _reporting(reporting: object) -> str | None:
    if not isinstance(reporting, dict):
        return None
    return f"{reporting.get('reported')} of {reporting.get('expected')}"


def _votes(record: Record) -> dict[str, int]:
    return {str(c.get("name")): c.get("votes") for c in record.get("candidates") or []}


def _pairs(old: Sequence[Record], new: Sequence[Record]) -> dict[tuple[str, str], tuple[str, str]]:
    """Old keys to new keys: by election and name, else by name alone where that is unambiguous
    (an election renamed between snapshots, or a race file without election metadata)."""
    old_keys = [_key(record) for record in old]
    new_keys = [_key(record) for record in new]
    pairs = {key: key for key in old_keys if key in new_keys}
    spare_old = [key for key in old_keys if key not in pairs]
    spare_new = [key for key in new_keys if key not in pairs.values()]
    for key in spare_old:
        same_name = [other for other in spare_new if other[1] == key[1]]
        if len(same_name) == 1 and sum(1 for other in spare_old if other[1] == key[1]) == 1:
            pairs[key] = same_name[0]
    return pairs


def compare(old: Sequence[Record], new: Sequence[Record]) -> list[ContestDiff]:
    old_by_key = {_key(record): record for record in old}
    new_by_key = {_key(record): record for record in new}
    pairs = _pairs(old, new)
    diffs = []
    for key, before in old_by_key.items():
        after = new_by_key.get(pairs[key]) if key in pairs else None
        if after is None:
            diffs.append(ContestDiff(key[0] or None, key[1], "removed", True, (), ()))
            continue
        was, now = _fields(before), _fields(after)
        comparisons = OUTCOME_COMPARISONS[_kind(after)]
        outcome_changes = [
            field for field in OUTCOME_FIELDS if not comparisons.get(field, _equal)(was[field], now[field])
        ]
        reordered = [field for field in OUTCOME_FIELDS if was[field] != now[field] and field not in outcome_changes]
        changes = (
            *(Change(field, was[field], now[field]) for field in outcome_changes),
            *(Change(field + ORDER_SUFFIX, was[field], now[field]) for field in reordered),
            *(Change(field, was[field], now[field]) for field in OTHER_FIELDS if was[field] != now[field]),
        )
        old_votes, new_votes = _votes(before), _votes(after)
        votes = tuple(
            Change(name, old_votes.get(name), new_votes.get(name))
            for name in dict.fromkeys([*old_votes, *new_votes])
            if old_votes.get(name) != new_votes.get(name)
        )
        outcome_changed = any(change.field in OUTCOME_FIELDS for change in changes)
        status = "changed" if changes or votes else "unchanged"
        diffs.append(ContestDiff(key[0] or None, key[1], status, outcome_changed, changes, votes))
    matched = set(pairs.values())
    for key in new_by_key:
        if key not in matched:
            diffs.append(ContestDiff(key[0] or None, key[1], "added", False, (), ()))
    return diffs
