"""A NIST report's vote counts: each selection's total, its counts by reporting unit at the
finest level the report gives, and the other counts (over and under votes, write-ins).
"""

from __future__ import annotations

from collections import Counter
from itertools import chain, repeat
from operator import itemgetter, methodcaller
from typing import Any

from electcli.errors import InputError
from electcli.model import WRITE_INS, Results
from electcli.readers.nist.values import COUNT_TYPES, JSON, REPORTING_UNIT_TYPES, ReportValues, describe_json

OTHER_COUNTS = (("Overvotes", "over_votes"), ("Undervotes", "under_votes"))
# The keys of a plain total (the bulk of a statewide report's counts).
PLAIN_COUNT = frozenset({"@type", "Count", "GpUnitId", "Type"})
_NONE: frozenset[str] = frozenset()


class ReportCounts(ReportValues):
    """Reads the counts of a contest's selections; which GpUnits compose which is worked out once."""

    def __init__(self, document: object, name: str, text: str = "") -> None:
        super().__init__(document, name, text)
        self.descendants: dict[str, set[str] | frozenset[str]] = {}

    def counts(self, entries: list[SelectionEntry], district: str, where: str) -> CountedVotes:
        contest = self.context  # the contest being read: errors about all its selections point at it
        totals: list[int | None] = []
        by_unit: list[dict[str, int]] = []
        for entry in entries:
            total, units = self.selection_counts(entry, district)
            totals.append(total)
            by_unit.append(units)
        counted_units: set[str] = set().union(*by_unit)
        # The finest level: a unit that composes other counted units would count their votes twice.
        # Most units (precincts) compose nothing: only those that do are looked into.
        gpunits = self.gpunits
        finest = [
            u
            for u in gpunits
            if u in counted_units and not (gpunits[u].get("ComposingGpUnitIds") and self.below(u) & counted_units)
        ]
        keep = set(finest)
        self.check_composed(entries, by_unit, counted_units - keep, keep, district)
        # The usual report: every selection has a count for every unit kept. Its sums and rows are
        # then made by C-level maps over the units, not a Python step per unit and selection.
        # (a selection with a count for every unit counted has them all, the kept ones included)
        every_unit = bool(keep) and all(len(units) == len(counted_units) or units.keys() >= keep for units in by_unit)
        final: list[int] = []
        for entry, total, units in zip(entries, totals, by_unit, strict=True):
            if every_unit:
                kept = list(map(units.__getitem__, finest))
            else:
                kept = [votes for unit, votes in units.items() if unit in keep]
            if total is None and not kept:
                raise self.no_total(entry, district)
            self.context = entry.selection
            if not keep or (not kept and entry.name is None):
                # no units at all; or write-ins without a breakdown by unit, as a race file allows
                assert total is not None
                final.append(total)
                continue
            summed = sum(kept)
            if total is not None and total != summed:
                raise self.error(
                    f"{entry.label} has a total of {total} for {district!r}, "
                    f"but its counts by reporting unit add up to {summed}",
                    "correct the total or the units' counts so that they agree",
                )
            final.append(summed)
        if not keep:
            return CountedVotes(final, None)
        names = self.unit_names(finest)  # unique labels, one per unit
        columns = [
            (entry.name if entry.name is not None else WRITE_INS, units)
            for entry, units in zip(entries, by_unit, strict=True)
        ]
        unique_names = len({name for name, _ in columns}) == len(columns)
        if every_unit and unique_names:
            labels = [names[unit] for unit in finest]
            width = len(columns)
            figures = [list(map(units.__getitem__, finest)) for _, units in columns]
            results = Results(
                self.unit_by(finest),
                tuple(chain.from_iterable(map(repeat, labels, repeat(width)))),
                tuple(name for name, _ in columns) * len(finest),
                tuple(chain.from_iterable(zip(*figures, strict=True))),
            )
            return CountedVotes(final, results)
        rows: dict[tuple[str, str], int] = {}
        if unique_names:
            # Each (unit, name) pair occurs once: build the rows straight (the usual case, and the fast one).
            for unit in finest:
                label = names[unit]
                for name, units in columns:
                    votes = units.get(unit)
                    if votes is not None:
                        rows[label, name] = votes
        else:
            for unit in finest:
                for name, units in columns:
                    if unit in units:
                        key = (names[unit], name)
                        rows[key] = rows.get(key, 0) + units[unit]  # anonymous write-in selections add up
        if any(name == WRITE_INS for name, _ in columns):  # anonymous write-ins: their units must add up
            by_units = sum(votes for (_, name), votes in rows.items() if name == WRITE_INS)
            write_ins = sum(total for entry, total in zip(entries, final, strict=True) if entry.name is None)
            if by_units != write_ins and any(name == WRITE_INS for _, name in rows):
                raise self.error(
                    f"{where} has {write_ins} write-in votes, but its write-ins by reporting unit add up to {by_units}",
                    "give every write-in selection's counts by unit, or none of them",
                    contest,
                )
        unit_column, name_column = (tuple(column) for column in zip(*rows, strict=True)) if rows else ((), ())
        return CountedVotes(final, Results(self.unit_by(finest), unit_column, name_column, tuple(rows.values())))

    def selection_counts(self, entry: SelectionEntry, district: str) -> tuple[int | None, dict[str, int]]:
        total: int | None = None
        units: dict[str, int] = {}
        other_types: list[str] = []
        self.context = entry.selection
        gpunits = self.gpunits
        # One pass over every count of the selection (100,000s in a statewide report): the checks are
        # written inline and the accessors, which build the error messages, run only on failure.
        counts = self.sequence(entry.selection.get("VoteCounts"), f"{entry.label}'s VoteCounts", entry.selection)
        plain = _plain_counts(counts, district, gpunits)
        if plain is not None:
            entry.other_types = []
            return plain
        for item in counts:
            count = item if type(item) is dict else self.mapping(item, f"a VoteCounts of {entry.label}", counts)
            # The usual shape, told by one comparison of the keys (in C): a total with a unit and a
            # count, no round, device class or suppression; anything else takes the checks below.
            if count.keys() != PLAIN_COUNT or count["Type"] != "total":
                kind = count.get("Type")
                if kind != "total" or "Round" in count or "DeviceClass" in count:
                    if type(kind) is not str or kind not in COUNT_TYPES:
                        self.unknown_type(count, entry)
                    other_types.append(str(kind))
                    continue
                if count.get("IsSuppressedForPrivacy") is not None:
                    self.suppressed(count, entry)
                if "GpUnitId" not in count:
                    raise self.error(f"a VoteCounts of {entry.label} has no GpUnitId", at=count)
            unit = count["GpUnitId"]
            if type(unit) is not str or unit not in gpunits:
                unit = self.string(unit, f"a VoteCounts' GpUnitId in {entry.label}", (count, "GpUnitId"))
                self.gpunit(unit, f"a VoteCounts of {entry.label}", (count, "GpUnitId"))
            votes = count.get("Count")
            if type(votes) is not int or votes < 0:
                votes = self.count(
                    votes, f"the total of {entry.label} for {unit!r}", (count, "Count") if "Count" in count else count
                )
            if unit == district:
                if total is not None:
                    raise self.error(
                        f"{entry.label} has two totals for {unit!r}", "give one count of Type total per GpUnit", count
                    )
                total = votes
            else:
                if unit in units:
                    raise self.error(
                        f"{entry.label} has two totals for {unit!r}", "give one count of Type total per GpUnit", count
                    )
                units[unit] = votes
        entry.other_types = other_types
        return total, units

    def unknown_type(self, count: JSON, entry: SelectionEntry) -> None:
        """A count whose Type is not a CountItemType (``"Total"``): refused, never passed over as a part."""
        kind = count.get("Type")
        shown = repr(kind) if isinstance(kind, str) else describe_json(kind)
        raise self.error(
            f"a VoteCounts of {entry.label} has Type {shown}, which is not a NIST count type",
            f"count types are {', '.join(sorted(COUNT_TYPES))} (lower case); the votes counted are Type total",
            (count, "Type") if "Type" in count else count,
        )

    def suppressed(self, count: JSON, entry: SelectionEntry) -> None:
        """A total marked IsSuppressedForPrivacy holds no real count (or a wrong type for the flag)."""
        flag = count.get("IsSuppressedForPrivacy")
        if flag is False:
            return
        if flag is True:
            raise self.error(
                f"a total of {entry.label} is suppressed for privacy (IsSuppressedForPrivacy), so its Count is not the votes",
                "electcli tallies only reports whose totals are all given",
                (count, "IsSuppressedForPrivacy"),
            )
        raise self.error(
            f"a VoteCounts of {entry.label} has IsSuppressedForPrivacy {describe_json(flag)}, not true or false",
            at=(count, "IsSuppressedForPrivacy"),
        )

    def check_composed(
        self,
        entries: list[SelectionEntry],
        by_unit: list[dict[str, int]],
        composed: set[str],
        keep: set[str],
        district: str,
    ) -> None:
        """A unit passed over for the units it is made of (a county over its precincts) must agree
        with them: one that does not add up says the report is wrong, whichever level is right."""
        for unit in sorted(composed):
            parts = self.below(unit) & keep
            for entry, units in zip(entries, by_unit, strict=True):
                if unit not in units:
                    continue
                summed = sum(units.get(part, 0) for part in parts)
                if units[unit] != summed:
                    self.context = entry.selection
                    raise self.error(
                        f"{entry.label} has {units[unit]} votes in GpUnit {unit!r} for {district!r}, "
                        f"but the units it is made of (ComposingGpUnitIds) add up to {summed}",
                        "correct the counts, or the units the GpUnit is composed of, so that they agree",
                    )

    def no_total(self, entry: SelectionEntry, district: str) -> InputError:
        if entry.other_types:
            kinds = ", ".join(sorted(set(entry.other_types)))
            self.context = entry.selection
            return self.error(
                f"{entry.label} has counts of Type {kinds} but no total",
                f"give a VoteCounts of Type total for {district!r} (or for each reporting unit)",
            )
        return self.error(
            f"{entry.label} has no vote counts",
            f"give a VoteCounts of Type total for {district!r} (or for each reporting unit)",
        )

    def below(self, unit: str) -> set[str] | frozenset[str]:
        """Every GpUnit that ``unit`` is composed of, at any depth."""
        if unit not in self.descendants:
            if not self.gpunits.get(unit, {}).get("ComposingGpUnitIds"):
                return _NONE  # a unit composed of nothing (most of them: precincts)
            found: set[str] = set()
            stack = [unit]
            while stack:
                current = stack.pop()
                record = self.gpunits.get(current, {})
                for child in self.sequence(
                    record.get("ComposingGpUnitIds"),
                    f"GpUnit {current!r}'s ComposingGpUnitIds",
                    (record, "ComposingGpUnitIds"),
                ):
                    if type(child) is not str:
                        self.string(child, f"GpUnit {current!r}'s ComposingGpUnitIds", (record, "ComposingGpUnitIds"))
                    if child not in self.gpunits:
                        # a unit the report lacks: what the composed unit adds up from is not known
                        raise self.error(
                            f"GpUnit {current!r}'s ComposingGpUnitIds names {child!r}, which is no GpUnit of the report",
                            "list the @id of each unit it is made of, and define each in GpUnit",
                            (record, "ComposingGpUnitIds"),
                        )
                    if child not in found:
                        found.add(child)
                        stack.append(child)
            found.discard(unit)
            self.descendants[unit] = found
        return self.descendants[unit]

    def unit_names(self, units: list[str]) -> dict[str, str]:
        names: dict[str, str] = {}
        gpunits = self.gpunits
        for unit in units:
            record = gpunits[unit]
            name = record.get("Name")
            if name is None and "Name" not in record:
                names[unit] = unit
                continue
            # the usual single LanguageString read inline (the message for a bad one is made only then)
            strings = name.get("Text") if type(name) is dict else None
            if type(strings) is list and len(strings) == 1 and type(strings[0]) is dict:
                text = strings[0].get("Content")
                if type(text) is str and text.strip():
                    names[unit] = text
                    continue
            text = self.text(name, f"GpUnit {unit!r}'s Name", (record, "Name"))
            names[unit] = text if text.strip() else self.named(text, f"GpUnit {unit!r}'s Name", (record, "Name"))
        if len(set(names.values())) == len(names):  # every name its own: the usual case
            return names
        seen = Counter(names.values())
        return {unit: f"{name} ({unit})" if seen[name] > 1 else name for unit, name in names.items()}

    def unit_by(self, units: list[str]) -> str | None:
        records = list(map(self.gpunits.__getitem__, units))
        # Usually every unit's Type is a known one (or absent): one set, made in C, says so; else
        # the loop names the first unit whose Type is not a NIST reporting unit type.
        try:
            given = set(map(_GET_TYPE, records))
        except TypeError:  # a list or an object as a Type
            given = {""}
        if not given <= _KNOWN_UNIT_TYPE:
            for record in records:
                kind = record.get("Type")
                if kind is not None and (type(kind) is not str or kind not in REPORTING_UNIT_TYPES):
                    shown = repr(kind) if isinstance(kind, str) else describe_json(kind)
                    raise self.error(
                        f"GpUnit {record.get('@id')!r} has Type {shown}, which is not a NIST reporting unit type",
                        f"reporting unit types are {', '.join(sorted(REPORTING_UNIT_TYPES))} (lower case)",
                        (record, "Type"),
                    )
        kinds = {str(kind) for kind in given}
        if len(kinds) != 1:
            return None
        kind = kinds.pop()
        if kind != "other":
            return kind
        others = {_text_or_none(record.get("OtherType")) for record in records}
        return others.pop() if len(others) == 1 else None

    def other_counts(self, contest: JSON, district: str, where: str) -> dict[str, int]:
        found: dict[str, int] = {}
        listed = self.sequence(contest.get("OtherCounts"), f"{where}'s OtherCounts", (contest, "OtherCounts"))
        for item in listed:
            counts = self.mapping(item, f"an OtherCounts of {where}", listed)
            unit = counts.get("GpUnitId")
            self.gpunit(
                unit, f"an OtherCounts' GpUnitId in {where}", (counts, "GpUnitId") if "GpUnitId" in counts else counts
            )
            if unit != district:
                continue
            for field, key in (*OTHER_COUNTS, ("WriteIns", "write_ins")):
                if field in counts:
                    if key in found:
                        raise self.error(
                            f"{where} has two OtherCounts {field} for {district!r}", "give them once", (counts, field)
                        )
                    found[key] = self.count(counts[field], f"{where}'s OtherCounts {field}", (counts, field))
        return found


