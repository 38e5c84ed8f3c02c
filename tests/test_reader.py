"""Reading race files: every form the contract allows, and refusals that point at the place."""

from __future__ import annotations

import pytest

from electcli.errors import InputError
from electcli.readers import read_input


def read(path: str):  # type: ignore[no-untyped-def]
    return read_input(path)


def error(path: str) -> InputError:
    with pytest.raises(InputError) as caught:
        read_input(path)
    return caught.value


def test_multi_contest_file(race) -> None:  # type: ignore[no-untyped-def]
    path = race(
        """\
        election: {name: Test Election, date: 2020-03-03, jurisdiction: Somewhere}
        contests:
          - name: Mayor
            candidates:
              - {name: Ana, party: DEM, votes: 10}
              - {name: Ben, votes: "1,234"}
          - name: Question 1
            choices: [{name: Yes, votes: 5}, {name: No, votes: 4}]
        """
    )
    parsed = read(path)
    assert parsed.election.name == "Test Election"
    assert parsed.election.date == "2020-03-03"  # kept as text
    mayor, question = parsed.contests
    assert [(c.name, c.party, c.votes) for c in mayor.candidates] == [("Ana", "DEM", 10), ("Ben", None, 1234)]
    assert mayor.rule.method == "plurality" and mayor.seats == 1
    assert question.rule.method == "measure" and question.rule.threshold is not None
    assert question.rule.threshold.text == ">50%"


def test_single_contest_file(race) -> None:  # type: ignore[no-untyped-def]
    parsed = read(race("name: Mayor\nrule: runoff\ncandidates: [{name: A, votes: 1}, {name: B, votes: 2}]\n"))
    (only,) = parsed.contests
    assert only.name == "Mayor" and only.rule.method == "runoff" and only.rule.advance == 2


@pytest.mark.parametrize(
    "name",
    ["Yes", "No", "On", "Off", "Null", "null", "~", "0x1F", "1e3", "2020", "true", "1_000", "0o17", ".inf", "[Green]"],
)
def test_names_stay_exactly_as_written(race, name: str) -> None:  # type: ignore[no-untyped-def]
    written = f"'{name}'" if name.startswith("[") else name
    parsed = read(race(f"name: {written}\ncandidates:\n  - {{name: {written}, party: {written}, votes: 1}}\n"))
    contest = parsed.contests[0]
    assert contest.name == name
    assert contest.candidates[0].name == name and contest.candidates[0].party == name


def test_rule_mapping_and_supermajority(race) -> None:  # type: ignore[no-untyped-def]
    parsed = read(
        race(
            'name: Q\nrule: {method: measure, threshold: ">=2/3"}\nchoices: [{name: No, votes: 1}, {name: Yes, votes: 2}]\n'
        )
    )
    rule = parsed.contests[0].rule
    assert rule.threshold is not None and rule.threshold.text == ">=2/3"


def test_inline_units_sum_to_totals(race) -> None:  # type: ignore[no-untyped-def]
    path = race(
        """\
        name: Senate
        rule: runoff
        candidates:
          - {name: Tommy Tuberville, votes: 19350}
          - {name: Jeff Sessions}
        results:
          by: county
          units:
            Autauga: {Tommy Tuberville: 4329, Jeff Sessions: 3713, write_ins: 3}
            Baldwin: {Tommy Tuberville: 15021, Jeff Sessions: 13302}
        """
    )
    contest = read(path).contests[0]
    assert [c.votes for c in contest.candidates] == [19350, 17015]
    assert contest.write_ins == 3
    assert contest.results is not None and contest.results.by == "county"
    assert contest.results.units() == {
        "Autauga": {"Tommy Tuberville": 4329, "Jeff Sessions": 3713, "write_ins": 3},
        "Baldwin": {"Tommy Tuberville": 15021, "Jeff Sessions": 13302},
    }


