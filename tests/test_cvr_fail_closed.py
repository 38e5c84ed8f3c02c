"""Never a wrong answer from a damaged CVR file (issue 9): every CVR reader refuses what it cannot
read whole, with the file, line and column, and says what it accepted with a doubt.

Each test gives a damaged or hostile file and asserts the exit status (2) and where the message
points, or, for a file that is accepted, exactly the ballots read.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from electcli.errors import InputError, Location
from electcli.ranked.ballots import BallotGrouper, BallotGroups
from electcli.readers.cvr import read_cvr
from electcli.readers.cvr.source import CandidateNames, CvrSource
from electcli.readers.json_text import MAX_JSON_DEPTH
from tests.conftest import run

FIXTURES = Path(__file__).parent / "fixtures" / "cvr_vendor"
HEAD = "name: Mayor\nrule: irv\ncandidates: [{name: Ana}, {name: Ben}, {name: Cy}]\n"
NAMES = ("Ana Alvarez", "Ben Baker", "Cy Chen")
DOMINION_IDS = {"1": "Ana Alvarez", "2": "Ben Baker", "3": "Cy Chen"}
UWI = "Undeclared Write-ins"
HART_MAYOR = "5e0c6a2e-0001-4c1a-9f00-000000000001"
HART_WRITE_IN = "f0000000-0000-4000-8000-00000000000f"


def race_with(tmp_path: Path, cvr: str | bytes, ballots: str = "{file: cvr.csv}") -> str:
    """A race file whose ballots are the CVR ``cvr`` (written as cvr.csv beside it)."""
    (tmp_path / "cvr.csv").write_bytes(cvr.encode() if isinstance(cvr, str) else cvr)
    race = tmp_path / "race.yaml"
    race.write_text(HEAD + f"ballots: {ballots}\n", encoding="utf-8")
    return str(race)


def tally_json(path: str) -> dict:  # type: ignore[type-arg]
    result = run(["tally", path, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    document: dict = json.loads(result.stdout)  # type: ignore[type-arg]
    return document


def first_round(path: str) -> dict[str, int]:
    (contest,) = tally_json(path)["contests"]
    return {name: int(votes) for name, votes in contest["rounds"][0]["tally"].items()}


def refused(path: str, where: str, says: str) -> str:
    """Run ``tally`` on ``path``: exit status 2, the message at ``where``, saying ``says``."""
    result = run(["tally", path])
    assert result.exit_code == 2, result.stdout
    assert result.stdout == ""
    assert f"{where}: " in result.stderr, result.stderr
    assert says in result.stderr, result.stderr
    return result.stderr


def read(
    provider: str, path: Path, contest_id: str | None = None, names: tuple[str, ...] = NAMES, **options: object
) -> BallotGroups:
    source = CvrSource(
        path=path, provider=provider, location=Location("race.yaml", 3, 5), contest_id=contest_id, **options
    )  # type: ignore[arg-type]
    grouper = BallotGrouper(names, UWI)
    read_cvr(source, CandidateNames(names, DOMINION_IDS), grouper)
    return grouper.build(str(path))


def error_of(action: Callable[[], object]) -> InputError:
    with pytest.raises(InputError) as caught:
        action()
    return caught.value


# -- 1. a stray quote must not swallow ballots --------------------------------------------------

SIX = "ballot_id,rank1,rank2\n1,Ana,Ben\n2,Ana,Ben\n3,Ben,Ana\n4,Ben,Ana\n5,Ben,Cy\n6,Cy,Ana\n"


def test_six_ballots_read_as_six(tmp_path: Path) -> None:
    rounds = first_round(race_with(tmp_path, SIX))
    assert rounds == {"Ana": 2, "Ben": 3, "Cy": 1}


def test_a_stray_quote_in_an_id_swallowing_ballots_is_refused_with_line_and_column(tmp_path: Path) -> None:
    # the id cell of line 3 opens a quote that line 5 closes: read as CSV, lines 3-5 are one row,
    # and six ballots would count as four (Ben's 3 first choices falling to 2)
    damaged = SIX.replace("\n2,", '\n"2,').replace("\n4,", '\n4",')
    path = race_with(tmp_path, damaged)
    refused(path, f"{tmp_path / 'cvr.csv'}:3:1", "a quoted cell runs from line 3 to line 5")


def test_a_stray_quote_in_a_rank_cell_is_refused(tmp_path: Path) -> None:
    damaged = SIX.replace("3,Ben,Ana", '3,"Ben,Ana').replace("5,Ben,Cy", '5,Ben",Cy')
    refused(race_with(tmp_path, damaged), f"{tmp_path / 'cvr.csv'}:4:3", "runs from line 4 to line 6")


def test_a_quoted_name_on_one_line_is_still_read(tmp_path: Path) -> None:
    quoted = SIX.replace("1,Ana,Ben", '1,"Ana","Ben"')
    assert first_round(race_with(tmp_path, quoted)) == {"Ana": 2, "Ben": 3, "Cy": 1}


@pytest.mark.parametrize("provider", ["csv", "clearBallot"])
def test_vendor_csv_rows_spanning_lines_are_refused(tmp_path: Path, provider: str) -> None:
    if provider == "csv":
        text = 'id,Ana Alvarez,Ben Baker\n"r1,1,2\nr2,2,1\nr3",1,2\n'
        options: dict[str, object] = {"first_vote_column": 2, "first_vote_row": 2}
        column = 1
    else:
        lines = (FIXTURES / "clear_ballot" / "cvr.csv").read_text(encoding="utf-8").split("\n")
        lines[1:4] = [line.replace('"', "") for line in lines[1:4]]  # no other quote in between
        lines[1] = lines[1][:-1] + '"' + lines[1][-1]  # the last cell of line 2 opens a quote...
        lines[3] = lines[3].replace(",", '",', 1)  # ...that line 4's first cell closes
        text = "\n".join(lines)
        options = {"contest_id": "City of Fixture, Mayor"}
        column = lines[1].count(",") + 1
    path = tmp_path / "cvr.csv"
    path.write_text(text, encoding="utf-8")
    error = error_of(lambda: read(provider, path, **options))
    assert error.location == Location(str(path), 2, column)
    assert "runs from line 2 to line 4" in error.problem


# -- 2. a contest that reads no ballots, a value of the wrong type --------------------------------


def test_hart_contest_id_matching_nothing_is_an_error_not_a_lot(tmp_path: Path) -> None:
    error = error_of(lambda: read("hart", FIXTURES / "hart", "no-such-contest"))
    assert error.location == Location("race.yaml", 3, 5)
    assert "holds no ballot for contest 'no-such-contest'" in error.problem


@pytest.mark.parametrize("value", [None, 7, True, ["x"]])
def test_cdf_contest_id_of_the_wrong_type_is_an_error_with_its_line(tmp_path: Path, value: object) -> None:
    document = _cdf_report()
    document["CVR"][1]["CVRSnapshot"][0]["CVRContest"][0]["ContestId"] = value
    path = tmp_path / "cvr.json"
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")
    error = error_of(lambda: read("cdf", path, "Mayor", names=("Ana", "Ben")))
    assert "ContestId" in error.problem and "not a string" in error.problem
    line = (
        path.read_text()
        .split("\n")
        .index(next(x for x in path.read_text().split("\n") if "ContestId" in x and "c1" not in x))
        + 1
    )
    assert error.location.file == str(path) and error.location.line == line and error.location.column > 0


def _cdf_report() -> dict:  # type: ignore[type-arg]
    cvr = {
        "CVRSnapshot": [
            {
                "@id": "s",
                "CVRContest": [{"ContestId": "c1", "CVRContestSelection": [{"ContestSelectionId": "cs1", "Rank": 1}]}],
            }
        ],
        "CurrentSnapshotId": "s",
    }
    return {
        "Election": [
            {
                "Candidate": [{"@id": "k1", "Name": "Ana"}, {"@id": "k2", "Name": "Ben"}],
                "Contest": [
                    {
                        "@id": "c1",
                        "Name": "Mayor",
                        "ContestSelection": [{"@id": "cs1", "CandidateIds": ["k1"]}],
                    }
                ],
            }
        ],
        "CVR": [cvr, json.loads(json.dumps(cvr))],
    }


def _cdf_race(tmp_path: Path, document: dict) -> tuple[str, Path]:  # type: ignore[type-arg]
    path = tmp_path / "cvr.json"
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")
    race = tmp_path / "race.yaml"
    race.write_text(
        "name: Mayor\nrule: irv\ncandidates: [{name: Ana}, {name: Ben}]\n"
        "ballots: {file: cvr.json, format: cdf, contest_id: Mayor}\n",
        encoding="utf-8",
    )
    return str(race), path


def _place_of(path: Path, text: str, occurrence: int = 0) -> str:
    """line:column where ``text`` starts (its ``occurrence``-th line, from 0)."""
    lines = path.read_text().split("\n")
    return [f"{number}:{line.index(text) + 1}" for number, line in enumerate(lines, 1) if text in line][occurrence]


# Found by the fuzzer (cdf-json seed 449): a CVRContestSelection of null was read as no selection,
# an undervote; RCTab stops on it.
def test_a_cdf_json_selection_list_of_null_is_refused(tmp_path: Path) -> None:
    document = _cdf_report()
    document["CVR"][1]["CVRSnapshot"][0]["CVRContest"][0]["CVRContestSelection"] = None
    race, path = _cdf_race(tmp_path, document)
    line = _place_of(path, '"CVRContestSelection": null')
    refused(race, f"{path}:{line}", "CVRContestSelection is null")


# Found by the fuzzer (cdf-json seeds 207, 354, 414): a selection given twice in one CVR was read as
# an overvote (as RCTab's reader would: both marks at one rank); whether the voter marked twice cannot
# be known, so it is refused.
def test_a_cdf_json_selection_given_twice_in_one_cvr_is_refused(tmp_path: Path) -> None:
    document = _cdf_report()
    contest = document["CVR"][1]["CVRSnapshot"][0]["CVRContest"][0]
    contest["CVRContestSelection"].append({"ContestSelectionId": "cs1", "Rank": 1})
    race, path = _cdf_race(tmp_path, document)
    line = _place_of(path, '"ContestSelectionId": "cs1"', 2)  # the CVR's second selection
    refused(race, f"{path}:{line}", "'cs1' is given twice")


def test_the_cdf_json_race_of_these_tests_is_read(tmp_path: Path) -> None:
    race, _ = _cdf_race(tmp_path, _cdf_report())
    assert first_round(race) == {"Ana": 2, "Ben": 0}


# Found by the fuzzer (cdf-xml seed 92): a Contest with two different Names was read by its first.
def test_a_cdf_xml_contest_with_two_names_is_refused(tmp_path: Path) -> None:
    text = (FIXTURES / "cdf_xml" / "cvr.xml").read_text(encoding="utf-8")
    second = "<cdf:Name>City Council</cdf:Name>"
    path = tmp_path / "cvr.xml"
    path.write_text(text.replace("Fixture</cdf:Name>", "Fixture</cdf:Name>" + second, 1), encoding="utf-8")
    race = tmp_path / "race.yaml"
    race.write_text(
        "name: Mayor\nrule: irv\ncandidates: [{name: Ana}, {name: Ben}, {name: Cy}]\n"
        "ballots: {file: cvr.xml, format: cdf, contest_id: 'Mayor, City of Fixture'}\n",
        encoding="utf-8",
    )
    refused(
        str(race), f"{path}:{_place_of(path, second)}", "has two names, 'Mayor, City of Fixture' and 'City Council'"
    )


def test_cdf_report_with_no_cvr_is_an_error(tmp_path: Path) -> None:
    document = _cdf_report()
    document["CVR"] = []
    path = tmp_path / "cvr.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    error = error_of(lambda: read("cdf", path, "Mayor", names=("Ana", "Ben")))
    assert "holds no ballot" in error.problem


def test_cdf_xml_contest_on_no_cvr_is_an_error(tmp_path: Path) -> None:
    text = (FIXTURES / "cdf_xml" / "cvr.xml").read_text(encoding="utf-8")
    path = tmp_path / "cvr.xml"
    # every CVR's contest pointed elsewhere: none is a ballot of the contest
    path.write_text(text.replace(":ContestId>c-mayor<", ":ContestId>other<"), encoding="utf-8")
    error = error_of(lambda: read("cdf", path, "Mayor, City of Fixture"))
    assert "holds no ballot" in error.problem


# -- 3. one file named twice ---------------------------------------------------------------------


def test_a_hard_link_to_a_cvr_already_read_is_refused(tmp_path: Path) -> None:
    ballots = "[{file: cvr.csv}, {file: again.csv}]"
    race = race_with(tmp_path, SIX, ballots)
    os.link(tmp_path / "cvr.csv", tmp_path / "again.csv")
    column = len("ballots: ") + ballots.index("again.csv") + 1
    refused(race, f"{race}:4:{column}", "is already read for this contest")


def test_an_rctab_source_that_is_a_hard_link_of_another_is_refused(tmp_path: Path) -> None:
    (tmp_path / "cvr.csv").write_text("id,Ana,Ben\nr1,1,2\n", encoding="utf-8")
    os.link(tmp_path / "cvr.csv", tmp_path / "again.csv")
    config = _rctab_config(["cvr.csv", "again.csv"])
    path = tmp_path / "config.json"
    path.write_text(config, encoding="utf-8")
    line = next(number for number, text in enumerate(config.split("\n"), 1) if "again.csv" in text)
    column = config.split("\n")[line - 1].index('"filePath"') + 1
    refused(str(path), f"{path}:{line}:{column}", "which source 1 already reads")


def _rctab_config(files: list[str], extra: str = "") -> str:
    sources = [
        {"filePath": name, "provider": "genericCsv", "firstVoteColumnIndex": 2, "firstVoteRowIndex": 2}
        for name in files
    ]
    document = {
        "outputSettings": {"contestName": "Mayor"},
        "cvrFileSources": sources,
        "candidates": [{"name": "Ana"}, {"name": "Ben"}],
        "rules": {
            "tiebreakMode": "useCandidateOrder",
            "winnerElectionMode": "singleWinnerMajority",
            "overvoteRule": "exhaustImmediately",
            "numberOfWinners": "1",
            "decimalPlacesForVoteArithmetic": "4",
            "minimumVoteThreshold": "0",
            "maxSkippedRanksAllowed": "unlimited",
            "maxRankingsAllowed": "max",
        },
    }
    return json.dumps(document, indent=2)


# -- 4. a file cut short on a line end is said to be -----------------------------------------------


def test_a_cvr_without_a_final_line_end_is_read_with_a_warning_on_stderr(tmp_path: Path) -> None:
    path = race_with(tmp_path, SIX.rstrip("\n"))
    result = run(["tally", path, "--format", "json"])
    assert result.exit_code == 0
    warning = f"electcli: warning: {tmp_path / 'cvr.csv'}: the last line has no line end: is the file cut short?\n"
    assert result.stderr == warning
    (contest,) = json.loads(result.stdout)["contests"]
    assert {k: int(v) for k, v in contest["rounds"][0]["tally"].items()} == {"Ana": 2, "Ben": 3, "Cy": 1}


def test_a_cvr_with_a_final_line_end_gives_no_warning(tmp_path: Path) -> None:
    result = run(["tally", race_with(tmp_path, SIX), "--format", "json"])
    assert result.exit_code == 0 and result.stderr == ""


def test_a_warning_escapes_control_characters_in_the_file_name(tmp_path: Path) -> None:
    odd = "cvr\x1b[2J.csv"
    (tmp_path / odd).write_text(SIX.rstrip("\n"), encoding="utf-8")
    race = tmp_path / "race.yaml"
    race.write_text(HEAD + 'ballots: {file: "cvr\\e[2J.csv"}\n', encoding="utf-8")
    result = run(["tally", str(race), "--format", "json"])
    assert result.exit_code == 0
    assert "\x1b" not in result.stderr and "cvr\\x1b[2J.csv" in result.stderr


# -- 6. FIFOs and devices are refused, never waited on -------------------------------------------


def _within(seconds: float, action: Callable[[], object]) -> object:
    """``action()``'s result; fails (rather than hanging the suite) if it takes longer."""
    outcome: list[tuple[bool, object]] = []

    def target() -> None:
        try:
            outcome.append((True, action()))
        except BaseException as exc:  # handed to the test thread
            outcome.append((False, exc))

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "the reader blocked"
    returned, value = outcome[0]
    if not returned:
        assert isinstance(value, BaseException)
        raise value
    return value


