"""Ranked-choice contests through the command line (click's CliRunner: exit status, stdout and
stderr apart), and their presentation: the round table, JSON `rounds`, CSV, `--format rctab`,
check, and the commands that refuse ranked contests.

Golden files (tests/golden/springfield.*) are rewritten with ELECTCLI_UPDATE_GOLDEN=1.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest

from electcli.errors import Location
from electcli.model import Candidate, Contest, Election, RaceFile, Rule
from electcli.present.ranked_records import exact
from electcli.present.rctab import jackson, number
from electcli.ranked.ballots import BallotGroups
from electcli.ranked.rounds import RankedResult, Round, TieDecision
from electcli.ranked.rules import RankedRules
from electcli.tabulate.ranked import ranked_result
from tests.conftest import ROOT, golden, run
from tests.shared_data import SHARED, shared_path

SPRINGFIELD = "tests/fixtures/ranked/springfield.yaml"
CONFORMANCE = SHARED / "conformance" / "rctab"


@pytest.fixture(autouse=True)
def _from_project_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def tally(*args: str) -> tuple[int, str, str]:
    result = run(["tally", *args])
    return result.exit_code, result.stdout, result.stderr


# -- the three outputs, golden --------------------------------------------------------------------


def test_round_table_golden() -> None:
    status, out, err = tally(SPRINGFIELD)
    assert (status, err) == (0, "")
    assert "Ana Alvarez wins in round 3 with 61 of 108 continuing votes (56.48%)" in out
    assert "Round 1" in out and "Round 3" in out and "Inactive ballots" in out
    assert "After round 2, Cy Chen's 23 votes: Ana Alvarez 11, Ben Brooks 7, inactive 5" in out
    assert "Elected: Ana and Cy (quota 34; 3 rounds)" in out
    golden("springfield.table.txt", out)


def test_json_golden_and_rounds() -> None:
    status, out, err = tally(SPRINGFIELD, "--format", "json")
    assert (status, err) == (0, "")
    golden("springfield.json", out)
    mayor, council = json.loads(out)["contests"]
    # every contract field is still there
    for field in ("file", "election", "name", "method", "seats", "threshold", "total_votes", "outcome"):
        assert field in mayor
    assert (mayor["method"], mayor["outcome"], mayor["winners"], mayor["tied"]) == (
        "irv",
        "winner",
        ["Ana Alvarez"],
        [],
    )
    assert mayor["advancing"] == [] and mayor["decided_by_lot"] is False and mayor["recount"] is False
    assert mayor["total_votes"] == 113  # the first round's continuing votes
    ana, ben, cy, dee = mayor["candidates"]
    assert (ana["name"], ana["votes"], ana["round"], ana["status"]) == ("Ana Alvarez", 61, 3, "elected")
    assert ana["share"] == 61 / 113 and ana["round_share"] == 61 / 108
    assert (ben["status"], cy["status"], dee["status"]) == ("defeated", "eliminated", "eliminated")
    assert (cy["votes"], cy["round"], dee["votes"], dee["round"]) == (23, 2, 3, 1)
    assert mayor["margins"]["lead"] == {"votes": 14, "points": 14 / 113 * 100}
    # rounds exactly as ranked-choice.md shows them (with `active` and the exhausted split added)
    assert mayor["rounds"][1] == {
        "round": 2,
        "tally": {"Ana Alvarez": 50, "Ben Brooks": 40, "Cy Chen": 23},
        "threshold": 57,
        "eliminated": ["Cy Chen"],
        "elected": [],
        "transfers": {"Cy Chen": {"Ana Alvarez": 11, "Ben Brooks": 7, "exhausted": 5}},
        "inactive": {"exhausted_choices": 0, "overvotes": 2, "skipped_rankings": 0, "repeated_rankings": 0},
        "exhausted_choices_by_ranks": {"all_ranks_used": 0, "ranks_left_unused": 0},  # a README addition
        "active": 113,
    }
    # `ballots` says what the rounds account for: every round, active + inactive = counted
    assert mayor["ballots"]["total"] == 116 and mayor["ballots"]["ranked_no_one"] == 1
    assert mayor["ballots"]["counted"] == 115
    for contest in (mayor, council):
        ballots = contest["ballots"]
        assert ballots["total"] == ballots["counted"] + ballots["ranked_no_one"]
        for round_ in contest["rounds"]:
            inactive = sum((Fraction(str(value)) for value in round_["inactive"].values()), Fraction(0))
            assert Fraction(str(round_["active"])) + inactive == ballots["counted"]
    assert mayor["tiebreak"] == {
        "mode": "order",
        "order": ["Dee Diaz", "Cy Chen", "Ben Brooks", "Ana Alvarez"],
        "seed": None,
        "draws": [],
    }
    assert mayor["rule"]["ranked"]["overvote"] == "exhaust"
    # stv: exact fractions, as strings
    assert council["rounds"][0]["transfers"] == {"Ana": {"Ben": "52/3", "Cy": "26/3"}}
    assert council["winners"] == ["Ana", "Cy"] and council["seats"] == 2
    assert [c["votes"] for c in council["candidates"]] == [60, "113/3", "82/3", 14]
    assert council["margins"]["lead"] is None and council["tiebreak"]["seed"] == 20261103
    assert council["verdict"] == "Elected: Ana and Cy (quota 34; 3 rounds)"


def test_rctab_golden() -> None:
    status, out, err = tally(SPRINGFIELD, "--format", "rctab")
    assert (status, err) == (0, "")
    golden("springfield.rctab.json", out)
    mayor, council = json.loads(out)  # two contests: an array of RCTab reports
    assert mayor["jsonFormatVersion"] == "1"
    assert list(mayor) == ["config", "jsonFormatVersion", "results", "summary"]
    assert mayor["config"]["contest"] == "Mayor" and mayor["config"]["date"] == "2026-11-03"
    second = mayor["results"][1]
    assert second["tally"] == {"Ana Alvarez": "50", "Ben Brooks": "40", "Cy Chen": "23"}
    assert second["tallyResults"] == [
        {"eliminated": "Cy Chen", "transfers": {"Ana Alvarez": "11", "Ben Brooks": "7", "exhausted": "5"}}
    ]
    assert second["inactiveBallots"] == {
        "exhaustedChoices": "0",
        "overvotes": "2",
        "repeatedRankings": "0",
        "skippedRankings": "0",
    }
    assert mayor["summary"] == {
        "finalThreshold": "55",
        "numCandidates": 4,
        "numWinners": 1,
        "totalNumBallots": "116",
        "undervotes": 1,
    }
    assert council["results"][0]["tallyResults"][0]["transfers"] == {"Ben": "17.3333333333", "Cy": "8.6666666666"}


def test_one_contest_gives_one_rctab_document(race) -> None:  # type: ignore[no-untyped-def]
    path = race("name: M\nrule: irv\ncandidates: [{name: A}, {name: B}]\nballots: [{ranking: [A], count: 2}]\n")
    status, out, _ = tally(path, "--format", "rctab")
    assert status == 0 and out.startswith('{\n  "config" : {') and out.endswith("}\n")


def test_csv_has_a_round_column() -> None:
    status, out, err = tally(SPRINGFIELD, "--format", "csv")
    assert (status, err) == (0, "")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == [
        "contest", "rank", "candidate", "party", "votes", "share", "status", "outcome", "file",
        "election", "date", "seats", "total_votes", "round",
    ]  # fmt: skip
    assert [(r["candidate"], r["votes"], r["round"], r["status"]) for r in rows[:4]] == [
        ("Ana Alvarez", "61", "3", "elected"),
        ("Ben Brooks", "47", "3", "defeated"),
        ("Cy Chen", "23", "2", "eliminated"),
        ("Dee Diaz", "3", "1", "eliminated"),
    ]
    assert rows[5]["votes"] == "113/3" and rows[0]["share"] == repr(61 / 113)


def test_csv_without_ranked_contests_has_no_round_column() -> None:
    out = tally("sample_races/al-2020-senate-gop-primary.yaml", "--format", "csv")[1]
    assert (
        out.splitlines()[0]
        == "contest,rank,candidate,party,votes,share,status,outcome,file,election,date,seats,total_votes"
    )


def test_json_inputs_name_the_cvr_files(race, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "cvr.csv").write_text("rank1,rank2\nA,B\nB,A\nA,\n")
    path = race("name: M\nrule: irv\ncandidates: [{name: A}, {name: B}]\nballots: {file: cvr.csv}\n")
    document = json.loads(tally(path, "--format", "json")[1])
    assert [
        entry["file"].endswith(name) for entry, name in zip(document["inputs"], ["race.yaml", "cvr.csv"], strict=True)
    ] == [True, True]
    assert document["inputs"][1]["for"] == "M" and len(document["inputs"][1]["sha256"]) == 64
    assert document["contests"][0]["ballots"]["source"].endswith("cvr.csv")


# -- check, and the commands that refuse ranked contests -------------------------------------------


def test_check_passes_and_fails_on_ranked_expectations(race) -> None:  # type: ignore[no-untyped-def]
    result = run(["check", SPRINGFIELD])
    assert result.exit_code == 0 and "2 passed" in result.stdout
    path = race(
        "name: M\nrule: irv\ncandidates: [{name: A}, {name: B}]\nballots: [{ranking: [A], count: 2}, {ranking: [B]}]\n"
        "expected: {outcome: tie, winners: [B], tied: [A, B]}\n"
    )
    result = run(["check", path])
    assert result.exit_code == 1
    assert "outcome: expected tie, got winner" in result.stdout
    assert "winners (in the order elected): expected [B], got [A]" in result.stdout


def test_rctab_format_refuses_vote_count_contests() -> None:
    status, out, err = tally("sample_races/al-2020-senate-gop-primary.yaml", "--format", "rctab")
    assert status == 2 and out == ""
    assert "--format rctab is for ranked-choice contests" in err and "'runoff'" in err


def test_nist_format_refuses_ranked_contests() -> None:
    status, out, err = tally(SPRINGFIELD, "--format", "nist")
    assert status == 2 and out == ""
    assert "NIST SP 1500-100 results reports hold vote counts" in err and "'Mayor'" in err


def test_runoff_refuses_a_ranked_contest() -> None:
    result = run(["runoff", SPRINGFIELD, "--contest", "Mayor"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "ranked-choice contest (irv)" in result.stderr


def test_diff_of_a_ranked_snapshot(tmp_path: Path) -> None:
    snapshot = tmp_path / "before.json"
    snapshot.write_text(tally(SPRINGFIELD, "--format", "json")[1])
    result = run(["diff", str(snapshot), SPRINGFIELD])
    assert result.exit_code == 0 and "0 outcome changes" in result.stdout


def test_invalid_ranked_race_is_exit_2_with_the_place(race) -> None:  # type: ignore[no-untyped-def]
    path = race("name: M\nrule: irv\ncandidates: [{name: Ana}]\nballots: [{ranking: [Anna]}]\n")
    status, out, err = tally(path)
    assert status == 2 and out == ""
    assert err.startswith(f"electcli: error: {path}:4:22: rank 1 names 'Anna', who is not a candidate")
    assert "did you mean 'Ana'?" in err and "Traceback" not in err


def test_schema_accepts_ranked_contests() -> None:
    import jsonschema
    import yaml

    schema = json.loads(run(["schema"]).stdout)
    document = yaml.safe_load(Path(SPRINGFIELD).read_text())
    document = json.loads(json.dumps(document, default=str))
    jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)
    bad = {"name": "M", "rule": "irv", "candidates": [{"name": "A"}], "options": {"overvotes": "skip"}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema, cls=jsonschema.Draft202012Validator)


# -- RCTab configurations as input ------------------------------------------------------------------


def conformance_case(name: str) -> Path:
    folder = shared_path(f"conformance/rctab/{name}")
    return folder


def test_rctab_config_is_read_and_reported_as_rctab_does() -> None:
    folder = conformance_case("test_set_1_exhaust_at_overvote")
    config = folder / "test_set_1_exhaust_at_overvote_config.json"
    status, out, err = tally(str(config), "--format", "rctab")
    assert (status, err) == (0, "")
    expected = (folder / "test_set_1_exhaust_at_overvote_expected_detailed_report.json").read_text()
    # byte for byte, but for who generated it
    assert (
        out.replace('"electcli ', '"RCTab ').replace(f'"RCTab {__import__("electcli").__version__}"', '"RCTab 2.0.0"')
        == expected + "\n"
    )
    status, out, _ = tally(str(config), "--format", "json")
    (contest,) = json.loads(out)["contests"]
    assert contest["winners"] == ["Candidate B Name"] and len(contest["rounds"]) == 3
    assert contest["rule"]["ranked"]["decimal_places"] == 1


def test_rctab_fractional_report_matches() -> None:
    folder = conformance_case("test_set_multi_winner_fractional_threshold")
    config = folder / "test_set_multi_winner_fractional_threshold_config.json"
    status, out, _ = tally(str(config), "--format", "rctab")
    assert status == 0
    ours = json.loads(out)
    theirs = json.loads(
        (folder / "test_set_multi_winner_fractional_threshold_expected_detailed_report.json").read_text()
    )
    ours["config"]["generatedBy"] = theirs["config"]["generatedBy"]
    assert ours == theirs  # residual surplus, finalRoundSurplus and four-place decimals included


# -- presentation of counts built directly -----------------------------------------------------------


def _contest(names: tuple[str, ...], seats: int = 1) -> Contest:
    return Contest(
        name="Test",
        rule=Rule(method="irv" if seats == 1 else "stv", threshold=None, advance=0),
        candidates=tuple(Candidate(name=name, votes=0) for name in names),
        location=Location("test.yaml", 1, 1),
        seats=seats,
        ballots=BallotGroups(candidates=names, rankings=(), counts=()),
        ranked=RankedRules(method="irv" if seats == 1 else "stv", seats=seats),
    )


def _round(number: int, tally: dict[str, int], **kwargs: object) -> Round:
    values = {name: Fraction(votes) for name, votes in tally.items()}
    inactive = {"exhausted_choices": Fraction(0), "overvotes": Fraction(0)}
    defaults: dict[str, object] = {"elected": (), "eliminated": (), "transfers": {}, "inactive": inactive}
    return Round(
        number=number, tally=values, threshold=Fraction(sum(tally.values()) // 2 + 1), **{**defaults, **kwargs}
    )  # type: ignore[arg-type]


def test_a_tie_left_unsettled() -> None:
    contest = _contest(("Ana", "Ben", "Cy"))
    ranked = RankedResult(
        rounds=(
            _round(1, {"Ana": 50, "Ben": 45, "Cy": 5}, eliminated=("Cy",), transfers={"Cy": {"Ben": Fraction(5)}}),
            _round(2, {"Ana": 50, "Ben": 50}),
        ),
        winners=(),
        tied=("Ana", "Ben"),
        total_ballots=100,
        undervotes=0,
        ties=(),
    )
    result = ranked_result(contest, ranked)
    assert (result.outcome, result.winners, result.tied) == ("tie", (), ("Ana", "Ben"))
    assert [(s.candidate.name, s.status) for s in result.standings] == [
        ("Ana", "tied"),
        ("Ben", "tied"),
        ("Cy", "eliminated"),
    ]
    race = RaceFile(path="test.yaml", election=Election(), contests=(contest,))
    from electcli.present.records import contest_record

    record = contest_record(race, result)
    assert record["outcome"] == "tie" and record["tied"] == ["Ana", "Ben"]
    assert record["verdict"] == (
        "Tie: Ana and Ben are tied at 50 votes in round 2 for the seat, to be decided by lot or as the law provides"
    )
    assert record["margins"]["lead"] == {"votes": 0, "points": 0.0}


def test_ties_settled_are_recorded_and_told() -> None:
    contest = _contest(("Ana", "Ben", "Cy"))
    draw = TieDecision(round=1, tied=("Ben", "Cy"), purpose="elimination", chosen=("Cy",), how="random", seed=7)
    ranked = RankedResult(
        rounds=(
            _round(1, {"Ana": 3, "Ben": 1, "Cy": 1}, eliminated=("Cy",), ties=(draw,)),
            _round(2, {"Ana": 3, "Ben": 1}, elected=("Ana",)),
        ),
        winners=("Ana",),
        tied=(),
        total_ballots=5,
        undervotes=0,
        ties=(draw,),
    )
    result = ranked_result(contest, ranked)
    assert result.decided_by_lot
    from electcli.present.records import contest_record

    record = contest_record(RaceFile(path="t", election=Election(), contests=(contest,)), result)
    assert record["tiebreak"]["draws"] == [
        {"round": 1, "purpose": "elimination", "tied": ["Ben", "Cy"], "chosen": ["Cy"], "how": "random", "seed": 7}
    ]
    assert record["verdict"] == (
        "Ana wins in round 2 with 3 of 4 continuing votes (75.00%) "
        "(ties settled: round 1: Ben and Cy tied, Cy eliminated by a draw (seed 7))"
    )


def test_a_long_count_is_split_into_tables_that_fit() -> None:
    names = tuple(f"C{i}" for i in range(12))
    rounds = []
    left = list(names)
    for count in range(1, 12):
        out = left.pop()
        rounds.append(_round(count, {name: 100 - i for i, name in enumerate([*left, out])}, eliminated=(out,)))
    contest = _contest(names)
    ranked = RankedResult(rounds=tuple(rounds), winners=("C0",), tied=(), total_ballots=2000, undervotes=0, ties=())
    from electcli.present.table import make_console, render

    out = io.StringIO()
    console = make_console(out)
    console.width = 80
    render([(RaceFile(path="t", election=Election(), contests=(contest,)), [ranked_result(contest, ranked)])], console)
    text = out.getvalue()
    assert text.count("Candidate") >= 2  # more than one table
    assert "Round 1 " in text and "Round 11" in text
    assert max(len(line) for line in text.splitlines()) <= 80


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Fraction(7), 7),
        (Fraction(5, 2), "2.5"),
        (Fraction(72501, 10000), "7.2501"),
        (Fraction(1, 3), "1/3"),
        (Fraction(0), 0),
    ],
)
def test_exact_numbers(value: Fraction, shown: int | str) -> None:
    assert exact(value) == shown


@pytest.mark.parametrize(
    ("value", "places", "shown"),
    [
        (Fraction(8), 4, "8"),
        (Fraction(2333, 1000), 4, "2.3330"),
        (Fraction(1, 3), 4, "0.3333"),
        (Fraction(5, 2), None, "2.5"),
        (Fraction(2, 3), None, "0.6666666666"),
    ],
)
def test_rctab_numbers(value: Fraction, places: int | None, shown: str) -> None:
    assert number(value, places) == shown


def test_jackson_pretty_printing() -> None:
    assert jackson({"b": [], "a": {}, "c": [{"x": 1}, {"y": "z"}]}) == (
        '{\n  "a" : { },\n  "b" : [ ],\n  "c" : [ {\n    "x" : 1\n  }, {\n    "y" : "z"\n  } ]\n}'
    )


def test_a_tie_for_the_seat_and_a_tie_for_elimination(race) -> None:  # type: ignore[no-untyped-def]
    head = "name: M\nrule: irv\ncandidates: [{name: A}, {name: B}, {name: C}, {name: D}]\n"
    seat = race(head + "ballots: [{ranking: [A], count: 3}, {ranking: [B], count: 3}, {ranking: [C]}]\n", "seat.yaml")
    contest = json.loads(tally(seat, "--format", "json")[1])["contests"][0]
    assert (contest["outcome"], contest["tied"], contest["winners"]) == ("tie", ["A", "B"], [])
    assert [(c["name"], c["status"]) for c in contest["candidates"]] == [
        ("A", "tied"), ("B", "tied"), ("C", "eliminated"), ("D", "eliminated")
    ]  # fmt: skip
    assert contest["verdict"].startswith("Tie: A and B are tied at 3 votes in round 3 for the seat")
    bottom = race(
        head + "ballots: [{ranking: [A], count: 4}, {ranking: [B], count: 3}, {ranking: [C], count: 2}, "
        "{ranking: [D], count: 2}]\n",
        "bottom.yaml",
    )
    contest = json.loads(tally(bottom, "--format", "json")[1])["contests"][0]
    assert (contest["outcome"], contest["tied"]) == ("tie", ["C", "D"])
    # A and B are neither elected nor beaten: the count stopped before it could decide
    assert [(c["name"], c["status"]) for c in contest["candidates"]] == [
        ("A", "continuing"), ("B", "continuing"), ("C", "tied"), ("D", "tied")
    ]  # fmt: skip
    assert "tied at 2 votes in round 1 for elimination" in contest["verdict"] and "tiebreak" in contest["verdict"]
    settled = race(
        head.replace("{name: D}", "{name: D}]\ntiebreak: [D, C, B, A")
        + "ballots: [{ranking: [A], count: 4}, {ranking: [B], count: 3}, {ranking: [C], count: 2}, {ranking: [D], count: 2}]\n",
        "settled.yaml",
    )
    contest = json.loads(tally(settled, "--format", "json")[1])["contests"][0]
    assert contest["outcome"] == "winner" and contest["decided_by_lot"] is True
    assert contest["tiebreak"]["draws"][0]["chosen"] == ["C"]  # the latest in the order goes


def test_no_ballot_ranked_anyone(race) -> None:  # type: ignore[no-untyped-def]
    path = race("name: M\nrule: irv\ncandidates: [{name: A}, {name: B}]\nballots: [{ranking: [], count: 4}]\n")
    status, out, err = tally(path)
    assert (status, err) == (0, "")
    assert "No votes counted: Tie: A and B are tied at 0 votes" in out and "Ballots: 4 (4 ranking no one)" in out


def test_a_tiebreak_order_must_name_every_tied_candidate(race) -> None:  # type: ignore[no-untyped-def]
    path = race(
        "name: M\nrule: irv\ncandidates: [{name: A}, {name: B}, {name: C}, {name: D}]\ntiebreak: [A, C]\n"
        "ballots: [{ranking: [A], count: 4}, {ranking: [B], count: 3}, {ranking: [C], count: 2}, {ranking: [D], count: 2}]\n"
    )
    status, out, err = tally(path)
    assert status == 2 and out == ""
    assert f"{path}:4:11: the tiebreak order leaves out 'D', tied with 'C' in round 1" in err
    assert "list every tied candidate" in err


def test_diff_reads_an_rctab_configuration_as_an_input(tmp_path: Path) -> None:
    config = conformance_case("test_set_1_exhaust_at_overvote") / "test_set_1_exhaust_at_overvote_config.json"
    snapshot = tmp_path / "before.json"
    snapshot.write_text(tally(str(config), "--format", "json")[1])
    result = run(["diff", str(snapshot), str(config)])
    assert result.exit_code == 0 and "1 unchanged" in result.stdout


def test_a_count_that_does_not_balance_is_an_internal_error_not_a_result(monkeypatch: pytest.MonkeyPatch) -> None:
    import electcli.ranked.engine
    from electcli.ranked.errors import CountInvariantError

    def broken(*_: object) -> None:
        raise CountInvariantError("round 2: active 100 + inactive 3 != 104 ballots")

    monkeypatch.setattr(electcli.ranked.engine, "count_ranked", broken)
    status, out, err = tally(SPRINGFIELD, "--format", "json")
    assert status == 3 and out == ""
    assert "internal error: round 2: active 100 + inactive 3 != 104 ballots" in err
    assert "bug in electcli" in err and "Traceback" not in err


# -- review fixes: ties by lot, inactive transfers, passes, wide figures, diff ---------------------


def test_a_final_tie_settled_by_lot_says_so(race) -> None:  # type: ignore[no-untyped-def]
    path = race(
        """\
        name: Half
        rule: irv
        candidates: [{name: A}, {name: B}]
        tiebreak: [B, A]
        ballots: [{ranking: [A], count: 50}, {ranking: [B], count: 50}]
        """
    )
    status, out, err = tally(path, "--format", "json")
    assert (status, err) == (0, "")
    (record,) = json.loads(out)["contests"]
    assert record["winners"] == ["B"] and record["decided_by_lot"] is True
    assert record["verdict"] == (
        "B wins: the seat was decided by lot (the tiebreak order) after A and B tied at 50 votes each "
        "in round 1 (A eliminated)"
    )
    # the gap is measured in the round of the tie, not in a final round that holds B alone
    assert record["margins"]["lead"] == {"votes": 0, "points": 0.0}
    status, out, err = tally(path)
    assert "decided by lot" in out and "50 of 50 continuing votes" not in out


def test_a_seeded_draw_between_the_last_two_says_so(race) -> None:  # type: ignore[no-untyped-def]
    path = race(
        """\
        name: Half
        rule: irv
        candidates: [{name: A}, {name: B}]
        tiebreak: {random: 7}
        ballots: [{ranking: [A], count: 50}, {ranking: [B], count: 50}]
        """
    )
    (record,) = json.loads(tally(path, "--format", "json")[1])["contests"]
    # README's recipe: sorted(["A", "B"])[floor(random.Random(7).random() * 2)] is A, who goes
    assert record["winners"] == ["B"] and record["decided_by_lot"] is True
    assert record["verdict"].startswith("B wins: the seat was decided by lot (a draw, seed 7) after A and B tied")


OVERVOTES = """\
    name: Ov
    rule: irv
    candidates: [{name: A}, {name: B}, {name: C}, {name: D}]
    ballots:
      - {ranking: [A], count: 10}
      - {ranking: [B], count: 9}
      - {ranking: [C], count: 4}
      - {ranking: [D], count: 1}
      - {ranking: [[A, B], C], count: 2}
      - {ranking: [[D, B], A], count: 3}
      - {ranking: [D, [C, A], B], count: 1}
    """


def test_transfers_to_inactive_name_the_reasons_the_rounds_show(race) -> None:  # type: ignore[no-untyped-def]
    path = race(OVERVOTES)
    status, out, err = tally(path)
    assert (status, err) == (0, "")
    # D's two votes: one ballot ran out of choices, one met an overvote
    assert "After round 1, D's 2 votes: inactive 2 (exhausted choices 1, overvotes 1)" in out
    assert "After round 2, C's 4 votes: inactive 4 (exhausted choices)" in out
    assert "(exhausted)" not in out
    # JSON and RCTab's format keep RCTab's single `exhausted` target
    (record,) = json.loads(tally(path, "--format", "json")[1])["contests"]
    assert record["rounds"][0]["transfers"] == {"D": {"exhausted": 2}}
    assert '"exhausted" : "2"' in tally(path, "--format", "rctab")[1]


def test_the_first_round_of_each_pass_shows_no_change() -> None:
    contest = _contest(("A", "B", "C"), seats=2)
    first = (
        _round(1, {"A": 10, "B": 6, "C": 4}, eliminated=("C",)),
        _round(2, {"A": 12, "B": 8}, elected=("A",)),
    )
    second = (replace(_round(1, {"B": 14, "C": 6}, elected=("B",)), pass_number=2),)
    one = RankedResult(rounds=first, winners=("A",), tied=(), total_ballots=20, undervotes=0, ties=())
    two = RankedResult(rounds=second, winners=("B",), tied=(), total_ballots=20, undervotes=0, ties=())
    ranked = RankedResult(
        rounds=(*first, *second),
        winners=("A", "B"),
        tied=(),
        total_ballots=20,
        undervotes=0,
        ties=(),
        passes=(one, two),
    )
    from electcli.present.table import make_console, render

    out = io.StringIO()
    console = make_console(out)
    console.width = 120
    render([(RaceFile(path="t", election=Election(), contests=(contest,)), [ranked_result(contest, ranked)])], console)
    text = out.getvalue()
    assert "Round 1 (pass 2)" in text and "12 (+2)" in text  # changes within a pass are shown
    assert "(+6)" not in text  # B's 14 in pass 2 is not a change from pass 1's 8


def test_huge_figures_are_never_cut_short(race) -> None:  # type: ignore[no-untyped-def]
    path = race(
        """\
        name: hugestv
        rule: stv
        seats: 2
        candidates: [{name: A}, {name: B}, {name: C}]
        ballots:
          - {ranking: [A, B], count: 999999999999999999999999999998}
          - {ranking: [B], count: 1}
          - {ranking: [C, B], count: 7}
        """
    )
    for columns in ("80", "50"):
        result = run(["tally", path], env={"COLUMNS": columns})
        assert result.exit_code == 0
        assert "…" not in result.stdout
        for figure in (
            "333,333,333,333,333,333,333,333,333,336",
            "(-666,666,666,666,666,666,666,666,666,662)",
            "666,666,666,666,666,666,666,666,666,663",
            "1,000,000,000,000,000,000,000,000,000,006",
        ):
            assert figure in result.stdout, (columns, figure)
    # at 80 columns the table fits: the change goes on a line of its own
    result = run(["tally", path], env={"COLUMNS": "80"})
    assert max(len(line) for line in result.stdout.splitlines() if "Round" in line or "(" in line) <= 80


def test_diff_shows_fractional_votes_as_the_table_does(race) -> None:  # type: ignore[no-untyped-def]
    text = """\
        name: S
        rule: stv
        seats: 2
        candidates: [{name: A}, {name: B}, {name: C}]
        ballots:
          - {ranking: [A, B], count: 13}
          - {ranking: [A, C], count: 4}
          - {ranking: [B], count: 3}
          - {ranking: [C], count: 6}
        """
    before = race(text, "before.yaml")
    after = race(text.replace("[B], count: 3", "[B], count: 5"), "after.yaml")
    result = run(["diff", before, after])
    assert result.exit_code == 0, result.stdout
    assert "  B: 9.1176 votes -> 10.3529 votes (+1.2353)" in result.stdout
    assert "  C: 7.8824 votes -> 7.6471 votes (-0.2353)" in result.stdout
    assert "/17" not in result.stdout
    # JSON keeps the exact values
    document = json.loads(run(["diff", before, after, "--format", "json"]).stdout)
    assert document["contests"][0]["votes"]["C"] == {"old": "134/17", "new": "130/17"}
