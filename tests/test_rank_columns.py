"""electcli's own CVR CSV (ranked-choice.md: a header, an optional id column, one column per rank).

Every layout of the same ballots must give the same groups, whichever internal path reads it
(plain rows, quoted rows, ids that mask alike or not, blocks cut anywhere); every fault must be an
InputError naming the file, line and column.
"""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest

from electcli.errors import InputError, Location
from electcli.ranked.ballots import OVERVOTE, BallotGrouper, Ranking
from electcli.readers.cvr import rank_columns, rank_rows
from electcli.readers.cvr.rank_columns import read_rank_columns
from electcli.readers.cvr.source import CandidateNames, CvrSource

NAMES = ("Ana", "Ben", "Cy")
ANA, BEN, CY = ((0,), (1,), (2,))
WHERE = Location("race.yaml", 7, 5)  # where the race file names the CVR


def write(tmp_path: Path, content: str | bytes, name: str = "cvr.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def groups(
    tmp_path: Path,
    content: str | bytes,
    names: tuple[str, ...] = NAMES,
    aliases: dict[str, str] | None = None,
    write_in: str | None = None,
    **options: object,
) -> dict[Ranking, int]:
    path = write(tmp_path, content)
    grouper = BallotGrouper(names, write_in)
    source = CvrSource(path=path, provider="electcli_csv", location=WHERE, **options)  # type: ignore[arg-type]
    read_rank_columns(source, CandidateNames(names, aliases or {}), grouper)
    built = grouper.build(str(path))
    return dict(zip(built.rankings, built.counts, strict=True))


def error(tmp_path: Path, content: str | bytes, **options: object) -> InputError:
    with pytest.raises(InputError) as caught:
        groups(tmp_path, content, **options)  # type: ignore[arg-type]
    return caught.value


BASIC = {(ANA, BEN): 2, (BEN, (), CY): 1, ((0, 1), CY): 1, (): 1}


# -- what a file means ---------------------------------------------------------------------------


def test_rows_group_by_ranking_and_ids_are_set_aside(tmp_path: Path) -> None:
    text = "ballot_id,rank1,rank2,rank3\n1,Ana,Ben,\n2,Ben,,Cy\n3,Ana|Ben,Cy,\n4,Ana,Ben\n5,,,\n"
    assert groups(tmp_path, text) == BASIC


@pytest.mark.parametrize("header", ["id", "ID", "Ballot ID", "ballot", "cvr-id", "CVR_ID", " ballot_id "])
def test_id_column_names(tmp_path: Path, header: str) -> None:
    assert groups(tmp_path, f"{header},r1,r2\nA17,Ana,Ben\n0042,Ana,Ben\n") == {(ANA, BEN): 2}


def test_without_an_id_column_every_column_is_a_rank(tmp_path: Path) -> None:
    assert groups(tmp_path, "first,second,third\nAna,Ben,\nBen,,Cy\nAna|Ben,Cy,\nAna,Ben,\n,,\n") == BASIC


def test_a_ballot_with_no_rankings_still_counts(tmp_path: Path) -> None:
    # an id alone, or empty cells, is a ballot that ranked nobody; a blank line is not a ballot
    assert groups(tmp_path, "id,r1,r2\n1\n2,,\n\n3,Ana,\n\n") == {(): 2, (ANA,): 1}


def test_spaces_around_names_are_ignored(tmp_path: Path) -> None:
    assert groups(tmp_path, "id,r1,r2,r3\n1, Ana , Ben,\n2,Ben , ,Cy\n") == {(ANA, BEN): 1, (BEN, (), CY): 1}


def test_line_ends_byte_order_mark_and_quotes_change_nothing(tmp_path: Path) -> None:
    plain = "ballot_id,rank1,rank2,rank3\n1,Ana,Ben,\n2,Ben,,Cy\n3,Ana|Ben,Cy,\n4,Ana,Ben\n5,,,\n"
    assert groups(tmp_path, plain.replace("\n", "\r\n")) == BASIC
    assert groups(tmp_path, "\ufeff" + plain) == BASIC
    quoted = plain.replace("Ana,Ben", '"Ana","Ben"').replace("Cy,", '"Cy",')
    assert '"' in quoted
    assert groups(tmp_path, quoted) == BASIC
    assert groups(tmp_path, plain.replace("\n", "\r")) == BASIC  # old Mac line ends


