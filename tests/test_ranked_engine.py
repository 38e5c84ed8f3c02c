"""The ranked-choice counting engine (electcli.ranked.engine): every rule and edge, on small
hand-counted contests."""

from __future__ import annotations

from fractions import Fraction

import pytest

from electcli.errors import ModelError
from electcli.ranked.ballots import OVERVOTE, BallotGrouper, BallotGroups
from electcli.ranked.count import Count
from electcli.ranked.engine import count_ranked
from electcli.ranked.errors import CountAbortedError, CountInvariantError
from electcli.ranked.java_random import JavaRandom, java_hash_set_order, java_shuffle, java_string_hash
from electcli.ranked.rounds import (
    EXHAUSTED,
    EXHAUSTED_CHOICES,
    FINAL_ROUND_SURPLUS,
    INACTIVE_REASONS,
    OVERVOTES,
    REPEATED_RANKINGS,
    RESIDUAL_SURPLUS,
    SKIPPED_RANKINGS,
)
from electcli.ranked.rules import (
    BOTTOMS_UP,
    BOTTOMS_UP_PERCENTAGE,
    EXHAUST,
    EXHAUST_IF_MULTIPLE_CONTINUING,
    MULTI_PASS_IRV,
    MULTI_WINNER,
    MULTI_WINNER_ONE_PER_ROUND,
    SKIP,
    STV,
    TIE_GENERATE_PERMUTATION,
    TIE_ORDER,
    TIE_PREVIOUS_ROUND_THEN_ORDER,
    TIE_RANDOM,
    TIE_STOP,
    RankedRules,
    Tiebreak,
)

Mark = str | list[str] | None  # a name, an overvote (several names), or a skipped rank


def contest(names: str, *ballots: tuple[int, list[Mark]], uwi: str | None = None) -> BallotGroups:
    """``contest("ABC", (5, ["A", "B"]), (2, [["A", "B"], None, "C"]))``; "!" is an overvote label."""
    grouper = BallotGrouper(list(names), uwi)
    for count, marks in ballots:
        ranking: list[tuple[int, ...]] = []
        for mark in marks:
            if mark is None:
                ranking.append(())
            elif mark == "!":
                ranking.append((OVERVOTE,))
            elif isinstance(mark, list):
                ranking.append(tuple(sorted(grouper.index[m] for m in mark)))
            else:
                ranking.append((grouper.index[mark],))
        grouper.add(tuple(ranking), count)
    return grouper.build()


def rctab(**kw: object) -> RankedRules:
    kw.setdefault("decimal_places", 4)
    kw.setdefault("tiebreak", Tiebreak(TIE_ORDER))
    return RankedRules(**kw)  # type: ignore[arg-type]


def _fields(rules: RankedRules) -> dict[str, object]:
    return {name: getattr(rules, name) for name in rules.__dataclass_fields__}


def tallies(result_rounds: object) -> list[dict[str, Fraction]]:
    return [dict(r.tally) for r in result_rounds]  # type: ignore[attr-defined]


# --- irv -------------------------------------------------------------------------------------


def test_majority_in_the_first_round() -> None:
    result = count_ranked(contest("ABC", (6, ["A"]), (3, ["B"]), (2, ["C"])), RankedRules())
    assert result.winners == ("A",)
    assert len(result.rounds) == 1
    assert result.rounds[0].threshold == 6
    assert result.rounds[0].elected == ("A",)
    assert result.outcome == "winner"


def test_last_place_eliminated_and_transferred() -> None:
    ballots = contest("ABC", (5, ["A"]), (4, ["B", "A"]), (2, ["C", "B"]), (1, ["C"]))
    result = count_ranked(ballots, RankedRules())
    first, second = result.rounds
    assert first.threshold == 7
    assert first.eliminated == ("C",)
    assert first.transfers == {"C": {"B": 2, EXHAUSTED: 1}}
    assert second.tally == {"A": 5, "B": 6}
    assert second.inactive["exhausted_choices"] == 1
    assert second.threshold == 6  # floor(11 / 2) + 1: more than half of the continuing votes
    assert second.elected == ("B",)
    assert result.winners == ("B",)