@pytest.mark.parametrize("provider", ["electcli_csv", "csv", "clearBallot", "cdf"])
def test_a_fifo_named_as_a_cvr_is_refused_without_blocking(tmp_path: Path, provider: str) -> None:
    fifo = tmp_path / ("cvr.json" if provider == "cdf" else "cvr.csv")
    os.mkfifo(fifo)
    options = {"first_vote_column": 2, "first_vote_row": 2} if provider == "csv" else {}
    error = _within(5, lambda: error_of(lambda: read(provider, fifo, "Mayor", **options)))
    assert isinstance(error, InputError)
    assert error.location.file == str(fifo) and "not a regular file" in error.problem


def test_a_fifo_named_in_a_race_file_exits_2(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "cvr.csv")
    race = tmp_path / "race.yaml"
    race.write_text(HEAD + "ballots: {file: cvr.csv}\n", encoding="utf-8")
    result = _within(5, lambda: run(["tally", str(race)]))
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert f"{tmp_path / 'cvr.csv'}: is not a regular file" in result.stderr  # type: ignore[attr-defined]


@pytest.mark.parametrize("provider", ["electcli_csv", "csv", "clearBallot", "cdf"])
def test_dev_zero_as_a_cvr_is_refused(provider: str) -> None:
    options = {"first_vote_column": 2, "first_vote_row": 2} if provider == "csv" else {}
    error = _within(5, lambda: error_of(lambda: read(provider, Path("/dev/zero"), "Mayor", **options)))
    assert isinstance(error, InputError) and "not a regular file" in error.problem


