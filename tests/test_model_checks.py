"""The model checks itself: impossible values are refused when built, whoever builds them.

Before these checks, a contest built in Python (not read from a file) could list a name twice
(both were "elected"), hold negative votes (a share of -2/3), spell a measure's choice `yes` (a
bare StopIteration) or be a runoff without a threshold (an AssertionError).
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from electcli.errors import InputError, Location, ModelError
from electcli.model import MEASURE, PLURALITY, RUNOFF, TOP, Candidate, Contest, Recount, Results, Rule, Threshold
from electcli.ranked.rules import BOTTOMS_UP_PERCENTAGE, IRV, STV, RankedRules, Tiebreak

HERE = Location("race.yaml", 3, 5)
MAJORITY = Threshold(True, Fraction(1, 2), ">50%")
PLAIN = Rule(PLURALITY, None, 0)


def contest(*candidates: Candidate, rule: Rule = PLAIN, **fields: object) -> Contest:
    return Contest("Mayor", rule, candidates, HERE, **fields)  # type: ignore[arg-type]


def refused(part: str, build: object) -> ModelError:
    assert callable(build)
    with pytest.raises(ModelError) as caught:
        build()
    assert isinstance(caught.value, InputError)  # what a caller (and the CLI) catches
    assert caught.value.part == part
    return caught.value


def test_a_name_listed_twice_is_refused_at_the_second() -> None:
    first = Candidate("A", 5, location=Location("race.yaml", 4, 3))
    second = Candidate("A", 5, location=Location("race.yaml", 5, 3))
    error = refused("candidates", lambda: contest(first, second, seats=2))
    assert error.location == second.location
    assert "'A' is listed twice (first at line 4)" in error.problem


def test_negative_or_fractional_votes_are_refused() -> None:
    assert "-2 votes" in refused("votes", lambda: Candidate("A", -2)).problem
    refused("votes", lambda: Candidate("A", 1.5))  # type: ignore[arg-type]
    refused("votes", lambda: Candidate("A", True))
    refused("write_ins", lambda: contest(Candidate("A", 1), write_ins=-1))
    refused("over_votes", lambda: contest(Candidate("A", 1), reported=(("over_votes", -3),)))
    refused("results", lambda: Results(None, ("u",), ("A",), (-1,)))


def test_a_measure_has_exactly_yes_and_no() -> None:
    rule = Rule(MEASURE, MAJORITY, 0)
    error = refused("choices", lambda: contest(Candidate("yes", 5), Candidate("No", 3), rule=rule))
    assert "exactly Yes and No (given: yes, No)" in error.problem and error.location == HERE
    assert contest(Candidate("Yes", 5), Candidate("No", 3), rule=rule).is_measure


def test_rules_need_what_their_method_needs() -> None:
    assert "has no threshold" in refused("threshold", lambda: Rule(RUNOFF, None, 2)).problem
    refused("threshold", lambda: Rule(PLURALITY, MAJORITY, 0))
    assert "sends at least 2 on" in refused("advance", lambda: Rule(RUNOFF, MAJORITY, 1)).problem
    refused("advance", lambda: Rule(TOP, None, 0))
    refused("advance", lambda: Rule(PLURALITY, None, 2))
    refused("rule", lambda: Rule("plurallity", None, 0))


def test_thresholds_and_recounts_are_shares_that_can_be_met() -> None:
    refused("threshold", lambda: Threshold(True, Fraction(0), ">0%"))
    refused("threshold", lambda: Threshold(True, Fraction(1), ">100%"))
    refused("threshold", lambda: Threshold(False, Fraction(3, 2), ">=150%"))
    assert Threshold(False, Fraction(1), ">=100%").met(3, 3)
    refused("recount", lambda: Recount(True, Fraction(3, 2), False, "<=150%"))
    refused("recount", lambda: Recount(True, Fraction(-1), True, "<=-1"))


def test_seats_go_with_the_rule() -> None:
    assert refused("seats", lambda: contest(Candidate("A", 1), seats=0)).problem == "seats is 0"
    runoff = Rule(RUNOFF, MAJORITY, 2)
    assert "elects one" in refused("seats", lambda: contest(Candidate("A", 1), rule=runoff, seats=2)).problem
    assert contest(Candidate("A", 1), Candidate("B", 2), seats=2).seats == 2


def test_other_contest_checks() -> None:
    refused("candidates", lambda: contest())
    refused("candidates", lambda: contest(Candidate("write_ins", 1)))
    refused("name", lambda: Contest(" ", PLAIN, (Candidate("A", 1),), HERE))
    refused("tiebreak", lambda: contest(Candidate("A", 1), tiebreak=("A", "Z")))
    # a ranked rule without ballots, and ballots without a ranked rule
    refused("rule", lambda: contest(Candidate("A", 0), rule=Rule(IRV, None, 0)))


def test_ranked_rules_check_themselves() -> None:
    refused("continue_until_two", lambda: RankedRules(method=STV, seats=2, continue_until_two=True))
    refused("seats", lambda: RankedRules(method=IRV, seats=2))
    refused("seats", lambda: RankedRules(method=STV, seats=0))
    assert RankedRules(method=IRV, seats=0, winner_mode=BOTTOMS_UP_PERCENTAGE).seats == 0
    refused("overvote", lambda: RankedRules(overvote="ignore"))
    refused("quota", lambda: RankedRules(quota="imperiali"))
    refused("max_rankings", lambda: RankedRules(max_rankings=0))
    refused("decimal_places", lambda: RankedRules(decimal_places=-1))
    refused("tiebreak", lambda: Tiebreak(mode="coin"))
    refused("tiebreak", lambda: Tiebreak(mode="order", order=("A", "A")))
