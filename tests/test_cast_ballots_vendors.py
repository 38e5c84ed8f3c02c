"""Each ballot's ids from the vendor CVR readers (Dominion, Hart, Clear Ballot), as RCTab's
CastVoteRecord has them, and a ballot kept as read (issue 13, "every ballot traceable").

- The readers pass the ids on only when something uses them (``electcli ballots``, results by
  slice): a plain count keeps no slice, and reads no id but those it checks anyway.
- What they keep: Dominion's tabulator, batch, record, precinct and portion names, the contest's
  id; Hart's CvrGuid, batch and precinct split; Clear Ballot's BallotID, PrecinctID and scan
  computer. A malformed id is an error at its place in the file.
- A ballot kept as read keeps its source's spelling of each candidate and an overvote's
  candidates in the source's order (RCTab's), while the count groups it with its candidates.
- A made-up Dominion export with precincts, precinct portions, several tabulators and batches,
  adjudicated sheets, write-ins and overvotes: electcli's ``ballots --format cdf`` and ``csv`` and
  its slice reports (``tally --slices-to``) equal what the RCTab oracle writes for it (skipped when
  the oracle cannot run here).
"""

from __future__ import annotations

import json
import random
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from electcli.errors import InputError, Location
from electcli.ranked.ballot_log import SPELLED, LoggingGrouper
from electcli.ranked.ballots import BallotGrouper
from electcli.readers.cvr import read_cvr
from electcli.readers.cvr.clear_ballot import _rctab_order, read_clear_ballot
from electcli.readers.cvr.dominion import read_dominion
from electcli.readers.cvr.hart import read_hart
from electcli.readers.cvr.kept_ids import slices_wanted
from electcli.readers.cvr.marks import ranking_from_marks
from electcli.readers.cvr.source import CandidateNames, CvrSource
from tests.conftest import run

# the vendor fixtures and their names, as the readers' own tests have them
from tests.test_cvr_vendor_readers import (
    CLEAR_BALLOT_CONTEST,
    DOMINION_IDS,
    FIXTURES,
    HART_IDS,
    HART_MAYOR,
    HART_WRITE_IN,
    NAMES,
    UWI,
)
from tests.test_ess_workbooks import HEADER, row, sheet_xml, workbook


def _source(path: Path, provider: str, contest: str, uwi_label: str | None) -> CvrSource:
    return CvrSource(
        path=path,
        provider=provider,
        location=Location("config.json", 3),
        contest_id=contest,
        undeclared_write_in_label=uwi_label,
    )


def _dominion(folder: Path, grouper: BallotGrouper) -> None:
    read_dominion(_source(folder, "dominion", "1", "9"), CandidateNames(NAMES, DOMINION_IDS), grouper)


def _hart(folder: Path, grouper: BallotGrouper) -> None:
    read_hart(_source(folder, "hart", HART_MAYOR, HART_WRITE_IN), CandidateNames(NAMES, HART_IDS), grouper)


def _clear_ballot(path: Path, grouper: BallotGrouper) -> None:
    read_clear_ballot(_source(path, "clearBallot", CLEAR_BALLOT_CONTEST, "Write-in"), CandidateNames(NAMES), grouper)


def _refused(call: Any) -> InputError:
    with pytest.raises(InputError) as caught:
        call()
    return caught.value


# -- only when used ------------------------------------------------------------------------------


def test_a_plain_count_keeps_no_slice_and_results_by_slice_do() -> None:
    plain = BallotGrouper(NAMES, UWI)
    _dominion(FIXTURES / "dominion", plain)
    assert plain.build().slices == {}
    sliced = BallotGrouper(NAMES, UWI)
    with slices_wanted():
        _dominion(FIXTURES / "dominion", sliced)
    ballots = sliced.build()
    assert ballots.counts == plain.build().counts
    # RCTab slices Dominion ballots by the precinct's name and by BatchId
    assert {kind: sorted(ids) for kind, ids in ballots.slices.items()} == {"precinct": ["101", "102"], "batch": ["1"]}
    assert sum(ballots.slices["precinct"]["101"].values()) == 7


