"""`electcli runoff`: a valid race file for the runoff, names kept exactly, counts to fill in."""

from __future__ import annotations

from pathlib import Path

from electcli.readers import read_input
from tests.conftest import SAMPLES, run


def test_alabama_primary_runoff_file(tmp_path: Path) -> None:
    out = tmp_path / "runoff.yaml"
    result = run(["runoff", str(SAMPLES / "al-2020-senate-gop-primary.yaml"), "-o", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    race = read_input(str(out))  # valid as written
    (contest,) = race.contests
    assert contest.name == "United States Senator (Republican)"
    assert [(c.name, c.party, c.votes) for c in contest.candidates] == [
        ("Tommy Tuberville", "REP", 0),
        ("Jeff Sessions", "REP", 0),
    ]
    assert contest.rule.method == "plurality"
    assert race.election.name == "2020 Alabama Primary Election (runoff)"
    assert "fill in" in out.read_text()


def test_a_file_without_an_election_name_gives_the_runoff_a_plain_name(race) -> None:  # type: ignore[no-untyped-def]
    # The README's first race file has no `election:`; its runoff was named "(runoff)".
    path = race(
        "name: Mayor\nrule: runoff\ncandidates: [{name: A, votes: 45}, {name: B, votes: 35}, {name: C, votes: 20}]\n"
    )
    result = run(["runoff", path])
    assert result.exit_code == 0 and result.stderr == ""
    assert '  name: "Runoff"' in result.stdout.splitlines()


def test_names_that_look_like_other_types_survive(race, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = race(
        "name: 'Yes'\nrule: runoff\ncandidates: [{name: 'No', votes: 40}, {name: '0x1F', party: 'On', votes: 35}, {name: 'C: \"x\"', votes: 25}]\n"
    )
    text = run(["runoff", path]).stdout
    out = tmp_path / "r.yaml"
    out.write_text(text)
    contest = read_input(str(out)).contests[0]
    assert contest.name == "Yes"
    assert [(c.name, c.party) for c in contest.candidates] == [("No", None), ("0x1F", "On")]


def test_choosing_a_contest_and_refusals(race) -> None:  # type: ignore[no-untyped-def]
    path = race(
        "contests:\n"
        "  - {name: A, rule: runoff, candidates: [{name: x, votes: 40}, {name: y, votes: 35}, {name: z, votes: 25}]}\n"
        "  - {name: B, rule: runoff, candidates: [{name: x, votes: 60}, {name: y, votes: 40}]}\n"
        "  - {name: C, rule: runoff, candidates: [{name: x, votes: 40}, {name: y, votes: 30}, {name: z, votes: 30}]}\n"
    )
    assert run(["runoff", path, "--contest", "A"]).exit_code == 0
    won = run(["runoff", path, "--contest", "B"])
    assert won.exit_code == 2 and "won outright" in won.stderr
    tied = run(["runoff", path, "--contest", "C"])
    assert tied.exit_code == 2 and "tie for the last runoff place" in tied.stderr
    missing = run(["runoff", path, "--contest", "D"])
    assert missing.exit_code == 2 and "no contest named 'D'" in missing.stderr
    every = run(["runoff", path])
    assert every.exit_code == 0 and every.stdout.count("- name:") == 1


def test_no_runoff_anywhere(race) -> None:  # type: ignore[no-untyped-def]
    result = run(["runoff", str(SAMPLES / "la-2019-governor-runoff.yaml")])
    assert result.exit_code == 2 and "no contest" in result.stderr
