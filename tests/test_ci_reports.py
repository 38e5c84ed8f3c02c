"""`electcli check` reports for CI: JUnit XML (read back with a real XML parser), JSON, and
GitHub Actions annotations; the exit statuses stay as the contract says."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, run

FAILING = """\
name: Senate
rule: runoff
candidates: [{name: A, votes: 45}, {name: B, votes: 35}, {name: C, votes: 20}]
expected:
  outcome: winner
  winners: [A]
"""
PASSING = "name: Mayor\ncandidates: [{name: Ana, votes: 5}, {name: Ben, votes: 3}]\nexpected: {winners: [Ana]}\n"
UNCHECKED = "name: Clerk\ncandidates: [{name: Cy, votes: 5}]\n"
BROKEN = "name: Broken\ncandidates: [{name: Dee, votes: 1.5}]\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name, text in (("failing.yaml", FAILING), ("passing.yaml", PASSING), ("unchecked.yaml", UNCHECKED)):
        (tmp_path / name).write_text(text)
    return tmp_path


def test_junit_report_parses_and_counts(folder: Path, tmp_path: Path) -> None:
    (folder / "broken.yaml").write_text(BROKEN)
    junit = tmp_path / "report.xml"
    result = run(["check", str(folder), "--junit", str(junit)])
    assert result.exit_code == 2  # an invalid file wins over a failure
    root = ET.parse(junit).getroot()
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors"), suite.get("skipped")) == (
        "4",
        "1",
        "1",
        "1",
    )
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    failure = cases["Senate"].find("failure")
    assert failure is not None
    assert "outcome: expected winner, got runoff" in (failure.get("message") or "")
    assert cases["Senate"].get("line") == "4"
    assert cases["Clerk"].find("skipped") is not None
    assert cases["Mayor"].find("failure") is None and cases["Mayor"].find("skipped") is None
    error = cases["invalid input"].find("error")
    assert error is not None and "not a whole number" in (error.get("message") or "")


def test_junit_for_passing_samples(tmp_path: Path) -> None:
    junit = tmp_path / "samples.xml"
    result = run(["check", str(SAMPLES), "--junit", str(junit)])
    assert result.exit_code == 0
    suite = ET.parse(junit).getroot().find("testsuite")
    assert suite is not None and suite.get("failures") == "0" and int(suite.get("tests") or 0) >= 9


def test_json_report(folder: Path) -> None:
    result = run(["check", str(folder), "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["summary"] == {"files": 3, "passed": 1, "failed": 1, "unchecked": 1, "invalid": 0}
    failed = next(c for c in report["contests"] if c["status"] == "failed")
    assert failed["contest"] == "Senate" and failed["line"] == 4
    assert {"field": "outcome", "expected": "winner", "actual": "runoff"} in failed["mismatches"]
    assert {"field": "winners", "expected": ["A"], "actual": []} in failed["mismatches"]


def test_json_report_lists_invalid_files(folder: Path) -> None:
    (folder / "broken.yaml").write_text(BROKEN)
    result = run(["check", str(folder), "--format", "json"])
    assert result.exit_code == 2
    (error,) = json.loads(result.stdout)["errors"]
    assert error["file"].endswith("broken.yaml") and error["line"] == 2 and "whole number" in error["hint"]


def test_github_annotations_point_at_the_file_and_line(folder: Path) -> None:
    (folder / "broken.yaml").write_text(BROKEN)
    result = run(["check", str(folder)], env={"GITHUB_ACTIONS": "true"})
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert len(annotations) == 2
    failing = next(line for line in annotations if "failing.yaml" in line)
    assert f"file={folder / 'failing.yaml'},line=4,col=1," in failing
    assert failing.endswith(
        "::Senate: outcome: expected winner, got runoff; winners (in finishing order): expected [A], got []"
    )
    broken = next(line for line in annotations if "broken.yaml" in line)
    assert ",line=2,col=" in broken


def test_no_annotations_outside_github(folder: Path) -> None:
    assert "::error" not in run(["check", str(folder)], env={"GITHUB_ACTIONS": ""}).stdout


def test_annotation_text_is_escaped(tmp_path: Path) -> None:
    (tmp_path / "odd, name.yaml").write_text(
        "name: 'a: b, 100%'\ncandidates: [{name: A, votes: 1}, {name: B, votes: 2}]\nexpected: {winners: [A]}\n"
    )
    result = run(["check", str(tmp_path)], env={"GITHUB_ACTIONS": "true"})
    (line,) = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert "odd%2C name.yaml" in line
    assert line.endswith("::a: b, 100%25: winners (in finishing order): expected [A], got [B]")


def test_unwritable_junit_path_is_a_usage_error(folder: Path) -> None:
    result = run(["check", str(folder), "--junit", str(folder / "missing" / "r.xml")])
    assert result.exit_code == 2 and "cannot write" in result.stderr


def test_json_report_stays_json_under_github(folder: Path) -> None:
    result = run(["check", str(folder), "--format", "json"], env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    assert json.loads(result.stdout)["summary"]["failed"] == 1  # stdout is one JSON document
    assert result.stderr.count("::error ") == 1