def test_tally_by_unit_gives_dominion_precincts(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "dominion", tmp_path / "export")
    config = _config(tmp_path, {int(key): name for key, name in DOMINION_IDS.items()}, write_in=9)
    result = run(["tally", str(config), "--by-unit", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    (contest,) = json.loads(result.stdout)["contests"]
    units = {(unit["by"], unit["name"]): unit["ballots"]["total"] for unit in contest["units"]}
    assert units == {("precinct", "101"): 7, ("precinct", "102"): 1, ("batch", "1"): 8}


# -- what each reader keeps ----------------------------------------------------------------------


def test_dominion_records_carry_rctabs_ids() -> None:
    grouper = LoggingGrouper(NAMES, UWI)
    _dominion(FIXTURES / "dominion", grouper)
    ids = [(r.tabulator, r.batch, r.supplied_id, r.precinct, r.portion, r.contest) for r in grouper.records]
    # record 7's Modified counts; record 8 is superseded with no adjudicated version and record 9
    # has only the other contest: no ballots
    assert [record for _, _, record, *_ in ids] == ["1", "2", "3", "4", "5", "6", "7", "10"]
    assert ids[0] == ("1", "1", "1", "101", "101A", "1")
    assert ids[-1] == ("1", "1", "10", "102", "102A", "1")
    # the ballots keep the export's candidate ids, as RCTab's CDF report shows them
    assert sorted(spelling for _, spelling in grouper.spellings) == ["1", "2", "3"]
    first = grouper.records[0]
    assert first.as_read is not None and all(c >= SPELLED for rank in first.as_read for c in rank)
    assert [[grouper.spellings[c - SPELLED][1] for c in rank] for rank in first.as_read] == [["1"], ["2"], ["3"]]


def test_dominion_numbered_files_come_in_rctabs_order(tmp_path: Path) -> None:
    # RCTab sorts CvrExport_<n>.json by path, as text: 10 before 2
    folder = shutil.copytree(FIXTURES / "dominion_old_multi", tmp_path / "export")
    (folder / "CvrExport_1.json").rename(folder / "CvrExport_2.json")
    (folder / "CvrExport_3.json").rename(folder / "CvrExport_10.json")
    by_file = {}
    for name in ("CvrExport_2.json", "CvrExport_10.json"):
        sessions = json.loads((folder / name).read_text())["Sessions"]
        by_file[name] = [str(session["RecordId"]) for session in sessions]
    grouper = LoggingGrouper(NAMES, UWI)
    read_dominion(_source(folder, "dominion", "1", None), CandidateNames(NAMES, DOMINION_IDS), grouper)
    read = [record.supplied_id for record in grouper.records]
    assert read == [r for r in by_file["CvrExport_10.json"] + by_file["CvrExport_2.json"] if r in read]
    assert read[0] in by_file["CvrExport_10.json"]


def test_dominion_precinct_names_given_twice_are_refused(tmp_path: Path) -> None:
    folder = shutil.copytree(FIXTURES / "dominion", tmp_path / "export")
    manifest = folder / "PrecinctManifest.json"
    manifest.write_text('{"List": [{"Id": 1, "Description": "101"}, {"Id": 1, "Description": "Other"}]}')
    error = _refused(lambda: _dominion(folder, BallotGrouper(NAMES, UWI)))
    assert error.location.file == str(manifest) and error.location.line == 1
    assert "Id 1 is given twice for a precinct" in error.problem


def test_hart_records_carry_rctabs_ids() -> None:
    grouper = LoggingGrouper(NAMES, UWI)
    _hart(FIXTURES / "hart", grouper)
    first = grouper.records[0]
    assert (first.supplied_id, first.batch, first.precinct, first.portion, first.contest, first.tabulator) == (
        "00000001",
        "1",
        "101-1",
        "9a9a9a9a-0000-4000-8000-000000000101",
        HART_MAYOR,
        None,
    )
    assert len({record.supplied_id for record in grouper.records}) == len(grouper.records)


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ("<CvrGuid>00000001</CvrGuid>", "", "the sheet has no <CvrGuid>"),
        ("<CvrGuid>00000001</CvrGuid>", "<CvrGuid> </CvrGuid>", "<CvrGuid> is blank"),
        ("<BatchNumber>1</BatchNumber>", "<BatchNumber>1</BatchNumber><BatchNumber>2</BatchNumber>", "given twice"),
        ("<Name>101-1</Name>", "", None),  # no precinct name: no precinct, as RCTab reads it
        ("<Name>101-1</Name>", "<Name></Name>", "<Name> is blank"),
        ("<Name>101-1</Name>", "<Name>101-1</Name><Name>101-2</Name>", "gives its <Name> twice"),
    ],
)
def test_hart_malformed_ids_are_refused_where_they_are(tmp_path: Path, old: str, new: str, says: str | None) -> None:
    folder = shutil.copytree(FIXTURES / "hart", tmp_path / "hart")
    sheet = folder / "1_00000001.xml"
    text = sheet.read_text(encoding="utf-8-sig")
    assert old in text
    sheet.write_text(text.replace(old, new), encoding="utf-8")
    if says is None:
        grouper = LoggingGrouper(NAMES, UWI)
        _hart(folder, grouper)
        assert grouper.records[0].precinct is None
        return
    error = _refused(lambda: _hart(folder, LoggingGrouper(NAMES, UWI)))
    assert error.location.file == str(sheet)
    assert says in error.problem
    if "blank" in says or "twice" in says:
        assert error.location.line == 1 and error.location.column is not None
    # a count reads no id: the same sheet counts as before
    _hart(folder, BallotGrouper(NAMES, UWI))


