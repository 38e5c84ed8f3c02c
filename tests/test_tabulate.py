"""The pure core: every rule, tie and margin, on contests built in memory."""

from __future__ import annotations

from fractions import Fraction

import pytest

from electcli.errors import InputError, Location
from electcli.tabulate import tabulate
from electcli.values import parse_recount
from tests.conftest import contest

# -- plurality ----------------------------------------------------------------------------------


def test_plurality_single_winner() -> None:
    result = tabulate(contest({"A": 50, "B": 30, "C": 20}))
    assert result.outcome == "winner"
    assert result.winners == ("A",)
    assert result.advancing == () and result.tied == ()
    assert [s.status for s in result.standings] == ["elected", "defeated", "defeated"]
    assert result.lead is not None and result.lead.votes == 20
    assert result.cutoff is not None and result.cutoff.votes == 20
    assert result.short_of_threshold is None


def test_plurality_needs_no_majority() -> None:
    result = tabulate(contest({"A": 34, "B": 33, "C": 33}))
    assert result.outcome == "winner" and result.winners == ("A",)


def test_vote_for_three() -> None:
    result = tabulate(contest({"A": 10, "B": 40, "C": 30, "D": 20, "E": 5}, seats=3))
    assert result.winners == ("B", "C", "D")
    assert result.cutoff is not None and result.cutoff.votes == 10  # D minus A


def test_equal_votes_above_the_line_are_no_tie() -> None:
    result = tabulate(contest({"A": 16, "B": 12, "C": 16, "D": 4}, seats=3))
    assert result.outcome == "winner"
    assert result.winners == ("A", "C", "B")  # equal votes keep the file's order
    assert result.tied == ()


def test_equal_votes_below_the_line_are_no_tie() -> None:
    result = tabulate(contest({"A": 50, "B": 20, "C": 20}))
    assert result.outcome == "winner" and result.tied == ()


def test_tie_at_the_cutoff() -> None:
    result = tabulate(contest({"A": 40, "B": 30, "C": 30, "D": 10}, seats=2))
    assert result.outcome == "tie"
    assert result.winners == ("A",)  # through regardless of the tie
    assert result.tied == ("B", "C")
    assert [s.status for s in result.standings] == ["elected", "tied", "tied", "defeated"]
    assert result.cutoff is not None and result.cutoff.votes == 0
    assert not result.decided_by_lot


def test_three_way_tie_for_two_seats() -> None:
    result = tabulate(contest({"A": 30, "B": 30, "C": 30}, seats=2))
    assert result.outcome == "tie" and result.winners == () and result.tied == ("A", "B", "C")


def test_tiebreak_decides_by_lot() -> None:
    result = tabulate(contest({"Yancey": 11608, "Simonds": 11608}, tiebreak=["Simonds", "Yancey"]))
    assert result.outcome == "winner"
    assert result.winners == ("Simonds",)
    assert result.tied == ()
    assert result.decided_by_lot
    assert [s.candidate.name for s in result.standings] == ["Simonds", "Yancey"]


def test_tiebreak_only_applies_to_a_tie_at_the_line() -> None:
    result = tabulate(contest({"A": 10, "B": 10, "C": 5}, seats=2, tiebreak=["B", "A", "C"]))
    assert result.winners == ("A", "B")  # no tie at the line: file order among equals
    assert not result.decided_by_lot


def test_tiebreak_that_leaves_out_a_tied_candidate_is_an_error() -> None:
    with pytest.raises(InputError) as caught:
        tabulate(contest({"A": 10, "B": 10, "C": 10}, tiebreak=["A", "B"]))
    assert "'C'" in caught.value.problem


def test_one_candidate() -> None:
    result = tabulate(contest({"A": 1234}))
    assert result.outcome == "winner" and result.winners == ("A",)
    assert result.lead is None and result.cutoff is None


def test_more_seats_than_candidates_elects_all() -> None:
    result = tabulate(contest({"A": 5, "B": 3}, seats=3))
    assert result.outcome == "winner" and result.winners == ("A", "B") and result.cutoff is None


def test_zero_votes_everywhere_is_a_tie() -> None:
    result = tabulate(contest({"A": 0, "B": 0}))
    assert result.outcome == "tie" and result.tied == ("A", "B")
    assert all(s.share == 0 for s in result.standings)
    assert result.lead is not None and result.lead.points == 0


def test_one_candidate_with_no_votes_still_wins() -> None:
    assert tabulate(contest({"A": 0})).winners == ("A",)


def test_unnamed_write_ins_count_in_the_total_but_cannot_win() -> None:
    result = tabulate(contest({"A": 40, "B": 30}, write_ins=100))
    assert result.winners == ("A",)
    assert result.total_votes == 170
    assert result.standings[0].share == Fraction(40, 170)


