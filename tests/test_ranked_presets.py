"""Ranked-choice presets (issue 13, point 8): each one's options against its law's text, how a
race file and the library take them, and the counting rules they brought in (a threshold fixed in
round 1, batch elimination of a group that could only tie).
"""

from __future__ import annotations

import json
import random
from dataclasses import replace

import pytest

import electcli
from electcli.errors import InputError, Location
from electcli.presets import PRESETS, Preset
from electcli.ranked.ballots import BallotGrouper
from electcli.ranked.engine import count_ranked
from electcli.ranked.rules import EXHAUST, IRV, SKIP, RankedRules, Tiebreak
from electcli.readers import read_input
from electcli.readers.race_file.options import OPTION_KEYS, ranked_rules
from electcli.readers.race_file.rules import method_named
from tests.conftest import run

RANKED = [preset for preset in PRESETS.values() if preset.method == IRV]


def options(name: str) -> dict[str, object]:
    return dict(PRESETS[name].options)


# --- each preset against its law ---------------------------------------------------------------


def test_maine() -> None:
    # 21-A M.R.S. § 723-A(1)(D): "'Exhausted ballot' means a ballot that does not rank any continuing
    # candidate, contains an overvote at the highest continuing ranking or contains 2 or more
    # sequential skipped rankings before its highest continuing ranking." Rule ch. 535 § 4(2)(A):
    # "In the final round, when only 2 continuing candidates remain, the candidate with the most
    # votes in that round is the winning candidate." Batch elimination's definition was repealed in
    # 2023 (P.L. 2023 c. 304): left to the race file, not fixed.
    assert options("us-me-rcv") == {
        "overvote": EXHAUST,
        "max_skipped": 1,
        "duplicate": SKIP,
        "continue_until_two": True,
        "first_round_determines_threshold": False,
    }
    assert "batch_elimination" not in options("us-me-rcv")
    assert any("2023 c. 304" in note for note in PRESETS["us-me-rcv"].notes)


def test_alaska() -> None:
    # AS 15.15.350(d): "if two or fewer continuing candidates remain, the candidate with the greatest
    # number of votes is elected"; "(2) if the candidate with the fewest votes is defeated": one a
    # round. (f)-(g) were not read: the notes say overvotes and skips rest on practice.
    assert options("us-ak-rcv") == {
        "overvote": EXHAUST,
        "max_skipped": 1,
        "duplicate": SKIP,
        "batch_elimination": False,
        "batch_elimination_if_equal": False,
        "continue_until_two": True,
        "first_round_determines_threshold": False,
    }
    assert any("could not be read" in note for note in PRESETS["us-ak-rcv"].notes)
    assert any("6 AAC 25.071" in note for note in PRESETS["us-ak-rcv"].notes)


def test_new_york_city() -> None:
    # Charter § 1057-g(a): an exhausted ballot "assigns equal rank to two or more candidates and
    # all candidates with higher ranks ... are eliminated"; mathematically impossible: "would not be
    # enough to surpass" the next candidate; (e)(2)(a): "If there are two continuing candidates, the
    # candidate with the most votes shall be declared the nominee".
    assert options("us-ny-nyc-rcv") == {
        "overvote": EXHAUST,
        "max_skipped": None,
        "duplicate": SKIP,
        "batch_elimination": True,
        "batch_elimination_if_equal": True,
        "continue_until_two": True,
        "first_round_determines_threshold": False,
    }
    assert any("a reading of the text" in note for note in PRESETS["us-ny-nyc-rcv"].notes)


def test_minneapolis() -> None:
    # Ordinance 167.60(c)(2): "When a skipped ranking, overvote or repeat candidate ranking is
    # encountered on a ballot, that ballot shall count towards the highest continuing ranking that
    # is not a skipped ranking, an overvote or repeat candidate ranking." 167.20 "Threshold": "the
    # total votes counted in the first round ... divided by the sum of one (1) plus the number of
    # offices to be filled, then adding one (1)". 167.60(c)(1)b: the mathematically impossible "must
    # be defeated simultaneously"; d: "until one (1) candidate reaches the threshold, or until only
    # one (1) continuing candidate remains".
    assert options("us-mn-minneapolis-rcv") == {
        "overvote": SKIP,
        "max_skipped": None,
        "duplicate": SKIP,
        "batch_elimination": True,
        "batch_elimination_if_equal": False,  # 167.20: "equal or surpass": a group that could tie stays
        "first_round_determines_threshold": True,
        "continue_until_two": False,
    }


# --- every ranked preset is well formed --------------------------------------------------------