def test_hart_sheet_of_other_contests_needs_no_ids(tmp_path: Path) -> None:
    folder = shutil.copytree(FIXTURES / "hart", tmp_path / "hart")
    sheet = folder / "2_00000006.xml"  # the measure only
    text = sheet.read_text(encoding="utf-8-sig")
    assert HART_MAYOR not in text
    sheet.write_text(re.sub(r"<CvrGuid>.*</CvrGuid>", "", text), encoding="utf-8")
    grouper = LoggingGrouper(NAMES, UWI)
    _hart(folder, grouper)
    assert len(grouper.records) == 5


def test_clear_ballot_records_carry_rctabs_ids() -> None:
    grouper = LoggingGrouper(NAMES, UWI)
    _clear_ballot(FIXTURES / "clear_ballot" / "cvr.csv", grouper)
    first = grouper.records[0]
    assert (first.supplied_id, first.precinct, first.tabulator, first.contest, first.batch) == (
        "BOX-01+10001",
        "101",
        "ScanStation1",
        CLEAR_BALLOT_CONTEST,
        None,
    )


@pytest.mark.parametrize(("column", "name"), [(4, "BallotID"), (5, "PrecinctID"), (8, "ScanComputerName")])
def test_clear_ballot_blank_id_is_refused_at_its_cell(tmp_path: Path, column: int, name: str) -> None:
    path = shutil.copy(FIXTURES / "clear_ballot" / "cvr.csv", tmp_path / "cvr.csv")
    lines = Path(path).read_text(encoding="utf-8").split("\n")
    cells = lines[2].split(",")
    cells[column - 1] = '""'
    lines[2] = ",".join(cells)
    Path(path).write_text("\n".join(lines), encoding="utf-8")
    error = _refused(lambda: _clear_ballot(Path(path), LoggingGrouper(NAMES, UWI)))
    assert (error.location.file, error.location.line, error.location.column) == (str(path), 3, column)
    assert f"the {name} cell is blank" in error.problem


# -- a ballot as read ----------------------------------------------------------------------------


def test_a_ballot_as_read_keeps_spellings_and_order_and_counts_the_candidates() -> None:
    grouper = LoggingGrouper(NAMES, UWI)
    code_cy = grouper.spelled(2, "CY")
    code_ana = grouper.spelled(0, "ana")
    assert grouper.spelled(2, "CY") == code_cy >= SPELLED
    # Cy and Ben marked at rank 1 (in that order), Ana at rank 2
    as_read = ranking_from_marks([(1, code_cy), (1, 1), (2, code_ana)], Location("x"), in_order=True)
    assert as_read == ((code_cy, 1), (code_ana,))
    grouper.add(as_read)
    grouper.add(ranking_from_marks([(1, 2), (1, 1), (2, 0)], Location("x")))  # the same ballot by name
    (ballots,) = [grouper.build()]
    assert ballots.rankings == (((1, 2), (0,)),) and ballots.counts == (2,)
    first, second = grouper.records
    assert first.ranking == second.ranking == ((1, 2), (0,))
    assert first.as_read == as_read and second.as_read is None


