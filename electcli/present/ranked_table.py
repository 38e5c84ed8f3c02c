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
from itertools import pairwise

from rich import box
from rich.console import Console
from rich.measure import Measurement
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
WIDEST = 1_000_000  # to measure a table's natural width, whatever the terminal's


def _change(now: Fraction, before: Fraction | None, stacked: bool = False) -> str:
    """A figure with its change from the round before; ``stacked`` puts the change on a line of
    its own, for a column too wide for the terminal otherwise."""
    if before is None or now == before:
        return figure_text(now)
    delta = now - before
    return f"{figure_text(now)}{chr(10) if stacked else ' '}({'+' if delta > 0 else '-'}{figure_text(abs(delta))})"


def _previous(rounds: Sequence[Round]) -> dict[int, Round | None]:
    """Each round's predecessor (by ``id``), the one its changes are from: None for the first
    round of a count, and of each pass of a multi-pass count, which starts the count afresh."""
    return {
        id(round_): rounds[index - 1] if index and rounds[index - 1].pass_number == round_.pass_number else None
        for index, round_ in enumerate(rounds)
    }


def _cells(round_: Round, before: Round | None, stacked: bool) -> list[str]:
    """Every figure of a round's column that shows a change."""
    cells = [
        _change(votes, before.tally.get(name) if before else None, stacked) for name, votes in round_.tally.items()
    ]
    cells.append(_change(round_.inactive_total, _inactive(before), stacked))
    return cells


def _width(texts: Sequence[str]) -> int:
    return max((len(line) for text in texts for line in text.split(chr(10))), default=0)


def render_ranked(console: Console, race: RaceFile, result: Result) -> None:
    ranked = result.ranked
    assert ranked is not None
    contest = result.contest
    heading = Text(contest.name, style="bold")
    if race.election.name:
        heading.append(f" · {race.election.name}")
    console.print(heading)
    rounds = list(ranked.rounds)
    chunks, stacked = _chunks(console.width, result, rounds, bool(ranked.passes))
    for index, chunk in enumerate(chunks):
        _table(console, result, ranked, chunk, stacked, last=index == len(chunks) - 1)
    undervotes = f" ({ranked.undervotes:,} ranking no one)" if ranked.undervotes else ""
    console.print(Text(f"Ballots: {ranked.total_ballots:,}{undervotes}"))
    _transfers(console, rounds)
    console.print(Text(f"Rule: {_rule_words(result)}"))
    console.print(Text(verdict(result), style="bold"))


def _chunks(width: int, result: Result, rounds: Sequence[Round], with_pass: bool) -> tuple[list[list[Round]], set[int]]:
    """Consecutive rounds packed into tables that fit ``width`` (at least one round a table),
    and the rounds (by ``id``) whose changes go on a line of their own because the column would
    not fit on one line otherwise. A figure is never cut short: a table whose one round is still
    too wide is printed wider than the terminal (see ``_print``)."""
    names = max((len(s.candidate.name) for s in result.standings), default=10)
    fixed = 5 + max(names, len("  exhausted choices")) + 2 + 12  # "#", candidate, status
    previous = _previous(rounds)
    chunks: list[list[Round]] = [[]]
    stacked: set[int] = set()
    used = fixed
    for round_ in rounds:
        before = previous[id(round_)]
        label = f"Round {round_.number}" + (f" (pass {round_.pass_number})" if with_pass else "")
        others = [label, *round_.elected, *round_.eliminated, figure_text(round_.threshold)]
        needed = _width([*others, *_cells(round_, before, False)]) + 2  # a column's padding
        if fixed + needed > width:
            stacked.add(id(round_))
            needed = _width([*others, *_cells(round_, before, True)]) + 2
        if chunks[-1] and used + needed > width:
            chunks.append([])
            used = fixed
        chunks[-1].append(round_)
        used += needed
    return chunks, stacked


