"""``electcli ballots``: every ballot as electcli read and counted it.

- ``--format cdf`` equals RCTab's CDF JSON (``*_expected_cdf_cvr.json``, every case) but for
  ``GeneratedDate`` and ``ReportingDevice`` (which name the program and time) and the ``@type``
  values where RCTab's break the NIST CVR schema, and validates against that schema. The
  ``conversions_*`` cases are RCTab's ``--convert-to-cdf`` output (the ballots uncounted): they
  equal ``--no-count``, and the counted report has the same original snapshots and a round more.
- ``--format csv`` equals RCTab's normalized CVR CSV, counted or not: the conformance cases'
  ``*_expected.csv``, and the ``rctab_cvr.csv`` the RCTab oracle writes for a few contests, one of
  each CVR format (skipped when the oracle cannot run here).
- ``--format trace``: in every round the rows add up to the count's figures (each candidate's
  votes, each reason's inactive ballots), for every conformance case; read back from the CSV for
  the smaller ones, from the trace itself for all.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from electcli.ranked.trace import totals, trace_ballots
from electcli.readers.named_paths import allowed_folders
from tests.conftest import run
from tests.shared_data import shared_path
from tests.test_rctab_conformance import CASES, _config_of, counted_case

CONFORMANCE = shared_path("conformance/rctab", whole_module=True)
SCHEMA = shared_path("schemas/NIST_V0_cast_vote_records.json", whole_module=True)
ORACLE = shared_path("tools/rctab-oracle", whole_module=True)
CDF_CASES = sorted(path.parent.name for path in CONFORMANCE.glob("*/*_expected_cdf_cvr.json"))
# RCTab's "conversion" cases: its --convert-to-cdf mode writes the CVRs without counting them
CONVERSIONS = {case for case in CDF_CASES if case.startswith("conversions_")}
CSV_CASES = sorted(path.parent.name for path in CONFORMANCE.glob("*/*_expected.csv"))
ORACLE_CASES = (
    "precinct_example",
    "generic_csv_test",
    "test_set_1_exhaust_at_overvote",
    "batch_example",
    "unisyn_xml_cdf_city_mayor",
    "skip_to_next_test",  # ES&S with an id column: the Vendor Id
    "dominion_wyoming",  # tabulator, batch, record ids, precinct portions, overvotes in the marks' order
    "hart_travis_county_officers",  # CvrGuid, batch, precinct split; overvotes in the options' order
    "clear_ballot_kansas_primary",  # BallotID, PrecinctID, scan computer
)
# RCTab reads a Hart folder's files in the order the file system lists them, electcli in name
# order: the same rows, in another order
ROWS_IN_ANY_ORDER = {"hart_travis_county_officers"}


@pytest.fixture(autouse=True)
def _shared_sources_allowed() -> Iterator[None]:
    """RCTab's cases name their CVR files in a sibling folder (``../_shared``), as `--allow-path` allows."""
    with allowed_folders([str(CONFORMANCE)]):
        yield


def test_cases_are_there() -> None:
    assert len(CDF_CASES) >= 15 and len(CSV_CASES) >= 3
    assert {"conversions_from_cdf", "conversions_from_dominion", "conversions_from_ess"} == CONVERSIONS


def _ballots(case: str, output_format: str, *options: str) -> str:
    result = run(
        ["ballots", "--allow-path", str(CONFORMANCE), str(_config_of(case)), "--format", output_format, *options]
    )
    assert result.exit_code == 0, result.stderr
    # only what the readers warn about (a CVR file whose last line has no line end)
    assert all(line.startswith("electcli: warning: ") for line in result.stderr.splitlines()), result.stderr
    return result.stdout


def _without_generator(report: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in report.items() if key not in ("GeneratedDate", "ReportingDevice")}


# RCTab's @type values that the NIST schema does not allow -> the schema's (electcli writes these)
SCHEMA_TYPES = {
    "CVR": "CVR.CVR",
    "Election": "CVR.Election",
    "CandidateContest": "CVR.CandidateContest",
    "ContestSelection": "CVR.CandidateSelection",
    "GpUnit": "CVR.GpUnit",
}


def _schema_valid(report: dict[str, Any]) -> dict[str, Any]:
    """RCTab's report with the few changes that make it valid under the NIST schema."""

    def fix(value: Any) -> Any:
        if isinstance(value, dict):
            fixed = {key: fix(item) for key, item in value.items()}
            if fixed.get("@type") in SCHEMA_TYPES:
                fixed["@type"] = SCHEMA_TYPES[fixed["@type"]]
            return fixed
        if isinstance(value, list):
            return [fix(item) for item in value]
        return value

    fixed: dict[str, Any] = fix(report)
    for election in fixed["Election"]:
        for candidate in election["Candidate"]:
            candidate.setdefault("@type", "CVR.Candidate")
    return fixed


def test_rctabs_own_report_is_not_schema_valid_but_fixed_is() -> None:
    # why electcli's report differs from RCTab's in the @type values: the schema requires them
    expected = json.loads((CONFORMANCE / "precinct_example" / "precinct_example_expected_cdf_cvr.json").read_text())
    validator = jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert any(True for _ in validator.iter_errors(expected))
    assert not list(validator.iter_errors(_schema_valid(expected)))