def test_exactly_half_is_not_a_majority() -> None:
    ballots = contest("ABC", (5, ["A"]), (4, ["B"]), (1, ["C", "B"]))
    result = count_ranked(ballots, RankedRules(tiebreak=Tiebreak(TIE_ORDER, ("A", "B", "C"))))
    # round 2: 5-5, nobody has more than half; B is later in the tiebreak order and goes
    assert result.rounds[1].tally == {"A": 5, "B": 5}
    assert result.rounds[1].elected == ()
    assert result.rounds[1].eliminated == ("B",)
    assert result.ties[0].tied == ("A", "B") and result.ties[0].chosen == ("B",)
    assert result.ties[0].how == "order" and result.ties[0].purpose == "elimination"
    assert result.winners == ("A",)


def test_bottom_tie_follows_the_tiebreak_order() -> None:
    ballots = contest("ABCD", (5, ["A"]), (4, ["B"]), (2, ["C", "A"]), (2, ["D", "B"]))
    result = count_ranked(ballots, RankedRules(tiebreak=Tiebreak(TIE_ORDER, ("D", "C", "B", "A"))))
    assert result.rounds[0].eliminated == ("C",)  # C is later in the order than D
    assert result.winners == ("A",) or result.winners == ("B",)
    assert result.decided_by_lot


def test_an_order_missing_a_tied_candidate_settles_nothing() -> None:
    ballots = contest("ABCD", (5, ["A"]), (4, ["B"]), (2, ["C", "A"]), (2, ["D", "B"]))
    result = count_ranked(ballots, RankedRules(tiebreak=Tiebreak(TIE_ORDER, ("A", "B", "C"))))
    assert result.outcome == "tie" and result.tied == ("C", "D")


def test_bottom_tie_without_tiebreak_is_the_outcome() -> None:
    ballots = contest("ABCD", (5, ["A"]), (4, ["B"]), (2, ["C", "A"]), (2, ["D", "B"]))
    result = count_ranked(ballots, RankedRules())
    assert result.outcome == "tie"
    assert result.tied == ("C", "D")
    assert result.winners == ()
    assert len(result.rounds) == 1  # counting stops at the tie
    assert result.rounds[0].eliminated == ()


def test_two_left_tied_without_tiebreak() -> None:
    result = count_ranked(contest("AB", (3, ["A"]), (3, ["B"])), RankedRules())
    assert result.outcome == "tie" and result.tied == ("A", "B")


def test_seeded_random_tiebreak_is_reproducible_and_recorded() -> None:
    ballots = contest("ABCD", (5, ["A"]), (4, ["B"]), (2, ["C", "A"]), (2, ["D", "B"]))
    rules = RankedRules(tiebreak=Tiebreak(TIE_RANDOM, seed=20261103))
    first = count_ranked(ballots, rules)
    again = count_ranked(ballots, rules)
    assert first == again
    assert first.ties[0].how == "random" and first.ties[0].seed == 20261103
    assert first.ties[0].chosen[0] in ("C", "D")


def test_zero_ballots() -> None:
    empty = contest("AB")
    assert count_ranked(empty, RankedRules()).tied == ("A", "B")
    result = count_ranked(empty, RankedRules(tiebreak=Tiebreak(TIE_ORDER, ("B", "A"))))
    assert result.winners == ("B",)
    assert result.total_ballots == 0


def test_one_candidate_wins() -> None:
    assert count_ranked(contest("A", (3, ["A"])), RankedRules()).winners == ("A",)
    assert count_ranked(contest("A"), RankedRules()).winners == ("A",)


def test_every_ballot_exhausted() -> None:
    ballots = contest("ABC", (2, ["C"]), (1, ["B"]), (1, ["A"]))
    result = count_ranked(ballots, RankedRules(tiebreak=Tiebreak(TIE_ORDER, ("A", "B", "C"))))
    assert result.winners == ("C",)
    result = count_ranked(contest("AB", (1, [None, None])), RankedRules())
    assert result.undervotes == 1  # an all-skipped ballot ranks no one


def test_undervotes_are_not_inactive() -> None:
    result = count_ranked(contest("AB", (3, ["A"]), (2, []), (1, ["B"])), RankedRules())
    assert result.undervotes == 2 and result.total_ballots == 6
    assert result.rounds[0].inactive_total == 0
    assert result.rounds[0].active == 4


# --- ballot rules ------------------------------------------------------------------------------


