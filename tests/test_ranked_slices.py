"""Ranked-choice results by slice (precinct, batch), as RCTab's "tabulate by precinct / batch".

- Every slice report RCTab wrote for a conformance case (``Tabulate by Precinct/``, ``Tabulate by
  Batch/``) is reproduced: the JSON ones equal electcli's ``--format rctab --slices-to`` files but
  for ``generatedBy`` (figures compared as exact decimals: RCTab sometimes writes "2.0000" for 2),
  and the CSV ones' rounds (each candidate's votes, active and inactive ballots) equal them too.
- In every round, the slices add up to the contest: tallies, inactive ballots by reason and
  transfers, for every conformance case split into two made-up slices (every other distinct
  ranking), and for the slices RCTab's cases name, through ``--by-unit --format json``.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from electcli.ranked.ballots import BallotGroups
from electcli.ranked.rounds import RESIDUAL_SURPLUS, RankedResult
from electcli.ranked.slices import follow
from electcli.readers.named_paths import allowed_folders
from tests.conftest import run
from tests.shared_data import shared_path
from tests.test_rctab_conformance import CASES, _config_of, counted_case

CONFORMANCE = shared_path("conformance/rctab", whole_module=True)
SLICED = sorted(
    folder.name for folder in CONFORMANCE.iterdir() if folder.is_dir() and any(folder.glob("Tabulate by */*"))
)
EXPECTED_NAME = re.compile(r"_expected_(.+)_(precinct|batch)_detailed_report\.(json|csv)$")


@pytest.fixture(autouse=True)
def _shared_sources_allowed() -> Iterator[None]:
    """RCTab's cases name their CVR files in a sibling folder (``../_shared``), as `--allow-path` allows."""
    with allowed_folders([str(CONFORMANCE)]):
        yield


def test_cases_with_slice_reports_are_there() -> None:
    assert len(SLICED) >= 5, SLICED


