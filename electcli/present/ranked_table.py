"""The round-by-round table of a ranked-choice contest, for people. Imported by table.py only when
a ranked contest is drawn.

One column per round: each candidate's votes, with the change from the round before; then the
inactive ballots (by reason where any), the continuing votes, the threshold, and who was elected
or eliminated. Below it, each round's transfers in words, and the verdict. A count with more
rounds than fit the terminal's width is split into several tables of consecutive rounds; a round
whose column does not fit on one line puts its changes on lines of their own; and when not even
one round fits beside the names, the rounds are stacked one below the other. A figure is never
cut short (grid.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from itertools import pairwise

from electcli.model import RaceFile
from electcli.present.cells import name_text
from electcli.present.grid import Cell, Column, Line, draw, fit, natural_width
from electcli.present.ranked_verdict import figure_text
from electcli.present.terminal import Glyphs, paragraph
from electcli.present.verdict import verdict
from electcli.ranked.rounds import EXHAUSTED, INACTIVE_REASONS, RESIDUAL_SURPLUS, RankedResult, Round
from electcli.tabulate.result import DEFEATED, ELECTED, TIED, Result, Standing

STATUS_STYLE = {ELECTED: "bold green", TIED: "bold yellow", DEFEATED: "dim", "eliminated": "dim", "continuing": "cyan"}
REASON_WORDS = {
    "exhausted_choices": "exhausted choices",
    "overvotes": "overvotes",
    "skipped_rankings": "skipped rankings",
    "repeated_rankings": "repeated rankings",
    "final_round_surplus": "final-round surplus",
}
MAX_ROWS = 200
GAP = 2  # spaces between columns
NAMES = 12  # the narrowest the candidate column is wrapped to


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


class _Count:
    """What every layout of a count shares: the candidates shown and the labels of the rows."""

    def __init__(self, result: Result, ranked: RankedResult) -> None:
        self.result, self.ranked = result, ranked
        self.rounds = list(ranked.rounds)
        self.previous = _previous(self.rounds)
        standings = result.standings
        self.shown: Sequence[Standing] = standings[:MAX_ROWS] if len(standings) > MAX_ROWS + 10 else standings
        self.reasons = [key for key in _reasons(self.rounds) if any(r.inactive.get(key) for r in self.rounds)]
        self.residual = any(r.residual_surplus for r in self.rounds)

    def label(self, round_: Round) -> str:
        return f"Round {round_.number}" + (f" (pass {round_.pass_number})" if self.ranked.passes else "")

    def figures(self, round_: Round, stacked: bool) -> tuple[list[Cell], list[Cell]]:
        """A round's column: the candidates' cells, then the summary rows' cells."""
        before = self.previous[id(round_)]
        top = []
        for standing in self.shown:
            name = standing.candidate.name
            if name in round_.tally:
                old = before.tally.get(name) if before is not None else None
                top.append(Cell(_change(round_.tally[name], old, stacked)))
            else:
                top.append(Cell(""))
        inactive = _inactive(before)
        bottom = [Cell(_change(round_.inactive_total, inactive, stacked))]
        bottom += [Cell(figure_text(round_.inactive.get(reason, Fraction(0))), "dim") for reason in self.reasons]
        if self.residual:
            bottom.append(Cell(figure_text(round_.residual_surplus), "dim"))
        bottom += [Cell(figure_text(round_.active)), Cell(figure_text(round_.threshold))]
        # One name a line, so that a batch elimination does not widen its round's column.
        bottom.append(Cell("\n".join(map(name_text, round_.elected)), "green"))
        bottom.append(Cell("\n".join(map(name_text, round_.eliminated)), "dim"))
        return top, bottom

    def labels(self) -> list[str]:
        labels = ["Inactive ballots"]
        labels += [f"  {REASON_WORDS.get(reason, reason.replace('_', ' '))}" for reason in self.reasons]
        if self.residual:
            labels.append("Residual surplus")
        return [*labels, "Continuing votes", "Threshold", "Elected", "Eliminated"]


def ranked_lines(race: RaceFile, result: Result, width: int, marks: Glyphs) -> list[Line]:
    from electcli.present.table import heading, preset_lines

    ranked = result.ranked
    assert ranked is not None
    count = _Count(result, ranked)
    lines = heading(race, result.contest.name, width, marks)
    lines += _tables(count, width, marks) or _stacked(count, width)
    if len(count.shown) < len(result.standings):
        hidden = len(result.standings) - len(count.shown)
        lines += paragraph(f"... and {hidden:,} more candidates: --format json or csv lists them all", width, "italic")
    undervotes = f" ({ranked.undervotes:,} ranking no one)" if ranked.undervotes else ""
    lines += paragraph(f"Ballots: {ranked.total_ballots:,}{undervotes}", width)
    lines += _transfers(count.rounds, width)
    lines += paragraph(f"Rule: {_rule_words(result)}", width)
    if result.contest.rule.preset:
        lines += preset_lines(result.contest.rule.preset, width)
    lines += paragraph(verdict(result), width, "bold")
    return lines