@pytest.mark.parametrize("folder", ["dominion", "hart"])
def test_a_fifo_among_an_exports_files_is_refused(tmp_path: Path, folder: str) -> None:
    copy = tmp_path / folder
    shutil.copytree(FIXTURES / folder, copy)
    if folder == "dominion":
        (copy / "CvrExport.json").unlink()
        shutil.copy(FIXTURES / folder / "CvrExport.json", copy / "CvrExport_1.json")
        os.mkfifo(copy / "CvrExport_2.json")
        fifo = copy / "CvrExport_2.json"
    else:
        fifo = copy / "1_00000009.xml"
        os.mkfifo(fifo)
    contest, label = ("1", "9") if folder == "dominion" else (HART_MAYOR, HART_WRITE_IN)
    error = _within(5, lambda: error_of(lambda: read(folder, copy, contest, undeclared_write_in_label=label)))
    assert isinstance(error, InputError) and str(fifo) in str(error) and "not a regular file" in str(error)


# -- 5. Dominion field types and manifest places; RCTab configuration columns ----------------------


def _dominion_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "dominion"
    shutil.copytree(FIXTURES / "dominion", folder)
    return folder


def _dominion_ballots(folder: Path) -> dict[tuple[tuple[str, ...], ...], int]:
    groups = read("dominion", folder, "1", undeclared_write_in_label="9")
    return {
        tuple(tuple(groups.candidates[i] for i in rank) for rank in ranking): count
        for ranking, count in zip(groups.rankings, groups.counts, strict=True)
    }


def _session_place(text: str, number: int) -> tuple[int, int]:
    """Line and column where session ``number`` (from 0) of a CvrExport written with indent=1
    starts: its ``{`` stands alone, two spaces in (inside the top object and its Sessions)."""
    lines = [line for line, text_line in enumerate(text.split("\n"), 1) if text_line == "  {"]
    return lines[number], 3


@pytest.mark.parametrize(
    ("key", "value"),
    [("PrecinctPortionId", [11]), ("PrecinctPortionId", "11"), ("PrecinctId", {"Id": 1}), ("PrecinctId", True)],
)
def test_dominion_precinct_ids_of_the_wrong_type_are_errors_at_the_session(
    tmp_path: Path, key: str, value: object
) -> None:
    folder = _dominion_copy(tmp_path)
    export = folder / "CvrExport.json"
    document = json.loads(export.read_text(encoding="utf-8"))
    document["Sessions"][1]["Original"][key] = value
    export.write_text(json.dumps(document, indent=1), encoding="utf-8")
    error = error_of(lambda: _dominion_ballots(folder))
    assert error.location == Location(str(export), *_session_place(export.read_text(encoding="utf-8"), 1))
    assert f"{key} is {value!r}, not a whole number" in error.problem


def test_dominion_manifest_errors_name_line_and_column(tmp_path: Path) -> None:
    folder = _dominion_copy(tmp_path)
    manifest = folder / "CandidateManifest.json"
    document = json.loads(manifest.read_text(encoding="utf-8"))
    document["List"][2]["Id"] = [3]
    text = json.dumps(document, indent=2)
    manifest.write_text(text, encoding="utf-8")
    error = error_of(lambda: _dominion_ballots(folder))
    offset = text.index('"Id": [')
    line, column = text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)
    assert error.location == Location(str(manifest), line, column)
    assert "Id is [3], not a whole number" in error.problem


