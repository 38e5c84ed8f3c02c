"""ES&S workbooks (.xlsx) that are damaged, hostile or odd: each is read exactly or refused with an
InputError naming the file (and sheet, row, cell where known), never a traceback, a hang, a crash
or a dropped ballot (issue 9). Written against the openpyxl reader first: swapped rows dropped a
ballot, a row numbered 2,000,000,000 ran for minutes, damaged archives raised tracebacks.
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import threading
import time
import zipfile
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from electcli.errors import InputError, Location
from electcli.ranked.ballots import BallotGrouper, BallotGroups
from electcli.readers.cvr import read_cvr
from electcli.readers.cvr.source import CandidateNames, CvrSource
from electcli.readers.cvr.xlsx_package import first_worksheet, open_archive
from electcli.readers.cvr.xlsx_sheet import _expat_rows, _fast_rows, _NotExcelShape, column_letters, sheet_rows
from tests.conftest import run
from tests.shared_data import shared_path

NAMES = ("A", "B", "C")
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "cvr" / "ess_minneapolis_style.xlsx"

PARTS = {
    "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="xl/workbook.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
    "</Relationships>",
    "xl/workbook.xml": f'<workbook xmlns="{MAIN}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="CVR" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="worksheets/sheet1.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>'
    '<Relationship Id="rId2" Target="sharedStrings.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>',
    "xl/sharedStrings.xml": f'<sst xmlns="{MAIN}"><si><t>id</t></si><si><t>A</t></si><si><t>B</t></si>'
    "<si><r><t>C</t></r><rPh><t>phonetic</t></rPh></si></sst>",
}


def sheet_xml(rows: str, head: str = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n') -> str:
    return f'{head}<worksheet xmlns="{MAIN}"><dimension ref="A1:C9"/><sheetData>{rows}</sheetData></worksheet>'


def row(number: int, *cells: str | None) -> str:
    """A row as Excel writes it: shared strings ("A" is string 1...), numbers as such."""
    xml = []
    for column, value in enumerate(cells):
        ref = f"{chr(ord('A') + column)}{number}"
        if value is None:
            continue
        if value.isdigit():
            xml.append(f'<c r="{ref}"><v>{value}</v></c>')
        else:
            xml.append(f'<c r="{ref}" t="s"><v>{"ABC".index(value) + 1}</v></c>')
    return f'<row r="{number}" spans="1:3">{"".join(xml)}</row>'


def workbook(path: Path, sheet: str, **parts: str | bytes) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in {**PARTS, "xl/worksheets/sheet1.xml": sheet, **parts}.items():
            archive.writestr(name, text)
    return path


def source(path: Path, **settings: Any) -> CvrSource:
    defaults: dict[str, Any] = {"first_vote_column": 2, "first_vote_row": 2, "id_column": 1, "max_rankings": 2}
    return CvrSource(path=path, provider="ess", location=Location("config.json", 3), **{**defaults, **settings})


def read(path: Path, **settings: Any) -> BallotGroups:
    grouper = BallotGrouper(NAMES, None)
    read_cvr(source(path, **settings), CandidateNames(NAMES, {}), grouper)
    return grouper.build(str(path))


def groups(ballots: BallotGroups) -> Mapping[tuple[tuple[str, ...], ...], int]:
    names = [*ballots.candidates]
    return {
        tuple(tuple(names[i] for i in rank) for rank in ranking): count
        for ranking, count in zip(ballots.rankings, ballots.counts, strict=True)
    }


def refused(path: Path, **settings: Any) -> InputError:
    with pytest.raises(InputError) as caught:
        read(path, **settings)
    assert caught.value.location.file == str(path)
    return caught.value


HEADER = row(1, "1", "A", "B").replace('t="s"><v>1<', 't="s"><v>0<')


# -- rows by their numbers ------------------------------------------------------------------------------


def test_rows_in_excel_shape_are_read_by_number(tmp_path: Path) -> None:
    rows = HEADER + row(2, "11", "A", "B") + row(3, "12", "C") + row(5, "13", "B", "A")
    assert groups(read(workbook(tmp_path / "cvr.xlsx", sheet_xml(rows)))) == {
        (("A",), ("B",)): 1,
        (("C",),): 1,  # the rich-text shared string, without its phonetic guide
        (("B",), ("A",)): 1,
    }


@pytest.mark.parametrize("inline", [False, True], ids=["excel-shape", "inline-strings"])
def test_swapped_rows_are_an_error_not_a_dropped_ballot(tmp_path: Path, inline: bool) -> None:
    rows = HEADER + row(3, "12", "A") + row(2, "11", "B")
    if inline:  # the exact (expat) reading: inline strings are not Excel's shape
        rows = rows.replace('t="s"><v>1</v>', 't="inlineStr"><is><t>A</t></is>')
    error = refused(workbook(tmp_path / "cvr.xlsx", sheet_xml(rows)))
    assert "row 2 comes after row 3" in error.problem
    assert error.location.line == 2


def test_a_row_twice_is_an_error(tmp_path: Path) -> None:
    error = refused(workbook(tmp_path / "cvr.xlsx", sheet_xml(HEADER + row(2, "11", "A") + row(2, "12", "B"))))
    assert "row 2 comes a second time" in error.problem


def test_a_row_numbered_in_the_billions_is_refused_at_once(tmp_path: Path) -> None:
    rows = HEADER + row(2, "11", "A") + row(2_000_000_000, "12", "B")
    start = time.perf_counter()
    error = refused(workbook(tmp_path / "cvr.xlsx", sheet_xml(rows)))
    assert time.perf_counter() - start < 2
    assert "2000000000, beyond Excel's last row" in error.problem


def test_a_huge_gap_costs_nothing(tmp_path: Path) -> None:
    rows = HEADER + row(2, "11", "A") + row(1_048_576, "12", "B")
    start = time.perf_counter()
    assert groups(read(workbook(tmp_path / "cvr.xlsx", sheet_xml(rows)))) == {(("A",),): 1, (("B",),): 1}
    assert time.perf_counter() - start < 2


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        ('<c r="A3"><v>11</v></c>', "a cell referenced 'A3' in row 2"),  # names another row
        ('<c r="2A"><v>11</v></c>', "a cell referenced '2A' in row 2"),
        ('<c r="B2"><v>11</v></c><c r="A2"><v>12</v></c>', "cell A2 comes after cell B2"),
        ('<c r="A2"><v>11</v></c><c r="A2"><v>12</v></c>', "cell A2 comes a second time"),
        ('<c r="XFE2"><v>11</v></c>', "beyond Excel's last (XFD)"),
    ],
)
def test_bad_cell_references(tmp_path: Path, cells: str, problem: str) -> None:
    error = refused(workbook(tmp_path / "cvr.xlsx", sheet_xml(f'{HEADER}<row r="2">{cells}</row>')))
    assert problem in error.problem and "sheet 'CVR'" in error.problem
    assert error.location.line == 2


@pytest.mark.parametrize(
    ("cell", "problem"),
    [
        ('<c r="B2" t="s"><v>9</v></c>', "cell B2 refers to shared string '9'"),
        ('<c r="B2" t="b"><v>2</v></c>', "cell B2 holds '2', which is not a boolean"),
        ('<c r="B2"><v>1e999</v></c>', "cell B2 holds '1e999', which is not a number"),
        # int() and float() read these as numbers; a spreadsheet writes none of them
        ('<c r="B2"><v>1_000</v></c>', "cell B2 holds '1_000', which is not a number"),
        ('<c r="B2"><v>infinity</v></c>', "cell B2 holds 'infinity', which is not a number"),
        ('<c r="B2"><v>0x10</v></c>', "cell B2 holds '0x10', which is not a number"),
        ('<c r="B2" t="zz"><v>1</v></c>', "cell B2 has the unknown cell type 'zz'"),
        # a formula with no value saved (fuzz seeds 10, 142, 185...) was read as a blank: a skipped rank
        ('<c r="B2"><f>C2</f></c>', "cell B2 holds a formula with no value saved"),
        ('<c r="B2" t="str"><f t="shared" si="0"/></c>', "cell B2 holds a formula with no value saved"),
        ('<c r="B2" s="1"><f>C2</f></c>', "cell B2 holds a formula with no value saved"),
        ('<c r="B2"><f>C2</f><v/></c>', "cell B2 holds a formula with no value saved"),  # openpyxl's
        ('<c r="B2" t="str"><f>C2</f><v></v></c>', "cell B2 holds a formula with no value saved"),
    ],
)
def test_bad_cell_values(tmp_path: Path, cell: str, problem: str) -> None:
    sheet = sheet_xml(f'{HEADER}<row r="2"><c r="A2"><v>5</v></c>{cell}</row>')
    error = refused(workbook(tmp_path / "cvr.xlsx", sheet))
    assert problem in error.problem
    assert error.location == Location(error.location.file, 2, 2)


def test_a_formula_with_its_value_saved_is_read_as_the_value(tmp_path: Path) -> None:
    sheet = sheet_xml(f'{HEADER}<row r="2"><c r="A2"><v>5</v></c><c r="B2" t="str"><f>"A"</f><v>A</v></c></row>')
    assert groups(read(workbook(tmp_path / "cvr.xlsx", sheet))) == {(("A",),): 1}


def test_a_formula_with_no_value_is_refused_through_the_cli(tmp_path: Path) -> None:
    sheet = sheet_xml(
        f'{HEADER}<row r="2"><c r="A2"><v>5</v></c><c r="B2"><f>D2</f></c><c r="C2" t="s"><v>2</v></c></row>'
    )
    book = workbook(tmp_path / "cvr.xlsx", sheet)
    result = run(["tally", str(rctab_config(tmp_path / "config.json", [book], ("A", "B")))])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"{book}:2:2: " in result.stderr
    assert "cell B2 holds a formula with no value saved" in result.stderr


# -- the fast reading and the exact one agree ---------------------------------------------------------


def both_readings(path: Path) -> tuple[list[Any], list[Any]]:
    with open_archive(path, str(path)) as archive:
        sheet = first_worksheet(archive, str(path))
        exact = list(_expat_rows(archive, sheet.part, str(path), sheet.name))
        try:
            fast = list(_fast_rows(archive, sheet.part, str(path), sheet.name))
        except _NotExcelShape:
            fast = []
        whole = list(sheet_rows(archive, sheet.part, str(path), sheet.name))
    assert whole == exact
    return fast, exact


def test_fast_and_exact_readings_agree(tmp_path: Path) -> None:
    formulas = (
        '<row r="4"><c r="A4" s="1"><f>A2+1</f><v>13</v></c><c r="C4" t="str"><f t="shared" si="0"/><v>A</v></c></row>'
    )
    rows = HEADER + row(2, "11", "A") + '<row r="3"/>' + formulas + row(6, None, None, "B")
    fast, exact = both_readings(workbook(tmp_path / "cvr.xlsx", sheet_xml(rows)))
    assert fast == exact and len(exact) == 5
    assert exact[3] == (4, (b"", b"", b"str"), (b"13", b"", b"A"))
    assert exact[4] == (6, (b"", b"", b"s"), (b"", b"", b"2"))


def test_the_exact_reading_takes_over_where_the_shape_ends(tmp_path: Path) -> None:
    odd = '<row r="3">\n  <c r="A3" t="inlineStr"><is><t>x</t></is></c>\n</row>'
    rows = HEADER + row(2, "11", "A") + "<!-- a comment -->" + odd + row(4, "13", "B")
    path = workbook(tmp_path / "cvr.xlsx", sheet_xml(rows))
    fast, exact = both_readings(path)
    assert fast == [] and [number for number, _, _ in exact] == [1, 2, 3, 4]
    assert exact[2] == (3, (b"str",), (b"x",))


def test_fixture_and_maine_workbook_read_the_same_both_ways() -> None:
    maine = shared_path("data/maine-2018-cd2/UOCAVA-FINALRepCD2.xlsx")
    fast, exact = both_readings(maine)
    assert fast == exact and len(exact) == 701
    _, exact = both_readings(FIXTURE)  # openpyxl's shape: inline strings, read exactly
    assert [number for number, _, _ in exact] == list(range(1, 10))


# -- damaged archives and parts ----------------------------------------------------------------------


def good(tmp_path: Path) -> Path:
    return workbook(tmp_path / "cvr.xlsx", sheet_xml(HEADER + row(2, "11", "A")))


def test_truncated_archive(tmp_path: Path) -> None:
    path = good(tmp_path)
    path.write_bytes(path.read_bytes()[:-30])
    assert "not an Excel workbook" in refused(path).problem


def test_damaged_compressed_data(tmp_path: Path) -> None:
    path = tmp_path / "cvr.xlsx"
    big = sheet_xml(HEADER + "".join(row(n, str(n), "A") for n in range(2, 2000)))
    workbook(path, big)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    error = refused(path)
    assert "damaged part 'xl/worksheets/sheet1.xml'" in error.problem


def test_unknown_compression_method(tmp_path: Path) -> None:
    path = good(tmp_path)
    data = path.read_bytes()
    # set the method of every entry (local headers and central directory) to 99 (AES)
    data = data.replace(b"PK\x03\x04\x14\x00\x00\x00\x08\x00", b"PK\x03\x04\x14\x00\x00\x00\x63\x00")
    central = bytearray(data)
    position = central.find(b"PK\x01\x02")
    while position >= 0:
        central[position + 10 : position + 12] = struct.pack("<H", 99)
        position = central.find(b"PK\x01\x02", position + 4)
    path.write_bytes(bytes(central))
    assert "compression method 99" in refused(path).problem


@pytest.mark.parametrize("cut", [40, len("</worksheet>")], ids=["in-a-row", "after-the-rows"])
def test_truncated_sheet_xml(tmp_path: Path, cut: int) -> None:
    sheet = sheet_xml(HEADER + row(2, "11", "A"))[:-cut]
    error = refused(workbook(tmp_path / "cvr.xlsx", sheet))
    assert "'xl/worksheets/sheet1.xml' is not well-formed XML" in error.problem


@pytest.mark.parametrize(
    ("part", "text", "problem"),
    [
        (
            "xl/worksheets/sheet1.xml",
            sheet_xml(HEADER, head='<?xml version="1.0" encoding="x-no-such-encoding"?>'),
            "cannot be decoded (unknown encoding: x-no-such-encoding)",
        ),
        ("xl/worksheets/sheet1.xml", sheet_xml(HEADER, head='<!DOCTYPE w [<!ENTITY e "x">]>'), "DOCTYPE"),
        ("xl/sharedStrings.xml", '<!DOCTYPE s [<!ENTITY e "x">]><sst/>', "DOCTYPE"),
        ("xl/workbook.xml", "<workbook", "not well-formed XML"),
        ("xl/_rels/workbook.xml.rels", "<Relationships/>", "has no sheets"),
        ("_rels/.rels", "<Relationships/>", "does not say which part is its workbook"),
    ],
)
def test_damaged_parts(tmp_path: Path, part: str, text: str, problem: str) -> None:
    path = workbook(tmp_path / "cvr.xlsx", sheet_xml(HEADER + row(2, "11", "A")), **{part: text})
    assert problem in refused(path).problem


def test_sheet_in_utf16_is_read_exactly(tmp_path: Path) -> None:
    sheet = sheet_xml(HEADER + row(2, "11", "B"), head='<?xml version="1.0" encoding="UTF-16"?>')
    path = workbook(tmp_path / "cvr.xlsx", "", **{"xl/worksheets/sheet1.xml": sheet.encode("utf-16")})
    assert groups(read(path)) == {(("B",),): 1}


def test_not_a_zip_a_folder_a_missing_file(tmp_path: Path) -> None:
    (tmp_path / "text.xlsx").write_text("id,1st\n", encoding="utf-8")
    assert "not an Excel workbook" in refused(tmp_path / "text.xlsx").problem
    (tmp_path / "folder.xlsx").mkdir()
    assert "is a folder" in refused(tmp_path / "folder.xlsx").problem
    assert "no such file" in refused(tmp_path / "nowhere.xlsx").problem


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "cvr.xlsx"
    os.mkfifo(fifo)
    errors: list[InputError] = []
    reader = threading.Thread(target=lambda: errors.append(refused(fifo)), daemon=True)
    reader.start()
    reader.join(5)
    if reader.is_alive():  # unblock it before failing
        with open(fifo, "wb"):
            pass
        pytest.fail("reading a FIFO as a workbook blocked")
    assert "not a regular file" in errors[0].problem


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_is_refused() -> None:
    assert "not a regular file" in refused(Path("/dev/zero")).problem


# -- zip bombs -------------------------------------------------------------------------------------------


def rctab_config(path: Path, workbooks: list[Path], names: tuple[str, ...]) -> Path:
    """An RCTab configuration counting ``workbooks`` (ES&S, id in A, ranks from B, ballots from row 2)."""
    rules = {
        "tiebreakMode": "useCandidateOrder",
        "overvoteRule": "exhaustImmediately",
        "winnerElectionMode": "singleWinnerMajority",
        "numberOfWinners": "1",
        "decimalPlacesForVoteArithmetic": "4",
        "maxSkippedRanksAllowed": "1",
        "maxRankingsAllowed": "max",
        "batchElimination": False,
        "exhaustOnDuplicateCandidate": False,
    }
    sources = [
        {"filePath": str(workbook), "provider": "ess", "firstVoteColumnIndex": "2", "firstVoteRowIndex": "2"}
        for workbook in workbooks
    ]
    config = {
        "tabulatorVersion": "TEST",
        "outputSettings": {"contestName": "Test"},
        "cvrFileSources": sources,
        "candidates": [{"name": name} for name in names],
        "rules": rules,
    }
    path.write_text(json.dumps(config), encoding="utf-8")
    return path


def raw_zip(path: Path, entries: list[tuple[str, bytes, int, int]]) -> Path:
    """A zip archive written byte by byte: (name, deflated data, CRC, size the headers claim)."""
    body, directory = bytearray(), bytearray()
    for name, data, crc, claimed in entries:
        encoded = name.encode()
        fields = struct.pack("<HHHHHIIIHH", 20, 0, 8, 0, 0x21, crc, len(data), claimed, len(encoded), 0)
        directory += b"PK\x01\x02" + struct.pack("<H", 20) + fields + struct.pack("<HHHII", 0, 0, 0, 0, len(body))
        directory += encoded
        body += b"PK\x03\x04" + fields + encoded + data
    end = struct.pack("<HHHHIIH", 0, 0, len(entries), len(entries), len(directory), len(body), 0)
    path.write_bytes(bytes(body + directory + b"PK\x05\x06" + end))
    return path


def deflated(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def bomb(path: Path, lie: bool) -> Path:
    """A 2 MB workbook whose sheet inflates to about 2 GB of spaces; with ``lie``, the archive's
    headers claim the sheet is 2,000 bytes (so no ratio gives it away)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(b" " * (1 << 20)) + packer.flush(zlib.Z_FULL_FLUSH)  # the same bytes each time
    head = sheet_xml(HEADER).encode()[: -len("</sheetData></worksheet>")]
    data = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)
    data = data + block * 2048 + deflated(b"</sheetData></worksheet>")
    entries = [(name, deflated(text.encode()), zlib.crc32(text.encode()), len(text)) for name, text in PARTS.items()]
    entries.append(("xl/worksheets/sheet1.xml", data, 0, 2000 if lie else 2048 << 20))
    return raw_zip(path, entries)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs rlimits")