def _tables(count: _Count, width: int, marks: Glyphs) -> list[Line] | None:
    """Tables of consecutive rounds, each as many rounds as fit; None when not even one round
    fits beside the names."""
    rank = [Cell(str(s.rank)) for s in count.shown]
    names = [Cell(name_text(s.candidate.name)) for s in count.shown] + [Cell(label) for label in count.labels()]
    status = [Cell(s.status or "", STATUS_STYLE.get(s.status or "", "")) for s in count.shown]
    # the room every table needs besides its rounds (the status column only in the last)
    fixed = natural_width(Column("#"), rank) + GAP + min(NAMES, natural_width(Column("Candidate"), names))
    fixed += GAP + natural_width(Column("Status"), status)
    chunks: list[list[tuple[Round, bool]]] = [[]]
    used = fixed
    for round_ in count.rounds:
        column = Column(count.label(round_))
        for stacked in (False, True):
            top, bottom = count.figures(round_, stacked)
            needed = GAP + natural_width(column, [*top, *bottom])
            if fixed + needed <= width:
                break
        else:
            return None
        if chunks[-1] and used + needed > width:
            chunks.append([])
            used = fixed
        chunks[-1].append((round_, stacked))
        used += needed
    lines: list[Line] = []
    for index, chunk in enumerate(chunks):
        last = index == len(chunks) - 1
        columns = [Column("#", right=True), Column("Candidate", squeeze=NAMES)]
        columns += [Column(count.label(round_), right=True) for round_, _ in chunk]
        figures = [count.figures(round_, stacked) for round_, stacked in chunk]
        rows = [[rank[i], names[i], *(top[i] for top, _ in figures)] for i in range(len(count.shown))]
        labels = names[len(count.shown) :]
        foot = [[Cell(""), labels[i], *(bottom[i] for _, bottom in figures)] for i in range(len(labels))]
        if last:
            columns.append(Column("Status"))
            rows = [[*row, status[i]] for i, row in enumerate(rows)]
            foot = [[*row, Cell("")] for row in foot]
        widths = fit(columns, [*rows, *foot], width, GAP)
        if widths is None:
            return None
        styles = ["bold" if s.status == ELECTED else "" for s in count.shown]  # the winners stand out
        lines += ([[]] if index else []) + draw(columns, widths, rows, GAP, marks.rule, styles, foot)
    return lines


def _stacked(count: _Count, width: int) -> list[Line]:
    """Each round a few lines, one below the other: for a terminal too narrow for a round
    beside the names."""
    columns = [Column("", squeeze=8), Column("", right=True)]
    labels = count.labels()
    lines: list[Line] = []
    for round_ in count.rounds:
        lines += paragraph(count.label(round_), width, "bold")
        top, bottom = count.figures(round_, False)
        rows = [
            [Cell(name_text(s.candidate.name)), cell] for s, cell in zip(count.shown, top, strict=True) if cell.text
        ]
        rows += [[Cell(label.strip()), cell] for label, cell in zip(labels[:-2], bottom[:-2], strict=True) if cell.text]
        widths = fit(columns, rows, width - 2, 1) or [8, max(len(c.text) for _, c in rows)]
        lines += [[("  ", ""), *line] for line in draw(columns, widths, rows, 1, "", header=False)]
        for label, names in (("Elected", round_.elected), ("Eliminated", round_.eliminated)):
            if names:
                lines += paragraph(f"{label}: " + ", ".join(map(name_text, names)), width, indent="  ")
    lines += paragraph("Status:", width, "bold")
    for standing in count.shown:
        status = standing.status or ""
        style = "bold" if status == ELECTED else ""
        lines += paragraph(f"{standing.rank} {name_text(standing.candidate.name)}: {status}", width, style, "  ")
    return lines


def _inactive(round_: Round | None) -> Fraction | None:
    return round_.inactive_total if round_ is not None else None


def _reasons(rounds: Sequence[Round]) -> list[str]:
    keys = list(INACTIVE_REASONS)
    for round_ in rounds:
        keys += [key for key in round_.inactive if key not in keys]
    return keys


def _transfers(rounds: Sequence[Round], width: int) -> list[Line]:
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
                label = {RESIDUAL_SURPLUS: "residual surplus"}.get(target) or name_text(target)
                parts.append(f"{label} {figure_text(votes)}")
            given = figure_text(sum(moved.values(), Fraction(0)))
            what = f"surplus of {given} votes" if source in round_.elected else f"{given} votes"
            lines.append(
                f"After round {round_.number}, {name_text(source)}{possessive(source)} {what}: " + ", ".join(parts)
            )
    out: list[Line] = []
    if lines:
        out.append([("Transfers:", "")])
        for line in lines:
            out += paragraph(line, width, "dim", indent="  ", hang="    ")
    return out


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
        parts.append("batch elimination" + (", a tie with the next is out" if rules.batch_elimination_if_equal else ""))
    if rules.continue_until_two:
        parts.append("continue until two")
    if rules.first_round_determines_threshold:
        parts.append("threshold fixed in round 1")
    tiebreak = rules.tiebreak
    if tiebreak.mode != "none":
        seed = f" (seed {tiebreak.seed})" if tiebreak.seed is not None else ""
        parts.append(f"tiebreak: {tiebreak.mode}{seed}")
    return f"{rules.method} ({', '.join(parts)})"


def possessive(name: str) -> str:
    """The possessive ending for a name: "Ana's", "Write-ins'"."""
    return "'" if name.endswith("s") else "'s"
