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
  slice), and its id when every ballot is written back out (``electcli ballots``); an empty cell
  is RCTab's ``missing_precinct_id`` / ``missing_batch_id``, a cell of spaces alone an error.

Anything unknown is an error naming the file, the row and the column; no ballot is skipped.

The workbook is opened by ``xlsx_package`` (zip checks before anything is inflated, the first
worksheet found from the workbook's own parts) and its rows read by ``xlsx_sheet``, by their row
numbers. Speed: the sheet XML is streamed; identical rank cells (most rows, in a large election)
are turned into a ranking once. Cells are read as text in Excel's General format (a number
formatted as a date is read as its number); only names and labels decide a ranking.
"""

from __future__ import annotations

from collections.abc import Iterator

from electcli.errors import InputError, Location
from electcli.ranked.ballots import BallotGrouper, Ranking
from electcli.readers.cvr.marks import CandidateIndex, ranking_from_marks
from electcli.readers.cvr.source import CandidateNames, CvrSource
from electcli.readers.cvr.xlsx_package import XLSX_HINT, first_worksheet, open_archive
from electcli.readers.cvr.xlsx_sheet import cell_text, column_letters, sheet_rows

__all__ = ["XLSX_HINT", "read_ess"]

# a rank's cells as read: (types, raw values)
Cells = tuple[tuple[bytes, ...], tuple[bytes, ...]]


def read_ess(source: CvrSource, candidates: CandidateNames, grouper: BallotGrouper) -> None:
    """Add every ballot in the first sheet of the workbook at ``source.path`` to ``grouper``."""
    _EssSheet(source, candidates, grouper).read()


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
        self.rankings: dict[Cells, Ranking] = {}
        self.sheet = ""  # the first sheet's name, once open
        self.strings: tuple[str, ...] = ()  # its shared strings

    def where(self, row: int, column: int) -> Location:
        return Location(self.shown, row, column)

    def cell_name(self, row: int, column: int) -> str:
        return f"cell {column_letters(column)}{row}"

    def text(self, row: int, column: int, kind: bytes, raw: bytes) -> str:
        """The text of a cell; a value its type does not allow is an error naming the cell."""
        try:
            return cell_text(kind, raw, self.strings)
        except (ValueError, UnicodeDecodeError) as exc:
            raise InputError(
                self.where(row, column),
                f"sheet {self.sheet!r}, {self.cell_name(row, column)} {exc}",
                "the workbook is damaged or was not written by a spreadsheet program: export it again",
            ) from None

    def read(self) -> None:
        start = self.first_column - 1
        stop = None if self.max_rankings is None else start + self.max_rankings
        id_index = None if not self.source.id_column else self.source.id_column - 1
        first_row = self.first_row
        rankings = self.rankings
        counts: dict[Cells, int] = {}  # how many rows hold each distinct rank cells, first seen first
        precinct_index = None if not self.source.precinct_column else self.source.precinct_column - 1
        batch_index = None if not self.source.batch_column else self.source.batch_column - 1
        # a precinct or batch column, or every ballot written back out (in the sheet's order, each
        # with its id): ballot by ballot
        keep_ids = id_index is not None and self.grouper.keeps_ballots
        sliced = precinct_index is not None or batch_index is not None or self.grouper.keeps_ballots
        for number, kinds, values in self.rows():
            if number < first_row:
                continue
            # most ids are whole numbers, never blank: only others need reading as text
            if id_index is not None and not (
                id_index < len(values) and values[id_index].isdigit() and kinds[id_index] in (b"", b"n")
            ):
                self.check_id(number, id_index, kinds, values)
            cells = (kinds[start:stop], values[start:stop])
            count = counts.get(cells)
            if count is None:
                rankings[cells] = self.ranking(number, cells)
                counts[cells] = 1
            else:
                counts[cells] = count + 1
            if sliced:
                precinct = self.slice_id(number, kinds, values, precinct_index, "missing_precinct_id")
                batch = self.slice_id(number, kinds, values, batch_index, "missing_batch_id")
                ballot_id = (
                    self.text(number, id_index + 1, kinds[id_index], values[id_index])
                    if keep_ids and id_index is not None
                    else None
                )
                self.grouper.add_in(rankings[cells], precinct, batch, ballot_id)
        if not sliced:
            for cells, count in counts.items():
                self.grouper.add(rankings[cells], count)

    def slice_id(
        self, row: int, kinds: tuple[bytes, ...], values: tuple[bytes, ...], index: int | None, missing: str
    ) -> str | None:
        """The precinct or batch named in the row's cell at ``index`` (None: no such column)."""
        if index is None:
            return None
        text = self.text(row, index + 1, kinds[index], values[index]) if index < len(values) else ""
        if not text:
            return missing  # as RCTab's StreamingCvrReader names ballots without one
        if not text.strip():
            raise InputError(
                self.where(row, index + 1),
                f"{self.cell_name(row, index + 1)} holds only spaces where a precinct or batch is named",
                "name the precinct or batch, or leave the cell empty",
            )
        return text

    def check_id(self, row: int, index: int, kinds: tuple[bytes, ...], values: tuple[bytes, ...]) -> None:
        if index < len(values) and self.text(row, index + 1, kinds[index], values[index]).strip():
            return
        raise InputError(
            self.where(row, index + 1),
            f"the ballot in row {row} has no id ({self.cell_name(row, index + 1)} is empty)",
            "every row needs its cast vote record id (idColumnIndex); a row copied without one "
            "is often a formatting leftover: copy the data into a new workbook",
        )

    def rows(self) -> Iterator[tuple[int, tuple[bytes, ...], tuple[bytes, ...]]]:
        """(row number, types, values) for each row the first sheet holds."""
        with open_archive(self.source.path, self.shown) as archive:
            worksheet = first_worksheet(archive, self.shown)
            self.sheet, self.strings = worksheet.name, worksheet.shared_strings
            yield from sheet_rows(archive, worksheet.part, self.shown, worksheet.name)

    def ranking(self, row: int, cells: Cells) -> Ranking:
        marks: list[tuple[int, int]] = []
        lookup = self.lookup.lookup
        kinds, values = cells
        for rank, (kind, value) in enumerate(zip(kinds, values, strict=True), start=1):
            column = self.first_column + rank - 1
            text = self.text(row, column, kind, value).strip()
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
            for rank in range(len(values) + 1, self.max_rankings + 1):
                column = self.first_column + rank - 1
                marks.append((rank, self.lookup.undeclared_write_in(self.where(row, column))))
        return ranking_from_marks(marks, self.where(row, self.first_column), in_order=self.grouper.keeps_ballots)
