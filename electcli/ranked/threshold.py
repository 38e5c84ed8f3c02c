"""Vote arithmetic and the votes needed to win.

Native race files count exactly (``Fraction``). An RCTab configuration counts in decimals with
``decimalPlacesForVoteArithmetic`` places and always rounds toward zero (Java's BigDecimal with
RoundingMode.DOWN), so every quantity here is truncated the same way RCTab truncates it.
"""

from __future__ import annotations

import math
from fractions import Fraction

from electcli.ranked.rules import RankedRules

Number = int | Fraction


def truncate(value: Number, decimal_places: int | None) -> Number:
    """``value`` rounded toward zero to ``decimal_places`` decimals (unchanged when ``decimal_places`` is None)."""
    if decimal_places is None:
        return value
    scale = 10**decimal_places
    scaled = value * scale
    # toward zero: trunc, not floor (only matters for negatives, which never occur in a count)
    return Fraction(math.trunc(scaled), scale)


def divide(dividend: Number, divisor: Number, decimal_places: int | None) -> Number:
    """RCTab's ``config.divide``: the quotient truncated to ``decimal_places`` decimals."""
    return truncate(Fraction(dividend) / Fraction(divisor), decimal_places)


def multiply(a: Number, b: Number, decimal_places: int | None) -> Number:
    """RCTab's ``config.multiply``: the product truncated to ``decimal_places`` decimals."""
    return truncate(a * b, decimal_places)


def native_threshold(active: Number, rules: RankedRules) -> Fraction:
    """Votes needed to win in a native race file.

    irv: more than half the continuing votes; whole ballots, so floor(active/2) + 1.
    stv: the Droop quota floor(valid / (seats + 1)) + 1, or the Hare quota valid / seats.
    """
    if rules.method == "stv":
        if rules.quota == "hare":
            return Fraction(active) / max(rules.seats, 1)
        return Fraction(math.floor(Fraction(active) / (rules.seats + 1)) + 1)
    return Fraction(math.floor(Fraction(active) / 2) + 1)


def rctab_threshold(active: Number, rules: RankedRules, seats: int, bottoms_up_share: Number | None) -> Fraction:
    """RCTab's winning threshold for a round with ``active`` votes.

    Droop: floor(active / (seats + 1)) to the threshold's decimals, plus one unit of the last
    place ("more than"). Hare: active / seats rounded up ("at least"). The threshold has no
    decimals unless ``nonIntegerWinningThreshold`` is set. With bottoms-up by percentage it is the
    share of the active votes. Never below ``minimumVoteThreshold``.
    """
    if bottoms_up_share is not None:
        threshold = Fraction(active) * Fraction(bottoms_up_share)
    else:
        decimals = (rules.decimal_places or 0) if rules.non_integer_threshold else 0
        scale = 10**decimals
        if rules.quota == "hare":
            divisor = max(seats, 1)
            threshold = Fraction(math.ceil(Fraction(active) * scale / divisor), scale)
        else:
            divisor = seats + 1
            threshold = Fraction(math.floor(Fraction(active) * scale / divisor) + 1, scale)
    minimum = rules.minimum_vote_threshold
    if minimum > 0 and minimum > threshold:
        threshold = Fraction(minimum)
    return threshold