def test_unit_total_that_disagrees_names_both_numbers(race) -> None:  # type: ignore[no-untyped-def]
    path = race(
        """\
        name: Senate
        candidates:
          - {name: A, votes: 100}
          - {name: B}
        results:
          units:
            X: {A: 40, B: 1}
            Y: {A: 50, B: 2}
        """
    )
    problem = error(path)
    assert problem.location.line == 3 and problem.location.column == 22
    assert "100" in problem.problem and "90" in problem.problem


def test_write_ins_that_disagree_with_units(race) -> None:  # type: ignore[no-untyped-def]
    path = race("name: S\nwrite_ins: 5\ncandidates: [{name: A}]\nresults:\n  units:\n    X: {A: 1, write_ins: 4}\n")
    problem = error(path)
    assert "5" in problem.problem and "4" in problem.problem and problem.location.line == 2


def test_candidate_missing_from_every_unit(race) -> None:  # type: ignore[no-untyped-def]
    path = race("name: S\ncandidates: [{name: A}, {name: B}]\nresults:\n  units:\n    X: {A: 1}\n")
    assert "'B' has no `votes:` and appears in no reporting unit" in error(path).problem


def test_counts_file_resolved_against_the_race_file(race, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "counts").mkdir()
    (tmp_path / "counts" / "senate.csv").write_text(
        "unit,candidate,votes\nAutauga,A,10\nAutauga,B,5\nBaldwin,A,1\nBaldwin,write_ins,2\n"
    )
    path = race("name: S\ncandidates: [{name: A}, {name: B}]\nresults: {by: county, file: counts/senate.csv}\n")
    contest = read(path).contests[0]
    assert [c.votes for c in contest.candidates] == [11, 5]
    assert contest.write_ins == 2
    assert contest.results is not None and contest.results.source is not None
    assert contest.results.source.endswith("counts/senate.csv")


