"""The long form by unit and the totals of a contest's rows, with the checks of gaps and totals."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain, compress, repeat
from typing import NamedTuple, NoReturn

from electcli.model import WRITE_INS
from electcli.readers.openelections.conventions import (
    OFFICE,
    OVER,
    REPORTED_KEYS,
    TOTAL,
    TOTAL_UNITS,
    UNDER,
    VOTES,
    WRITE_IN,
)
from electcli.readers.openelections.table import Table


class Counted:
    """The long form by unit (candidates and write-ins), totals, and the counts reported beside."""

    def __init__(
        self,
        units: list[str],
        names: list[str],
        votes: list[int],
        reported: dict[str, int],
        totals: dict[str, int] | None = None,
    ) -> None:
        self.units = units
        self.names = names
        self.votes = votes
        self.reported = reported
        self._totals = totals

    @property
    def totals(self) -> dict[str, int]:
        """Each name's votes over the units."""
        if self._totals is None:
            totals: dict[str, int] = {}
            for name, count in zip(self.names, self.votes, strict=True):
                totals[name] = totals.get(name, 0) + count
            self._totals = totals
        return self._totals

    def merge_party_lines(self) -> None:
        """A candidate on several party lines in a unit (fusion) is one entry, their sum."""
        merged: dict[tuple[str, str], int] = {}
        for pair, count in zip(zip(self.units, self.names, strict=True), self.votes, strict=True):
            merged[pair] = merged.get(pair, 0) + count
        self.units = [unit for unit, _ in merged]
        self.names = [name for _, name in merged]
        self.votes = list(merged.values())

    @classmethod
    def regular(
        cls,
        table: Table,
        rows: list[int],
        width: int,
        units: list[str],
        idents: list[str],
        votes: list[int],
    ) -> Counted:
        """Blocks of ``width`` rows, one per unit: every column is sliced, nothing is looped over."""
        block = idents[:width]
        kind_of = {ident: (ident if ident in REPORTED_KEYS or ident in (WRITE_IN, TOTAL) else None) for ident in block}
        counted = [offset for offset, ident in enumerate(block) if kind_of[ident] in (None, WRITE_IN)]
        columns = [votes[offset::width] for offset in counted]
        unit_column = list(chain.from_iterable(zip(*repeat(units, len(counted)), strict=True)))
        name_column = [WRITE_INS if kind_of[block[offset]] else block[offset] for offset in counted] * len(units)
        vote_column = list(chain.from_iterable(zip(*columns, strict=True)))
        reported = {ident: sum(votes[offset::width]) for offset, ident in enumerate(block) if ident in REPORTED_KEYS}
        totals = {
            WRITE_INS if kind_of[block[offset]] else block[offset]: sum(column)
            for offset, column in zip(counted, columns, strict=True)
        }
        result = cls(unit_column, name_column, vote_column, reported, totals)
        if TOTAL in block:
            cast = list(map(sum, zip(*columns, strict=True))) if columns else [0] * len(units)
            spoiled_columns = [votes[offset::width] for offset, ident in enumerate(block) if ident in (OVER, UNDER)]
            spoiled = list(map(sum, zip(*spoiled_columns, strict=True))) if spoiled_columns else [0] * len(units)
            offset = block.index(TOTAL)
            for unit, (total, summed, extra) in enumerate(zip(votes[offset::width], cast, spoiled, strict=True)):
                if total != summed and total != summed + extra:
                    _total_mismatch(table, rows[unit * width + offset], units[unit], total, summed, extra)
        return result

    @classmethod
    def irregular(cls, contest: ContestRows, aggregate: list[bool] | None) -> Counted:
        """Any other layout. Rows that total units or have no count are checked, not counted."""
        rows, units, names, kinds, votes = contest.rows, contest.units, contest.names, contest.kinds, contest.votes
        if aggregate is None and None not in votes:
            counts: list[int] = votes  # type: ignore[assignment]  # no None in it
            use = {name: kind in (None, WRITE_IN) for name, kind in kinds.items()}
            mask = list(map(use.__getitem__, names))
            entry = {name: WRITE_INS if kind else name for name, kind in kinds.items()}
            reported = {}
            for key in REPORTED_KEYS:
                spellings = {name for name, kind in kinds.items() if kind == key}
                if spellings:
                    reported[key] = sum(compress(counts, map(spellings.__contains__, names)))
            result = cls(
                list(compress(units, mask)),
                list(map(entry.__getitem__, compress(names, mask))),
                list(compress(counts, mask)),
                reported,
            )
            contest.check_totals([True] * len(rows))
            return result
        unit_rows = [True] * len(rows) if aggregate is None or all(aggregate) else [not flag for flag in aggregate]
        contest.check_gaps(unit_rows)
        result = cls([], [], [], {})
        for _, unit, name, kind, count in contest.counted(unit_rows):
            if kind is None or kind == WRITE_IN:
                result.units.append(unit)
                result.names.append(WRITE_INS if kind else name)
                result.votes.append(count)
            elif kind in REPORTED_KEYS:
                result.reported[kind] = result.reported.get(kind, 0) + count
        contest.check_totals(unit_rows)
        if aggregate is not None and not all(aggregate):
            contest.check_aggregates(aggregate, result)
        return result