def test_huge_counts() -> None:
    big = 10**25
    result = tabulate(contest({"A": big + 1, "B": big}))
    assert result.winners == ("A",) and result.lead is not None and result.lead.votes == 1


# -- runoff -------------------------------------------------------------------------------------


def test_runoff_when_nobody_passes_half() -> None:
    result = tabulate(contest({"A": 45, "B": 35, "C": 20}, method="runoff"))
    assert result.outcome == "runoff"
    assert result.advancing == ("A", "B") and result.winners == ()
    assert result.short_of_threshold == 6  # 51 needed of 100
    assert result.threshold_met is False


def test_runoff_winner_outright() -> None:
    result = tabulate(contest({"A": 51, "B": 49}, method="runoff"))
    assert result.outcome == "winner" and result.winners == ("A",)
    assert result.short_of_threshold == 0
    assert [s.status for s in result.standings] == ["elected", "defeated"]


def test_exactly_half_goes_to_a_runoff() -> None:
    result = tabulate(contest({"A": 50, "B": 30, "C": 20}, method="runoff"))
    assert result.outcome == "runoff"
    assert result.short_of_threshold == 1


def test_write_ins_can_force_a_runoff() -> None:
    result = tabulate(contest({"A": 50, "B": 40}, method="runoff", write_ins=11))
    assert result.outcome == "runoff" and result.advancing == ("A", "B")


def test_at_least_threshold_met_exactly() -> None:
    result = tabulate(contest({"A": 35, "B": 33, "C": 32}, method="runoff", threshold=">=35%"))
    assert result.outcome == "winner" and result.winners == ("A",)


def test_north_carolina_style_more_than_thirty_percent() -> None:
    assert tabulate(contest({"A": 31, "B": 30, "C": 39}, method="runoff", threshold=">30%")).winners == ("C",)
    result = tabulate(contest({"A": 30, "B": 30, "C": 29, "D": 11}, method="runoff", threshold=">30%"))
    assert result.outcome == "runoff" and result.advancing == ("A", "B")


def test_tied_leaders_who_both_meet_a_low_threshold_are_tied_for_the_win() -> None:
    result = tabulate(contest({"A": 40, "B": 40, "C": 20}, method="runoff", threshold=">30%"))
    assert result.outcome == "tie" and result.tied == ("A", "B") and result.winners == ()


def test_tie_for_the_second_runoff_place() -> None:
    result = tabulate(contest({"A": 40, "B": 25, "C": 25, "D": 10}, method="runoff"))
    assert result.outcome == "tie"
    assert result.advancing == ("A",)
    assert result.tied == ("B", "C")
    assert [s.status for s in result.standings] == ["advances", "tied", "tied", "defeated"]


def test_runoff_tie_settled_by_lot() -> None:
    result = tabulate(contest({"A": 40, "B": 25, "C": 25, "D": 10}, method="runoff", tiebreak=["C", "B"]))
    assert result.outcome == "runoff" and result.advancing == ("A", "C") and result.decided_by_lot


def test_runoff_advancing_three() -> None:
    result = tabulate(contest({"A": 30, "B": 25, "C": 25, "D": 20}, method="runoff", advance=3))
    assert result.outcome == "runoff" and result.advancing == ("A", "B", "C")
    assert result.cutoff is not None and result.cutoff.votes == 5


def test_runoff_with_two_candidates_and_no_majority_sends_both_on() -> None:
    result = tabulate(contest({"A": 10, "B": 10}, method="runoff", write_ins=1))
    assert result.outcome == "runoff" and result.advancing == ("A", "B") and result.cutoff is None


def test_runoff_with_no_votes() -> None:
    result = tabulate(contest({"A": 0, "B": 0, "C": 0}, method="runoff"))
    assert result.outcome == "tie" and result.threshold_met is False
    assert result.short_of_threshold == 1


def test_runoff_margins_follow_the_contract() -> None:
    # The contract's own example (shared/spec/output.md): the 2020 Alabama primary.
    result = tabulate(
        contest({"Tuberville": 239616, "Sessions": 227088, "Byrne": 178627, "Others": 72334}, method="runoff")
    )
    assert result.lead is not None and result.cutoff is not None
    assert result.lead.votes == 12528 and float(result.lead.points) == 1.7456612765008743
    assert result.cutoff.votes == 48461 and float(result.cutoff.points) == 6.752593480244961
    assert result.short_of_threshold == 119217 == 717665 // 2 + 1 - 239616
    assert float(result.standings[0].share) == 0.33388280047097185


# -- top ----------------------------------------------------------------------------------------


def test_top_two_advance_whatever_their_shares() -> None:
    result = tabulate(contest({"A": 62, "B": 34, "C": 4}, method="top"))
    assert result.outcome == "advance" and result.advancing == ("A", "B")
    assert result.short_of_threshold is None


