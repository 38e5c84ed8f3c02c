"""Parsing vote counts, thresholds and recount margins: exact values, and errors that explain."""

from __future__ import annotations

from fractions import Fraction

import pytest

from electcli.errors import InputError, Location
from electcli.values import parse_count, parse_recount, parse_threshold

HERE = Location("race.yaml", 3, 14)


@pytest.mark.parametrize(
    ("text", "value"),
    [("0", 0), ("7", 7), ("239616", 239616), ("239,616", 239616), ("1,000,000", 1000000), ("10" * 15, int("10" * 15))],
)
def test_counts_written_as_digits(text: str, value: int) -> None:
    assert parse_count(text, HERE) == value


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("-5", "negative"),
        ("10.5", "not a whole number"),
        ("10.0", "not a whole number"),
        ("1e3", "exponent"),
        ("abc", "not a number"),
        ("", "empty"),
        (" 12", "spaces"),
        ("007", "leading zero"),
        ("239,61", "thousands separators"),
        ("2,39,616", "thousands separators"),
        ("٣", "not a number"),  # an Arabic-Indic digit: isdigit() is true, but it is not a count
        ("1" * 31, "digits"),
        ("+5", "not a number"),
    ],
)
def test_bad_counts_say_what_is_wrong_and_where(text: str, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_count(text, HERE)
    assert problem in caught.value.problem
    assert caught.value.location == HERE
    assert caught.value.hint  # and says what would be right


@pytest.mark.parametrize(
    ("text", "strict", "share", "normalised"),
    [
        (">50%", True, Fraction(1, 2), ">50%"),
        ("majority", True, Fraction(1, 2), ">50%"),
        (">=35%", False, Fraction(35, 100), ">=35%"),
        (">30%", True, Fraction(3, 10), ">30%"),
        (">=60%", False, Fraction(3, 5), ">=60%"),
        (">=2/3", False, Fraction(2, 3), ">=2/3"),
        (">= 2 / 3", False, Fraction(2, 3), ">=2/3"),
        (">=0.5%", False, Fraction(1, 200), ">=0.5%"),
        (">=66.67%", False, Fraction(6667, 10000), ">=66.67%"),
        (">=100%", False, Fraction(1), ">=100%"),
        ("≥ 60%", False, Fraction(3, 5), ">=60%"),
    ],
)
def test_thresholds_are_exact(text: str, strict: bool, share: Fraction, normalised: str) -> None:
    threshold = parse_threshold(text, HERE)
    assert (threshold.strict, threshold.share, threshold.text) == (strict, share, normalised)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("50%", "ambiguous"),
        ("2/3", "ambiguous"),
        ("=50%", "ambiguous"),
        (">0%", "0 or less"),
        (">=0%", "0 or less"),
        (">101%", "more than 100%"),
        (">100%", "more than 100%"),
        (">0.5", "no % sign"),
        ("<50%", "from below"),
        (">1/0", "divides by zero"),
        ("half", "not a share"),
        ("", "not a share"),
    ],
)
def test_bad_thresholds(text: str, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_threshold(text, HERE)
    assert problem in caught.value.problem
    assert caught.value.hint


def test_ambiguous_threshold_offers_both_readings() -> None:
    with pytest.raises(InputError) as caught:
        parse_threshold("50%", HERE)
    assert '">50%"' in caught.value.hint and '">=50%"' in caught.value.hint


@pytest.mark.parametrize(
    ("text", "inclusive", "limit", "in_votes"),
    [
        ("<=0.5%", True, Fraction(1, 200), False),
        ("<0.25%", False, Fraction(1, 400), False),
        ("<=2000", True, Fraction(2000), True),
        ("<=2,000", True, Fraction(2000), True),
        ("≤1%", True, Fraction(1, 100), False),
    ],
)
def test_recount_rules(text: str, inclusive: bool, limit: Fraction, in_votes: bool) -> None:
    recount = parse_recount(text, HERE)
    assert (recount.inclusive, recount.limit, recount.in_votes) == (inclusive, limit, in_votes)


@pytest.mark.parametrize(
    ("text", "problem"),
    [("0.5%", "does not say"), (">=0.5%", "wrong way"), ("<=101%", "more than 100%"), ("close", "not a margin")],
)
def test_bad_recount_rules(text: str, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_recount(text, HERE)
    assert problem in caught.value.problem


def test_recount_applies_at_the_edge_exactly() -> None:
    at_most = parse_recount("<=0.5%", HERE)
    under = parse_recount("<0.5%", HERE)
    # 5 of 1,000 is exactly 0.5%.
    assert at_most.applies(5, 1000) and not under.applies(5, 1000)
    assert not at_most.applies(6, 1000)
    votes = parse_recount("<=2000", HERE)
    assert votes.applies(2000, 10**9) and not votes.applies(2001, 10)


def test_a_bare_decimal_threshold_suggests_what_it_may_mean() -> None:
    with pytest.raises(InputError) as caught:
        parse_threshold(">0.5", HERE)
    assert '">50%"' in caught.value.hint and '">1/2"' in caught.value.hint
    with pytest.raises(InputError) as caught:
        parse_threshold(">=40", HERE)
    assert '">40%"' in caught.value.hint
