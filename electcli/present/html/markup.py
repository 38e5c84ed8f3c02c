"""Escaping and number formatting shared by the page and its charts.

Every text that comes from an input (names, parties, elections, file names) goes through ``esc``;
nothing is ever marked up by concatenating unescaped input.
"""

from __future__ import annotations

import html
from fractions import Fraction

# Colours for candidates, in finishing order: each has at least 4.5:1 contrast with white (WCAG AA
# for text, more than the 3:1 AA asks of graphics), so white text on them and them on white both
# read. Colour never carries meaning alone: every bar, node and row is labelled with its name.
PALETTE = ("#1f5fa8", "#a84300", "#2e7d32", "#7b1fa2", "#c62828", "#00695c", "#5d4037", "#37474f")
INACTIVE_COLOUR = "#595959"


def esc(text: object) -> str:
    """Text for HTML content or a quoted attribute value."""
    return html.escape(str(text), quote=True)


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def figure(value: int | str | float) -> Fraction:
    """A vote figure of a record (an int, or an exact decimal or fraction string) as a Fraction."""
    return Fraction(value)


def votes_text(value: int | str | Fraction) -> str:
    """A vote count for people: whole numbers with separators, others to two decimal places."""
    exact = Fraction(value)
    if exact.denominator == 1:
        return f"{exact.numerator:,}"
    text = f"{float(exact):,.2f}"
    if text.lstrip("-") == "0.00":  # a sliver (RCTab's residual surplus): enough digits to see it
        text = f"{float(exact):.2g}"
    return text


def percent(share: float | Fraction) -> str:
    return f"{float(share) * 100:.2f}%"


def num(value: float) -> str:
    """A coordinate in SVG: one decimal place, no trailing zero (short and stable on every run)."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text
