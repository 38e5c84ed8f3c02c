"""Properties of the ranked-choice count that hold for every contest (Hypothesis)."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from electcli.ranked.ballots import OVERVOTE, BallotGroups, Rank, Ranking
from electcli.ranked.engine import count_ranked
from electcli.ranked.rounds import RankedResult
from electcli.ranked.rules import (
    EXHAUST,
    EXHAUST_IF_MULTIPLE_CONTINUING,
    IRV,
    MULTI_WINNER,
    SKIP,
    STV,
    TIE_ORDER,
    RankedRules,
    Tiebreak,
)

NAMES = ("Ana", "Ben", "Cy", "Di", "Ed")


@st.composite
def contests(draw: st.DrawFn, overvotes: bool = True) -> BallotGroups:
    n = draw(st.integers(1, 5))
    marks = [st.tuples(st.integers(0, n - 1)), st.just(()), st.just((OVERVOTE,))]
    if n >= 2:
        marks.append(st.sets(st.integers(0, n - 1), min_size=2, max_size=3).map(lambda s: tuple(sorted(s))))
    mark = st.one_of(*marks)
    single = st.tuples(st.integers(0, n - 1))
    ranking = st.lists(mark if overvotes else single, max_size=n + 1).map(_trim)
    groups = draw(st.dictionaries(ranking, st.integers(1, 40), max_size=12))
    return BallotGroups(NAMES[:n], tuple(groups), tuple(groups.values()))


def _trim(ranks: list[Rank]) -> Ranking:
    while ranks and not ranks[-1]:
        ranks = ranks[:-1]
    return tuple(ranks)


@st.composite
def rule_sets(draw: st.DrawFn) -> RankedRules:
    method = draw(st.sampled_from([IRV, STV]))
    rctab = draw(st.booleans())
    return RankedRules(
        method=method,
        seats=draw(st.integers(1, 3)) if method == STV else 1,
        winner_mode=MULTI_WINNER if method == STV and rctab else "single_winner_majority",
        overvote=draw(
            st.sampled_from([EXHAUST, SKIP, EXHAUST_IF_MULTIPLE_CONTINUING])
            if not rctab
            else st.sampled_from([EXHAUST, SKIP])
        ),
        max_skipped=draw(st.one_of(st.none(), st.integers(0, 2))),
        duplicate=draw(st.sampled_from([SKIP, EXHAUST])),
        max_rankings=draw(st.one_of(st.none(), st.integers(1, 4))),
        batch_elimination=draw(st.booleans()) if method == IRV else False,
        continue_until_two=draw(st.booleans()) if method == IRV else False,
        tiebreak=Tiebreak(TIE_ORDER, NAMES),
        decimal_places=draw(st.sampled_from([1, 4])) if rctab else None,
    )


def _books_balance(result: RankedResult) -> None:
    counted = result.total_ballots - result.undervotes
    for r in result.rounds:
        assert r.active + r.inactive_total + r.residual_surplus == counted


@settings(max_examples=300, deadline=None)
@given(contests(), rule_sets())
def test_active_plus_inactive_is_total_every_round(ballots: BallotGroups, rules: RankedRules) -> None:
    result = count_ranked(ballots, rules)
    _books_balance(result)
    if rules.decimal_places is None:
        assert result.residual_surplus == 0
    assert len(result.winners) <= max(rules.seats, 1)


def _permuted(ballots: BallotGroups, order: list[int]) -> BallotGroups:
    """The same ballots with the candidates listed in another order."""
    new_index = {old: new for new, old in enumerate(order)}
    rankings = tuple(
        tuple(tuple(sorted(new_index[c] if c >= 0 else c for c in rank)) for rank in ranking)
        for ranking in ballots.rankings
    )
    return BallotGroups(tuple(ballots.candidates[i] for i in order), rankings, ballots.counts)


@settings(max_examples=200, deadline=None)
@given(contests(), st.randoms(use_true_random=False), st.sampled_from([IRV, STV]))
def test_candidate_order_never_changes_a_decided_outcome(ballots: BallotGroups, rnd: object, method: str) -> None:
    rules = RankedRules(method=method, seats=2 if method == STV else 1)
    result = count_ranked(ballots, rules)
    order = list(range(len(ballots.candidates)))
    rnd.shuffle(order)  # type: ignore[attr-defined]
    other = count_ranked(_permuted(ballots, order), rules)
    if result.tied or other.tied:
        return  # without a tiebreak a tie is the outcome either way
    assert set(other.winners) == set(result.winners)
    assert [dict(r.tally) for r in other.rounds] == [dict(r.tally) for r in result.rounds]


@settings(max_examples=200, deadline=None)
@given(contests(overvotes=False), st.integers(0, 4), st.integers(1, 60))
def test_a_majority_of_first_choices_always_wins(ballots: BallotGroups, who: int, extra: int) -> None:
    who %= len(ballots.candidates)
    others = sum(c for r, c in zip(ballots.rankings, ballots.counts, strict=True) if r and r[0] != (who,))
    mine = sum(c for r, c in zip(ballots.rankings, ballots.counts, strict=True) if r and r[0] == (who,))
    need = max(others + 1 - mine, 0) + extra
    rankings = (*ballots.rankings, ((who,),))
    counts = (*ballots.counts, need)
    result = count_ranked(BallotGroups(ballots.candidates, rankings, counts), RankedRules())
    assert result.winners == (ballots.candidates[who],)
    assert len(result.rounds) == 1


@settings(max_examples=200, deadline=None)
@given(contests(), rule_sets(), st.data())
def test_splitting_a_group_changes_nothing(ballots: BallotGroups, rules: RankedRules, data: st.DataObject) -> None:
    splittable = [i for i, c in enumerate(ballots.counts) if c >= 2]
    if not splittable:
        return
    i = data.draw(st.sampled_from(splittable))
    part = data.draw(st.integers(1, ballots.counts[i] - 1))
    rankings = (*ballots.rankings, ballots.rankings[i])
    counts = list(ballots.counts)
    counts[i] -= part
    split = BallotGroups(ballots.candidates, rankings, (*counts, part))
    assert count_ranked(split, rules) == count_ranked(ballots, rules)


def test_exact_arithmetic_in_native_stv() -> None:
    # a thirds-and-sevenths case: every figure stays an exact fraction
    ballots = BallotGroups(("A", "B", "C"), (((0,), (1,)), ((0,), (2,)), ((1,),), ((2,),)), (4, 3, 2, 1))
    result = count_ranked(ballots, RankedRules(method=STV, seats=2))
    assert all(isinstance(v, Fraction) for r in result.rounds for v in r.tally.values())
    _books_balance(result)