class ContestRows(NamedTuple):
    """A contest's rows in an irregular layout, as parallel lists: each row's file row, unit, name
    and count (None: empty), with the pseudo-candidate kind of each name. The checks walk them."""

    table: Table
    rows: list[int]
    units: list[str]
    names: list[str]
    kinds: dict[str, str | None]
    votes: list[int | None]

    def counted(self, unit_rows: list[bool]) -> Iterator[tuple[int, str, str, str | None, int]]:
        """(position, unit, name, kind, count) of each row that counts: a unit's row (``unit_rows``)
        with a count."""
        for position, (unit, name, count) in enumerate(zip(self.units, self.names, self.votes, strict=True)):
            if count is not None and unit_rows[position]:
                yield position, unit, name, self.kinds[name], count

    def check_gaps(self, unit_rows: list[bool]) -> None:
        """A unit reports the contest (a count for every candidate and its write-ins, which count in
        the total) or does not (no count at all)."""
        table, rows, names, kinds = self.table, self.rows, self.names, self.kinds
        reporting: dict[str, int] = {}  # unit -> a candidate or write-in row with a count
        silent: dict[str, int] = {}  # unit -> a candidate or write-in row without
        for position, (unit, name, count) in enumerate(zip(self.units, names, self.votes, strict=True)):
            if kinds[name] in (None, WRITE_IN) and unit_rows[position]:
                (silent if count is None else reporting).setdefault(unit, position)
        for unit, position in silent.items():
            if unit in reporting:
                raise table.error(
                    rows[position],
                    f"votes is empty for {names[position]!r}, while other candidates in {unit!r} have counts "
                    f"(line {table.line(rows[reporting[unit]])})",
                    "write 0 for no votes; leave all of a unit's votes empty only where the contest was not on its ballot",
                    VOTES,
                )
        if not reporting:
            raise table.error(
                rows[0],
                f"no unit reports votes for {table.cells(OFFICE)[rows[0]]!r}: every candidate's votes cell is empty",
                "an empty votes cell means the source gave no count",
            )

    def check_totals(self, unit_rows: list[bool]) -> None:
        """A unit's Total row equals its candidates and write-ins, with or without its over and under
        votes (states count them either way). It is checked, never counted."""
        kinds = self.kinds
        if TOTAL not in kinds.values():
            return
        cast: dict[str, int] = {}
        spoiled: dict[str, int] = {}
        for _, unit, _, kind, count in self.counted(unit_rows):
            if kind is None or kind == WRITE_IN:
                cast[unit] = cast.get(unit, 0) + count
            elif kind in (OVER, UNDER):
                spoiled[unit] = spoiled.get(unit, 0) + count
        for position, unit, _, kind, count in self.counted(unit_rows):
            if kind == TOTAL:
                summed, extra = cast.get(unit, 0), spoiled.get(unit, 0)
                if count != summed and count != summed + extra:
                    _total_mismatch(self.table, self.rows[position], unit, count, summed, extra)

    def check_aggregates(self, aggregate: list[bool], counted: Counted) -> None:
        """Each row for a total over units ("Total" as the county) equals the units it covers."""
        units, names, kinds, votes = self.units, self.names, self.kinds, self.votes
        scopes: dict[int, str] = {}
        for position, flag in enumerate(aggregate):
            if flag and votes[position] is not None and kinds[names[position]] in (None, WRITE_IN):
                prefix = []
                for part in units[position].split(" / "):
                    if part.casefold() in TOTAL_UNITS:
                        break
                    prefix.append(part)
                scopes[position] = " / ".join(prefix)
        wanted = set(scopes.values())
        sums: dict[tuple[str, str], int] = {}
        for unit, name, count in zip(counted.units, counted.names, counted.votes, strict=True):
            parts = unit.split(" / ")
            for depth in range(len(parts)):
                scope = " / ".join(parts[:depth])
                if scope in wanted:
                    sums[(scope, name)] = sums.get((scope, name), 0) + count
        for position, scope in scopes.items():
            name = WRITE_INS if kinds[names[position]] else names[position]
            summed = sums.get((scope, name), 0)
            if summed != votes[position]:
                where = f"the units in {scope!r}" if scope else "the units"
                # a row naming no unit at all is read as the contest's whole total: say so
                what = (
                    "this total row" if units[position] else "this row names no unit, so it is the contest's total: it"
                )
                raise self.table.error(
                    self.rows[position],
                    f"{what} gives {names[position]!r} {votes[position]} votes, but {where} add up to {summed}",
                    "a row for a total over units is checked against them, never counted",
                    VOTES,
                )


def _total_mismatch(table: Table, row: int, unit: str, total: int, summed: int, extra: int) -> NoReturn:
    with_spoiled = f" ({summed + extra} with over and under votes)" if extra else ""
    raise table.error(
        row,
        f"the total for {unit!r} is {total}, but its candidates and write-ins add up to {summed}{with_spoiled}",
        "a total row must equal the rows it totals (it is checked, never counted)",
        VOTES,
    )
