"""`electcli diff`: outcome changes, leaders, margins and counts between two snapshots."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import SAMPLES, run

EARLY = """\
election: {name: County General}
contests:
  - name: Mayor
    candidates: [{name: Ana, votes: 100}, {name: Ben, votes: 90}]
  - name: Clerk
    candidates: [{name: Cy, votes: 50}, {name: Dee, votes: 10}]
  - name: Sheriff
    candidates: [{name: Ed, votes: 5}]
"""
LATE = """\
election: {name: County General}
contests:
  - name: Mayor
    candidates: [{name: Ana, votes: 150}, {name: Ben, votes: 160}]
  - name: Clerk
    candidates: [{name: Cy, votes: 70}, {name: Dee, votes: 10}]
  - name: Treasurer
    candidates: [{name: Flo, votes: 1}]
"""


def test_outcome_change_exits_1_and_says_what_changed(race) -> None:  # type: ignore[no-untyped-def]
    old, new = race(EARLY, "early.yaml"), race(LATE, "late.yaml")
    result = run(["diff", old, new])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert "OUTCOME CHANGED Mayor (County General)" in lines
    assert "  winners: [Ana] -> [Ben]" in lines
    assert "  leader: Ana -> Ben" in lines
    assert "  Ben: 90 votes -> 160 votes (+70)" in lines
    assert "CHANGED Clerk (County General)" in lines
    assert "  Cy: 50 votes -> 70 votes (+20)" in lines
    assert "  lead: 40 -> 60 (+20)" in lines
    assert "REMOVED Sheriff (County General)" in lines
    assert "ADDED Treasurer (County General)" in lines


def test_counts_only_changes_exit_0(race) -> None:  # type: ignore[no-untyped-def]
    old = race("name: Mayor\ncandidates: [{name: Ana, votes: 100}, {name: Ben, votes: 90}]\n", "a.yaml")
    new = race("name: Mayor\ncandidates: [{name: Ana, votes: 120}, {name: Ben, votes: 90}]\n", "b.yaml")
    result = run(["diff", old, new])
    assert result.exit_code == 0
    assert "CHANGED Mayor" in result.stdout and "OUTCOME" not in result.stdout


def test_identical_snapshots(race) -> None:  # type: ignore[no-untyped-def]
    path = race(EARLY)
    result = run(["diff", path, path])
    assert result.exit_code == 0
    assert result.stdout.strip().endswith("0 outcome changes, 0 changed, 3 unchanged, 0 added, 0 removed")


def test_json_snapshots_and_json_report(race, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    old_json = tmp_path / "old.json"
    old_json.write_text(run(["tally", race(EARLY, "early.yaml"), "--format", "json"]).stdout)
    result = run(["diff", str(old_json), race(LATE, "late.yaml"), "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["outcome_changed"] is True
    mayor = next(c for c in report["contests"] if c["name"] == "Mayor")
    assert mayor["outcome_changed"] and mayor["changes"]["winners"] == {"old": ["Ana"], "new": ["Ben"]}
    assert mayor["votes"]["Ana"] == {"old": 100, "new": 150}


def test_snapshots_from_different_elections_match_by_name() -> None:
    result = run(
        ["diff", str(SAMPLES / "la-2019-governor-primary.yaml"), str(SAMPLES / "la-2019-governor-runoff.yaml")]
    )
    assert result.exit_code == 1
    assert "  outcome: runoff -> winner" in result.stdout
    assert "  Ralph Abraham: 317,149 votes -> not listed" in result.stdout


def test_bad_snapshots_are_exit_2(tmp_path: Path, race) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.json"
    bad.write_text('{"contests": [1, 2')
    result = run(["diff", str(bad), race(EARLY)])
    assert result.exit_code == 2 and "bad.json:1:" in result.stderr and "not valid JSON" in result.stderr
    other = tmp_path / "other.json"
    other.write_text('{"results": []}')
    assert "no `contests` list" in run(["diff", str(other), str(other)]).stderr


def _seats(a: int, b: int, c: int) -> str:
    return f"name: Council\nseats: 2\ncandidates: [{{name: A, votes: {a}}}, {{name: B, votes: {b}}}, {{name: C, votes: {c}}}]\n"


def test_same_winners_in_another_order_is_not_an_outcome_change(race) -> None:  # type: ignore[no-untyped-def]
    old, new = race(_seats(100, 90, 10), "a.yaml"), race(_seats(100, 120, 10), "b.yaml")
    result = run(["diff", old, new])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "CHANGED Council" in lines and "OUTCOME CHANGED Council" not in lines
    assert "  winners order: [A, B] -> [B, A]" in lines
    assert "  leader: A -> B" in lines
    report = json.loads(run(["diff", old, new, "--format", "json"]).stdout)
    council = report["contests"][0]
    assert report["outcome_changed"] is False and council["outcome_changed"] is False
    assert council["changes"]["winners_order"] == {"old": ["A", "B"], "new": ["B", "A"]}
    assert "winners" not in council["changes"]


def test_same_runoff_pair_in_another_order_exits_0(race) -> None:  # type: ignore[no-untyped-def]
    def runoff(a: int, b: int) -> str:
        return f"name: Senate\nrule: runoff\ncandidates: [{{name: A, votes: {a}}}, {{name: B, votes: {b}}}, {{name: C, votes: 30}}]\n"

    result = run(["diff", race(runoff(40, 35), "a.yaml"), race(runoff(35, 40), "b.yaml")])
    assert result.exit_code == 0
    assert "  advancing order: [A, B] -> [B, A]" in result.stdout.splitlines()


def test_a_different_set_of_winners_is_still_an_outcome_change(race) -> None:  # type: ignore[no-untyped-def]
    result = run(["diff", race(_seats(100, 90, 10), "a.yaml"), race(_seats(100, 90, 95), "b.yaml")])
    assert result.exit_code == 1
    assert "  winners: [A, B] -> [A, C]" in result.stdout.splitlines()


def test_while_leading_a_new_order_of_leaders_is_an_outcome_change(race) -> None:  # type: ignore[no-untyped-def]
    # Incomplete counts compare `leaders` in order: who leads is what is reported while counting.
    def night(a: int, b: int) -> str:
        return (
            "name: Senate\nrule: runoff\nreporting: {reported: 5, expected: 10}\n"
            f"candidates: [{{name: A, votes: {a}}}, {{name: B, votes: {b}}}, {{name: C, votes: 30}}]\n"
        )

    result = run(["diff", race(night(40, 35), "a.yaml"), race(night(35, 40), "b.yaml")])
    assert result.exit_code == 1
    assert "  leaders: [A, B] -> [B, A]" in result.stdout.splitlines()


def test_summary_counts_one_contest_in_the_singular(race) -> None:  # type: ignore[no-untyped-def]
    # "1 contests: 1 outcome changes" read as a slip on election night; check says "1 contest".
    old = race("name: Mayor\ncandidates: [{name: Ana, votes: 100}, {name: Ben, votes: 90}]\n", "a.yaml")
    new = race("name: Mayor\ncandidates: [{name: Ana, votes: 100}, {name: Ben, votes: 190}]\n", "b.yaml")
    result = run(["diff", old, new])
    assert result.exit_code == 1 and result.stderr == ""
    assert result.stdout.splitlines()[-1] == "1 contest: 1 outcome change, 1 changed, 0 unchanged, 0 added, 0 removed"