def _table(
    console: Console, result: Result, ranked: RankedResult, chunk: Sequence[Round], stacked: set[int], last: bool
) -> None:
    rounds = list(ranked.rounds)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    # Every column keeps its text whole (no wrapping, no "…"): a figure cut short would misstate it.
    table.add_column("#", justify="right", no_wrap=True, overflow="fold")
    table.add_column("Candidate", no_wrap=True, overflow="fold")
    for round_ in chunk:
        label = f"Round {round_.number}" + (f" (pass {round_.pass_number})" if ranked.passes else "")
        table.add_column(label, justify="right", no_wrap=True, overflow="fold")
    if last:
        table.add_column("Status", no_wrap=True, overflow="fold")
    previous = _previous(rounds)
    shown = result.standings[:MAX_ROWS] if len(result.standings) > MAX_ROWS + 10 else result.standings
    for standing in shown:
        name = standing.candidate.name
        cells = [Text(str(standing.rank)), Text(name)]
        for round_ in chunk:
            before = previous[id(round_)]
            if name in round_.tally:
                old = before.tally.get(name) if before is not None else None
                cells.append(Text(_change(round_.tally[name], old, id(round_) in stacked)))
            else:
                cells.append(Text(""))
        if last:
            cells.append(Text(standing.status or "", style=STATUS_STYLE.get(standing.status or "", "")))
        table.add_row(*cells, end_section=standing is shown[-1])
    tail = [""] if last else []

    def row(label: str, values: Sequence[str], style: str = "") -> None:
        table.add_row(Text(""), Text(label, style=style), *[Text(v, style=style) for v in values], *map(Text, tail))

    row("Inactive ballots", [_change(r.inactive_total, _inactive(previous[id(r)]), id(r) in stacked) for r in chunk])
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
    _print(console, table)
    if len(shown) < len(result.standings):
        hidden = len(result.standings) - len(shown)
        console.print(Text(f"... and {hidden:,} more candidates: --format json or csv lists them all", style="italic"))


def _print(console: Console, table: Table) -> None:
    """Print a table whole: one wider than the terminal (a round whose figures alone are wider)
    is laid out at its own width and not cropped, so the terminal wraps its lines instead of
    rich cutting figures short."""
    needed = Measurement.get(console, console.options.update_width(WIDEST), table).maximum
    if needed <= console.width:
        console.print(table)
        return
    table.width = needed
    console.print(table, crop=False)


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
    following = {id(round_): after for round_, after in pairwise(rounds)}
    for round_ in rounds:
        for source, moved in round_.transfers.items():
            if not moved:
                continue
            parts = []
            for target, votes in moved.items():
                if target == EXHAUSTED:
                    reasons = _why_inactive(round_, following.get(id(round_)), votes)
                    parts.append(f"inactive {figure_text(votes)}{reasons}")
                    continue
                label = {RESIDUAL_SURPLUS: "residual surplus"}.get(target, target)
                parts.append(f"{label} {figure_text(votes)}")
            given = figure_text(sum(moved.values(), Fraction(0)))
            what = f"surplus of {given} votes" if source in round_.elected else f"{given} votes"
            lines.append(f"After round {round_.number}, {source}'s {what}: " + ", ".join(parts))
    if lines:
        console.print(Text("Transfers:"))
        for line in lines:
            console.print(Text("  " + line, style="dim"))


def _why_inactive(round_: Round, after: Round | None, votes: Fraction) -> str:
    """Why the votes a round's transfers made inactive stopped counting, by reason, where the
    rounds show it: the transfers' ``exhausted`` figure lumps every reason together (RCTab's
    format), while the next round's inactive figures grow by reason. When one candidate's votes
    moved and that growth is exactly those votes, it is their breakdown; otherwise no reason is
    given rather than a guessed one."""
    if after is None or after.pass_number != round_.pass_number or len(round_.transfers) != 1:
        return ""
    grown = {
        reason: after.inactive.get(reason, Fraction(0)) - round_.inactive.get(reason, Fraction(0))
        for reason in dict.fromkeys([*round_.inactive, *after.inactive])
    }
    grown = {reason: value for reason, value in grown.items() if value}
    if not grown or any(value < 0 for value in grown.values()) or sum(grown.values(), Fraction(0)) != votes:
        return ""
    words = [REASON_WORDS.get(reason, reason.replace("_", " ")) for reason in grown]
    if len(grown) == 1:
        return f" ({words[0]})"
    return (
        " ("
        + ", ".join(f"{word} {figure_text(value)}" for word, value in zip(words, grown.values(), strict=True))
        + ")"
    )


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
