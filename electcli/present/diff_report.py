"""``electcli diff`` reports: text for people, JSON for scripts."""

from __future__ import annotations

import json
from collections.abc import Sequence
from fractions import Fraction

from electcli.diff import ContestDiff
from electcli.present.ranked_verdict import figure_text


def _value(value: object) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, list):
        return "[" + ", ".join(str(item) for item in value) + "]"
    return str(value)


def _figure(value: object) -> Fraction | None:
    """A candidate's votes as a number: an int, or (ranked-choice JSON) the exact value of a
    fractional stv figure written as a string, "7.25" or "181/17"."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, str):
        try:
            return Fraction(value)
        except (ValueError, ZeroDivisionError):
            return None
    return None


def _votes(value: object) -> str:
    if value is None:
        return "not listed"
    figure = _figure(value)
    # shown as the round table shows it: separators, fractions to four places
    return f"{figure_text(figure) if figure is not None else _value(value)} votes"


def _delta(old: object, new: object) -> str:
    if isinstance(old, int) and isinstance(new, int) and not isinstance(old, bool) and not isinstance(new, bool):
        return f" ({new - old:+,})"
    return ""


def _votes_delta(old: object, new: object) -> str:
    before, after = _figure(old), _figure(new)
    if before is None or after is None:
        return ""
    change = after - before
    return f" ({'+' if change >= 0 else '-'}{figure_text(abs(change))})"


def text_lines(diffs: Sequence[ContestDiff]) -> list[str]:
    lines = []
    for diff in diffs:
        label = f"{diff.name}" + (f" ({diff.election})" if diff.election else "")
        if diff.status == "unchanged":
            continue
        if diff.status in ("added", "removed"):
            lines.append(f"{diff.status.upper()} {label}")
            continue
        lines.append(("OUTCOME CHANGED " if diff.outcome_changed else "CHANGED ") + label)
        for change in diff.changes:
            lines.append(
                f"  {change.field.replace('_', ' ')}: {_value(change.old)} -> {_value(change.new)}{_delta(change.old, change.new)}"
            )
        for change in diff.votes:
            lines.append(
                f"  {change.field}: {_votes(change.old)} -> {_votes(change.new)}{_votes_delta(change.old, change.new)}"
            )
    unchanged = sum(1 for diff in diffs if diff.status == "unchanged")
    outcome = sum(1 for diff in diffs if diff.outcome_changed)
    lines.append(
        f"{len(diffs)} contest{'' if len(diffs) == 1 else 's'}: {outcome} outcome change{'' if outcome == 1 else 's'}, {sum(1 for d in diffs if d.status == 'changed')} changed, {unchanged} unchanged, {sum(1 for d in diffs if d.status == 'added')} added, {sum(1 for d in diffs if d.status == 'removed')} removed"
    )
    return lines


def to_json(diffs: Sequence[ContestDiff]) -> str:
    document = {
        "outcome_changed": any(diff.outcome_changed for diff in diffs),
        "contests": [
            {
                "election": diff.election,
                "name": diff.name,
                "status": diff.status,
                "outcome_changed": diff.outcome_changed,
                "changes": {change.field: {"old": change.old, "new": change.new} for change in diff.changes},
                "votes": {change.field: {"old": change.old, "new": change.new} for change in diff.votes},
            }
            for diff in diffs
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
