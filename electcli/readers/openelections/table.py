"""The file as a table: its cells by column, checked for shape, and the line each row is on.

Columns (not rows) are kept because a contest is read by slicing them, which runs in C."""

from __future__ import annotations

import csv
import difflib
import io
import os
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, islice, repeat
from typing import NoReturn

from electcli.errors import InputError, Location
from electcli.readers.csv_errors import cell_column, check_line_end, csv_error, line_of_file
from electcli.readers.csv_strict import csv_reader
from electcli.readers.openelections.conventions import (
    CANDIDATE,
    DISTRICT,
    HEADER_HINT,
    IGNORED_COLUMNS,
    MAX_COUNT_DIGITS,
    OFFICE,
    PARTY,
    UNIT_COLUMNS,
    VOTE_MODES,
    VOTES,
    is_vote_mode,
)
from electcli.readers.source import MAX_CSV_BYTES, decode_text, read_bytes

# The columns the reader reads, and every name a header cell is compared with for a near miss.
READ_COLUMNS = (*UNIT_COLUMNS, OFFICE, DISTRICT, PARTY, CANDIDATE, VOTES)
KNOWN_COLUMNS = frozenset({*READ_COLUMNS, *VOTE_MODES})


class BlankColumn(Sequence[str]):
    """A column the file does not have: every cell empty."""

    def __init__(self, size: int) -> None:
        self.size = size

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, index: int) -> str:  # type: ignore[override]
        return ""

    def __iter__(self) -> Iterator[str]:
        return repeat("", self.size)