def test_overvote_exhaust_and_skip() -> None:
    ballots = contest("ABC", (3, ["A"]), (2, ["B"]), (2, [["A", "B"], "C"]), (1, ["C"]))
    exhausted = count_ranked(ballots, RankedRules(overvote=EXHAUST))
    assert exhausted.rounds[0].inactive[OVERVOTES] == 2
    assert exhausted.rounds[0].tally == {"A": 3, "B": 2, "C": 1}
    skipped = count_ranked(ballots, RankedRules(overvote=SKIP))
    assert skipped.rounds[0].tally == {"A": 3, "B": 2, "C": 3}
    # skipping an overvote at the last rank leaves no choice: exhausted, not an overvote
    last = count_ranked(contest("AB", (1, ["A"]), (1, [["A", "B"]])), RankedRules(overvote=SKIP))
    assert last.rounds[0].inactive["exhausted_choices"] == 1 and last.rounds[0].inactive[OVERVOTES] == 0


def test_explicit_overvote_label() -> None:
    ballots = contest("AB", (2, ["A"]), (1, ["!", "B"]))
    assert count_ranked(ballots, RankedRules(overvote=EXHAUST)).rounds[0].inactive[OVERVOTES] == 1
    assert count_ranked(ballots, RankedRules(overvote=SKIP)).rounds[0].tally == {"A": 2, "B": 1}


def test_overvote_exhausts_only_with_two_continuing() -> None:
    ballots = contest("ABC", (4, ["A"]), (3, ["B"]), (1, ["C"]), (2, [["B", "C"], "A"]))
    result = count_ranked(ballots, RankedRules(overvote=EXHAUST_IF_MULTIPLE_CONTINUING))
    assert result.rounds[0].inactive[OVERVOTES] == 2  # B and C both continuing
    ballots = contest("ABC", (4, ["A"]), (3, ["B"]), (2, ["C", ["B", "C"]]))
    result = count_ranked(ballots, RankedRules(overvote=EXHAUST_IF_MULTIPLE_CONTINUING))
    # after C goes, the overvote {B, C} has one continuing candidate: the ballots count for B
    assert result.rounds[0].eliminated == ("C",)
    assert result.rounds[0].transfers["C"] == {"B": 2}


def test_skipped_ranks() -> None:
    ballots = contest("ABC", (3, ["A"]), (2, ["B"]), (2, [None, "C"]), (1, [None, None, "C"]))
    unlimited = count_ranked(ballots, RankedRules())
    assert unlimited.rounds[0].tally["C"] == 3
    one = count_ranked(ballots, RankedRules(max_skipped=1))
    assert one.rounds[0].tally["C"] == 2 and one.rounds[0].inactive[SKIPPED_RANKINGS] == 1
    none = count_ranked(ballots, RankedRules(max_skipped=0))
    assert none.rounds[0].tally["C"] == 0 and none.rounds[0].inactive[SKIPPED_RANKINGS] == 3


def test_gap_after_a_choice_exhausts_on_transfer() -> None:
    ballots = contest("ABC", (3, ["A"]), (2, ["B"]), (1, ["C", None, None, "A"]))
    result = count_ranked(ballots, RankedRules(max_skipped=1))
    assert result.rounds[0].transfers["C"] == {EXHAUSTED: 1}
    assert result.rounds[1].inactive[SKIPPED_RANKINGS] == 1


def test_repeated_candidate_skip_or_exhaust() -> None:
    ballots = contest("ABC", (3, ["A"]), (2, ["B"]), (1, ["C", "C", "A"]))
    skipped = count_ranked(ballots, RankedRules())
    assert skipped.rounds[0].transfers["C"] == {"A": 1}
    exhausted = count_ranked(ballots, RankedRules(duplicate=EXHAUST))
    assert exhausted.rounds[0].transfers["C"] == {EXHAUSTED: 1}
    assert exhausted.rounds[1].inactive[REPEATED_RANKINGS] == 1


def test_max_rankings() -> None:
    ballots = contest("ABCD", (3, ["A"]), (2, ["B"]), (1, ["D", "C", "B"]))
    result = count_ranked(ballots, RankedRules(max_rankings=2))
    assert result.rounds[0].eliminated == ("C",)
    assert result.rounds[1].transfers["D"] == {EXHAUSTED: 1}  # B at rank 3 is never read


