"""Surplus transfer (weighted inclusive Gregory): every ballot counting for a newly elected
candidate passes on the same fraction of its current value.

surplus fraction = (votes - threshold) / votes; each ballot keeps ``value - transfer`` with the
winner and moves on with ``transfer = value * fraction``. Exact for native race files. With an
RCTab configuration both the fraction and each ballot's transfer are truncated to the decimal
places (RCTab rounds the transfer down so the winner never falls below the threshold); what the
truncation leaves above the threshold is the residual surplus.
"""

from __future__ import annotations

from fractions import Fraction

from electcli.ranked.threshold import Number, divide, multiply


def surplus_fraction(votes: Number, threshold: Number, decimal_places: int | None) -> Number:
    extra = votes - threshold
    if extra <= 0:
        return 0
    return divide(extra, votes, decimal_places)


def split_value(value: Number, fraction: Number, decimal_places: int | None) -> tuple[Number, Number]:
    """(kept by the winner, transferred onward) for one ballot of ``value``."""
    if fraction == 0:
        return value, 0
    transfer = multiply(value, fraction, decimal_places)
    if isinstance(transfer, Fraction) and transfer.denominator == 1:
        transfer = int(transfer)
    return value - transfer, transfer