class Table:
    """The file's cells by column, and how to find the line a row is on."""

    def __init__(
        self, shown: str, text: str, header: list[str], columns: list[list[str]], plain: bool, path: str = ""
    ) -> None:
        self.shown = shown
        self.path = path or shown  # the file, read again for a line's text when ``text`` is not kept
        self.text = text
        self.columns = columns
        self.header = [cell.lower() for cell in header]
        self.header_cells = header
        self.plain = plain  # one line per row and no blank line: data row i is on line i + 2
        self.count = len(columns[0]) if columns else 0
        self.index: dict[str, int] = {}
        self._starts: list[int] | None = None
        for position, cell in enumerate(header):
            if cell != cell.strip():
                raise InputError(
                    Location(shown, 1), f"header cell {cell!r} has spaces around it", f"write it {cell.strip()!r}"
                )
            name = cell.lower()
            if name in self.index:
                raise InputError(Location(shown, 1), f"header names the column {cell!r} twice", HEADER_HINT)
            self.index[name] = position
        missing = [name for name in (OFFICE, CANDIDATE) if name not in self.index]
        if not any(name in self.index for name in UNIT_COLUMNS):
            missing.append("county or precinct")
        self.modes = [name for name in self.index if is_vote_mode(name)]
        if VOTES not in self.index and not self.modes:
            missing.append(VOTES)
        if missing:
            raise InputError(
                Location(shown, 1), f"header {','.join(header)!r} has no {' and no '.join(missing)} column", HEADER_HINT
            )
        for position, name in enumerate(self.header):
            self.check_header_cell(position, name)

    def check_header_cell(self, position: int, name: str) -> None:
        """A header cell is a column electcli reads or one it knows holds nothing that counts
        (``IGNORED_COLUMNS``); anything else is refused at its place on line 1, since a column
        passed over could be the one that tells two contests apart (``distric`` for ``district``)."""
        if name in READ_COLUMNS or is_vote_mode(name) or name in IGNORED_COLUMNS:
            return
        text = self.line_text(1)
        where = Location(self.shown, 1, cell_column(text, position) if text else 0)
        shown = repr(self.header_cells[position])
        if not name:
            raise InputError(where, f"header cell {position + 1} is empty", "name every column, or remove it")
        if not name.isprintable():
            raise InputError(where, f"header cell {shown} holds a control character", HEADER_HINT)
        close = difflib.get_close_matches(name, sorted(KNOWN_COLUMNS), n=1, cutoff=0.75)
        if close:
            raise InputError(
                where, f"header cell {shown} is not a column electcli reads", f"did you mean {close[0]!r}?"
            )
        raise InputError(
            where,
            f"header cell {shown} is not a column electcli reads",
            f"columns read: {', '.join(READ_COLUMNS)} and vote modes (such as election_day, absentee, *_votes); "
            f"remove or rename any other column (it could tell contests apart or hold votes)",
        )

    def has(self, name: str) -> bool:
        return name in self.index

    def cells(self, name: str) -> list[str]:
        return self.columns[self.index[name]]

    def cells_or_blank(self, name: str) -> Sequence[str]:
        return self.columns[self.index[name]] if name in self.index else BlankColumn(self.count)

    def line(self, row: int) -> int:
        """The line data row ``row`` starts on."""
        if self.plain:
            return row + 2
        if self._starts is None:
            if not self.text:  # streamed: the file is read again, for an error only
                self.text = decode_text(self.shown, read_bytes(self.path, MAX_CSV_BYTES, shown=self.shown))
            self._starts = _row_starts(self.text, self.shown)[1:]
        return self._starts[row]

    def error(self, row: int, problem: str, hint: str = "", column: str | None = None) -> InputError:
        """An error on data row ``row``, at the cell of ``column`` (a header name) when given."""
        line = self.line(row)
        at = 0
        if column is not None and column in self.index:
            text = self.line_text(line)
            at = cell_column(text, self.index[column]) if text else 0
        return InputError(Location(self.shown, line, at), problem, hint)

    def line_text(self, line: int) -> str:
        """The text of line ``line`` (from 1) of the file, for a column (error path only)."""
        if not self.text:
            return line_of_file(self.path, line)
        start = 0
        for _ in range(line - 1):
            start = self.text.find("\n", start) + 1
            if not start:
                return ""
        end = self.text.find("\n", start)
        return self.text[start : end if end >= 0 else len(self.text)].rstrip("\r")

    def check_keys(self) -> None:
        """The cells that decide which contest a row is in are checked in every row."""
        offices = self.cells(OFFICE)
        if "" in offices:
            raise self.error(offices.index(""), "row has no office", "every row names its office (its contest)", OFFICE)
        for name in (OFFICE, DISTRICT, PARTY):
            if name in self.index:
                self.check_spaces(name, range(self.count), self.cells(name))
        if DISTRICT in self.index:
            districts = self.cells(DISTRICT)
            for value in set(districts):
                if len(value) > MAX_COUNT_DIGITS and value.isdigit():
                    raise self.error(
                        districts.index(value),
                        f"district {value[:40]}... has {len(value)} digits",
                        f"numbers have at most {MAX_COUNT_DIGITS} digits",
                        DISTRICT,
                    )

    def check_spaces(self, name: str, rows: Iterable[int], cells: Sequence[str]) -> None:
        """No cell of the column in these rows (``cells``) has spaces around it."""
        values = set(cells)
        if not any(map(str.__ne__, values, map(str.strip, values))):
            return
        column = self.cells(name)
        for row in rows:
            cell = column[row]
            if cell != cell.strip():
                raise self.error(row, f"{name} {cell!r} has spaces around it", f"remove them: {cell.strip()!r}", name)


def _row_starts(text: str, shown: str = "") -> list[int]:
    """The line each non-blank CSV row starts on (the header's first)."""
    reader = csv_reader(io.StringIO(text, newline=""))
    starts = []
    start = 1
    try:
        for cells in reader:
            if cells:
                starts.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise csv_error(exc, text, shown, reader.line_num) from None
    return starts


# Bytes read at a time by the streamed reader (a block is cut at the end of a line).
BLOCK = 2 * 1024 * 1024


