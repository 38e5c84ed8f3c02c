"""The record of a ranked-choice count: one immutable ``Round`` per counting round.

Vote figures are ``Fraction`` (whole numbers in single-winner counts; fractional after surplus
transfers). Mappings keep insertion order, which is the order output shows them in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

# Why a ballot stopped counting (shared/spec/ranked-choice.md)
EXHAUSTED_CHOICES = "exhausted_choices"
OVERVOTES = "overvotes"
SKIPPED_RANKINGS = "skipped_rankings"
REPEATED_RANKINGS = "repeated_rankings"
INACTIVE_REASONS = (EXHAUSTED_CHOICES, OVERVOTES, SKIPPED_RANKINGS, REPEATED_RANKINGS)
EXHAUSTED = "exhausted"  # the transfer target for ballots that leave the count
# RCTab configurations only (multi-seat counts with surplus transfers):
# ballots whose remaining (surplus) value has nowhere to go once every seat is filled, reported in
# the final round's ``inactive`` as RCTab's "finalRoundSurplus"
FINAL_ROUND_SURPLUS = "final_round_surplus"
# the transfer target for vote fractions lost to decimal truncation (RCTab's "residual surplus")
RESIDUAL_SURPLUS = "residual_surplus"


@dataclass(frozen=True, slots=True)
class TieDecision:
    """A tie the count had to settle: who was tied, for what, and how it was settled."""

    round: int
    tied: tuple[str, ...]
    purpose: str  # "elimination" or "election"
    chosen: tuple[str, ...]  # who was eliminated / elected by the decision
    how: str  # "order", "random", "previous_round", "permutation"
    seed: int | None = None


@dataclass(frozen=True, slots=True)
class Round:
    number: int  # from 1
    tally: Mapping[str, Fraction]  # continuing (and just-elected) candidates' votes this round
    threshold: Fraction  # votes needed to be elected this round
    elected: tuple[str, ...]  # elected at the end of this round, in order
    eliminated: tuple[str, ...]  # eliminated at the end of this round
    # votes moved after this round: from candidate -> {to candidate or "exhausted": votes}
    transfers: Mapping[str, Mapping[str, Fraction]]
    inactive: Mapping[str, Fraction]  # by reason (INACTIVE_REASONS), cumulative
    ties: tuple[TieDecision, ...] = ()
    # of inactive["exhausted_choices"], the ballots that had marked every rank up to the ballot's
    # last (the furthest any ballot marks, within max_rankings), none skipped: official reports'
    # "exhausted choices"; the rest of exhausted_choices left ranks unused
    exhausted_all_ranks: Fraction = Fraction(0)
    # cumulative votes lost to decimal truncation so far (RCTab decimal arithmetic; 0 when exact):
    # every round, active + inactive + residual_surplus == ballots that ranked anyone
    residual_surplus: Fraction = Fraction(0)
    pass_number: int = 1  # multi-pass IRV: which pass (seat) this round belongs to

    @property
    def active(self) -> Fraction:
        return sum(self.tally.values(), Fraction(0))

    @property
    def inactive_total(self) -> Fraction:
        return sum(self.inactive.values(), Fraction(0))


@dataclass(frozen=True, slots=True)
class RankedResult:
    """The whole count. ``outcome`` is ``winner`` or ``tie`` (spec/output.md)."""

    rounds: tuple[Round, ...]
    winners: tuple[str, ...]  # in the order elected
    tied: tuple[str, ...]  # candidates left tied when the count could not go on
    total_ballots: int
    undervotes: int  # ballots with no ranking at all
    ties: tuple[TieDecision, ...]  # every tie settled, in order
    residual_surplus: Fraction = Fraction(0)  # stv with decimal places: votes lost to truncation
    # multi-pass IRV: one single-seat result per pass (``rounds`` is then every pass's rounds in
    # order, each marked with its ``pass_number``); empty for every other count
    passes: tuple[RankedResult, ...] = ()

    @property
    def outcome(self) -> str:
        return "tie" if self.tied else "winner"

    @property
    def decided_by_lot(self) -> bool:
        # a tie settled by the previous rounds' counts was settled by votes, not by lot
        return any(tie.how != "previous_round" for tie in self.ties)
