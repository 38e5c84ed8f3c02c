"""What a race file says, as plain frozen values: readers build these, tabulation reads them.

Counts are Python ints and every fraction is a ``fractions.Fraction``: no decision in electcli
ever touches a float.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from electcli.errors import Location

if TYPE_CHECKING:  # ranked-choice types load only when a ranked contest is read: start-up time
    from electcli.ranked.ballots import BallotGroups
    from electcli.ranked.rules import RankedRules

# Method names a race file may use (shared/spec/race-file.md, "Rules").
PLURALITY = "plurality"
RUNOFF = "runoff"
TOP = "top"
MEASURE = "measure"
METHODS = (PLURALITY, RUNOFF, TOP, MEASURE)
RANKED_METHODS = ("irv", "stv")

# The name that stands for unnamed write-ins inside a reporting unit (never a candidate's name).
WRITE_INS = "write_ins"


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
    """How a contest is decided: the method, its threshold and how many advance."""

    method: str
    threshold: Threshold | None  # runoff and measure only
    advance: int  # runoff and top: how many go on; 0 for other methods
    preset: str | None = None  # the named preset (electcli.presets) the rule came from
    ties_advance: bool = False  # a tie at the advance line sends every tied candidate on (by law)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A candidate (or a measure's choice) with their total votes."""

    name: str
    votes: int
    party: str | None = None
    write_in: bool = False  # a declared write-in candidate: named, and able to win


@dataclass(frozen=True, slots=True, eq=False)  # a container: compared by identity
class Results:
    """Votes by reporting unit, as the race file or its counts file gives them.

    Kept as three parallel columns, one entry per unit and candidate in the file's order (the
    name is ``write_ins`` for unnamed write-ins): compact, and quick to build for files with
    hundreds of thousands of rows. ``units()`` groups them for a breakdown.
    """

    by: str | None  # what a unit is (county, precinct...), a label only
    unit_column: tuple[str, ...]
    name_column: tuple[str, ...]
    vote_column: tuple[int, ...]
    source: str | None = None  # the counts file, when the units came from one
    sha256: str | None = None  # of that file, for the audit trail

    def __post_init__(self) -> None:
        # The columns are parallel: a reader that misaligned them would misattribute votes.
        if not len(self.unit_column) == len(self.name_column) == len(self.vote_column):
            raise ValueError("Results columns of different lengths")

    def units(self) -> dict[str, dict[str, int]]:
        """Each unit's counts by name, units in the order they first appear."""
        grouped: dict[str, dict[str, int]] = {}
        for unit, name, votes in zip(self.unit_column, self.name_column, self.vote_column, strict=True):
            grouped.setdefault(unit, {})[name] = votes
        return grouped


@dataclass(frozen=True, slots=True)
class Reporting:
    """How much of a count is in: reporting units (precincts, counties) reported of those expected."""

    reported: int
    expected: int

    def __post_init__(self) -> None:
        if not 0 <= self.reported <= self.expected:
            raise ValueError("reporting units reported must be between 0 and those expected")

    @property
    def complete(self) -> bool:
        return self.reported == self.expected


@dataclass(frozen=True, slots=True, eq=False)  # a container: compared by identity
class VoteTypes:
    """Votes split by how they were cast (Election Day, absentee by mail, advance...), as reported.

    ``by_candidate`` is parallel to the contest's candidates and ``by_row`` to its ``Results``
    rows; each entry holds one figure per name in ``names``, and the figures add up to the votes
    of that candidate (or row).
    """

    names: tuple[str, ...]
    by_candidate: tuple[tuple[int, ...], ...]
    by_row: tuple[tuple[int, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class Expected:
    """What ``electcli check`` asserts about a contest; ``None`` means not asserted."""

    location: Location
    outcome: str | None = None
    leaders: tuple[str, ...] | None = None  # with outcome "leading": who is ahead
    winners: tuple[str, ...] | None = None
    advancing: tuple[str, ...] | None = None
    tied: tuple[str, ...] | None = None
    recount: bool | None = None


@dataclass(frozen=True, slots=True, eq=False)  # a container: compared by identity
class Contest:
    """One contest, checked: every name unique, every total consistent."""

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
    # Counts a source reports beside the candidates' votes and outside the total (over and
    # under votes, ballots cast, registered voters...), by a snake_case key: "over_votes".
    reported: tuple[tuple[str, int], ...] = ()
    # Ranked-choice contests (rule irv or stv): the grouped ballots and the counting options.
    # ``candidates`` then carry votes=0; the counted figures come from tabulating the ballots.
    ballots: BallotGroups | None = None
    ranked: RankedRules | None = None
    # Other files read for this contest (cast-vote-record files): (path as shown, sha256), for the
    # audit trail in JSON output.
    sources: tuple[tuple[str, str], ...] = ()
    # How much of the count is in (shared/spec/output.md, "Incomplete counts"); both None: final.
    reporting: Reporting | None = None
    outstanding: int | None = None  # an upper bound on ballots still to be counted
    unit_reporting: tuple[tuple[str, Reporting], ...] = ()  # the same, unit by unit, where the source says
    vote_types: VoteTypes | None = None

    @property
    def is_measure(self) -> bool:
        return self.rule.method == MEASURE

    @property
    def total_votes(self) -> int:
        return sum(c.votes for c in self.candidates) + self.write_ins


@dataclass(frozen=True, slots=True)
class Election:
    """The optional metadata echoed in output."""

    name: str | None = None
    date: str | None = None
    jurisdiction: str | None = None


@dataclass(frozen=True, slots=True, eq=False)  # a container: compared by identity
class RaceFile:
    """One input: where it came from, its election metadata and its contests."""

    path: str  # as the user named it ("-" for standard input)
    election: Election
    contests: tuple[Contest, ...]
    sha256: str = ""  # of the file's bytes, for the audit trail
