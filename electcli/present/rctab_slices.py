"""RCTab's per-slice reports (``--format rctab --slices-to DIR``): one detailed summary JSON per
precinct or batch, as RCTab writes them when a configuration sets ``tabulateByPrecinct`` or
``tabulateByBatch`` (OutputWriter.generateBySliceResultsFiles).

Each report is the contest's report (electcli.present.rctab) for the slice's ballots alone: the
contest's thresholds and decisions, the slice's tallies, transfers, inactive ballots and ballot
totals, and ``config.precinct`` (or ``config.batch``) naming the slice. Files go where RCTab puts
them: ``Tabulate by Precinct/<contest>_<slice>_precinct_detailed_report.json``, the names made
safe for a file system as RCTab makes them (every character but letters, digits, ``_``, ``-``
and ``.`` becomes ``_``; a name that collides gets ``_1``, ``_2``...). Beside each JSON report
is RCTab's detailed CSV report of the slice (electcli.present.rctab_csv; not for the passes of a
multi-pass count).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from electcli.model import RaceFile
from electcli.present.rctab import jackson, report
from electcli.present.rctab_csv import csv_report
from electcli.present.rctab_names import safe_name
from electcli.ranked.slices import slice_results
from electcli.tabulate.result import Result

Tallied = Sequence[tuple[RaceFile, Sequence[Result]]]


def slice_reports(tallied: Tallied) -> list[tuple[str, str]]:
    """(path relative to the folder, JSON text) for every slice of every ranked-choice contest
    whose ballots say where they are from; [] when none do."""
    files: list[tuple[str, str]] = []
    taken: dict[str, str] = {}  # slice id -> its file-name part (one per id, as RCTab keeps them)
    used: set[str] = set()
    for race, results in tallied:
        for result in results:
            contest = result.contest
            ranked = result.ranked
            if ranked is None or contest.ballots is None or contest.ranked is None:
                continue
            for kind, by_id in slice_results(contest.ballots, contest.ranked, ranked).items():
                for slice_id, part in by_id.items():
                    if slice_id not in taken:
                        name = base = safe_name(slice_id)
                        number = 1
                        while name in used:
                            name = f"{base}_{number}"
                            number += 1
                        used.add(name)
                        taken[slice_id] = name
                    documents = [
                        report(race, result, piece, (kind, slice_id), one_pass=bool(part.passes))
                        for piece in part.passes or (part,)
                    ]
                    content: Any = documents[0] if len(documents) == 1 else documents
                    path = (
                        f"Tabulate by {kind.capitalize()}/"
                        f"{safe_name(contest.name)}_{taken[slice_id]}_{kind}_detailed_report"
                    )
                    files.append((path + ".json", jackson(content) + "\n"))
                    if not part.passes:  # a multi-pass count's passes: JSON only
                        files.append((path + ".csv", csv_report(race, result, part, ranked, (kind, slice_id))))
    return files
