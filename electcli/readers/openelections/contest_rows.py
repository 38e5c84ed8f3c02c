"""One contest's rows tallied: units, counts, candidates and their party lines, every row checked."""

from __future__ import annotations

from typing import NamedTuple, NoReturn

from electcli.model import WRITE_INS
from electcli.readers.openelections.conventions import (
    CANDIDATE,
    DISTRICT,
    OFFICE,
    PARTY,
    REPORTED_KEYS,
    TOTAL_UNITS,
    UNIT_COLUMNS,
    VOTES,
    WRITE_IN,
    pseudo_kind,
)
from electcli.readers.openelections.counts import check_modes, count_column
from electcli.readers.openelections.table import Table, take
from electcli.readers.openelections.totals import ContestRows, Counted


class OpenElectionsContest(NamedTuple):
    """One contest read, checked and totalled."""

    office: str
    district: str | None
    party: str | None
    unit_label: str  # the finest location column the contest's rows fill: "precinct", "county"...
    candidates: tuple[tuple[str, str | None, int], ...]  # (name, party, total), first-appearance order
    write_ins: int  # write-in pseudo-candidate rows: counted in the total, cannot win
    reported: tuple[tuple[str, int], ...]  # over_votes, under_votes, registered_voters, ballots_cast
    unit_column: tuple[str, ...]  # long form by unit, as electcli.model.Results holds
    name_column: tuple[str, ...]  # candidate name per entry ("write_ins" for write-in rows)
    vote_column: tuple[int, ...]


