"""NIST SP 1500-100 through the command line: `--format nist`, and reports read back as input."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SAMPLES, run

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "nist"


def test_round_trip_through_the_cli(tmp_path: Path) -> None:
    source = str(SAMPLES / "al-2017-senate-special.yaml")
    report = tmp_path / "report.json"
    written = run(["tally", source, "--format", "nist"])
    assert written.exit_code == 0 and written.stderr == ""
    report.write_text(written.stdout)
    assert json.loads(written.stdout)["@type"] == "ElectionResults.ElectionReport"
    before = json.loads(run(["tally", source, "--format", "json"]).stdout)["contests"][0]
    after = json.loads(run(["tally", str(report), "--format", "json"]).stdout)["contests"][0]
    for field in ("total_votes", "outcome", "winners", "write_ins"):
        assert before[field] == after[field], field
    assert [(c["name"], c["votes"]) for c in before["candidates"]] == [
        (c["name"], c["votes"]) for c in after["candidates"]
    ]


def test_nist_output_is_byte_identical() -> None:
    source = str(SAMPLES / "measure-two-thirds.yaml")
    assert run(["tally", source, "--format", "nist"]).stdout == run(["tally", source, "--format", "nist"]).stdout


def test_other_json_is_named_and_refused(tmp_path: Path) -> None:
    ours = tmp_path / "ours.json"
    ours.write_text(run(["tally", str(SAMPLES / "tie-by-lot.yaml"), "--format", "json"]).stdout)
    result = run(["tally", str(ours)])
    assert result.exit_code == 2 and "electcli's own JSON output" in result.stderr
    rctab = tmp_path / "config.json"
    rctab.write_text('{"tabulatorVersion": "1.3.0", "cvrFileSources": []}')
    assert "RCTab" in run(["tally", str(rctab)]).stderr
    broken = tmp_path / "broken.json"
    broken.write_text('{"@type": "ElectionResults.ElectionReport",\n  "Election": [}')
    result = run(["tally", str(broken)])
    assert result.exit_code == 2 and "broken.json:2:" in result.stderr


def test_standard_input_as_json(tmp_path: Path) -> None:
    report = run(["tally", str(SAMPLES / "tie-by-lot.yaml"), "--format", "nist"]).stdout
    result = run(["tally", "-", "--input-format", "json", "--format", "csv"], stdin=report)
    assert result.exit_code == 0 and "David Yancey" in result.stdout


# Found by the fuzzer (nist seed 836): a ComposingGpUnitIds entry naming no GpUnit was accepted, and
# the county it described, which no longer added up, was passed over for its precincts unchecked.
def _report_with(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    report = json.loads((FIXTURES / "other-producer.json").read_text(encoding="utf-8"))
    change(report)
    path = tmp_path / "report.json"
    path.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return path


def _unit(report: dict[str, Any], unit: str) -> dict[str, Any]:
    found: dict[str, Any] = next(g for g in report["GpUnit"] if g["@id"] == unit)
    return found


def test_a_composing_unit_id_naming_no_unit_is_refused_at_its_line(tmp_path: Path) -> None:
    path = _report_with(tmp_path, lambda report: _unit(report, "cty-1").update(ComposingGpUnitIds=["p-1a", "p-9"]))
    result = run(["tally", str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = path.read_text(encoding="utf-8").split("\n")
    line = next(n for n, text in enumerate(lines, 1) if '"p-9"' in text) - 2  # the key, above the list's items
    assert lines[line - 1].strip() == '"ComposingGpUnitIds": ['
    assert f"{path}:{line}:" in result.stderr, result.stderr
    assert "GpUnit 'cty-1''s ComposingGpUnitIds names 'p-9', which is no GpUnit of the report" in result.stderr


@pytest.mark.parametrize(
    ("change", "says"),
    [
        # cty-1 (150 for Smith) now said to be made of p-1a alone (100): p-1b is counted on its own
        (lambda report: _unit(report, "cty-1").update(ComposingGpUnitIds=["p-1a"]), "has 150 votes in GpUnit 'cty-1'"),
        # cty-2's count for Jones no longer the sum of its precincts' (90 + 40)
        (
            lambda report: next(
                v
                for s in report["Election"][0]["Contest"][0]["ContestSelection"]
                if s["@id"] == "cs-jones"
                for v in s["VoteCounts"]
                if v["GpUnitId"] == "cty-2"
            ).update(Count=131),
            "has 131 votes in GpUnit 'cty-2'",
        ),
    ],
)
def test_a_composed_unit_that_does_not_add_up_is_refused(
    tmp_path: Path, change: Callable[[dict[str, Any]], None], says: str
) -> None:
    path = _report_with(tmp_path, change)
    result = run(["tally", str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"{path}:" in result.stderr and says in result.stderr, result.stderr
    assert "the units it is made of (ComposingGpUnitIds) add up to" in result.stderr
