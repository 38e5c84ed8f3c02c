"""JSON and CSV output for scripts and pipelines."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence

from electcli import __version__
from electcli.model import RaceFile
from electcli.present.records import contest_record
from electcli.tabulate.result import Result, Tallied

# Every row stands alone: besides its candidate, it carries its contest's outcome and context
# (election, date, seats, total votes), so rows from many files can be sorted and filtered together.
# Columns are only ever added at the end (before `round`, which ranked-choice output adds last).
CONTEXT_COLUMNS = ("election", "date", "seats", "total_votes")
CSV_COLUMNS = ("contest", "rank", "candidate", "party", "votes", "share", "status", "outcome", "file", *CONTEXT_COLUMNS)


def to_json(tallied: Sequence[Tallied], generated: str | None = None, by_unit: bool = False) -> str:
    """The JSON document: the contract's ``contests``, and an audit trail of what produced them.

    The same inputs always give byte-identical output: nothing here depends on the clock unless
    ``generated`` (a timestamp the user asked for) is given.
    """
    document: dict[str, object] = {"electcli": {"version": __version__}}
    if generated is not None:
        document["generated"] = generated
    document["inputs"] = input_records(tallied)
    document["contests"] = [contest_record(race, result, by_unit) for race, results in tallied for result in results]
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def input_records(tallied: Sequence[Tallied]) -> list[dict[str, str]]:
    """Every file read, race files and the counts files they name, with their SHA-256."""
    records = []
    for race, results in tallied:
        records.append({"file": race.path, "sha256": race.sha256})
        for result in results:
            units = result.contest.results
            if units is not None and units.source is not None and units.sha256 is not None:
                records.append({"file": units.source, "sha256": units.sha256, "for": result.contest.name})
            for path, digest in result.contest.sources:  # cast-vote-record files
                records.append({"file": path, "sha256": digest, "for": result.contest.name})
    return records


UNIT_CSV_COLUMNS = (
    "contest", "unit", "candidate", "party", "votes", "share", "unit_total", "unit_leader", "file",
    "outcome", *CONTEXT_COLUMNS,
)  # fmt: skip


def _context(race: RaceFile, result: Result) -> tuple[object, ...]:
    """The CONTEXT_COLUMNS of a contest's rows ("" where the file gives no election or date)."""
    return (race.election.name or "", race.election.date or "", result.contest.seats, result.total_votes)


def to_csv(tallied: Sequence[Tallied], by_unit: bool = False) -> str:
    """One row per candidate per contest; with ``by_unit``, one per candidate per reporting unit."""
    if by_unit:
        return _units_csv(tallied)
    import csv  # only when CSV is asked for

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    # Ranked-choice contests add a `round` column: the round each candidate's figure is from.
    any_ranked = any(result.ranked is not None for _, results in tallied for result in results)
    writer.writerow((*CSV_COLUMNS, "round") if any_ranked else CSV_COLUMNS)
    for race, results in tallied:
        for result in results:
            exact_figures = None
            if result.ranked is not None:
                from electcli.present.ranked_records import csv_figures

                exact_figures = csv_figures(result)
            for standing in result.standings:
                candidate = standing.candidate
                row: tuple[object, ...] = (
                    result.contest.name,
                    standing.rank,
                    candidate.name,
                    candidate.party or "",
                    candidate.votes,
                    repr(float(standing.share)),
                    standing.status or "",
                    result.outcome,
                    race.path,
                    *_context(race, result),
                )
                if exact_figures is not None:
                    votes, round_number = exact_figures[candidate.name]
                    row = (*row[:4], votes, *row[5:], round_number)
                elif any_ranked:
                    row = (*row, "")
                writer.writerow(row)
    return out.getvalue()


def _units_csv(tallied: Sequence[Tallied]) -> str:
    import csv

    from electcli.tabulate.units import unit_rows

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(UNIT_CSV_COLUMNS)
    for race, results in tallied:
        for result in results:
            parties = {candidate.name: candidate.party or "" for candidate in result.contest.candidates}
            context = (result.outcome, *_context(race, result))
            for row in unit_rows(result.contest):
                leader = row.leaders[0] if len(row.leaders) == 1 else ""
                for name, count in row.votes:
                    writer.writerow(
                        (
                            result.contest.name,
                            row.name,
                            name,
                            parties[name],
                            count,
                            repr(float(row.share(count))),
                            row.total_votes,
                            leader,
                            race.path,
                            *context,
                        )
                    )
    return out.getvalue()