def test_clear_ballot_columns_in_java_hash_map_order() -> None:
    # column c sits in slot c mod the table's size: 16 slots for up to 12 entries, then 32...
    twelve = [(column, 1, "x") for column in range(10, 22)]
    assert [c for c, _, _ in _rctab_order(twelve, None)] == [*range(16, 22), *range(10, 16)]
    thirteen = [(column, 1, "x") for column in range(10, 23)]
    assert [c for c, _, _ in _rctab_order(thirteen, None)] == list(range(10, 23))
    # RCTab maps only the ranks it allows: 12 of these 13, so 16 slots
    one_beyond = [(column, 9 if column == 22 else 1, "x") for column in range(10, 23)]
    assert [c for c, _, _ in _rctab_order(one_beyond, 5)] == [*range(16, 23), *range(10, 16)]


def test_ess_ballots_written_out_come_in_the_sheets_order(tmp_path: Path) -> None:
    # a count groups the rows; written out, they are the sheet's, row by row, numbered so
    rows = HEADER + row(2, "1", "A", "B") + row(3, "2", "B", "A") + row(4, "3", "A", "B") + row(5, "4", "C")
    path = workbook(tmp_path / "cvr.xlsx", sheet_xml(rows))
    names = ("A", "B", "C")
    source = CvrSource(
        path=path,
        provider="ess",
        location=Location("config.json", 3),
        first_vote_column=2,
        first_vote_row=2,
        max_rankings=2,
    )
    grouper = LoggingGrouper(names, None)
    read_cvr(source, CandidateNames(names), grouper)
    assert [record.ranking for record in grouper.records] == [((0,), (1,)), ((1,), (0,)), ((0,), (1,)), ((2,),)]
    assert [record.number for record in grouper.records] == [1, 2, 3, 4]


# -- a Dominion export with precincts, against RCTab -------------------------------------------------

CANDIDATE_CODES = {1: "Maria Alvarez", 3: "Ben Okafor", 4: "Chen Wei", 7: "Dana Kowalski"}
WRITE_IN = 12


def _write_export(folder: Path, ballots: int = 400, seed: int = 13) -> None:
    """A Dominion 5.10 export: 9 precincts of 2 portions, 4 tabulators with batches of 25 sheets,
    1 ballot in 20 adjudicated, some overvotes (marks not in candidate order), write-ins, skips."""
    folder.mkdir()

    def manifest(name: str, entries: list[dict[str, Any]]) -> None:
        (folder / name).write_text(json.dumps({"Version": "5.10.11.24", "List": entries}))

    manifest("ContestManifest.json", [{"Description": "MAYOR", "Id": 1, "VoteFor": 1, "NumOfRanks": 4}])
    manifest(
        "CandidateManifest.json",
        [
            {"Description": name, "Id": key, "ContestId": 1}
            for key, name in [*CANDIDATE_CODES.items(), (WRITE_IN, "WI")]
        ],
    )
    manifest("PrecinctManifest.json", [{"Description": f"Ward {p}", "Id": p} for p in range(1, 10)])
    manifest(
        "PrecinctPortionManifest.json",
        [
            {"Description": f"Ward {p} {part}", "Id": p * 10 + k}
            for p in range(1, 10)
            for k, part in ((1, "N"), (2, "S"))
        ],
    )
    rng = random.Random(seed)
    codes = [*CANDIDATE_CODES, WRITE_IN]
    sessions = []
    for number in range(ballots):
        tabulator = 40 + number % 4
        order = rng.sample(codes, rng.randint(0, 4))
        marks = [{"CandidateId": code, "Rank": rank, "IsAmbiguous": False} for rank, code in enumerate(order, start=1)]
        if order and rng.random() < 0.1:  # an overvote, the later candidate's mark first
            # another candidate: one marked twice at a rank is refused (a mark written twice?)
            other = rng.choice([code for code in codes if code != order[0]])
            marks.insert(0, {"CandidateId": other, "Rank": 1, "IsAmbiguous": False})
        if len(order) > 2 and rng.random() < 0.1:  # a skipped rank
            marks = [mark for mark in marks if mark["Rank"] != 2]
        precinct = rng.randint(1, 9)
        record = {
            "PrecinctPortionId": precinct * 10 + rng.randint(1, 2),
            "PrecinctId": precinct,
            "IsCurrent": True,
            "Cards": [{"Id": 1, "Contests": [{"Id": 1, "Marks": marks, "OutstackConditionIds": []}]}],
        }
        session: dict[str, Any] = {
            "TabulatorId": tabulator,
            "BatchId": number // 100 + 1,
            "RecordId": number // 4 % 25 + 1,
            "Original": record,
        }
        if number % 20 == 7:
            session["Original"] = {**record, "IsCurrent": False}
            session["Modified"] = record
        sessions.append(session)
    (folder / "CvrExport.json").write_text(json.dumps({"Version": "5.10.11.24", "Sessions": sessions}))