def test_dominion_manifest_id_given_twice_is_an_error(tmp_path: Path) -> None:
    folder = _dominion_copy(tmp_path)
    manifest = folder / "CandidateManifest.json"
    document = json.loads(manifest.read_text(encoding="utf-8"))
    document["List"].append(dict(document["List"][0], Description="Someone Else"))
    manifest.write_text(json.dumps(document, indent=2), encoding="utf-8")
    error = error_of(lambda: _dominion_ballots(folder))
    assert error.location.file == str(manifest) and error.location.column > 0
    assert "is given twice" in error.problem


def test_rctab_configuration_errors_name_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "cvr.csv").write_text("id,Ana,Ben\nr1,1,2\n", encoding="utf-8")
    config = _rctab_config(["cvr.csv"]).replace('"genericCsv"', '"genericCSV"')
    path = tmp_path / "config.json"
    path.write_text(config, encoding="utf-8")
    line = next(number for number, text in enumerate(config.split("\n"), 1) if '"provider"' in text)
    column = config.split("\n")[line - 1].index('"provider"') + 1
    refused(str(path), f"{path}:{line}:{column}", "source 1 has provider 'genericCSV'")


def test_rctab_duplicate_key_names_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "cvr.csv").write_text("id,Ana,Ben\nr1,1,2\n", encoding="utf-8")
    config = _rctab_config(["cvr.csv"]).replace(
        '"numberOfWinners": "1",', '"numberOfWinners": "1", "numberOfWinners": "2",'
    )
    path = tmp_path / "config.json"
    path.write_text(config, encoding="utf-8")
    line = next(number for number, text in enumerate(config.split("\n"), 1) if '"numberOfWinners"' in text)
    column = config.split("\n")[line - 1].rindex('"numberOfWinners"') + 1
    refused(str(path), f"{path}:{line}:{column}", "key 'numberOfWinners' is given twice")


# -- 7. numbers too long to convert, JSON nested too deeply ---------------------------------------

LONG = "9" * 5000


def _config_at(tmp_path: Path, config: str) -> tuple[Path, int, int]:
    """The configuration written, and the line and column of the first over-long number."""
    (tmp_path / "cvr.csv").write_text("id,Ana,Ben\nr1,1,2\n", encoding="utf-8")
    path = tmp_path / "config.json"
    path.write_text(config, encoding="utf-8")
    offset = config.index(LONG)
    return path, config.count("\n", 0, offset) + 1, offset - config.rfind("\n", 0, offset)


def test_an_rctab_setting_of_5000_digits_as_text_is_an_error_at_its_key(tmp_path: Path) -> None:
    config = _rctab_config(["cvr.csv"]).replace('"numberOfWinners": "1"', f'"numberOfWinners": "{LONG}"')
    path, line, _ = _config_at(tmp_path, config)
    column = config.split("\n")[line - 1].index('"numberOfWinners"') + 1
    stderr = refused(str(path), f"{path}:{line}:{column}", "numberOfWinners is '9999")
    assert "(5000 characters)" in stderr and len(stderr) < 1000


def test_an_rctab_setting_of_5000_digits_as_a_number_is_an_error_where_it_starts(tmp_path: Path) -> None:
    config = _rctab_config(["cvr.csv"]).replace('"numberOfWinners": "1"', f'"numberOfWinners": {LONG}')
    path, line, column = _config_at(tmp_path, config)
    refused(str(path), f"{path}:{line}:{column}", "number 9999999999999999999999999999999999999999... has 5000 digits")


def test_a_generic_csv_rank_of_5000_digits_is_out_of_range_at_its_cell(tmp_path: Path) -> None:
    path = tmp_path / "cvr.csv"
    path.write_text(f"id,Ana Alvarez,Ben Baker\nr1,1,2\nr2,{LONG},1\n", encoding="utf-8")
    error = error_of(lambda: read("csv", path, first_vote_column=2, first_vote_row=2))
    assert error.location == Location(str(path), 3, 2)
    assert "out of range" in error.problem and len(error.message) < 300


def test_a_cdf_xml_rank_of_5000_digits_is_an_error(tmp_path: Path) -> None:
    text = (FIXTURES / "cdf_xml" / "cvr.xml").read_text(encoding="utf-8")
    path = tmp_path / "cvr.xml"
    path.write_text(text.replace("<cdf:Rank>2</cdf:Rank>", f"<cdf:Rank>{LONG}</cdf:Rank>", 1), encoding="utf-8")
    error = error_of(lambda: read("cdf", path, "Mayor, City of Fixture"))
    assert error.location.file == str(path) and error.location.line > 0 and error.location.column > 0
    assert "out of range" in error.problem and len(error.message) < 300


def test_a_cdf_json_number_of_5000_digits_is_an_error_where_it_starts(tmp_path: Path) -> None:
    text = json.dumps(_cdf_report(), indent=1).replace('"Rank": 1', f'"Rank": {LONG}', 1)
    path = tmp_path / "cvr.json"
    path.write_text(text, encoding="utf-8")
    offset = text.index(LONG)
    error = error_of(lambda: read("cdf", path, "Mayor", names=("Ana", "Ben")))
    assert error.location == Location(str(path), text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset))


def test_cdf_json_nested_too_deeply_is_an_error_not_a_recursion_error(tmp_path: Path) -> None:
    text = '{"CVR": ' + "[" * 100_000 + "]" * 100_000 + "}"
    path = tmp_path / "cvr.json"
    path.write_text(text, encoding="utf-8")
    error = error_of(lambda: read("cdf", path, "Mayor", names=("Ana", "Ben")))
    # the first bracket past MAX_JSON_DEPTH, the report's own { the first
    assert error.location == Location(str(path), 1, len('{"CVR": ') + MAX_JSON_DEPTH)
    assert "is nested too deeply" in error.problem


def test_a_dominion_session_nested_too_deeply_or_with_a_5000_digit_rank_is_an_error(tmp_path: Path) -> None:
    folder = _dominion_copy(tmp_path)
    export = folder / "CvrExport.json"
    original = export.read_text(encoding="utf-8")
    export.write_text(original.replace('"Rank": 2,', f'"Rank": {LONG},', 1), encoding="utf-8")
    error = error_of(lambda: _dominion_ballots(folder))
    assert error.location.file == str(export) and error.location.line > 0
    export.write_text('{"Sessions": [' + "[" * 50_000 + "]" * 50_000 + "]}", encoding="utf-8")
    error = error_of(lambda: _dominion_ballots(folder))
    assert error.location == Location(str(export), 1, len('{"Sessions": [') + 1)
    assert "nested too deeply" in error.problem


# -- 8. Dominion: a contest record with outstack condition 7 (InvalidContest) is not counted -----


def test_dominion_invalid_contest_outstack_condition_is_not_counted(tmp_path: Path) -> None:
    folder = _dominion_copy(tmp_path)
    whole = _dominion_ballots(folder)
    export = folder / "CvrExport.json"
    document = json.loads(export.read_text(encoding="utf-8"))
    contest = document["Sessions"][0]["Original"]["Cards"][0]["Contests"][0]
    assert contest["Id"] == 1 and contest["OutstackConditionIds"] == []
    contest["OutstackConditionIds"] = [3, 7]
    export.write_text(json.dumps(document, indent=1), encoding="utf-8")
    first = (("Ana Alvarez",), ("Ben Baker",), ("Cy Chen",))  # session 1's ballot
    expected = dict(whole)
    expected[first] -= 1
    assert _dominion_ballots(folder) == {ranking: count for ranking, count in expected.items() if count}
    assert sum(_dominion_ballots(folder).values()) == sum(whole.values()) - 1


