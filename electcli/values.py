"""Parse the small textual values of a race file: vote counts, thresholds and recount margins.

Pure functions from text to exact numbers. Each takes the ``Location`` of the text so that an
error can say where it is, what is wrong and what would be right.
"""

from __future__ import annotations

import re
from fractions import Fraction

from electcli.errors import InputError, Location, ModelError
from electcli.model import RECOUNT_HINT, THRESHOLD_HINT, Recount, Threshold

# The one limit on the digits of a number in any input (counts, thresholds, margins, JSON numbers,
# OpenElections districts): longer ones are refused with their location before int() or Fraction()
# sees them. No real count comes close, and Python's int() refuses over 4,300 digits with a
# traceback-worthy ValueError anyway.
MAX_COUNT_DIGITS = 30

# Patterns stay strings until first used (re caches them): compiling costs start-up time.
_THOUSANDS = r"[1-9][0-9]{0,2}(?:,[0-9]{3})+\Z"
_POINT_ZERO = r"([0-9]+|[1-9][0-9]{0,2}(?:,[0-9]{3})+)\.0+\Z"
_NUMBER = r"([0-9]+(?:\.[0-9]+)?|\.[0-9]+)"
_THRESHOLD = r"\s*(>=|>|=>|≥|<=|<|=)?\s*(?:" + _NUMBER + r"\s*(%)|([0-9]+)\s*/\s*([0-9]+)|" + _NUMBER + r")\s*\Z"
_RECOUNT = r"\s*(<=|<|=<|≤|>=|>|=)?\s*(?:" + _NUMBER + r"\s*(%)|([0-9][0-9,]*))\s*\Z"
_DIGIT_RUN = "[0-9]{" + str(MAX_COUNT_DIGITS + 1) + ",}"

COUNT_HINT = 'a vote count is a whole number written in digits, such as 239616 or "239,616"'


def too_many_digits(location: Location, what: str, text: str, digits: int) -> InputError:
    """The error for a number longer than ``MAX_COUNT_DIGITS`` (the text shown is cut short)."""
    shown = text if len(text) <= 40 else text[:40] + "..."
    return InputError(
        location, f"{what} {shown} has {digits} digits", f"numbers have at most {MAX_COUNT_DIGITS} digits"
    )


def check_digit_runs(text: str, location: Location, what: str) -> None:
    """Refuse text holding a run of more than ``MAX_COUNT_DIGITS`` digits (before a regular
    expression hands the run to int() or Fraction())."""
    run = re.search(_DIGIT_RUN, text)
    if run is not None:
        raise too_many_digits(location, what, run.group(), len(run.group()))


def parse_count(text: str, location: Location, what: str = "vote count", point_zero: bool = False) -> int:
    """A non-negative whole number written as digits, optionally with comma thousands separators.

    The one reader of counts written as text, in every format. ``point_zero``: a whole number
    may be followed by ``.0`` (``1808.0``, the OpenElections convention and a JSON way to write a
    whole number); it is read from the text, exactly. A leading zero (``007``), any other
    fraction, an exponent or a sign is refused, the same way in every format: a count is written
    the one way, and text written otherwise may not be the count it seems.
    """
    if text.isdigit() and text.isascii():
        if len(text) > MAX_COUNT_DIGITS:
            raise too_many_digits(location, what, text, len(text))
        if text[0] == "0" and len(text) > 1:
            raise InputError(
                location, f"{what} {text!r} has a leading zero", f"write it without leading zeros: {int(text)}"
            )
        return int(text)
    if point_zero:
        whole = re.match(_POINT_ZERO, text)
        if whole is not None:
            return parse_count(whole.group(1), location, what)
    if re.match(_THOUSANDS, text):
        digits = text.replace(",", "")
        if len(digits) > MAX_COUNT_DIGITS:
            raise too_many_digits(location, what, text, len(digits))
        return int(digits)
    raise InputError(location, f"{what} {_describe_bad_count(text, point_zero)}", COUNT_HINT)


