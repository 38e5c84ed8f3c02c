"""What a race file says, as plain frozen values: readers build these, tabulation reads them.

Counts are Python ints and every fraction is a ``fractions.Fraction``: no decision in electcli
ever touches a float.

Every value checks itself when it is built (``__post_init__``), whoever builds it: a reader, or a
program through ``electcli.contest``. An impossible value (a negative count, a name listed twice,
a runoff without a threshold) is a ``ModelError`` (an ``InputError``); readers re-raise it at the
place in their file of the part it names. The checks are here once, not in each reader.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING

from electcli.errors import Location, ModelError

if TYPE_CHECKING:  # ranked-choice types load only when a ranked contest is read: start-up time
    from electcli.ranked.ballots import BallotGroups
    from electcli.ranked.rules import RankedRules

THRESHOLD_HINT = 'write a comparison and a share, such as ">50%" (more than half), ">=60%", ">=2/3", or \'majority\''
RECOUNT_HINT = 'write the margin at or under which a recount applies: "<=0.5%" of the total, or "<=2000" votes'

# Method names a race file may use (shared/spec/race-file.md, "Rules").
PLURALITY = "plurality"
RUNOFF = "runoff"
TOP = "top"
MEASURE = "measure"
METHODS = (PLURALITY, RUNOFF, TOP, MEASURE)
RANKED_METHODS = ("irv", "stv")

# The name that stands for unnamed write-ins inside a reporting unit (never a candidate's name).
WRITE_INS = "write_ins"
# Where a value built by a program, not read from a file, is said to be.
PYTHON = Location("<python>")
# How many a rule's method sends on at least (runoff, top); the others send none.
LEAST_ADVANCE = {RUNOFF: 2, TOP: 1}


def _is_count(value: object) -> bool:
    """A whole, non-negative number of votes (``bool`` is an int to Python, not a count)."""
    return type(value) is int and value >= 0


@dataclass(frozen=True, slots=True)
class Threshold:
    """A share to meet: ``votes / total`` compared with ``share`` by ``>`` or ``>=``."""

    strict: bool  # True for ">", False for ">="
    share: Fraction  # 0 < share <= 1
    text: str  # normalised as written, e.g. ">50%" or ">=2/3"

    def __post_init__(self) -> None:
        if not isinstance(self.share, Fraction | int) or isinstance(self.share, bool):
            raise ModelError(PYTHON, f"threshold {self.text!r} is not an exact share", "give a Fraction")
        if self.share <= 0:
            problem = f"threshold {self.text!r} is a share of 0 or less, which every candidate meets"
            raise ModelError(PYTHON, problem, THRESHOLD_HINT, "threshold")
        if self.share > 1 or (self.share == 1 and self.strict):
            problem = f"threshold {self.text!r} is more than 100%, which no one can reach"
            hint = 'for unanimity write ">=100%"' if self.share == 1 else THRESHOLD_HINT
            raise ModelError(PYTHON, problem, hint, "threshold")

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

    def __post_init__(self) -> None:
        if self.limit < 0:
            raise ModelError(PYTHON, f"recount {self.text!r} is a negative margin", RECOUNT_HINT, "recount")
        if not self.in_votes and self.limit > 1:
            raise ModelError(PYTHON, f"recount {self.text!r} is more than 100% of the total", RECOUNT_HINT, "recount")

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

    def __post_init__(self) -> None:
        method = self.method
        if method not in METHODS and method not in RANKED_METHODS:
            rules = ", ".join((*METHODS, *RANKED_METHODS))
            raise ModelError(PYTHON, f"unknown rule {method!r}", f"rules: {rules}, or a preset", "rule")
        if (method in (RUNOFF, MEASURE)) != (self.threshold is not None):
            if self.threshold is None:
                raise ModelError(PYTHON, f"rule {method!r} has no threshold", 'give one, such as ">50%"', "threshold")
            raise ModelError(
                PYTHON, f"rule {method!r} has no threshold", "thresholds apply to `runoff` and `measure`", "threshold"
            )
        least = LEAST_ADVANCE.get(method, 0)
        if type(self.advance) is not int or (self.advance < least if least else self.advance != 0):
            if least:
                problem, hint = (
                    f"advance is {self.advance}; a {method} sends at least {least} on",
                    f"give advance: {least} or more",
                )
            else:
                problem, hint = f"rule {method!r} has no `advance`", "`advance` applies to `runoff` and `top`"
            raise ModelError(PYTHON, problem, hint, "advance")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A candidate (or a measure's choice) with their total votes."""

    name: str
    votes: int
    party: str | None = None
    write_in: bool = False  # a declared write-in candidate: named, and able to win
    # Where the candidate's name is written, for errors (not part of what a candidate is).
    location: Location | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if type(self.votes) is not int or self.votes < 0:  # bool is an int to Python, not a count
            raise ModelError(
                self.location or PYTHON,
                f"candidate {self.name!r} has {self.votes!r} votes",
                "a vote count is a whole number, 0 or more",
                "votes",
            )
        if not isinstance(self.name, str) or not self.name.strip():
            raise ModelError(self.location or PYTHON, f"candidate name {self.name!r} is empty or not text", part="name")


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
            raise ValueError("Results columns of different lengths")  # a reader's bug, not an input's
        # in C (map, set, min): a statewide file has hundreds of thousands of rows
        if self.vote_column and (set(map(type, self.vote_column)) != {int} or min(self.vote_column) < 0):
            raise ModelError(
                Location(self.source or "<python>"), "a unit's votes are not a whole number, 0 or more", part="results"
            )

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
            raise ModelError(
                PYTHON,
                f"{self.reported} reporting units reported of {self.expected} expected",
                "reported counts the units in so far, expected all of them: 0 <= reported <= expected",
                "reporting",
            )

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
    """One contest, checked when built (``__post_init__``): names unique and not reserved, counts
    whole and not negative, a measure's choices Yes and No, seats and rule that go together, a
    tiebreak naming only candidates, ballots exactly for ranked rules. Totals against units are a
    reader's to reconcile (a file may give both)."""

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

    def __post_init__(self) -> None:
        # Quick checks first (a file of thousands of contests builds thousands of these); the
        # exact refusal is worked out only when one fails.
        where = self.location
        candidates = self.candidates
        names = {candidate.name for candidate in candidates}
        if len(names) != len(candidates) or WRITE_INS in names:
            check_names(candidates, where, "choice" if self.rule.method == MEASURE else "candidate")  # raises
        method = self.rule.method
        if method == MEASURE:
            if len(names) != 2 or "Yes" not in names or "No" not in names:
                raise ModelError(
                    where,
                    f"a measure's choices must be exactly Yes and No (given: {', '.join(c.name for c in candidates) or 'none'})",
                    "write choices: [{name: Yes, votes: N}, {name: No, votes: N}]",
                    "choices",
                )
        elif not candidates:
            raise ModelError(
                where, f"contest {self.name!r} has no candidates", "list at least one candidate", "candidates"
            )
        if not isinstance(self.name, str) or not self.name.strip():
            raise ModelError(
                where, f"contest name {self.name!r} is empty or not text", "give the contest a name", "name"
            )
        if self.seats != 1 or type(self.seats) is not int:
            self._check_seats()
        if self.write_ins and not _is_count(self.write_ins):
            raise ModelError(
                where, f"write_ins is {self.write_ins!r}", "a vote count is a whole number, 0 or more", "write_ins"
            )
        if self.outstanding is not None and not _is_count(self.outstanding):
            raise ModelError(
                where, f"outstanding is {self.outstanding!r}", "a count of ballots, 0 or more", "outstanding"
            )
        for key, count in self.reported:
            if not _is_count(count):
                raise ModelError(where, f"{key} is {count!r}", "a count is a whole number, 0 or more", key)
        if self.tiebreak is not None:
            for name in self.tiebreak:
                if name not in names:
                    raise ModelError(
                        self.tiebreak_location or where,
                        f"tiebreak names {name!r}, who is not a candidate in this contest",
                        "list only the contest's candidates",
                        "tiebreak",
                    )
        if (method in RANKED_METHODS) != (self.ballots is not None and self.ranked is not None):
            if method in RANKED_METHODS:
                problem = f"rule {method!r} is ranked-choice, counted from ballots, and contest {self.name!r} has none"
            else:
                problem = f"rule {method!r} counts votes, but contest {self.name!r} has ranked ballots"
            raise ModelError(where, problem, "ranked ballots go with rule irv or stv", "rule")

    def _check_seats(self) -> None:
        seats, method = self.seats, self.rule.method
        if type(seats) is not int or seats < 1:
            raise ModelError(self.location, f"seats is {seats!r}", "a contest elects at least 1", "seats")
        if self.ranked is not None:  # the count's own rules say how many seats (RankedRules checks them)
            if seats != max(self.ranked.seats, 1):
                raise ModelError(
                    self.location, f"seats is {seats}, but the count's rules fill {self.ranked.seats}", part="seats"
                )
        elif seats > 1 and method != PLURALITY:
            hint = "more than one seat needs rule `plurality`"
            raise ModelError(self.location, f"seats is {seats}, but rule {method!r} elects one", hint, "seats")

    @property
    def is_measure(self) -> bool:
        return self.rule.method == MEASURE

    @property
    def total_votes(self) -> int:
        return sum(c.votes for c in self.candidates) + self.write_ins


