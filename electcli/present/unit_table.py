"""``--by-unit``: a contest's results by reporting unit, largest units first, the totals below.

One column per candidate where the terminal is wide enough (votes and share on one line, or on
two); otherwise one unit a few lines. Figures are never cut (grid.py).
"""

from __future__ import annotations

from electcli.present.cells import name_text
from electcli.present.grid import Cell, Column, Line, draw, fit, natural_width
from electcli.present.terminal import Glyphs, paragraph
from electcli.present.words import percent, points, votes
from electcli.tabulate.result import Result
from electcli.tabulate.units import UnitRow, unit_rows

MAX_ROWS = 200  # the largest units shown; JSON and CSV list them all


def unit_lines(result: Result, width: int, marks: Glyphs) -> list[Line]:
    contest = result.contest
    rows = unit_rows(contest)
    if not rows:
        return paragraph("(no results by reporting unit in this contest)", width, "dim")
    by = (contest.results.by if contest.results and contest.results.by else "unit").lower()
    ordered = sorted(rows, key=lambda row: -row.total_votes)
    shown = ordered[:MAX_ROWS] if len(ordered) > MAX_ROWS + 10 else ordered
    lines: list[Line] = [[], *paragraph(f"{name_text(contest.name)} by {by}", width, "bold")]
    lines += _columns(result, shown, by, width, marks) or _stacked(result, shown, width, marks)
    if len(shown) < len(ordered):
        lines += paragraph(
            f"... the {MAX_ROWS} largest of {len(ordered):,} units shown: --by-unit --format json or csv lists them all",
            width,
            "italic",
        )
    return lines


def _leader(row: UnitRow) -> str:
    if len(row.leaders) == 1:
        return name_text(row.leaders[0])
    return f"tied ({len(row.leaders)})" if row.leaders else "no votes"


def _columns(result: Result, shown: list[UnitRow], by: str, width: int, marks: Glyphs) -> list[Line] | None:
    """One column per candidate, in finishing order; None when no such table fits."""
    contest = result.contest
    measure = contest.is_measure  # decided by its threshold: no leader, no margin of Yes over No
    order = [standing.candidate.name for standing in result.standings]
    lead = result.lead
    for gap, split in ((2, " "), (1, "\n")):
        columns = [Column(by.capitalize(), squeeze=10), Column("Votes", right=True)]
        columns += [Column(name_text(name), right=True, wrap_header=True) for name in order]
        if contest.write_ins:
            columns.append(Column("Write-ins", right=True, wrap_header=True))
        if not measure:
            columns += [Column("Leader", squeeze=8), Column("Margin", right=True)]
        cells = []
        for row in shown:
            counts = dict(row.votes)
            line = [Cell(name_text(row.name)), Cell(votes(row.total_votes))]
            line += [Cell(f"{votes(counts[name])}{split}{percent(row.share(counts[name]))}") for name in order]
            if contest.write_ins:
                line.append(Cell(votes(row.write_ins)))
            if not measure:
                line += [Cell(_leader(row)), Cell(f"{votes(row.margin)}{split}{points(row.margin_share * 100)} pts")]
            cells.append(line)
        total = [Cell("Total", "bold"), Cell(votes(result.total_votes), "bold")]
        total += [Cell(f"{votes(s.candidate.votes)}{split}{percent(s.share)}", "bold") for s in result.standings]
        if contest.write_ins:
            total.append(Cell(votes(contest.write_ins), "bold"))
        leader = result.standings[0].candidate.name if lead is None or lead.votes else "tied"
        if not measure:
            total += [
                Cell(name_text(leader), "bold"),
                Cell(f"{votes(lead.votes)}{split}{points(lead.points)} pts" if lead else "", "bold"),
            ]
        widths = fit(columns, [*cells, total], width, gap)
        if widths is not None:
            return draw(columns, widths, cells, gap, marks.rule, footer=[total])
    return None


def _stacked(result: Result, shown: list[UnitRow], width: int, marks: Glyphs) -> list[Line]:
    """One unit a few lines: its name and total, each candidate's votes and share, the leader
    (not for a measure, decided by its threshold). The figures line up across units."""
    contest = result.contest
    measure = contest.is_measure
    order = [standing.candidate.name for standing in result.standings]
    columns = [Column("", squeeze=8), Column("", right=True), Column("", right=True)]
    blocks = []
    for row in shown:
        counts = dict(row.votes)
        cells = [
            [Cell(name_text(name)), Cell(votes(counts[name])), Cell(percent(row.share(counts[name])))] for name in order
        ]
        if contest.write_ins:
            cells.append([Cell("Write-ins"), Cell(votes(row.write_ins)), Cell("")])
        leader = f"Leader {_leader(row)}, margin {votes(row.margin)} ({points(row.margin_share * 100)} pts)"
        blocks.append((f"{name_text(row.name)}: {votes(row.total_votes)} votes", cells, leader))
    total_cells = [
        [Cell(name_text(s.candidate.name)), Cell(votes(s.candidate.votes)), Cell(percent(s.share))]
        for s in result.standings
    ]
    lead = result.lead
    leader = ""
    if lead is not None:
        name = name_text(result.standings[0].candidate.name) if lead.votes else "tied"
        leader = f"Leader {name}, margin {votes(lead.votes)} ({points(lead.points)} pts)"
    everything = [cell for _, cells, _ in blocks for cell in cells] + total_cells
    widths = fit(columns, everything, width - 2, 2) or [8, *(natural_width(c, []) for c in columns[1:])]
    lines: list[Line] = []
    for title, cells, unit_leader in blocks:
        lines += paragraph(title, width, "bold")
        lines += [[("  ", ""), *line] for line in draw(columns, widths, cells, 2, marks.rule, header=False)]
        if not measure:
            lines += paragraph(unit_leader, width, indent="  ")
    lines.append([(marks.rule * min(width, 40), "dim")])
    lines += paragraph(f"Total: {votes(result.total_votes)} votes", width, "bold")
    lines += [[("  ", ""), *line] for line in draw(columns, widths, total_cells, 2, marks.rule, header=False)]
    if leader and not measure:
        lines += paragraph(leader, width, indent="  ")
    return lines
