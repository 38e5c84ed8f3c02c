"""How a ranked-choice contest is counted: every option of shared/spec/ranked-choice.md, plus
the RCTab rules electcli follows when it reads an RCTab contest configuration.

Native race files use exact rational arithmetic (``decimal_places`` is None). An RCTab
configuration sets ``decimal_places`` to its ``decimalPlacesForVoteArithmetic`` so results match
RCTab's to the digit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

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


@dataclass(frozen=True, slots=True)
class RankedRules:
    method: str = IRV
    seats: int = 1
    winner_mode: str = MAJORITY
    overvote: str = EXHAUST
    max_skipped: int | None = None  # consecutive skipped ranks tolerated; None = unlimited
    duplicate: str = SKIP  # a candidate ranked again: skip the repeat, or exhaust the ballot
    max_rankings: int | None = None  # ranks read per ballot; None = all
    batch_elimination: bool = False
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
