"""``--by-unit`` for a ranked-choice contest, for people: one table per kind of slice (precinct,
batch), a row per slice with its ballots, the first-round and final-round votes of the candidates
still counted in the final round, and its inactive ballots then. The contest's
figures are the footer. JSON (``--by-unit --format json``) has every round of every slice.
"""

from __future__ import annotations

from fractions import Fraction

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from electcli.present.ranked_verdict import figure_text
from electcli.ranked.rounds import RankedResult
from electcli.ranked.slices import slice_results
from electcli.tabulate.result import Result

MAX_ROWS = 200


def render_ranked_slices(console: Console, result: Result) -> None:
    contest = result.contest
    ranked = result.ranked
    if ranked is None or contest.ballots is None or contest.ranked is None or not ranked.rounds:
        return
    by_kind = slice_results(contest.ballots, contest.ranked, ranked)
    if not by_kind:
        console.print(Text("(no ballot says which precinct or batch it is from)", style="dim"))
        return
    for kind, parts in by_kind.items():
        console.print()
        console.print(_table(contest.name, kind, ranked, parts))
        if len(parts) > MAX_ROWS + 10:
            console.print(
                Text(
                    f"... the {MAX_ROWS} largest of {len(parts):,} {kind}s shown: --by-unit --format json lists them all",
                    style="italic",
                )
            )


def _table(name: str, kind: str, ranked: RankedResult, parts: dict[str, RankedResult]) -> Table:
    first, last = ranked.rounds[0], ranked.rounds[-1]
    finalists = list(last.tally)
    table = Table(
        box=box.SIMPLE_HEAD,
        show_footer=True,
        pad_edge=False,
        title=Text(f"{name} by {kind}: round 1 and round {last.number} (the last)"),
        title_justify="left",
    )
    table.add_column(kind.capitalize(), footer=Text("Total"))
    table.add_column("Ballots", justify="right", footer=Text(f"{ranked.total_ballots:,}"))
    for candidate in finalists:
        votes = first.tally.get(candidate, Fraction(0))
        table.add_column(Text(f"{candidate} (1)"), justify="right", footer=Text(figure_text(votes)))
    for candidate in finalists:
        table.add_column(
            Text(f"{candidate} ({last.number})"), justify="right", footer=Text(figure_text(last.tally[candidate]))
        )
    table.add_column(f"Inactive ({last.number})", justify="right", footer=Text(figure_text(last.inactive_total)))
    ordered = sorted(parts.items(), key=lambda item: -item[1].total_ballots)
    shown = ordered[:MAX_ROWS] if len(ordered) > MAX_ROWS + 10 else ordered
    for slice_id, part in shown:
        part_first, part_last = part.rounds[0], part.rounds[-1]
        cells = [Text(slice_id), Text(f"{part.total_ballots:,}")]
        cells += [Text(figure_text(part_first.tally.get(c, Fraction(0)))) for c in finalists]
        cells += [Text(figure_text(part_last.tally.get(c, Fraction(0)))) for c in finalists]
        cells.append(Text(figure_text(part_last.inactive_total)))
        table.add_row(*cells)
    return table
