"""Threshold decisions at their edges, in exact arithmetic (never floating point)."""

from __future__ import annotations

from electcli.errors import Location
from electcli.values import parse_threshold

HERE = Location("test")


def test_exactly_half_is_not_more_than_half() -> None:
    majority = parse_threshold(">50%", HERE)
    assert not majority.met(50, 100)
    assert majority.met(51, 100)
    assert not majority.met(10**18 // 2, 10**18)


def test_one_vote_past_half_of_a_quintillion_is_a_majority() -> None:
    # Float division cannot tell these apart: 500000000000000001 / 10**18 == 0.5 in floating point.
    assert 500000000000000001 / 10**18 == 0.5
    assert parse_threshold(">50%", HERE).met(500000000000000001, 10**18)


def test_at_least_two_thirds_at_the_boundary() -> None:
    two_thirds = parse_threshold(">=2/3", HERE)
    assert two_thirds.met(2, 3)
    assert two_thirds.met(200, 300)
    assert not two_thirds.met(199, 300)
    # 66.67% is not 2/3: 6,667 of 10,000 meets ">=2/3"; 6,666 does not.
    assert two_thirds.met(6667, 10000)
    assert not two_thirds.met(6666, 10000)


def test_no_threshold_is_met_with_no_votes() -> None:
    assert not parse_threshold(">=0.5%", HERE).met(0, 0)
    assert not parse_threshold(">=100%", HERE).met(0, 0)


def test_votes_needed() -> None:
    majority = parse_threshold(">50%", HERE)
    # floor(total / 2) + 1, as the output contract says.
    for total in (0, 1, 2, 3, 100, 101, 717665):
        assert majority.votes_needed(total) == max(total // 2 + 1, 1)
    assert parse_threshold(">=2/3", HERE).votes_needed(300) == 200
    assert parse_threshold(">=2/3", HERE).votes_needed(301) == 201
    assert parse_threshold(">=60%", HERE).votes_needed(10) == 6
    assert parse_threshold(">60%", HERE).votes_needed(10) == 7
