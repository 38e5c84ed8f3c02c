"""The rows of one worksheet's XML, each with its row number, cells placed by their references.

Rows are read by the numbers they carry (``<row r="7">``), not by their order: a row numbered no
higher than the one before it (out of order, or twice) is an error, as is a cell whose reference
names another row, a cell left of (or on) the one before it, and a row or column beyond Excel's
limits (1,048,576 rows, 16,384 columns). Gaps between rows cost nothing: no grid is built.

Two readers of the same XML, one exact answer:

- The fast path matches the shape Excel, ES&S and openpyxl write (``<row r="2" ...><c r="A2"
  s="1" t="s"><v>8</v></c>...</row>``, UTF-8, no comments) with regular expressions: a row is
  taken only if all of it has that shape, and each cell's reference must repeat the row's number
  (checked by the expression itself). Once two rows running have the same columns, an expression
  for exactly those columns reads each following row like them in a single match.
- Anything else (inline strings, other attributes, whitespace between elements, comments, other
  encodings, rows or cells without references) goes to an expat parser that understands the whole
  of SpreadsheetML's sheet data; it takes over from the first row the fast path cannot take.

Each row comes as (number, types, values): per column from A, the cell's type attribute (``b""``
when none) and its raw value (``b""`` when it has none); ``cell_text`` turns one into text.
"""

from __future__ import annotations

import functools
import math
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence

from electcli.errors import InputError, Location
from electcli.readers.cvr.xlsx_package import MAIN, STRICT_MAIN, XLSX_HINT, parse_part_events, read_chunks

MAX_ROW = 1_048_576
MAX_COLUMN = 16_384  # XFD
# the longest row the fast path keeps waiting for before handing over to expat
MAX_PENDING = 64 << 20

Row = tuple[int, tuple[bytes, ...], tuple[bytes, ...]]
# the type given to a formula cell that has no cached value (no real type attribute looks like it)
UNCALCULATED = b"="

# what follows a cell's reference, in Excel's shape: style, type, formula, value (type, value caught);
# a formula must be followed by a cached value that is not empty (one without goes to expat, which
# refuses it: openpyxl, for one, writes an uncalculated formula with an empty <v/>)
_CELL_REST = (
    rb'(?: s="[0-9]{1,9}")?(?: t="([a-zA-Z]{1,9})")?'
    rb"(?:/>|>(?:<f(?: [^<>]*)?(?:/>|>[^<]*</f>)(?=<v>[^<]))?(?:<v>([^<&\r]*)</v>)?</c>)"
)
_CELL_REST_UNCAUGHT = (
    rb'(?: s="[0-9]{1,9}")?(?: t="[a-zA-Z]{1,9}")?'
    rb"(?:/>|>(?:<f(?: [^<>]*)?(?:/>|>[^<]*</f>)(?=<v>[^<]))?(?:<v>[^<&\r]*</v>)?</c>)"
)
# a row's attributes after its number: no second r, no namespace declaration
_ROW_ATTRIBUTES = rb'(?: (?!xmlns|r=)[A-Za-z_][\w.:-]*="[^"<&]*")*'
# a row in Excel's shape: its number, then (when not empty) cells whose references end in it (\1)
_ROW = re.compile(
    rb'<row r="([1-9][0-9]{0,6})"' + _ROW_ATTRIBUTES + rb"\s*"
    rb'(?:/>|>((?:<c r="[A-Z]{1,3}\1"' + _CELL_REST_UNCAUGHT + rb")*)</row>)"
)
# rows of up to this many cells get an expression for their columns (see _row_with)
MAX_SAME = 64


@functools.lru_cache(maxsize=16)
def _row_with(letters: tuple[bytes, ...]) -> re.Pattern[bytes]:
    """A row in Excel's shape with cells in exactly these columns, each cell's type and value caught."""
    cells = b"".join(rb'<c r="' + column + rb'\1"' + _CELL_REST for column in letters)
    return re.compile(rb'<row r="([1-9][0-9]{0,6})"' + _ROW_ATTRIBUTES + rb"\s*>" + cells + rb"</row>")


def _never(_buffer: bytes, _position: int) -> re.Match[bytes] | None:
    return None