def test_a_name_with_a_comma_is_quoted(tmp_path: Path) -> None:
    names = ("Smith, Jr.", "Ben")
    text = 'id,r1,r2\n1,"Smith, Jr.",Ben\n2,Ben,"Smith, Jr."\n3,Ben\n'
    assert groups(tmp_path, text, names=names) == {((0,), (1,)): 1, ((1,), (0,)): 1, ((1,),): 1}


def test_names_with_digits_and_ids_with_letters(tmp_path: Path) -> None:
    names = ("Prop 1", "Prop 2", "Cy")
    text = "cvr_id,r1,r2\nR_3QEQ85E7,Prop 1,Prop 2\nR_1ikP1jSJ,Prop 2,\nR_22G3akvx,Prop 1,Prop 2\n"
    assert groups(tmp_path, text, names=names) == {((0,), (1,)): 2, ((1,),): 1}


def test_names_beyond_ascii(tmp_path: Path) -> None:
    names = ("José Ñúñez", "Zoë", "李")
    text = "id,r1,r2\n1,José Ñúñez,Zoë\n2,李,\n3,José Ñúñez,Zoë\n"
    assert groups(tmp_path, text, names=names) == {((0,), (1,)): 2, ((2,),): 1}
    assert groups(tmp_path, "r1,r2\nZoë,李\n", names=names) == {((1,), (2,)): 1}


def test_aliases_and_labels(tmp_path: Path) -> None:
    text = "id,r1,r2,r3\n1,A,skipped,Cy\n2,over,Ben,\n3,UWI,Ana,\n"
    found = groups(
        tmp_path,
        text,
        aliases={"A": "Ana"},
        write_in="Undeclared Write-ins",
        overvote_label="over",
        skipped_rank_label="skipped",
        undeclared_write_in_label="UWI",
    )
    assert found == {(ANA, (), CY): 1, ((OVERVOTE,), BEN): 1, ((3,), ANA): 1}


def test_overvote_delimiter_can_be_chosen(tmp_path: Path) -> None:
    text = "id,r1,r2\n1,Ana / Ben,Cy\n2,Cy//Ana,\n"
    assert groups(tmp_path, text.replace("/ ", "/").replace(" /", "/").replace("//", "/"), overvote_delimiter="/") == {
        ((0, 1), CY): 1,
        ((0, 2),): 1,
    }


def test_first_vote_column_skips_leading_columns(tmp_path: Path) -> None:
    text = "Ballot,Precinct,Style,C1,C2\n1,P 12,S3,Ana,Ben\n2,P 13,S3,Ana,Ben\n3,P 12,S4,Cy,\n"
    assert groups(tmp_path, text, first_vote_column=4) == {(ANA, BEN): 2, (CY,): 1}
    assert groups(tmp_path, text, id_column=1, precinct_column=2, batch_column=3) == {(ANA, BEN): 2, (CY,): 1}


def test_max_rankings_allows_empty_columns_past_it(tmp_path: Path) -> None:
    assert groups(tmp_path, "id,r1,r2,r3\n1,Ana,Ben,\n2,Cy,,\n", max_rankings=2) == {(ANA, BEN): 1, (CY,): 1}


