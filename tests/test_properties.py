"""Property tests of the pure core: ``tabulate`` on contests built in memory.

Each property is one sentence of shared/spec/race-file.md ("Rules", "Ties", "Recount") checked on
contests Hypothesis makes up: small vote counts so that equal votes are common, large ones so that
exact arithmetic matters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from electcli.errors import InputError, Location
from electcli.model import Contest
from electcli.tabulate import Result, tabulate
from electcli.tabulate.result import share_of
from electcli.values import parse_threshold
from tests.conftest import contest

NAMES = ("Ada", "Bo", "Cy", "Di", "Ed", "Flo", "Gus")
THRESHOLDS = (">50%", ">=50%", "majority", ">=35%", ">30%", ">=40%", ">=60%", ">=2/3", ">=0.5%", ">=100%", ">99.9%")


@dataclass(frozen=True)
class Spec:
    """Everything needed to build a contest, so that a test can rebuild it with changes."""

    pairs: tuple[tuple[str, int], ...]
    method: str
    threshold: str | None = None
    advance: int = 0
    seats: int = 1
    write_ins: int = 0
    tiebreak: tuple[str, ...] | None = None

    def build(self, pairs: Sequence[tuple[str, int]] | None = None, tiebreak: Sequence[str] | None = None) -> Contest:
        return contest(
            list(self.pairs if pairs is None else pairs),
            method=self.method,
            threshold=self.threshold,
            advance=self.advance,
            seats=self.seats,
            write_ins=self.write_ins,
            tiebreak=self.tiebreak if tiebreak is None else tiebreak,
        )

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.pairs]


# Mostly small counts, so that equal votes (and so ties) come up often; now and then huge ones.
counts = st.one_of(st.integers(0, 6), st.integers(0, 6), st.integers(0, 10**6), st.integers(0, 10**18))


@st.composite
def specs(draw: st.DrawFn, methods: Sequence[str] = ("plurality", "runoff", "top"), max_candidates: int = 7) -> Spec:
    votes = draw(st.lists(counts, min_size=1, max_size=max_candidates))
    names = draw(st.permutations(NAMES))  # not in alphabetical order: file order must be what counts
    pairs = tuple(zip(names, votes, strict=False))
    method = draw(st.sampled_from(methods))
    write_ins = draw(st.one_of(st.just(0), counts))
    if method == "plurality":
        return Spec(pairs, method, seats=draw(st.integers(1, 3)), write_ins=write_ins)
    if method == "runoff":
        return Spec(
            pairs,
            method,
            threshold=draw(st.sampled_from(THRESHOLDS)),
            advance=draw(st.integers(2, 3)),
            write_ins=write_ins,
        )
    return Spec(pairs, method, advance=draw(st.integers(1, 4)), write_ins=write_ins)


def line_after_of(spec: Spec, result: Result) -> int:
    """How many go through, worked out from the spec's words rather than from the code."""
    if spec.method == "plurality":
        return spec.seats
    if spec.method == "runoff":
        return 1 if result.threshold_met else spec.advance
    return spec.advance


def order_votes(result: Result) -> list[int]:
    return [standing.candidate.votes for standing in result.standings]


def votes_of(result: Result, names: Sequence[str]) -> list[int]:
    by_name = {standing.candidate.name: standing.candidate.votes for standing in result.standings}
    return [by_name[name] for name in names]


def decided_outcome(spec: Spec, result: Result) -> str:
    """The outcome when there is no tie (or a lot has settled it)."""
    if spec.method == "plurality" or (spec.method == "runoff" and result.threshold_met):
        return "winner"
    return "runoff" if spec.method == "runoff" else "advance"


def straddles(spec: Spec, result: Result) -> bool:
    """Whether equal votes straddle the line after ``line_after`` candidates."""
    line_after = line_after_of(spec, result)
    ordered = sorted((votes for _, votes in spec.pairs), reverse=True)
    return line_after < len(ordered) and ordered[line_after - 1] == ordered[line_after]


# -- (a) candidate order in the file never changes a decided outcome -----------------------------