def test_there_are_the_four_jurisdictions_of_the_issue() -> None:
    assert {preset.name for preset in RANKED} == {"us-me-rcv", "us-ak-rcv", "us-ny-nyc-rcv", "us-mn-minneapolis-rcv"}


@pytest.mark.parametrize("preset", RANKED, ids=lambda p: p.name)
def test_options_are_race_file_options_and_make_valid_rules(preset: Preset) -> None:
    assert (preset.threshold, preset.advance, preset.recount) == (None, 0, None)
    assert preset.options and all(key in OPTION_KEYS for key, _ in preset.options)
    assert len(dict(preset.options)) == len(preset.options)
    rules = ranked_rules(IRV, 1, dict(preset.options), Tiebreak())
    for key, value in preset.options:
        assert getattr(rules, key) == value


@pytest.mark.parametrize("preset", RANKED, ids=lambda p: p.name)
def test_notes_say_how_ties_by_lot_are_given(preset: Preset) -> None:
    assert any("tiebreak" in note for note in preset.notes)


# --- race files ---------------------------------------------------------------------------------

CONTEST = """\
name: Mayor
rule: {rule}
candidates: [{{name: Ana}}, {{name: Ben}}, {{name: Cy}}, {{name: Di}}]
ballots:
  - {{ranking: [Ana], count: 40}}
  - {{ranking: [Ben, Ana], count: 30}}
  - {{ranking: [Cy, [Ana, Ben], Ben], count: 20}}
  - {{ranking: [Di], count: 10}}
"""


@pytest.mark.parametrize("preset", RANKED, ids=lambda p: p.name)
def test_a_race_file_counts_under_the_preset(race, preset: Preset) -> None:  # type: ignore[no-untyped-def]
    (contest,) = read_input(race(CONTEST.format(rule=preset.name))).contests
    assert contest.rule.method == IRV and contest.rule.preset == preset.name
    assert contest.ranked is not None
    for key, value in preset.options:
        assert getattr(contest.ranked, key) == value