def test_batch_elimination() -> None:
    ballots = contest("ABCDE", (10, ["A"]), (8, ["B"]), (3, ["C", "B"]), (2, ["D", "B"]), (1, ["E", "A"]))
    result = count_ranked(ballots, RankedRules(batch_elimination=True))
    # C + D + E = 6 < 8: none of them can catch B, all go at once
    assert result.rounds[0].eliminated == ("E", "D", "C")
    assert result.rounds[1].tally == {"A": 11, "B": 13}
    assert result.winners == ("B",)


def test_continue_until_two() -> None:
    ballots = contest("ABCD", (10, ["A"]), (4, ["B"]), (3, ["C", "B"]), (2, ["D", "C"]))
    result = count_ranked(ballots, RankedRules(continue_until_two=True))
    assert result.winners == ("A",)
    assert result.rounds[0].elected == ("A",)
    assert [r.eliminated for r in result.rounds] == [(), ("D",), ("B",), ()]
    assert result.rounds[-1].tally == {"A": 10, "C": 5}
    assert result.rounds[-1].threshold == result.rounds[0].threshold  # fixed once A won


def test_stop_after_round() -> None:
    ballots = contest("ABCD", (5, ["A"]), (4, ["B"]), (3, ["C", "B"]), (2, ["D", "C"]))
    result = count_ranked(ballots, RankedRules(stop_after_round=1))
    assert len(result.rounds) == 1 and result.winners == ()
    assert result.rounds[0].eliminated == ("D",) and result.rounds[0].transfers == {}


def test_excluded_candidates_take_no_part() -> None:
    ballots = contest("ABC", (3, ["C", "A"]), (2, ["B"]))
    result = count_ranked(ballots, RankedRules(excluded=frozenset({"C"})))
    assert result.rounds[0].tally == {"A": 3, "B": 2}
    assert result.winners == ("A",)


def test_huge_counts_stay_exact() -> None:
    big = 10**15
    ballots = contest("ABC", (big + 1, ["A"]), (big, ["B"]), (1, ["C", "B"]))
    result = count_ranked(ballots, RankedRules())
    assert result.rounds[1].tally == {"A": big + 1, "B": big + 1}
    assert result.outcome == "tie"


# --- stv -----------------------------------------------------------------------------------------


def test_stv_surplus_is_exact() -> None:
    # 10 ballots, 2 seats: Droop quota floor(10/3) + 1 = 4. A has 7: surplus 3, fraction 3/7.
    ballots = contest("ABC", (4, ["A", "B"]), (3, ["A", "C"]), (2, ["B"]), (1, ["C"]))
    result = count_ranked(ballots, RankedRules(method=STV, seats=2))
    first, second = result.rounds[:2]
    assert first.threshold == 4 and first.elected == ("A",)
    assert first.transfers == {"A": {"B": Fraction(12, 7), "C": Fraction(9, 7)}}
    assert second.tally == {"A": 4, "B": 2 + Fraction(12, 7), "C": 1 + Fraction(9, 7)}
    assert result.winners == ("A", "B")
    assert result.residual_surplus == 0
    for r in result.rounds:
        assert r.active + r.inactive_total == 10


def test_stv_hare_quota() -> None:
    ballots = contest("ABC", (4, ["A", "B"]), (3, ["A", "C"]), (2, ["B"]), (1, ["C"]))
    result = count_ranked(ballots, RankedRules(method=STV, seats=2, quota="hare"))
    assert result.rounds[0].threshold == 5
    assert result.rounds[0].transfers["A"] == {"B": Fraction(8, 7), "C": Fraction(6, 7)}


def test_stv_fills_remaining_seats_when_candidates_run_out() -> None:
    ballots = contest("ABC", (3, ["A"]), (2, ["B"]), (1, ["C"]))
    result = count_ranked(ballots, RankedRules(method=STV, seats=2))
    assert set(result.winners) == {"A", "B"}


# --- RCTab rules -----------------------------------------------------------------------------