@given(data=st.data(), spec=specs())
def test_candidate_order_never_changes_the_outcome(data: st.DataObject, spec: Spec) -> None:
    shuffled = data.draw(st.permutations(spec.pairs))
    first, second = tabulate(spec.build()), tabulate(spec.build(shuffled))
    assert first.outcome == second.outcome
    # Who is through, who is tied, is decided by votes alone; only equal-vote candidates can swap
    # places, so the lists agree as sets and their vote sequences agree exactly.
    assert set(first.winners) == set(second.winners)
    assert set(first.advancing) == set(second.advancing)
    assert set(first.tied) == set(second.tied)
    assert votes_of(first, first.winners) == votes_of(second, second.winners)
    assert votes_of(first, first.advancing) == votes_of(second, second.advancing)
    assert order_votes(first) == order_votes(second)
    assert first.lead == second.lead and first.cutoff == second.cutoff
    assert first.short_of_threshold == second.short_of_threshold
    assert first.decided_by_lot is second.decided_by_lot is False
    if first.outcome != "tie":
        assert {s.candidate.name: s.status for s in first.standings} == {
            s.candidate.name: s.status for s in second.standings
        }


@given(data=st.data(), spec=specs())
def test_candidate_order_never_changes_an_outcome_decided_by_lot(data: st.DataObject, spec: Spec) -> None:
    tiebreak = data.draw(st.permutations(spec.names))
    shuffled = data.draw(st.permutations(spec.pairs))
    first, second = tabulate(spec.build(tiebreak=tiebreak)), tabulate(spec.build(shuffled, tiebreak=tiebreak))
    assert first.outcome == second.outcome != "tie"
    assert set(first.winners) == set(second.winners)
    assert set(first.advancing) == set(second.advancing)
    assert first.decided_by_lot == second.decided_by_lot
    assert {s.candidate.name: s.status for s in first.standings} == {
        s.candidate.name: s.status for s in second.standings
    }


@given(spec=specs())
def test_finishing_order_follows_votes_then_the_file(spec: Spec) -> None:
    result = tabulate(spec.build())
    assert [standing.rank for standing in result.standings] == list(range(1, len(spec.pairs) + 1))
    expected = sorted(spec.pairs, key=lambda pair: -pair[1])  # stable: the file's order among equals
    assert [(s.candidate.name, s.candidate.votes) for s in result.standings] == expected


# -- (b) shares --------------------------------------------------------------------------------


@given(spec=specs(methods=("plurality", "runoff", "top", "measure")))
def test_shares_are_exact_and_sum_to_one(spec: Spec) -> None:
    if spec.method == "measure":
        spec = Spec((("Yes", spec.pairs[0][1]), ("No", spec.pairs[-1][1])), "measure", threshold=">50%")
    result = tabulate(spec.build())
    total = sum(votes for _, votes in spec.pairs) + spec.write_ins
    assert result.total_votes == total
    shares = [standing.share for standing in result.standings]
    assert all(isinstance(share, Fraction) for share in shares)
    if total:
        for standing in result.standings:
            assert standing.share == Fraction(standing.candidate.votes, total)
        assert sum(shares) + share_of(spec.write_ins, total) == 1
        if not spec.write_ins:
            assert sum(shares) == 1
    else:
        assert all(share == 0 for share in shares)


# -- (c) more votes never unseat a winner --------------------------------------------------------


@given(data=st.data(), spec=specs(methods=("plurality", "runoff", "top")))
def test_more_votes_never_unseat_a_winner(data: st.DataObject, spec: Spec) -> None:
    use_lot = data.draw(st.booleans())
    tiebreak = data.draw(st.permutations(spec.names)) if use_lot else None
    before = tabulate(spec.build(tiebreak=tiebreak))
    through = list(before.winners) + list(before.advancing)
    assume(through)
    name = data.draw(st.sampled_from(through))
    extra = data.draw(st.one_of(st.integers(1, 5), st.integers(1, 10**18)))
    more = [(n, votes + extra if n == name else votes) for n, votes in spec.pairs]
    after = tabulate(spec.build(more, tiebreak=tiebreak))
    if name in before.winners:
        assert name in after.winners, (before, after)
    else:
        # An advancing candidate stays advancing, or (in a runoff) wins outright.
        assert name in after.advancing or after.winners == (name,), (before, after)
        if spec.method == "top":
            assert name in after.advancing


@given(yes=counts, no=counts, extra=st.integers(1, 10**9), threshold=st.sampled_from(THRESHOLDS))
def test_more_yes_votes_never_fail_a_passing_measure(yes: int, no: int, extra: int, threshold: str) -> None:
    before = tabulate(contest({"Yes": yes, "No": no}, method="measure", threshold=threshold))
    after = tabulate(contest({"Yes": yes + extra, "No": no}, method="measure", threshold=threshold))
    if before.outcome == "pass":
        assert after.outcome == "pass"