def _describe_bad_count(text: str, point_zero: bool = False) -> str:
    stripped = text.strip()
    if not stripped:
        return "is empty"
    if stripped != text:
        return f"{text!r} has spaces around it" if len(text) <= 60 else f"{text[:40]!r}... has spaces around it"
    if len(text) > 60:
        return f"{text[:40]!r}... is not a whole number of at most {MAX_COUNT_DIGITS} digits"
    if stripped.startswith("-"):
        return f"{text!r} is negative"
    if re.fullmatch(r"[+]?[0-9,]*\.[0-9]*", stripped):
        if point_zero:
            return f"{text!r} is not a whole number"
        return f"{text!r} is not a whole number (no decimal point, not even .0)"
    if re.fullmatch(r"[+-]?[0-9.]+[eE][+-]?[0-9]+", stripped):
        return f"{text!r} uses an exponent"
    if "," in stripped and re.fullmatch(r"[0-9,]+", stripped):
        return f"{text!r} has misplaced thousands separators"
    return f"{text!r} is not a number"


def _decimal(value: Fraction) -> str:
    """A fraction with a short decimal expansion, written out (50, 62.5)."""
    text = f"{float(value):.6f}".rstrip("0").rstrip(".")
    return text


def parse_threshold(text: str, location: Location) -> Threshold:
    """``">50%"``, ``">=2/3"``, ``majority``... into an exact ``Threshold``."""
    if text.strip() == "majority":
        return Threshold(strict=True, share=Fraction(1, 2), text=">50%")
    check_digit_runs(text, location, "threshold")
    match = re.match(_THRESHOLD, text)
    if not match:
        raise InputError(location, f"threshold {text!r} is not a share", THRESHOLD_HINT)
    op, pct, _percent, num, den, bare = match.groups()
    if bare is not None:
        value = Fraction(bare)
        suggestion = f'">{_decimal(value * 100)}%" or ">{value}"' if value < 1 else f'">{bare}%"'
        raise InputError(
            location,
            f"threshold {text!r} has no % sign and is not a fraction, so its size is ambiguous",
            f"write a percentage or a fraction, such as {suggestion}",
        )
    if pct is not None:
        share = Fraction(pct) / 100
        shown = f"{pct}%"
    else:
        if int(den) == 0:
            raise InputError(location, f"threshold {text!r} divides by zero", THRESHOLD_HINT)
        share = Fraction(int(num), int(den))
        shown = f"{int(num)}/{int(den)}"
    try:  # the model refuses a share everyone meets or no one can reach: said before the comparison
        Threshold(strict=False, share=share, text=text)
    except ModelError as exc:
        raise exc.at(location) from None
    if op is None or op == "=":
        raise InputError(
            location,
            f"threshold {text!r} is ambiguous: it does not say whether exactly {shown} is enough",
            f'write ">{shown}" (more than {shown}) or ">={shown}" (at least {shown})',
        )
    if op in ("<", "<="):
        raise InputError(
            location,
            f"threshold {text!r} is met from below",
            f'a threshold is a share to reach: write ">{shown}" or ">={shown}"',
        )
    strict = op == ">"
    try:  # and more than 100% (">100%")
        return Threshold(strict=strict, share=share, text=(">" if strict else ">=") + shown)
    except ModelError as exc:
        raise exc.at(location) from None


def parse_recount(text: str, location: Location) -> Recount:
    """``"<=0.5%"`` or ``"<=2000"`` into an exact ``Recount`` rule."""
    check_digit_runs(text, location, "recount")
    match = re.match(_RECOUNT, text)
    if not match:
        raise InputError(location, f"recount {text!r} is not a margin", RECOUNT_HINT)
    op, pct, _percent, votes = match.groups()
    shown = f"{pct}%" if pct is not None else votes
    if op is None or op == "=":
        raise InputError(
            location,
            f"recount {text!r} does not say whether a margin of exactly {shown} counts",
            f'write "<={shown}" (at or under) or "<{shown}" (under)',
        )
    if op in (">", ">="):
        raise InputError(
            location, f"recount {text!r} points the wrong way", f'a recount applies to close margins: write "<={shown}"'
        )
    inclusive = op != "<"
    if pct is not None:
        try:  # the model refuses more than 100% of the total
            return Recount(
                inclusive=inclusive,
                limit=Fraction(pct) / 100,
                in_votes=False,
                text=("<=" if inclusive else "<") + shown,
            )
        except ModelError as exc:
            raise exc.at(location) from None
    count = parse_count(votes, location, "recount margin")
    return Recount(
        inclusive=inclusive, limit=Fraction(count), in_votes=True, text=("<=" if inclusive else "<") + str(count)
    )