def test_rctab_truncates_and_keeps_the_residual() -> None:
    ballots = contest("ABC", (4, ["A", "B"]), (3, ["A", "C"]), (2, ["B"]), (1, ["C"]))
    result = count_ranked(ballots, rctab(method=STV, seats=2, winner_mode=MULTI_WINNER))
    first, second = result.rounds[:2]
    # fraction 3/7 truncated to 0.4285; each ballot passes 0.4285 on and keeps 0.5715
    assert first.transfers["A"] == {
        "B": Fraction("1.714"),
        "C": Fraction("1.2855"),
        RESIDUAL_SURPLUS: Fraction("0.0005"),
    }
    assert second.tally["A"] == 4  # the winner keeps exactly the threshold
    assert second.residual_surplus == Fraction("0.0005")
    assert result.residual_surplus == Fraction("0.0005")
    for r in result.rounds:
        assert r.active + r.inactive_total + r.residual_surplus == 10
    # the round after the last seat is filled shows the surplus that had nowhere to go
    assert FINAL_ROUND_SURPLUS in result.rounds[-1].inactive


def test_rctab_non_integer_threshold() -> None:
    ballots = contest("ABCD", (6, ["A"]), (5, ["B"]), (5, ["C"]), (1, ["D"]))
    rules = rctab(method=STV, seats=3, winner_mode=MULTI_WINNER, non_integer_threshold=True)
    assert count_ranked(ballots, rules).rounds[0].threshold == Fraction("4.2501")
    assert count_ranked(ballots, rctab(method=STV, seats=3, winner_mode=MULTI_WINNER)).rounds[0].threshold == 5


def test_rctab_one_winner_per_round() -> None:
    ballots = contest("ABCD", (6, ["A", "C"]), (6, ["B", "D"]), (1, ["C"]), (1, ["D"]))
    result = count_ranked(ballots, rctab(method=STV, seats=2, winner_mode=MULTI_WINNER_ONE_PER_ROUND))
    assert result.rounds[0].elected == ("A",)  # A and B tie on votes: the candidate order decides
    assert result.rounds[1].elected == ("B",)


def test_rctab_undeclared_write_ins_go_first_and_never_win() -> None:
    ballots = contest("AB", (5, ["W", "A"]), (3, ["A"]), (4, ["B"]), uwi="W")
    result = count_ranked(ballots, rctab())
    assert result.rounds[0].elected == () and result.rounds[0].eliminated == ("W",)
    assert result.winners == ("A",)


def test_rctab_minimum_vote_threshold() -> None:
    ballots = contest("ABCD", (6, ["A"]), (5, ["B"]), (2, ["C", "B"]), (1, ["D", "B"]))
    result = count_ranked(ballots, rctab(minimum_vote_threshold=3))
    assert result.rounds[0].eliminated == ("D", "C")
    with pytest.raises(CountAbortedError):
        count_ranked(ballots, rctab(minimum_vote_threshold=100))


def test_rctab_first_round_determines_threshold() -> None:
    ballots = contest("ABC", (4, ["A"]), (4, ["B"]), (3, ["C"]))
    result = count_ranked(ballots, rctab(first_round_determines_threshold=True))
    assert [r.threshold for r in result.rounds] == [6, 6]
    # two left, neither reaches 6: the top vote-getter wins, a tie settled by the order
    assert result.winners == ("A",)


def test_rctab_bottoms_up() -> None:
    ballots = contest("ABCD", (5, ["A"]), (4, ["B"]), (3, ["C"]), (1, ["D", "C"]))
    result = count_ranked(ballots, rctab(seats=2, winner_mode=BOTTOMS_UP))
    assert set(result.winners) == {"A", "B"}
    assert all(not r.transfers or "A" not in r.transfers for r in result.rounds)


def test_rctab_bottoms_up_percentage() -> None:
    ballots = contest("ABCD", (5, ["A"]), (4, ["B"]), (3, ["C", "B"]), (1, ["D", "C"]))
    rules = rctab(seats=0, winner_mode=BOTTOMS_UP_PERCENTAGE, bottoms_up_threshold=Fraction(1, 4))
    result = count_ranked(ballots, rules)
    # 13 active, threshold 3.25: D goes, then everyone left is above it and all win
    assert [r.threshold for r in result.rounds] == [Fraction("3.25"), Fraction("3.25")]
    assert set(result.winners) == {"A", "B", "C"}
    # with cutoff elimination everyone under the threshold goes at once
    ballots = contest("ABCD", (9, ["A"]), (4, ["B"]), (2, ["C", "B"]), (1, ["D", "C"]))
    cutoff = count_ranked(ballots, rctab(**{**_fields(rules), "cutoff_elimination": True}))
    assert cutoff.rounds[0].eliminated == ("D", "C")
    assert set(cutoff.winners) == {"A", "B"}


