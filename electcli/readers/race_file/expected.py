"""A contest's ``expected:`` in a race file: the outcome, winners and recount the file expects,
checked against what the contest's rule can decide.
"""

from __future__ import annotations

from electcli.model import MEASURE, PLURALITY, RUNOFF, TOP, Expected
from electcli.readers.race_file.yaml_nodes import Node, NodeReader, ScalarNode
from electcli.suggest import name_hint

EXPECTED_KEYS = ("outcome", "winners", "advancing", "tied", "recount", "leaders")

# What each method can decide, and which expectations make sense for it.
OUTCOMES = {
    PLURALITY: ("winner", "tie", "leading"),
    RUNOFF: ("winner", "runoff", "tie", "leading"),
    TOP: ("advance", "tie", "leading"),
    MEASURE: ("pass", "fail", "leading"),
    "irv": ("winner", "tie", "leading"),
    "stv": ("winner", "tie", "leading"),
}
# `leaders` goes with outcome `leading` (a count still incomplete): who is ahead, in finishing order.
EXPECTABLE = {
    PLURALITY: ("outcome", "winners", "tied", "recount", "leaders"),
    RUNOFF: ("outcome", "winners", "advancing", "tied", "recount", "leaders"),
    TOP: ("outcome", "advancing", "tied", "recount", "leaders"),
    MEASURE: ("outcome",),
    "irv": ("outcome", "winners", "tied", "leaders"),
    "stv": ("outcome", "winners", "tied", "leaders"),
}


def read_expected(reader: NodeReader, entry: tuple[ScalarNode, Node], method: str, names: list[str]) -> Expected:
    """What the file expects of the contest; each item must be one the rule can decide, and name
    only the contest's candidates."""
    expected_key, node = entry
    entries = reader.mapping(node, "expected", EXPECTED_KEYS)
    if not entries:
        raise reader.error(node, "`expected:` is empty", "give at least `outcome:`")
    for key, (key_node, _) in entries.items():
        if key not in EXPECTABLE[method]:
            raise reader.error(
                key_node,
                f"`{key}` can never hold under rule {method!r}",
                f"expect only: {', '.join(EXPECTABLE[method])}",
            )
    values: dict[str, object] = {}
    if "outcome" in entries:
        outcome_node = entries["outcome"][1]
        outcome = reader.text(outcome_node, "expected outcome")
        if outcome not in OUTCOMES[method]:
            raise reader.error(
                outcome_node,
                f"outcome {outcome!r} cannot happen under rule {method!r}",
                f"possible outcomes: {', '.join(OUTCOMES[method])}",
            )
        values["outcome"] = outcome
    for key in ("winners", "advancing", "tied", "leaders"):
        if key in entries:
            listed = reader.names(entries[key][1], f"expected {key}")
            for name, item in listed:
                if name not in names:
                    raise reader.error(
                        item,
                        f"expected {key} names {name!r}, who is not a candidate in this contest",
                        name_hint(name, names),
                    )
            values[key] = tuple(name for name, _ in listed)
    if "recount" in entries:
        values["recount"] = reader.flag(entries["recount"][1], "expected recount")
    # Failures point at the `expected:` key, the line a person would open to fix them.
    return Expected(location=reader.where(expected_key), **values)  # type: ignore[arg-type]
