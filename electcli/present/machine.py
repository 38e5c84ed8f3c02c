"""JSON and CSV output for scripts and pipelines."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence

from electcli.model import RaceFile
from electcli.present.records import contest_record
from electcli.tabulate.result import Result

CSV_COLUMNS = ("contest", "rank", "candidate", "party", "votes", "share", "status", "outcome", "file")

Tallied = Sequence[tuple[RaceFile, Sequence[Result]]]


def to_json(tallied: Tallied) -> str:
    contests = [contest_record(race, result) for race, results in tallied for result in results]
    return json.dumps({"contests": contests}, indent=2, ensure_ascii=False) + "\n"


def to_csv(tallied: Tallied) -> str:
    import csv  # only when CSV is asked for

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for race, results in tallied:
        for result in results:
            for standing in result.standings:
                candidate = standing.candidate
                writer.writerow(
                    (
                        result.contest.name,
                        standing.rank,
                        candidate.name,
                        candidate.party or "",
                        candidate.votes,
                        repr(float(standing.share)),
                        standing.status or "",
                        result.outcome,
                        race.path,
                    )
                )
    return out.getvalue()