def test_rctab_tie_stops_when_asked() -> None:
    ballots = contest("ABCD", (5, ["A"]), (4, ["B"]), (2, ["C", "A"]), (2, ["D", "B"]))
    result = count_ranked(ballots, rctab(tiebreak=Tiebreak(TIE_STOP)))
    assert result.outcome == "tie" and result.tied == ("C", "D")


def test_generated_permutation_is_seeded() -> None:
    ballots = contest("ABCD", (5, ["A"]), (4, ["B"]), (2, ["C", "A"]), (2, ["D", "B"]))
    rules = rctab(tiebreak=Tiebreak(TIE_GENERATE_PERMUTATION, seed=7, java_random=True))
    assert count_ranked(ballots, rules) == count_ranked(ballots, rules)
    assert count_ranked(ballots, rules).ties[0].how == "permutation"


def test_previous_round_counts_break_the_tie() -> None:
    # round 2: C and D tie at 3; in round 1 D had fewer, so D goes
    ballots = contest("ABCDE", (6, ["A"]), (5, ["B"]), (3, ["C"]), (2, ["D"]), (1, ["E", "D"]))
    rules = RankedRules(tiebreak=Tiebreak(TIE_PREVIOUS_ROUND_THEN_ORDER, ("A", "B", "C", "D", "E")))
    result = count_ranked(ballots, rules)
    assert result.rounds[1].eliminated == ("D",)
    assert result.ties[0].how == "previous_round"
    assert not result.decided_by_lot  # settled by votes counted, not by lot


def test_multi_pass_irv() -> None:
    ballots = contest("ABC", (5, ["A", "B"]), (4, ["B", "C"]), (3, ["C", "B"]))
    result = count_ranked(ballots, rctab(seats=2, winner_mode=MULTI_PASS_IRV))
    first, second = result.passes
    assert first.winners == ("B",)
    assert "B" not in second.rounds[0].tally  # the first winner is excluded from the second pass
    assert result.winners == (first.winners[0], second.winners[0])
    assert [r.pass_number for r in result.rounds] == [1] * len(first.rounds) + [2] * len(second.rounds)


# --- the books -------------------------------------------------------------------------------


def test_every_round_adds_up() -> None:
    ballots = contest(
        "ABCD", (7, ["A", "B"]), (5, ["B", ["C", "D"]]), (3, ["C", None, "A"]), (2, ["D", "D", "C"]), (1, [])
    )
    for rules in (
        RankedRules(),
        RankedRules(method=STV, seats=2),
        rctab(method=STV, seats=2, winner_mode=MULTI_WINNER),
    ):
        result = count_ranked(ballots, rules)
        for r in result.rounds:
            assert set(INACTIVE_REASONS) <= set(r.inactive)
            assert r.active + r.inactive_total + r.residual_surplus == result.total_ballots - result.undervotes


def test_broken_books_raise() -> None:
    count = Count(contest("AB", (2, ["A"]), (1, ["B"])), RankedRules())
    count.inactive[0] += 1
    with pytest.raises(CountInvariantError):
        count.check_books(count.tally_now(), count.inactive)


# --- counts that run out of candidates (found by fuzzing; RCTab 2.0's Tabulator) ---------------
#
# RCTab stops a count whose seats outnumber its candidates once every declared candidate has won
# (shouldContinueTabulating). Declared candidates include excluded ones, and its candidate count
# includes the undeclared write-in placeholder, so with either that stop can miss: RCTab then
# starts a round with nobody in it and fails taking the lowest tally of an empty map. electcli
# reports such a count as one the rules cannot count, never as a result with empty seats.


def test_excluded_candidates_leaving_a_seat_empty_stop_the_count() -> None:
    ballots = contest("ABC", (3, ["A"]), (2, ["B", "A"]), (1, ["C"]))
    # A and B are the only two who can win two seats: both elected in round 1
    result = count_ranked(ballots, rctab(method=STV, seats=2, winner_mode=MULTI_WINNER, excluded=frozenset("C")))
    assert result.winners == ("A", "B") and len(result.rounds) == 2
    # with B excluded too, A wins round 1 and no one is left for the second seat
    with pytest.raises(CountAbortedError, match=r"1 winner for 2 seats \(only 1 candidate can be elected; 2 are"):
        count_ranked(ballots, rctab(method=STV, seats=2, winner_mode=MULTI_WINNER, excluded=frozenset("BC")))