# -- (d) thresholds are exact ---------------------------------------------------------------------


@st.composite
def thresholds(draw: st.DrawFn) -> tuple[str, bool, Fraction]:
    """A threshold text, and its meaning worked out independently: (text, strict, share)."""
    strict = draw(st.booleans())
    if draw(st.booleans()):
        denominator = draw(st.integers(1, 10**6))
        numerator = draw(st.integers(1, denominator - 1 if strict and denominator > 1 else denominator))
        assume(not (strict and numerator == denominator))
        share = Fraction(numerator, denominator)
        body = f"{numerator}/{denominator}"
    else:
        whole = draw(st.integers(0, 99 if strict else 100))
        decimals = "" if whole == 100 else draw(st.sampled_from(["", "5", "25", "333", "0001", "999999"]))
        body = f"{whole}.{decimals}%" if decimals else f"{whole}%"
        share = Fraction(body[:-1]) / 100
        assume(share > 0)
    return (">" if strict else ">=") + body, strict, share


def exactly_met(votes: int, total: int, strict: bool, share: Fraction) -> bool:
    if total <= 0:
        return False
    value = Fraction(votes, total)
    return value > share if strict else value >= share


@given(threshold=thresholds(), total=st.integers(0, 10**18), data=st.data())
@example(threshold=(">50%", True, Fraction(1, 2)), total=10**18, data=None)
def test_threshold_is_decided_exactly(threshold: tuple[str, bool, Fraction], total: int, data: st.DataObject) -> None:
    text, strict, share = threshold
    parsed = parse_threshold(text, Location("test"))
    assert (parsed.strict, parsed.share) == (strict, share)
    # Near the line is where float rounding would go wrong: try the votes right around it.
    line = share * total
    near = [line.numerator // line.denominator + delta for delta in (-1, 0, 1, 2)]
    if data is not None:
        near.append(data.draw(st.integers(0, total)))
    for votes in near:
        if 0 <= votes <= total:
            assert parsed.met(votes, total) == exactly_met(votes, total, strict, share), (votes, total)
    if total:
        needed = parsed.votes_needed(total)
        assert needed >= 1
        if needed <= total:
            assert parsed.met(needed, total)
        if needed > 1:
            assert not parsed.met(needed - 1, total)


@pytest.mark.parametrize(
    ("votes", "total", "text", "met"),
    [
        (500000000000000001, 10**18, ">50%", True),
        (500000000000000000, 10**18, ">50%", False),
        (500000000000000000, 10**18, ">=50%", True),
        (666666666666666667, 10**18, ">=2/3", True),
        (666666666666666666, 10**18, ">=2/3", False),  # float(2/3) would say met
        (10**17 + 1, 10**18 * 3 + 3, ">=1/30", True),
        (5000000000000001, 10**16, ">50%", True),
    ],
)
def test_float_traps(votes: int, total: int, text: str, met: bool) -> None:
    assert parse_threshold(text, Location("test")).met(votes, total) is met
    result = tabulate(contest({"A": votes, "B": 0}, method="runoff", threshold=text, write_ins=total - votes))
    assert result.threshold_met is met
    assert result.outcome == ("winner" if met else "runoff")


@given(leader=st.integers(0, 10**18), rest=st.integers(0, 10**18), threshold=st.sampled_from(THRESHOLDS))
def test_runoff_threshold_agrees_with_rational_arithmetic(leader: int, rest: int, threshold: str) -> None:
    assume(leader > rest)  # a clear leader: the other candidate cannot be tied with them
    parsed = parse_threshold(threshold, Location("test"))
    result = tabulate(contest({"Lead": leader, "Other": rest}, method="runoff", threshold=threshold))
    assert result.threshold_met == exactly_met(leader, leader + rest, parsed.strict, parsed.share)


# -- (e) margins ----------------------------------------------------------------------------------


@given(spec=specs())
def test_margins(spec: Spec) -> None:
    result = tabulate(spec.build())
    total = result.total_votes
    votes = order_votes(result)
    if len(votes) > 1:
        assert result.lead is not None
        assert result.lead.votes == votes[0] - votes[1] >= 0
        assert result.lead.share == share_of(votes[0] - votes[1], total)
    else:
        assert result.lead is None
    line_after = line_after_of(spec, result)
    if line_after < len(votes):
        assert result.cutoff is not None
        assert result.cutoff.votes == votes[line_after - 1] - votes[line_after] >= 0
        assert result.cutoff.share == share_of(result.cutoff.votes, total)
    else:
        assert result.cutoff is None
    if spec.method == "runoff":
        threshold = parse_threshold(spec.threshold or ">50%", Location("test"))
        met = threshold.met(votes[0], total)
        assert result.threshold_met is met
        assert result.short_of_threshold is not None
        assert (result.short_of_threshold == 0) is met
        assert result.short_of_threshold >= 0
        if not met:
            # The fewest votes out of the same total that meet the threshold, minus the leader's.
            needed = threshold.votes_needed(total)
            assert result.short_of_threshold == needed - votes[0] > 0
            if threshold.text == ">50%":
                assert result.short_of_threshold == total // 2 + 1 - votes[0]
    else:
        assert result.short_of_threshold is None and result.threshold_met is None


@given(yes=counts, no=counts, threshold=st.sampled_from(THRESHOLDS))
def test_measure_margins(yes: int, no: int, threshold: str) -> None:
    parsed = parse_threshold(threshold, Location("test"))
    result = tabulate(contest([("Yes", yes), ("No", no)], method="measure", threshold=threshold))
    met = exactly_met(yes, yes + no, parsed.strict, parsed.share)
    assert result.outcome == ("pass" if met else "fail")
    assert result.short_of_threshold is not None
    assert (result.short_of_threshold == 0) is met
    if not met and parsed.text == ">50%":
        assert result.short_of_threshold == (yes + no) // 2 + 1 - yes
    assert result.cutoff is None
    assert result.lead is not None and result.lead.votes == abs(yes - no)
    assert all(standing.status is None for standing in result.standings)


# -- (f) ties -------------------------------------------------------------------------------------


@given(spec=specs())
def test_a_tie_is_equal_votes_straddling_the_line(spec: Spec) -> None:
    result = tabulate(spec.build())
    tie = straddles(spec, result)
    assert (result.outcome == "tie") is tie
    assert result.decided_by_lot is False
    line_after = line_after_of(spec, result)
    ordered = order_votes(result)
    through = set(result.winners) | set(result.advancing)
    if tie:
        line = ordered[line_after - 1]
        assert set(result.tied) == {name for name, votes in spec.pairs if votes == line}
        assert through == {name for name, votes in spec.pairs if votes > line}
        assert len(through) < line_after < len(through) + len(result.tied)
    else:
        assert result.tied == ()
        assert len(through) == min(line_after, len(spec.pairs))
    statuses = {standing.candidate.name: standing.status for standing in result.standings}
    assert {name for name, status in statuses.items() if status == "tied"} == set(result.tied)
    assert {name for name, status in statuses.items() if status in ("elected", "advances")} == through


@given(data=st.data(), spec=specs())
def test_a_tiebreak_naming_everyone_settles_every_tie(data: st.DataObject, spec: Spec) -> None:
    tiebreak = data.draw(st.permutations(spec.names))
    plain = tabulate(spec.build())
    result = tabulate(spec.build(tiebreak=tiebreak))
    tie = straddles(spec, plain)
    assert result.outcome != "tie"
    assert result.tied == ()
    assert result.decided_by_lot is tie
    line_after = line_after_of(spec, result)
    through = list(result.winners or result.advancing)
    assert len(through) == min(line_after, len(spec.pairs))
    if tie:
        # Those above the line go through; the rest of the places go to the tied candidates in
        # the order of the lot.
        line = order_votes(plain)[line_after - 1]
        above = {name for name, votes in spec.pairs if votes > line}
        assert above <= set(through)
        drawn = [name for name in tiebreak if dict(spec.pairs)[name] == line]
        assert [name for name in through if name not in above] == drawn[: line_after - len(above)]
        assert result.outcome == decided_outcome(spec, result)
    else:
        assert result.outcome == plain.outcome
        assert set(through) == set(plain.winners or plain.advancing)


@given(data=st.data(), spec=specs())
def test_a_tiebreak_that_leaves_out_a_tied_candidate_is_an_error(data: st.DataObject, spec: Spec) -> None:
    partial = data.draw(st.lists(st.sampled_from(spec.names), unique=True))
    plain = tabulate(spec.build())
    if plain.outcome == "tie" and not set(plain.tied) <= set(partial):
        with pytest.raises(InputError, match="leaves out"):
            tabulate(spec.build(tiebreak=partial))
    else:
        result = tabulate(spec.build(tiebreak=partial))
        assert result.outcome != "tie"
        assert result.decided_by_lot is (plain.outcome == "tie")
