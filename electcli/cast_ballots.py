"""``electcli ballots``: the cast vote records of a ranked-choice contest as electcli read them,
each with its path through the count, for auditors who re-count with another tool.

An RCTab configuration's ballots are kept one by one as its sources are read (ballot_log), with
where each came from, the ids its record carries and how its source spelt each candidate; a race
file's ballots are grouped as they are read, so they come back one per ballot in the order of
their distinct rankings, numbered, without ids of their own. The contest is counted as ``electcli
tally`` counts it, and each ballot's trace (ranked.trace) follows that count; or, with ``count``
off (``--no-count``, RCTab's ``--convert-to-cdf``), it is not counted at all: the ballots are
written as read.
"""

from __future__ import annotations

from dataclasses import dataclass

from electcli.errors import InputError, Location, UsageError
from electcli.ranked.ballot_log import SPELLED, BallotRecord
from electcli.ranked.ballots import BallotGroups
from electcli.ranked.rounds import RankedResult
from electcli.ranked.rules import RankedRules
from electcli.ranked.trace import BallotTrace, trace_ballots
from electcli.readers.cvr.source import CvrSource


@dataclass(frozen=True)
class CastBallots:
    """A ranked-choice contest's ballots, one record each, with its count and every ballot's trace
    (both None when the ballots are written as read, uncounted)."""

    contest: str
    date: str | None
    jurisdiction: str | None
    office: str | None
    candidates: tuple[str, ...]  # declared, in order (the write-in placeholder is in ballots.candidates)
    aliases: dict[str, str]  # alias -> declared name
    ballots: BallotGroups
    rules: RankedRules
    result: RankedResult | None
    records: tuple[BallotRecord, ...]  # in reading order
    group_of: tuple[int, ...]  # parallel to records: the index of its ranking in ``ballots``
    sources: tuple[CvrSource, ...]  # an RCTab configuration's; () for a race file
    trace: BallotTrace | None
    max_rankings: int  # the ranks each ballot is written with (RCTab's rctab_cvr.csv columns)
    precinct_units: bool  # name each ballot's precinct as a GpUnit in CDF (RCTab: with tabulateByPrecinct)
    # a code SPELLED + k in a record's ``as_read`` ranking -> (candidate index, the source's spelling)
    spellings: tuple[tuple[int, str], ...] = ()

    def candidate(self, index: int) -> int:
        """The candidate (an index of ``ballots.candidates``) an index of an as-read ranking stands for."""
        return self.spellings[index - SPELLED][0] if index >= SPELLED else index

    def spelling(self, index: int) -> str:
        """The name of candidate ``index`` of ``ballots``, or a source's spelling for a code."""
        if index >= SPELLED:
            return self.spellings[index - SPELLED][1]
        return self.ballots.candidates[index]


def read_cast_ballots(name: str, contest_name: str | None = None, count: bool = True) -> CastBallots:
    """The ballots of the ranked-choice contest in ``name`` (an RCTab configuration or a race file),
    counted unless ``count`` is off."""
    from electcli.readers import input_format_of

    if input_format_of(name, None) == "json":
        import json

        from electcli.readers import is_rctab_config

        try:
            with open(name, encoding="utf-8") as handle:
                document = json.load(handle)
        except (OSError, ValueError):
            document = None
        if is_rctab_config(document):
            return _from_config(name, count)
    return _from_race_file(name, contest_name, count)


def _from_config(name: str, count: bool) -> CastBallots:
    from electcli.ranked.engine import CountAbortedError, count_ranked
    from electcli.readers.rctab.config import read_rctab_ballots

    spec, ballots, grouper = read_rctab_ballots(name)
    result = trace = None
    if count:
        try:
            result = count_ranked(ballots, spec.rules)
        except CountAbortedError as exc:  # as `electcli tally` says it
            raise InputError(
                Location(spec.path), f"contest {spec.name!r} cannot be counted: {exc}", "check its rules and ballots"
            ) from None
        trace = trace_ballots(ballots, spec.rules, result)
    position = {ranking: i for i, ranking in enumerate(ballots.rankings)}
    declared = len(spec.candidates)
    return CastBallots(
        contest=spec.name,
        date=spec.date,
        jurisdiction=spec.jurisdiction,
        office=spec.office,
        candidates=spec.candidates,
        aliases=dict(spec.aliases),
        ballots=ballots,
        rules=spec.rules,
        result=result,
        records=tuple(grouper.records),
        group_of=tuple(position[record.ranking] for record in grouper.records),
        sources=spec.sources,
        trace=trace,
        max_rankings=spec.rules.max_rankings or declared,
        precinct_units="precinct" in spec.tabulate_by,
        spellings=tuple(grouper.spellings),
    )


def _from_race_file(name: str, contest_name: str | None, count: bool) -> CastBallots:
    from electcli.readers import read_input
    from electcli.tabulate import tabulate

    race = read_input(name)
    ranked = [contest for contest in race.contests if contest.ballots is not None and contest.ranked is not None]
    if contest_name is not None:
        ranked = [contest for contest in ranked if contest.name == contest_name]
        if not ranked:
            raise UsageError(f"{name} has no ranked-choice contest named {contest_name!r}")
    if not ranked:
        raise UsageError(f"{name} has no ranked-choice contest: `electcli ballots` writes ranked ballots")
    if len(ranked) > 1:
        names = ", ".join(repr(contest.name) for contest in ranked)
        raise UsageError(f"{name} has several ranked-choice contests ({names}): choose one with --contest")
    contest = ranked[0]
    ballots, rules = contest.ballots, contest.ranked
    assert ballots is not None and rules is not None
    result = trace = None
    if count:
        result = tabulate(contest).ranked
        assert result is not None
        trace = trace_ballots(ballots, rules, result)
    records: list[BallotRecord] = []
    group_of: list[int] = []
    for i, (ranking, number) in enumerate(zip(ballots.rankings, ballots.counts, strict=True)):
        for _ in range(number):
            records.append(BallotRecord(0, len(records) + 1, ranking))
            group_of.append(i)
    declared = tuple(name for k, name in enumerate(ballots.candidates) if k != ballots.undeclared_write_in)
    return CastBallots(
        contest=contest.name,
        date=race.election.date,
        jurisdiction=race.election.jurisdiction,
        office=None,
        candidates=declared,
        aliases={},
        ballots=ballots,
        rules=rules,
        result=result,
        records=tuple(records),
        group_of=tuple(group_of),
        sources=(),
        trace=trace,
        max_rankings=rules.max_rankings or max((len(r) for r in ballots.rankings), default=0),
        precinct_units=any(record.precinct is not None for record in records),
    )