def test_top_four() -> None:
    result = tabulate(contest({"A": 5, "B": 4, "C": 3, "D": 2, "E": 1}, method="top", advance=4))
    assert result.advancing == ("A", "B", "C", "D")


def test_top_tie_at_the_line() -> None:
    result = tabulate(contest({"A": 5, "B": 3, "C": 3}, method="top"))
    assert result.outcome == "tie" and result.advancing == ("A",) and result.tied == ("B", "C")


def test_top_with_fewer_candidates_than_places() -> None:
    result = tabulate(contest({"A": 5}, method="top"))
    assert result.outcome == "advance" and result.advancing == ("A",)


# -- measure ------------------------------------------------------------------------------------


def test_measure_needs_its_supermajority() -> None:
    result = tabulate(contest({"Yes": 1893340, "No": 970611}, method="measure", threshold=">=2/3"))
    assert result.outcome == "fail"
    assert result.short_of_threshold == 15961
    assert result.cutoff is None
    assert all(s.status is None for s in result.standings)


def test_measure_at_exactly_two_thirds_passes() -> None:
    assert tabulate(contest({"Yes": 200, "No": 100}, method="measure", threshold=">=2/3")).outcome == "pass"
    assert tabulate(contest({"Yes": 199, "No": 101}, method="measure", threshold=">=2/3")).outcome == "fail"


def test_measure_sixty_percent() -> None:
    assert tabulate(contest({"Yes": 60, "No": 40}, method="measure", threshold=">=60%")).outcome == "pass"
    assert tabulate(contest({"Yes": 60, "No": 40}, method="measure", threshold=">60%")).outcome == "fail"


def test_measure_tied_fails_a_majority() -> None:
    result = tabulate(contest({"Yes": 50, "No": 50}, method="measure"))
    assert result.outcome == "fail" and result.short_of_threshold == 1
    assert result.lead is not None and result.lead.votes == 0


def test_measure_with_no_votes_fails() -> None:
    result = tabulate(contest({"Yes": 0, "No": 0}, method="measure"))
    assert result.outcome == "fail"


def test_measure_order_is_by_votes() -> None:
    result = tabulate(contest({"Yes": 10, "No": 90}, method="measure"))
    assert [s.candidate.name for s in result.standings] == ["No", "Yes"]
    assert result.lead is not None and result.lead.votes == 80


# -- recount ------------------------------------------------------------------------------------


def _with_recount(text: str, votes: dict[str, int], **kwargs: object):  # type: ignore[no-untyped-def]
    base = contest(votes, **kwargs)  # type: ignore[arg-type]
    from dataclasses import replace

    return replace(base, recount=parse_recount(text, Location("test")))


def test_recount_in_percent_is_measured_at_the_cutoff() -> None:
    # 5 of 1,000 is 0.5% exactly: "<=0.5%" applies, "<0.5%" does not.
    assert tabulate(_with_recount("<=0.5%", {"A": 500, "B": 495, "C": 5})).recount
    assert not tabulate(_with_recount("<0.5%", {"A": 500, "B": 495, "C": 5})).recount
    assert not tabulate(_with_recount("<=0.5%", {"A": 501, "B": 494, "C": 5})).recount


def test_recount_in_votes() -> None:
    assert tabulate(_with_recount("<=2000", {"A": 102000, "B": 100000})).recount
    assert not tabulate(_with_recount("<=2000", {"A": 102001, "B": 100000})).recount


def test_recount_in_a_runoff_uses_second_minus_third() -> None:
    result = tabulate(_with_recount("<=10", {"A": 400, "B": 300, "C": 295}, method="runoff"))
    assert result.outcome == "runoff" and result.recount


def test_a_tie_is_within_any_recount_margin() -> None:
    assert tabulate(_with_recount("<=0.5%", {"A": 10, "B": 10})).recount


def test_no_recount_without_a_pair_at_the_cutoff() -> None:
    assert not tabulate(_with_recount("<=0.5%", {"A": 10})).recount


def test_votes_to_spare_over_the_threshold() -> None:
    # Yes 6,005 of 10,000 against ">=60%": 6,000 needed, so 5 votes to spare.
    assert tabulate(contest({"Yes": 6005, "No": 3995}, method="measure", threshold=">=60%")).to_spare == 5
    assert tabulate(contest({"Yes": 6000, "No": 4000}, method="measure", threshold=">=60%")).to_spare == 0
    assert tabulate(contest({"Yes": 5999, "No": 4001}, method="measure", threshold=">=60%")).to_spare is None
    assert tabulate(contest({"A": 51, "B": 49}, method="runoff")).to_spare == 0
    assert tabulate(contest({"A": 50, "B": 50}, method="runoff")).to_spare is None
    assert tabulate(contest({"A": 5, "B": 4})).to_spare is None  # plurality has no threshold
