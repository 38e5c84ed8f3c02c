"""``--by-unit``: the breakdown by reporting unit, as tables.

A vote-count contest's units (present/records.py, ``unit_records``) each have their candidates'
votes; a ranked-choice contest's units are precincts or batches (``slice_records``), each with
rounds in the contest's shape, shown here by their first and last rounds.
"""

from __future__ import annotations

from typing import Any

from electcli.present.html.markup import esc, figure, percent, votes_text
from electcli.present.html.rounds import inactive_total


def units_table(record: dict[str, Any]) -> str:
    units = record["units"]
    names = [c["name"] for c in record["candidates"]]
    by = record.get("units_by") or "unit"
    with_reporting = any(unit.get("reporting") for unit in units)
    head = "".join(f'<th scope="col" class="num">{esc(name)}</th>' for name in names)
    rows = []
    for unit in units:
        votes = {c["name"]: c for c in unit["candidates"]}
        cells = "".join(
            f'<td class="num">{votes[n]["votes"]:,} ({percent(votes[n]["share"])})</td>'
            if n in votes
            else '<td class="num">—</td>'
            for n in names
        )
        leader = unit["leader"] or ("tie: " + ", ".join(unit["tied_leaders"]) if unit["tied_leaders"] else "—")
        if not unit["total_votes"]:
            leader = "no votes counted"
        status = ""
        if with_reporting:
            reporting = unit.get("reporting")
            words = "—" if reporting is None else "complete" if reporting["complete"] else "partial"
            status = f"<td>{words}</td>"
        rows.append(
            f'<tr><th scope="row">{esc(unit["name"])}</th>{cells}<td class="num">{unit["total_votes"]:,}</td>'
            f"<td>{esc(leader)}</td>{status}</tr>"
        )
    return (
        f'<h3>By {esc(by)}</h3><div class="scroll"><table><caption>{esc(record["name"])}: by {esc(by)}</caption>'
        f'<thead><tr><th scope="col">{esc(by.capitalize())}</th>{head}<th scope="col" class="num">Total</th>'
        f'<th scope="col">Leader</th>{"<th scope=col>Reporting</th>" if with_reporting else ""}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )


def ranked_units_tables(record: dict[str, Any]) -> str:
    """A table per kind of unit (precinct, batch): each unit's ballots, every finalist's votes in
    the first round and the last, and its inactive ballots in the last."""
    finalists = list(record["rounds"][-1]["tally"])
    kinds = list(dict.fromkeys(unit["by"] for unit in record["units"]))
    head = "".join(f'<th scope="col" class="num">{esc(name)}<br>first → last round</th>' for name in finalists)
    parts = []
    for kind in kinds:
        rows = []
        for unit in (u for u in record["units"] if u["by"] == kind):
            first, last = unit["rounds"][0], unit["rounds"][-1]
            cells = "".join(
                f'<td class="num">{votes_text(figure(first["tally"].get(name, 0)))} → '
                f"{votes_text(figure(last['tally'].get(name, 0)))}</td>"
                for name in finalists
            )
            rows.append(
                f'<tr><th scope="row">{esc(unit["name"])}</th><td class="num">{unit["ballots"]["counted"]:,}</td>'
                f'{cells}<td class="num">{votes_text(inactive_total(last))}</td></tr>'
            )
        parts.append(
            f'<h3>By {esc(kind)}</h3><div class="scroll"><table><caption>{esc(record["name"])}: by {esc(kind)}</caption>'
            f'<thead><tr><th scope="col">{esc(kind.capitalize())}</th><th scope="col" class="num">Ballots</th>{head}'
            f'<th scope="col" class="num">Inactive at the end</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
        )
    return "".join(parts)
