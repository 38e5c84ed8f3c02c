"""What a race file says, as plain frozen values: readers build these, tabulation reads them.

Counts are Python ints and every fraction is a ``fractions.Fraction``: no decision in electcli
ever touches a float.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from electcli.errors import Location

# Method names a race file may use (shared/spec/race-file.md, "Rules").
PLURALITY = "plurality"
RUNOFF = "runoff"
TOP = "top"
MEASURE = "measure"
METHODS = (PLURALITY, RUNOFF, TOP, MEASURE)
RANKED_METHODS = ("irv", "stv")


@dataclass(frozen=True, slots=True)
class Threshold:
    """A share to meet: ``votes / total`` compared with ``share`` by ``>`` or ``>=``."""

    strict: bool  # True for ">", False for ">="
    share: Fraction  # 0 < share <= 1
    text: str  # normalised as written, e.g. ">50%" or ">=2/3"

    def met(self, votes: int, total: int) -> bool:
        """Whether ``votes`` out of ``total`` meets the threshold; never met when total is 0."""
        if total <= 0:
            return False
        # Cross-multiplied so that the comparison is exact integer arithmetic.
        lhs = votes * self.share.denominator
        rhs = self.share.numerator * total
        return lhs > rhs if self.strict else lhs >= rhs

    def votes_needed(self, total: int) -> int:
        """The fewest votes out of ``total`` that meet the threshold (at least 1)."""
        product = self.share * total
        if self.strict:
            needed = product.numerator // product.denominator + 1
        else:
            needed = -(-product.numerator // product.denominator)
        return max(needed, 1)


@dataclass(frozen=True, slots=True)
class Recount:
    """The margin at or under which a recount applies: a share of the total, or votes."""

    inclusive: bool  # "<=" (True) or "<" (False)
    limit: Fraction  # a share of the contest total (0..1) when ``in_votes`` is False
    in_votes: bool
    text: str

    def applies(self, margin_votes: int, total: int) -> bool:
        if self.in_votes:
            value = Fraction(margin_votes)
        else:
            value = Fraction(margin_votes, total) if total else Fraction(0)
        return value <= self.limit if self.inclusive else value < self.limit


@dataclass(frozen=True, slots=True)
class Rule:
    method: str
    threshold: Threshold | None  # runoff and measure only
    advance: int  # runoff and top: how many go on; 0 for other methods


@dataclass(frozen=True, slots=True)
class Candidate:
    name: str
    votes: int
    party: str | None = None
    write_in: bool = False  # a declared write-in candidate: named, and able to win


@dataclass(frozen=True, slots=True)
class UnitResult:
    """One reporting unit's counts, in the order the file gives them."""

    name: str
    votes: tuple[tuple[str, int], ...]  # (candidate name, votes)
    write_ins: int = 0
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class Results:
    by: str | None  # what a unit is (county, precinct...), a label only
    units: tuple[UnitResult, ...]
    source: str | None = None  # the counts file, when the units came from one


@dataclass(frozen=True, slots=True)
class Expected:
    """What ``electcli check`` asserts about a contest; ``None`` means not asserted."""

    location: Location
    outcome: str | None = None
    winners: tuple[str, ...] | None = None
    advancing: tuple[str, ...] | None = None
    tied: tuple[str, ...] | None = None
    recount: bool | None = None


@dataclass(frozen=True, slots=True)
class Contest:
    name: str
    rule: Rule
    candidates: tuple[Candidate, ...]  # for a measure: the choices Yes and No
    location: Location
    seats: int = 1
    write_ins: int = 0  # unnamed write-ins: they count in the total, they cannot win
    tiebreak: tuple[str, ...] | None = None  # an order decided by lot, first preferred
    tiebreak_location: Location | None = None
    recount: Recount | None = None
    results: Results | None = None
    expected: Expected | None = None

    @property
    def is_measure(self) -> bool:
        return self.rule.method == MEASURE

    @property
    def total_votes(self) -> int:
        return sum(c.votes for c in self.candidates) + self.write_ins


@dataclass(frozen=True, slots=True)
class Election:
    name: str | None = None
    date: str | None = None
    jurisdiction: str | None = None


@dataclass(frozen=True, slots=True)
class RaceFile:
    """One input: where it came from, its election metadata and its contests."""

    path: str  # as the user named it ("-" for standard input)
    election: Election
    contests: tuple[Contest, ...]