@pytest.mark.parametrize("lie", [False, True], ids=["honest-headers", "lying-headers"])
def test_zip_bomb_is_refused_in_little_memory(tmp_path: Path, lie: bool) -> None:
    path = bomb(tmp_path / "bomb.xlsx", lie)
    assert path.stat().st_size < 3 << 20
    config = rctab_config(tmp_path / "config.json", [path], NAMES)

    def limit_memory() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "electcli", "tally", str(config)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        preexec_fn=limit_memory,
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 2 and result.stdout == "", result.stderr
    assert result.stderr.startswith(f"electcli: error: {path}"), result.stderr
    assert ("zip bomb" if not lie else "damaged part") in result.stderr
    assert time.perf_counter() - start < 20


def test_rows_alternating_between_many_column_layouts(tmp_path: Path) -> None:
    # each row leaves out a different cell: no layout repeats two rows running (each would
    # otherwise cost a compiled expression), and every row is still read by its columns
    rows = [HEADER]
    expected: dict[tuple[tuple[str, ...], ...], int] = {}
    for number in range(2, 3002):
        cells = [f'<c r="A{number}"><v>{number}</v></c>']
        if number % 2:
            cells.append(f'<c r="B{number}" t="s"><v>1</v></c>')
        column = 3 + number // 2 % 40  # C (the second rank) in one row pair of 40, else beyond
        cells.append(f'<c r="{column_letters(column)}{number}" t="s"><v>2</v></c>')
        rows.append(f'<row r="{number}">{"".join(cells)}</row>')
        ranking: tuple[tuple[str, ...], ...] = (("A",) if number % 2 else (), ("B",) if column == 3 else ())
        while ranking and not ranking[-1]:
            ranking = ranking[:-1]
        expected[ranking] = expected.get(ranking, 0) + 1
    start = time.perf_counter()
    ballots = read(workbook(tmp_path / "cvr.xlsx", sheet_xml("".join(rows))), max_rankings=2)
    assert time.perf_counter() - start < 10
    assert groups(ballots) == expected and len(expected) == 4


def test_a_changed_byte_fails_the_crc(tmp_path: Path) -> None:
    path = tmp_path / "cvr.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:  # stored: the XML as is
        for name, text in {**PARTS, "xl/worksheets/sheet1.xml": sheet_xml(HEADER + row(2, "11", "A"))}.items():
            archive.writestr(name, text)
    data = path.read_bytes()
    assert data.count(b"<v>11</v>") == 1
    path.write_bytes(data.replace(b"<v>11</v>", b"<v>12</v>"))
    assert "damaged part 'xl/worksheets/sheet1.xml' (Bad CRC-32" in refused(path).problem
