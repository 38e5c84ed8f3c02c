"""ES&S cast vote records: an Excel workbook (.xlsx), one row per ballot, one column per rank.

Read as RCTab's StreamingCvrReader reads them:

- Only the first sheet is read. Rows before ``first_vote_row`` (headers) are passed over; every
  row from it on that the sheet holds is a ballot, even one with no cell filled in (RCTab counts
  such a row as a ballot that ranks no one; its ``first_round_determines_threshold`` case relies
  on it). Rows the sheet does not hold at all (gaps in its XML) are no ballots.
- Rank ``n`` is column ``first_vote_column + n - 1``, for ``n`` up to ``max_rankings``; columns
  after those are not ranks (ES&S exports put a count or other contests there).
- A cell holds a candidate's name or alias (spaces around it are ignored), the source's skipped
  rank label (``undervote``), its overvote label (``overvote``), or its undeclared write-in label.
  With an overvote delimiter, a cell may name several candidates (``A|D``: an overvote); none of
  them may then be blank or the skipped rank label.
- A blank cell is a skipped rank, or an undeclared write-in when the source says
  ``treat_blank_as_undeclared_write_in`` (then so is every blank rank up to ``max_rankings``).
- With an id column, a ballot without an id is an error (RCTab stops there too).
- With a precinct or batch column, each ballot's precinct or batch is recorded (for results by
  slice), and so is its id with an id column (for ``electcli ballots``); an empty cell is RCTab's ``missing_precinct_id`` / ``missing_batch_id``, a cell of
  spaces alone an error.

Anything unknown is an error naming the file, the row and the column; no ballot is skipped.

Speed: openpyxl's read-only mode streams the sheet and hands back plain values, and identical
rows (most of them, in a large election) are turned into a ranking once.
"""

from __future__ import annotations

import datetime
import warnings
import zipfile
from collections.abc import Iterator
from typing import Any

from electcli.errors import InputError, Location
from electcli.ranked.ballots import BallotGrouper, Ranking
from electcli.readers.cvr.marks import CandidateIndex, ranking_from_marks
from electcli.readers.cvr.source import CandidateNames, CvrSource

XLSX_HINT = "an ES&S cast vote record is an Excel workbook (.xlsx); Strict Open XML and .xls are not read"


def read_ess(source: CvrSource, candidates: CandidateNames, grouper: BallotGrouper) -> None:
    """Add every ballot in the first sheet of the workbook at ``source.path`` to ``grouper``."""
    _EssSheet(source, candidates, grouper).read()