def total_contest_rows(table: Table, rows: list[int], contest_party: str | None) -> OpenElectionsContest:
    first = rows[0]
    office = table.cells(OFFICE)[first]
    district = table.cells_or_blank(DISTRICT)[first]
    cells = {name: take(table.columns[position], rows) for name, position in table.index.items()}
    for name in cells:  # every cell of the contest's rows: no stray spaces (keys: checked already)
        if name not in (OFFICE, DISTRICT, PARTY):
            table.check_spaces(name, rows, cells[name])
    names = cells[CANDIDATE]
    if "" in names:
        raise table.error(
            rows[names.index("")],
            "row has no candidate",
            "name the candidate (Write-ins for unnamed write-ins)",
            CANDIDATE,
        )
    row_parties = cells.get(PARTY) or [""] * len(rows)
    label, parts, aggregate = _units(table, rows, cells)

    modes = [count_column(table, rows, name, cells[name]) for name in table.modes]
    if table.has(VOTES):
        votes = count_column(table, rows, VOTES, cells[VOTES])
        if modes:
            check_modes(table, rows, votes, table.modes, modes)
    elif any(None in counts for counts in modes):
        votes = [
            None if all(value is None for value in values) else sum(value or 0 for value in values)
            for values in zip(*modes, strict=True)
        ]
    else:
        votes = list(map(sum, zip(*modes, strict=True)))

    kinds = {name: pseudo_kind(name) for name in set(names)}
    ident_of = {name: kind or name for name, kind in kinds.items()}
    idents = list(map(ident_of.__getitem__, names))
    width, block_units = _regular(idents, parts) if aggregate is None and None not in votes else (0, [])
    if width:
        counted = Counted.regular(table, rows, width, block_units, idents, votes)  # type: ignore[arg-type]
        if row_parties == row_parties[:width] * (len(rows) // width):
            lines = dict.fromkeys(zip(names[:width], row_parties[:width], strict=True))
        else:
            lines = dict.fromkeys(zip(names, row_parties, strict=True))
    else:
        units = _unit_names(parts)
        keys = list(zip(units, idents, row_parties, strict=True))
        if len(set(keys)) != len(keys):
            _duplicates(table, rows, keys, units, names, label)
        counted = Counted.irregular(ContestRows(table, rows, units, names, kinds, votes), aggregate)
        lines = dict.fromkeys(zip(names, row_parties, strict=True))
        if len(lines) != len({ident_of[name] for name, _ in lines}):
            counted.merge_party_lines()

    party_lines: dict[str, list[str]] = {}
    for name, party in lines:
        if kinds[name] is None:
            listed = party_lines.setdefault(name, [])
            if party and party not in listed:
                listed.append(party)
    if not party_lines:
        raise table.error(first, f"the {office!r} contest has no candidates, only write-in, turnout or total rows")
    totals = counted.totals
    return OpenElectionsContest(
        office=office,
        district=district or None,
        party=contest_party,
        unit_label=label,
        candidates=tuple(
            (name, "/".join(parties) or None, totals.get(name, 0)) for name, parties in party_lines.items()
        ),
        write_ins=totals.get(WRITE_INS, 0),
        reported=tuple((key, counted.reported[key]) for key in REPORTED_KEYS if key in counted.reported),
        unit_column=tuple(counted.units),
        name_column=tuple(counted.names),
        vote_column=tuple(counted.votes),
    )


def _units(
    table: Table, rows: list[int], cells: dict[str, list[str]]
) -> tuple[str, list[list[str]], list[bool] | None]:
    """The unit label, the location columns down to it, and which rows total units."""
    levels = [name for name in UNIT_COLUMNS if name in cells]
    filled = [name for name in levels if any(cells[name])]
    if not filled:
        raise table.error(rows[0], f"row names no unit: its {' and '.join(levels)} cells are empty")
    label = filled[-1]
    parts = [cells[name] for name in levels[: levels.index(label) + 1]]
    aggregate: list[bool] | None = None
    for column in parts:
        totals = {value for value in set(column) if value.casefold() in TOTAL_UNITS}
        if totals:
            marked = aggregate or [False] * len(rows)
            aggregate = [done or cell in totals for done, cell in zip(marked, column, strict=True)]
    finest = parts[-1]
    if "" in finest:
        # A row with every location cell empty gives the whole contest's figure (OpenElections
        # county files carry statewide rows so): a reported total, checked against the units
        # like a "Total" row, never counted.
        whole = [not any(column[position] for column in parts) for position in range(len(rows))]
        if any(whole) and not all(whole):
            aggregate = [done or blank for done, blank in zip(aggregate or [False] * len(rows), whole, strict=True)]
        other = next(position for position, cell in enumerate(finest) if cell)
        for position, cell in enumerate(finest):
            if not cell and not (aggregate and aggregate[position]):
                raise table.error(
                    rows[position],
                    f"row has no {label}, but other rows of this contest have one (line {table.line(rows[other])})",
                    f"give every row of the contest its {label}: rows for larger areas mixed with {label}s "
                    "would count their votes twice",
                    label,
                )
    return label, parts, aggregate


def _unit_names(parts: list[list[str]]) -> list[str]:
    """Each row's unit: its location cells joined, coarsest first ("Autauga / 10 JONES")."""
    if len(parts) == 1:
        return parts[0]
    if all("" not in column for column in parts):
        return list(map(" / ".join, zip(*parts, strict=True)))
    return [" / ".join(part for part in row if part) for row in zip(*parts, strict=True)]


def _regular(idents: list[str], parts: list[list[str]]) -> tuple[int, list[str]]:
    """The block size and the blocks' units when the rows list unit after unit, each naming the
    same candidates in the same order (as OpenElections files do); 0 for any other layout.

    Such a layout can be confirmed with slices and list comparisons that run in C, and rules out
    a unit naming a candidate twice without building a key for every row.
    """
    width = len(set(idents))
    if len(idents) % width:
        return 0, []
    block = idents[:width]
    if len(set(block)) != width or idents != block * (len(idents) // width):
        return 0, []
    heads = [column[::width] for column in parts]
    for column, head in zip(parts, heads, strict=True):
        if any(column[offset::width] != head for offset in range(1, width)):
            return 0, []
    units = _unit_names(heads)
    if len(set(units)) != len(units):
        return 0, []
    return width, units


def _duplicates(
    table: Table, rows: list[int], keys: list[tuple[str, str, str]], units: list[str], names: list[str], label: str
) -> NoReturn:
    """Name the first row that repeats another, or gives a unit's votes for a candidate twice."""
    seen_rows: dict[tuple[str, ...], int] = {}
    seen_keys: dict[tuple[str, str, str], int] = {}
    for position, (row, key) in enumerate(zip(rows, keys, strict=True)):  # pragma: no branch
        cells = tuple(column[row] for column in table.columns)
        if cells in seen_rows:
            raise table.error(
                row, f"row repeats line {table.line(seen_rows[cells])} exactly", "remove the duplicate", table.header[0]
            )
        seen_rows[cells] = row
        if key in seen_keys:
            what = "write-ins" if pseudo_kind(names[position]) == WRITE_IN else names[position]
            raise table.error(
                row,
                f"{label} {units[position]!r} gives votes for {what!r} twice (first on line {table.line(seen_keys[key])})",
                "give each candidate once per unit and contest",
                CANDIDATE,
            )
        seen_keys[key] = row
    raise AssertionError("no duplicate found")  # pragma: no cover