def _expected_cdf(case: str) -> dict[str, Any]:
    expected = json.loads(next((CONFORMANCE / case).glob("*_expected_cdf_cvr.json")).read_text(encoding="utf-8"))
    return _schema_valid(expected)


@pytest.mark.parametrize("case", CDF_CASES)
def test_cdf_equals_rctabs(case: str) -> None:
    mine = json.loads(_ballots(case, "cdf", *(["--no-count"] if case in CONVERSIONS else [])))
    assert _without_generator(mine) == _without_generator(_expected_cdf(case))
    assert mine["ReportingDevice"][0]["Application"].startswith("electcli ")


@pytest.mark.parametrize("case", sorted(CONVERSIONS))
def test_a_conversion_counted_adds_the_rounds_to_the_same_ballots(case: str) -> None:
    # RCTab's conversion is the counted report without its rounds: every ballot's original
    # snapshot is the same, and the count adds one interpreted snapshot per round
    counted = json.loads(_ballots(case, "cdf"))
    expected = _expected_cdf(case)
    assert [cvr["BallotPrePrintedId"] for cvr in counted["CVR"]] == [
        cvr["BallotPrePrintedId"] for cvr in expected["CVR"]
    ]
    rounds = {len(cvr["CVRSnapshot"]) - 1 for cvr in counted["CVR"]}
    assert len(rounds) == 1 and rounds.pop() >= 1
    for mine, theirs in zip(counted["CVR"], expected["CVR"], strict=True):
        assert mine["CVRSnapshot"][0] == theirs["CVRSnapshot"][0]
        assert [snapshot["Type"] for snapshot in theirs["CVRSnapshot"]] == ["original"]
        assert theirs["CurrentSnapshotId"] == theirs["CVRSnapshot"][0]["@id"]
        assert mine["CurrentSnapshotId"] == mine["CVRSnapshot"][-1]["@id"]
        assert mine["CurrentSnapshotId"].startswith(theirs["CurrentSnapshotId"] + "-round-")
    assert counted["Election"] == expected["Election"]


@pytest.mark.parametrize("counted", [True, False], ids=["counted", "no-count"])
@pytest.mark.parametrize("case", CDF_CASES)
def test_cdf_is_valid_nist_cvr(case: str, counted: bool) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    report = json.loads(_ballots(case, "cdf", *([] if counted else ["--no-count"])))
    errors = sorted(validator.iter_errors(report), key=str)
    assert not errors, errors[0].message


@pytest.mark.parametrize("counted", [True, False], ids=["counted", "no-count"])
@pytest.mark.parametrize("case", CSV_CASES)
def test_csv_equals_rctabs_expected(case: str, counted: bool) -> None:
    # the normalized CSV is the ballots as read: the same whether they are counted or not
    expected = next((CONFORMANCE / case).glob("*_expected.csv")).read_bytes().decode("utf-8")
    assert _ballots(case, "csv", *([] if counted else ["--no-count"])) == expected


def test_no_count_has_no_trace(race: Any) -> None:
    path = race("name: Mayor\nrule: irv\ncandidates: [{name: Ana}, {name: Ben}]\nballots: [{ranking: [Ana]}]\n")
    result = run(["ballots", path, "--no-count"])  # the default format is the trace
    assert result.exit_code == 2
    assert "--no-count" in result.stderr and "trace" in result.stderr
    assert result.stdout == ""


def rctab_results(config: Path, folder: Path) -> Path:
    """The folder of the reports RCTab writes for ``config`` (run in ``folder``); skips (one line)
    when the oracle cannot run here."""
    home = Path(os.environ.get("RCTAB_ORACLE_HOME") or Path(os.environ.get("TMPDIR", "/tmp")) / "rctab-oracle")
    if not home.is_dir() or shutil.which("java") is None:
        pytest.skip(f"the RCTab oracle is not built at {home} (run {ORACLE / 'setup'} once)")
    done = subprocess.run(
        [str(ORACLE / "rctab"), str(config), str(folder)],
        capture_output=True,
        text=True,
        env={**os.environ, "RCTAB_JAVA_OPTS": "-Xss16m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"},
        timeout=600,
        cwd=folder.parent,  # RCTab writes its log (rcv_0.log) where it runs: not into the checkout
    )
    if done.returncode != 0:
        pytest.skip(f"the RCTab oracle did not run here (exit {done.returncode})")
    (results,) = folder.glob("output/*Results")
    return results


def _oracle(case: str, folder: Path) -> str:
    """RCTab's own rctab_cvr.csv for ``case``."""
    found = sorted(rctab_results(_config_of(case), folder).glob("*_rctab_cvr.csv"))
    assert len(found) == 1, found
    return found[0].read_bytes().decode("utf-8")


