"""Results as plain records (dicts of JSON types): the one source for JSON and CSV output.

The names are a contract (shared/spec/output.md): add fields, never rename or drop them.
"""

from __future__ import annotations

from typing import Any

from electcli.errors import UsageError
from electcli.model import Contest, RaceFile
from electcli.present.verdict import verdict
from electcli.tabulate.incomplete import is_incomplete
from electcli.tabulate.result import LEADING, Margin, Result


def _margin(margin: Margin | None) -> dict[str, Any] | None:
    if margin is None:
        return None
    return {"votes": margin.votes, "points": float(margin.points)}


def unit_records(contest: Contest) -> list[dict[str, Any]]:
    """The breakdown by reporting unit, in the order the units appear in the input."""
    from electcli.tabulate.units import unit_rows

    reporting = {
        unit: {"reported": figures.reported, "expected": figures.expected, "complete": figures.complete}
        for unit, figures in contest.unit_reporting
    }
    by_type: dict[tuple[str, str], dict[str, int]] = {}
    types = contest.vote_types
    if types is not None and types.by_row and contest.results is not None:
        results = contest.results
        for unit, name, figures in zip(results.unit_column, results.name_column, types.by_row, strict=True):
            by_type[unit, name] = dict(zip(types.names, figures, strict=True))
    return [
        {
            "name": row.name,
            "total_votes": row.total_votes,
            "candidates": [
                {"name": name, "votes": votes, "share": float(row.share(votes))}
                | ({"vote_types": by_type[row.name, name]} if by_type else {})
                for name, votes in row.votes
            ],
            "write_ins": row.write_ins,
            **({"reporting": reporting[row.name]} if row.name in reporting else {}),
            "leader": row.leaders[0] if len(row.leaders) == 1 else None,
            "tied_leaders": list(row.leaders) if len(row.leaders) > 1 else [],
            "margin": {"votes": row.margin, "points": float(row.margin_share * 100)},
        }
        for row in unit_rows(contest)
    ]


def completeness_record(result: Result) -> dict[str, Any]:
    """How much of the count is in, and what it allows (shared/spec/output.md, "Incomplete counts")."""
    contest = result.contest
    reporting = contest.reporting
    record: dict[str, Any] = {
        "reporting": {
            "reported": reporting.reported if reporting else None,
            "expected": reporting.expected if reporting else None,
            "complete": not is_incomplete(contest),
            "outstanding": contest.outstanding,  # an extension: the bound on ballots still to count
        },
        "decided_with_outstanding": result.decided_with_outstanding,
    }
    if result.outcome == LEADING:
        record["projected"] = result.projected
        record["leaders"] = list(result.leaders)
    return record


def _vote_types_by_name(result: Result) -> list[tuple[int, ...]]:
    """Each standing's figures by vote type, in finishing order."""
    contest = result.contest
    assert contest.vote_types is not None
    by_name = {c.name: figures for c, figures in zip(contest.candidates, contest.vote_types.by_candidate, strict=True)}
    return [by_name[standing.candidate.name] for standing in result.standings]


def rule_record(contest: Contest) -> dict[str, Any]:
    """The rules applied, as the audit trail records them."""
    rule = contest.rule
    return {
        "method": rule.method,
        "threshold": rule.threshold.text if rule.threshold else None,
        "advance": rule.advance or None,
        "seats": contest.seats,
        "recount": contest.recount.text if contest.recount else None,
        "tiebreak": list(contest.tiebreak) if contest.tiebreak is not None else None,
        "ties_advance": rule.ties_advance,
        "preset": preset_record(rule.preset) if rule.preset else None,
    }


def preset_record(name: str) -> dict[str, Any]:
    from electcli.presets import PRESETS

    preset = PRESETS[name]
    return {
        "name": preset.name,
        "title": preset.title,
        "method": preset.method,
        "threshold": preset.threshold,
        "advance": preset.advance or None,
        "recount": preset.recount,
        "citation": preset.citation,
        "source_url": preset.source_url,
        "as_of": preset.as_of,
        "notes": list(preset.notes),
        "quote": preset.quote,
        "ties_advance": preset.ties_advance,
        # a ranked-choice preset's options, as race files write them ('unlimited' for no limit); None
        # for vote-count presets
        "options": preset.written_options() or None,
    }


def contest_record(race: RaceFile, result: Result, by_unit: bool = False) -> dict[str, Any]:
    contest = result.contest
    threshold = contest.rule.threshold
    candidates: list[dict[str, Any]] = [
        {
            "rank": standing.rank,
            "name": standing.candidate.name,
            "party": standing.candidate.party,
            "votes": standing.candidate.votes,
            "share": float(standing.share),
            "status": standing.status,
            "write_in": standing.candidate.write_in,
        }
        for standing in result.standings
    ]
    record = {
        "file": race.path,
        "election": race.election.name,
        "name": contest.name,
        "method": contest.rule.method,
        "seats": contest.seats,
        "threshold": threshold.text if threshold else None,
        "total_votes": result.total_votes,
        "outcome": result.outcome,
        "winners": list(result.winners),
        "advancing": list(result.advancing),
        "tied": list(result.tied),
        "decided_by_lot": result.decided_by_lot,
        "recount": result.recount,
        "candidates": candidates,
        "margins": {
            "lead": _margin(result.lead),
            "cutoff": _margin(result.cutoff),
            "short_of_threshold": result.short_of_threshold,
            "to_spare": result.to_spare,
        },
        # Extensions to the contract (documented in README.md).
        "election_date": race.election.date,
        "jurisdiction": race.election.jurisdiction,
        "write_ins": contest.write_ins,
        "advance": contest.rule.advance or None,
        "recount_rule": contest.recount.text if contest.recount else None,
        "reported": dict(contest.reported),
        "reconciliation": [
            {"check": gap.check, "expected": gap.expected, "actual": gap.actual, "gap": gap.gap, "detail": gap.detail}
            for gap in result.gaps
        ],
        "rule": rule_record(contest),
        "verdict": verdict(result),
    }
    if contest.reporting is not None or contest.outstanding is not None:
        record.update(completeness_record(result))
    if contest.vote_types is not None:
        names = contest.vote_types.names
        for entry, figures in zip(candidates, _vote_types_by_name(result), strict=True):
            entry["vote_types"] = dict(zip(names, figures, strict=True))
    if result.ranked is not None:  # rounds, tiebreak draws and exact figures (ranked-choice.md)
        from electcli.present.ranked_records import add_ranked

        add_ranked(record, result)
    if by_unit and result.ranked is not None:
        from electcli.present.ranked_records import slice_records

        if contest.ballots is not None and contest.ballots.slices_unread:
            raise UsageError(
                f"the precincts and batches of {contest.name!r} were not read: read the input with"
                " electcli.read(path, by_unit=True) to break its results down by unit"
            )

        record["units_by"], record["units"] = slice_records(result)
    elif by_unit:
        record["units_by"] = contest.results.by if contest.results else None
        record["units"] = unit_records(contest)
    return record
