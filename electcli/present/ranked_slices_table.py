"""``--by-unit`` for a ranked-choice contest, for people: one table per kind of slice (precinct,
batch), a row per slice with its ballots, the first-round and final-round votes of the candidates
still counted in the final round, and its inactive ballots then; the contest's figures below.
JSON (``--by-unit --format json``) has every round of every slice. Where no table fits the
terminal, each slice takes a few lines instead. Figures are never cut (grid.py).
"""

from __future__ import annotations

from fractions import Fraction

from electcli.present.cells import name_text
from electcli.present.grid import Cell, Column, Line, draw, fit
from electcli.present.ranked_verdict import figure_text
from electcli.present.terminal import Glyphs, paragraph
from electcli.ranked.rounds import RankedResult
from electcli.ranked.slices import slice_results
from electcli.tabulate.result import Result

MAX_ROWS = 200  # the largest slices shown; JSON lists them all


def ranked_slice_lines(result: Result, width: int, marks: Glyphs) -> list[Line]:
    contest = result.contest
    ranked = result.ranked
    if ranked is None or contest.ballots is None or contest.ranked is None or not ranked.rounds:
        return []
    by_kind = slice_results(contest.ballots, contest.ranked, ranked)
    if not by_kind:
        return paragraph("(no ballot says which precinct or batch it is from)", width, "dim")
    lines: list[Line] = []
    for kind, parts in by_kind.items():
        last = ranked.rounds[-1]
        title = f"{name_text(contest.name)} by {kind}: round 1 and round {last.number} (the last)"
        lines += [[], *paragraph(title, width, "bold")]
        ordered = sorted(parts.items(), key=lambda item: -item[1].total_ballots)
        shown = ordered[:MAX_ROWS] if len(ordered) > MAX_ROWS + 10 else ordered
        lines += _table(kind, ranked, shown, width, marks) or _stacked(ranked, shown, width)
        if len(shown) < len(ordered):
            lines += paragraph(
                f"... the {MAX_ROWS} largest of {len(ordered):,} {kind}s shown: --by-unit --format json lists them all",
                width,
                "italic",
            )
    return lines


def _figures(ranked: RankedResult, finalists: list[str]) -> list[str]:
    """Each finalist's round-1 votes, their final-round votes, and the final round's inactive ballots."""
    one, last = ranked.rounds[0], ranked.rounds[-1]
    texts = [figure_text(one.tally.get(name, Fraction(0))) for name in finalists]
    texts += [figure_text(last.tally.get(name, Fraction(0))) for name in finalists]
    return [*texts, figure_text(last.inactive_total)]


def _table(
    kind: str, ranked: RankedResult, shown: list[tuple[str, RankedResult]], width: int, marks: Glyphs
) -> list[Line] | None:
    last = ranked.rounds[-1]
    finalists = list(last.tally)
    columns = [Column(kind.capitalize(), squeeze=10), Column("Ballots", right=True)]
    columns += [Column(f"{name_text(name)} (1)", right=True, wrap_header=True) for name in finalists]
    columns += [Column(f"{name_text(name)} ({last.number})", right=True, wrap_header=True) for name in finalists]
    columns.append(Column(f"Inactive ({last.number})", right=True, wrap_header=True))
    rows = [
        [Cell(name_text(slice_id)), Cell(f"{part.total_ballots:,}"), *map(Cell, _figures(part, finalists))]
        for slice_id, part in shown
    ]
    total = [Cell("Total", "bold"), Cell(f"{ranked.total_ballots:,}", "bold")]
    total += [Cell(text, "bold") for text in _figures(ranked, finalists)]
    widths = fit(columns, [*rows, total], width, 2)
    if widths is None:
        return None
    return draw(columns, widths, rows, 2, marks.rule, footer=[total])


def _stacked(ranked: RankedResult, shown: list[tuple[str, RankedResult]], width: int) -> list[Line]:
    """One slice a few lines: its ballots, then each finalist's round-1 and final-round votes."""
    last = ranked.rounds[-1]
    finalists = list(last.tally)
    lines: list[Line] = []
    for slice_id, part in [*shown, ("Total", ranked)]:
        lines += paragraph(f"{name_text(slice_id)}: {part.total_ballots:,} ballots", width, "bold")
        one, end = part.rounds[0], part.rounds[-1]
        for name in finalists:
            votes = (
                f"{name_text(name)}: {figure_text(one.tally.get(name, Fraction(0)))} in round 1, "
                f"{figure_text(end.tally.get(name, Fraction(0)))} in round {last.number}"
            )
            lines += paragraph(votes, width, indent="  ")
        lines += paragraph(f"inactive in round {last.number}: {figure_text(end.inactive_total)}", width, indent="  ")
    return lines
