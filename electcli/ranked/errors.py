"""Errors the ranked-choice count can raise.

``CountInvariantError`` is a bug in electcli, never the user's: the count checks its own books
every round (active + inactive + residual surplus == ballots that ranked anyone) and refuses to
report a result that does not add up. ``CountAbortedError`` is a contest the rules cannot count
(RCTab stops in the same situations); the CLI reports it like bad input.
"""

from __future__ import annotations


class CountInvariantError(RuntimeError):
    """The count's own arithmetic does not add up: an electcli bug."""


class CountAbortedError(ValueError):
    """The rules cannot carry the count on (e.g. every candidate is below the minimum vote)."""
