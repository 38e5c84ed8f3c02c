"""OpenElections CSV files: contests listed and read, every convention and every fault with its line.

The fixtures in tests/fixtures/openelections/ are cut down from real files of the OpenElections
data repositories, keeping their column layout, spellings and quirks (rows trimmed, a few counts
changed to keep them small):

* 20201103__al__general__precinct.csv: openelections-data-al 2020/20201103__al__general__precinct.csv
  (Ballots Cast and Registered Voters as offices, "Write-ins" with party NON, Over/Under Votes).
* 20200101__al__general__county__ussenate.csv: openelections-data-al, the same name (a county file
  whose precinct column is there but empty).
* 20201103__pa__general__county.csv: openelections-data-pa 2020/20201103__pa__general__county.csv
  (no precinct column; vote modes election_day, mail, absentee, provisional, some left empty).
* 20200602__pa__primary__armstrong__precinct.csv: openelections-data-pa, the same name (a primary:
  one Write-In row per party).
* 20081104__tx__general__caldwell__precinct.csv: openelections-data-tx 2008, the same name (upper
  case REGISTERED VOTERS - TOTAL and WRITE-IN, empty votes where a commissioner precinct's race
  was not on the ballot, quoted names with doubled quotes; CRLF line ends).
* 20080304__tx__primary__county.csv: openelections-data-tx, the same name (no precinct column,
  "Total" rows, extra incumbent and pct columns).
* 20141104__wi__general__ward.csv: openelections-data-wi 2014, the same name (ward, not precinct;
  "Scattering"; named "(Write-In)" candidates; a totalvotes column).
* 20201103__ny__general__hamilton__precinct.csv: openelections-data-ny 2020, the same name
  (candidate before party, fusion lines, Blanks and Voids).
* 20201103__mi__general__alpena__precinct.csv: openelections-data-mi 2020, the same name (quoted
  precinct names holding commas, "Unresolved Write-In", "Qualified Write In" candidates, and the
  "Total Votes" rows of Michigan's 2020 county files).
* 20201103__ma__general__precinct.csv: openelections-data-ma 2020, the same name (town, ward and
  precinct; "All Others", "Blanks", "Total Votes Cast"; TOTALS rows).
* 20200811__ga__primary__runoff__precinct.csv: openelections-data-ga 2020/20200811__ga__primary__
  general__runoff.csv (no votes column: only election_day_votes, advanced_votes... columns; full
  party names).
* 20001107__ms__general__county.csv: the layout of openelections-data-ms county files (a "Total"
  county and a winner column, per that repository's README), with counts written 5903.0 as a
  float-typed export writes them.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest

from electcli.errors import InputError
from electcli.model import WRITE_INS
from electcli.readers.openelections import (
    PSEUDO_CANDIDATES,
    ContestKey,
    OpenElectionsContest,
    list_contests,
    read_contest,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "openelections"
HEADER = "county,precinct,office,district,party,candidate,votes\n"


def fixture(name: str) -> str:
    return str(FIXTURES / name)


def write(tmp_path: Path, text: str, name: str = "20201103__xx__general__precinct.csv") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return str(path)


def read(path: str, office: str, district: str | None = None, party: str | None = None) -> OpenElectionsContest:
    return read_contest(path, Path(path).name, office, district, party)


def fault(path: str, office: str = "Governor", district: str | None = None, party: str | None = None) -> InputError:
    with pytest.raises(InputError) as caught:
        read(path, office, district, party)
    return caught.value


def totals(contest: OpenElectionsContest) -> dict[str, int]:
    return {name: votes for name, _, votes in contest.candidates}


# --- county and precinct files ------------------------------------------------------------------


def test_precinct_file() -> None:
    senate = read(fixture("20201103__al__general__precinct.csv"), "U.S. Senate")
    assert senate.office == "U.S. Senate" and senate.district is None and senate.party is None
    assert senate.unit_label == "precinct"
    assert senate.candidates == (("Doug Jones", "DEM", 664), ("Tommy Tuberville", "REP", 2351))
    assert senate.write_ins == 3
    assert senate.reported == (("over_votes", 1), ("under_votes", 15))
    # Units are county and precinct: precinct names repeat from county to county.
    assert senate.unit_column[:3] == ("Autauga / 10 JONES COMM_ CTR_",) * 3
    assert senate.name_column[:3] == ("Doug Jones", WRITE_INS, "Tommy Tuberville")
    assert senate.vote_column[:3] == (153, 0, 218)
    assert len(senate.unit_column) == 9  # over and under votes are reported, not in the long form


def test_county_file_with_an_empty_precinct_column() -> None:
    senate = read(fixture("20200101__al__general__county__ussenate.csv"), "U.S. Senate")
    assert senate.unit_label == "county"
    assert senate.unit_column[:3] == ("Autauga", "Autauga", "Autauga")
    assert totals(senate) == {"Doug Jones": 8277 + 28925 + 5021 + 3943, "Tommy Tuberville": 19387 + 80200 + 5449 + 1274}
    assert senate.write_ins == 43 + 225 + 9  # Perry reports no write-ins row


def test_county_file_without_a_precinct_column() -> None:
    house = read(fixture("20201103__pa__general__county.csv"), "U.S. House", "12")
    assert house.unit_label == "county"
    assert house.candidates == (("LEE GRIFFIN", "DEM", 5296), ("FRED KELLER", "REP", 12045))
    assert house.write_ins == 20
    assert house.unit_column == ("Clinton",) * 3


def test_ward_file() -> None:
    governor = read(fixture("20141104__wi__general__ward.csv"), "Governor")
    assert governor.unit_label == "ward"
    assert governor.unit_column[0] == "Adams / Town Of Adams Wards 1-3"
    # A named write-in is a candidate like any other; Scattering is the anonymous write-ins.
    assert totals(governor)["Mary Jo Walters (Write-In)"] == 1
    assert governor.write_ins == 0 + 1 + 3


def test_town_ward_and_precinct_columns() -> None:
    senate = read(fixture("20201103__ma__general__precinct.csv"), "U.S. Senate")
    assert senate.unit_label == "precinct"
    assert senate.unit_column[0] == "Canton / 3"  # no ward in Canton
    assert senate.unit_column[-1] == "Boston / 21 / 11"


def test_quoted_cells_and_crlf() -> None:
    constable = read(fixture("20081104__tx__general__caldwell__precinct.csv"), "Constable Precinct 1")
    assert constable.candidates == (('VICTOR "SMITTY" TERRELL', "DEM", 255 + 602),)
    senate = read(fixture("20201103__mi__general__alpena__precinct.csv"), "U.S. Senate")
    assert senate.unit_column[0] == "Alpena / City of Alpena, Precinct 1"


# --- vote modes and counts ----------------------------------------------------------------------


def test_vote_modes_split_votes_and_may_be_empty() -> None:
    president = read(fixture("20201103__pa__general__county.csv"), "President")
    assert totals(president) == {
        "Joseph R. Biden": 5502 + 10532 + 7585,
        "Donald J. Trump": 11902 + 20098 + 18569,
        "Jo Jorgensen": 221 + 541 + 374,
    }
    assert president.write_ins == 36 + 87 + 73


def test_vote_modes_without_a_votes_column_add_up() -> None:
    house = read(fixture("20200811__ga__primary__runoff__precinct.csv"), "U.S. House", "9")
    assert totals(house) == {
        "Andrew Clyde": 90 + 59 + 28 + 42 + 49 + 33,
        "Matt Gurtler": 101 + 44 + 30 + 1 + 55 + 31 + 20,
    }


def test_counts_written_with_a_decimal_zero() -> None:
    senate = read(fixture("20001107__ms__general__county.csv"), "U.S. Senate")
    assert totals(senate) == {"Trent Lott": 14029, "Troy Brown": 6215, "Lewis Napper": 359}


@pytest.mark.parametrize(
    ("cell", "count"), [("1808", 1808), ("1808.0", 1808), ("1808.00", 1808), ('"1,808"', 1808), ("0", 0)]
)
def test_accepted_counts(tmp_path: Path, cell: str, count: int) -> None:
    path = write(tmp_path, HEADER + f"A,P1,Governor,,DEM,Ana,{cell}\nA,P1,Governor,,REP,Ben,1\n")
    assert totals(read(path, "Governor"))["Ana"] == count


def test_empty_votes_leave_out_units_that_did_not_vote_on_the_contest() -> None:
    commissioner = read(fixture("20081104__tx__general__caldwell__precinct.csv"), "County Commissioner Pct 3")
    assert commissioner.candidates == (("SERGIO GAMEZ", "REP", 301), ("NETO MADRIGAL", "DEM", 288))
    assert commissioner.unit_column == ("CALDWELL / 108", "CALDWELL / 108")


def test_empty_pseudo_candidate_counts_report_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "A,P1,Governor,,DEM,Ana,5\nA,P1,Governor,,,Over Votes,\n")
    governor = read(path, "Governor")
    assert governor.reported == () and governor.write_ins == 0 and governor.vote_column == (5,)


# Found by the fuzzer (openelections seed 1858): an empty write-ins count beside the unit's candidates
# was read as no write-ins, though write-ins count in the total (and in a majority's share).
def test_an_empty_write_in_count_in_a_unit_that_reports_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "A,P1,Governor,,DEM,Ana,5\nA,P1,Governor,,,Write-ins,\n")
    with pytest.raises(InputError) as caught:
        read(path, "Governor")
    assert (caught.value.location.line, caught.value.location.column) == (3, 27)
    assert "votes is empty for 'Write-ins', while other candidates in 'A / P1' have counts" in caught.value.problem


# Lenient, the csv module reads "12"3 as 123: the strict reader refuses text after a closing quote.
def test_text_after_a_closing_quote_is_refused_at_its_column(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + 'A,P1,Governor,,DEM,Ana,"12"3\nA,P1,Governor,,REP,Ben,1\n')
    with pytest.raises(InputError) as caught:
        read(path, "Governor")
    assert (caught.value.location.line, caught.value.location.column) == (2, 28)
    assert "a quoted cell has text after its closing quote: '3'" in caught.value.problem


# Found by the fuzzer (openelections seeds 886, 1063, 1148): a count written with leading zeros was
# read, where every other format refuses one (a count is written one way).
@pytest.mark.parametrize("cell", ["007", "007.0", "00"])
def test_a_count_with_a_leading_zero_is_refused_at_its_cell(tmp_path: Path, cell: str) -> None:
    path = write(tmp_path, HEADER + f"A,P1,Governor,,DEM,Ana,{cell}\nA,P1,Governor,,REP,Ben,1\n")
    with pytest.raises(InputError) as caught:
        read(path, "Governor")
    assert (caught.value.location.line, caught.value.location.column) == (2, 24)
    assert "has a leading zero" in caught.value.problem


# --- pseudo-candidates --------------------------------------------------------------------------

KINDS = {"write_ins": "Write-ins", "over_votes": "Over Votes", "under_votes": "Under Votes",
         "registered_voters": "Registered Voters", "ballots_cast": "Ballots Cast", "total": "Total"}  # fmt: skip


def spellings(normal: str) -> list[str]:
    """A normalised spelling as the files write it: title case, upper case, with hyphens."""
    title = " ".join(word.capitalize() for word in normal.split())
    return [title, normal.upper(), title.replace(" ", "-", 1), normal]


@pytest.mark.parametrize(
    ("spelling", "kind"),
    [(spelling, kind) for normal, kind in PSEUDO_CANDIDATES.items() for spelling in spellings(normal)]
    + [
        ("Write-In", "write_ins"), ("Write In", "write_ins"), ("Write-ins", "write_ins"), ("WRITE-IN", "write_ins"),
        ("Write-In Totals", "write_ins"), ("Unresolved Write-In", "write_ins"), ("Scattering", "write_ins"),
        ("All Others", "write_ins"), ("Write-In (Miscellaneous)", "write_ins"), ("Overvotes", "over_votes"),
        ("Over-Votes", "over_votes"), ("Voids", "over_votes"), ("Undervotes", "under_votes"),
        ("Blanks", "under_votes"), ("Registered Voters - Total", "registered_voters"),
        ("REGISTERED VOTERS - TOTAL", "registered_voters"), ("Ballots Cast - Total", "ballots_cast"),
        ("Total Ballots Cast", "ballots_cast"), ("Total Votes", "total"), ("Total Votes Cast", "total"),
        ("TOTAL", "total"),
    ],
)  # fmt: skip
def test_every_pseudo_candidate_spelling(tmp_path: Path, spelling: str, kind: str) -> None:
    # Ana 5 and Ben 3 in each unit; the pseudo-candidate row says 8 (a total that checks out).
    rows = [
        f"A,{unit},Governor,,DEM,Ana,5\nA,{unit},Governor,,REP,Ben,3\nA,{unit},Governor,,,{spelling},8\n"
        for unit in ("P1", "P2")
    ]
    governor = read(write(tmp_path, HEADER + "".join(rows)), "Governor")
    assert totals(governor) == {"Ana": 10, "Ben": 6}
    if kind == "write_ins":
        assert governor.write_ins == 16
        assert governor.name_column == ("Ana", "Ben", WRITE_INS) * 2
    else:
        assert governor.write_ins == 0
        assert governor.name_column == ("Ana", "Ben") * 2
        assert governor.reported == (() if kind == "total" else ((kind, 16),))


def test_named_write_ins_are_candidates(tmp_path: Path) -> None:
    text = (
        HEADER
        + "A,P1,Governor,,DEM,Ana,5\nA,P1,Governor,,,Brian T. Carroll Qualified Write In,9\nA,P1,Governor,,,Write-In: Zed,1\n"
    )
    assert totals(read(write(tmp_path, text), "Governor")) == {
        "Ana": 5,
        "Brian T. Carroll Qualified Write In": 9,
        "Write-In: Zed": 1,
    }


def test_total_rows_are_checked_not_counted() -> None:
    senator = read(fixture("20080304__tx__primary__county.csv"), "U. S. Senator")
    assert totals(senator)["Gene Kelly"] == 1205 + 273
    assert sum(totals(senator).values()) == 4251 + 1007
    # Michigan's Total Votes include write-ins; Massachusetts' Total Votes Cast include blanks.
    assert (
        sum(totals(read(fixture("20201103__mi__general__alpena__precinct.csv"), "U.S. Senate")).values())
        == 1429 + 885 - 4
    )
    assert read(fixture("20201103__ma__general__precinct.csv"), "U.S. Senate").reported == (("under_votes", 98),)


def test_rows_totalling_units_are_checked_not_counted() -> None:
    senate = read(fixture("20201103__ma__general__precinct.csv"), "U.S. Senate")
    assert totals(senate) == {"Edward J. Markey": 2552, "Kevin J. O'Connor": 991, "Shiva Ayyadurai": 17}
    assert senate.write_ins == 6
    assert "TOTALS" not in senate.unit_column


def test_fusion_lines_add_up_to_one_candidate() -> None:
    president = read(fixture("20201103__ny__general__hamilton__precinct.csv"), "President")
    assert president.candidates == (
        ("Joseph R. Biden", "DEM/WOR", 71 + 35 + 2 + 1),
        ("Donald J. Trump", "REP/CON", 148 + 99 + 14 + 4),
        ("Howie Hawkins", "GRE", 0),
    )
    assert president.reported == (("over_votes", 1), ("under_votes", 4))
    pairs = list(zip(president.unit_column, president.name_column, strict=True))
    assert len(pairs) == len(set(pairs))  # one entry per unit and candidate, as Results needs


def test_turnout_offices_are_not_contests() -> None:
    path = fixture("20201103__pa__general__county.csv")
    assert {key.office for key in list_contests(path, "pa.csv")} == {"President", "U.S. House"}
    error = fault(path, "Registered Voters")
    assert "report turnout, not a contest" in error.problem and error.location.line == 2


# --- totals equal the sum of the unit rows ------------------------------------------------------


@pytest.mark.parametrize("name", sorted(path.name for path in FIXTURES.glob("*.csv")))
def test_totals_equal_the_sum_of_unit_rows(name: str) -> None:
    path = fixture(name)
    for key in list_contests(path, name):
        contest = read(path, key.office, key.district, key.party)
        summed: dict[str, int] = {}
        for unit_name, count in zip(contest.name_column, contest.vote_column, strict=True):
            summed[unit_name] = summed.get(unit_name, 0) + count
        assert summed.pop(WRITE_INS, 0) == contest.write_ins
        assert summed == {name: votes for name, votes in totals(contest).items() if name in summed}
        assert all(votes == 0 for name, votes in totals(contest).items() if name not in summed)
        assert len(contest.candidates) == key.candidates
        units = list(zip(contest.unit_column, contest.name_column, strict=True))
        assert len(units) == len(set(units))


# --- list_contests ------------------------------------------------------------------------------


def test_list_contests_in_order_of_appearance() -> None:
    keys = list_contests(fixture("20201103__al__general__precinct.csv"), "al.csv")
    assert keys == [
        ContestKey("President", None, None, 18, 3),
        ContestKey("Straight Party", None, None, 6, 2),
        ContestKey("U.S. House", "2", None, 10, 2),
        ContestKey("U.S. Senate", None, None, 15, 2),
        ContestKey("U.S. House", "1", None, 5, 2),
    ]


def test_list_contests_of_a_primary_has_one_per_party() -> None:
    keys = list_contests(fixture("20200602__pa__primary__armstrong__precinct.csv"), "pa.csv")
    assert [(key.office, key.district, key.party, key.rows, key.candidates) for key in keys] == [
        ("President", None, "DEM", 8, 3),
        ("President", None, "REP", 8, 3),
        ("Attorney General", None, "DEM", 3, 1),
        ("Attorney General", None, "REP", 3, 1),
        ("U.S. House", "15", "DEM", 4, 1),
        ("U.S. House", "15", "REP", 2, 1),
    ]


def test_a_primary_is_told_by_its_rows_when_its_name_does_not_say(tmp_path: Path) -> None:
    text = (FIXTURES / "20200602__pa__primary__armstrong__precinct.csv").read_text()
    path = write(tmp_path, text, "armstrong.csv")  # Write-In rows per party give it away
    assert [key.party for key in list_contests(path, "armstrong.csv")][:2] == ["DEM", "REP"]
    assert "one per party" in fault(path, "President").problem


def test_a_general_election_is_one_contest_across_parties() -> None:
    keys = list_contests(fixture("20201103__ny__general__hamilton__precinct.csv"), "ny.csv")
    assert keys == [ContestKey("President", None, None, 16, 3), ContestKey("U.S. House", "21", None, 8, 2)]


def test_list_contests_of_a_single_party_primary() -> None:
    keys = list_contests(fixture("20080304__tx__primary__county.csv"), "tx.csv")
    assert keys == [
        ContestKey("U. S. Senator", None, "DEM", 10, 4),
        ContestKey("Justice Supreme Court", "7", "DEM", 6, 2),
    ]


# --- selection ----------------------------------------------------------------------------------


def test_office_district_and_party_match_loosely() -> None:
    assert read(fixture("20201103__al__general__precinct.csv"), "  u.s. senate ").office == "U.S. Senate"
    assert read(fixture("20201103__al__general__precinct.csv"), "U.S. House", "02").district == "2"
    primary = fixture("20200602__pa__primary__armstrong__precinct.csv")
    assert read(primary, "President", party="rep").party == "REP"
    assert read(primary, "President", party="Republican").candidates[0][0] == "Donald J Trump"
    runoff = fixture("20200811__ga__primary__runoff__precinct.csv")
    assert read(runoff, "U.S. House", party="REP").party == "Republican"
    assert read(runoff, "U.S. House").party == "Republican"


def test_unknown_office_lists_offices_and_suggests() -> None:
    error = fault(fixture("20201103__al__general__precinct.csv"), "US Senate")
    assert error.problem == "has no contest for the office 'US Senate'"
    assert error.hint.startswith("did you mean 'U.S. Senate'?")
    assert "'President', 'Straight Party', 'U.S. House', 'U.S. Senate'" in error.hint
    assert "Ballots Cast" not in error.hint
    assert "did you mean 'U. S. Senator'?" in fault(fixture("20080304__tx__primary__county.csv"), "Senator").hint


def test_office_in_several_districts_needs_one() -> None:
    error = fault(fixture("20201103__pa__general__county.csv"), "U.S. House")
    assert error.problem == "has 3 contests for 'U.S. House', in different districts"
    assert error.hint == "name the district: '9', '12', '15'"
    error = fault(fixture("20201103__pa__general__county.csv"), "U.S. House", "7")
    assert error.problem == "has no 'U.S. House' contest in district '7'" and "'9', '12', '15'" in error.hint


def test_primary_office_needs_a_party() -> None:
    path = fixture("20200602__pa__primary__armstrong__precinct.csv")
    error = fault(path, "President")
    assert error.problem == "has 2 primaries for 'President', one per party"
    assert error.hint == "name the party: 'DEM', 'REP'"
    error = fault(path, "President", party="GRN")
    assert error.problem == "has no GRN rows for 'President'" and "'DEM', 'REP'" in error.hint


def test_district_and_party_columns_are_optional(tmp_path: Path) -> None:
    path = write(tmp_path, "county,office,candidate,votes\nA,Governor,Ana,4\nB,Governor,Ana,5\n")
    assert read(path, "Governor").candidates == (("Ana", None, 9),)
    assert "no district column" in fault(path, "Governor", "3").problem
    assert "no party column" in fault(path, "Governor", party="REP").problem
    path = fixture("20001107__ms__general__county.csv")  # a party named in a general election: its rows
    assert totals(read(path, "U.S. Senate", party="REP")) == {"Trent Lott": 14029}
    assert "districts for 'U.S. Senate': '(no district)'" in fault(path, "U.S. Senate", "3").hint


# --- malformed rows: every fault names its line -------------------------------------------------

GOOD = HEADER + "A,P1,Governor,,DEM,Ana,10\nA,P1,Governor,,REP,Ben,20\n"


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        (GOOD + "A,P2,Governor,,DEM,Ana\n", 4, "row has 6 fields, but the header has 7"),
        (GOOD + "A,P2,Governor,,DEM,Ana,1,2\n", 4, "row has 8 fields, but the header has 7"),
        (GOOD + 'A,"P2\nannex",Governor,,DEM,Ana,1\nA,P3,Governor,DEM,Ana,1\n', 6, "row has 6 fields"),
        (GOOD + "A,P2,Governor,,DEM,Ana ,1\n", 4, "candidate 'Ana ' has spaces around it"),
        (GOOD + "A, P2,Governor,,DEM,Ana,1\n", 4, "precinct ' P2' has spaces around it"),
        (GOOD + "A,P2,Governor,,DEM,Ana, 1\n", 4, "votes ' 1' has spaces around it"),
        (GOOD + "A,P2,Governor ,,DEM,Ana,1\n", 4, "office 'Governor ' has spaces around it"),
        (GOOD + "A,P2,Mayor,,DEM ,Cy,1\n", 4, "party 'DEM ' has spaces around it"),  # in any contest
        (GOOD + "A,P2,Governor,,DEM,Ana,-1\n", 4, "votes '-1' is negative"),
        (GOOD + "A,P2,Governor,,DEM,Ana,1808.5\n", 4, "votes '1808.5' is not a whole number"),
        (GOOD + "A,P2,Governor,,DEM,Ana,abc\n", 4, "votes 'abc' is not a number"),
        (GOOD + "A,P2,Governor,,DEM,Ana,1e3\n", 4, "votes '1e3' uses an exponent"),
        (GOOD + "A,P2,Governor,,DEM,Ana," + "9" * 40 + "\n", 4, "has 40 digits"),
        (GOOD + "A,P1,Governor,,DEM,Ana,10\n", 4, "row repeats line 2 exactly"),
        (GOOD + "A,P1,Governor,,DEM,Ana,11\n", 4, "precinct 'A / P1' gives votes for 'Ana' twice (first on line 2)"),
        (GOOD + "A,P1,Governor,,,Write-ins,1\nA,P1,Governor,,,Scattering,1\n", 5, "gives votes for 'write-ins' twice"),
        (GOOD + "A,P2,Governor,,DEM,Ana,\nA,P2,Governor,,REP,Ben,3\n", 4, "votes is empty for 'Ana', while other candidates in 'A / P2' have counts (line 5)"),
        (HEADER + "A,P1,Governor,,DEM,Ana,\nA,P1,Governor,,REP,Ben,\n", 2, "no unit reports votes for 'Governor'"),
        (GOOD + "A,P1,Governor,,,Total Votes,31\n", 4, "the total for 'A / P1' is 31, but its candidates and write-ins add up to 30"),
        (GOOD + "A,,Governor,,DEM,Ana,10\n", 4, "row has no precinct, but other rows of this contest have one (line 2)"),
        (GOOD + "TOTAL,,Governor,,DEM,Ana,11\n", 4, "this total row gives 'Ana' 11 votes, but the units add up to 10"),
        (GOOD + "A,Total,Governor,,REP,Ben,21\n", 4, "but the units in 'A' add up to 20"),
        (GOOD + "A,P2,,,DEM,Ana,1\n", 4, "row has no office"),
        (GOOD + "A,P2,Governor,,DEM,,1\n", 4, "row has no candidate"),
        (GOOD + ",,Governor,,DEM,Ana,1\n", 4, "this row names no unit, so it is the contest's total: it gives 'Ana' 1 votes, but the units add up to 10"),
        (HEADER + "A,P1,Governor,,,Write-ins,3\n", 2, "has no candidates, only write-in"),
        (HEADER + "A,P1,Governor,,,Total,0\nA,P2,Governor,,,Total,0\n", 2, "has no candidates"),
        (HEADER + "A,P1,Governor,,,Total,5\n", 2, "the total for 'A / P1' is 5, but its candidates and write-ins add up to 0"),
        (GOOD + 'A,P2,Governor,,DEM," Ana",1\n', 4, "candidate ' Ana' has spaces around it"),
        (GOOD + "A,P2,Governor,,DEM,Ana\u00a0,1\n", 4, "candidate 'Ana\\xa0' has spaces around it"),
        (GOOD + "A,P2,Governor,,DEM,Ana\t,1\n", 4, "candidate 'Ana\\t' has spaces around it"),
        (HEADER + "".join(f"A,P{n},Mayor,,DEM,Cy,1\n" for n in range(8)) + "A,P9,Governor,,DEM,Ana ,1\n", 10, "'Ana '"),
    ],
)  # fmt: skip
def test_faults_name_their_line(tmp_path: Path, text: str, line: int, fragment: str) -> None:
    error = fault(write(tmp_path, text))
    assert fragment in error.message
    assert error.location.line == line
    assert error.location.file == "20201103__xx__general__precinct.csv"


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_faults_name_their_line_in_quoted_files(tmp_path: Path, newline: str) -> None:
    text = HEADER + 'A,"P1, annex",Governor,,DEM,Ana,10\n\nA,"P1, annex",Governor,,REP,Ben,x\n'
    error = fault(write(tmp_path, text.replace("\n", newline)))
    assert error.location.line == 4 and "votes 'x' is not a number" in error.problem


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_numbers_count_blank_lines_and_any_line_end(tmp_path: Path, newline: str) -> None:
    text = HEADER + "\nA,P1,Governor,,DEM,Ana,10\n\n\nA,P1,Governor,,REP,Ben,-2\n"
    error = fault(write(tmp_path, text.replace("\n", newline)))
    assert error.location.line == 6 and "negative" in error.problem


def test_a_row_of_one_field_and_broken_quotes(tmp_path: Path) -> None:
    error = fault(write(tmp_path, GOOD + "oops\n"))
    assert error.problem == "row has 1 field, but the header has 7" and error.location.line == 4
    error = fault(write(tmp_path, GOOD + 'A,P2,Governor,,DEM,"' + "x" * 200_000 + '",1\n'))
    assert "a cell longer than 128 KiB" in error.problem and "quote" in error.hint
    assert (error.location.line, error.location.column) == (4, 20)  # where the cell starts


def test_spellings_of_one_contest_are_one_contest(tmp_path: Path) -> None:
    text = HEADER + "A,P1,U.S. House,02,DEM,Ana,1\nA,P2,U.S. HOUSE,2,DEM,Ana,2\nA,P3,U.S. House,3,DEM,Cy,4\n"
    path = write(tmp_path, text)
    assert list_contests(path, "x.csv") == [
        ContestKey("U.S. House", "02", None, 2, 1),
        ContestKey("U.S. House", "3", None, 1, 1),
    ]
    assert totals(read(path, "u.s. house", "2")) == {"Ana": 3}


MODES = "county,precinct,office,district,party,candidate,votes,election_day,mail,provisional\n"


@pytest.mark.parametrize(
    ("row", "fragment"),
    [
        (
            "A,P1,Governor,,DEM,Ana,10,8,3,0",
            "the vote modes add up to 11 (election_day 8 + mail 3), more than votes 10",
        ),
        ("A,P1,Governor,,DEM,Ana,10,8,,3", "add up to 11 (election_day 8 + provisional 3)"),
        ("A,P1,Governor,,DEM,Ana,,8,2,0", "votes is empty but the vote modes are filled"),
        ("A,P1,Governor,,DEM,Ana,10,8,-1,0", "mail '-1' is negative"),
        ("A,P1,Governor,,DEM,Ana,10,8,1.5,0", "mail '1.5' is not a whole number"),
    ],
)
def test_vote_mode_faults(tmp_path: Path, row: str, fragment: str) -> None:
    error = fault(write(tmp_path, MODES + "A,P0,Governor,,DEM,Ana,10,8,2,0\n" + row + "\n"))
    assert fragment in error.message and error.location.line == 3


def test_vote_modes_that_add_up_are_fine(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        MODES + "A,P0,Governor,,DEM,Ana,10,8,2,0\nA,P1,Governor,,DEM,Ana,10,,,\nA,P2,Governor,,DEM,Ana,9.0,5,4.0,0\n",
    )
    assert totals(read(path, "Governor")) == {"Ana": 29}


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "is empty"),
        ("\n", "is empty"),
        (HEADER, "has a header but no rows"),
        ("county,precinct,office,party,candidate\nA,P1,Governor,DEM,Ana\n", "has no votes column"),
        ("office,party,candidate,votes\nGovernor,DEM,Ana,1\n", "has no county or precinct column"),
        (
            "county,precinct,contest,party,name,votes\nA,P1,Governor,DEM,Ana,1\n",
            "has no office and no candidate column",
        ),
        (
            "county,precinct,office,office,candidate,votes\nA,P1,Governor,Governor,Ana,1\n",
            "names the column 'office' twice",
        ),
        (
            "county ,precinct,office,candidate,votes\nA,P1,Governor,Ana,1\n",
            "header cell 'county ' has spaces around it",
        ),
    ],
)
def test_header_faults(tmp_path: Path, text: str, fragment: str) -> None:
    with pytest.raises(InputError) as caught:
        list_contests(write(tmp_path, text), "x.csv")
    assert fragment in caught.value.message


def test_other_contests_need_not_be_clean(tmp_path: Path) -> None:
    """A bad count in another contest does not stop this one (the whole file's structure, and
    the cells that decide the contests, are checked in every row)."""
    path = write(tmp_path, GOOD + "A,P1,Mayor,,DEM,Cy,-4\nA,P1,Mayor,,DEM,Cy,-4\n")
    assert totals(read(path, "Governor")) == {"Ana": 10, "Ben": 20}
    assert "negative" in fault(path, "Mayor").problem


def test_missing_file() -> None:
    with pytest.raises(InputError) as caught:
        list_contests("/nonexistent/file.csv", "file.csv")
    assert "no such file" in caught.value.message


# --- large files --------------------------------------------------------------------------------


@pytest.mark.parametrize("layout", ["blocks", "shuffled", "quoted"])
def test_a_generated_20000_row_file(tmp_path: Path, layout: str) -> None:
    rng = random.Random(20000)
    candidates = [("DEM", "Ana Diaz"), ("REP", "Bo Evans"), ("LIB", "Cy Ford"), ("", "Write-ins"), ("", "Over Votes")]
    rows = []
    for unit in range(2500):  # 8 rows a unit
        county = f"County {unit % 67}"
        precinct = f"{unit}, Hall" if layout == "quoted" else f"Precinct {unit}"
        for party, name in candidates:
            rows.append([county, precinct, "Governor", "", party, name, str(rng.randint(0, 2000))])
        district = str(unit % 5 + 1)
        rows.append([county, precinct, "State House", district, "DEM", f"Dem {district}", str(rng.randint(0, 900))])
        rows.append([county, precinct, "State House", district, "REP", f"Rep {district}", str(rng.randint(0, 900))])
        rows.append([county, precinct, "Registered Voters", "", "", "", str(rng.randint(0, 9000))])
    rows.append(["County 1", "Precinct 1", "Mayor", "", "DEM", "Zed", "5"])
    if layout == "shuffled":
        rng.shuffle(rows)
    path = tmp_path / "20221108__xx__general__precinct.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER.strip().split(","))
        writer.writerows(rows)
    assert len(rows) == 20001

    expected: dict[str, int] = {}
    for _, _, office, _, _, name, votes in rows:
        if office == "Governor":
            expected[name] = expected.get(name, 0) + int(votes)
    governor = read(str(path), "Governor")
    assert totals(governor) == {name: expected[name] for name in ("Ana Diaz", "Bo Evans", "Cy Ford")}
    assert governor.write_ins == expected["Write-ins"]
    assert governor.reported == (("over_votes", expected["Over Votes"]),)
    assert len(governor.unit_column) == 2500 * 4 and len(set(governor.unit_column)) == 2500
    house = read(str(path), "State House", "3")
    assert len(set(house.unit_column)) == 500 and len(house.candidates) == 2
    keys = list_contests(str(path), "x.csv")
    expected_rows: dict[tuple[str, str | None], int] = {("Governor", None): 12500, ("Mayor", None): 1}
    expected_rows.update({("State House", str(district)): 1000 for district in range(1, 6)})
    assert {(key.office, key.district): key.rows for key in keys} == expected_rows
