"""``electcli ballots``: the cast vote records of a ranked-choice contest as electcli read them, each
with its path through the count, for auditors who re-count with another tool.

An RCTab configuration's ballots are kept one by one as its sources are read (ballot_log), with
where each came from; a race file's ballots are grouped as they are read, so they come back one
per ballot in the order of their distinct rankings, numbered, without ids of their own. Either way
the contest is counted as ``electcli tally`` counts it, and each ballot's trace (ranked.trace)
follows that count.
"""

from __future__ import annotations

from dataclasses import dataclass

from electcli.errors import InputError, Location, UsageError
from electcli.ranked.ballot_log import BallotRecord
from electcli.ranked.ballots import BallotGroups
from electcli.ranked.rounds import RankedResult
from electcli.ranked.rules import RankedRules
from electcli.ranked.trace import BallotTrace, trace_ballots
from electcli.readers.cvr.source import CvrSource


@dataclass(frozen=True)
class CastBallots:
    """A ranked-choice contest's ballots, one record each, with its count and every ballot's trace."""

    contest: str
    date: str | None
    jurisdiction: str | None
    office: str | None
    candidates: tuple[str, ...]  # declared, in order (the write-in placeholder is in ballots.candidates)
    aliases: dict[str, str]  # alias -> declared name
    ballots: BallotGroups
    rules: RankedRules
    result: RankedResult
    records: tuple[BallotRecord, ...]  # in reading order
    group_of: tuple[int, ...]  # parallel to records: the index of its ranking in ``ballots``
    sources: tuple[CvrSource, ...]  # an RCTab configuration's; () for a race file
    trace: BallotTrace
    max_rankings: int  # the ranks each ballot is written with (RCTab's rctab_cvr.csv columns)
    precinct_units: bool  # name each ballot's precinct as a GpUnit in CDF (RCTab: with tabulateByPrecinct)


def read_cast_ballots(name: str, contest_name: str | None = None) -> CastBallots:
    """The ballots of the ranked-choice contest in ``name`` (an RCTab configuration or a race file)."""
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
            return _from_config(name)
    return _from_race_file(name, contest_name)


def _from_config(name: str) -> CastBallots:
    from electcli.ranked.engine import CountAbortedError, count_ranked
    from electcli.readers.rctab.config import read_rctab_ballots

    spec, ballots, records = read_rctab_ballots(name)
    try:
        result = count_ranked(ballots, spec.rules)
    except CountAbortedError as exc:  # as `electcli tally` says it
        raise InputError(
            Location(spec.path), f"contest {spec.name!r} cannot be counted: {exc}", "check its rules and ballots"
        ) from None
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
        records=tuple(records),
        group_of=tuple(position[record.ranking] for record in records),
        sources=spec.sources,
        trace=trace_ballots(ballots, spec.rules, result),
        max_rankings=spec.rules.max_rankings or declared,
        precinct_units="precinct" in spec.tabulate_by,
    )


def _from_race_file(name: str, contest_name: str | None) -> CastBallots:
    from electcli.pipeline import tally_file

    tallied = tally_file(name)
    ranked = [result for result in tallied.results if result.ranked is not None]
    if contest_name is not None:
        ranked = [result for result in ranked if result.contest.name == contest_name]
        if not ranked:
            raise UsageError(f"{name} has no ranked-choice contest named {contest_name!r}")
    if not ranked:
        raise UsageError(f"{name} has no ranked-choice contest: `electcli ballots` writes ranked ballots")
    if len(ranked) > 1:
        names = ", ".join(repr(result.contest.name) for result in ranked)
        raise UsageError(f"{name} has several ranked-choice contests ({names}): choose one with --contest")
    result = ranked[0]
    contest = result.contest
    ballots = contest.ballots
    assert ballots is not None and contest.ranked is not None and result.ranked is not None
    records: list[BallotRecord] = []
    group_of: list[int] = []
    for i, (ranking, count) in enumerate(zip(ballots.rankings, ballots.counts, strict=True)):
        for _ in range(count):
            records.append(BallotRecord(0, len(records) + 1, ranking))
            group_of.append(i)
    declared = tuple(name for k, name in enumerate(ballots.candidates) if k != ballots.undeclared_write_in)
    return CastBallots(
        contest=contest.name,
        date=tallied.race.election.date,
        jurisdiction=tallied.race.election.jurisdiction,
        office=None,
        candidates=declared,
        aliases={},
        ballots=ballots,
        rules=contest.ranked,
        result=result.ranked,
        records=tuple(records),
        group_of=tuple(group_of),
        sources=(),
        trace=trace_ballots(ballots, contest.ranked, result.ranked),
        max_rankings=contest.ranked.max_rankings or max((len(r) for r in ballots.rankings), default=0),
        precinct_units=any(record.precinct is not None for record in records),
    )
