"""Ranked-choice contests in race files (shared/spec/ranked-choice.md): what is read, and every
refusal, each with the file, line and column, what is wrong and what would be right."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from electcli.errors import InputError
from electcli.model import Contest
from electcli.ranked.rules import (
    EXHAUST,
    EXHAUST_IF_MULTIPLE_CONTINUING,
    IRV,
    MAJORITY,
    MULTI_WINNER,
    SKIP,
    STV,
    TIE_NONE,
    TIE_ORDER,
    TIE_RANDOM,
)
from electcli.readers import read_input
from tests.conftest import run

HEAD = "name: Mayor\nrule: irv\ncandidates: [{name: Ana}, {name: Ben}, {name: Cy}]\n"
BALLOTS = "ballots:\n  - {ranking: [Ana, Ben], count: 3}\n"


def contest_of(race, text: str) -> Contest:  # type: ignore[no-untyped-def]
    (contest,) = read_input(race(text)).contests
    return contest


def error(race, text: str) -> InputError:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as caught:
        read_input(race(text))
    return caught.value


def rankings(contest: Contest) -> dict[tuple[tuple[int, ...], ...], int]:
    assert contest.ballots is not None
    return dict(zip(contest.ballots.rankings, contest.ballots.counts, strict=True))


# -- what is read ---------------------------------------------------------------------------------


def test_the_spec_example(race) -> None:  # type: ignore[no-untyped-def]
    contest = contest_of(
        race,
        """\
        name: Mayor
        rule: irv
        candidates: [{name: Ana}, {name: Ben}, {name: Cy}]
        ballots:
          - {ranking: [Ana, Ben], count: 120}
          - {ranking: [Ben, "", Cy], count: 5}
          - {ranking: [[Ana, Ben], Cy], count: 2}
        options:
          overvote: exhaust
          max_skipped: 1
          duplicate: skip
          max_rankings: 5
          batch_elimination: false
          continue_until_two: false
        tiebreak: [Cy, Ben, Ana]
        """,
    )
    assert contest.rule.method == IRV and contest.seats == 1
    assert [c.name for c in contest.candidates] == ["Ana", "Ben", "Cy"]
    assert all(c.votes == 0 for c in contest.candidates)
    assert contest.ballots is not None and contest.ballots.candidates == ("Ana", "Ben", "Cy")
    # a rank is a tuple of candidate indices: () skipped, two or more an overvote
    assert rankings(contest) == {((0,), (1,)): 120, ((1,), (), (2,)): 5, ((0, 1), (2,)): 2}
    rules = contest.ranked
    assert rules is not None
    assert (rules.method, rules.seats, rules.winner_mode) == (IRV, 1, MAJORITY)
    assert (rules.overvote, rules.max_skipped, rules.duplicate, rules.max_rankings) == (EXHAUST, 1, SKIP, 5)
    assert rules.batch_elimination is False and rules.continue_until_two is False
    assert (rules.tiebreak.mode, rules.tiebreak.order) == (TIE_ORDER, ("Cy", "Ben", "Ana"))
    assert contest.tiebreak == ("Cy", "Ben", "Ana")
    assert contest.tiebreak_location is not None and contest.tiebreak_location.line == 15


def test_defaults(race) -> None:  # type: ignore[no-untyped-def]
    contest = contest_of(race, HEAD + "ballots: [{ranking: [Ana]}]\n")
    assert rankings(contest) == {((0,),): 1}  # count defaults to 1
    rules = contest.ranked
    assert rules is not None
    assert (rules.overvote, rules.max_skipped, rules.duplicate, rules.max_rankings) == (EXHAUST, None, SKIP, None)
    assert (rules.batch_elimination, rules.continue_until_two, rules.quota) == (False, False, "droop")
    assert rules.tiebreak.mode == TIE_NONE and contest.tiebreak is None and contest.expected is None


def test_identical_rankings_group_and_trailing_skips_drop(race) -> None:  # type: ignore[no-untyped-def]
    contest = contest_of(
        race,
        HEAD + "ballots:\n  - {ranking: [Ana, Ben], count: 2}\n  - {ranking: [Ana, Ben, '', ''], count: 3}\n"
        "  - {ranking: [[Ben, Ana]]}\n  - {ranking: [[Cy]]}\n  - {ranking: []}\n  - {ranking: [Ana, Ana], count: 0}\n",
    )
    assert rankings(contest) == {((0,), (1,)): 5, ((0, 1),): 1, ((2,),): 1, (): 1, ((0,), (0,)): 0}


def test_stv_with_options_and_a_seeded_draw(race) -> None:  # type: ignore[no-untyped-def]
    contest = contest_of(
        race,
        """\
        name: Council
        rule: {method: stv}
        seats: 2
        candidates: [{name: Ana, party: Green}, {name: Ben, write_in: true}, {name: Cy}]
        ballots: [{ranking: [Ana, Cy], count: 7}, {ranking: [Ben]}]
        options: {quota: hare, overvote: skip, duplicate: exhaust, max_skipped: unlimited, max_rankings: all}
        tiebreak: {random: 20261103}
        expected: {outcome: winner, winners: [Ana, Ben]}
        """,
    )
    rules = contest.ranked
    assert rules is not None
    assert (rules.method, rules.seats, rules.winner_mode, rules.quota) == (STV, 2, MULTI_WINNER, "hare")
    assert (rules.overvote, rules.duplicate, rules.max_skipped, rules.max_rankings) == (SKIP, EXHAUST, None, None)
    assert (rules.tiebreak.mode, rules.tiebreak.seed, rules.tiebreak.java_random) == (TIE_RANDOM, 20261103, False)
    assert contest.tiebreak is None  # no order to record
    assert contest.candidates[0].party == "Green" and contest.candidates[1].write_in
    assert contest.expected is not None and contest.expected.winners == ("Ana", "Ben")


def test_overvote_exhaust_if_multiple_continuing(race) -> None:  # type: ignore[no-untyped-def]
    # An electcli extension of the contract's exhaust | skip (RCTab's exhaustIfMultipleContinuing).
    contest = contest_of(race, HEAD + BALLOTS + "options: {overvote: exhaust_if_multiple_continuing}\n")
    assert contest.ranked is not None
    assert contest.ranked.overvote == EXHAUST_IF_MULTIPLE_CONTINUING


def test_a_misspelt_overvote_rule_lists_the_three_values(race) -> None:  # type: ignore[no-untyped-def]
    found = error(race, HEAD + BALLOTS + "options: {overvote: exhaust_if_multiple}\n")
    assert (found.location.line, found.location.column) == (6, 21)
    assert "overvote 'exhaust_if_multiple' is not one of exhaust, skip, exhaust_if_multiple_continuing" in found.problem
    assert "did you mean 'exhaust_if_multiple_continuing'" in found.hint
    for value in ("exhaust (", "skip (", "exhaust_if_multiple_continuing ("):
        assert value in found.hint, found.message


def test_single_contest_and_contests_list(race) -> None:  # type: ignore[no-untyped-def]
    text = textwrap.indent(HEAD + BALLOTS, "    ").replace("    name:", "  - name:", 1)
    race_file = read_input(race("contests:\n" + text + "  - {name: Other, candidates: [{name: X, votes: 1}]}\n"))
    assert [c.rule.method for c in race_file.contests] == ["irv", "plurality"]
    assert race_file.contests[0].ballots is not None and race_file.contests[1].ballots is None


def test_ballots_file_beside_the_race_file(race, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "cvr").mkdir()
    (tmp_path / "cvr" / "ballots.csv").write_text("ballot_id,rank1,rank2\n1,Ana,Ben\n2,Ana,Ben\n3,Cy,\n4,Ben|Cy,Ana\n")
    contest = contest_of(race, HEAD + "ballots: {file: cvr/ballots.csv}\n")
    assert rankings(contest) == {((0,), (1,)): 2, ((2,),): 1, ((1, 2), (0,)): 1}
    assert contest.ballots is not None and contest.ballots.source.endswith("ballots.csv")
    ((shown, digest),) = contest.sources
    assert shown.endswith("cvr/ballots.csv") and len(digest) == 64


def test_ballots_list_mixes_files_and_rankings(race, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.csv").write_text("rank1,rank2\nAna,Ben\n")
    (tmp_path / "b.csv").write_text("rank1\nCy\n")
    contest = contest_of(
        race, HEAD + "ballots:\n  - {file: a.csv}\n  - {ranking: [Ana, Ben], count: 2}\n  - {file: b.csv}\n"
    )
    assert rankings(contest)[((0,), (1,))] == 3 and len(contest.sources) == 2


def test_candidate_aliases_resolve_cvr_spellings(race, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "cvr.csv").write_text("rank1,rank2\nA1,Ben\n")
    contest = contest_of(
        race,
        "name: M\nrule: irv\ncandidates: [{name: Ana, aliases: [A1]}, {name: Ben}]\nballots: {file: cvr.csv}\n",
    )
    assert rankings(contest) == {((0,), (1,)): 1}


# -- refusals -------------------------------------------------------------------------------------

REFUSALS = [
    # (text, line, column, fragment of the problem, fragment of the hint)
    (HEAD + "ballots: [{ranking: [Ana, Bem]}]\n", 4, 27, "rank 2 names 'Bem', who is not a candidate", "'Ben'"),
    (HEAD + "ballots: [{ranking: [[Ana, Zed]]}]\n", 4, 28, "rank 1 names 'Zed'", "the names are"),
    (HEAD + "ballots: [{ranking: [Ana], count: -3}]\n", 4, 35, "ballot count '-3' is negative", "whole number"),
    (HEAD + "ballots: [{ranking: [Ana], count: 1.5}]\n", 4, 35, "'1.5' is not a whole number", ""),
    (HEAD + "ballots: [{ranking: [Ana], count: many}]\n", 4, 35, "'many' is not a number", ""),
    (HEAD + "ballots: [{ranking: [Ana], counts: 2}]\n", 4, 28, "unknown key 'counts'", "did you mean 'count'"),
    (HEAD + "ballots: [{count: 2}]\n", 4, 11, "has no 'ranking'", "add `ranking:`"),
    (HEAD + "ballots: [[Ana, Ben]]\n", 4, 11, "a ballot must be a mapping", "{ranking: [Ana, Ben], count: 12}"),
    (HEAD + "ballots: [{ranking: Ana}]\n", 4, 21, "a ranking must be a list of names", "first choice first"),
    (HEAD + "ballots: [{ranking: [[Ana, Ana]]}]\n", 4, 28, "'Ana' is marked twice at rank 1", "once"),
    (HEAD + "ballots: [{ranking: [[Ana, '']]}]\n", 4, 28, "rank 1 marks empty", "overvote"),
    (HEAD + "ballots: [{ranking: [{Ana: 1}]}]\n", 4, 22, "rank 1 is a mapping", "skipped rank"),
    (HEAD + "ballots: []\n", 4, 10, "`ballots:` is an empty list", "at least one ballot"),
    (HEAD + "ballots: Ana\n", 4, 10, "ballots must be a list", ""),
    (
        "name: M\nrule: irv\ncandidates: [{name: Ana, votes: 3}]\n" + BALLOTS,
        3,
        26,
        "a ranked-choice candidate has no `votes:`",
        "the ballots give the counts",
    ),
    ("name: M\nrule: irv\ncandidates: [{name: Ana}]\n", 2, 7, "rule 'irv' is ranked-choice", "ballots:"),
    ("name: M\ncandidates: [{name: Ana}]\n" + BALLOTS, 3, 1, "this contest has no `rule:`", "rule: irv"),
    ("name: M\nrule: plurality\ncandidates: [{name: Ana}]\n" + BALLOTS, 2, 7, "rule 'plurality' counts votes", ""),
    (
        "name: M\nrule: {method: irv, threshold: '>50%'}\ncandidates: [{name: Ana}]\n" + BALLOTS,
        2,
        21,
        "no `threshold`",
        "",
    ),
    ("name: M\nrule: irv\n" + BALLOTS, 1, 1, "has no `candidates:`", "[{name: Ana}, {name: Ben}]"),
    ("name: M\nrule: irv\ncandidates: []\n" + BALLOTS, 3, 13, "empty list", ""),
    ("name: M\nrule: irv\ncandidates: [{name: A}, {name: A}]\n" + BALLOTS, 3, 32, "listed twice", ""),
    ("name: M\nrule: irv\ncandidates: [{name: Undeclared Write-ins}]\n" + BALLOTS, 3, 21, "is reserved", ""),
    (
        "name: M\nrule: irv\ncandidates: [{name: A, aliases: [X]}, {name: B, aliases: [X]}]\n" + BALLOTS,
        3,
        59,
        "already names another",
        "",
    ),
    (HEAD + BALLOTS + "seats: 2\n", 6, 8, "seats is 2, but rule irv elects one", "rule: stv"),
    (HEAD.replace("irv", "stv") + BALLOTS + "seats: 4\n", 6, 8, "only 3 candidates", "seats: 3 or fewer"),
    (HEAD.replace("irv", "stv") + BALLOTS + "seats: 0\n", 6, 8, "seats is 0", ""),
    (
        HEAD + BALLOTS + "write_ins: 3\n",
        6,
        1,
        "`write_ins:` does not apply to a ranked-choice contest",
        "write_in: true",
    ),
    (HEAD + BALLOTS + "recount: '<=1%'\n", 6, 1, "`recount:` does not apply", ""),
    (HEAD + BALLOTS + "ballots_cast: 9\n", 6, 1, "`ballots_cast:` does not apply", ""),
    (HEAD + BALLOTS + "results: {units: {X: {Ana: 1}}}\n", 6, 1, "`results:` does not apply", ""),
    (HEAD + BALLOTS + "options: {overvotes: skip}\n", 6, 11, "unknown key 'overvotes'", "did you mean 'overvote'"),
    (
        HEAD + BALLOTS + "options: {overvote: exhaustt}\n",
        6,
        21,
        "overvote 'exhaustt' is not one of",
        "did you mean 'exhaust'",
    ),
    (HEAD + BALLOTS + "options: {duplicate: drop}\n", 6, 22, "duplicate 'drop'", "skip (a candidate"),
    (HEAD + BALLOTS + "options: {max_skipped: unlimitted}\n", 6, 24, "is not a number", "did you mean 'unlimited'"),
    (HEAD + BALLOTS + "options: {max_skipped: -1}\n", 6, 24, "max_skipped '-1' is negative", ""),
    (HEAD + BALLOTS + "options: {max_rankings: 0}\n", 6, 25, "max_rankings is 0", "1 or more"),
    (HEAD + BALLOTS + "options: {batch_elimination: yes}\n", 6, 30, "true or false", ""),
    (HEAD + BALLOTS + "options: {quota: droop}\n", 6, 11, "`quota` applies to stv only", ""),
    (HEAD.replace("irv", "stv") + BALLOTS + "options: {quota: drop}\n", 6, 18, "quota 'drop'", "did you mean 'droop'"),
    (HEAD.replace("irv", "stv") + BALLOTS + "options: {continue_until_two: true}\n", 6, 11, "applies to irv only", ""),
    (HEAD + BALLOTS + "options: [overvote]\n", 6, 10, "options must be a mapping", "allowed keys"),
    (HEAD + BALLOTS + "tiebreak: [Ana, Zed]\n", 6, 17, "tiebreak names 'Zed'", "the names are"),
    (HEAD + BALLOTS + "tiebreak: [Ana, Ana]\n", 6, 17, "given twice", ""),
    (HEAD + BALLOTS + "tiebreak: []\n", 6, 11, "empty list", "{random: 20261103}"),
    (HEAD + BALLOTS + "tiebreak: {seed: 4}\n", 6, 12, "unknown key 'seed'", "allowed keys: random"),
    (HEAD + BALLOTS + "tiebreak: {random: -4}\n", 6, 20, "random seed '-4' is negative", ""),
    (HEAD + BALLOTS + "tiebreak: {random: [1]}\n", 6, 20, "the random seed must be a whole number", ""),
    (HEAD + BALLOTS + "tiebreak: Ana\n", 6, 11, "tiebreak must be a list", ""),
    (
        HEAD + BALLOTS + "expected: {outcome: runoff}\n",
        6,
        21,
        "outcome 'runoff' cannot happen under rule 'irv'",
        "winner, tie",
    ),
    (HEAD + BALLOTS + "expected: {advancing: [Ana]}\n", 6, 12, "`advancing` can never hold under rule 'irv'", ""),
    (HEAD + BALLOTS + "expected: {winners: [Zed]}\n", 6, 22, "not a candidate", ""),
    (HEAD + "ballots: {file: cvr.csv, format: nist}\n", 4, 34, "unknown ballots file format 'nist'", "nist_json"),
    (HEAD + "ballots: {file: cvr.csv, fromat: csv}\n", 4, 26, "unknown key 'fromat'", "did you mean 'format'"),
    (HEAD + "ballots: {file: cvr.csv, first_vote_column: 0}\n", 4, 45, "first_vote_column is 0", "count from 1"),
    (HEAD + "ballots: {file: ''}\n", 4, 17, "ballots file is empty", ""),
    (
        HEAD
        + "ballots: [{file: cvr.csv, overvote_label: OVER}]\noptions: {overvote: exhaust_if_multiple_continuing}\n",
        4,
        27,
        "an overvote_label does not say which candidates were marked",
        "overvote: exhaust or skip",
    ),
]


@pytest.mark.parametrize(("text", "line", "column", "problem", "hint"), REFUSALS)
def test_refusals(race, text: str, line: int, column: int, problem: str, hint: str) -> None:  # type: ignore[no-untyped-def]
    found = error(race, text)
    assert problem in found.problem, found.message
    assert hint in found.hint, found.message
    assert found.location.file.endswith("race.yaml")
    assert (found.location.line, found.location.column) == (line, column), found.message


def test_a_missing_ballots_file_is_named(race) -> None:  # type: ignore[no-untyped-def]
    found = error(race, HEAD + "ballots: {file: nowhere.csv}\n")
    assert "nowhere.csv" in found.message
    assert found.location.line == 4 or "named at" in found.hint


def test_a_cvr_name_that_is_not_a_candidate(race, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "cvr.csv").write_text("rank1,rank2\nAna,Ben\nAna,Bob\n")
    found = error(race, HEAD + "ballots: {file: cvr.csv}\n")
    assert found.location.file.endswith("cvr.csv") and found.location.line == 3
    assert "Bob" in found.problem
    assert "named at" in found.hint and "race.yaml:4" in found.hint


def test_every_refusal_has_a_hint(race) -> None:  # type: ignore[no-untyped-def]
    for text, *_ in REFUSALS:
        assert error(race, text).hint, text


# -- review fixes: files named twice, reserved names, option hints ---------------------------------


def test_the_same_cvr_file_twice_is_refused(race, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "cvr2.csv").write_text("id,r1\n1,Ana\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    problem = error(
        race,
        HEAD + "ballots: [{file: cvr2.csv}, {ranking: [Ana], count: 2}, {file: sub/../cvr2.csv}]\n",
    )
    assert (problem.location.line, problem.location.column) == (4, 64)
    assert "is already read for this contest (at " in problem.problem
    assert "counted twice" in problem.hint


def test_two_different_cvr_files_are_both_read(race, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.csv").write_text("id,r1\n1,Ana\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("id,r1\n1,Ana\n", encoding="utf-8")
    contest = contest_of(race, HEAD + "ballots: [{file: a.csv}, {file: b.csv}]\n")
    assert contest.ballots is not None and contest.ballots.total == 2


@pytest.mark.parametrize("name", ["exhausted", "residual surplus", "residual_surplus", "Exhausted"])
def test_names_the_results_use_are_refused(race, name: str) -> None:  # type: ignore[no-untyped-def]
    problem = error(race, f"name: M\nrule: irv\ncandidates: [{{name: {name}}}, {{name: A}}]\n" + BALLOTS)
    assert problem.location.line == 3
    assert f"a candidate may not be named {name!r}" in problem.problem


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("options: {max_skipped: -1}\n", "max_skipped is how many skipped ranks"),
        ("options: {max_rankings: 1.5}\n", "max_rankings is how many ranks"),
        ("tiebreak: {random: abc}\n", "tiebreak: {random: 20261103}"),
        ("tiebreak: {random: -5}\n", "tiebreak: {random: 20261103}"),
        ("tiebreak: random\n", "tiebreak: {random: SEED}"),
    ],
)
def test_hints_speak_of_the_option(race, text: str, hint: str) -> None:  # type: ignore[no-untyped-def]
    problem = error(race, HEAD + text + BALLOTS)
    assert hint in problem.hint
    assert "vote count" not in problem.hint


def test_file_settings_are_named_as_in_the_race_file(race, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "cvr.csv").write_text("id,r1\n1,Ana\n", encoding="utf-8")
    problem = error(race, HEAD + "ballots: {file: cvr.csv, first_vote_column: x}\n")
    assert "first_vote_column: 2" in problem.hint and "vote count" not in problem.hint
    problem = error(race, HEAD + "ballots: {file: cvr.csv, format: csv}\n")
    assert "first_vote_column and first_vote_row" in problem.hint
    assert "firstVoteColumnIndex" not in problem.hint


def test_a_cvr_named_on_standard_input_starts_from_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "cvr.csv").write_text("id,r1\n1,Zed\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run(["tally", "-"], stdin=HEAD + "ballots: {file: cvr.csv}\n")
    assert result.exit_code == 2
    assert "a relative path there starts from the working folder" in result.stderr


# Found by the fuzzer (race-ranked seeds 2182, 2610): an empty list at a rank was read as a skipped rank;
# a skipped rank is "", and an overvote whose names were lost is not one.
def test_an_empty_list_at_a_rank_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "race.yaml"
    path.write_text(HEAD + "ballots:\n  - {ranking: [Ana, []], count: 2}\n", encoding="utf-8")
    result = run(["tally", str(path)])
    assert result.exit_code == 2 and result.stdout == ""
    assert f"{path}:{HEAD.count(chr(10)) + 2}:21: rank 2 is an empty list" in result.stderr
