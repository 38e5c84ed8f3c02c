"""Numbers and lists as people read them; rounding here is for display only."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from electcli.model import Threshold


def join_names(names: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def votes(count: int) -> str:
    return f"{count:,}"


def n_votes(count: int) -> str:
    """ "1 vote", "12,528 votes"."""
    return f"{count:,} vote" + ("" if count == 1 else "s")


def _fixed(value: Fraction, digits: int) -> str:
    scaled = (
        int(value * 10**digits + Fraction(1, 2)) if value >= 0 else -int(-value * 10**digits + Fraction(1, 2))
    )  # exact, half up
    sign = "-" if scaled < 0 else ""
    whole, part = divmod(abs(scaled), 10**digits)
    return f"{sign}{whole:,}.{part:0{digits}d}" if digits else f"{sign}{whole:,}"


def percent(share: Fraction, threshold: Threshold | None = None, digits: int = 2) -> str:
    """A share as a percentage, with more digits when rounding would blur the threshold.

    49.9996% shown as "50.00%" next to "no candidate passed 50%" would look like a wrong answer,
    so the display keeps adding digits until it sits on the same side of the threshold as the
    exact share.
    """
    value = share * 100
    if threshold is not None:
        line = threshold.share * 100
        side = (value > line) - (value < line)
        while digits < 8:
            rounded = Fraction(round(value * 10**digits), 10**digits)
            if (rounded > line) - (rounded < line) == side:
                break
            digits += 1
    return _fixed(value, digits) + "%"


def points(value: Fraction) -> str:
    """Percentage points, with more digits when two places would show a margin that is not zero
    as 0.00, which reads as a tie (2 votes of 50,173 is "0.004", not "0.00")."""
    digits = 2
    while value and digits < 8 and int(abs(value) * 10**digits + Fraction(1, 2)) == 0:
        digits += 1
    return _fixed(value, digits)


def threshold_words(threshold: Threshold) -> str:
    """ ">50%" -> "more than 50%", ">=2/3" -> "at least 2/3"."""
    amount = threshold.text.lstrip(">=")
    return f"more than {amount}" if threshold.strict else f"at least {amount}"
