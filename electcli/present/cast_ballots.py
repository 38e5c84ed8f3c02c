"""``electcli ballots --format csv|trace``: the cast vote records as electcli read them.

- ``csv``: RCTab 2.0.1's normalized CVR CSV (its ``rctab_cvr.csv``, OutputWriter.writeRcTabCvrCsv):
  one row per ballot read, the source file and provider, the contest's id in the source, RCTab's
  id for the ballot, the tabulator, batch, the source's own id (``Vendor Id``), precinct and
  precinct portion (each where the source's records carry it: the ids are Dominion's, Hart's and
  Clear Ballot's, and the columns a configuration names for ES&S and generic CSV), then one cell
  per rank up to the contest's maximum: the candidate's name (the configuration's, whatever
  alias the source used), several names on separate lines for an overvote, the source's
  undeclared write-in label, ``overvote`` for an overvote label, ``undervote`` for nothing. A
  ballot with several candidates at one rank lists them in the order its source does (RCTab's);
  a race file's, in the order of the contest's candidates.
- ``trace``: one row per ballot with the candidate it counts for in each round (a cell of exact
  values, JSON, where its vote is split between a winner who kept part of it and another
  candidate), the round from which it is inactive, why, and the value that left the count with it
  (less than 1 where a winner kept the rest). Per round, the rows add up to the count's figures.

Ballot ids follow RCTab's (CastVoteRecord.getId): ``file.xlsx-N`` for ES&S, ``file.json(N)`` for
CDF and ``N`` for generic CSV sources, N counting the source's ballots from 1; a Dominion
record's tabulator, batch and record ids joined by ``-`` (``42-1-7``); a Hart sheet's CvrGuid and
a Clear Ballot row's BallotID. For a race file's ballots they are electcli's own (``N``).
"""

from __future__ import annotations

import csv
import io
import json
from fractions import Fraction

from electcli.cast_ballots import CastBallots
from electcli.present.ranked_records import exact
from electcli.present.rctab_names import safe_name
from electcli.ranked.ballot_log import BallotRecord
from electcli.ranked.ballots import OVERVOTE

EXPLICIT_OVERVOTE = "overvote"  # RCTab's Tabulator.EXPLICIT_OVERVOTE_LABEL
RCTAB_COLUMNS = (
    "Source Filepath",
    "CVR Provider",
    "Contest Id",
    "RCTab CVR Id",
    "Tabulator Id",
    "Batch Id",
    "Vendor Id",
    "Precinct",
    "Precinct Portion",
)


def ballot_id(cast: CastBallots, record: BallotRecord) -> str:
    """The ballot's id as RCTab gives it (CastVoteRecord.getId) where electcli can know it."""
    if not cast.sources:
        return str(record.number)
    source = cast.sources[record.source]
    provider = source.provider
    if provider == "ess":
        return f"{safe_name(source.path.name)}-{record.number}"
    if provider in ("cdf", "nist_json"):
        return f"{source.path.name}({record.number})"
    if provider == "csv":
        return str(record.number)
    if provider == "dominion":  # DominionCvrReader: the ids that are there, joined
        return "-".join(part for part in (record.tabulator, record.batch, record.supplied_id) if part and part.strip())
    if record.supplied_id:  # Hart's CvrGuid, Clear Ballot's BallotID (the readers require them)
        return record.supplied_id
    return f"{source.path.name}-{record.number}"


def rctab_csv(cast: CastBallots) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RCTab's CSVFormat.DEFAULT
    writer.writerow((*RCTAB_COLUMNS, *(f"Rank {rank}" for rank in range(1, cast.max_rankings + 1))))
    names = cast.ballots.candidates
    uwi = cast.ballots.undeclared_write_in
    for record in cast.records:
        source = cast.sources[record.source] if cast.sources else None
        label = (source.undeclared_write_in_label if source else None) or (names[uwi] if uwi is not None else "")
        cells = []
        ranking = record.as_read or record.ranking  # an overvote's candidates in the source's order
        for rank in range(cast.max_rankings):
            marked = [cast.candidate(c) for c in ranking[rank]] if rank < len(ranking) else ()
            if not marked:
                cells.append("undervote")
                continue
            named = [EXPLICIT_OVERVOTE if c == OVERVOTE else label if c == uwi else names[c] for c in marked]
            cells.append("\n".join(named))
        writer.writerow(
            (
                (source.file_path or str(source.path)) if source else "",
                _provider(source.provider) if source else "",
                record.contest or "",
                ballot_id(cast, record),
                record.tabulator or "",
                record.batch or "",
                record.supplied_id or "",
                record.precinct or "",
                record.portion or "",
                *cells,
            )
        )
    return out.getvalue()


def _provider(provider: str) -> str:
    return {"csv": "genericCsv", "nist_json": "cdf"}.get(provider, provider)  # RCTab's name for it


def trace_csv(cast: CastBallots) -> str:
    if cast.trace is None or cast.result is None:
        raise ValueError("the trace follows the count: count the ballots first")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    rounds = cast.trace.rounds
    with_pass = bool(cast.result.passes)
    headings = [f"round_{r.number}" + (f"_pass_{r.pass_number}" if with_pass else "") for r in rounds]
    writer.writerow(
        ("ballot_id", "source", "precinct", "batch", *headings, "inactive_round", "inactive_reason", "inactive_value")
    )
    for record, group in zip(cast.records, cast.group_of, strict=True):
        trace = cast.trace.groups[group]
        source = str(cast.sources[record.source].path) if cast.sources else cast.ballots.source
        inactive_round: int | str = ""
        reason: str = ""
        value: int | str = ""
        if trace is None:  # ranks no one: never counted
            cells = [""] * len(rounds)
            reason = "ranked_no_one"
        else:
            cells = [_cell(allocation) for allocation in trace.allocations]
            number = trace.inactive_round
            gone = trace.left[-1]
            if number is not None and gone is not None:
                inactive_round, reason, value = rounds[number - 1].number, gone[0], exact(gone[1])
        writer.writerow(
            (
                ballot_id(cast, record),
                source,
                record.precinct or "",
                record.batch or "",
                *cells,
                inactive_round,
                reason,
                value,
            )
        )
    return out.getvalue()


def _cell(allocation: dict[str, Fraction]) -> str:
    """The candidate a ballot counts for with its whole vote; a split vote as JSON of exact values."""
    if not allocation:
        return ""
    if len(allocation) == 1:
        ((name, value),) = allocation.items()
        if value == 1:
            return name
    return json.dumps({name: exact(value) for name, value in allocation.items()}, ensure_ascii=False)
