"""Rich tables for people. The only module that imports rich, and only when a table is drawn.

Markup, emoji and highlighting are off: a candidate named ``[Green]`` prints as ``[Green]``.
Rich itself drops colour when NO_COLOR is set or stdout is not a terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from electcli.model import RaceFile
from electcli.present.verdict import verdict
from electcli.present.words import n_votes, percent, points, votes
from electcli.tabulate.result import ADVANCES, DEFEATED, ELECTED, TIED, Result, share_of

# A table for people: past this many candidates the rest are summarised in a line (laying out a
# Rich table costs about a millisecond a row, and no one reads row 5,000 in a terminal).
MAX_ROWS = 200

STATUS_STYLE = {ELECTED: "bold green", ADVANCES: "bold cyan", TIED: "bold yellow", DEFEATED: "dim"}


def make_console(file: IO[str] | None = None) -> Console:
    return Console(file=file, markup=False, emoji=False, highlight=False)


def render(tallied: Sequence[tuple[RaceFile, Sequence[Result]]], console: Console, by_unit: bool = False) -> None:
    first = True
    for race, results in tallied:
        for result in results:
            if not first:
                console.print()
            first = False
            _contest(console, race, result)
            if by_unit and result.ranked is not None:
                from electcli.present.ranked_slices_table import render_ranked_slices

                render_ranked_slices(console, result)
            elif by_unit:
                _units(console, result)


def _units(console: Console, result: Result) -> None:
    """The breakdown by reporting unit, largest units first, with the contest's totals below."""
    from electcli.tabulate.units import unit_rows

    contest = result.contest
    rows = unit_rows(contest)
    if not rows:
        console.print(Text("(no results by reporting unit in this contest)", style="dim"))
        return
    label = (contest.results.by if contest.results and contest.results.by else "unit").capitalize()
    console.print()
    table = Table(
        box=box.SIMPLE_HEAD,
        show_footer=True,
        pad_edge=False,
        title=Text(f"{contest.name} by {label.lower()}"),
        title_justify="left",
    )
    table.add_column(label, footer=Text("Total"))
    table.add_column("Votes", justify="right", footer=Text(votes(result.total_votes)), no_wrap=True)
    order = [standing.candidate.name for standing in result.standings]  # finishing order
    for standing in result.standings:
        table.add_column(
            Text(standing.candidate.name),
            justify="right",
            footer=Text(f"{votes(standing.candidate.votes)} {percent(standing.share)}"),
        )
    if contest.write_ins:
        table.add_column("Write-ins", justify="right", footer=Text(votes(contest.write_ins)))
    table.add_column(
        "Leader",
        footer=Text(result.standings[0].candidate.name if result.lead is None or result.lead.votes else "tied"),
    )
    table.add_column(
        "Margin",
        justify="right",
        footer=Text(f"{votes(result.lead.votes)} {points(result.lead.points)} pts" if result.lead else ""),
    )
    ordered = sorted(rows, key=lambda row: -row.total_votes)
    for row in ordered[:MAX_ROWS] if len(ordered) > MAX_ROWS + 10 else ordered:
        cells = [Text(row.name), Text(votes(row.total_votes))]
        counts = dict(row.votes)
        cells += [Text(f"{votes(counts[name])} {percent(row.share(counts[name]))}") for name in order]
        if contest.write_ins:
            cells.append(Text(votes(row.write_ins)))
        leader = (
            row.leaders[0] if len(row.leaders) == 1 else (f"tied ({len(row.leaders)})" if row.leaders else "no votes")
        )
        cells += [Text(leader), Text(f"{votes(row.margin)} {points(row.margin_share * 100)} pts")]
        table.add_row(*cells)
    console.print(table)
    if len(ordered) > MAX_ROWS + 10:
        console.print(
            Text(
                f"... the {MAX_ROWS} largest of {len(ordered):,} units shown: --by-unit --format json or csv lists them all",
                style="italic",
            )
        )


def _preset_lines(console: Console, name: str) -> None:
    from electcli.presets import PRESETS

    preset = PRESETS[name]
    console.print(Text(f"Preset: {preset.name}, {preset.title} ({preset.citation}; checked {preset.as_of})"))
    for note in preset.notes:
        console.print(Text(f"  Note: {note}", style="dim"))


def _rule_words(result: Result) -> str:
    rule = result.contest.rule
    parts = [rule.method]
    if rule.threshold is not None:
        parts.append(rule.threshold.text)
    if rule.advance:
        parts.append(f"top {rule.advance} advance")
    if result.contest.seats > 1:
        parts.append(f"{result.contest.seats} seats")
    if result.contest.recount is not None:
        parts.append(f"recount at {result.contest.recount.text}: {'applies' if result.recount else 'does not apply'}")
    return f"{parts[0]} ({', '.join(parts[1:])})" if len(parts) > 1 else parts[0]


