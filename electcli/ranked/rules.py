"""How a ranked-choice contest is counted: every option of shared/spec/ranked-choice.md, plus
the RCTab rules electcli follows when it reads an RCTab contest configuration.

Native race files use exact rational arithmetic (``decimal_places`` is None). An RCTab
configuration sets ``decimal_places`` to its ``decimalPlacesForVoteArithmetic`` so results match
RCTab's to the digit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from electcli.errors import Location, ModelError

# Methods
IRV = "irv"
STV = "stv"

# How winners are found (RCTab's winnerElectionMode; native irv -> MAJORITY, stv -> MULTI_WINNER)
MAJORITY = "single_winner_majority"
MULTI_WINNER = "multi_winner_allow_multiple_winners_per_round"
MULTI_WINNER_ONE_PER_ROUND = "multi_winner_allow_only_one_winner_per_round"
BOTTOMS_UP = "bottoms_up"
BOTTOMS_UP_PERCENTAGE = "bottoms_up_using_percentage_threshold"
MULTI_PASS_IRV = "multi_pass_irv"
WINNER_MODES = (MAJORITY, MULTI_WINNER, MULTI_WINNER_ONE_PER_ROUND, BOTTOMS_UP, BOTTOMS_UP_PERCENTAGE, MULTI_PASS_IRV)

# Overvotes: exhaust the ballot, skip to the next rank, or (RCTab) exhaust only when more than one
# of the marked candidates is still continuing
EXHAUST = "exhaust"
SKIP = "skip"
EXHAUST_IF_MULTIPLE_CONTINUING = "exhaust_if_multiple_continuing"

# Tiebreak modes
TIE_NONE = "none"  # an unresolved tie is the outcome ``tie``
TIE_ORDER = "order"  # the race file's ``tiebreak`` list / RCTab useCandidateOrder
TIE_RANDOM = "random"  # a seeded draw
TIE_PREVIOUS_ROUND_THEN_RANDOM = "previous_round_counts_then_random"
TIE_PREVIOUS_ROUND_THEN_ORDER = "previous_round_counts_then_order"
TIE_GENERATE_PERMUTATION = "generate_permutation"  # RCTab: one seeded permutation, used in order
TIE_STOP = "stop_counting_and_ask"  # RCTab's interactive mode: electcli reports the tie instead
TIE_MODES = (
    TIE_NONE, TIE_ORDER, TIE_RANDOM, TIE_PREVIOUS_ROUND_THEN_RANDOM, TIE_PREVIOUS_ROUND_THEN_ORDER,
    TIE_GENERATE_PERMUTATION, TIE_STOP,
)  # fmt: skip
OVERVOTE_RULES = (EXHAUST, SKIP, EXHAUST_IF_MULTIPLE_CONTINUING)
QUOTAS = ("droop", "hare")
# The options that are on or off (``RankedRules``), checked to be True or False.
FLAGS = (
    "batch_elimination", "batch_elimination_if_equal", "continue_until_two", "non_integer_threshold",
    "first_round_determines_threshold", "cutoff_elimination",
)  # fmt: skip
# A limit that may also be written as the word for "no limit" (None in ``RankedRules``).
NO_LIMIT = {"max_skipped": "unlimited", "max_rankings": "all"}
# Where rules built by a program, not read from a file, are said to be.
PYTHON = Location("<python>")


def option_text(key: str, value: object) -> str:
    """An option's value as a race file writes it (``unlimited``, ``all``, ``true``)."""
    if value is None:
        return NO_LIMIT.get(key, "none")
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _one_of(value: object, allowed: tuple[str, ...], part: str) -> None:
    if value not in allowed:
        raise ModelError(PYTHON, f"{part} is {value!r}", f"use one of: {', '.join(allowed)}", part)


def _at_least(value: object, least: int, part: str, optional: bool = False) -> None:
    if optional and value is None:
        return
    if type(value) is not int or value < least:
        raise ModelError(PYTHON, f"{part} is {value!r}", f"a whole number, {least} or more", part)