def test_undeclared_write_ins_and_more_seats_than_candidates() -> None:
    # round 1: W (the write-in placeholder) holds 2 and goes; round 2: A 3, B 1, both elected
    ballots = contest("AB", (2, ["W"]), (3, ["A"]), (1, ["B"]), uwi="W")
    four = count_ranked(ballots, rctab(method=STV, seats=4, winner_mode=MULTI_WINNER))
    # 4 seats > 3 candidates (W counted): RCTab's "more winners than candidates" stop applies
    assert four.winners == ("A", "B") and [r.eliminated for r in four.rounds] == [("W",), ()]
    assert tallies(four.rounds) == [{"A": 3, "B": 1, "W": 2}, {"A": 3, "B": 1}]
    # 3 seats is not more than 3 candidates, so RCTab goes on to an empty round and fails
    with pytest.raises(CountAbortedError, match=r"2 winners for 3 seats \(only 2 candidates can be elected\)"):
        count_ranked(ballots, rctab(method=STV, seats=3, winner_mode=MULTI_WINNER))
    with pytest.raises(CountAbortedError, match="2 winners for 3 seats"):
        count_ranked(ballots, rctab(seats=3, winner_mode=BOTTOMS_UP))


def test_multi_pass_irv_runs_out_of_candidates() -> None:
    ballots = contest("AB", (2, ["W"]), (3, ["A", "B"]), (2, ["B"]), uwi="W")
    two = count_ranked(ballots, rctab(seats=2, winner_mode=MULTI_PASS_IRV))
    assert two.winners == ("A", "B")  # pass 2 excludes A: B has 5, W's 2 are exhausted
    # a third pass would hold only the write-in placeholder (RCTab fails there), and without
    # write-ins a third pass would hold no one (RCTab finds no winner and stops with an error)
    with pytest.raises(CountAbortedError, match="fills 3 seats, but after 2 passes every candidate has won"):
        count_ranked(ballots, rctab(seats=3, winner_mode=MULTI_PASS_IRV))
    with pytest.raises(CountAbortedError, match="after 2 passes"):
        count_ranked(contest("AB", (3, ["A"]), (1, ["B"])), rctab(seats=3, winner_mode=MULTI_PASS_IRV))


def test_bottoms_up_percentage_that_eliminates_everyone_stops() -> None:
    ballots = contest("AB", (3, ["A"]), (1, ["B"]))
    half = rctab(seats=0, winner_mode=BOTTOMS_UP_PERCENTAGE, bottoms_up_threshold=Fraction(1, 2))
    assert count_ranked(ballots, half).winners == ("A",)  # B goes; then A's 3 > 1.5
    # at 100% no one ever has more than every active vote: B goes, then A, then nobody is left
    everyone = rctab(seats=0, winner_mode=BOTTOMS_UP_PERCENTAGE, bottoms_up_threshold=Fraction(1))
    with pytest.raises(CountAbortedError, match="no candidate above the bottoms-up percentage threshold"):
        count_ranked(ballots, everyone)


def test_bottoms_up_winner_before_the_last_seat_passes_ballots_on_whole() -> None:
    # "first round determines threshold" elects the top candidate once one more candidate
    # continues than there are seats; bottoms-up moves no surplus, so in RCTab's next round the
    # winner's ballots walk on to their next choice at full value, and the winner shows 0
    ballots = contest("ABCD", (5, ["A", "B"]), (3, ["B"]), (2, ["C"]), (1, ["D", "C"]))
    result = count_ranked(ballots, rctab(seats=2, winner_mode=BOTTOMS_UP, first_round_determines_threshold=True))
    assert [(r.elected, r.eliminated) for r in result.rounds] == [
        ((), ("D",)),
        (("A",), ()),
        ((), ("C",)),
        (("B",), ()),
    ]
    assert tallies(result.rounds) == [
        {"A": 5, "B": 3, "C": 2, "D": 1},
        {"A": 5, "B": 3, "C": 3},
        {"A": 0, "B": 8, "C": 3},  # A's 5 went to B whole
        {"A": 0, "B": 8},
    ]
    assert result.rounds[1].transfers == {"A": {"B": 5}}
    assert result.rounds[3].inactive[EXHAUSTED_CHOICES] == 3  # C's ballots, with no next choice
    assert result.winners == ("A", "B")