def load_table(path: str, shown: str) -> Table:
    streamed = _load_streamed(path, shown) or _load_streamed_csv(path, shown)
    if streamed is not None:
        return streamed
    data = read_bytes(path, MAX_CSV_BYTES, shown=shown)
    if b"\x00" in data:
        _refuse_nul(data, shown)
    text = decode_text(shown, data)
    check_line_end(text, shown)
    if "\r" in text and '"' not in text:
        text = text.replace("\r\n", "\n")
    body = text[:-1] if text.endswith("\n") else text
    if '"' not in body and "\r" not in body and "\n\n" not in body and not body.startswith("\n"):
        # Plain text: split with str methods, which run in C and make no row lists.
        first, _, rest = body.partition("\n")
        if not first:
            raise InputError(Location(shown), "is empty", HEADER_HINT)
        header = first.split(",")
        width = len(header)
        if not rest:
            raise InputError(Location(shown), "has a header but no rows", "add one row per unit, contest and candidate")
        lines = rest.split("\n")
        if set(map(str.count, lines, repeat(","))) != {width - 1}:
            for row, line in enumerate(lines):  # pragma: no branch
                if line.count(",") != width - 1:
                    _wrong_width(shown, row + 2, line.count(",") + 1, width)
        del lines
        flat = rest.replace("\n", ",").split(",")
        return Table(shown, text, header, [flat[position::width] for position in range(width)], True)
    reader = csv_reader(io.StringIO(text, newline=""))
    try:
        rows = [cells for cells in reader if cells]
    except csv.Error as exc:
        raise csv_error(exc, text, shown, reader.line_num) from None
    if not rows:
        raise InputError(Location(shown), "is empty", HEADER_HINT)
    header = rows[0]
    width = len(header)
    del rows[0]
    if not rows:
        raise InputError(Location(shown), "has a header but no rows", "add one row per unit, contest and candidate")
    if set(map(len, rows)) != {width}:
        starts = _row_starts(text, shown)[1:]
        for row, cells in enumerate(rows):  # pragma: no branch
            if len(cells) != width:
                _wrong_width(shown, starts[row], len(cells), width)
    flat = list(chain.from_iterable(rows))
    del rows
    return Table(shown, text, header, [flat[position::width] for position in range(width)], False)


def _load_streamed(path: str, shown: str) -> Table | None:
    """A plain file (no quotes, carriage returns, blank lines, NUL or invalid UTF-8) read block by
    block, so that memory holds the cells, not the file: each column keeps one copy of each
    distinct cell (a county's name is one string, not one per row). ``None`` for any other file,
    which the whole-file reader reads, or refuses with the place of its problem."""
    if not os.path.isfile(path) or os.path.getsize(path) > MAX_CSV_BYTES:
        return None
    try:
        handle = open(path, "rb")  # noqa: SIM115 (closed below, on every path)
    except OSError:
        return None
    with handle:
        first = handle.readline()
        if first.startswith(b"\xef\xbb\xbf"):
            first = first[3:]
        if first.endswith(b"\r\n"):
            first = first[:-2] + b"\n"
        if not first.endswith(b"\n") or b'"' in first or b"\r" in first or b"\x00" in first:
            return None
        try:
            header = first[:-1].decode("utf-8").split(",")
        except UnicodeDecodeError:
            return None
        width = len(header)
        if not first[:-1] or width < 2:
            return None
        columns: list[list[str]] = [[] for _ in range(width)]
        caches: list[dict[str, str]] = [{} for _ in range(width)]
        rows = 0
        while block := handle.read(BLOCK):
            if not block.endswith(b"\n"):
                block += handle.readline()
                if not block.endswith(b"\n"):
                    return None  # cut short? the whole-file reader says where
            if b"\r" in block and block.count(b"\r") == block.count(b"\r\n"):
                block = block.replace(b"\r\n", b"\n")  # Windows line ends (csv.writer's)
            if b'"' in block or b"\r" in block or b"\x00" in block or b"\n\n" in block or block.startswith(b"\n"):
                return None
            try:
                body = block.decode("utf-8")
            except UnicodeDecodeError:
                return None
            if body.endswith("\n"):
                body = body[:-1]
            lines = body.split("\n")
            if set(map(str.count, lines, repeat(","))) != {width - 1}:
                for row, line in enumerate(lines):  # pragma: no branch
                    if line.count(",") != width - 1:
                        _wrong_width(shown, rows + row + 2, line.count(",") + 1, width)
            rows += len(lines)
            del lines
            flat = body.replace("\n", ",").split(",")
            del body, block
            for position in range(width):
                cells = flat[position::width]
                columns[position].extend(map(caches[position].setdefault, cells, cells))
            del flat
    if not rows:
        return None
    return Table(shown, "", header, columns, True, path)


