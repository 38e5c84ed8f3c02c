"""Hints that lead a new user to the fix: each mistake a first race file makes is refused (exit 2)
with a message on stderr saying what to write instead."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT, run

TWO = "candidates: [{name: A, votes: 60}, {name: B, votes: 40}]\n"
YES_NO = 'choices: [{name: "Yes", votes: 60}, {name: "No", votes: 40}]\n'


def refused(result) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    return str(result.stderr)


def test_threshold_as_a_contest_key_points_at_the_rule(race) -> None:  # type: ignore[no-untyped-def]
    stderr = refused(run(["tally", race('name: Amendment 1\nthreshold: ">=60%"\n' + YES_NO)]))
    assert "race.yaml:2:1: `threshold:` is not a contest key: it belongs inside `rule:`" in stderr
    assert 'write rule: {method: measure, threshold: ">=60%"} in place of this line' in stderr


def test_threshold_beside_a_rule_in_a_contest_list(race) -> None:  # type: ignore[no-untyped-def]
    text = 'contests:\n  - name: Mayor\n    rule: runoff\n    threshold: ">=40%"\n    ' + TWO
    stderr = refused(run(["tally", race(text)]))
    assert "race.yaml:4:5: `threshold:` is not a contest key" in stderr
    assert 'write rule: {method: runoff, threshold: ">=40%"} in place of `rule:` and this line' in stderr


def test_advance_as_a_contest_key(race) -> None:  # type: ignore[no-untyped-def]
    stderr = refused(run(["tally", race("name: Primary\nrule: top\nadvance: 4\n" + TWO)]))
    assert "`advance:` is not a contest key" in stderr and "write rule: {method: top, advance: 4}" in stderr


def test_rule_majority_suggests_runoff(race) -> None:  # type: ignore[no-untyped-def]
    stderr = refused(run(["tally", race("name: Mayor\nrule: majority\n" + TWO)]))
    assert "race.yaml:2:7: unknown rule 'majority'" in stderr
    assert "did you mean `runoff`?" in stderr


def test_rule_majority_on_a_measure_suggests_measure(race) -> None:  # type: ignore[no-untyped-def]
    stderr = refused(run(["tally", race("name: Question 1\nrule: majority\n" + YES_NO)]))
    assert "did you mean `measure`?" in stderr


def test_majority_given_to_openelections_suggests_runoff(tmp_path: Path) -> None:
    csv = tmp_path / "results.csv"
    csv.write_text("county,office,district,party,candidate,votes\nX,Mayor,,,A,10\nX,Mayor,,,B,5\n")
    stderr = refused(run(["tally", str(csv), "--office", "Mayor", "--rule", "majority"]))
    assert "unknown rule 'majority'" in stderr and "did you mean `runoff`?" in stderr


def test_comma_in_a_flow_mapping_suggests_quotes(race) -> None:  # type: ignore[no-untyped-def]
    stderr = refused(run(["tally", race("election: {name: City, jurisdiction: Boston, MA}\nname: Mayor\n" + TWO)]))
    assert "race.yaml:1:46: unknown key 'MA' in election" in stderr
    assert 'text with a comma inside { } must be quoted: jurisdiction: "Boston, MA"' in stderr


def test_names_listed_inside_braces_without_brackets_suggest_a_list(race) -> None:  # type: ignore[no-untyped-def]
    # The hint was to quote the names as one text, which `expected` then refused as not a list.
    text = "name: Mayor\nrule: runoff\ncandidates: [{name: Ana Alvarez, votes: 45}, {name: Ben Brooks, votes: 35}, {name: Cy, votes: 20}]\n"
    stderr = refused(run(["tally", race(text + "expected: {outcome: runoff, advancing: Ana Alvarez, Ben Brooks}\n")]))
    assert "unknown key 'Ben Brooks' in expected" in stderr
    assert "advancing: [Ana Alvarez, Ben Brooks]" in stderr and "quoted" not in stderr
    fixed = run(
        ["check", race(text + "expected: {outcome: runoff, advancing: [Ana Alvarez, Ben Brooks]}\n", "fixed.yaml")]
    )
    assert fixed.exit_code == 0 and fixed.stdout.startswith("PASS")


def test_an_expectation_left_unindented_points_inside_expected(race) -> None:  # type: ignore[no-untyped-def]
    stderr = refused(run(["tally", race("name: Mayor\n" + TWO + "expected:\noutcome: winner\n")]))
    assert "race.yaml:4:1: unknown key 'outcome' in the contest" in stderr
    assert "`outcome:` belongs inside `expected:`: indent it under `expected:` by two spaces" in stderr
    stderr = refused(run(["tally", race("name: Mayor\n" + TWO + "reported: 3\n", "r.yaml")]))
    assert "write reporting: {reported: 17, expected: 20}" in stderr


def test_expected_or_reporting_written_as_one_value_shows_the_mapping(race) -> None:  # type: ignore[no-untyped-def]
    stderr = refused(run(["tally", race("name: Measure A\n" + YES_NO + "expected: pass\n")]))
    assert "expected must be a mapping of keys to values, not 'pass'" in stderr
    assert "write expected: {outcome: pass}" in stderr
    stderr = refused(run(["tally", race("name: Mayor\n" + TWO + "reporting: 17 of 20\n", "r.yaml")]))
    assert "write reporting: {reported: 17, expected: 20}" in stderr


def test_a_candidate_split_over_two_items_shows_one_item(race) -> None:  # type: ignore[no-untyped-def]
    stderr = refused(
        run(["tally", race("name: Council\ncandidates:\n  - name: A\n  - votes: 6\n  - {name: B, votes: 4}\n")])
    )
    assert "race.yaml:4:5: a candidate has no `name:`" in stderr
    assert "with no `- ` of its own" in stderr


def test_a_measure_preset_for_candidates_is_named(race) -> None:  # type: ignore[no-untyped-def]
    stderr = refused(run(["tally", race("name: Measure C\nrule: us-fl-amendment\n" + TWO)]))
    assert "rule 'us-fl-amendment' (a ballot measure) needs `choices:` (Yes and No)" in stderr


def test_comma_in_a_candidate_name_suggests_quotes(race) -> None:  # type: ignore[no-untyped-def]
    stderr = refused(run(["tally", race("name: Mayor\ncandidates: [{name: Smith, John, votes: 6}, {name: B}]\n")]))
    assert "unknown key 'John' in a candidate" in stderr and 'name: "Smith, John"' in stderr


def test_a_real_unknown_key_still_lists_the_allowed_keys(race) -> None:  # type: ignore[no-untyped-def]
    stderr = refused(run(["tally", race("name: Mayor\ncandidates: [{name: A, votes: 6, x}]\n")]))
    assert "unknown key 'x' in a candidate" in stderr and "allowed keys:" in stderr and "quoted" not in stderr


def test_nist_report_on_standard_input_is_recognised() -> None:
    report = (ROOT / "tests/fixtures/nist/other-producer.json").read_text(encoding="utf-8")
    result = run(["tally", "-", "--format", "json"], stdin=report)
    assert result.exit_code == 0, result.stderr
    names = [contest["name"] for contest in json.loads(result.stdout)["contests"]]
    assert "Governor" in names


def test_electcli_json_on_standard_input_is_named(race) -> None:  # type: ignore[no-untyped-def]
    output = run(["tally", race("name: Mayor\n" + TWO), "--format", "json"]).stdout
    stderr = refused(run(["tally", "-"], stdin=output))
    assert "-: is electcli's own JSON output, not an input" in stderr


def test_race_file_in_json_syntax_on_standard_input_stays_a_race_file() -> None:
    text = '{"name": "Mayor", "candidates": [{"name": "A", "votes": 3}, {"name": "B", "votes": 1}]}'
    result = run(["tally", "-", "--format", "json"], stdin=text)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["contests"][0]["winners"] == ["A"]


def test_unfilled_runoff_file_says_no_votes_were_entered(tmp_path: Path) -> None:
    runoff_file = tmp_path / "runoff.yaml"
    written = run(["runoff", str(ROOT / "sample_races/al-2020-senate-gop-primary.yaml"), "-o", str(runoff_file)])
    assert written.exit_code == 0
    result = run(["tally", str(runoff_file)])
    assert result.exit_code == 0
    assert "no votes have been entered for 'United States Senator (Republican)'" in result.stderr
    assert "every count is 0" in result.stderr
    assert "no votes have been entered" not in result.stdout  # the note is for people, not for pipes
    filled = runoff_file.read_text(encoding="utf-8").replace("votes: 0}", "votes: 5}", 1)
    runoff_file.write_text(filled, encoding="utf-8")
    assert run(["tally", str(runoff_file)]).stderr == ""


@pytest.mark.parametrize(
    ("word", "hint"),
    [
        ("supermajority", 'rule: {method: runoff, threshold: ">=60%"}'),
        ("fptp", "did you mean `plurality`?"),
        ("First Past The Post", "did you mean `plurality`?"),
        ("rcv", "ranked-choice is rule: irv (one seat) or stv (several)"),
        ("instant_runoff", "did you mean `irv`?"),
    ],
)
def test_words_for_rules_name_the_rule_meant(race, word: str, hint: str) -> None:  # type: ignore[no-untyped-def]
    stderr = refused(run(["tally", race(f"name: Mayor\nrule: {word}\n" + TWO)]))
    assert f"unknown rule {word!r}" in stderr and hint in stderr


def test_supermajority_on_a_measure_suggests_a_measure_threshold(race) -> None:  # type: ignore[no-untyped-def]
    stderr = refused(run(["tally", race("name: Question 1\nrule: supermajority\n" + YES_NO)]))
    assert 'did you mean `measure`? write rule: {method: measure, threshold: ">=60%"}' in stderr


def test_threshold_beside_a_preset_says_the_preset_fixes_it(race) -> None:  # type: ignore[no-untyped-def]
    stderr = refused(run(["tally", race('name: Amendment 2\nrule: us-fl-amendment\nthreshold: ">=50%"\n' + YES_NO)]))
    assert "preset 'us-fl-amendment' fixes the threshold by law; to set your own, write" in stderr
    assert 'rule: {method: measure, threshold: ">=50%"} in place of `rule:` and this line' in stderr
