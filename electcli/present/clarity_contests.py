"""``electcli contests`` for a Clarity results file: its contests, with how much has reported."""

from __future__ import annotations

from typing import Any

from rich.console import Console

from electcli.present.cells import name_text
from electcli.present.grid import Cell, Column, Line, lay_out
from electcli.present.terminal import emit, glyphs, paragraph
from electcli.present.verdict import percent_reporting
from electcli.present.words import votes
from electcli.readers.clarity.parse import ClarityFile


def clarity_contest_records(parsed: ClarityFile) -> list[dict[str, Any]]:
    """One record per contest, in the file's order: what `--format json` lists."""
    return [
        {
            "name": contest.text,
            "seats": contest.vote_for,
            "question": contest.is_question,
            "choices": len(contest.choices),
            "reporting": None
            if contest.reported is None or contest.expected is None
            else {
                "reported": contest.reported,
                "expected": contest.expected,
                "complete": contest.reported == contest.expected,
            },
        }
        for contest in parsed.contests
    ]


def render_clarity_contests(console: Console, parsed: ClarityFile) -> None:
    """The contests of a Clarity file, laid out on the grid (no figure is ever cut)."""
    width, marks = console.width, glyphs(console)
    columns = [
        Column("Contest", squeeze=12),
        Column("Seats", right=True),
        Column("Choices", right=True),
        Column("Precincts reporting", right=True, wrap_header=True),
    ]
    records = clarity_contest_records(parsed)
    rows = [
        [
            Cell(name_text(record["name"]) + (" (question)" if record["question"] else "")),
            Cell(str(record["seats"])),
            Cell(str(record["choices"])),
            Cell(_reporting(record["reporting"])),
        ]
        for record in records
    ]
    lines: list[Line] | None = lay_out(columns, rows, width, marks.rule)
    if lines is None:  # one contest a few lines, its figures after its name
        lines = []
        for row in rows:
            lines += paragraph(f"{row[0].text}: {row[1].text} to elect, {row[2].text} choices", width, hang="  ")
            if row[3].text:
                lines += paragraph(f"  {row[3].text} precincts reporting", width, hang="  ")
    lines += paragraph(
        f'Tally one: electcli tally {name_text(parsed.name)} --contest "NAME" [--rule runoff]', width, "dim"
    )
    emit(console, lines)


def _reporting(reporting: dict[str, Any] | None) -> str:
    if reporting is None:
        return ""
    share = percent_reporting(reporting["reported"], reporting["expected"])
    return f"{votes(reporting['reported'])} of {votes(reporting['expected'])} ({share})"
