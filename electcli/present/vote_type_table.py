"""``--vote-types``: each candidate's votes by how they were cast (Election Day, absentee by mail,
advance voting, provisional), where the input reports them (Clarity files do)."""

from __future__ import annotations

from electcli.present.cells import name_text
from electcli.present.grid import Cell, Column, Line, lay_out
from electcli.present.terminal import Glyphs, paragraph
from electcli.present.words import votes
from electcli.tabulate.result import Result


def vote_type_lines(result: Result, width: int, marks: Glyphs) -> list[Line]:
    """A table of candidates by vote type, in finishing order; stacked when it cannot fit."""
    contest = result.contest
    types = contest.vote_types
    if types is None:
        return []
    figures = dict(zip((c.name for c in contest.candidates), types.by_candidate, strict=True))
    order = [standing.candidate.name for standing in result.standings]
    totals = [sum(figures[name][k] for name in order) for k in range(len(types.names))]
    columns = [Column("Candidate", squeeze=10)]
    columns += [Column(name_text(name), right=True, wrap_header=True) for name in types.names]
    columns.append(Column("Total", right=True))
    rows = [
        [Cell(name_text(name)), *(Cell(votes(n)) for n in figures[name]), Cell(votes(sum(figures[name])))]
        for name in order
    ]
    rows.append([Cell("Total"), *(Cell(votes(n)) for n in totals), Cell(votes(sum(totals)))])
    lines: list[Line] = [[], *paragraph("By vote type", width, "bold")]
    table = lay_out(columns, rows, width, marks.rule)
    if table is not None:
        return lines + table
    for row in rows:  # stacked: a candidate, then its figures by vote type
        lines += paragraph(row[0].text, width, "bold")
        parts = [f"{name_text(name)} {cell.text}" for name, cell in zip(types.names, row[1:-1], strict=True)]
        lines += paragraph(marks.dot.join(parts) + f"{marks.dot}total {row[-1].text}", width, indent="  ")
    return lines
