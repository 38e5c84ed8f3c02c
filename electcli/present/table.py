"""Tables for people, at any terminal width from 40 columns up.

A figure (a vote count, a share, a status) is never cut short: a table that does not fit first
drops its share bars, then wraps names, and at last switches to a stacked layout, one candidate
a few lines (grid.py lays out columns; terminal.py owns the console and writes the lines).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from rich.console import Console

from electcli.model import RaceFile, Threshold
from electcli.present.cells import name_text, wrap
from electcli.present.grid import Cell, Column, Line, draw, fit, lay_out
from electcli.present.terminal import Glyphs, bar, emit, glyphs, make_console, marker_at, paragraph
from electcli.present.verdict import verdict
from electcli.present.words import n_votes, percent, points, threshold_words, votes
from electcli.tabulate.result import ADVANCES, DEFEATED, ELECTED, LEADING, PASS, TIED, TRAILING, Result, share_of

__all__ = ["make_console", "render", "render_contest_keys", "render_presets"]

# A table for people: past this many candidates the rest are summarised in a line (no one reads
# row 5,000 in a terminal; JSON and CSV list them all).
MAX_ROWS = 200

STATUS_STYLE = {
    ELECTED: "bold green",
    ADVANCES: "bold cyan",
    TIED: "bold yellow",
    DEFEATED: "dim",
    LEADING: "bold magenta",  # an incomplete count: nobody is called
    TRAILING: "dim",
}
BAR_STYLE = {ELECTED: "green", ADVANCES: "cyan", TIED: "yellow", DEFEATED: "dim", LEADING: "magenta", TRAILING: "dim"}
THROUGH = (ELECTED, ADVANCES, LEADING)  # rows that stand out
BARS = (10, 30)  # a share bar's narrowest and widest, in cells


def render(
    tallied: Sequence[tuple[RaceFile, Sequence[Result]]],
    console: Console,
    by_unit: bool = False,
    vote_types: bool = False,
) -> None:
    first = True
    for race, results in tallied:
        for result in results:
            lines: list[Line] = [] if first else [[]]
            first = False
            if result.ranked is not None:  # one column per round (ranked-choice.md)
                from electcli.present.ranked_table import ranked_lines

                lines += ranked_lines(race, result, console.width, glyphs(console))
            else:
                lines += contest_lines(race, result, console.width, glyphs(console))
            if vote_types:
                from electcli.present.vote_type_table import vote_type_lines

                lines += vote_type_lines(result, console.width, glyphs(console))
            if by_unit and result.ranked is not None:  # by precinct and batch, round by round
                from electcli.present.ranked_slices_table import ranked_slice_lines

                lines += ranked_slice_lines(result, console.width, glyphs(console))
            elif by_unit:
                from electcli.present.unit_table import unit_lines

                lines += unit_lines(result, console.width, glyphs(console))
            emit(console, lines)


def heading(race: RaceFile, name: str, width: int, marks: Glyphs) -> list[Line]:
    text = name_text(name) + (marks.dot + name_text(race.election.name) if race.election.name else "")
    return paragraph(text, width, "bold")


def contest_lines(race: RaceFile, result: Result, width: int, marks: Glyphs) -> list[Line]:
    """A plurality, runoff, top-N or measure contest: its table, rule, margins and verdict."""
    contest = result.contest
    lines = heading(race, contest.name, width, marks)
    lines += _standings(result, width, marks)
    lines += paragraph(f"Rule: {_rule_words(result)}", width)
    if contest.rule.preset:
        lines += preset_lines(contest.rule.preset, width)
    margins = _measure_words(result) if contest.is_measure else _margin_words(result, marks)
    if margins:
        lines += paragraph(margins, width)
    for gap in result.gaps:
        lines += paragraph(f"Does not reconcile: {gap.detail} (a gap of {gap.gap:+,})", width, "bold yellow")
    lines += paragraph(verdict(result), width, "bold")
    return lines


class _Row:
    """One line of the standings, every figure already in words."""

    __slots__ = ("bar_style", "name", "name_style", "party", "rank", "share", "share_text", "status", "style", "votes")

    def __init__(self, rank: str, name: str, party: str, count: int, share: Fraction, share_text: str) -> None:
        self.rank, self.name, self.party = rank, name, party
        self.votes, self.share, self.share_text = votes(count), share, share_text
        self.status, self.style, self.bar_style, self.name_style = "", "", "", ""


def _rows(result: Result) -> tuple[list[_Row], list[_Row]]:
    """The candidates (at most MAX_ROWS) and unnamed write-ins, and the total."""
    contest = result.contest
    threshold = contest.rule.threshold
    shown = result.standings[:MAX_ROWS] if len(result.standings) > MAX_ROWS + 10 else result.standings
    rows = []
    for standing in shown:
        candidate = standing.candidate
        name = name_text(candidate.name) + (" (write-in)" if candidate.write_in else "")
        row = _Row(
            "" if contest.is_measure else str(standing.rank),
            name,
            name_text(candidate.party or ""),
            candidate.votes,
            standing.share,
            percent(standing.share, threshold),
        )
        if contest.is_measure:
            if candidate.name == "Yes":
                passed = result.outcome == PASS
                row.style, row.bar_style = ("bold", "green") if passed else ("", "red")
        else:
            row.status = standing.status or ""
            row.style = "bold" if row.status in THROUGH else ""
            row.bar_style = BAR_STYLE.get(row.status, "")
        rows.append(row)
    if contest.write_ins:
        share = share_of(contest.write_ins, result.total_votes)
        unnamed = _Row("", "Write-ins (unnamed)", "", contest.write_ins, share, percent(share))
        unnamed.name_style = "italic"
        rows.append(unnamed)
    total = _Row("", "Total", "", result.total_votes, Fraction(0), "100.00%" if result.total_votes else "0.00%")
    return rows, [total]


def _bar_cell(row: _Row, width: int, threshold: Threshold | None, marks: Glyphs) -> Cell:
    """A share bar ``width`` cells wide, with the threshold marked where the bar does not reach."""
    drawn = bar(row.share, width, marks, threshold)
    pieces = [(drawn, row.bar_style)]
    if threshold is not None:
        at = marker_at(threshold.share, width)
        if at >= len(drawn):
            pieces += [(" " * (at - len(drawn)), ""), (marks.marker, "yellow")]
    return Cell("".join(text for text, _ in pieces), pieces=tuple(pieces))


def _bar_header(width: int, threshold: Threshold | None) -> str:
    """Over the bars: the threshold, starting at its mark (or ending at the bar's end)."""
    if threshold is None:
        return ""
    label = threshold.text
    at = min(marker_at(threshold.share, width), max(0, width - len(label)))
    return " " * at + label


def _standings(result: Result, width: int, marks: Glyphs) -> list[Line]:
    """The standings, in the widest layout that fits: share bars if there is room, the party
    beside the name if need be, and one candidate a few lines when no columns fit."""
    contest = result.contest
    rows, footer = _rows(result)
    has_party = any(row.party for row in rows)
    threshold = contest.rule.threshold
    name_at = 0 if contest.is_measure else 1
    lines: list[Line] = []
    for with_bars in (True, False):
        for gap, squeeze, party_apart in ((2, 14, True), (1, 12, True), (1, 10, False)):
            if not has_party and not party_apart:
                continue
            columns, cells, feet = _columns(contest.is_measure, rows, footer, has_party and party_apart, squeeze)
            if with_bars:
                columns.append(Column("", flex=BARS))
                cells = [[*c, Cell("")] for c in cells]
                feet = [[*c, Cell("")] for c in feet]
            widths = fit(columns, [*cells, *feet], width, gap)
            if widths is None or (with_bars and not widths[-1]) or _too_tall(cells, widths, name_at):
                continue
            if with_bars:
                wide = widths[-1]
                columns[-1] = columns[-1]._replace(header=_bar_header(wide, threshold))
                for cell_row, row in zip(cells, rows, strict=True):
                    cell_row[-1] = _bar_cell(row, wide, threshold, marks)
            lines += draw(columns, widths, cells, gap, marks.rule, [row.style for row in rows], feet)
            return lines + _hidden(result, width)
    return _stacked(result, rows, footer, width, marks) + _hidden(result, width)


def _too_tall(cells: list[list[Cell]], widths: list[int], name_at: int) -> bool:
    """Names squeezed to three lines or more: one candidate a few lines reads better."""
    return any(len(wrap(row[name_at].text, widths[name_at])) > 2 for row in cells)


def _columns(
    is_measure: bool, rows: list[_Row], footer: list[_Row], party_apart: bool, squeeze: int
) -> tuple[list[Column], list[list[Cell]], list[list[Cell]]]:
    columns = [] if is_measure else [Column("#", right=True)]
    columns.append(Column("Choice" if is_measure else "Candidate", squeeze=squeeze))
    if party_apart:
        columns.append(Column("Party", squeeze=5))
    columns += [Column("Votes", right=True), Column("Share", right=True)]
    if not is_measure:
        columns.append(Column("Status"))

    def cells(row: _Row) -> list[Cell]:
        out = [] if is_measure else [Cell(row.rank)]
        name = row.name if party_apart or not row.party else f"{row.name} ({row.party})"
        out.append(Cell(name, row.name_style))
        if party_apart:
            out.append(Cell(row.party))
        out += [Cell(row.votes), Cell(row.share_text)]
        if not is_measure:
            out.append(Cell(row.status, STATUS_STYLE.get(row.status, "")))
        return out

    return columns, [cells(row) for row in rows], [cells(row) for row in footer]


def _stacked(result: Result, rows: list[_Row], footer: list[_Row], width: int, marks: Glyphs) -> list[Line]:
    """One candidate a few lines: rank and name, then votes, share and status (lined up from
    one candidate to the next), then the bar."""
    threshold = result.contest.rule.threshold
    lines: list[Line] = []
    indent = "   "
    room = min(BARS[1], width - len(indent))
    bars = room >= BARS[0]
    if bars and threshold is not None:
        lines.append([(f"{indent}{marks.marker} marks the threshold, {threshold.text}", "dim")])
    wide_votes = max(len(row.votes) for row in [*rows, *footer])
    wide_share = max(len(row.share_text) for row in rows)
    for row in rows:
        name = row.name + (f" ({row.party})" if row.party else "")
        head = f"{row.rank:>2} " if row.rank else indent
        for number, part in enumerate(wrap(name, width - len(indent))):
            lines.append([((head if not number else indent) + part, row.style or "bold")])
        # votes, share and status on one line, or as many lines as it takes: never cut
        parts = [(f"{row.votes:>{wide_votes}} votes", row.style), (f"{row.share_text:>{wide_share}}", row.style)]
        if row.status:
            parts.append((row.status, STATUS_STYLE.get(row.status, "")))
        line: Line = [(indent, "")]
        used = len(indent)
        for text, style in parts:
            if used > len(indent) and used + 2 + len(text) > width:
                lines.append(line)
                line, used = [(indent, "")], len(indent)
            if used > len(indent):
                line.append(("  ", ""))
                used += 2
            line.append((text, style))
            used += len(text)
        lines.append(line)
        if bars:
            cell = _bar_cell(row, room, threshold, marks)
            lines.append([(indent, ""), *cell.pieces])
    lines.append([(marks.rule * min(width, 40), "dim")])
    for row in footer:
        lines.append([(f"{indent}{row.votes:>{wide_votes}} votes in all", "bold")])
    return lines


def _hidden(result: Result, width: int) -> list[Line]:
    shown = min(len(result.standings), MAX_ROWS) if len(result.standings) > MAX_ROWS + 10 else len(result.standings)
    hidden = len(result.standings) - shown
    if not hidden:
        return []
    return paragraph(
        f"... and {hidden:,} more candidates, not shown here: --format json or csv lists them all", width, "italic"
    )


def preset_lines(name: str, width: int) -> list[Line]:
    from electcli.presets import PRESETS

    preset = PRESETS[name]
    lines = paragraph(f"Preset: {preset.name}, {preset.title} ({preset.citation}; checked {preset.as_of})", width)
    for note in preset.notes:
        lines += paragraph(f"  Note: {note}", width, "dim", indent="")
    return lines


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


def _margin_words(result: Result, marks: Glyphs) -> str:
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
    return "Margins: " + marks.dot.join(parts) if parts else ""


def _measure_words(result: Result) -> str:
    """A measure passes or fails on its threshold: what Yes needed, and by how much it fell
    short or passed (a "lead" of Yes over No decides nothing)."""
    threshold = result.contest.rule.threshold
    if threshold is None or not result.total_votes:
        return ""
    needed = threshold.votes_needed(result.total_votes)
    yes = next(s.candidate.votes for s in result.standings if s.candidate.name == "Yes")
    text = f"Needed: {threshold_words(threshold)} Yes, {votes(needed)} of {n_votes(result.total_votes)}; Yes has {votes(yes)}"
    if result.to_spare is not None:
        return f"{text}, {n_votes(result.to_spare)} to spare"
    return f"{text}, {n_votes(result.short_of_threshold or 0)} short"


def render_presets(console: Console, names: Sequence[str], detail: bool) -> None:
    """``electcli rules``: a summary table, or every detail of the presets named."""
    from electcli.presets import PRESETS

    if not detail:
        # A few lines a preset rather than a table: readable at any width, names never cut. The
        # summary and citation are broken here, hanging under the summary's first word; where
        # that column would leave under 40 for them, the name takes a line of its own.
        width = console.width
        column = max(len(name) for name in names) + 2
        if width - column < 40:
            column = 2
        lines: list[Line] = []
        for name in names:
            preset = PRESETS[name]
            rule = preset.rule_text()
            hang = " " * column
            summary = paragraph(f"{preset.title}: {rule}; recount {preset.recount or 'none'}", width, indent=hang)
            if column == 2:
                lines.append([(name_text(preset.name), "bold")])
            else:
                summary[0] = [(f"{name_text(preset.name):<{column}}", "bold"), (summary[0][0][0][column:], "")]
            lines += summary
            lines += paragraph(f"{preset.citation} (checked {preset.as_of})", width, "dim", indent=hang)
        lines += paragraph("Details, with the notes on what a tally cannot know: electcli rules NAME", width, "dim")
        emit(console, lines)
        return
    # laid out here, as the tables are: broken at spaces, no trailing blanks, names never cut
    width = console.width
    lines = []
    for index, name in enumerate(names):
        preset = PRESETS[name]
        if index:
            lines.append([])
        lines += paragraph(f"{preset.name}: {preset.title}", width, "bold")
        for label, value in (
            ("Rule", preset.rule_text()),
            ("Recount", preset.recount or "none tied to the margin"),
            ("Citation", preset.citation),
            ("Source", preset.source_url),
            ("Checked", preset.as_of),
        ):
            lines += paragraph(f"{label}: {value}", width)
        if preset.quote:
            lines += paragraph(f"Statute: \u201c{preset.quote}\u201d", width, "italic")
        for note in preset.notes:
            lines += paragraph(f"- {note}", width, hang="  ")
    emit(console, lines)


def render_contest_keys(console: Console, file: str, keys: Sequence[Any]) -> None:
    """``electcli contests``: the contests of an OpenElections file, and how to tally one."""
    width, marks = console.width, glyphs(console)
    columns = [
        Column("Office", squeeze=8),
        Column("District", squeeze=8),
        Column("Party", squeeze=5),
        Column("Rows", right=True),
        Column("Candidates", right=True, wrap_header=True),
    ]
    rows = [
        [
            Cell(name_text(key.office)),
            Cell(name_text(key.district or "")),
            Cell(name_text(key.party or "")),
            Cell(votes(key.rows)),
            Cell(str(key.candidates)),
        ]
        for key in keys
    ]
    # a column no contest fills (no districts, no parties) is left out
    kept = [i for i, column in enumerate(columns) if column.right or any(row[i].text for row in rows)]
    columns = [columns[i] for i in kept]
    rows = [[row[i] for i in kept] for row in rows]
    lines: list[Line] | None = lay_out(columns, rows, width, marks.rule)
    if lines is None:  # one contest a line, its figures after its name
        lines = []
        for key in keys:
            where = ", ".join(name_text(part) for part in (key.office, key.district, key.party) if part)
            lines += paragraph(f"{where}: {votes(key.rows)} rows, {key.candidates} candidates", width, hang="  ")
    lines += paragraph(
        f'Tally one: electcli tally {file} --office "OFFICE" [--district D] [--party P] [--rule runoff]', width, "dim"
    )
    emit(console, lines)
