"""The report document: a header listing the contests, a section per contest, a footer for audit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from electcli import __version__
from electcli.present.html.bars import Bar, bar_chart
from electcli.present.html.markup import esc, figure, percent, votes_text
from electcli.present.html.rounds import rounds_chart, rounds_table, transfers_table
from electcli.present.html.sankey import sankey
from electcli.present.html.style import CSS
from electcli.present.html.units import ranked_units_tables, units_table
from electcli.present.machine import input_records
from electcli.present.records import contest_record
from electcli.tabulate.result import Result, Tallied

# No request of any kind: styles only from the page itself, images only as data.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

# The strip above each verdict (the verdict itself says who and why, in words).
HEADLINES = {
    "winner": "Result",
    "runoff": "Runoff",
    "advance": "Result",
    "tie": "Tie",
    "pass": "Result",
    "fail": "Result",
    "leading": "Not final: the count is incomplete",
}


def summary(record: dict[str, Any]) -> str:
    """The contest's outcome in a few words, for the list of contests."""
    outcome = record["outcome"]
    if outcome == "winner":
        return ("elected: " if record["seats"] > 1 else "winner: ") + ", ".join(record["winners"])
    if outcome in ("runoff", "advance"):
        return "advancing: " + ", ".join(record["advancing"])
    if outcome == "leading":
        return "not final, leading: " + ", ".join(record.get("leaders") or [])
    words = {"pass": "passes", "fail": "fails", "tie": "tie: " + ", ".join(record["tied"])}
    return words.get(outcome, str(outcome))


METHODS = {
    "plurality": "Plurality: the most votes",
    "runoff": "Majority, else a runoff",
    "top": "Top finishers advance",
    "measure": "Ballot measure",
    "irv": "Ranked-choice (instant runoff)",
    "stv": "Ranked-choice (single transferable vote)",
}


def to_html(tallied: Sequence[Tallied], by_unit: bool = False) -> str:
    """The whole document. The same inputs always give the same bytes (nothing reads the clock)."""
    contests: list[tuple[dict[str, Any], Result]] = [
        (contest_record(race, result, by_unit), result) for race, results in tallied for result in results
    ]
    elections = list(dict.fromkeys(record["election"] for record, _ in contests if record["election"]))
    title = "Election results" + (f": {'; '.join(elections)}" if elections else "")
    links = "".join(
        f'<li><a href="#contest-{n}">{esc(record["name"])}</a> <span class="muted">— {esc(summary(record))}</span></li>'
        for n, (record, _) in enumerate(contests, 1)
    )
    sections = "".join(
        contest_section(record, result, f"contest-{n}") for n, (record, result) in enumerate(contests, 1)
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{CSS}</style></head>\n<body><header><h1>{esc(title)}</h1>"
        f'<p class="muted">{len(contests)} contest{"s" if len(contests) != 1 else ""}, '
        f"counted by electcli {esc(__version__)}.</p>"
        f'<nav aria-label="Contests"><ol>{links}</ol></nav></header>\n<main>{sections}</main>\n'
        f"{footer(tallied)}</body></html>\n"
    )


def contest_section(record: dict[str, Any], result: Result, key: str) -> str:
    name = record["name"]
    meta = [record["election"], record["jurisdiction"], record["election_date"]]
    method = METHODS.get(record["method"], record["method"])
    seats = f", {record['seats']} seats" if record["seats"] != 1 else ""
    parts = [
        f'<section class="contest" id="{key}" aria-labelledby="{key}-name"><h2 id="{key}-name">{esc(name)}</h2>',
        f'<p class="meta">{" · ".join(f"<span>{esc(m)}</span>" for m in meta if m)}<br>{esc(method)}{seats}'
        + (f" · threshold {esc(record['threshold'])}" if record["threshold"] else "")
        + "</p>",
        verdict_block(record),
    ]
    names = [c["name"] for c in record["candidates"]]
    if record.get("rounds"):
        parts.append(final_round_bars(record, names))
    else:
        parts.append(share_bars(record, result))
    parts.append(margins_list(record))
    parts.append(candidates_table(record))
    rounds = record.get("rounds")
    if rounds:
        parts.append("<h3>Round by round</h3>")
        parts.append(f'<div class="chart">{rounds_chart(rounds, names, key)}</div>')
        parts.append(rounds_table(rounds, names, name))
        if len(rounds) > 1:
            parts.append("<h3>Transfers between rounds</h3>")
            parts.append(f'<div class="chart">{sankey(rounds, names, key)}</div>')
        parts.append(transfers_table(rounds, names, name))
    if record.get("units") is not None:
        parts.append(ranked_units_tables(record) if rounds else units_table(record))
    parts.append(notes(record))
    parts.append("</section>\n")
    return "".join(parts)


def verdict_block(record: dict[str, Any]) -> str:
    """The verdict in words; an incomplete count's says who leads and how much is in, never "wins"."""
    outcome = record["outcome"]
    return (
        f'<p class="verdict verdict-{esc(outcome)}"><strong>{esc(HEADLINES.get(outcome, outcome))}</strong>'
        f"{esc(record['verdict'])}</p>"
    )