def test_dominion_other_outstack_conditions_are_counted(tmp_path: Path) -> None:
    folder = _dominion_copy(tmp_path)
    whole = _dominion_ballots(folder)
    export = folder / "CvrExport.json"
    document = json.loads(export.read_text(encoding="utf-8"))
    document["Sessions"][0]["Original"]["Cards"][0]["Contests"][0]["OutstackConditionIds"] = [1, 3]
    export.write_text(json.dumps(document, indent=1), encoding="utf-8")
    assert _dominion_ballots(folder) == whole


@pytest.mark.parametrize("value", ["7", [None], {"7": 1}, [True]])
def test_dominion_outstack_conditions_of_the_wrong_type_are_errors(tmp_path: Path, value: object) -> None:
    folder = _dominion_copy(tmp_path)
    export = folder / "CvrExport.json"
    document = json.loads(export.read_text(encoding="utf-8"))
    document["Sessions"][0]["Original"]["Cards"][0]["Contests"][0]["OutstackConditionIds"] = value
    export.write_text(json.dumps(document, indent=1), encoding="utf-8")
    error = error_of(lambda: _dominion_ballots(folder))
    assert error.location == Location(str(export), *_session_place(export.read_text(encoding="utf-8"), 0))
    assert "OutstackConditionIds" in error.problem


# -- what trying hostile inputs on each format found ---------------------------------------------


def test_an_xml_cvr_declaring_an_unknown_encoding_is_an_error_not_a_lookup_error(tmp_path: Path) -> None:
    folder = tmp_path / "hart"
    shutil.copytree(FIXTURES / "hart", folder)
    first = folder / "1_00000001.xml"
    text = first.read_text(encoding="utf-8")
    assert text.lstrip("\ufeff").startswith('<?xml version="1.0" encoding="utf-8"?>')
    first.write_text(text.replace('encoding="utf-8"', 'encoding="utf-9999"', 1), encoding="utf-8")
    error = error_of(lambda: read("hart", folder, HART_MAYOR, undeclared_write_in_label=HART_WRITE_IN))
    assert error.location == Location(str(first), 1, 1)
    assert "cannot be read as XML" in error.problem


def test_a_cdf_json_rank_of_5000_digits_as_text_is_out_of_range(tmp_path: Path) -> None:
    text = json.dumps(_cdf_report(), indent=1).replace('"Rank": 1', f'"Rank": "{LONG}"', 1)
    path = tmp_path / "cvr.json"
    path.write_text(text, encoding="utf-8")
    error = error_of(lambda: read("cdf", path, "Mayor", names=("Ana", "Ben")))
    offset = text.index('"Rank"')
    assert error.location == Location(str(path), text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset))
    assert "out of range" in error.problem


def test_a_clear_ballot_header_rank_of_5000_digits_is_an_error_with_a_short_message(tmp_path: Path) -> None:
    text = (FIXTURES / "clear_ballot" / "cvr.csv").read_text(encoding="utf-8")
    path = tmp_path / "cvr.csv"
    path.write_text(text.replace(":City of Fixture, Mayor:1:", f":City of Fixture, Mayor:{LONG}:", 1), encoding="utf-8")
    error = error_of(lambda: read("clearBallot", path, "City of Fixture, Mayor", undeclared_write_in_label="Write-in"))
    assert error.location == Location(str(path), 1, 11)
    assert "(5000 characters)" in error.problem and len(error.message) < 300


@pytest.mark.parametrize("provider", ["csv", "clearBallot"])
def test_a_nul_byte_in_a_vendor_csv_is_refused_at_its_cell(tmp_path: Path, provider: str) -> None:
    # in a cell the reader does not even look at (an id): the csv module would read it as text
    path = tmp_path / "cvr.csv"
    if provider == "csv":
        path.write_text("id,Ana Alvarez,Ben Baker\nr1,1,2\nr\x002,2,1\n", encoding="utf-8")
        options: dict[str, object] = {"first_vote_column": 2, "first_vote_row": 2}
        column = 1
    else:
        lines = (FIXTURES / "clear_ballot" / "cvr.csv").read_text(encoding="utf-8").split("\n")
        lines[2] = lines[2].replace("ScanStation1", "Scan\x00Station1")
        path.write_text("\n".join(lines), encoding="utf-8")
        options = {"contest_id": "City of Fixture, Mayor", "undeclared_write_in_label": "Write-in"}
        column = 8
    error = error_of(lambda: read(provider, path, **options))
    assert error.location == Location(str(path), 3, column)
    assert "NUL" in error.problem


def test_dominion_files_without_their_array_are_located(tmp_path: Path) -> None:
    folder = _dominion_copy(tmp_path)
    (folder / "PrecinctPortionManifest.json").write_text('\n  {"Lists": []}', encoding="utf-8")
    error = error_of(lambda: _dominion_ballots(folder))
    assert error.location == Location(str(folder / "PrecinctPortionManifest.json"), 2, 3)
    (folder / "PrecinctPortionManifest.json").write_text(
        (FIXTURES / "dominion" / "PrecinctPortionManifest.json").read_text()
    )
    (folder / "CvrExport.json").write_text('\n\n {"Session": []}', encoding="utf-8")
    error = error_of(lambda: _dominion_ballots(folder))
    assert error.location == Location(str(folder / "CvrExport.json"), 3, 2)
    assert "has no 'Sessions' array" in error.problem


