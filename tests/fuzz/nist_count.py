"""An independent reading of NIST SP 1500-100 results reports (JSON), for the fuzzer.

What it reads (electcli/readers/nist/report.py's docstring states the format's rules): for each
contest, each selection's ``VoteCounts`` of ``Type`` "total" (without ``Round`` or ``DeviceClass``);
the count for the contest's ``ElectionDistrictId`` is the selection's total, counts for other
GpUnits are counts by unit, of which the finest level (units composing no other counted unit)
adds up to the total. A count is a whole number, 0 or more (``12.0`` is 12). Anonymous write-ins
are an ``IsWriteIn`` selection without candidates. Anything that would make the figures depend on
a choice (a count given twice, a total that disagrees with its units, a county that disagrees with
its precincts) makes the report undecidable.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.fuzz.cvr_count import field, strict_json
from tests.fuzz.harness import Undecidable

CONTESTS = (
    "ElectionResults.CandidateContest",
    "ElectionResults.BallotMeasureContest",
    "ElectionResults.RetentionContest",
)


def count(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0 or value != int(value):
        raise Undecidable(f"{what}: {value!r:.40} is not a count")
    if isinstance(value, float) and value > 2**53:
        raise Undecidable(f"{what}: {value!r:.40} is not a count that can be exact")
    return int(value)


def report(path: Path) -> list[tuple[list[int], int, int]]:
    """Each contest as (its candidates' votes, sorted; write-ins; total votes), the contests sorted."""
    return report_document(strict_json(path))


def report_document(document: Any) -> list[tuple[list[int], int, int]]:
    units = {field(unit, "@id", str): unit for unit in field(document, "GpUnit", list)}
    found = []
    for election in field(document, "Election", list):
        for contest in field(election, "Contest", list):
            kind = field(contest, "@type", str)
            if kind not in CONTESTS:
                raise Undecidable(f"a contest of type {kind!r:.40}")
            found.append(read_contest(contest, units))
    return sorted(found)


def read_contest(contest: dict[str, Any], units: dict[str, Any]) -> tuple[list[int], int, int]:
    district = contest.get("ElectionDistrictId")
    selections = field(contest, "ContestSelection", list)
    totals: list[int | None] = []
    by_unit: list[dict[str, int]] = []
    anonymous: list[bool] = []
    for selection in selections:
        anonymous.append(selection.get("IsWriteIn") is True and not selection.get("CandidateIds"))
        total, counts = None, {}
        for entry in selection.get("VoteCounts", []):
            if field(entry, "Type", str) != "total" or "Round" in entry or "DeviceClass" in entry:
                continue
            unit = field(entry, "GpUnitId", str)
            if unit not in units:
                raise Undecidable(f"GpUnit {unit!r:.40} is not in the report")
            votes = count(entry.get("Count"), "a count")
            if unit == district:
                if total is not None:
                    raise Undecidable("two totals for the district")
                total = votes
            elif unit in counts:
                raise Undecidable(f"two counts for {unit!r}")
            else:
                counts[unit] = votes
        totals.append(total)
        by_unit.append(counts)
    counted = set().union(*by_unit) if by_unit else set()
    below = {unit: descendants(unit, units) for unit in counted}
    finest = {unit for unit in counted if not below[unit] & counted}
    votes: list[int] = []
    for total, counts in zip(totals, by_unit, strict=True):
        kept = [n for unit, n in counts.items() if unit in finest]
        for unit, n in counts.items():
            if unit not in finest and n != sum(counts.get(part, 0) for part in below[unit] & finest):
                raise Undecidable(f"{unit!r} counts {n}, its units add up to another figure")
        if not finest or (not kept and total is not None):
            if total is None:
                raise Undecidable("a selection with no count")
            votes.append(total)
            continue
        if not kept and total is None:
            raise Undecidable("a selection with no count")
        if total is not None and total != sum(kept):
            raise Undecidable(f"total {total} but the units add up to {sum(kept)}")
        votes.append(sum(kept))
    write_ins = sum(n for n, anon in zip(votes, anonymous, strict=True) if anon)
    candidates = sorted(n for n, anon in zip(votes, anonymous, strict=True) if not anon)
    if not any(anonymous):
        write_ins = other_write_ins(contest, district)
    return candidates, write_ins, sum(candidates) + write_ins


def other_write_ins(contest: dict[str, Any], district: Any) -> int:
    entries = [entry for entry in contest.get("OtherCounts", []) if entry.get("GpUnitId") == district]
    if len(entries) > 1:
        raise Undecidable("OtherCounts twice for the district")
    if entries and "WriteIns" in entries[0]:
        return count(entries[0]["WriteIns"], "WriteIns")
    return 0


def descendants(unit: str, units: dict[str, Any]) -> set[str]:
    found: set[str] = set()
    todo = [unit]
    while todo:
        for part in units.get(todo.pop(), {}).get("ComposingGpUnitIds", []) or []:
            if not isinstance(part, str):
                raise Undecidable("a composing unit id that is not text")
            if part not in found:
                found.add(part)
                todo.append(part)
    return found


def electcli_read(output: dict[str, Any]) -> list[tuple[list[int], int, int]]:
    return sorted(
        (sorted(c["votes"] for c in contest["candidates"]), contest["write_ins"], contest["total_votes"])
        for contest in output["contests"]
    )