def share_bars(record: dict[str, Any], result: Result) -> str:
    bars = [
        Bar(c["name"], c["party"], figure(c["votes"]), c["share"], c["status"], index)
        for index, c in enumerate(record["candidates"])
    ]
    rule = result.contest.rule.threshold
    threshold = float(rule.share) if rule is not None else None
    text = None
    if rule is not None:
        needed = rule.votes_needed(record["total_votes"]) if record["total_votes"] else None
        text = f"Threshold {rule.text}" + (f": {needed:,} of {record['total_votes']:,} votes" if needed else "")
    return bar_chart(bars, f"Share of {record['total_votes']:,} votes", threshold, text)


def final_round_bars(record: dict[str, Any], names: Sequence[str]) -> str:
    """A ranked contest's last round: the continuing votes and the threshold to win."""
    last = record["rounds"][-1]
    active = figure(last["active"])
    bars = []
    for index, c in enumerate(record["candidates"]):
        if c["name"] in last["tally"]:
            votes = figure(last["tally"][c["name"]])
            bars.append(Bar(c["name"], c["party"], votes, float(votes / active) if active else 0.0, c["status"], index))
    threshold = figure(last["threshold"])
    share = float(threshold / active) if active else None
    caption = f"Round {last['round']}, the last: share of {votes_text(active)} continuing votes"
    return bar_chart(bars, caption, share, f"Threshold: {votes_text(threshold)} votes")


def margins_list(record: dict[str, Any]) -> str:
    margins = record["margins"]
    items = []
    for key, label in (("lead", "Lead over the runner-up"), ("cutoff", "Margin at the cutoff")):
        margin = margins.get(key)
        if margin is not None:
            items.append((label, f"{votes_text(margin['votes'])} votes ({margin['points']:.2f} points)"))
    if margins.get("short_of_threshold") is not None:
        items.append(("Short of the threshold", f"{margins['short_of_threshold']:,} votes"))
    if margins.get("to_spare") is not None:
        items.append(("Above the threshold", f"{margins['to_spare']:,} votes to spare"))
    if not items:
        return ""
    rows = "".join(f"<dt>{esc(label)}</dt><dd>{esc(text)}</dd>" for label, text in items)
    return f'<h3>Margins</h3><dl class="margins">{rows}</dl>'


def candidates_table(record: dict[str, Any]) -> str:
    ranked = bool(record.get("rounds"))
    head = '<th scope="col" class="num">Rank</th><th scope="col">Candidate</th><th scope="col">Party</th>'
    head += '<th scope="col" class="num">Votes</th>'
    head += (
        '<th scope="col" class="num">In round</th><th scope="col" class="num">Share of continuing</th>'
        if ranked
        else '<th scope="col" class="num">Share</th>'
    )
    head += '<th scope="col">Status</th>'
    rows = []
    for c in record["candidates"]:
        share = (
            f'<td class="num">{c["round"] or "—"}</td><td class="num">{percent(c["round_share"])}</td>'
            if ranked
            else f'<td class="num">{percent(c["share"])}</td>'
        )
        rows.append(
            f'<tr><td class="num">{c["rank"]}</td><th scope="row">{esc(c["name"])}</th><td>{esc(c["party"] or "")}</td>'
            f'<td class="num">{votes_text(figure(c["votes"]))}</td>{share}<td>{esc(c["status"] or "")}</td></tr>'
        )
    after = 4 if ranked else 2  # the cells right of the votes
    total = (
        f'<tfoot><tr class="summary"><th scope="row" colspan="3">Total votes</th>'
        f'<td class="num">{record["total_votes"]:,}</td>{"<td></td>" * after}</tr></tfoot>'
    )
    return (
        f'<div class="scroll"><table><caption>{esc(record["name"])}: results</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody>{total}</table></div>"
    )


def notes(record: dict[str, Any]) -> str:
    items = []
    for gap in record["reconciliation"]:
        items.append(f"Reconciliation: {gap['check']}: expected {gap['expected']:,}, counted {gap['actual']:,}")
    if record["decided_by_lot"]:
        items.append("A tie was decided by lot.")
    if record["recount"]:
        items.append(f"Within the recount margin ({record['recount_rule']}).")
    if record["write_ins"]:
        items.append(f"Write-ins: {record['write_ins']:,} votes.")
    preset = record["rule"]["preset"]
    if preset:  # the law the rule comes from, and what a tally cannot know of it
        items.append(f"Rule: {preset['name']}, {preset['title']} ({preset['citation']}; checked {preset['as_of']}).")
        items += [f"Note: {note}" for note in preset["notes"]]
    items.append(f"From {record['file']}.")
    return '<ul class="notes">' + "".join(f"<li>{esc(item)}</li>" for item in items) + "</ul>"


def footer(tallied: Sequence[Tallied]) -> str:
    rows = "".join(
        f"<tr><td>{esc(entry['file'])}</td><td><code>{esc(entry['sha256'])}</code></td></tr>"
        for entry in input_records(tallied)
    )
    return (
        f"<footer><p>Made by electcli {esc(__version__)}. The inputs and their SHA-256, as the JSON output's "
        f'<code>inputs</code> lists them:</p><div class="scroll"><table class="inputs"><thead><tr><th scope="col">File</th>'
        f'<th scope="col">SHA-256</th></tr></thead><tbody>{rows}</tbody></table></div></footer>'
    )
