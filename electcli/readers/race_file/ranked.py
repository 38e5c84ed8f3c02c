"""A ranked-choice contest in a race file (`rule: irv` or `rule: stv`, shared/spec/ranked-choice.md).

The contest has candidates without votes and ``ballots`` instead; the counted figures come from
tabulating the ballots. Keys that only make sense with vote counts (``write_ins``, ``results``,
``recount``, reported counts) are refused by name rather than ignored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from electcli.errors import ModelError
from electcli.model import METHODS, RANKED_METHODS, Candidate, Contest, Rule, check_names
from electcli.readers.race_file.ballots import UNDECLARED_WRITE_IN, read_ballots
from electcli.readers.race_file.candidates import candidate_name
from electcli.readers.race_file.completeness import read_completeness
from electcli.readers.race_file.expected import read_expected
from electcli.readers.race_file.options import (
    check_overvote_labels,
    ranked_rules,
    read_options,
    read_ranked_tiebreak,
)
from electcli.readers.race_file.reader import placed
from electcli.readers.race_file.rules import ranked_preset
from electcli.readers.race_file.yaml_nodes import Entries, MappingNode, Node, NodeReader
from electcli.suggest import did_you_mean

if TYPE_CHECKING:
    from electcli.presets import Preset
    from electcli.readers.source import Source

RANKED_CANDIDATE_KEYS = ("name", "party", "write_in", "aliases")
# The words the results use for ballots leaving the count and for an stv surplus left over: keys
# beside the candidates' names in the transfers, so a candidate may not take them.
RESERVED_NAMES = ("exhausted", "residual surplus", "residual_surplus")
NOT_RANKED = {
    "choices": "a ballot measure has `choices:` Yes and No, decided by rule `measure`",
    "write_ins": "write-ins on ranked ballots are candidates (`write_in: true`), or a CVR file's undeclared write-ins",
    "results": "a ranked-choice contest is counted from its `ballots:`, not votes by unit",
    "recount": "recount margins apply to vote counts, not ranked-choice rounds",
    "ballots_cast": "the ballots are counted from `ballots:`",
    "over_votes": "overvotes are counted from the rankings in `ballots:`",
    "under_votes": "ballots that rank no one are counted from `ballots:`",
    "registered_voters": "reported counts are reconciled for vote-count contests only",
}


def read_ranked_contest(reader: NodeReader, entries: Entries, node: Node, name: str, source: Source) -> Contest:
    for key, why in NOT_RANKED.items():
        if key in entries:
            raise reader.error(entries[key][0], f"`{key}:` does not apply to a ranked-choice contest", why)
    method, preset = _method(reader, entries, node)
    if "candidates" not in entries:
        raise reader.error(
            node, f"contest {name!r} has no `candidates:`", "list the candidates: [{name: Ana}, {name: Ben}]"
        )
    if "ballots" not in entries:
        raise reader.error(
            entries["rule"][1],
            f"rule {preset.name if preset else method!r} is ranked-choice, counted from `ballots:`,"
            f" and contest {name!r} has none",
            "give the ballots: ballots: [{ranking: [Ana, Ben], count: 12}], or ballots: {file: cvr.csv};"
            " for vote counts use a vote-count rule (plurality, runoff...)",
        )
    listed, aliases = _candidates(reader, entries["candidates"][1])
    names = [candidate.name for candidate in listed]
    seats = _seats(reader, entries, method, len(names))
    options = read_options(reader, entries["options"][1] if "options" in entries else None, method, preset)
    tiebreak_node = entries["tiebreak"][1] if "tiebreak" in entries else None
    tiebreak = read_ranked_tiebreak(reader, tiebreak_node, names)
    try:  # the rules check themselves (RankedRules): seats 0, or more than one for irv
        rules = ranked_rules(method, seats, options, tiebreak)
    except ModelError as exc:
        raise placed(reader, entries, node, exc) from None
    check_overvote_labels(reader, options, entries["ballots"][1])
    read = read_ballots(reader, entries["ballots"][1], names, aliases, source)
    expected = read_expected(reader, entries["expected"], method, names) if "expected" in entries else None
    reporting, outstanding = read_completeness(reader, entries)
    candidates = list(listed)
    if read.ballots.undeclared_write_in is not None:
        # The pseudo-candidate takes part in the count (it can be eliminated), so it is listed.
        candidates.append(Candidate(name=UNDECLARED_WRITE_IN, votes=0))
    try:
        return Contest(
            name=name,
            rule=Rule(method=method, threshold=None, advance=0, preset=preset.name if preset else None),
            candidates=tuple(candidates),
            location=reader.where(node),
            seats=seats,
            tiebreak=tiebreak.order or None,
            tiebreak_location=reader.where(tiebreak_node) if tiebreak_node is not None else None,
            expected=expected,
            ballots=read.ballots,
            ranked=rules,
            sources=read.files,
            reporting=reporting,
            outstanding=outstanding,
        )
    except ModelError as exc:
        raise placed(reader, entries, node, exc) from None


def _method(reader: NodeReader, entries: Entries, node: Node) -> tuple[str, Preset | None]:
    """The count's method, and the ranked-choice preset when the rule names one (``us-me-rcv``)."""
    if "rule" not in entries:
        key = "ballots" if "ballots" in entries else "options"
        raise reader.error(
            entries[key][0],
            f"`{key}:` is for ranked-choice contests, and this contest has no `rule:`",
            "add `rule: irv` (one winner) or `rule: stv` (with `seats:`)",
        )
    rule_node = entries["rule"][1]
    if isinstance(rule_node, MappingNode):
        options = reader.mapping(rule_node, "rule", ("method", "threshold", "advance"), required=("method",))
        for key in ("threshold", "advance"):
            if key in options:
                raise reader.error(
                    options[key][0],
                    f"a ranked-choice rule has no `{key}`",
                    "the rule decides the votes needed: irv more than half of the continuing votes (or of the first"
                    " round's, with first_round_determines_threshold); stv a quota (options: quota)",
                )
        rule_node = options["method"][1]
    method = reader.text(rule_node, "rule")
    preset = ranked_preset(method)
    if preset is not None:
        return preset.method, preset
    if method not in RANKED_METHODS:
        key = "ballots" if "ballots" in entries else "options"
        if method not in METHODS:
            from electcli.presets import PRESETS

            if method not in PRESETS:
                ranked = [*RANKED_METHODS, *(p.name for p in PRESETS.values() if p.method in RANKED_METHODS)]
                guess = did_you_mean(method, ranked)
                raise reader.error(
                    rule_node,
                    f"unknown rule {method!r}",
                    f"{guess + ' ' if guess else ''}ranked-choice rules: {', '.join(ranked)}",
                )
        raise reader.error(
            rule_node,
            f"rule {method!r} counts votes, but this contest has `{key}:` (ranked-choice)",
            "use `rule: irv` or `rule: stv` with ballots, or give each candidate's `votes:` without ballots",
        )
    return method, None


