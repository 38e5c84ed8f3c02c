"""A ranked-choice contest's ``options:`` and ``tiebreak:`` (shared/spec/ranked-choice.md), read
into ``RankedRules``. Every key and value is checked; a misspelt value gets a "did you mean".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from electcli.errors import InputError
from electcli.ranked.rules import (
    EXHAUST,
    EXHAUST_IF_MULTIPLE_CONTINUING,
    IRV,
    MAJORITY,
    MULTI_WINNER,
    NO_LIMIT,
    SKIP,
    STV,
    TIE_NONE,
    TIE_ORDER,
    TIE_RANDOM,
    RankedRules,
    Tiebreak,
    option_text,
)
from electcli.readers.race_file.candidates import read_tiebreak
from electcli.readers.race_file.yaml_nodes import MappingNode, Node, NodeReader, ScalarNode, SequenceNode, describe
from electcli.suggest import did_you_mean

if TYPE_CHECKING:
    from electcli.presets import Preset

OPTION_KEYS = (
    "overvote", "max_skipped", "duplicate", "max_rankings",
    "batch_elimination", "batch_elimination_if_equal", "continue_until_two", "first_round_determines_threshold", "quota",
)  # fmt: skip
CHOICES = {
    # exhaust_if_multiple_continuing is an electcli extension of the contract (RCTab's
    # exhaustIfMultipleContinuing; the rule of Burlington's ChoicePlus counts)
    "overvote": (EXHAUST, SKIP, EXHAUST_IF_MULTIPLE_CONTINUING),
    "duplicate": (SKIP, EXHAUST),
    "quota": ("droop", "hare"),
}
CHOICE_MEANING = {
    "overvote": (
        "exhaust (the ballot stops counting at an overvote), skip (to the next rank), or"
        " exhaust_if_multiple_continuing (it stops only when two or more of the candidates marked there"
        " are continuing; with one, it counts for that one)"
    ),
    "duplicate": "skip (a candidate ranked again is passed over) or exhaust (the ballot stops counting)",
    "quota": "droop (floor(valid / (seats + 1)) + 1) or hare (valid / seats)",
}
TIEBREAK_HINT = (
    "give the order decided by lot, tiebreak: [Cy, Ben, Ana], or a seeded draw, tiebreak: {random: 20261103}"
)
SEED_HINT = "the seed of a draw is a whole number (0 or more) the draw starts from: tiebreak: {random: 20261103}"
# What each whole-number option means, for the hint when its value is not one (the generic hint
# of ``NodeReader.count`` speaks of vote counts).
LIMIT_HINTS = {
    "max_skipped": "max_skipped is how many skipped ranks in a row a ballot may have and still count:"
    " a whole number, 0 or more, or 'unlimited'",
    "max_rankings": "max_rankings is how many ranks a ballot may mark: a whole number, 1 or more, or 'all'",
}


def whole_number(reader: NodeReader, node: Node, what: str, hint: str) -> int:
    """``reader.count`` with a hint about the option at hand instead of the one about vote counts."""
    try:
        return reader.count(node, what)
    except InputError as exc:
        raise InputError(exc.location, exc.problem, hint) from None


def read_options(reader: NodeReader, node: Node | None, method: str, preset: Preset | None = None) -> dict[str, object]:
    """The options given, as ``RankedRules`` keyword arguments (defaults for those left out), with
    those a ranked-choice ``preset`` fixes by law; an option given against the preset is refused."""
    fixed = dict(preset.options) if preset is not None else {}
    values: dict[str, object] = dict(fixed)
    if node is None:
        return values
    entries = reader.mapping(node, "options", OPTION_KEYS)
    for key, (key_node, value_node) in entries.items():
        if key in CHOICES:
            values[key] = _choice(reader, key, value_node)
        elif key in NO_LIMIT:
            values[key] = _limit(reader, key, value_node)
        else:
            values[key] = reader.flag(value_node, key)
        problem = preset_conflict(preset, key, values[key]) if preset is not None else None
        if preset is not None and problem:
            raise reader.error(
                value_node,
                problem,
                f"remove `{key}:`, or count under other rules with rule: {preset.method} and your own options",
            )
        if key == "quota" and method != STV:
            raise reader.error(key_node, "`quota` applies to stv only", "irv elects whoever has more than half")
        if key == "continue_until_two" and method != IRV:
            raise reader.error(
                key_node,
                "`continue_until_two` applies to irv only",
                "an stv count ends when every seat is filled",
            )
        if key == "first_round_determines_threshold" and method != IRV:
            raise reader.error(
                key_node,
                "`first_round_determines_threshold` applies to irv only",
                "an stv quota is always fixed by the first round's valid ballots",
            )
    if values.get("batch_elimination_if_equal") and not values.get("batch_elimination"):
        raise reader.error(
            entries["batch_elimination_if_equal"][0],
            "batch_elimination_if_equal applies only with batch elimination",
            "add batch_elimination: true",
        )
    if values.get("max_rankings") == 0:
        raise reader.error(entries["max_rankings"][1], "max_rankings is 0, so no ballot would count", "give 1 or more")
    return values


def preset_conflict(preset: Preset, key: str, value: object) -> str | None:
    """What is wrong when option ``key`` is given ``value`` against a ranked-choice ``preset`` that
    fixes it otherwise; None when the preset leaves it open or fixes the same value (of the same
    type: 1 is not True)."""
    fixed = dict(preset.options)
    if key not in fixed or (type(value), value) == (type(fixed[key]), fixed[key]):
        return None
    return f"preset {preset.name} counts with {key}: {option_text(key, fixed[key])} ({preset.citation})"


def _choice(reader: NodeReader, key: str, node: Node) -> str:
    value = reader.text(node, key)
    allowed = CHOICES[key]
    if value not in allowed:
        guess = did_you_mean(value, allowed)
        raise reader.error(
            node,
            f"{key} {value!r} is not one of {', '.join(allowed)}",
            f"{guess + ' ' if guess else ''}{key}: {CHOICE_MEANING[key]}",
        )
    return value


def _limit(reader: NodeReader, key: str, node: Node) -> int | None:
    word = NO_LIMIT[key]
    if isinstance(node, ScalarNode) and node.value == word:
        return None
    if isinstance(node, ScalarNode) and not node.value.lstrip("-").isdigit() and node.value.isalpha():
        guess = did_you_mean(node.value, [word])
        raise reader.error(
            node,
            f"{key} {node.value!r} is not a number",
            f"{guess + ' ' if guess else ''}give a whole number, or {word!r} for no limit",
        )
    return whole_number(reader, node, key, LIMIT_HINTS[key])


def check_overvote_labels(reader: NodeReader, options: dict[str, object], ballots: Node) -> None:
    """Refuse ``overvote_label`` with exhaust_if_multiple_continuing, as RCTab refuses overvoteLabel
    with exhaustIfMultipleContinuing: a labelled overvote does not say which candidates were marked,
    so whether two of them are continuing cannot be known (the engine would exhaust the ballot,
    which is not the rule the file asks for)."""
    if options.get("overvote") != EXHAUST_IF_MULTIPLE_CONTINUING:
        return
    items = ballots.value if isinstance(ballots, SequenceNode) else [ballots]
    for item in items:
        if not isinstance(item, MappingNode):
            continue
        for key, _ in item.value:
            if isinstance(key, ScalarNode) and key.value == "overvote_label":
                raise reader.error(
                    key,
                    "an overvote_label does not say which candidates were marked, so"
                    " overvote: exhaust_if_multiple_continuing cannot apply",
                    "use overvote: exhaust or skip, or a CVR whose overvotes name the candidates (overvote_delimiter)",
                )


def read_ranked_tiebreak(reader: NodeReader, node: Node | None, names: list[str]) -> Tiebreak:
    """`tiebreak:` as an order decided by lot (a list) or a seeded draw (`{random: SEED}`)."""
    if node is None:
        return Tiebreak(mode=TIE_NONE)
    if isinstance(node, MappingNode):
        entries = reader.mapping(node, "tiebreak", ("random",), required=("random",))
        seed_node = entries["random"][1]
        if not isinstance(seed_node, ScalarNode):
            raise reader.error(
                seed_node, f"the random seed must be a whole number, not {describe(seed_node)}", TIEBREAK_HINT
            )
        return Tiebreak(mode=TIE_RANDOM, seed=whole_number(reader, seed_node, "random seed", SEED_HINT))
    if isinstance(node, ScalarNode) and not node.value:
        raise reader.error(node, "`tiebreak:` is empty", TIEBREAK_HINT)
    if isinstance(node, ScalarNode) and node.value.strip().lower() == "random":
        raise reader.error(
            node,
            "`tiebreak: random` gives no seed, so the draw could not be repeated",
            "give the draw's seed: tiebreak: {random: SEED}, SEED a whole number such as 20261103",
        )
    order = read_tiebreak(reader, node, names)  # the order, read as for vote-count contests
    if not order:
        raise reader.error(node, "`tiebreak:` is an empty list", TIEBREAK_HINT)
    return Tiebreak(mode=TIE_ORDER, order=order)


def ranked_rules(method: str, seats: int, options: dict[str, object], tiebreak: Tiebreak) -> RankedRules:
    """The counting rules: irv finds a majority winner, stv fills ``seats`` by quota."""
    winner_mode = MAJORITY if method == IRV else MULTI_WINNER
    return RankedRules(method=method, seats=seats, winner_mode=winner_mode, tiebreak=tiebreak, **options)  # type: ignore[arg-type]