def test_every_path_gives_the_same_groups(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Blocks cut every few bytes, quotes appearing midway, ids that mask alike or not: same groups."""
    rng = random.Random(5)
    rows = [[rng.choice(["Ana", "Ben", "Cy", "", "Ana|Cy"]) for _ in range(3)] for _ in range(3000)]
    expected: dict[Ranking, int] = {}
    cell_rank = {"Ana": ANA, "Ben": BEN, "Cy": CY, "": (), "Ana|Cy": (0, 2)}
    for cells in rows:
        ranking = tuple(cell_rank[cell] for cell in cells)
        while ranking and not ranking[-1]:
            ranking = ranking[:-1]
        expected[ranking] = expected.get(ranking, 0) + 1
    numbered = "id,r1,r2,r3\n" + "".join(f"{n},{','.join(cells)}\n" for n, cells in enumerate(rows))
    lettered = "id,r1,r2,r3\n" + "".join(f"b{n:x}q,{','.join(cells)}\n" for n, cells in enumerate(rows))
    middle = numbered.index("\n", len(numbered) // 2) + 1
    late_quote = numbered[:middle] + '999999,"Ana",Ben,Cy\n' + numbered[middle:]
    late_expected = dict(expected)
    late_expected[(ANA, BEN, CY)] = late_expected.get((ANA, BEN, CY), 0) + 1
    for block in (1 << 22, 4096, 97):
        monkeypatch.setattr(rank_columns, "BLOCK", block)
        assert groups(tmp_path, numbered) == expected
        assert groups(tmp_path, lettered) == expected
        assert groups(tmp_path, numbered.replace("\n", "\r\n")) == expected
        assert groups(tmp_path, late_quote) == late_expected


def test_blocks_cut_anywhere_read_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every block size from 1 byte: characters split between blocks, a Windows line end split
    between them, a last line without a line end, a bad byte at the very end."""
    names = ("José Ñúñez", "Zoë", "李")
    text = "id,r1,r2\r\n1,José Ñúñez,Zoë\r\n22,李,\r\n\r\n333,José Ñúñez,Zoë\r\n4444,Zoë,李"
    expected = {((0,), (1,)): 2, ((2,),): 1, ((1,), (2,)): 1}
    for block in range(1, 40):
        monkeypatch.setattr(rank_columns, "BLOCK", block)
        assert groups(tmp_path, text, names=names) == expected, block
        assert groups(tmp_path, text.replace("\r\n", "\n"), names=names) == expected, block
        lettered = text.replace("\n1,", "\nb1,").replace("\n22,", "\nP 22,")  # cut line by line
        assert groups(tmp_path, lettered, names=names) == expected, block
        found = error(tmp_path, text.encode() + b"\xc3", names=names)
        assert found.problem == "is not UTF-8 text (byte 0xc3 cannot be decoded)", block


def test_bad_utf8_split_around_an_ascii_block_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A lead byte ending one block and a continuation byte starting a later one, with an ASCII
    block between: not a character, and the file is refused where the lead byte stands."""
    monkeypatch.setattr(rank_columns, "BLOCK", 7)
    found = error(tmp_path, b"id,r1\n1,Ana\n2,Ana   \xc3\n3,Ana\n\xa9\n")
    assert (found.location.line, found.location.column) == (3, 9)
    assert found.problem == "is not UTF-8 text (byte 0xc3 cannot be decoded)"


def test_a_line_too_long_is_refused_wherever_the_blocks_cut_it(tmp_path: Path) -> None:
    long_line = "1,Ana" + " " * rank_rows.MAX_LINE_BYTES + "\n"  # valid but for its length
    for padding in (0, 1000, rank_columns.BLOCK - 30):
        text = "id,r1\n" + "0" * padding + "7,Ana\n" + long_line
        found = error(tmp_path, text)
        assert found.location.line == 3, padding
        assert "longer than 1024 KiB" in found.problem


def test_a_nul_byte_after_a_quoted_cell_is_refused(tmp_path: Path) -> None:
    """Once a quote sends the rows to the csv module, binary bytes are still refused."""
    text = b'id,r1,r2\n1,"Ana",Ben\n' + b"2,Ben,Ana\n" * 20000 + b"\x00\x00,Ben,Ana\n"
    found = error(tmp_path, text)
    assert "binary" in found.problem


def test_byte_order_mark_before_blank_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = codecs.BOM_UTF8 + b"\n" * 140_000 + b"id,r1\n1,Ana\n"
    assert groups(tmp_path, text) == {(ANA,): 1}
    monkeypatch.setattr(rank_columns, "BLOCK", 3)
    assert groups(tmp_path, codecs.BOM_UTF8 + b"\r\n\n" * 5 + b"id,r1\n1,Ana\n") == {(ANA,): 1}


def test_grouper_is_shared_with_other_sources(tmp_path: Path) -> None:
    grouper = BallotGrouper(NAMES)
    grouper.add((ANA, BEN), 10)
    path = write(tmp_path, "id,r1,r2\n1,Ana,Ben\n")
    read_rank_columns(CvrSource(path, "electcli_csv", WHERE), CandidateNames(NAMES), grouper)
    assert grouper.build().counts == (11,)


def test_registered_under_its_provider(tmp_path: Path) -> None:
    from electcli.readers.cvr import read_cvr

    grouper = BallotGrouper(NAMES)
    path = write(tmp_path, "id,r1\n1,Cy\n")
    read_cvr(CvrSource(path, "electcli_csv", WHERE), CandidateNames(NAMES), grouper)
    assert grouper.build().rankings == ((CY,),)


# -- what is refused, and how it is said --------------------------------------------------------


def test_unknown_name_points_at_line_and_column(tmp_path: Path) -> None:
    found = error(tmp_path, "id,r1,r2,r3\n1,Ana,Ben,\n22,Ben,,Cyy\n")
    assert found.location == Location(str(tmp_path / "cvr.csv"), 3, 9)
    assert found.problem == "'Cyy' is not a candidate in this contest (rank 3)"
    assert found.hint == "did you mean 'Cy'?"


def test_unknown_name_in_a_quoted_row(tmp_path: Path) -> None:
    found = error(tmp_path, 'id,r1,r2\n1,"Ana",Ben\n2,"Ben, Jr.",Ana\n')
    assert found.location.line == 3 and found.location.column == 3
    assert "'Ben, Jr.' is not a candidate" in found.problem


def test_a_digit_in_a_rank_cell_is_an_unknown_name(tmp_path: Path) -> None:
    found = error(tmp_path, "id,r1,r2\n1,Ana,Ben\n2,Ben2,Ana\n")
    assert (found.location.line, found.location.column) == (3, 3)
    assert found.problem == "'Ben2' is not a candidate in this contest (rank 1)"
    assert found.hint == "did you mean 'Ben'?"


def test_unknown_name_without_an_id_column_mentions_the_id_header(tmp_path: Path) -> None:
    found = error(tmp_path, "precinct,r1\nP1,Ana\n")
    assert (found.location.line, found.location.column) == (2, 1)
    assert "a first column of ballot ids is headed id, ballot, ballot_id or cvr_id" in found.hint


@pytest.mark.parametrize(
    ("cell", "problem"),
    [
        ("Ana|Bob", "'Bob' (in the overvote 'Ana|Bob') is not a candidate in this contest (rank 2)"),
        ("Ana|", "overvote 'Ana|' has an empty name (rank 2)"),
        ("Ana|Ana", "overvote 'Ana|Ana' names a candidate twice (rank 2)"),
    ],
)
def test_bad_overvotes(tmp_path: Path, cell: str, problem: str) -> None:
    found = error(tmp_path, f"id,r1,r2\n1,Cy,{cell}\n")
    assert found.location.line == 2 and found.location.column == 6
    assert found.problem == problem


def test_more_cells_than_columns(tmp_path: Path) -> None:
    found = error(tmp_path, "id,r1,r2\n1,Ana,Ben\n2,Ana,Ben,Cy\n")
    assert found.location == Location(str(tmp_path / "cvr.csv"), 3, 11)
    assert found.problem == "row has 4 cells but the header has 3 columns"
    assert "quoted" in found.hint and "|" in found.hint


def test_not_utf8(tmp_path: Path) -> None:
    found = error(tmp_path, b"id,r1\n1,Ana\n2,Ben\xe9\n")
    assert (found.location.line, found.location.column) == (3, 6)
    assert found.problem == "is not UTF-8 text (byte 0xe9 cannot be decoded)"
    assert found.hint == "save the file as UTF-8"


def test_utf16_and_binary(tmp_path: Path) -> None:
    assert error(tmp_path, "id,r1\n1,Ana\n".encode("utf-16")).problem == "is UTF-16 text"
    binary = error(tmp_path, b"id,r1\n1,Ana\n2,\x00\x01\n")
    assert binary.location.line == 3
    assert "binary" in binary.problem


@pytest.mark.parametrize("content", ["", "\n\n", "\r\n"])
def test_empty_file(tmp_path: Path, content: str) -> None:
    found = error(tmp_path, content)
    assert found.location == Location(str(tmp_path / "cvr.csv"))
    assert found.problem.startswith("is empty")
    assert "ballot_id,rank1,rank2,rank3" in found.hint


def test_header_without_ballots(tmp_path: Path) -> None:
    found = error(tmp_path, "id,r1,r2\n\n")
    assert found.problem == "has a header but no ballots"


@pytest.mark.parametrize("first_line", ["Ana,Ben,Cy", "1,Ana,Ben", "17,,Ana|Ben"])
def test_missing_header(tmp_path: Path, first_line: str) -> None:
    found = error(tmp_path, f"{first_line}\n2,Ben,Ana\n")
    assert found.location == Location(str(tmp_path / "cvr.csv"), 1)
    assert found.problem == "has no header: line 1 names candidates, so it reads as a ballot"
    assert "generic CSV" in found.hint


def test_header_problems(tmp_path: Path) -> None:
    empty = error(tmp_path, "id,r1,,r3\n1,Ana\n")
    assert (empty.location.line, empty.location.column, empty.problem) == (1, 7, "header column 3 has no name")
    only_id = error(tmp_path, "ballot_id\n1\n")
    assert only_id.problem == "header has no rank columns"
    spanning = error(tmp_path, 'id,"rank\n1",r2\n1,Ana,Ben\n')
    assert spanning.problem == "header cell spans lines"


def test_missing_file_and_folder(tmp_path: Path) -> None:
    grouper = BallotGrouper(NAMES)
    for path, problem in ((tmp_path / "absent.csv", "no such file"), (tmp_path, "is a folder, not a file")):
        with pytest.raises(InputError) as caught:
            read_rank_columns(CvrSource(path, "electcli_csv", WHERE), CandidateNames(NAMES), grouper)
        assert caught.value.problem == problem
        assert caught.value.location.file == str(path)


def test_too_many_rankings(tmp_path: Path) -> None:
    found = error(tmp_path, "id,r1,r2,r3\n1,Ana,Ben,\n2,Ana,,Cy\n", max_rankings=2)
    assert (found.location.line, found.location.column) == (3, 8)
    assert found.problem == "rank 3 is marked, but a ballot may hold 2 rankings"


def test_source_options_that_cannot_apply(tmp_path: Path) -> None:
    blank = error(tmp_path, "id,r1\n1,Ana\n", treat_blank_as_undeclared_write_in=True)
    assert blank.location == WHERE
    assert "treat_blank_as_undeclared_write_in" in blank.problem
    order = error(tmp_path, "id,r1\n1,Ana\n", first_vote_column=2, precinct_column=3)
    assert order.location == WHERE
    assert order.problem == "an id, precinct or batch column comes after the first vote column"
    label = error(tmp_path, "id,r1\n1,Ana\n", undeclared_write_in_label="UWI")
    assert label.problem == "undeclared write-ins have no place in this contest's ballots"


def test_a_name_holding_the_delimiter_between_names_is_ambiguous(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        groups(tmp_path, "id,r1\n1,Ana|Ben\n", names=("Ana", "Ben", "Ana|Ben"))
    assert caught.value.location == WHERE
    assert "overvote delimiter" in caught.value.problem
    # a name with the delimiter that is not made of other names is fine
    assert groups(tmp_path, "id,r1\n1,A|B\n", names=("A|B", "Cy")) == {((0,),): 1}


# -- limits and the streaming row walk (review: memory, long lines, open quotes, wide files) ------


def test_more_rank_columns_than_the_cap_is_refused_at_the_header(tmp_path: Path) -> None:
    header = "id," + ",".join(f"r{n}" for n in range(1, 1002))
    problem = error(tmp_path, header + "\n1,Ana\n")
    assert problem.location.line == 1
    assert "1001 rank columns, more than the 1000" in problem.problem


def test_a_thousand_rank_columns_are_read(tmp_path: Path) -> None:
    header = "id," + ",".join(f"r{n}" for n in range(1, 1001))
    assert groups(tmp_path, header + "\n1,Ana,Ben\n") == {(ANA, BEN): 1}


def test_a_quote_never_closed_is_named_where_it_opens(tmp_path: Path) -> None:
    rows = "".join(f"{n},Ana,Ben\n" for n in range(1, 4)) + '4,"Ana,Ben\n' + "5,Ben,Ana\n" * 200_000
    problem = error(tmp_path, "id,r1,r2\n" + rows)
    assert problem.location.line == 5
    assert problem.problem == "a quote opened on line 5 is never closed"


def test_a_very_long_line_fails_at_that_line(tmp_path: Path) -> None:
    problem = error(tmp_path, "id,r1,r2\n1,Ana,Ben\n2," + "Ana" * 400_000 + "\n")
    assert problem.location.line == 3
    assert "line 3 is longer than 1024 KiB; is a quote left open?" in problem.problem


def test_a_file_of_one_long_line_fails_at_line_1(tmp_path: Path) -> None:
    problem = error(tmp_path, "r1," * 500_000)
    assert problem.location.line == 1
    assert "is longer than" in problem.problem


def test_the_row_walk_names_the_last_line_of_a_long_file(tmp_path: Path) -> None:
    content = "id,r1,r2\n" + "".join(f"{n},Ana,Ben\n" for n in range(1, 50_001)) + "50001,Ana,Zed\n"
    problem = error(tmp_path, content)
    assert problem.location == Location(str(tmp_path / "cvr.csv"), 50_002, 11)
    assert "'Zed'" in problem.problem


def test_the_row_walk_still_names_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    problem = error(tmp_path, b"id,r1\n1,Ana\n2,\xe9\n")
    assert problem.location.line == 3
    assert "is not UTF-8 text" in problem.problem
