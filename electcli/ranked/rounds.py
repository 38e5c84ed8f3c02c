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

    @property
    def outcome(self) -> str:
        return "tie" if self.tied else "winner"

    @property
    def decided_by_lot(self) -> bool:
        return bool(self.ties)