@dataclass(frozen=True, slots=True)
class Tiebreak:
    """How a tie (for elimination or election) is settled.

    ``order`` lists candidates first-preferred first (for elimination ties the candidate latest in
    the order is eliminated). ``seed`` makes random draws reproducible; the draws are recorded in
    the result. ``java_random`` selects RCTab's generator (java.util.Random) so RCTab
    configurations reproduce RCTab's draws; native race files use Python's ``random.Random``.
    """

    mode: str = TIE_NONE
    order: tuple[str, ...] = ()
    seed: int | None = None
    java_random: bool = False

    def __post_init__(self) -> None:
        _one_of(self.mode, TIE_MODES, "tiebreak")
        if len(set(self.order)) != len(self.order):
            raise ModelError(
                PYTHON, "the tiebreak order names a candidate twice", "name each candidate once", "tiebreak"
            )


@dataclass(frozen=True, slots=True)
class RankedRules:
    """The options of one ranked-choice count, checked when built (``__post_init__``)."""

    method: str = IRV
    seats: int = 1
    winner_mode: str = MAJORITY
    overvote: str = EXHAUST
    max_skipped: int | None = None  # consecutive skipped ranks tolerated; None = unlimited
    duplicate: str = SKIP  # a candidate ranked again: skip the repeat, or exhaust the ballot
    max_rankings: int | None = None  # ranks read per ballot; None = all
    batch_elimination: bool = False
    # with batch_elimination, a group whose votes together equal the next candidate's is out too
    batch_elimination_if_equal: bool = False
    continue_until_two: bool = False
    quota: str = "droop"  # stv: droop | hare
    tiebreak: Tiebreak = field(default_factory=Tiebreak)
    # RCTab arithmetic and thresholds (defaults are the native, exact behaviour)
    decimal_places: int | None = None  # None: exact rationals
    non_integer_threshold: bool = False  # RCTab nonIntegerWinningThreshold
    first_round_determines_threshold: bool = False
    minimum_vote_threshold: int = 0  # candidates under it are eliminated together first
    stop_after_round: int | None = None
    bottoms_up_threshold: Fraction | None = None  # BOTTOMS_UP_PERCENTAGE: share to stop at
    # BOTTOMS_UP_PERCENTAGE (RCTab cutoffElimination): eliminate everyone under the threshold at once
    cutoff_elimination: bool = False
    excluded: frozenset[str] = frozenset()  # candidates who take no part (RCTab "excluded")

    def __post_init__(self) -> None:
        _one_of(self.method, (IRV, STV), "method")
        _one_of(self.winner_mode, WINNER_MODES, "winner_mode")
        _one_of(self.overvote, OVERVOTE_RULES, "overvote")
        _one_of(self.duplicate, (SKIP, EXHAUST), "duplicate")
        _one_of(self.quota, QUOTAS, "quota")
        _at_least(self.seats, 0, "seats")
        _at_least(self.max_skipped, 0, "max_skipped", optional=True)
        _at_least(self.max_rankings, 1, "max_rankings", optional=True)
        _at_least(self.decimal_places, 0, "decimal_places", optional=True)
        _at_least(self.minimum_vote_threshold, 0, "minimum_vote_threshold")
        _at_least(self.stop_after_round, 1, "stop_after_round", optional=True)
        for flag in FLAGS:
            if type(getattr(self, flag)) is not bool:  # 1, 0 or "false" would pass for a truth value
                raise ModelError(PYTHON, f"{flag} is {getattr(self, flag)!r}", "True or False", flag)
        share = self.bottoms_up_threshold
        if share is not None and not 0 < share <= 1:
            raise ModelError(
                PYTHON, f"bottoms_up_threshold is {share}", "a share above 0, at most 1", "bottoms_up_threshold"
            )
        if self.batch_elimination_if_equal and not self.batch_elimination:
            raise ModelError(
                PYTHON,
                "batch_elimination_if_equal applies only with batch elimination",
                "add batch_elimination: true",
                "batch_elimination_if_equal",
            )
        if self.seats == 0 and self.winner_mode != BOTTOMS_UP_PERCENTAGE:
            raise ModelError(PYTHON, "seats is 0", "a contest elects at least 1", "seats")
        if self.seats > 1 and self.method == IRV and self.winner_mode == MAJORITY:
            hint = "for more than one seat use `rule: stv` with `seats:`"
            raise ModelError(PYTHON, f"seats is {self.seats}, but rule {self.method} elects one", hint, "seats")
        if self.continue_until_two and self.winner_mode != MULTI_PASS_IRV and (self.method == STV or self.seats > 1):
            # The count has no meaning for it: winners would stay continuing while their surplus moves on.
            raise ModelError(
                PYTHON,
                "continue_until_two applies to single-seat counts only (or multi-pass IRV)",
                "leave it out",
                "continue_until_two",
            )