def test_json_names_the_preset_with_its_options(race) -> None:  # type: ignore[no-untyped-def]
    result = run(["tally", race(CONTEST.format(rule="us-mn-minneapolis-rcv")), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    (contest,) = json.loads(result.stdout)["contests"]
    preset = contest["rule"]["preset"]
    assert preset["name"] == "us-mn-minneapolis-rcv"
    assert preset["options"]["overvote"] == "skip" and preset["options"]["max_skipped"] == "unlimited"
    assert contest["rule"]["ranked"]["first_round_determines_threshold"] is True


def test_the_table_shows_the_preset_and_its_citation(race) -> None:  # type: ignore[no-untyped-def]
    result = run(["tally", race(CONTEST.format(rule="us-ak-rcv"))], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.stderr
    assert (
        "Preset: us-ak-rcv, Alaska general election (ranked-choice) (AS 15.15.350(c), (d), (e) (as quoted)"
        in result.stdout
    )


def test_an_option_the_law_fixes_may_not_be_contradicted(race) -> None:  # type: ignore[no-untyped-def]
    text = CONTEST.format(rule="us-me-rcv") + "options:\n  max_rankings: 5\n  overvote: skip\n"
    with pytest.raises(InputError) as caught:
        read_input(race(text))
    error = caught.value
    assert (error.location.line, error.location.column) == (11, 13)
    assert (
        error.problem
        == "preset us-me-rcv counts with overvote: exhaust (21-A M.R.S. § 723-A(1); 29-250 C.M.R. ch. 535 § 4(2)(A))"
    )
    assert "rule: irv" in error.hint


def test_an_option_given_as_the_law_fixes_it_or_left_open_is_taken(race) -> None:  # type: ignore[no-untyped-def]
    text = CONTEST.format(rule="us-me-rcv") + "options: {overvote: exhaust, max_rankings: 5, batch_elimination: true}\n"
    (contest,) = read_input(race(text)).contests
    assert contest.ranked is not None
    assert (contest.ranked.overvote, contest.ranked.max_rankings, contest.ranked.batch_elimination) == (
        EXHAUST,
        5,
        True,
    )


def test_an_unlimited_option_contradicted_is_named_in_words(race) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as caught:
        read_input(race(CONTEST.format(rule="us-ny-nyc-rcv") + "options: {max_skipped: 1}\n"))
    assert "counts with max_skipped: unlimited" in caught.value.problem


def test_a_ranked_preset_where_votes_are_counted_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        method_named("us-me-rcv", Location("--rule"))
    assert "ranked-choice" in caught.value.problem and "ranked ballots" in caught.value.problem


def test_batch_elimination_if_equal_needs_batch_elimination(race) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as caught:
        read_input(race(CONTEST.format(rule="irv") + "options: {batch_elimination_if_equal: true}\n"))
    assert caught.value.problem == "batch_elimination_if_equal applies only with batch elimination"
    assert caught.value.location.line == 9


def test_first_round_determines_threshold_is_for_irv(race) -> None:  # type: ignore[no-untyped-def]
    text = CONTEST.format(rule="stv") + "seats: 2\noptions: {first_round_determines_threshold: true}\n"
    with pytest.raises(InputError) as caught:
        read_input(race(text))
    assert caught.value.problem == "`first_round_determines_threshold` applies to irv only"


# --- the library --------------------------------------------------------------------------------


def test_the_library_takes_a_ranked_preset() -> None:
    ballots = {("Ana",): 40, ("Ben", "Ana"): 30, ("Cy", ("Ana", "Ben"), "Ben"): 20, ("Di",): 10}
    built = electcli.contest("Mayor", ballots, rule="us-mn-minneapolis-rcv")
    assert built.rule.preset == "us-mn-minneapolis-rcv"
    [result] = electcli.tally(built)
    assert result.winners == ("Ben",)  # Cy's overvote is skipped to Ben (167.60(c)(2))
    with pytest.raises(InputError) as caught:
        electcli.contest("Mayor", ballots, rule="us-mn-minneapolis-rcv", options={"overvote": "exhaust"})
    assert caught.value.problem.startswith("preset us-mn-minneapolis-rcv counts with overvote: skip")


# --- the counting rules the presets brought ----------------------------------------------------


def _ballots(names: list[str], rankings: dict[tuple[object, ...], int]):  # type: ignore[no-untyped-def]
    grouper = BallotGrouper(names)
    for ranking, count in rankings.items():
        ranks = tuple(
            tuple(sorted(grouper.index[c] for c in (rank if isinstance(rank, tuple) else (rank,)))) for rank in ranking
        )
        grouper.add(ranks, count)
    return grouper.build()


NAMES = ["Ana", "Ben", "Cy", "Di"]
FOUR = {("Ana",): 40, ("Ben", "Ana"): 30, ("Cy", ("Ana", "Ben"), "Ben"): 20, ("Di",): 10}


def test_a_threshold_fixed_in_round_1_holds_while_ballots_exhaust() -> None:
    # Minneapolis: 100 votes in round 1, so 51 to win in every round (167.20). In round 2 Ana's 44
    # of the 85 continuing is a majority of them, but not 51: Cy is defeated, his overvote skipped
    # to Ben (167.60(c)(2)); of the last two, Ana has more, and is elected without Ben's votes
    # moving (167.60(c)(1)d), as RCTab does.
    ballots = {("Ana",): 44, ("Ben",): 24, ("Cy", ("Ana", "Ben"), "Ben"): 17, ("Di",): 15}
    fixed = count_ranked(_ballots(NAMES, ballots), RankedRules(overvote=SKIP, first_round_determines_threshold=True))
    assert [round_.threshold for round_ in fixed.rounds] == [51, 51, 51]
    assert [list(round_.eliminated) for round_ in fixed.rounds] == [["Di"], ["Cy"], []]
    assert fixed.rounds[2].tally == {"Ana": 44, "Ben": 41}
    assert fixed.winners == ("Ana",) and fixed.rounds[2].elected == ("Ana",)
    # recomputed each round (the default), the same ballots elect Ana in round 2 with 44 of 85
    each = count_ranked(_ballots(NAMES, ballots), RankedRules(overvote=SKIP))
    assert [round_.threshold for round_ in each.rounds] == [51, 43]
    assert each.winners == ("Ana",) and each.rounds[1].elected == ("Ana",)


def test_the_last_two_tied_under_a_fixed_threshold_follow_the_tiebreak() -> None:
    ballots = {("Ana",): 40, ("Ben",): 40, ("Cy",): 20}
    rules = RankedRules(first_round_determines_threshold=True)
    tied = count_ranked(_ballots(NAMES, ballots), rules)
    assert tied.winners == () and sorted(tied.tied) == ["Ana", "Ben"]
    by_lot = count_ranked(
        _ballots(NAMES, ballots),
        RankedRules(first_round_determines_threshold=True, tiebreak=Tiebreak("order", ("Ben", "Ana", "Cy", "Di"))),
    )
    assert by_lot.winners == ("Ben",)


def test_a_group_that_could_only_tie_is_out_with_batch_elimination_if_equal() -> None:
    # Di 10 + Cy 20 = 30, Ben's 30: together they could tie Ben, never surpass him. New York City's
    # test puts both out at once; Minneapolis' and RCTab's (could they equal him?) keep Cy, and
    # Di's ballots then tie Cy with Ben for last: a tie only a lot could settle.
    ballots = {("Ana",): 55, ("Ben",): 30, ("Cy", "Ben"): 20, ("Di", "Cy"): 10}
    nyc = count_ranked(_ballots(NAMES, ballots), RankedRules(batch_elimination=True, batch_elimination_if_equal=True))
    assert sorted(nyc.rounds[0].eliminated) == ["Cy", "Di"]
    assert nyc.rounds[1].tally == {"Ana": 55, "Ben": 50}
    assert nyc.winners == ("Ana",)
    strict = count_ranked(_ballots(NAMES, ballots), RankedRules(batch_elimination=True))
    assert list(strict.rounds[0].eliminated) == ["Di"]
    assert strict.rounds[1].tally == {"Ana": 55, "Ben": 30, "Cy": 30}
    assert strict.winners == () and sorted(strict.tied) == ["Ben", "Cy"]


def test_a_fixed_threshold_counts_as_rctabs_does_on_random_contests() -> None:
    """Native exact counting with ``first_round_determines_threshold`` (Minneapolis' options) gives
    the rounds electcli's RCTab rules give (doesFirstRoundDetermineThreshold, checked against
    RCTab itself by the differential test) on 400 seeded random contests with whole ballots."""
    rng = random.Random(20261206)
    for case in range(400):
        n = rng.randint(2, 6)
        names = [f"C{i}" for i in range(n)]
        grouper = BallotGrouper(names)
        for _ in range(rng.randint(1, 12)):
            ranking: list[tuple[int, ...]] = []
            for _ in range(rng.randint(1, 4)):
                draw = rng.random()
                if draw < 0.1:
                    ranking.append(())  # a skipped rank
                elif draw < 0.2:
                    ranking.append(tuple(sorted(rng.sample(range(n), 2))))  # an overvote
                else:
                    ranking.append((rng.randrange(n),))
            grouper.add(tuple(ranking), rng.randint(1, 30))
        ballots = grouper.build()
        rules = RankedRules(
            overvote=SKIP,
            batch_elimination=rng.random() < 0.5,
            first_round_determines_threshold=True,
            tiebreak=Tiebreak("order", tuple(rng.sample(names, n))),
        )
        native = count_ranked(ballots, rules)
        rctab = count_ranked(ballots, replace(rules, decimal_places=4))
        assert native.winners == rctab.winners, case
        assert [(r.tally, r.eliminated, r.elected, r.threshold) for r in native.rounds] == [
            (r.tally, r.eliminated, r.elected, r.threshold) for r in rctab.rounds
        ], case


def test_a_batch_that_would_leave_one_candidate_is_not_made() -> None:
    # NYC § 1057-g(e)(2)(b): batch elimination occurs "unless such batch elimination would result in
    # only one continuing candidate, in which case no such batch elimination shall occur". Ana holds
    # exactly half: Di, Cy and Ben together (50) could only tie her, so all three would go, leaving
    # her alone: no batch is made, Di goes alone, then Cy.
    ballots = {("Ana",): 50, ("Ben",): 30, ("Cy", "Ben"): 15, ("Di", "Cy"): 5}
    nyc = count_ranked(_ballots(NAMES, ballots), ranked_rules(IRV, 1, options("us-ny-nyc-rcv"), Tiebreak()))
    assert [list(round_.eliminated) for round_ in nyc.rounds] == [["Di"], ["Cy"], []]
    assert nyc.rounds[1].tally == {"Ana": 50, "Ben": 30, "Cy": 20}
    assert nyc.winners == ("Ana",)


@pytest.mark.parametrize(
    ("preset", "option", "value"),
    [
        ("us-me-rcv", "first_round_determines_threshold", "true"),
        ("us-ak-rcv", "first_round_determines_threshold", "true"),
        ("us-ak-rcv", "batch_elimination_if_equal", "true"),
        ("us-ny-nyc-rcv", "first_round_determines_threshold", "true"),
        ("us-mn-minneapolis-rcv", "batch_elimination_if_equal", "true"),
    ],
)
def test_the_new_options_are_fixed_where_the_law_settles_them(race, preset: str, option: str, value: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as caught:
        read_input(race(CONTEST.format(rule=preset) + f"options: {{{option}: {value}}}\n"))
    assert caught.value.problem.startswith(f"preset {preset} counts with {option}: false")


def test_rules_json_writes_no_limit_as_a_race_file_does() -> None:
    result = run(["rules", "us-ny-nyc-rcv", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    (preset,) = json.loads(result.stdout)["presets"]
    assert preset["options"]["max_skipped"] == "unlimited"
    assert preset["options"]["batch_elimination_if_equal"] is True


def test_a_winner_under_a_fixed_threshold_is_said_to_be_short_of_it(race) -> None:  # type: ignore[no-untyped-def]
    text = (
        "name: Mayor\nrule: us-mn-minneapolis-rcv\ncandidates: [{name: Ana}, {name: Ben}, {name: Cy}]\n"
        "ballots: [{ranking: [Ana], count: 45}, {ranking: [Ben, Ana], count: 40}, {ranking: [Cy], count: 15}]\n"
    )
    result = run(["tally", race(text)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    # 167.60(c)(1)d: Ben is defeated and Ana, left alone, elected; Ben's votes are not transferred
    assert (
        "Ana wins in round 2 with 45 of 85 continuing votes (52.94%), short of the 51 needed: "
        "elected as the leader of the last two" in result.stdout
    )


def test_misnamed_ranked_rules_are_named_as_written(race) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as caught:
        read_input(race("name: M\nrule: us_me_rcv\ncandidates: [{name: A}]\nballots: [{ranking: [A]}]\n"))
    assert caught.value.problem == "unknown rule 'us_me_rcv'"
    assert caught.value.hint.startswith("did you mean 'us-me-rcv'?")
    with pytest.raises(InputError) as caught:
        read_input(race("name: M\nrule: us-me-rcv\ncandidates: [{name: A, votes: 3}]\n"))
    assert caught.value.problem.startswith("rule 'us-me-rcv' is ranked-choice")
    with pytest.raises(InputError) as caught:
        method_named("us-me-rc", Location("--rule"))
    assert "us-me-rcv" not in caught.value.hint  # a ranked preset, which vote counts refuse


# --- the library's options, as strict as a race file's ------------------------------------------

BALLOTS = {("Ana",): 40, ("Ben", "Ana"): 30, ("Cy",): 20}


@pytest.mark.parametrize(
    "given",
    [{"batch_elimination": 0}, {"continue_until_two": 1}, {"first_round_determines_threshold": "no"}],
)
def test_flags_must_be_true_or_false(given: dict[str, object]) -> None:
    with pytest.raises(InputError) as caught:
        electcli.contest("Mayor", BALLOTS, rule="irv", options=given)
    (flag,) = given
    assert caught.value.problem == f"{flag} is {given[flag]!r}" and caught.value.hint == "True or False"
    with pytest.raises(InputError):
        electcli.contest("Mayor", BALLOTS, rule="us-ak-rcv", options=given)


def test_options_are_a_mapping_and_take_the_words_for_no_limit() -> None:
    with pytest.raises(InputError) as caught:
        electcli.contest("Mayor", BALLOTS, rule="us-me-rcv", options=[("overvote", "exhaust")])  # type: ignore[arg-type]
    assert caught.value.problem == "options is list, not a mapping of option name to value"
    built = electcli.contest("Mayor", BALLOTS, rule="us-ny-nyc-rcv", options={"max_skipped": "unlimited"})
    assert built.ranked is not None and built.ranked.max_skipped is None
    built = electcli.contest("Mayor", BALLOTS, rule="irv", options={"max_rankings": "all", "max_skipped": "unlimited"})
    assert built.ranked is not None and (built.ranked.max_rankings, built.ranked.max_skipped) == (None, None)
    with pytest.raises(InputError):
        electcli.contest("Mayor", BALLOTS, rule="us-me-rcv", options={"max_skipped": True})  # True == 1


@pytest.mark.parametrize("name", ["us-mn-minneapolis-rcv", "us-al-primary"])
def test_rules_name_is_laid_out_to_the_width_without_trailing_blanks(name: str) -> None:
    result = run(["rules", name], env={"COLUMNS": "60"})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{name}: ")
    assert all(line == line.rstrip() for line in lines)
    # a line runs over only when it is one word too long to break (a URL)
    assert all(len(line) <= 60 or " " not in line.strip() for line in lines)
    assert sum(line.startswith("- ") for line in lines) == len(PRESETS[name].notes)


def test_the_html_report_names_the_preset_and_its_notes(race) -> None:  # type: ignore[no-untyped-def]
    result = run(["tally", race(CONTEST.format(rule="us-ny-nyc-rcv")), "--format", "html"])
    assert result.exit_code == 0, result.stderr
    assert "<li>Rule: us-ny-nyc-rcv, New York City ranked-choice primaries and special elections" in result.stdout
    assert result.stdout.count("<li>Note: ") == len(PRESETS["us-ny-nyc-rcv"].notes)