def test_counts_file_errors_name_the_csv_line_and_the_race_file(race, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "c.csv").write_text("unit,candidate,votes\nX,A,10\nX,Zed,5\n")
    path = race("name: S\ncandidates: [{name: A}]\nresults: {file: c.csv}\n")
    problem = error(path)
    assert problem.location.file.endswith("c.csv") and problem.location.line == 3
    assert "'Zed' is not a candidate" in problem.problem
    assert "race.yaml:3" in problem.hint


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("name: S\ncandidates: [{name: A, vots: 1}]\n", 2, "did you mean 'votes'"),
        ("name: S\ncandidates: [{name: A, votes: 1}]\ncandidate: []\n", 3, "did you mean 'candidates'"),
        ("name: S\ncandidates: [{name: A, votes: 1}, {name: A, votes: 2}]\n", 2, "listed twice"),
        ("name: S\nname: T\ncandidates: [{name: A, votes: 1}]\n", 2, "duplicate key 'name'"),
        (
            "contests:\n  - name: S\n    candidates: [{name: A, votes: 1}]\n  - name: S\n    candidates: [{name: A, votes: 1}]\n",
            4,
            "used twice",
        ),
        ("name: S\ncandidates: [{name: A}]\n", 2, "has no `votes:`"),
        ("name: S\ncandidates: []\n", 2, "empty list"),
        ("name: S\nrule: majority\ncandidates: [{name: A, votes: 1}]\n", 2, "unknown rule"),
        ("name: S\nrule: irv\ncandidates: [{name: A, votes: 1}]\n", 2, "ranked-choice"),
        ("name: S\nrule: {method: runoff, threshold: 50%}\ncandidates: [{name: A, votes: 1}]\n", 2, "ambiguous"),
        (
            "name: S\nrule: {method: plurality, threshold: '>50%'}\ncandidates: [{name: A, votes: 1}]\n",
            2,
            "has no threshold",
        ),
        ("name: S\nrule: {method: runoff, advance: 1}\ncandidates: [{name: A, votes: 1}]\n", 2, "at least 2"),
        ("name: S\nseats: 2\nrule: runoff\ncandidates: [{name: A, votes: 1}]\n", 2, "elects one"),
        ("name: S\nseats: 0\ncandidates: [{name: A, votes: 1}]\n", 2, "seats is 0"),
        ("name: S\ncandidates: [{name: A, votes: 1}]\ntiebreak: [B]\n", 3, "not a candidate"),
        ("name: S\ncandidates: [{name: A, votes: 1}]\ntiebreak: [A, A]\n", 3, "given twice"),
        ("name: S\ncandidates: [{name: A, votes: 1}]\nrecount: 0.5%\n", 3, "does not say"),
        ("name: S\ncandidates: [{name: A, votes: 1, write_in: yes}]\n", 2, "true or false"),
        ("name: S\nchoices: [{name: Yes, votes: 1}, {name: Maybe, votes: 1}]\n", 2, "exactly Yes and No"),
        (
            "name: S\nrule: plurality\nchoices: [{name: Yes, votes: 1}, {name: No, votes: 1}]\n",
            2,
            "decided by rule `measure`",
        ),
        ("name: S\nrule: measure\ncandidates: [{name: A, votes: 1}]\n", 2, "needs `choices:`"),
        (
            "name: S\nchoices: [{name: Yes, votes: 1}, {name: No, votes: 1}]\nwrite_ins: 3\n",
            3,
            "does not apply to a ballot measure",
        ),
        (
            "name: S\ncandidates: [{name: A, votes: 1}]\nexpected: {outcome: runoff}\n",
            3,
            "cannot happen under rule 'plurality'",
        ),
        ("name: S\ncandidates: [{name: A, votes: 1}]\nexpected: {winners: [Zed]}\n", 3, "not a candidate"),
        ("name: S\ncandidates: [{name: A, votes: 1}]\nexpected: {advancing: [A]}\n", 3, "can never hold"),
        ("name: S\ncandidates: [{name: A, votes: 1}]\nexpected: {}\n", 3, "empty"),
        ("name: S\ncandidates: [{name: A, votes: 1}]\nballots: []\n", 3, "ranked-choice"),
        ("name: S\ncandidates: [{name: write_ins, votes: 1}]\n", 2, "reserved"),
        ("name: S\ncandidates: [{name: ' A', votes: 1}]\n", 2, "spaces"),
        ("name: ''\ncandidates: [{name: A, votes: 1}]\n", 1, "empty"),
        ("election: {name: E, year: 2020}\ncontests: []\n", 1, "unknown key 'year'"),
        ("contests: []\n", 1, "empty list"),
        (
            "name: S\ncandidates: [{name: A, votes: 1}]\nchoices: [{name: Yes, votes: 1}, {name: No, votes: 1}]\n",
            3,
            "both",
        ),
        ("hello: world\n", 1, "unknown key 'hello'"),
        ("election: {name: E}\n", 1, "no contests"),
        ("- a\n- b\n", 1, "not a mapping"),
    ],
)
def test_refusals_point_at_the_line(race, text: str, line: int, fragment: str) -> None:  # type: ignore[no-untyped-def]
    problem = error(race(text))
    assert fragment in problem.message
    assert problem.location.line == line
    assert problem.location.file.endswith("race.yaml")


def test_unknown_key_lists_what_is_allowed(race) -> None:  # type: ignore[no-untyped-def]
    problem = error(race("name: S\ncandidates: [{name: A, votes: 1}]\nseat: 2\n"))
    assert "did you mean 'seats'" in problem.hint and "allowed keys" in problem.hint
    assert (problem.location.line, problem.location.column) == (3, 1)


def test_file_extension_decides_the_format(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "race.txt"
    path.write_text("name: S\ncandidates: [{name: A, votes: 1}]\n")
    with pytest.raises(InputError) as caught:
        read_input(str(path))
    assert "--input-format" in caught.value.hint
    assert read_input(str(path), "yaml").contests[0].name == "S"
