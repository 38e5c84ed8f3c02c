"""A contest's rule and seats in a race file: a method with its options, or a preset's name.

OpenElections and NIST inputs name rules too, so the parts that do not depend on YAML
(``method_named``, ``rule_named``, a preset's rule and recount margin) are shared from here.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from electcli.errors import InputError, Location, ModelError
from electcli.model import MEASURE, METHODS, PLURALITY, RANKED_METHODS, RUNOFF, TOP, Recount, Rule, Threshold
from electcli.readers.race_file.yaml_nodes import Entries, MappingNode, Node, NodeReader, ScalarNode, describe
from electcli.suggest import did_you_mean
from electcli.values import parse_recount, parse_threshold

if TYPE_CHECKING:
    from electcli.presets import Preset

RULE_KEYS = ("method", "threshold", "advance")
MAJORITY = Threshold(strict=True, share=Fraction(1, 2), text=">50%")
DEFAULT_ADVANCE = 2


def _method(reader: NodeReader, node: Node) -> tuple[str, Preset | None]:
    """A method name, or a preset's name with the preset it stands for."""
    return method_named(reader.text(node, "rule"), reader.where(node))


def method_named(method: str, where: Location) -> tuple[str, Preset | None]:
    """The method a rule name stands for, and the preset when it names one."""
    if method in RANKED_METHODS:
        # Race files read ranked-choice contests before they get here (race_file.ranked).
        raise InputError(
            where,
            f"rule {method!r} (ranked-choice) is counted from ranked ballots, which this input does not have",
            f"give the ballots in a race file (rule: {method}, ballots: ...) or an RCTab configuration; "
            f"rules for vote counts: {', '.join(METHODS)}",
        )
    if method in METHODS:
        return method, None
    from electcli.presets import PRESETS  # only when a file names a preset

    if method in PRESETS:
        return PRESETS[method].method, PRESETS[method]
    guess = did_you_mean(method, [*METHODS, *PRESETS])
    raise InputError(
        where,
        f"unknown rule {method!r}",
        f"{guess + ' ' if guess else ''}rules: {', '.join(METHODS)}, or a preset (`electcli rules` lists them)",
    )


def rule_named(name: str, where: Location) -> tuple[Rule, Preset | None]:
    """A whole rule from its name alone (a method with its defaults, or a preset)."""
    method, preset = method_named(name, where)
    if preset is not None:
        return preset_rule(preset), preset
    if method == MEASURE:
        raise InputError(where, "rule `measure` is for ballot measures (Yes and No), not candidates")
    threshold = MAJORITY if method == RUNOFF else None
    return Rule(method=method, threshold=threshold, advance=DEFAULT_ADVANCE if method in (RUNOFF, TOP) else 0), None


def preset_rule(preset: Preset) -> Rule:
    """The rule a preset fixes by law: its method, threshold, advance and tie rule."""
    threshold = parse_threshold(preset.threshold, Location(preset.name)) if preset.threshold else None
    return Rule(preset.method, threshold, preset.advance, preset.name, preset.ties_advance)


def preset_recount(preset: Preset | None) -> Recount | None:
    """The recount margin a preset brings from its statute (None without a preset, or without one)."""
    return parse_recount(preset.recount, Location(preset.name)) if preset is not None and preset.recount else None


def read_rule(
    reader: NodeReader, entry: tuple[ScalarNode, Node] | None, is_measure: bool
) -> tuple[Rule, Preset | None]:
    """A contest's `rule:` (a method's name, a preset's, or a method with its options); without
    one, plurality (measure for a ballot measure)."""
    options: Entries = {}
    preset = None
    if entry is None:
        method = MEASURE if is_measure else PLURALITY
    else:
        if isinstance(entry[1], MappingNode):
            options = reader.mapping(entry[1], "rule", RULE_KEYS, required=("method",))
            method, preset = _method(reader, options["method"][1])
        else:
            method, preset = _method(reader, entry[1])
        if is_measure and method != MEASURE:
            raise reader.error(
                entry[1], f"a ballot measure (with `choices:`) is decided by rule `measure`, not {method!r}"
            )
        if not is_measure and method == MEASURE:
            raise reader.error(entry[1], "rule `measure` needs `choices:` (Yes and No), not `candidates:`")
    if preset is not None:
        for key in ("threshold", "advance"):
            if key in options:
                raise reader.error(
                    options[key][0],
                    f"preset {preset.name!r} fixes the {key} by law",
                    f"to set your own, write the rule out: {{method: {preset.method}, threshold: ..., advance: ...}}",
                )
        return preset_rule(preset), preset
    # As given, else the method's default; the model (Rule) refuses what does not go with the method.
    threshold = MAJORITY if method in (RUNOFF, MEASURE) else None
    if "threshold" in options:
        node = options["threshold"][1]
        if not isinstance(node, ScalarNode):
            raise reader.error(node, f'threshold must be text such as ">50%", not {describe(node)}')
        threshold = parse_threshold(node.value, reader.where(node))
    advance = DEFAULT_ADVANCE if method in (RUNOFF, TOP) else 0
    if "advance" in options:
        advance = reader.count(options["advance"][1], "advance")
    try:
        return Rule(method=method, threshold=threshold, advance=advance), None
    except ModelError as exc:  # at the key that does not apply, or at the value out of range
        if exc.part not in options:
            raise
        key_node, value_node = options[exc.part]
        at_value = method in (RUNOFF, TOP) and exc.part == "advance"
        raise exc.at(reader.where(value_node if at_value else key_node)) from None


def read_seats(reader: NodeReader, entry: tuple[ScalarNode, Node] | None) -> int:
    """A contest's `seats:` (1 without it); the model (Contest) refuses 0, and more than one
    outside plurality and stv."""
    return 1 if entry is None else reader.count(entry[1], "seats")