def check_names(candidates: Iterable[Candidate], where: Location, what: str = "candidate") -> dict[str, Candidate]:
    """Each candidate by name, refusing a name listed twice or the reserved ``write_ins`` at the
    candidate's place (``where`` when it has none). ``Contest`` checks its candidates with this; a
    reader may ask it early, to refuse before reading ballots against the names."""
    first: dict[str, Candidate] = {}
    for candidate in candidates:
        name = candidate.name
        earlier = first.get(name)
        if earlier is not None:
            line = earlier.location.line if earlier.location is not None else 0
            raise ModelError(
                candidate.location or where,
                f"{what} {name!r} is listed twice" + (f" (first at line {line})" if line else ""),
                f"list each {what} once",
                "candidates",
            )
        first[name] = candidate
        if name == WRITE_INS:
            raise ModelError(
                candidate.location or where,
                f"{WRITE_INS!r} is reserved for unnamed write-ins",
                "give their votes as the contest's `write_ins:`",
                "candidates",
            )
    return first


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

    @property
    def warnings(self) -> tuple[str, ...]:
        """What the readers warned about while reading this input (each once), for the CLI."""
        found: dict[str, None] = {}
        for contest in self.contests:
            if contest.ballots is not None:
                found.update(dict.fromkeys(contest.ballots.warnings))
        return tuple(found)