class SelectionEntry:
    """A contest selection as read: its name (``None`` for anonymous write-ins) and its record."""

    def __init__(
        self, label: str, selection: JSON, name: str | None, party: str | None = None, write_in: bool = False
    ) -> None:
        self.label = label
        self.selection = selection
        self.name = name
        self.party = party
        self.write_in = write_in
        self.other_types: list[str] = []


class CountedVotes:
    """Each selection's total, in the contest's order, and the votes by unit when the report gives them."""

    def __init__(self, totals: list[int], results: Results | None) -> None:
        self.totals = totals
        self.results = results


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


_TYPE = itemgetter("Type")
_UNIT = itemgetter("GpUnitId")
_COUNT = itemgetter("Count")


def _plain_counts(
    counts: list[Any], district: str, gpunits: dict[str, JSON]
) -> tuple[int | None, dict[str, int]] | None:
    """A selection's total and counts by unit when every count is a plain total (``@type``,
    ``Count``, ``GpUnitId``, ``Type: total``) of a known unit, each unit once, each a whole number
    0 or more; checked with C-level maps and sets, as a statewide report holds 100,000s of them.
    None when any count is otherwise: the caller's loop then reads each one and names what is wrong.
    """
    if not counts or set(map(type, counts)) != {dict} or set(map(frozenset, counts)) != {PLAIN_COUNT}:
        return None
    if list(map(_TYPE, counts)).count("total") != len(counts):  # == compares, a dict or list included
        return None
    units = list(map(_UNIT, counts))
    votes = list(map(_COUNT, counts))
    if set(map(type, units)) != {str} or set(map(type, votes)) != {int} or min(votes) < 0:
        return None
    by_unit = dict(zip(units, votes, strict=True))
    if len(by_unit) != len(units) or not by_unit.keys() <= gpunits.keys():
        return None
    total = by_unit.pop(district, None)
    return total, by_unit


_GET_TYPE = methodcaller("get", "Type")
_KNOWN_UNIT_TYPE = frozenset({*REPORTING_UNIT_TYPES, None})
