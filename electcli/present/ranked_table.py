"""The round-by-round table of a ranked-choice contest, for people. Imported by table.py only when
a ranked contest is drawn (it imports rich).

One column per round: each candidate's votes, with the change from the round before; then the
inactive ballots (by reason where any), the continuing votes, the threshold, and who was elected
or eliminated. Below it, each round's transfers in words, and the verdict. A count with more
rounds than fit the terminal's width is split into several tables of consecutive rounds.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from electcli.model import RaceFile
from electcli.present.ranked_verdict import figure_text
from electcli.present.verdict import verdict
from electcli.ranked.rounds import EXHAUSTED, INACTIVE_REASONS, RESIDUAL_SURPLUS, RankedResult, Round
from electcli.tabulate.result import DEFEATED, ELECTED, TIED, Result

STATUS_STYLE = {ELECTED: "bold green", TIED: "bold yellow", DEFEATED: "dim", "eliminated": "dim", "continuing": "cyan"}
REASON_WORDS = {
    "exhausted_choices": "exhausted choices",
    "overvotes": "overvotes",
    "skipped_rankings": "skipped rankings",
    "repeated_rankings": "repeated rankings",
    "final_round_surplus": "final-round surplus",
}
MAX_ROWS = 200


def _change(now: Fraction, before: Fraction | None) -> str:
    if before is None or now == before:
        return figure_text(now)
    delta = now - before
    return f"{figure_text(now)} ({'+' if delta > 0 else '-'}{figure_text(abs(delta))})"


def render_ranked(console: Console, race: RaceFile, result: Result) -> None:
    ranked = result.ranked
    assert ranked is not None
    contest = result.contest
    heading = Text(contest.name, style="bold")
    if race.election.name:
        heading.append(f" · {race.election.name}")
    console.print(heading)
    rounds = list(ranked.rounds)
    chunks = _chunks(console.width, result, rounds, bool(ranked.passes))
    for index, chunk in enumerate(chunks):
        _table(console, result, ranked, chunk, last=index == len(chunks) - 1)
    undervotes = f" ({ranked.undervotes:,} ranking no one)" if ranked.undervotes else ""
    console.print(Text(f"Ballots: {ranked.total_ballots:,}{undervotes}"))
    _transfers(console, rounds)
    console.print(Text(f"Rule: {_rule_words(result)}"))
    console.print(Text(verdict(result), style="bold"))


def _chunks(width: int, result: Result, rounds: Sequence[Round], with_pass: bool) -> list[list[Round]]:
    """Consecutive rounds packed into tables that fit ``width`` (at least one round a table)."""
    names = max((len(s.candidate.name) for s in result.standings), default=10)
    fixed = 5 + max(names, len("  exhausted choices")) + 2 + 12  # "#", candidate, status
    chunks: list[list[Round]] = [[]]
    used = fixed
    for index, round_ in enumerate(rounds):
        before = rounds[index - 1] if index else None
        label = f"Round {round_.number}" + (f" (pass {round_.pass_number})" if with_pass else "")
        cells = [len(label)]
        cells += [len(name) for name in (*round_.elected, *round_.eliminated)]
        cells += [
            len(_change(votes, before.tally.get(name) if before else None)) for name, votes in round_.tally.items()
        ]
        needed = max(cells) + 2  # a column's padding
        if chunks[-1] and used + needed > width:
            chunks.append([])
            used = fixed
        chunks[-1].append(round_)
        used += needed
    return chunks


def _table(console: Console, result: Result, ranked: RankedResult, chunk: Sequence[Round], last: bool) -> None:
    rounds = list(ranked.rounds)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("#", justify="right")
    table.add_column("Candidate", no_wrap=True)
    for round_ in chunk:
        label = f"Round {round_.number}" + (f" (pass {round_.pass_number})" if ranked.passes else "")
        table.add_column(label, justify="right", no_wrap=True)
    if last:
        table.add_column("Status")
    previous = {id(r): rounds[i - 1] if i else None for i, r in enumerate(rounds)}
    shown = result.standings[:MAX_ROWS] if len(result.standings) > MAX_ROWS + 10 else result.standings
    for standing in shown:
        name = standing.candidate.name
        cells = [Text(str(standing.rank)), Text(name)]
        for round_ in chunk:
            before = previous[id(round_)]
            if name in round_.tally:
                old = before.tally.get(name) if before is not None else None
                cells.append(Text(_change(round_.tally[name], old)))
            else:
                cells.append(Text(""))
        if last:
            cells.append(Text(standing.status or "", style=STATUS_STYLE.get(standing.status or "", "")))
        table.add_row(*cells, end_section=standing is shown[-1])
    tail = [""] if last else []

    def row(label: str, values: Sequence[str], style: str = "") -> None:
        table.add_row(Text(""), Text(label, style=style), *[Text(v, style=style) for v in values], *map(Text, tail))

    row("Inactive ballots", [_change(r.inactive_total, _inactive(previous[id(r)])) for r in chunk])
    reasons = [key for key in _reasons(rounds) if any(r.inactive.get(key) for r in rounds)]
    for reason in reasons:
        row(
            f"  {REASON_WORDS.get(reason, reason.replace('_', ' '))}",
            [figure_text(r.inactive.get(reason, Fraction(0))) for r in chunk],
            "dim",
        )
    if any(r.residual_surplus for r in rounds):
        row("Residual surplus", [figure_text(r.residual_surplus) for r in chunk], "dim")
    row("Continuing votes", [figure_text(r.active) for r in chunk])
    row("Threshold", [figure_text(r.threshold) for r in chunk])
    # One name a line, so that a batch elimination does not widen its round's column.
    row("Elected", ["\n".join(r.elected) for r in chunk], "green")
    row("Eliminated", ["\n".join(r.eliminated) for r in chunk], "dim")
    console.print(table)
    if len(shown) < len(result.standings):
        hidden = len(result.standings) - len(shown)
        console.print(Text(f"... and {hidden:,} more candidates: --format json or csv lists them all", style="italic"))


def _inactive(round_: Round | None) -> Fraction | None:
    return round_.inactive_total if round_ is not None else None


def _reasons(rounds: Sequence[Round]) -> list[str]:
    keys = list(INACTIVE_REASONS)
    for round_ in rounds:
        keys += [key for key in round_.inactive if key not in keys]
    return keys


def _transfers(console: Console, rounds: Sequence[Round]) -> None:
    """Each round's transfers in words: who gave how many votes to whom."""
    lines = []
    for round_ in rounds:
        for source, moved in round_.transfers.items():
            if not moved:
                continue
            parts = []
            for target, votes in moved.items():
                label = {EXHAUSTED: "inactive (exhausted)", RESIDUAL_SURPLUS: "residual surplus"}.get(target, target)
                parts.append(f"{label} {figure_text(votes)}")
            given = figure_text(sum(moved.values(), Fraction(0)))
            what = f"surplus of {given} votes" if source in round_.elected else f"{given} votes"
            lines.append(f"After round {round_.number}, {source}'s {what}: " + ", ".join(parts))
    if lines:
        console.print(Text("Transfers:"))
        for line in lines:
            console.print(Text("  " + line, style="dim"))


def _rule_words(result: Result) -> str:
    rules = result.contest.ranked
    assert rules is not None
    parts = []
    if rules.method == "stv":
        parts.append(f"{result.contest.seats} seat{'s' if result.contest.seats != 1 else ''}, {rules.quota} quota")
    if rules.decimal_places is not None:
        parts.append(f"RCTab rules, {rules.decimal_places} decimal places")
    parts.append(f"overvote: {rules.overvote}")
    if rules.max_skipped is not None:
        parts.append(f"max skipped: {rules.max_skipped}")
    parts.append(f"duplicate: {rules.duplicate}")
    if rules.max_rankings is not None:
        parts.append(f"max rankings: {rules.max_rankings}")
    if rules.batch_elimination:
        parts.append("batch elimination")
    if rules.continue_until_two:
        parts.append("continue until two")
    tiebreak = rules.tiebreak
    if tiebreak.mode != "none":
        seed = f" (seed {tiebreak.seed})" if tiebreak.seed is not None else ""
        parts.append(f"tiebreak: {tiebreak.mode}{seed}")
    return f"{rules.method} ({', '.join(parts)})"