@pytest.mark.parametrize(
    ("where", "key"),
    [("mark", "IsAmbiguous"), ("contest", "Marks"), ("session", "RecordId"), ("session", "TabulatorId")],
)
def test_dominion_fields_rctab_requires_are_required(tmp_path: Path, where: str, key: str) -> None:
    folder = _dominion_copy(tmp_path)
    export = folder / "CvrExport.json"
    document = json.loads(export.read_text(encoding="utf-8"))
    session = document["Sessions"][0]
    contest = session["Original"]["Cards"][0]["Contests"][0]
    record = {"mark": contest["Marks"][0], "contest": contest, "session": session}[where]
    del record[key]
    export.write_text(json.dumps(document, indent=1), encoding="utf-8")
    error = error_of(lambda: _dominion_ballots(folder))
    assert error.location == Location(str(export), *_session_place(export.read_text(encoding="utf-8"), 0))
    assert key in error.problem


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ("<cdf:HasIndication>no<", "<cdf:HasIndication>nope<", "<HasIndication> is 'nope'"),
        ("<cdf:IsAllocable>unknown<", "<cdf:IsAllocable>perhaps<", "<IsAllocable> is 'perhaps'"),
    ],
)
def test_cdf_xml_values_outside_their_schema_type_are_errors(tmp_path: Path, old: str, new: str, says: str) -> None:
    text = (FIXTURES / "cdf_xml" / "cvr.xml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "cvr.xml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    error = error_of(lambda: read("cdf", path, "Mayor, City of Fixture"))
    offset = text.index(old)
    line = text.count("\n", 0, offset) + 1
    assert error.location == Location(str(path), line, offset - text.rfind("\n", 0, offset))
    assert says in error.problem


@pytest.mark.parametrize("value", [1, "yes", None])
def test_cdf_json_is_write_in_of_another_type_is_an_error(tmp_path: Path, value: object) -> None:
    document = _cdf_report()
    document["Election"][0]["Contest"][0]["ContestSelection"][0]["IsWriteIn"] = value
    path = tmp_path / "cvr.json"
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")
    if value is None:  # null: not a write-in, as absent
        assert read("cdf", path, "Mayor", names=("Ana", "Ben")).total == 2
        return
    error = error_of(lambda: read("cdf", path, "Mayor", names=("Ana", "Ben")))
    assert "IsWriteIn" in error.problem and error.location.line > 0 and error.location.column > 0


def test_a_megabyte_cell_is_quoted_short(tmp_path: Path) -> None:
    path = race_with(tmp_path, SIX.replace("3,Ben,Ana", "3," + "x" * 100_000 + ",Ana"))
    stderr = refused(path, f"{tmp_path / 'cvr.csv'}:4:3", "(100000 characters) is not a candidate in this contest")
    assert len(stderr) < 1000


def test_a_warning_from_a_cvr_named_by_an_rctab_configuration_reaches_stderr(tmp_path: Path) -> None:
    (tmp_path / "cvr.csv").write_text("id,Ana,Ben\nr1,1,2\nr2,2,1\nr3,1,", encoding="utf-8")
    path = tmp_path / "config.json"
    path.write_text(_rctab_config(["cvr.csv"]), encoding="utf-8")
    result = run(["tally", str(path), "--format", "json"])
    assert result.exit_code == 0
    assert result.stderr == (
        f"electcli: warning: {tmp_path / 'cvr.csv'}: the last line has no line end: is the file cut short?\n"
    )
    (contest,) = json.loads(result.stdout)["contests"]
    assert {k: int(v) for k, v in contest["rounds"][0]["tally"].items()} == {"Ana": 2, "Ben": 1}


@pytest.mark.parametrize(("name", "says"), [("x" * 5000 + ".csv", "File name too long"), ("a\x00b.csv", "NUL")])
def test_an_rctab_file_path_the_system_cannot_use_is_an_error_at_its_key(tmp_path: Path, name: str, says: str) -> None:
    config = _rctab_config([name])
    path = tmp_path / "config.json"
    path.write_text(config, encoding="utf-8")
    line = next(number for number, text in enumerate(config.split("\n"), 1) if '"filePath"' in text)
    column = config.split("\n")[line - 1].index('"filePath"') + 1
    stderr = refused(str(path), f"{path}:{line}:{column}", says)
    assert len(stderr) < 1000


def test_dominion_modified_null_is_an_error_not_a_ballot_passed_over(tmp_path: Path) -> None:
    folder = _dominion_copy(tmp_path)
    export = folder / "CvrExport.json"
    document = json.loads(export.read_text(encoding="utf-8"))
    superseded = next(
        number
        for number, session in enumerate(document["Sessions"])
        if not session["Original"]["IsCurrent"] and "Modified" in session
    )
    document["Sessions"][superseded]["Modified"] = None
    export.write_text(json.dumps(document, indent=1), encoding="utf-8")
    error = error_of(lambda: _dominion_ballots(folder))
    assert error.location == Location(str(export), *_session_place(export.read_text(encoding="utf-8"), superseded))
    assert "Modified record is not a JSON object" in error.problem


@pytest.mark.parametrize("provider", ["dominion", "hart", "clearBallot", "cdf_xml"])
def test_a_rank_beyond_max_rankings_is_an_error_in_every_vendor_reader(provider: str) -> None:
    # every fixture holds a ballot ranking 3 choices: read whole when 3 are allowed, refused at 2
    folder = FIXTURES / ("clear_ballot" if provider == "clearBallot" else provider)

    def read_allowing(allowed: int) -> BallotGroups:
        if provider == "dominion":
            return read("dominion", folder, "1", undeclared_write_in_label="9", max_rankings=allowed)
        if provider == "hart":
            return read("hart", folder, HART_MAYOR, undeclared_write_in_label=HART_WRITE_IN, max_rankings=allowed)
        if provider == "clearBallot":
            contest = "City of Fixture, Mayor"
            return read(
                "clearBallot", folder / "cvr.csv", contest, undeclared_write_in_label="Write-in", max_rankings=allowed
            )
        return read("cdf", folder / "cvr.xml", "Mayor, City of Fixture", max_rankings=allowed)

    assert read_allowing(3).total == read_allowing(1000).total > 0
    error = error_of(lambda: read_allowing(2))
    assert "rank 3 is marked, but the contest allows 2 rankings" in error.problem
    assert error.location.file.startswith(str(folder)) and error.location.line > 0


# -- a member given twice: json keeps the last silently, so one record would vanish ----------------


def test_a_cdf_json_member_given_twice_is_an_error_at_the_second(tmp_path: Path) -> None:
    text = json.dumps(_cdf_report(), indent=1)
    # the second CVR's snapshot list given twice: the first list of marks would vanish
    first = text.index('"CVRSnapshot"', text.index('"CVRSnapshot"') + 1)
    doubled = text[:first] + '"CVRSnapshot": [],\n    ' + text[first:]
    path = tmp_path / "cvr.json"
    path.write_text(doubled, encoding="utf-8")
    error = error_of(lambda: read("cdf", path, "Mayor", names=("Ana", "Ben")))
    second = doubled.index('"CVRSnapshot"', first + 1)
    line = doubled.count("\n", 0, second) + 1
    assert error.location == Location(str(path), line, second - doubled.rfind("\n", 0, second))
    assert "names the member 'CVRSnapshot' twice in one object" in error.problem


def test_a_dominion_session_member_given_twice_is_an_error_at_the_session(tmp_path: Path) -> None:
    folder = _dominion_copy(tmp_path)
    export = folder / "CvrExport.json"
    text = json.dumps(json.loads(export.read_text(encoding="utf-8")), indent=1)
    marks = text.index('"Marks"')
    export.write_text(text[:marks] + '"Marks": [],\n' + text[marks:], encoding="utf-8")
    error = error_of(lambda: _dominion_ballots(folder))
    assert error.location == Location(str(export), *_session_place(export.read_text(encoding="utf-8"), 0))
    assert "key 'Marks' is given twice in one object" in error.problem


def test_a_dominion_manifest_member_given_twice_is_an_error(tmp_path: Path) -> None:
    folder = _dominion_copy(tmp_path)
    manifest = folder / "CandidateManifest.json"
    text = manifest.read_text(encoding="utf-8")
    at = text.index('"ContestId"')
    manifest.write_text(text[:at] + '"ContestId": 2, ' + text[at:], encoding="utf-8")
    error = error_of(lambda: _dominion_ballots(folder))
    assert error.location.file == str(manifest) and error.location.column > 0
    assert "names the member 'ContestId' twice in one object" in error.problem


def test_a_dominion_export_with_two_sessions_arrays_is_an_error_at_the_second(tmp_path: Path) -> None:
    folder = _dominion_copy(tmp_path)
    export = folder / "CvrExport.json"
    document = json.loads(export.read_text(encoding="utf-8"))
    first = json.dumps(document["Sessions"][:2])
    second = json.dumps(document["Sessions"][2:])
    export.write_text(
        '{"Version": "5.10",\n "Sessions": ' + first + ',\n "Sessions": ' + second + "}", encoding="utf-8"
    )
    error = error_of(lambda: _dominion_ballots(folder))
    assert error.location == Location(str(export), 3, 2)
    assert "key 'Sessions' is given twice" in error.problem


def test_a_cdf_json_snapshot_holding_the_contest_twice_is_an_error(tmp_path: Path) -> None:
    document = _cdf_report()
    contests = document["CVR"][1]["CVRSnapshot"][0]["CVRContest"]
    contests.append(json.loads(json.dumps(contests[0])))
    path = tmp_path / "cvr.json"
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")
    error = error_of(lambda: read("cdf", path, "Mayor", names=("Ana", "Ben")))
    assert "CVR 2's snapshot holds contest 'c1' twice" in error.problem
    assert error.location.line > 0 and error.location.column > 0


def test_a_cdf_xml_snapshot_holding_the_contest_twice_is_an_error(tmp_path: Path) -> None:
    text = (FIXTURES / "cdf_xml" / "cvr.xml").read_text(encoding="utf-8")
    mayor = text.index("<cdf:CVRContest><cdf:ContestId>c-mayor<")
    end = text.index("</cdf:CVRContest>", mayor) + len("</cdf:CVRContest>")
    path = tmp_path / "cvr.xml"
    path.write_text(text[:end] + text[mayor:end] + text[end:], encoding="utf-8")
    error = error_of(lambda: read("cdf", path, "Mayor, City of Fixture"))
    line = text.count("\n", 0, mayor) + 1
    assert error.location == Location(str(path), line, end - text.rfind("\n", 0, end))
    assert "holds contest 'c-mayor' twice" in error.problem


# -- 7. found by the fuzzer, seeds 200 to 3000 ---------------------------------------------------


# rank-columns seeds 677, 833, 2899: a file cut short inside a quoted cell was read (the csv module,
# lenient, closes the quote itself), with only a warning that the last line had no line end.
def test_a_cvr_cut_short_inside_a_quoted_cell_is_refused_where_the_quote_opens(tmp_path: Path) -> None:
    path = race_with(tmp_path, SIX + '7,"Ana')
    refused(path, f"{tmp_path / 'cvr.csv'}:8:3", "a quote opened on line 8 is never closed")


@pytest.mark.parametrize("provider", ["electcli_csv", "csv"])
def test_text_after_a_closing_quote_is_refused_at_its_column(tmp_path: Path, provider: str) -> None:
    # lenient, the csv module reads "Ben"x as Benx, and "2"1 as 21: never the cell written
    path = tmp_path / "cvr.csv"
    if provider == "csv":
        path.write_text('id,Ana Alvarez,Ben Baker\nr1,1,2\nr2,"2"1,1\n', encoding="utf-8")
        error = error_of(lambda: read("csv", path, first_vote_column=2, first_vote_row=2))
        assert error.location == Location(str(path), 3, 7)
    else:
        path.write_text('id,r1,r2\n1,Ana Alvarez,"Ben Baker"x\n', encoding="utf-8")
        error = error_of(lambda: read("electcli_csv", path))
        assert error.location == Location(str(path), 2, 26)
    assert "a quoted cell has text after its closing quote" in error.problem


# dominion seed 471: NaN in a CvrExport.json (a field not counted, MarkDensity) was read, as Python's
# json module reads it; JSON has no such number.
@pytest.mark.parametrize("constant", ["NaN", "-Infinity"])
def test_a_dominion_export_holding_nan_is_refused_where_it_stands(tmp_path: Path, constant: str) -> None:
    folder = _dominion_copy(tmp_path)
    export = folder / "CvrExport.json"
    text = export.read_text(encoding="utf-8")
    at = text.index('"MarkDensity": ') + len('"MarkDensity": ')
    text = text[:at] + constant + text[text.index(",", at) :]
    export.write_text(text, encoding="utf-8")
    error = error_of(lambda: _dominion_ballots(folder))
    assert error.location == Location(str(export), text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at))
    assert f"holds {constant}, which is not a JSON number" in error.problem


