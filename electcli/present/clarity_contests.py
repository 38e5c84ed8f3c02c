"""``electcli contests`` for a Clarity results file: its contests, with how much has reported."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

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
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Contest", ratio=1, overflow="fold")
    for column in ("Seats", "Choices", "Precincts reporting"):
        table.add_column(column, justify="right", no_wrap=True)
    for record in clarity_contest_records(parsed):
        reporting = record["reporting"]
        shown = ""
        if reporting is not None:
            share = percent_reporting(reporting["reported"], reporting["expected"])
            shown = f"{votes(reporting['reported'])} of {votes(reporting['expected'])} ({share})"
        kind = " (question)" if record["question"] else ""
        table.add_row(
            Text(record["name"] + kind), Text(str(record["seats"])), Text(str(record["choices"])), Text(shown)
        )
    console.print(table)
    console.print(Text(f'Tally one: electcli tally {parsed.name} --contest "NAME" [--rule runoff]', style="dim"))
