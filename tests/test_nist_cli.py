"""NIST SP 1500-100 through the command line: `--format nist`, and reports read back as input."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import SAMPLES, run


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