# dominion seeds 580, 1232, 1941, 2774: an id given as text ('-3', '', 'xxx') was read as RCTab reads
# it; a contest entry whose Id is "01" or "1 " would match nothing and its ballot fall out unseen.
@pytest.mark.parametrize(
    ("file", "path", "key"),
    [
        ("CvrExport.json", ("Sessions", 1, "Original", "Cards", 0, "Contests", 0), "Id"),
        ("CvrExport.json", ("Sessions", 1, "Original", "Cards", 0, "Contests", 0, "Marks", 0), "CandidateId"),
        ("CandidateManifest.json", ("List", 0), "ContestId"),
        ("ContestManifest.json", ("List", 0), "Id"),
    ],
)
def test_a_dominion_id_given_as_text_is_refused(tmp_path: Path, file: str, path: tuple[object, ...], key: str) -> None:
    folder = _dominion_copy(tmp_path)
    document = json.loads((folder / file).read_text(encoding="utf-8"))
    record = document
    for step in path:
        record = record[step]  # type: ignore[index]
    record[key] = str(record[key])  # type: ignore[index]
    (folder / file).write_text(json.dumps(document, indent=1), encoding="utf-8")
    error = error_of(lambda: _dominion_ballots(folder))
    assert f"{key} is '" in error.problem and "not an id" in error.problem
    assert error.location.file == str(folder / file) and error.location.line > 0


# cdf-json seeds 686, 732, 2051, 2918: a snapshot's @id given as [1], 1e+300 or false was passed over
# (never the current one), where the schema has it text; one given twice would leave a guess.
@pytest.mark.parametrize("value", [[1], 1e300, False, "s"])
def test_a_cdf_json_snapshot_id_not_text_or_given_twice_is_refused(tmp_path: Path, value: object) -> None:
    document = _cdf_report()
    snapshots = document["CVR"][1]["CVRSnapshot"]
    snapshots.insert(0, {"@id": value, "CVRContest": []})
    race, path = _cdf_race(tmp_path, document)
    text = path.read_text()
    inserted = text.index('"CVRContest": []')
    if value == "s":  # the second of the two, the original snapshot
        at, says = text.index('"@id"', inserted), "CVR 2 has two snapshots with @id 's'"
    else:
        at, says = text.rindex('"@id"', 0, inserted), "the @id of a snapshot of CVR 2 is not a string"
    refused(race, f"{path}:{text.count(chr(10), 0, at) + 1}:{at - text.rfind(chr(10), 0, at)}", says)


def test_a_cdf_xml_snapshot_object_id_given_twice_is_refused(tmp_path: Path) -> None:
    text = (FIXTURES / "cdf_xml" / "cvr.xml").read_text(encoding="utf-8")
    snapshot = '<cdf:CVRSnapshot ObjectId="s2">'
    path = tmp_path / "cvr.xml"
    path.write_text(text.replace(snapshot, snapshot.replace("s2", "s2") + "</cdf:CVRSnapshot>" + snapshot, 1))
    error = error_of(lambda: read("cdf", path, "Mayor, City of Fixture"))
    assert "the CVR has two snapshots with ObjectId 's2'" in error.problem and error.location.line == 4