def _column_letter(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def cell_text(value: object) -> str:
    """A cell's value as the text RCTab sees (Excel's General format): 12 not 12.0, TRUE, dates ISO."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


class _EssSheet:
    def __init__(self, source: CvrSource, candidates: CandidateNames, grouper: BallotGrouper) -> None:
        self.source = source
        self.grouper = grouper
        self.shown = str(source.path)
        self.lookup = CandidateIndex(source, candidates, grouper)
        if not source.first_vote_column or not source.first_vote_row:
            raise InputError(
                source.location,
                "an ES&S source needs the column of the first rank and the row of the first ballot",
                "set firstVoteColumnIndex and firstVoteRowIndex (counting from 1)",
            )
        self.first_column = source.first_vote_column
        self.first_row = source.first_vote_row
        self.max_rankings = source.max_rankings
        self.delimiter = source.overvote_delimiter or None
        self.skipped_label = source.skipped_rank_label or None
        self.blank_is_write_in = source.treat_blank_as_undeclared_write_in
        # identical rank cells give the identical ranking: read each distinct row once
        self.rankings: dict[tuple[Any, ...], Ranking] = {}
        self.sheet = ""  # the first sheet's name, once open

    def where(self, row: int, column: int) -> Location:
        return Location(self.shown, row, column)

    def cell_name(self, row: int, column: int) -> str:
        return f"cell {_column_letter(column)}{row}"

    def read(self) -> None:
        start = self.first_column - 1
        stop = None if self.max_rankings is None else start + self.max_rankings
        id_index = None if not self.source.id_column else self.source.id_column - 1
        add = self.grouper.add
        add_in = self.grouper.add_in
        precinct_index = None if not self.source.precinct_column else self.source.precinct_column - 1
        batch_index = None if not self.source.batch_column else self.source.batch_column - 1
        sliced = precinct_index is not None or batch_index is not None or id_index is not None
        rankings = self.rankings
        for number, row in self.rows():
            if id_index is not None and not cell_text(row[id_index] if id_index < len(row) else None).strip():
                raise InputError(
                    self.where(number, id_index + 1),
                    f"the ballot in row {number} has no id ({self.cell_name(number, id_index + 1)} is empty)",
                    "every row needs its cast vote record id (idColumnIndex); a row copied without one "
                    "is often a formatting leftover: copy the data into a new workbook",
                )
            cells = row[start:stop]
            ranking = rankings.get(cells)
            if ranking is None:
                ranking = self.ranking(number, cells)
                rankings[cells] = ranking
            if sliced:
                precinct = self.slice_id(number, row, precinct_index, "missing_precinct_id")
                batch = self.slice_id(number, row, batch_index, "missing_batch_id")
                add_in(ranking, precinct, batch, None if id_index is None else cell_text(row[id_index]))
            else:
                add(ranking)

    def slice_id(self, number: int, row: tuple[Any, ...], index: int | None, missing: str) -> str | None:
        """The precinct or batch named in ``row``'s cell at ``index`` (None: no such column)."""
        if index is None:
            return None
        value = row[index] if index < len(row) else None
        if value is None:
            return missing  # as RCTab's StreamingCvrReader names ballots without one
        text = cell_text(value)
        if not text.strip():
            raise InputError(
                self.where(number, index + 1),
                f"{self.cell_name(number, index + 1)} holds only spaces where a precinct or batch is named",
                "name the precinct or batch, or leave the cell empty",
            )
        return text

    def rows(self) -> Iterator[tuple[int, tuple[Any, ...]]]:
        """(row number, values) for each row the first sheet holds, from the first ballot row on."""
        # openpyxl has no type hints; it is imported here so that only ES&S input needs it
        import openpyxl  # type: ignore[import-untyped]
        from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]

        with warnings.catch_warnings():
            # openpyxl warns that it drops sheet extensions (data validation, conditional formats)
            # it does not know; they hold no votes, and the warning amid the output would only alarm
            warnings.filterwarnings("ignore", ".* extension is not supported and will be removed", UserWarning)
            yield from self._sheet_rows(openpyxl, InvalidFileException)

    def _sheet_rows(self, openpyxl: Any, invalid_file: type[Exception]) -> Iterator[tuple[int, tuple[Any, ...]]]:
        try:
            workbook = openpyxl.load_workbook(self.source.path, read_only=True, data_only=True)
        except FileNotFoundError:
            raise InputError(Location(self.shown), "no such file", "check the source's filePath") from None
        except IsADirectoryError:
            raise InputError(Location(self.shown), "is a folder, not an Excel workbook", XLSX_HINT) from None
        except (zipfile.BadZipFile, invalid_file, KeyError, ValueError) as exc:
            raise InputError(Location(self.shown), f"is not an Excel workbook ({exc})", XLSX_HINT) from None
        except OSError as exc:
            raise InputError(Location(self.shown), f"cannot be read: {exc.strerror or exc}") from None
        try:
            if not workbook.worksheets:
                raise InputError(Location(self.shown), "has no sheets", XLSX_HINT)
            sheet = workbook.worksheets[0]
            self.sheet = str(sheet.title)
            # Forget the size the sheet claims (often the whole grid, a million rows): then openpyxl
            # returns each row the sheet's XML holds as a tuple (an empty one when it has no
            # cells) and fills gaps between them with empty lists, which are no rows at all.
            sheet.reset_dimensions()
            try:
                for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                    if number >= self.first_row and isinstance(row, tuple):
                        yield number, row
            except (zipfile.BadZipFile, KeyError, ValueError) as exc:
                raise InputError(Location(self.shown), f"has a sheet that cannot be read ({exc})", XLSX_HINT) from None
        finally:
            workbook.close()

    def ranking(self, row: int, cells: tuple[Any, ...]) -> Ranking:
        marks: list[tuple[int, int]] = []
        lookup = self.lookup.lookup
        for rank, value in enumerate(cells, start=1):
            column = self.first_column + rank - 1
            text = cell_text(value).strip()
            if not text:
                if self.blank_is_write_in:
                    marks.append((rank, self.lookup.undeclared_write_in(self.where(row, column))))
                continue
            parts = [part.strip() for part in text.split(self.delimiter)] if self.delimiter else [text]
            for part in parts:
                if len(parts) > 1 and (not part or part == self.skipped_label):
                    raise InputError(
                        self.where(row, column),
                        f"{self.cell_name(row, column)} ({text!r}) splits into a blank or skipped rank",
                        f"a cell naming several candidates (split by {self.delimiter!r}) must name only candidates",
                    )
                if part == self.skipped_label:
                    continue
                try:
                    marks.append((rank, lookup(part, self.where(row, column))))
                except InputError as exc:  # say where in the workbook, as a spreadsheet user looks
                    raise InputError(
                        exc.location, f"sheet {self.sheet!r}, {self.cell_name(row, column)}: {exc.problem}", exc.hint
                    ) from None
        if self.blank_is_write_in and self.max_rankings is not None:
            # RCTab also counts the blank ranks after the row's last cell, up to maxRankingsAllowed
            for rank in range(len(cells) + 1, self.max_rankings + 1):
                column = self.first_column + rank - 1
                marks.append((rank, self.lookup.undeclared_write_in(self.where(row, column))))
        return ranking_from_marks(marks, self.where(row, self.first_column))