_CELLS = re.compile(rb'<c r="([A-Z]{1,3})[0-9]+"' + _CELL_REST)
_SHEET_DATA = re.compile(rb"<sheetData\s*(/?)>")
_DECLARATION = re.compile(rb"<\?xml[^<>?]*\?>")
_ENCODING = re.compile(rb"""encoding\s*=\s*["']([^"']*)["']""")
# A number cell's value as spreadsheets write it (XML Schema's double, bar INF and NaN), and a whole one
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_WHOLE = re.compile(r"[+-]?[0-9]+")
MAX_WHOLE_CHARS = 400  # past a double's range (309 digits): a longer whole number is refused as infinite


class _NotExcelShape(Exception):
    """The fast path met something it does not read; expat takes over."""


def column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def column_letters(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def cell_text(kind: bytes, raw: bytes, strings: Sequence[str]) -> str:
    """A cell's value as the text RCTab sees (Excel's General format): 12 not 12.0, TRUE.
    A value its type does not allow is a ``ValueError`` saying why."""
    if kind == UNCALCULATED:
        # Its value is whatever the formula would give: read as a blank it would be a skipped rank.
        raise ValueError("holds a formula with no value saved (the workbook was not calculated before saving)")
    if not raw:
        return ""
    if kind == b"s":
        index = int(raw) if raw.isdigit() else -1
        if not 0 <= index < len(strings):
            raise ValueError(f"refers to shared string {raw.decode('ascii', 'replace')!r}, which the workbook lacks")
        return strings[index]
    if kind in (b"", b"n"):
        text = raw.decode("ascii", "replace").strip(" \t\r\n")  # XML's white space only
        # as a spreadsheet writes a number (XML Schema's double, bar INF and NaN): int() and float()
        # would also take "1_000", "infinity" or a control character around the digits
        if not _NUMBER.fullmatch(text):
            raise ValueError(f"holds {text!r}, which is not a number")
        if _WHOLE.fullmatch(text) and len(text) <= MAX_WHOLE_CHARS:  # longer: no int() (it refuses 4,300 digits)
            return str(int(text))
        number = float(text)
        if not math.isfinite(number):
            raise ValueError(f"holds {text!r}, which is not a number")
        return str(int(number)) if number.is_integer() else str(number)
    if kind == b"b":
        if raw not in (b"0", b"1"):
            raise ValueError(f"holds {raw.decode('ascii', 'replace')!r}, which is not a boolean")
        return "TRUE" if raw == b"1" else "FALSE"
    if kind in (b"str", b"inlineStr", b"e", b"d"):
        return raw.decode("utf-8")
    raise ValueError(f"has the unknown cell type {kind.decode('ascii', 'replace')!r}")


def sheet_rows(archive: zipfile.ZipFile, part: str, shown: str, sheet: str) -> Iterator[Row]:
    """Every row the sheet's XML holds, in order, as (number, types, values)."""
    last = 0
    try:
        for row in _fast_rows(archive, part, shown, sheet):
            last = row[0]
            yield row
        return
    except _NotExcelShape:
        pass
    for row in _expat_rows(archive, part, shown, sheet):
        if row[0] > last:
            yield row


def _fast_rows(archive: zipfile.ZipFile, part: str, shown: str, sheet: str) -> Iterator[Row]:
    chunks = read_chunks(archive, part, shown)
    buffer = b""
    for chunk in chunks:
        buffer += chunk
        opening = _SHEET_DATA.search(buffer)
        if opening or len(buffer) > MAX_PENDING:
            break
    opening = _SHEET_DATA.search(buffer)
    if opening is None:
        raise _NotExcelShape
    head = buffer[: opening.start()]
    declaration = _DECLARATION.match(head.removeprefix(b"\xef\xbb\xbf"))
    encoding = _ENCODING.search(declaration.group()) if declaration else None
    encoding_name = encoding.group(1).lower() if encoding else b"utf-8"
    if (
        encoding_name not in (b"utf-8", b"utf8")
        or b"<!" in head
        or head.count(b"<?") > (1 if declaration else 0)
        or b'<worksheet xmlns="' + MAIN.encode() + b'"' not in head
        or head.count(b"<worksheet") != 1
    ):
        raise _NotExcelShape
    if opening.group(1):  # <sheetData/>: no rows
        return
    position = opening.end()
    done = False
    previous = 0
    match_row = _ROW.match
    find_cells = _CELLS.findall
    # Rows mostly repeat the last row's columns (ES&S rows all have the same): an expression for
    # exactly those columns checks a row and catches its types and values in one match.
    match_same: Callable[[bytes, int], re.Match[bytes] | None] = _never
    same_columns: tuple[int, ...] | None = None
    last_letters: tuple[bytes, ...] = ()  # the columns of the last row the general expression read
    while True:
        match = match_same(buffer, position)
        if match is not None:
            groups = match.groups(b"")
            number = int(groups[0])
            kinds, values, columns = groups[1::2], groups[2::2], same_columns
        else:
            match = match_row(buffer, position)
            if match is not None:
                number = int(match.group(1))
                body = match.group(2)
                letters, kinds, values = zip(*find_cells(body), strict=True) if body else ((), (), ())
                columns = _layout(letters, shown, sheet, number)
                # a new expression only for a layout two rows running have (rows alternating
                # between layouts would otherwise compile one per row)
                if letters == last_letters and 0 < len(letters) <= MAX_SAME:
                    match_same, same_columns = _row_with(letters).match, columns
                last_letters = letters
        if match is not None:
            if number <= previous:
                raise _out_of_order(shown, sheet, number, previous)
            if number > MAX_ROW:
                raise _beyond_limit(shown, sheet, f"{number:,}")
            previous = number
            position = match.end()
            if columns is None:  # A, B, C, ... as Excel writes a full row
                yield number, kinds, values
            else:
                yield number, *_place(columns, kinds, values)
            continue
        if buffer.startswith(b"</sheetData>", position):
            # read to the end: zipfile checks the part's CRC only there, and a sheet cut short
            # (no closing </worksheet>) is damaged even when every row came before the cut
            tail = buffer[-64:]
            for chunk in chunks:
                tail = (tail + chunk)[-64:]
            if not tail.rstrip().endswith(b"</worksheet>"):
                raise _NotExcelShape  # the exact reading says what is wrong
            return
        if done or buffer.find(b"</row>", position) >= 0 or len(buffer) - position > MAX_PENDING:
            raise _NotExcelShape
        chunk = next(chunks, b"")
        done = not chunk
        buffer = buffer[position:] + chunk
        position = 0


def _layout(letters: tuple[bytes, ...], shown: str, sheet: str, row: int) -> tuple[int, ...] | None:
    """The columns of the cells (None when they are A, B, C, ...); cells out of order are an error."""
    columns = tuple(column_number(text.decode("ascii")) for text in letters)
    before = 0
    for column in columns:
        if column > MAX_COLUMN:
            raise InputError(
                Location(shown, row, column),
                f"sheet {sheet!r}, row {row}: a cell in column {column_letters(column)}, beyond Excel's last (XFD)",
                XLSX_HINT,
            )
        if column <= before:
            raise _cell_out_of_order(shown, sheet, row, column, before)
        before = column
    return None if columns == tuple(range(1, len(columns) + 1)) else columns


def _place(
    columns: tuple[int, ...], kinds: Sequence[bytes], values: Sequence[bytes]
) -> tuple[tuple[bytes, ...], tuple[bytes, ...]]:
    placed_kinds = [b""] * columns[-1]
    placed_values = [b""] * columns[-1]
    for column, kind, value in zip(columns, kinds, values, strict=True):
        placed_kinds[column - 1] = kind
        placed_values[column - 1] = value
    return tuple(placed_kinds), tuple(placed_values)


def _out_of_order(shown: str, sheet: str, number: int, previous: int) -> InputError:
    said = "a second time" if number == previous else f"after row {previous}"
    return InputError(
        Location(shown, number),
        f"sheet {sheet!r}: row {number} comes {said}; rows must come once each, in order",
        "the workbook is damaged or was not written by a spreadsheet program: export it again",
    )


def _cell_out_of_order(shown: str, sheet: str, row: int, column: int, before: int) -> InputError:
    said = "a second time" if column == before else f"after cell {column_letters(before)}{row}"
    return InputError(
        Location(shown, row, column),
        f"sheet {sheet!r}: cell {column_letters(column)}{row} comes {said}; cells must come once each, in order",
        "the workbook is damaged or was not written by a spreadsheet program: export it again",
    )


def _beyond_limit(shown: str, sheet: str, number: str) -> InputError:
    return InputError(
        Location(shown),
        f"sheet {sheet!r} has a row numbered {number}, beyond Excel's last row ({MAX_ROW:,})",
        "the workbook is damaged or was not written by a spreadsheet program: export it again",
    )


_REFERENCE = re.compile(r"([A-Z]{1,3})([1-9][0-9]{0,6})")


def _expat_rows(archive: zipfile.ZipFile, part: str, shown: str, sheet: str) -> Iterator[Row]:
    """The exact, slower reading: every element of SpreadsheetML's sheet data understood."""
    ready: list[Row] = []
    names: list[str] = []  # the open elements' names ("namespace local"), root first
    state = {"row": 0, "column": 0}
    cells: dict[int, tuple[bytes, bytes]] = {}
    value: list[str] = []
    cell: list[object] = []  # [column, kind, formula seen] of the open cell
    worksheet, sheet_data, row_tag, cell_tag = MAIN + " worksheet", MAIN + " sheetData", MAIN + " row", MAIN + " c"
    value_tag, inline_tag, text_tag, run_tag = MAIN + " v", MAIN + " is", MAIN + " t", MAIN + " r"

    def fail(problem: str, column: int = 0) -> InputError:
        return InputError(
            Location(shown, state["row"], column),
            f"sheet {sheet!r}: {problem}",
            "the workbook is damaged or was not written by a spreadsheet program: export it again",
        )

    def start(name: str, attrs: dict[str, str]) -> None:
        parent = names[-1] if names else ""
        names.append(name)
        if not parent:
            if name.startswith(STRICT_MAIN + " "):
                raise InputError(Location(shown), "is a Strict Open XML workbook", XLSX_HINT)
            if name != worksheet:
                raise InputError(
                    Location(shown), f"has a sheet whose root element is not a worksheet ({name})", XLSX_HINT
                )
        elif parent == sheet_data:
            if name != row_tag:
                raise fail(f"an element {name.split(' ')[-1]!r} among the rows")
            text = attrs.get("r")
            number = state["row"] + 1 if text is None else _number(text.strip())
            if number is None:
                raise fail(f"a row numbered {text!r}")
            if number > MAX_ROW:
                raise _beyond_limit(shown, sheet, (text or str(number)).strip()[:40])
            if number <= state["row"]:
                raise _out_of_order(shown, sheet, number, state["row"])
            state["row"], state["column"] = number, 0
            cells.clear()
        elif parent == row_tag:
            if name != cell_tag:
                return
            text = attrs.get("r")
            if text is None:
                column = state["column"] + 1
            else:
                reference = _REFERENCE.fullmatch(text.strip())
                if reference is None or int(reference.group(2)) != state["row"]:
                    raise fail(f"a cell referenced {text!r} in row {state['row']}", state["column"] + 1)
                column = column_number(reference.group(1))
            if column > MAX_COLUMN:
                raise fail(f"a cell in column {column_letters(column)}, beyond Excel's last (XFD)", column)
            if column <= state["column"]:
                raise _cell_out_of_order(shown, sheet, state["row"], column, state["column"])
            state["column"] = column
            cell[:] = [column, attrs.get("t", "").strip().encode("utf-8"), False]
            value.clear()
        elif parent == cell_tag and name == MAIN + " f" and names[-3:-1] == [row_tag, cell_tag]:
            cell[2] = True

    def end(name: str) -> None:
        names.pop()
        if name == cell_tag and names and names[-1] == row_tag:
            column, kind, formula = cell
            assert isinstance(column, int) and isinstance(kind, bytes)
            if formula and not value:  # no value saved, or an empty one: what the formula gives is unknown
                kind = UNCALCULATED
            cells[column] = (b"str" if kind == b"inlineStr" else kind, "".join(value).encode("utf-8"))
        elif name == row_tag and names and names[-1] == sheet_data:
            width = max(cells, default=0)
            kinds = tuple(cells.get(column, (b"", b""))[0] for column in range(1, width + 1))
            values = tuple(cells.get(column, (b"", b""))[1] for column in range(1, width + 1))
            ready.append((state["row"], kinds, values))

    def data(text: str) -> None:
        # <c><v>, or inline text: <c><is><t> and <c><is><r><t> (not the phonetic <rPh><t>)
        depth = len(names)
        if depth >= 5 and names[2] == row_tag and names[3] == cell_tag and names[1] == sheet_data:
            inner = names[4:]
            if inner == [value_tag] or inner == [inline_tag, text_tag] or inner == [inline_tag, run_tag, text_tag]:
                value.append(text)

    yield from parse_part_events(archive, part, shown, start, end, data, ready)


def _number(text: str) -> int | None:
    """A row number; one too long to be a row is MAX_ROW + 1 (int() of thousands of digits is slow)."""
    if not text.isascii() or not text.isdigit() or int(text[:20]) == 0:
        return None
    return int(text) if len(text) <= 19 else MAX_ROW + 1