# cdf-json seeds 1024, 1579, 2459: a SelectionPosition given twice, one rank, was read as an overvote
# (as RCTab would); whether the voter marked once or twice cannot be known.
def test_a_cdf_json_selection_marked_twice_at_one_rank_is_refused(tmp_path: Path) -> None:
    document = _cdf_report()
    selection = document["CVR"][1]["CVRSnapshot"][0]["CVRContest"][0]["CVRContestSelection"][0]
    del selection["Rank"]
    selection["SelectionPosition"] = [{"Rank": 1, "HasIndication": "yes"}, {"Rank": 1, "HasIndication": "yes"}]
    race, path = _cdf_race(tmp_path, document)
    text = path.read_text()
    at = [m for m in range(len(text)) if text.startswith('"Rank": 1', m)][-1]
    place = f"{text.count(chr(10), 0, at) + 1}:{at - text.rfind(chr(10), 0, at)}"
    refused(race, f"{path}:{place}", "selection 'cs1' is marked twice at rank 1 (two SelectionPositions)")


def test_a_cdf_xml_selection_marked_twice_or_given_twice_is_refused(tmp_path: Path) -> None:
    text = (FIXTURES / "cdf_xml" / "cvr.xml").read_text(encoding="utf-8")
    first = text.index("<cdf:SelectionPosition>")
    position = text[first : text.index("</cdf:SelectionPosition>", first) + len("</cdf:SelectionPosition>")]
    path = tmp_path / "cvr.xml"
    path.write_text(text.replace(position, position * 2, 1), encoding="utf-8")
    error = error_of(lambda: read("cdf", path, "Mayor, City of Fixture"))
    assert "selection 'cs-ana' is marked twice at rank 1" in error.problem
    assert error.location == Location(str(path), 3, first + len(position) - text.rfind("\n", 0, first))
    # a selection listed twice in one CVRContest, its ranks in either: as in CDF JSON, refused
    choice = text[text.index("<cdf:CVRContestSelection>") : text.index("</cdf:CVRContestSelection>") + 26]
    path.write_text(text.replace(choice, choice + choice.replace(">1</cdf:Rank>", ">3</cdf:Rank>"), 1))
    error = error_of(lambda: read("cdf", path, "Mayor, City of Fixture"))
    assert "ContestSelectionId 'cs-ana' is given twice in one CVRContest" in error.problem


def test_cdf_write_ins_of_two_selections_at_one_rank_are_still_an_overvote(tmp_path: Path) -> None:
    document = _cdf_report()
    contest = document["Election"][0]["Contest"][0]
    contest["ContestSelection"] += [{"@id": "w1", "IsWriteIn": True}, {"@id": "w2", "IsWriteIn": True}]
    document["CVR"][1]["CVRSnapshot"][0]["CVRContest"][0]["CVRContestSelection"] = [
        {"ContestSelectionId": "w1", "Rank": 1},
        {"ContestSelectionId": "w2", "Rank": 1},
    ]
    path = tmp_path / "cvr.json"
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")
    groups = read("cdf", path, "Mayor", names=("Ana", "Ben"))
    uwi = groups.candidates.index(UWI)
    assert dict(zip(groups.rankings, groups.counts, strict=True)) == {((0,),): 1, ((uwi, uwi),): 1}


def test_a_dominion_candidate_marked_twice_at_one_rank_is_refused(tmp_path: Path) -> None:
    folder = _dominion_copy(tmp_path)
    export = folder / "CvrExport.json"
    document = json.loads(export.read_text(encoding="utf-8"))
    marks = document["Sessions"][1]["Original"]["Cards"][0]["Contests"][0]["Marks"]
    marks.insert(0, dict(marks[0]))
    export.write_text(json.dumps(document, indent=1), encoding="utf-8")
    error = error_of(lambda: _dominion_ballots(folder))
    assert error.location == Location(str(export), *_session_place(export.read_text(encoding="utf-8"), 1))
    assert "one candidate is marked twice at rank 1" in error.problem


# cdf-xml seeds 239, 892, 1507, 2683, 2951: a Rank of 1_000, ٣ or １２ was read, as Python's int()
# reads it; XML Schema's integer is ASCII digits, with XML's white space (only) around them.
@pytest.mark.parametrize("rank", ["1_000", "\u0663", "\uff12", "\u20282", "2\u00a0", "0x2"])
def test_a_cdf_xml_rank_not_in_ascii_digits_is_refused(tmp_path: Path, rank: str) -> None:
    text = (FIXTURES / "cdf_xml" / "cvr.xml").read_text(encoding="utf-8")
    path = tmp_path / "cvr.xml"
    path.write_text(text.replace("<cdf:Rank>2</cdf:Rank>", f"<cdf:Rank>{rank}</cdf:Rank>", 1), encoding="utf-8")
    error = error_of(lambda: read("cdf", path, "Mayor, City of Fixture"))
    assert "is not a whole number" in error.problem and error.location.line == 3


@pytest.mark.parametrize("rank", [" 2 ", "\t+2\n", "02"])
def test_a_cdf_xml_rank_as_xml_schema_writes_integers_is_read(tmp_path: Path, rank: str) -> None:
    text = (FIXTURES / "cdf_xml" / "cvr.xml").read_text(encoding="utf-8")
    path = tmp_path / "cvr.xml"
    path.write_text(text.replace("<cdf:Rank>2</cdf:Rank>", f"<cdf:Rank>{rank}</cdf:Rank>", 1), encoding="utf-8")
    original = read("cdf", FIXTURES / "cdf_xml" / "cvr.xml", "Mayor, City of Fixture")
    assert read("cdf", path, "Mayor, City of Fixture").rankings == original.rankings


def test_a_clear_ballot_header_rank_with_a_unicode_space_is_refused(tmp_path: Path) -> None:
    # Java's trim() takes off what is at most U+0020, as RCTab reads cells; str.strip() more
    text = (FIXTURES / "clear_ballot" / "cvr.csv").read_text(encoding="utf-8")
    path = tmp_path / "cvr.csv"
    path.write_text(text.replace(":City of Fixture, Mayor:1:", ":City of Fixture, Mayor:\u20281:", 1), encoding="utf-8")
    error = error_of(lambda: read("clearBallot", path, "City of Fixture, Mayor", undeclared_write_in_label="Write-in"))
    assert error.location == Location(str(path), 1, 11)
    assert "gives rank '\\u20281'" in error.problem


@pytest.mark.parametrize("value", ["1_000", " 3", "\u0663"])
def test_an_rctab_max_rankings_not_in_digits_is_refused_at_its_key(tmp_path: Path, value: str) -> None:
    # int() would read each as a number (1000, 3, 3)
    (tmp_path / "cvr.csv").write_text("id,Ana,Ben\nr1,1,2\n", encoding="utf-8")
    config = _rctab_config(["cvr.csv"]).replace('"max"', json.dumps(value))
    path = tmp_path / "config.json"
    path.write_text(config, encoding="utf-8")
    at = config.index('"maxRankingsAllowed"')
    line, column = config.count("\n", 0, at) + 1, at - config.rfind("\n", 0, at)
    result = run(["tally", str(path)])
    assert result.exit_code == 2 and f"{path}:{line}:{column}: maxRankingsAllowed is" in result.stderr