@pytest.mark.parametrize("case", ORACLE_CASES)
def test_csv_equals_the_oracles(case: str, tmp_path: Path) -> None:
    expected = list(csv.reader(io.StringIO(_oracle(case, tmp_path), newline="")))
    mine = list(csv.reader(io.StringIO(_ballots(case, "csv"), newline="")))
    assert mine[0] == expected[0]
    assert len(mine) == len(expected)
    # the oracle copies the configuration and writes its CVR paths absolute
    ours = [[os.path.normpath(CONFORMANCE / case / row[0]), *row[1:]] for row in mine[1:]]
    theirs = expected[1:]
    if case in ROWS_IN_ANY_ORDER:
        ours.sort()
        theirs.sort()
    assert ours == theirs


# -- the trace adds up to the count -------------------------------------------------------------


def _check_totals(case: str) -> None:
    rules, ballots, result = counted_case(case)
    trace = trace_ballots(ballots, rules, result)
    assert len(trace.groups) == len(ballots.rankings)
    for round_, (votes, inactive) in zip(result.rounds, totals(trace, ballots.counts), strict=True):
        winners = {name for earlier in result.rounds if earlier.number < round_.number for name in earlier.elected}
        for name, figure in round_.tally.items():
            if round_.residual_surplus and name in winners:
                assert votes.get(name, 0) >= figure  # the contest's truncation lost the rest
            else:
                assert votes.get(name, 0) == figure, (round_.number, name)
        assert not {name for name, value in votes.items() if value and name not in round_.tally}
        assert {key: value for key, value in inactive.items() if value} == {
            key: value for key, value in round_.inactive.items() if value
        }, round_.number


@pytest.mark.parametrize("case", CASES)
def test_trace_adds_up_to_the_count(case: str) -> None:
    _check_totals(case)


def _read_trace(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    assert reader.fieldnames is not None
    return list(reader.fieldnames), list(reader)


def _cell_votes(cell: str) -> dict[str, Fraction]:
    if not cell:
        return {}
    if cell.startswith("{"):
        return {name: Fraction(str(value)) for name, value in json.loads(cell).items()}
    return {cell: Fraction(1)}


SMALL = [case for case in CASES if "minneapolis_park" not in case and "maine" not in case and "kansas" not in case]


@pytest.mark.parametrize("case", SMALL)
def test_trace_csv_adds_up_to_the_rounds(case: str) -> None:
    _, ballots, result = counted_case(case)
    if result.passes:
        pytest.skip("multi-pass: the library check covers it")
    columns, rows = _read_trace(_ballots(case, "trace"))
    assert len(rows) == ballots.total
    rounds = [column for column in columns if column.startswith("round_")]
    assert len(rounds) == len(result.rounds)
    assert sum(1 for row in rows if row["inactive_reason"] == "ranked_no_one") == result.undervotes
    for number, (round_, column) in enumerate(zip(result.rounds, rounds, strict=True), start=1):
        votes: dict[str, Fraction] = {}
        inactive: dict[str, Fraction] = {}
        for row in rows:
            for name, value in _cell_votes(row[column]).items():
                votes[name] = votes.get(name, Fraction(0)) + value
            if row["inactive_round"] and int(row["inactive_round"]) <= number:
                reason = row["inactive_reason"]
                inactive[reason] = inactive.get(reason, Fraction(0)) + Fraction(row["inactive_value"])
        for name, figure in round_.tally.items():
            if not round_.residual_surplus:
                assert votes.get(name, 0) == figure, (number, name)
        assert {k: v for k, v in inactive.items() if v} == {k: v for k, v in round_.inactive.items() if v}


def test_race_file_ballots(race: Any) -> None:
    path = race(
        "name: Mayor\nrule: irv\ncandidates: [{name: Ana}, {name: Ben}, {name: Cy}]\n"
        "ballots: [{ranking: [Ana, Ben], count: 3}, {ranking: [Ben], count: 3}, {ranking: [Cy, Ben], count: 2},"
        " {ranking: [], count: 1}]\n"
    )
    result = run(["ballots", path])
    assert result.exit_code == 0, result.stderr
    columns, rows = _read_trace(result.stdout)
    assert columns[:4] == ["ballot_id", "source", "precinct", "batch"]
    assert [row["ballot_id"] for row in rows] == [str(n) for n in range(1, 10)]
    # Cy is eliminated after round 1: Cy's two ballots go to Ben, who then has 5 of 8
    assert [row["round_1"] for row in rows] == ["Ana"] * 3 + ["Ben"] * 3 + ["Cy"] * 2 + [""]
    assert [row["round_2"] for row in rows] == ["Ana"] * 3 + ["Ben"] * 5 + [""]
    assert rows[-1]["inactive_reason"] == "ranked_no_one"
    cdf = run(["ballots", path, "--format", "cdf"])
    assert cdf.exit_code == 0, cdf.stderr
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(json.loads(cdf.stdout))


def test_ballots_refuses_a_contest_that_is_not_ranked(race: Any) -> None:
    path = race("name: Clerk\nrule: plurality\ncandidates: [{name: Ana, votes: 3}, {name: Ben, votes: 2}]\n")
    result = run(["ballots", path])
    assert result.exit_code == 2
    assert "no ranked-choice contest" in result.stderr
    assert result.stdout == ""
