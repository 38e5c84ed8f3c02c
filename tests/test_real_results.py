"""Real, published results, tallied from the shipped sample races.

Each test names the result it reproduces and where it was published; the figures themselves
live (with fuller citations) in the sample race files, so these tests check the code's decision
against what really happened, not against numbers invented for the test.
"""

from __future__ import annotations

from fractions import Fraction

from electcli.pipeline import tally_file
from electcli.tabulate import Result
from tests.conftest import SAMPLES


def only(name: str) -> Result:
    (result,) = tally_file(str(SAMPLES / name)).results
    return result


def test_alabama_2020_senate_primary_goes_to_a_runoff() -> None:
    # Alabama Secretary of State, certified results of the March 3, 2020 primary: Tuberville
    # 239,616 (33.4%), Sessions 227,088 (31.6%), total 717,665; no one passed 50%.
    result = only("al-2020-senate-gop-primary.yaml")
    assert result.outcome == "runoff"
    assert result.advancing == ("Tommy Tuberville", "Jeff Sessions")
    assert result.total_votes == 717665
    assert result.short_of_threshold == 119217


def test_alabama_2020_senate_runoff_is_won_outright() -> None:
    # July 14, 2020 runoff: Tuberville beat Sessions with about 60.7% (Secretary of State's
    # election-night results, as reported by al.com).
    result = only("al-2020-senate-gop-runoff.yaml")
    assert result.outcome == "winner" and result.winners == ("Tommy Tuberville",)
    assert round(float(result.standings[0].share) * 100, 1) == 60.7


def test_alabama_2017_special_write_ins_count_but_do_not_win() -> None:
    # State Canvassing Board certification, December 28, 2017: Jones 673,896, Moore 651,972,
    # write-ins 22,852. Jones won with 49.97%, without a majority; the 1.63-point margin was
    # outside the 0.5% automatic-recount rule of Code of Alabama 17-16-20.
    result = only("al-2017-senate-special.yaml")
    assert result.winners == ("Doug Jones",)
    assert result.total_votes == 1348720
    assert result.standings[0].share < Fraction(1, 2)
    assert result.lead is not None and result.lead.votes == 21924
    assert round(float(result.lead.points), 2) == 1.63
    assert result.recount is False


def test_louisiana_2019_jungle_primary_and_runoff() -> None:
    # Louisiana Secretary of State: Edwards 46.6% on October 12, 2019, short of a majority;
    # he then beat Rispone 774,498 to 734,286 on November 16, 2019.
    primary = only("la-2019-governor-primary.yaml")
    assert primary.outcome == "runoff" and primary.advancing == ("John Bel Edwards", "Eddie Rispone")
    runoff = only("la-2019-governor-runoff.yaml")
    assert runoff.winners == ("John Bel Edwards",)
    assert runoff.lead is not None and runoff.lead.votes == 40212


def test_measure_j_won_a_majority_but_failed_two_thirds() -> None:
    # Los Angeles County Measure J, November 6, 2012: 66.11% Yes, short of the two-thirds a
    # special tax needed in California, so it failed.
    result = only("measure-two-thirds.yaml")
    assert result.outcome == "fail"
    assert round(float(result.standings[0].share) * 100, 2) == 66.11
    assert result.short_of_threshold == 15961


def test_california_top_two_advances_a_majority_winner() -> None:
    # California Statewide Direct Primary, June 5, 2018, State Controller: Yee won 62% but, under
    # the top-two system, only advanced to November with Roditis.
    result = only("top-two-primary.yaml")
    assert result.outcome == "advance" and result.advancing == ("Betty Yee", "Konstantinos Roditis")


def test_virginia_house_district_94_tie_decided_by_lot() -> None:
    # Virginia House of Delegates District 94, 2017: tied 11,608 to 11,608 after the recount;
    # Yancey's name was drawn from a bowl on January 4, 2018.
    result = only("tie-by-lot.yaml")
    assert result.outcome == "winner" and result.winners == ("David Yancey",)
    assert result.decided_by_lot and result.tied == ()
    assert result.cutoff is not None and result.cutoff.votes == 0


def test_vote_for_three_with_a_tie_above_the_line() -> None:
    # Town of Westlake, Texas, April 2, 1977 aldermen election (Ordinance No. 100, the canvass):
    # Campbell and Tate tied at 16, both inside the three seats, so there was no tie to break.
    result = only("council-vote-for-3.yaml")
    assert result.outcome == "winner" and len(result.winners) == 3
    assert result.tied == ()
    assert "Leo Fikes" not in result.winners
