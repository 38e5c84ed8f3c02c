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


# Words people write for a rule that electcli names otherwise: the hint says which rule they mean
# (for candidates, and for a ballot measure).
RULE_WORDS = {
    "majority": (
        "did you mean `runoff`? rule: runoff elects a candidate with a majority (>50%), else the top two "
        'go to a runoff; for another threshold, rule: {method: runoff, threshold: ">=40%"}',
        "did you mean `measure`? rule: measure passes with a majority (>50%) of Yes; for a supermajority, "
        'rule: {method: measure, threshold: ">=60%"}',
    ),
    "supermajority": (
        'a supermajority, else a runoff, is rule: {method: runoff, threshold: ">=60%"}',
        'did you mean `measure`? write rule: {method: measure, threshold: ">=60%"} (or ">=2/3"), or a '
        "state's preset (`electcli rules` lists them)",
    ),
    "fptp": ("did you mean `plurality`? the most votes win", "a ballot measure is decided by rule `measure`"),
    "first-past-the-post": (
        "did you mean `plurality`? the most votes win",
        "a ballot measure is decided by rule `measure`",
    ),
    "rcv": (
        "ranked-choice is rule: irv (one seat) or stv (several), with `ballots:`",
        "a ballot measure is decided by rule `measure`",
    ),
    "instant-runoff": (
        "did you mean `irv`? ranked-choice is rule: irv (one seat) or stv (several), with `ballots:`",
        "a ballot measure is decided by rule `measure`",
    ),
}


def _method(reader: NodeReader, node: Node, is_measure: bool) -> tuple[str, Preset | None]:
    """A method name, or a preset's name with the preset it stands for."""
    return method_named(reader.text(node, "rule"), reader.where(node), is_measure)


def ranked_preset(name: str) -> Preset | None:
    """The ranked-choice preset ``name`` names (``rule: us-me-rcv``), or None when it names no such preset."""
    if name in METHODS or name in RANKED_METHODS:
        return None  # a method: no need to load the presets
    from electcli.presets import PRESETS  # only when a file names something else

    preset = PRESETS.get(name)
    return preset if preset is not None and preset.method in RANKED_METHODS else None


def method_named(method: str, where: Location, is_measure: bool = False) -> tuple[str, Preset | None]:
    """The method a rule name stands for, and the preset when it names one (``is_measure``: for a
    ballot measure, which only changes the hint for a rule that does not exist)."""
    preset = ranked_preset(method)
    if method in RANKED_METHODS or preset is not None:
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
    word = method.strip().lower().replace("_", "-").replace(" ", "-")
    if word in RULE_WORDS:
        raise InputError(where, f"unknown rule {method!r}", RULE_WORDS[word][is_measure])
    # vote counts: the ranked-choice presets would be refused here, so they are not suggested
    guess = did_you_mean(method, [*METHODS, *(name for name, p in PRESETS.items() if p.method not in RANKED_METHODS)])
    raise InputError(
        where,
        f"unknown rule {method!r}",
        f"{guess + ' ' if guess else ''}rules: {', '.join(METHODS)}, or a preset (`electcli rules` lists them)",
    )


def misplaced_rule_keys(reader: NodeReader, node: Node) -> None:
    """Refuse `threshold:`, `advance:` or `method:` written as contest keys, showing the `rule:`
    they belong in (`rule: {method: measure, threshold: ">=60%"}`), before the contest's keys are
    read (where they would only be unknown keys)."""
    if not isinstance(node, MappingNode):
        return
    entries = {key.value: (key, value) for key, value in node.value if isinstance(key, ScalarNode)}
    misplaced = [key for key in RULE_KEYS if key in entries]
    if not misplaced:
        return
    rule: dict[str, str] = {}
    written = entries.get("rule")
    if written is not None and isinstance(written[1], ScalarNode):
        rule["method"] = written[1].value
    elif written is not None and isinstance(written[1], MappingNode):
        rule.update(
            (key.value, value.value)
            for key, value in written[1].value
            if isinstance(key, ScalarNode) and isinstance(value, ScalarNode)
        )
    if rule.get("method") in RANKED_METHODS or "ballots" in entries:
        return  # ranked-choice rules take no threshold or advance: the unknown key is reported as such
    for key in misplaced:
        value = entries[key][1]
        if isinstance(value, ScalarNode):
            rule[key] = value.value
    first = misplaced[0]
    because = ""
    if rule.get("method") not in METHODS:  # none given, or a preset (whose threshold is fixed)
        from electcli.presets import PRESETS

        preset = PRESETS.get(rule.get("method", ""))
        if preset is not None:
            because = f"preset {preset.name!r} fixes the {first} by law; to set your own, "
        rule["method"] = preset.method if preset else MEASURE if "choices" in entries else RUNOFF
    parts = [f"{key}: {_flow_value(key, rule[key])}" for key in RULE_KEYS if key in rule]
    suggestion = "rule: {" + ", ".join(parts) + "}"
    instead = "`rule:` and this line" if written is not None else "this line"
    raise reader.error(
        entries[first][0],
        f"`{first}:` is not a contest key: it belongs inside `rule:`",
        f"{because}write {suggestion} in place of {instead}",
    )


def _flow_value(key: str, value: str) -> str:
    # A threshold starts with > or ≥, which YAML reads as a folded block unless quoted.
    return f'"{value}"' if key == "threshold" else value


def rule_named(name: str, where: Location) -> tuple[Rule, Preset | None]:
    """A whole rule from its name alone (a method with its defaults, or a preset)."""
    method, preset = method_named(name, where)
    if method == MEASURE:
        raise InputError(where, f"rule {name!r} is for ballot measures (Yes and No), not candidates")
    if preset is not None:
        return preset_rule(preset), preset
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
            method, preset = _method(reader, options["method"][1], is_measure)
        else:
            method, preset = _method(reader, entry[1], is_measure)
        if is_measure and method != MEASURE:
            raise reader.error(
                entry[1], f"a ballot measure (with `choices:`) is decided by rule `measure`, not {method!r}"
            )
        if not is_measure and method == MEASURE:
            called = f"rule {preset.name!r} (a ballot measure)" if preset else "rule `measure`"
            raise reader.error(entry[1], f"{called} needs `choices:` (Yes and No), not `candidates:`")
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
