"""Which contests a file holds, and the rows of the one asked for.

An office is split into contests by district, and by party only in a primary; listing and
selecting share that decision (``_Place``) so that every contest listed can be read."""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import compress
from typing import NamedTuple

from electcli.errors import InputError, Location
from electcli.readers.bulk import CollectionPaused
from electcli.readers.openelections.contest_rows import OpenElectionsContest, total_contest_rows
from electcli.readers.openelections.conventions import (
    CANDIDATE,
    DISTRICT,
    OFFICE,
    PARTY,
    PER_PARTY_KINDS,
    TURNOUT_OFFICES,
    district_key,
    district_order,
    normalised,
    party_key,
    pseudo_kind,
)
from electcli.readers.openelections.table import Table, load_table, take


class ContestKey(NamedTuple):
    """One contest in a file."""

    office: str
    district: str | None
    party: str | None
    rows: int  # data rows for it
    candidates: int  # distinct real candidates


def list_contests(path: str, shown: str) -> list[ContestKey]:
    """Every contest in the file, in the order they first appear (turnout rows left out)."""
    with CollectionPaused():
        table = load_table(path, shown)
        table.check_keys()
        offices = table.cells(OFFICE)
        districts = table.cells_or_blank(DISTRICT)
        parties = table.cells_or_blank(PARTY)
        rows_by_key = Counter(zip(offices, districts, parties, strict=True))
        combos = set(zip(offices, districts, parties, table.cells(CANDIDATE), strict=True))
        kinds = {name: pseudo_kind(name) for name in {combo[3] for combo in combos}}
        primary = _named_primary(path, shown)

        places: dict[tuple[str, str], _Place] = {}
        for office, district, _ in rows_by_key:
            place_key = (office.casefold(), district_key(district))
            if place_key not in places:
                places[place_key] = _Place(office, district)
        for office, district, party, name in combos:
            places[(office.casefold(), district_key(district))].add(party, name, kinds[name])

        counts: dict[tuple[str, str, str], int] = {}
        shown_as: dict[tuple[str, str, str], tuple[str, str, str | None]] = {}
        for (office, district, party), count in rows_by_key.items():
            if normalised(office) in TURNOUT_OFFICES:
                continue
            place = places[(office.casefold(), district_key(district))]
            contest_party = place.contest_party(party, primary)
            key = (office.casefold(), district_key(district), party_key(contest_party or ""))
            counts[key] = counts.get(key, 0) + count
            shown_as.setdefault(key, (place.office, place.district, contest_party))
        names: dict[tuple[str, str, str], set[str]] = {key: set() for key in counts}
        for (folded, folded_district), place in places.items():
            for party, name in place.real:
                contest_key = (folded, folded_district, party_key(place.contest_party(party, primary) or ""))
                if contest_key in names:
                    names[contest_key].add(name)
        return [
            ContestKey(office, district or None, party, counts[key], len(names[key]))
            for key, (office, district, party) in shown_as.items()
        ]


def read_contest(
    path: str, shown: str, office: str, district: str | None = None, party: str | None = None
) -> OpenElectionsContest:
    """One contest's candidates, totals and votes by unit, every row of it checked."""
    with CollectionPaused():
        table = load_table(path, shown)
        table.check_keys()
        rows, contest_party = select_rows(table, _named_primary(path, shown), office, district, party)
        return total_contest_rows(table, rows, contest_party)


class _Place:
    """An office in a district: its first spellings, and who stands for which party."""

    def __init__(self, office: str, district: str) -> None:
        self.office = office
        self.district = district
        self.real: set[tuple[str, str]] = set()  # (party, name) of real candidates
        self.pseudo_parties: set[str] = set()  # parties on write-in, over and under vote rows
        self._per_party: bool | None = None
        self._sole: tuple[str] | None = None

    def add(self, party: str, name: str, kind: str | None) -> None:
        if kind is None:
            if name:
                self.real.add((party, name))
        elif kind in PER_PARTY_KINDS and party:
            self.pseudo_parties.add(party_key(party))

    def split(self, primary: bool) -> bool:
        """Whether parties hold separate contests (a primary's) for this office (asked once every
        row has been added)."""
        if self._per_party is None:
            self._per_party = bool(self.pseudo_parties & {party_key(party) for party, _ in self.real})
        return primary or self._per_party

    def sole_party(self) -> str | None:
        """The party of every real candidate, when they share one."""
        if self._sole is None:
            parties = {party_key(party): party for party, _ in sorted(self.real) if party}
            self._sole = (next(iter(parties.values())),) if len(parties) == 1 else ("",)
        return self._sole[0] or None

    def contest_party(self, party: str, primary: bool) -> str | None:
        """The party of the contest a row with this party is in (None: one contest across parties)."""
        if not self.split(primary):
            return None
        return self.sole_party() or party or None


