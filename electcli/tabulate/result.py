"""What tabulating a contest decides: plain frozen values, exact fractions, no presentation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, NamedTuple

from electcli.model import Candidate, Contest, RaceFile
from electcli.tabulate.reconcile import Gap

if TYPE_CHECKING:
    from electcli.ranked.rounds import RankedResult

# Outcomes (shared/spec/output.md).
WINNER = "winner"
RUNOFF_OUTCOME = "runoff"
ADVANCE = "advance"
TIE = "tie"
PASS = "pass"
FAIL = "fail"
LEADING = "leading"  # the count is incomplete: nobody is called (output.md, "Incomplete counts")

# Candidate statuses.
ELECTED = "elected"
ADVANCES = "advances"
DEFEATED = "defeated"
TIED = "tied"
TRAILING = "trailing"  # an extension, with LEADING: a candidate's place while a count is incomplete


def share_of(votes: int, total: int) -> Fraction:
    """``votes / total`` exactly; every share is 0 when the total is 0."""
    return Fraction(votes, total) if total else Fraction(0)


class Standing(NamedTuple):
    """One candidate's place in the finishing order."""

    rank: int  # finishing order, from 1; equal votes keep the file's order (or the lot's)
    candidate: Candidate
    share: Fraction
    status: str | None  # None for a measure's choices


class Margin(NamedTuple):
    """A gap in votes between two candidates."""

    votes: int
    share: Fraction  # of the contest total

    @property
    def points(self) -> Fraction:
        """Percentage points of the contest total."""
        return self.share * 100


@dataclass(frozen=True, slots=True, eq=False)  # a container: compared by identity
class Result:
    """Everything decided about one contest, in the terms of shared/spec/output.md."""

    contest: Contest
    outcome: str
    total_votes: int
    standings: tuple[Standing, ...]
    winners: tuple[str, ...]
    advancing: tuple[str, ...]
    tied: tuple[str, ...]  # in finishing order
    line_after: int  # the line at the cutoff falls after this many candidates (seats, advance or 1)
    decided_by_lot: bool
    recount: bool
    lead: Margin | None  # first minus second
    cutoff: Margin | None  # last through minus first not through
    short_of_threshold: int | None  # runoff and measure only
    threshold_met: bool | None  # runoff and measure only
    gaps: tuple[Gap, ...] = ()  # reported counts that do not reconcile with the votes
    ranked: RankedResult | None = None  # a ranked-choice contest's rounds (electcli.tabulate.ranked)
    # While a count is incomplete (electcli.tabulate.incomplete): the outcome the current counts
    # would give, and who is ahead; or, with outstanding ballots that cannot change it, a decision.
    projected: str | None = None
    leaders: tuple[str, ...] = ()
    decided_with_outstanding: bool = False
    race: RaceFile | None = None  # the input the contest came from, when known (electcli.tally sets it)

    def to_dict(self, by_unit: bool = False) -> dict[str, Any]:
        """Exactly the record ``electcli tally --format json`` writes for this contest (with
        ``by_unit``, as ``--by-unit`` writes it): plain JSON types, the names of shared/spec/output.md."""
        from electcli.model import Election
        from electcli.present.records import contest_record

        race = self.race or RaceFile(path="<python>", election=Election(), contests=(self.contest,))
        return contest_record(race, self, by_unit)

    @property
    def to_spare(self) -> int | None:
        """Votes the leader (a measure: Yes) could lose and still meet the threshold; None if unmet."""
        threshold = self.contest.rule.threshold
        if not self.threshold_met or threshold is None:
            return None
        votes = (
            next(s.candidate.votes for s in self.standings if s.candidate.name == "Yes")
            if self.contest.is_measure
            else self.standings[0].candidate.votes
        )
        return votes - threshold.votes_needed(self.total_votes)


class Tallied(NamedTuple):
    """One input read and decided: the race file, and one result per contest in the file's order."""

    race: RaceFile
    results: Sequence[Result]
