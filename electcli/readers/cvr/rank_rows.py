"""The columns of electcli's CVR CSV (which are ids, which are ranks), the checks on the header and
on one row, and the row-by-row walk that names the first problem of a file.

The fast reader (``rank_columns``) checks rows in bulk; when a bulk check fails it calls ``walk``,
which reads the file again with the csv module, one row at a time, and raises the first problem
with its line and column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import BinaryIO, NoReturn

from electcli.errors import InputError, Location
from electcli.readers.csv_strict import csv_reader, quote_error
from electcli.readers.cvr.files import open_regular
from electcli.readers.cvr.rank_cells import CellProblem, RankCells
from electcli.readers.cvr.source import CvrSource
from electcli.readers.source import MAX_CSV_BYTES, decode_text, read_bytes

ID_HEADERS = frozenset({"id", "ballot", "ballot_id", "cvr_id"})
KIND = "a ranked-choice CVR is UTF-8 CSV text: a header, then one row per ballot"
# The longest line (and row) read: a ballot of MAX_RANK_COLUMNS long names is far shorter, so a
# longer one is a quote left open or a file that is not a CVR, and is refused before it fills memory
MAX_LINE_BYTES = 1 << 20
# Rank columns at most: as many as the other readers' highest rank (marks.MAX_RANK); also keeps the
# per-row work bounded
MAX_RANK_COLUMNS = 1000
HEADER_HINT = "start the file with a header such as ballot_id,rank1,rank2,rank3 (the id column is optional)"


def is_id_header(cell: str) -> bool:
    """``id``, ``ballot``, ``ballot_id``, ``cvr_id``, in any case, a space or hyphen for ``_``."""
    return cell.strip().lower().replace(" ", "_").replace("-", "_") in ID_HEADERS


def leading_columns(source: CvrSource) -> int | None:
    """How many columns come before the first rank, when the source says (None: the header says).

    Id, precinct and batch columns, when a source names them, must come before the ranks.
    """
    before = [column for column in (source.id_column, source.precinct_column, source.batch_column) if column]
    if any(column < 1 for column in before) or (source.first_vote_column or 1) < 1:
        raise InputError(source.location, "columns count from 1", "give 1 or more")
    if source.first_vote_column is None:
        return max(before) if before else None
    if any(column >= source.first_vote_column for column in before):
        raise InputError(
            source.location,
            "an id, precinct or batch column comes after the first vote column",
            "in a CSV with one column per rank, put such columns before the ranks",
        )
    return source.first_vote_column - 1


class Layout:
    """Which columns of a file are ranks, learnt from its header, and the checks that use it."""

    def __init__(self, shown: str, cells: RankCells, source: CvrSource) -> None:
        self.shown = shown
        self.cells = cells
        self.given = leading_columns(source)
        self.limit = source.max_rankings
        self.skip = 0  # leading columns that are not ranks
        self.width = 0  # rank columns

    def check_header(self, header: list[str], raw: str, line: int) -> None:
        """Learn the columns from the header row (``raw`` is its text, for columns in messages)."""
        where = Location(self.shown, line)
        self.skip = self.given if self.given is not None else 1 if header and is_id_header(header[0]) else 0
        # "Ana,Ben" or "1,Ana,Ben" is a ballot: some cell names a candidate and every other one
        # (bar the first, which may be an id) is empty
        named = [cell for cell in header if cell.strip() and self.cells.names_someone(cell)]
        other = [cell for cell in header[1:] if cell.strip() and not self.cells.names_someone(cell)]
        if named and not other:
            raise InputError(
                where,
                f"has no header: line {line} names candidates, so it reads as a ballot",
                HEADER_HINT + "; a file with one column per candidate holding rank numbers is RCTab's"
                " generic CSV (format: csv)",
            )
        rank_cells = header[self.skip :]
        if not rank_cells:
            raise InputError(where, "header has no rank columns", HEADER_HINT)
        for index, cell in enumerate(rank_cells, self.skip):
            if not cell.strip() or "\n" in cell or "\r" in cell:
                at_line, column = position(raw, line, index)
                raise InputError(
                    Location(self.shown, at_line, column),
                    f"header column {index + 1} has no name" if not cell.strip() else "header cell spans lines",
                    "name every rank column on line 1 (rank1,rank2,...), or remove an empty column from every row",
                )
        if len(rank_cells) > MAX_RANK_COLUMNS:
            raise InputError(
                where,
                f"header has {len(rank_cells)} rank columns, more than the {MAX_RANK_COLUMNS} a CVR may have",
                f"a ballot ranks at most {MAX_RANK_COLUMNS} choices: is this file one column per rank?",
            )
        self.width = len(rank_cells)

    def check_row(self, row: list[str], raw: str, line: int) -> None:
        ranks = row[self.skip :]
        if len(ranks) > self.width:
            at_line, column = position(raw, line, self.skip + self.width)
            raise InputError(
                Location(self.shown, at_line, column),
                f"row has {len(row)} cells but the header has {self.skip + self.width} columns",
                'give at most one cell per rank column; a name with a comma inside is quoted ("Smith, Jr.");'
                f" an overvote joins names with {self.cells.delimiter}",
            )
        for index, cell in enumerate(ranks):
            try:
                rank = self.cells.rank(cell)
            except CellProblem as problem:
                at_line, column = position(raw, line, self.skip + index)
                hint = problem.hint
                if index == 0 and self.skip == 0 and self.given is None:
                    hint += "; a first column of ballot ids is headed id, ballot, ballot_id or cvr_id"
                raise InputError(
                    Location(self.shown, at_line, column), f"{problem.problem} (rank {index + 1})", hint
                ) from None
            if rank and self.limit is not None and index >= self.limit:
                at_line, column = position(raw, line, self.skip + index)
                raise InputError(
                    Location(self.shown, at_line, column),
                    f"rank {index + 1} is marked, but a ballot may hold {self.limit} rankings",
                    "leave the ranks past the limit empty, or raise the source's max_rankings",
                )


def walk(path: str, layout: Layout) -> NoReturn:
    """Read the file row by row and raise its first problem, with line and column.

    The file is streamed, one line at a time, each line at most ``MAX_LINE`` characters: memory
    stays bounded however large the file (a file of one huge line fails at once, rather than
    being read whole).
    """
    shown = layout.shown
    lines = _Lines(shown)
    header: list[str] | None = None
    try:
        with open_regular(path, shown) as handle:
            reader = csv_reader(lines.read(handle))
            for row in reader:
                raw, line = lines.take()
                if not row:
                    continue
                if header is None:
                    layout.check_header(row, raw, line)  # says itself when a header cell spans lines
                    header = row
                else:
                    _one_line(shown, row, raw, line)
                    layout.check_row(row, raw, line)
    except OSError:
        read_bytes(path, MAX_CSV_BYTES, shown=shown)  # names the problem the way every reader does
        raise
    except UnicodeDecodeError:
        # not UTF-8: decode_text names the line, column and byte (the file is read whole only here)
        decode_text(shown, read_bytes(path, MAX_CSV_BYTES, shown=shown), KIND)
        raise
    except csv.Error as exc:
        raw, line = lines.take()
        problem = quote_error(raw, shown, line)
        if problem is not None:
            raise problem from None
        opened = open_quote(raw, line)
        if opened:
            raise InputError(
                Location(shown, opened),
                f"a quote opened on line {opened} is never closed",
                'close the quoted cell with " (a quote inside a quoted cell is written twice: "")',
            ) from None
        raise InputError(Location(shown, reader.line_num), f"cannot be read as CSV: {exc}", KIND) from None
    if header is None:
        raise InputError(Location(shown), f"is empty: {KIND}", HEADER_HINT)
    # not reached: the walk checks everything the bulk reader checks
    raise InputError(Location(shown), "could not be read as a ranked-choice CVR", KIND)


def _one_line(shown: str, row: list[str], raw: str, line: int) -> None:
    """Refuse a row whose quoted cell spans lines: no CVR cell holds a line end, and a stray
    quote reads on to the next one, swallowing the ballots between into one cell."""
    for index, cell in enumerate(row):
        if "\n" in cell or "\r" in cell:
            at_line, column = position(raw, line, index)
            last = line + raw.rstrip("\r\n").count("\n") + raw.rstrip("\r\n").replace("\r\n", "\n").count("\r")
            raise InputError(
                Location(shown, at_line, column),
                f"a quoted cell runs from line {at_line} to line {last}: no cell of a CVR spans lines",
                'is a quote left open? (a quote inside a quoted cell is written twice: "")',
            )


class _Lines:
    """The file's lines as text for the csv module, each checked (UTF-8, no NUL, not too long),
    with the raw text and first line of the row being read (for positions in messages)."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.number = 0  # lines read
        self.start = 1  # the first line of the row being read
        self.pending: list[str] = []
        self.size = 0

    def read(self, handle: BinaryIO) -> Iterator[str]:
        """The lines of ``handle`` as text (a leading byte-order mark dropped)."""
        readline = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="").readline
        pending = self.pending
        while True:
            text = readline(MAX_LINE_BYTES + 1)
            if not text:
                return
            self.number += 1
            if len(text) > MAX_LINE_BYTES:
                opened = open_quote("".join(pending), self.start)
                raise InputError(
                    Location(self.shown, self.number),
                    f"line {self.number} is longer than {MAX_LINE_BYTES // 1024} KiB"
                    + (f"; is the quote opened on line {opened} left open?" if opened else "; is a quote left open?"),
                    "a ballot's row is far shorter: check the line for a stray quote or a missing line end",
                )
            if "\x00" in text:
                raise InputError(
                    Location(self.shown, self.number), "is a binary file (it contains NUL bytes), not text", KIND
                )
            pending.append(text)
            self.size += len(text)
            if self.size > MAX_LINE_BYTES:  # a row spanning lines: a quoted cell that never ends
                opened = open_quote("".join(pending), self.start) or self.start
                raise InputError(
                    Location(self.shown, opened),
                    f"a quote opened on line {opened} is never closed",
                    'close the quoted cell with " (a quote inside a quoted cell is written twice: "")',
                )
            yield text

    def take(self) -> tuple[str, int]:
        """The raw text and first line of the row just read; the next row starts after it."""
        pending = self.pending
        raw, line = (pending[0] if len(pending) == 1 else "".join(pending)), self.start
        pending.clear()
        self.size, self.start = 0, self.number + 1
        return raw, line


def open_quote(raw: str, line: int) -> int:
    """The line where a quote left open in ``raw`` (a row's text from ``line``) opened; 0 if none."""
    quoted = False
    at = opened = line
    for char in raw:
        if char == '"':
            quoted = not quoted
            if quoted:
                opened = at
        elif char == "\n":
            at += 1
    return opened if quoted else 0


def position(raw: str, line: int, field: int) -> tuple[int, int]:
    """The line and column (from 1) where cell ``field`` (from 0) of the raw row ``raw`` starts."""
    quoted = False
    seen = 0
    at_line, column = line, 1
    for char in raw:
        if seen == field:
            break
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            seen += 1
        if char == "\n":
            at_line, column = at_line + 1, 1
        else:
            column += 1
    return at_line, column