def _contest(console: Console, race: RaceFile, result: Result) -> None:
    if result.ranked is not None:  # one column per round (ranked-choice.md)
        from electcli.present.ranked_table import render_ranked

        render_ranked(console, race, result)
        return
    contest = result.contest
    threshold = contest.rule.threshold
    heading = Text(contest.name, style="bold")
    if race.election.name:
        heading.append(f" · {race.election.name}")
    console.print(heading)
    table = Table(box=box.SIMPLE_HEAD, show_footer=True, pad_edge=False)
    table.add_column("#", justify="right", footer="")
    table.add_column("Choice" if contest.is_measure else "Candidate", footer=Text("Total"))
    if not contest.is_measure:
        table.add_column("Party", footer="")
    table.add_column("Votes", justify="right", footer=Text(votes(result.total_votes)))
    table.add_column("Share", justify="right", footer=Text("100.00%" if result.total_votes else "0.00%"))
    if not contest.is_measure:
        table.add_column("Status", footer="")
    shown = result.standings[:MAX_ROWS] if len(result.standings) > MAX_ROWS + 10 else result.standings
    for standing in shown:
        candidate = standing.candidate
        name = Text(candidate.name)
        if candidate.write_in:
            name.append(" (write-in)", style="italic")
        row = [Text(str(standing.rank)), name]
        if not contest.is_measure:
            row.append(Text(candidate.party or ""))
        row += [Text(votes(candidate.votes)), Text(percent(standing.share, threshold))]
        if not contest.is_measure:
            row.append(Text(standing.status or "", style=STATUS_STYLE.get(standing.status or "", "")))
        table.add_row(*row)
    if contest.write_ins:
        row = [Text(""), Text("Write-ins (unnamed)", style="italic")]
        if not contest.is_measure:
            row.append(Text(""))
        row += [Text(votes(contest.write_ins)), Text(percent(share_of(contest.write_ins, result.total_votes)))]
        if not contest.is_measure:
            row.append(Text(""))
        table.add_row(*row)
    console.print(table)
    if len(shown) < len(result.standings):
        hidden = len(result.standings) - len(shown)
        console.print(
            Text(
                f"... and {hidden:,} more candidates, not shown here: --format json or csv lists them all",
                style="italic",
            )
        )
    console.print(Text(f"Rule: {_rule_words(result)}"))
    if contest.rule.preset:
        _preset_lines(console, contest.rule.preset)
    margins = _margin_words(result)
    if margins:
        console.print(Text(f"Margins: {margins}"))
    for gap in result.gaps:
        console.print(Text(f"Does not reconcile: {gap.detail} (a gap of {gap.gap:+,})", style="bold yellow"))
    console.print(Text(verdict(result), style="bold"))


def _margin_words(result: Result) -> str:
    parts = []
    if result.lead is not None:
        parts.append(f"lead {n_votes(result.lead.votes)} ({points(result.lead.points)} pts)")
    if result.cutoff is not None and result.line_after > 1:  # with one place the cutoff is the lead
        parts.append(f"cutoff {n_votes(result.cutoff.votes)} ({points(result.cutoff.points)} pts)")
    threshold = result.contest.rule.threshold
    if result.short_of_threshold and threshold is not None:
        parts.append(f"{n_votes(result.short_of_threshold)} short of {threshold.text}")
    if result.to_spare is not None and threshold is not None:
        parts.append(f"{n_votes(result.to_spare)} to spare over {threshold.text}")
    return " · ".join(parts)


def render_presets(console: Console, names: Sequence[str], detail: bool) -> None:
    """``electcli rules``: a summary table, or every detail of the presets named."""
    from electcli.presets import PRESETS

    if not detail:
        # Two lines a preset rather than a table: readable at any width, names never cut.
        width = max(len(name) for name in names) + 2
        for name in names:
            preset = PRESETS[name]
            rule = (
                preset.method
                + (f" {preset.threshold}" if preset.threshold else "")
                + (f", top {preset.advance}" if preset.advance else "")
            )
            console.print(
                Text(f"{preset.name:<{width}}", style="bold")
                + Text(f"{preset.title}: {rule}; recount {preset.recount or 'none'}")
            )
            console.print(Text(" " * width + f"{preset.citation} (checked {preset.as_of})", style="dim"))
        console.print(Text("Details, with the notes on what a tally cannot know: electcli rules NAME", style="dim"))
        return
    for index, name in enumerate(names):
        preset = PRESETS[name]
        if index:
            console.print()
        console.print(Text(f"{preset.name}: {preset.title}", style="bold"))
        rule = preset.method + (
            f" ({preset.threshold}" + (f", top {preset.advance} advance)" if preset.advance else ")")
            if preset.threshold
            else (f" (top {preset.advance})" if preset.advance else "")
        )
        for label, value in (
            ("Rule", rule),
            ("Recount", preset.recount or "none tied to the margin"),
            ("Citation", preset.citation),
            ("Source", preset.source_url),
            ("Checked", preset.as_of),
        ):
            console.print(Text(f"{label}: {value}"))
        if preset.quote:
            console.print(Text(f"Statute: \u201c{preset.quote}\u201d", style="italic"))
        for note in preset.notes:
            console.print(Text(f"- {note}"))


def render_contest_keys(console: Console, file: str, keys: Sequence[Any]) -> None:
    """``electcli contests``: the contests of an OpenElections file, and how to tally one."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for column, justify in (
        ("Office", "left"),
        ("District", "left"),
        ("Party", "left"),
        ("Rows", "right"),
        ("Candidates", "right"),
    ):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for key in keys:
        table.add_row(
            Text(key.office),
            Text(key.district or ""),
            Text(key.party or ""),
            Text(votes(key.rows)),
            Text(str(key.candidates)),
        )
    console.print(table)
    console.print(
        Text(
            f'Tally one: electcli tally {file} --office "OFFICE" [--district D] [--party P] [--rule runoff]',
            style="dim",
        )
    )