def _candidates(reader: NodeReader, node: Node) -> tuple[list[Candidate], dict[str, str]]:
    """The candidates, named once each, with any other spellings a CVR file uses for them."""
    items = reader.sequence(node, "candidates")
    if not items:
        raise reader.error(node, "`candidates:` is an empty list", "list at least one candidate")
    candidates: list[Candidate] = []
    aliases: dict[str, str] = {}
    for item in items:
        entries = reader.mapping(item, "a candidate", (*RANKED_CANDIDATE_KEYS, "votes"), required=("name",))
        if "votes" in entries:
            raise reader.error(
                entries["votes"][0],
                "a ranked-choice candidate has no `votes:`",
                "the ballots give the counts: remove `votes:` (or use a vote-count rule such as plurality)",
            )
        name, name_location = candidate_name(reader, entries)
        if name == UNDECLARED_WRITE_IN:
            raise reader.error(
                entries["name"][1],
                f"{name!r} is reserved",
                "undeclared write-ins come from a CVR file's `undeclared_write_in_label`",
            )
        if name.strip().casefold() in RESERVED_NAMES:
            raise reader.error(
                entries["name"][1],
                f"a candidate may not be named {name!r}: the results use that word for"
                + (" ballots that leave the count" if "exhausted" in name.casefold() else " a surplus left over"),
                "name the candidate otherwise (a CVR file may still spell it so: give the name as an alias)",
            )
        if "aliases" in entries:
            for alias, alias_node in reader.names(entries["aliases"][1], f"aliases of {name!r}"):
                if alias in aliases and aliases[alias] != name:
                    raise reader.error(
                        alias_node, f"{alias!r} already names another candidate", "give each spelling once"
                    )
                aliases[alias] = name
        candidates.append(
            Candidate(
                name=name,
                votes=0,
                party=reader.text(entries["party"][1], "party") if "party" in entries else None,
                write_in=reader.flag(entries["write_in"][1], "write_in") if "write_in" in entries else False,
                location=name_location,
            )
        )
    named = check_names(candidates, reader.where(node))  # before the ballots are read against them
    for alias, target in aliases.items():
        if alias in named and alias != target:
            raise reader.error(
                node, f"{alias!r} is both a candidate and an alias of {target!r}", "give each spelling once"
            )
    return candidates, aliases


def _seats(reader: NodeReader, entries: Entries, method: str, candidates: int) -> int:
    if "seats" not in entries:
        return 1
    node = entries["seats"][1]
    seats = reader.count(node, "seats")  # 0, or more than one for irv: the rules refuse them
    if method == "stv" and seats > candidates:
        raise reader.error(
            node,
            f"seats is {seats}, but the contest has only {candidates} candidate{'s' if candidates != 1 else ''}",
            f"give seats: {candidates} or fewer, or list every candidate",
        )
    return seats