def select_rows(
    table: Table, primary: bool, office: str, district: str | None, party: str | None
) -> tuple[list[int], str | None]:
    """The rows of the contest asked for and its party, or an error that lists what there is."""
    shown = table.shown
    offices = table.cells(OFFICE)
    spellings = set(offices)
    wanted = office.strip().casefold()
    chosen = {spelling for spelling in spellings if spelling.casefold() == wanted}

    def contest_offices() -> list[str]:
        return [spelling for spelling in dict.fromkeys(offices) if normalised(spelling) not in TURNOUT_OFFICES]

    if not chosen:
        from electcli.suggest import did_you_mean  # only when there is an error to explain

        known = contest_offices()
        guess = did_you_mean(office.strip(), known) or _contains_hint(office.strip(), known)
        raise InputError(
            Location(shown),
            f"has no contest for the office {office!r}",
            (guess + " " if guess else "") + f"offices in this file: {_listing(known)}",
        )
    if len(chosen) == len(spellings):
        rows = list(range(table.count))
    else:
        rows = list(compress(range(table.count), map(chosen.__contains__, offices)))
    shown_office = offices[rows[0]]
    if normalised(shown_office) in TURNOUT_OFFICES:
        raise table.error(
            rows[0],
            f"{shown_office!r} rows report turnout, not a contest",
            f"offices in this file: {_listing(contest_offices())}",
        )

    if table.has(DISTRICT):
        cells = table.cells(DISTRICT)
        values = set(take(cells, rows))
        if district is not None:
            wanted_district = district_key(district.strip())
            keep = {value for value in values if district_key(value) == wanted_district}
            if not keep:
                raise InputError(
                    Location(shown),
                    f"has no {shown_office!r} contest in district {district!r}",
                    f"districts for {shown_office!r}: {_listing(_districts(values))}",
                )
            if len(keep) < len(values):
                rows = list(compress(rows, map(keep.__contains__, map(cells.__getitem__, rows))))
        elif len({district_key(value) for value in values}) > 1:
            raise InputError(
                Location(shown),
                f"has {len(values)} contests for {shown_office!r}, in different districts",
                f"name the district: {_listing(_districts(values))}",
            )
    elif district:
        raise InputError(Location(shown, 1), f"has no district column, so no {shown_office!r} in district {district!r}")
    if not table.has(PARTY):
        if party:
            raise InputError(Location(shown, 1), f"has no party column, so no {party} contest for {shown_office!r}")
        return rows, None

    parties = table.cells(PARTY)
    row_parties = take(parties, rows)
    place = _Place(shown_office, "")
    kinds: dict[str, str | None] = {}
    for row_party, name in _pairs(row_parties, take(table.cells(CANDIDATE), rows)):
        if name not in kinds:
            kinds[name] = pseudo_kind(name)
        place.add(row_party, name, kinds[name])
    party_values = set(row_parties)
    split = place.split(primary)
    sole = place.sole_party() if split else None
    if party is not None:
        wanted_party = party_key(party.strip())
        if sole is not None and party_key(sole) == wanted_party:
            return rows, sole  # one party's contest: its rows without a party belong to it too
        keep = {value for value in party_values if party_key(value) == wanted_party}
        if not keep:
            listed = [value for value in dict.fromkeys(row_parties) if value]
            raise InputError(
                Location(shown),
                f"has no {party} rows for {shown_office!r}",
                f"parties for {shown_office!r}: {_listing(listed) if listed else 'none'}",
            )
        if len(keep) < len(party_values):
            rows = list(compress(rows, map(keep.__contains__, row_parties)))
        return rows, parties[rows[0]] or None
    if not split:
        return rows, None
    if sole is not None:
        return rows, sole
    if len({party_key(value) for value in party_values}) > 1:
        listed = [value or "(no party)" for value in dict.fromkeys(row_parties)]
        raise InputError(
            Location(shown),
            f"has {len(listed)} primaries for {shown_office!r}, one per party",
            f"name the party: {_listing(listed)}",
        )
    return rows, parties[rows[0]] or None


def _pairs(parties: list[str], names: list[str]) -> set[tuple[str, str]]:
    """The distinct (party, candidate) pairs. When the rows repeat one block of candidates unit
    after unit, as OpenElections files do, they are the first block's (list comparisons tell)."""
    width = len(set(names))
    blocks, rest = divmod(len(names), width)
    if not rest and names == names[:width] * blocks and parties == parties[:width] * blocks:
        return set(zip(parties[:width], names[:width], strict=True))
    return set(zip(parties, names, strict=True))


def _named_primary(path: str, shown: str) -> bool:
    """Whether the file is named as a primary's (docs.openelections.net, archive
    standardization: ``date__state__{party}__{special}__election_type__...csv``)."""
    return any("primary" in re.split(r"[^a-z0-9]+", os.path.basename(name).lower()) for name in (path, shown))


def _listing(values: Sequence[str], limit: int = 25) -> str:
    listed = ", ".join(repr(value) if len(value) <= 60 else repr(value[:60]) + "..." for value in values[:limit])
    return listed + (f" and {len(values) - limit} more" if len(values) > limit else "")


def _contains_hint(word: str, options: Sequence[str]) -> str:
    folded = word.casefold()
    close = [option for option in options if folded in option.casefold()]
    return f"did you mean {close[0]!r}?" if len(close) == 1 else ""


def _districts(values: Iterable[str]) -> list[str]:
    return [value or "(no district)" for value in sorted(values, key=lambda value: district_order(district_key(value)))]