def _config(folder: Path, candidates: dict[int, str] = CANDIDATE_CODES, write_in: int = WRITE_IN) -> Path:
    """An RCTab configuration for the Dominion export in ``folder/export``, candidates by their ids."""
    config = folder / "config.json"
    config.write_text(
        json.dumps(
            {
                "tabulatorVersion": "2.0.1",
                "outputSettings": {
                    "contestName": "Ward Mayor",
                    "outputDirectory": "output",
                    "contestDate": "2024-11-05",
                    "contestJurisdiction": "Testville",
                    "contestOffice": "Mayor",
                    "tabulateByBatch": True,
                    "tabulateByPrecinct": True,
                    "generateCdfJson": True,
                },
                "cvrFileSources": [
                    {
                        "filePath": "export",
                        "contestId": "1",
                        "provider": "dominion",
                        "undeclaredWriteInLabel": str(write_in),
                        "overvoteLabel": "",
                    }
                ],
                "candidates": [
                    {"name": name, "excluded": False, "aliases": [str(key)]} for key, name in candidates.items()
                ],
                "rules": {
                    "tiebreakMode": "useCandidateOrder",
                    "overvoteRule": "alwaysSkipToNextRank",
                    "winnerElectionMode": "singleWinnerMajority",
                    "numberOfWinners": "1",
                    "decimalPlacesForVoteArithmetic": "4",
                    "minimumVoteThreshold": "0",
                    "maxSkippedRanksAllowed": "1",
                    "maxRankingsAllowed": "4",
                },
            },
            indent=2,
        )
    )
    return config


@pytest.fixture(scope="module")
def made_up(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The export and configuration, and the folder of RCTab's reports for them."""
    from tests.test_cast_ballots import rctab_results  # needs the shared folder (the oracle's home)

    folder = tmp_path_factory.mktemp("dominion_made_up")
    _write_export(folder / "export")
    config = _config(folder)
    return config, rctab_results(config, folder / "rctab")


def _electcli(*args: str) -> str:
    result = run(list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_made_up_dominion_csv_equals_rctabs(made_up: tuple[Path, Path]) -> None:
    config, results = made_up
    (theirs,) = results.glob("*_rctab_cvr.csv")
    mine = _electcli("ballots", str(config), "--format", "csv")
    expected = theirs.read_bytes().decode("utf-8").replace(str(config.parent / "export"), "export")
    assert mine == expected.replace("\r\n", "\n")
    assert "\nexport,dominion,1,40-1-1,40,1,1,Ward " in mine


def test_made_up_dominion_cdf_equals_rctabs(made_up: tuple[Path, Path]) -> None:
    from tests.test_cast_ballots import _schema_valid, _without_generator

    config, results = made_up
    (theirs,) = results.glob("*_cdf_cvr.json")
    mine = json.loads(_electcli("ballots", str(config), "--format", "cdf"))
    assert _without_generator(mine) == _without_generator(_schema_valid(json.loads(theirs.read_text())))
    assert len(mine["GpUnit"]) == 10  # the jurisdiction and the 9 wards


def test_made_up_dominion_slices_equal_rctabs(made_up: tuple[Path, Path], tmp_path: Path) -> None:
    from tests.test_ranked_slices import _compare_csv_files, _figures

    config, results = made_up
    _electcli("tally", str(config), "--format", "rctab", "--slices-to", str(tmp_path))
    expected = sorted(results.glob("Tabulate by */*_detailed_report.*"))
    assert len(expected) == 2 * (9 + 4)  # JSON and CSV, for 9 precincts and batches 1 to 4
    for theirs in expected:
        # RCTab names a report by the run's time, electcli by the contest
        name = re.sub(r"^\d{4}-\d\d-\d\d_\d\d-\d\d_", "Ward_Mayor_", theirs.name)
        mine = tmp_path / theirs.parent.name / name
        if theirs.suffix == ".json":
            ours, expected_report = json.loads(mine.read_text()), json.loads(theirs.read_text())
            ours["config"]["generatedBy"] = expected_report["config"]["generatedBy"]
            assert _figures(ours) == _figures(expected_report), theirs.name
        else:
            _compare_csv_files(theirs, mine)