def _figures(value: Any) -> Any:
    """``value`` with every number-like string as an exact Decimal (RCTab keeps a scale: "2.0000")."""
    if isinstance(value, dict):
        return {key: _figures(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_figures(item) for item in value]
    if isinstance(value, str):
        try:
            return Decimal(value).normalize()
        except InvalidOperation:
            return value
    return value


def _written(case: str, folder: Path) -> dict[tuple[str, str], Path]:
    """electcli's slice reports for ``case``, by (file-name part of the slice, kind)."""
    result = run(
        [
            "tally",
            "--allow-path",
            str(CONFORMANCE),
            str(_config_of(case)),
            "--format",
            "rctab",
            "--slices-to",
            str(folder),
        ]
    )
    assert result.exit_code == 0, result.stderr
    # only what the readers warn about (a CVR file whose last line has no line end)
    assert all(line.startswith("electcli: warning: ") for line in result.stderr.splitlines()), result.stderr
    found = {}
    for path in folder.glob("Tabulate by */*_detailed_report.json"):
        kind = path.parent.name.removeprefix("Tabulate by ").lower()
        match = re.search(rf"_(.+)_{kind}_detailed_report\.json$", path.name[len(path.name.split("_")[0]) :])
        assert match, path.name
        found[match.group(1), kind] = path
    return found


def _slice_of(written: dict[tuple[str, str], Path], expected: Path) -> Path:
    match = EXPECTED_NAME.search(expected.name)
    assert match, expected.name
    assert expected.parent.name == f"Tabulate by {match.group(2).capitalize()}"
    # the file-name part of a slice ends electcli's names as it ends RCTab's
    candidates = [
        path for (part, kind), path in written.items() if kind == match.group(2) and part.endswith(match.group(1))
    ]
    exact = [
        path for path in candidates if path.name.endswith(f"_{match.group(1)}_{match.group(2)}_detailed_report.json")
    ]
    assert exact, f"no slice report for {expected.name} among {sorted(p.name for p in written.values())}"
    return min(exact, key=lambda path: len(path.name))


@pytest.mark.parametrize("case", SLICED)
def test_slice_reports_equal_rctabs(case: str, tmp_path: Path) -> None:
    written = _written(case, tmp_path)
    expected_files = sorted((CONFORMANCE / case).glob("Tabulate by */*"))
    assert expected_files
    for expected_path in expected_files:
        mine_path = _slice_of(written, expected_path)
        mine = json.loads(mine_path.read_text(encoding="utf-8"))
        if expected_path.suffix == ".json":
            expected = json.loads(expected_path.read_text(encoding="utf-8"))
            mine["config"]["generatedBy"] = expected["config"]["generatedBy"]
            assert _figures(mine) == _figures(expected), expected_path.name
        else:
            _compare_csv(expected_path, mine)
            _compare_csv_files(expected_path, mine_path.with_suffix(".csv"))
    # RCTab writes one report per slice: so does electcli (no slice left out, none made up)
    slices = {key for key in written}
    assert len(slices) == len(written)


def _compare_csv(path: Path, mine: dict[str, Any]) -> None:
    """An RCTab slice CSV report's rounds against electcli's JSON report of the same slice."""
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    header = next(row for row in rows if row and row[0] == "Rounds")
    by_label = {row[0]: row for row in rows[rows.index(header) + 1 :] if row}
    slice_kind = "precinct" if "precinct" in mine["config"] else "batch"
    assert any(row[:2] == [slice_kind.capitalize(), mine["config"][slice_kind]] for row in rows), path.name
    summary = {row[0]: row[1] for row in rows if len(row) > 1}
    assert Decimal(summary["Total Number of Ballots"]) == Decimal(mine["summary"]["totalNumBallots"])
    assert int(summary["Number of Undervotes (No Rankings)"]) == mine["summary"]["undervotes"]
    reasons = {
        "Inactive Ballots by Overvotes": "overvotes",
        "Inactive Ballots by Skipped Rankings": "skippedRankings",
        "Inactive Ballots by Exhausted Choices": "exhaustedChoices",
        "Inactive Ballots by Repeated Rankings": "repeatedRankings",
    }
    for number, round_ in enumerate(mine["results"]):
        column = 1 + 3 * number
        for candidate, votes in round_["tally"].items():
            assert Decimal(by_label[candidate][column]) == Decimal(votes), (path.name, candidate, number + 1)
        active = sum((Decimal(v) for v in round_["tally"].values()), Decimal(0))
        # RCTab's CSV counts the final-round surplus (the winners' votes with nowhere to go) as active
        surplus = Decimal(round_["inactiveBallots"].get("finalRoundSurplus", "0"))
        assert Decimal(by_label["Active Ballots"][column]) == active + surplus, (path.name, number + 1)
        if surplus:
            assert Decimal(by_label["Final Round Surplus"][column]) == surplus, path.name
        for label, key in reasons.items():
            assert Decimal(by_label[label][column]) == Decimal(round_["inactiveBallots"][key]), (path.name, label)


def _cells(path: Path) -> list[list[Any]]:
    """A CSV report's cells, number-like ones as exact Decimals (RCTab keeps a scale: "6.0000")."""
    text = path.read_bytes().decode("utf-8").replace("\r\n", "\n")
    rows = list(csv.reader(text.splitlines()))
    return [[_figures(cell) if not cell.endswith("%") else cell for cell in row] for row in rows]


def _compare_csv_files(expected: Path, mine: Path) -> None:
    """electcli's CSV slice report against RCTab's: every cell but "Generated By"."""
    theirs, ours = _cells(expected), _cells(mine)
    assert mine.read_bytes().count(b"\r\n") == len(ours)  # RCTab's CSVFormat.DEFAULT ends lines so
    assert len(ours) == len(theirs), mine.name
    for number, (row, expected_row) in enumerate(zip(ours, theirs, strict=True)):
        if row[:1] == ["Generated By"]:
            assert row[1].startswith("electcli ")
            continue
        assert row == expected_row, (mine.name, number + 1)


# -- the slices add up to the contest ----------------------------------------------------------------


def _split(ballots: BallotGroups) -> dict[str, BallotGroups]:
    """Two made-up slices: every other distinct ranking."""
    halves: dict[str, dict[int, int]] = {"even": {}, "odd": {}}
    for i, count in enumerate(ballots.counts):
        halves["even" if i % 2 == 0 else "odd"][i] = count
    sliced = BallotGroups(
        ballots.candidates,
        ballots.rankings,
        ballots.counts,
        ballots.source,
        ballots.undeclared_write_in,
        slices={"batch": halves},
    )
    return {name: sliced.slice("batch", name) for name in halves}


def _assert_adds_up(contest: RankedResult, parts: list[RankedResult]) -> None:
    assert sum(part.total_ballots for part in parts) == contest.total_ballots
    assert sum(part.undervotes for part in parts) == contest.undervotes
    for number, round_ in enumerate(contest.rounds):
        pieces = [part.rounds[number] for part in parts]
        assert all(piece.number == round_.number and piece.threshold == round_.threshold for piece in pieces)
        assert all(piece.elected == round_.elected and piece.eliminated == round_.eliminated for piece in pieces)
        # every ballot of every slice is somewhere: with a candidate or inactive; only the contest
        # has a residual surplus (its decimal truncation), which its winners' figures leave out
        whole = round_.active + round_.inactive_total + round_.residual_surplus
        assert sum((piece.active + piece.inactive_total for piece in pieces), Fraction(0)) == whole
        for reason, votes in round_.inactive.items():
            assert sum((piece.inactive.get(reason, Fraction(0)) for piece in pieces), Fraction(0)) == votes, reason
        assert all(set(piece.tally) == set(round_.tally) for piece in pieces)
        winners_so_far = {name for r in contest.rounds[:number] for name in r.elected}
        for name, votes in round_.tally.items():
            total = sum((piece.tally[name] for piece in pieces), Fraction(0))
            if round_.residual_surplus and name in winners_so_far:
                assert total >= votes  # the slices keep what the contest's truncation lost
            else:
                assert total == votes, (round_.number, name)
        for source, moved in round_.transfers.items():
            for target, votes in moved.items():
                if target == RESIDUAL_SURPLUS:
                    continue
                shares = [piece.transfers.get(source, {}).get(target, Fraction(0)) for piece in pieces]
                assert sum(shares, Fraction(0)) == votes, (round_.number, source, target)


@pytest.mark.parametrize("case", CASES)
def test_slices_add_up_to_the_contest(case: str) -> None:
    rules, ballots, contest = counted_case(case)
    parts = [follow(part, rules, contest) for part in _split(ballots).values()]
    for part in parts:
        assert len(part.rounds) == len(contest.rounds)
    if contest.passes:
        for number, piece in enumerate(contest.passes):
            _assert_adds_up(piece, [part.passes[number] for part in parts])
    else:
        _assert_adds_up(contest, parts)


@pytest.mark.parametrize("case", SLICED)
def test_by_unit_json_units_add_up(case: str) -> None:
    result = run(["tally", "--allow-path", str(CONFORMANCE), str(_config_of(case)), "--by-unit", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)["contests"][0]
    units = record["units"]
    kinds = {unit["by"] for unit in units}
    assert record["units_by"] == ", ".join(kind for kind in ("precinct", "batch") if kind in kinds)
    for kind in kinds:
        mine = [unit for unit in units if unit["by"] == kind]
        assert sum(unit["ballots"]["total"] for unit in mine) == record["ballots"]["total"]
        for number, round_ in enumerate(record["rounds"]):
            assert all(set(unit["rounds"][number]) == set(round_) for unit in mine)
            for name, votes in round_["tally"].items():
                total = sum(Fraction(unit["rounds"][number]["tally"][name]) for unit in mine)
                if "residual_surplus" not in round_:
                    assert total == Fraction(votes), (kind, number + 1, name)
            for reason, votes in round_["inactive"].items():
                assert sum(Fraction(unit["rounds"][number]["inactive"][reason]) for unit in mine) == Fraction(votes)


def test_by_unit_table_shows_the_slices() -> None:
    case = "generic_csv_test"
    result = run(
        ["tally", "--allow-path", str(CONFORMANCE), str(_config_of(case)), "--by-unit"], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.stderr
    assert "by precinct" in result.stdout and "by batch" in result.stdout
    assert re.search(r"^\s*p1\s+13\s", result.stdout, re.MULTILINE)
    assert re.search(r"^\s*no batch id\s+3\s", result.stdout, re.MULTILINE)


def test_slices_to_needs_rctab_format(tmp_path: Path) -> None:
    result = run(
        ["tally", "--allow-path", str(CONFORMANCE), str(_config_of("generic_csv_test")), "--slices-to", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "--format rctab" in result.stderr
    assert result.stdout == ""


def test_slices_to_without_slices_says_so(tmp_path: Path) -> None:
    result = run(
        ["tally", str(_config_of("test_set_0_skipped_first_choice")), "-f", "rctab", "--slices-to", str(tmp_path)]
    )
    assert result.exit_code == 0
    assert "no slice report was written" in result.stderr
    assert not any(tmp_path.iterdir())


def test_by_unit_csv_refuses_ranked_contests() -> None:
    result = run(
        ["tally", "--allow-path", str(CONFORMANCE), str(_config_of("generic_csv_test")), "--by-unit", "--format", "csv"]
    )
    assert result.exit_code == 2
    assert "--by-unit --format json" in result.stderr
    assert result.stdout == ""
