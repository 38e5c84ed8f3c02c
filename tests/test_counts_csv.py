"""Counts files (unit,candidate,votes): every layout gives the same totals; every fault a line."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from electcli.errors import InputError
from electcli.readers.race_file.counts_csv import read_counts_csv

NAMES = ["Ana", "Ben", "Cy"]


def write(tmp_path: Path, text: str, newline: str = "\n") -> str:
    path = tmp_path / "counts.csv"
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return str(path)


def totals(tmp_path: Path, text: str, newline: str = "\n") -> dict[str, int]:
    return read_counts_csv(write(tmp_path, text, newline), "counts.csv", NAMES).sums


REGULAR = "unit,candidate,votes\nP1,Ana,10\nP1,Ben,20\nP1,Cy,0\nP2,Ana,5\nP2,Ben,1\nP2,Cy,7\n"


def test_regular_layout(tmp_path: Path) -> None:
    assert totals(tmp_path, REGULAR) == {"Ana": 15, "Ben": 21, "Cy": 7}


def test_irregular_layouts_give_the_same_totals(tmp_path: Path) -> None:
    rows = REGULAR.splitlines()[1:]
    for seed in range(5):
        random.Random(seed).shuffle(rows)
        assert totals(tmp_path, "unit,candidate,votes\n" + "\n".join(rows) + "\n") == {"Ana": 15, "Ben": 21, "Cy": 7}


def test_units_may_leave_out_candidates(tmp_path: Path) -> None:
    assert totals(tmp_path, "unit,candidate,votes\nP1,Ana,10\nP2,Ana,5\nP2,Ben,1\n") == {"Ana": 15, "Ben": 1}


def test_quoted_cells_crlf_and_blank_lines(tmp_path: Path) -> None:
    text = 'unit,candidate,votes\n"Precinct 1, North",Ana,10\n\n"Precinct 1, North",Ben,"2"\n'
    path = write(tmp_path, text, "\r\n")
    counted = read_counts_csv(path, "counts.csv", NAMES)
    assert counted.unit_column == ("Precinct 1, North", "Precinct 1, North")
    assert counted.sums == {"Ana": 10, "Ben": 2}
    assert totals(tmp_path, "unit,candidate,votes\nP1,Ana,1\n\nP2,Ana,2\n") == {"Ana": 3}


def test_write_ins_rows(tmp_path: Path) -> None:
    assert totals(tmp_path, "unit,candidate,votes\nP1,Ana,10\nP1,write_ins,3\n") == {"Ana": 10, "write_ins": 3}


def test_header_is_case_insensitive_but_required(tmp_path: Path) -> None:
    assert totals(tmp_path, "Unit,Candidate,Votes\nP1,Ana,1\n") == {"Ana": 1}
    with pytest.raises(InputError) as caught:
        totals(tmp_path, "precinct,name,count\nP1,Ana,1\n")
    assert caught.value.location.line == 1 and "unit,candidate,votes" in caught.value.hint


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("unit,candidate,votes\nP1,Ana,10\nP1,Ben\n", 3, "2 fields, not 3"),
        ("unit,candidate,votes\nP1,Ana,10\nP1,Ben,1,2\n", 3, "4 fields, not 3"),
        ("unit,candidate,votes\nP1,Ana,10\nP1,Zed,1\n", 3, "'Zed' is not a candidate"),
        ("unit,candidate,votes\nP1,Ana,10\nP2,Ben,1\nP1,Ana,3\n", 4, "twice"),
        ("unit,candidate,votes\nP1,Ana,10\nP1,Ben,-1\n", 3, "negative"),
        ("unit,candidate,votes\nP1,Ana,10.0\n", 2, "not a whole number"),
        ("unit,candidate,votes\nP1,Ana,010\n", 2, "leading zero"),
        ("unit,candidate,votes\nP1,Ana,\n", 2, "empty"),
        ("unit,candidate,votes\nP1,Ana,1e3\n", 2, "exponent"),
        ("unit,candidate,votes\n,Ana,1\n", 2, "unit name"),
        ("unit,candidate,votes\n P1,Ana,1\n", 2, "spaces"),
        ("unit,candidate,votes\nP1,Ana," + "9" * 40 + "\n", 2, "digits"),
        ("unit,candidate,votes\nP1,Ana," + "9" * 5000 + "\n", 2, "digits"),
        ('unit,candidate,votes\n"P1",Ana,1\n"P1",Ana,2\n', 3, "twice"),
        # lenient, the csv module reads "1"0 as 10, and a quote left open to the end as closed
        ('unit,candidate,votes\nP1,Ana,"1"0\n', 2, "text after its closing quote: '0'"),
        ('unit,candidate,votes\nP1,Ana,5\nP2,Ana,"10\n', 3, "a quote opened on line 3 is never closed"),
    ],
)
def test_faults_name_their_line(tmp_path: Path, text: str, line: int, fragment: str) -> None:
    with pytest.raises(InputError) as caught:
        totals(tmp_path, text)
    assert fragment in caught.value.message
    assert caught.value.location.line == line
    assert caught.value.location.file == "counts.csv"


@pytest.mark.parametrize("text", ["", "\n", "unit,candidate,votes\n"])
def test_empty_files(tmp_path: Path, text: str) -> None:
    with pytest.raises(InputError):
        totals(tmp_path, text)


def test_a_count_of_zero_is_fine_anywhere(tmp_path: Path) -> None:
    assert totals(tmp_path, "unit,candidate,votes\nP1,Ana,0\nP1,Ben,0\nP2,Ana,0\nP2,Ben,10\n") == {"Ana": 0, "Ben": 10}


def test_a_large_regular_file_keeps_every_row(tmp_path: Path) -> None:
    rng = random.Random(7)
    rows = [(f"P{u}", name, rng.randint(0, 10**6)) for u in range(2000) for name in NAMES]
    text = "unit,candidate,votes\n" + "".join(f"{u},{n},{v}\n" for u, n, v in rows)
    path = write(tmp_path, text)
    counted = read_counts_csv(path, "counts.csv", NAMES)
    assert len(counted.unit_column) == len(rows)
    assert counted.vote_column == tuple(v for _, _, v in rows)
    assert counted.sums == {name: sum(v for _, n, v in rows if n == name) for name in NAMES}


def test_counts_with_thousands_separators_are_read_as_written(tmp_path: Path) -> None:
    # A spreadsheet's export of formatted numbers: "1,234" is one count, never 1 and 234.
    text = 'unit,candidate,votes\nP1,Ana,"1,234"\nP1,Ben,5\nP2,Ana,"12,345,678"\nP2,Ben,"2,000"\n'
    counted = read_counts_csv(write(tmp_path, text), "counts.csv", NAMES)
    assert counted.vote_column == (1234, 5, 12345678, 2000)
    assert counted.sums == {"Ana": 12346912, "Ben": 2005}


def test_a_bad_formatted_count_is_located(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        totals(tmp_path, 'unit,candidate,votes\nP1,Ana,"1,234"\nP1,Ben,"12,34"\n')
    assert caught.value.location.line == 3 and "thousands separators" in caught.value.problem


@pytest.mark.parametrize("cell", ["1 234", " 12", "12 ", "1.0", "0x10"])
def test_cells_that_are_not_plain_digits_never_split(tmp_path: Path, cell: str) -> None:
    with pytest.raises(InputError) as caught:
        totals(tmp_path, f'unit,candidate,votes\nP1,Ana,"{cell}"\nP1,Ben,3\n')
    assert caught.value.location.line == 2


def test_windows_line_ends_read_the_same_as_unix(tmp_path: Path) -> None:
    unix = read_counts_csv(write(tmp_path, REGULAR), "counts.csv", NAMES)
    windows = read_counts_csv(write(tmp_path, REGULAR, "\r\n"), "counts.csv", NAMES)
    assert (windows.unit_column, windows.name_column, windows.vote_column) == (
        unix.unit_column,
        unix.name_column,
        unix.vote_column,
    )
    assert windows.sums == {"Ana": 15, "Ben": 21, "Cy": 7}
    assert windows.sha256 != unix.sha256  # the digest is of the bytes as given


def test_a_fault_in_a_windows_file_names_its_line(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        totals(tmp_path, "unit,candidate,votes\nP1,Ana,10\nP1,Zed,1\n", "\r\n")
    assert caught.value.location.line == 3 and "'Zed'" in caught.value.message


def test_a_lone_carriage_return_is_a_line_end_too(tmp_path: Path) -> None:
    # Old Mac line ends: the csv module's reading, never a count glued to the next unit's name.
    assert totals(tmp_path, "unit,candidate,votes\rP1,Ana,10\rP2,Ana,5\r") == {"Ana": 15}


# Found by the fuzzer (race-counts-csv seeds 1197, 2078): a U+2028 before the header was taken off by
# str.strip(), and the file read; the header is the three names, in any case, and nothing else.
@pytest.mark.parametrize(
    ("header", "column"),
    [("\u2028unit,candidate,votes", 1), ("unit,candidate, votes", 16), ("unit,\u00a0candidate,votes", 6)],
)
def test_a_header_with_anything_around_its_names_is_refused_at_the_cell(
    tmp_path: Path, header: str, column: int
) -> None:
    with pytest.raises(InputError) as caught:
        totals(tmp_path, header + "\nP1,Ana,1\n")
    assert (caught.value.location.line, caught.value.location.column) == (1, column)
    assert "header is" in caught.value.problem