def test_continue_until_two_is_for_single_seat_counts() -> None:
    # the rules refuse it when built, whoever builds them (RankedRules checks itself)
    ballots = contest("ABC", (3, ["A"]), (2, ["B"]), (1, ["C"]))
    with pytest.raises(ModelError, match="single-seat") as caught:
        RankedRules(method=STV, seats=2, winner_mode=MULTI_WINNER, continue_until_two=True)
    assert caught.value.part == "continue_until_two"
    with pytest.raises(ModelError, match="single-seat"):
        rctab(method=STV, seats=2, winner_mode=MULTI_WINNER, continue_until_two=True)
    passes = count_ranked(ballots, rctab(seats=2, winner_mode=MULTI_PASS_IRV, continue_until_two=True))
    assert passes.winners == ("A", "B")


# --- Java's generator (RCTab seeds) ------------------------------------------------------------


def test_java_random_matches_java() -> None:
    # values documented for java.util.Random and String.hashCode
    assert JavaRandom(0).next_double() == 0.730967787376657
    assert java_string_hash("hello") == 99162322
    items = list(range(10))
    java_shuffle(items, JavaRandom(1))
    assert sorted(items) == list(range(10))
    # a HashSet visits buckets in order ("a" hashes to 97, bucket 1 of 16), then insertion order
    assert java_hash_set_order(["c", "b", "a"]) == ["a", "b", "c"]
    assert java_string_hash("Aa") == java_string_hash("BB")
    assert java_hash_set_order(["BB", "Aa"]) == ["BB", "Aa"]


# -- ties that cannot change who wins ---------------------------------------------------------------


def test_a_bottom_tie_that_cannot_matter_eliminates_the_tied_together() -> None:
    # C and D tie at 3; together (6) they are fewer than B (35): whichever went first, the other
    # would go next, and every ballot would end with the same candidate.
    ballots = contest("ABCD", (40, ["A"]), (35, ["B"]), (3, ["C", "A"]), (3, ["D", "B"]))
    result = count_ranked(ballots, RankedRules())
    assert result.outcome == "winner" and result.rounds[0].eliminated == ("C", "D")
    assert not result.decided_by_lot and result.ties == ()
    for order in ("ABCD", "ABDC"):  # any order the lot could have drawn gives the same winner
        settled = count_ranked(ballots, RankedRules(tiebreak=Tiebreak(TIE_ORDER, tuple(order))))
        assert settled.winners == result.winners


def test_candidates_with_no_votes_never_stop_the_count() -> None:
    ballots = contest("ABCDE", (40, ["A"]), (35, ["B"]), (25, ["C", "B"]))
    result = count_ranked(ballots, RankedRules())
    assert result.rounds[0].eliminated == ("D", "E")
    assert result.winners == ("B",) and result.rounds[-1].tally == {"A": 40, "B": 60}


def test_a_bottom_tie_as_large_as_the_next_candidate_still_needs_the_tiebreak() -> None:
    # C + D = 4 = B: eliminating C first could leave D level with B, so the order matters.
    ballots = contest("ABCD", (5, ["A"]), (4, ["B"]), (2, ["C", "A"]), (2, ["D", "B"]))
    assert count_ranked(ballots, RankedRules()).outcome == "tie"


def test_a_tie_in_the_rounds_after_the_win_leaves_the_winner_standing() -> None:
    ballots = contest("ABC", (60, ["A"]), (20, ["B"]), (20, ["C"]))
    result = count_ranked(ballots, RankedRules(continue_until_two=True))
    assert result.outcome == "winner" and result.winners == ("A",) and result.tied == ()
    assert result.rounds[0].elected == ("A",)


def test_undeclared_write_ins_never_win_a_race_file_count() -> None:
    # W (undeclared write-ins) leads with 5 of 8 but is not a candidate who can win: it goes first.
    ballots = contest("AB", (5, ["W", "A"]), (2, ["A"]), (1, ["B"]), uwi="W")
    result = count_ranked(ballots, RankedRules())
    assert result.rounds[0].elected == () and result.rounds[0].eliminated == ("W",)
    assert result.winners == ("A",) and result.rounds[1].tally == {"A": 7, "B": 1}