# Rows taken from the csv module at a time by the streamed reader of quoted files.
CSV_ROWS = 65536


def _load_streamed_csv(path: str, shown: str) -> Table | None:
    """A file with quoted cells (or lone carriage returns, blank lines) read by the csv module a
    chunk of rows at a time, each column keeping one copy of each distinct cell. ``None`` for a
    file with any problem (invalid UTF-8, NUL, a row of the wrong width, no line end at the end,
    a stray quote): the whole-file reader then says where."""
    if not os.path.isfile(path) or not 0 < os.path.getsize(path) <= MAX_CSV_BYTES:
        return None
    try:
        with open(path, "rb") as raw:
            raw.seek(-1, os.SEEK_END)
            if raw.read(1) not in (b"\n", b"\r"):
                return None
            # The csv module reads NUL as a character: the whole-file reader refuses it, with its line.
            raw.seek(0)
            while block := raw.read(BLOCK):
                if b"\x00" in block:
                    return None
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv_reader(handle)
            header = next(reader, None)
            if not header or len(header) < 2:
                return None
            width = len(header)
            columns: list[list[str]] = [[] for _ in range(width)]
            caches: list[dict[str, str]] = [{} for _ in range(width)]
            rows = 0
            while chunk := list(islice(reader, CSV_ROWS)):
                if [] in chunk:  # blank lines hold no row
                    chunk = [cells for cells in chunk if cells]
                    if not chunk:
                        continue
                if set(map(len, chunk)) != {width}:
                    return None
                flat = list(chain.from_iterable(chunk))
                del chunk
                for position in range(width):
                    cells = flat[position::width]
                    columns[position].extend(map(caches[position].setdefault, cells, cells))
                rows += len(flat) // width
                del flat
    except (OSError, UnicodeDecodeError, csv.Error):
        return None
    if not rows:
        return None
    return Table(shown, "", header, columns, False, path)


def _refuse_nul(data: bytes, shown: str) -> NoReturn:
    """A NUL byte, at its line and column: a header cell with one would be a column never read."""
    at = data.index(b"\x00")
    start = data.rfind(b"\n", 0, at) + 1
    line = data.count(b"\n", 0, at) + 1
    column = len(data[start:at].decode("utf-8", "replace")) + 1
    raise InputError(
        Location(shown, line, column),
        "holds a NUL byte (a control character): it is not a CSV text file, or it is damaged",
        HEADER_HINT if line == 1 else "remove the NUL byte",
    )


def _wrong_width(shown: str, line: int, got: int, width: int) -> NoReturn:
    raise InputError(
        Location(shown, line),
        f"row has {got} field{'' if got == 1 else 's'}, but the header has {width}",
        "give one cell per header column (quote a cell that holds a comma)",
    )


def take(column: Sequence[str], rows: list[int]) -> list[str]:
    """The column's cells in these rows (a slice when they are consecutive, as is common)."""
    if isinstance(column, BlankColumn):
        return [""] * len(rows)
    if len(rows) == len(column):
        return column  # type: ignore[return-value]  # every row: the column itself (never changed)
    if rows[-1] - rows[0] + 1 == len(rows):
        return list(column[rows[0] : rows[-1] + 1])
    return list(map(column.__getitem__, rows))
