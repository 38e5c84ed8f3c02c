"""Read a race file (shared/spec/race-file.md) into the model, checking everything on the way.

The reader walks libyaml's node tree once. Each value keeps its line and column, so every error
names the place; unknown or duplicate keys, wrong types and inconsistent totals are all refused.

This module reads the file's structure (one contest or a list, the election) and puts each
contest together; its parts are read by rules (rule, preset, seats),
candidates (candidates or choices, totals, write-ins, tiebreak), ranked
(ranked-choice contests, with ballots and options), results
(votes by unit, counts files), openelections (results from an OpenElections file, imported
only when a contest names one) and expected (what the file expects).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from electcli.errors import InputError, Location, ModelError
from electcli.model import PYTHON, RANKED_METHODS, Contest, Election, RaceFile
from electcli.readers.race_file.candidates import (
    Listed,
    candidate_totals,
    read_candidates,
    read_choices,
    read_tiebreak,
    read_write_ins,
)
from electcli.readers.race_file.completeness import KEYS as COMPLETENESS_KEYS
from electcli.readers.race_file.completeness import read_completeness
from electcli.readers.race_file.expected import read_expected
from electcli.readers.race_file.results import names_clarity, names_openelections, read_results
from electcli.readers.race_file.rules import (
    method_named,
    misplaced_rule_keys,
    preset_recount,
    ranked_preset,
    read_rule,
    read_seats,
    rule_named,
)
from electcli.readers.race_file.yaml_nodes import Entries, MappingNode, Node, NodeReader, ScalarNode, compose, describe
from electcli.readers.source import Source
from electcli.values import parse_recount

if TYPE_CHECKING:
    from electcli.readers.race_file.openelections import OpenElectionsResults

# The public names, still importable from here now that rules and candidates have modules of their own.
__all__ = ["Listed", "method_named", "read_race_file", "rule_named"]

TOP_KEYS = ("election", "contests")
ELECTION_KEYS = ("name", "date", "jurisdiction")
# Counts reported beside the votes (an extension, see README.md), reconciled with the votes.
REPORTED_KEYS = ("ballots_cast", "over_votes", "under_votes", "registered_voters")
CONTEST_KEYS = (
    "name", "seats", "rule", "candidates", "choices", "write_ins", "results",
    "tiebreak", "recount", "expected", "ballots", "options", *REPORTED_KEYS, *COMPLETENESS_KEYS,
)  # fmt: skip
SINGLE_CONTEST_KEYS = (*CONTEST_KEYS, "election")


def read_race_file(source: Source) -> RaceFile:
    """The whole file, checked; raises ``InputError`` at the first problem."""
    reader = NodeReader(source.name)
    start_hint = "a race file has `contests:` (a list of contests), or one contest's `name:` and `candidates:`"
    if not source.text.strip():
        raise InputError(Location(source.name), "is empty", start_hint)
    root = compose(source.text, source.name)
    if root is None:
        raise InputError(Location(source.name), "is empty (it holds only comments)", start_hint)
    if not isinstance(root, MappingNode):
        raise reader.error(root, f"the top level is {describe(root)}, not a mapping", start_hint)
    top_keys = {key.value for key, _ in root.value if isinstance(key, ScalarNode)}
    if "contests" in top_keys:
        for single in ("candidates", "choices", "ballots"):
            if single in top_keys:
                raise reader.error(
                    root,
                    f"the file has both `contests:` and a top-level `{single}:`",
                    "put each contest, with its candidates, in the `contests:` list",
                )
        top = reader.mapping(root, "the race file", TOP_KEYS)
        election = _election(reader, top["election"][1]) if "election" in top else Election()
        items = reader.sequence(top["contests"][1], "contests")
        if not items:
            raise reader.error(top["contests"][1], "`contests:` is an empty list", "add at least one contest")
        contests = [_contest(reader, _contest_entries(reader, item, CONTEST_KEYS), item, source) for item in items]
    elif top_keys & {"candidates", "choices", "ballots", "results"}:
        top = _contest_entries(reader, root, SINGLE_CONTEST_KEYS, "the contest")
        election = _election(reader, top["election"][1]) if "election" in top else Election()
        contests = [_contest(reader, top, root, source)]
    else:
        # Neither form: most likely a misspelt `contests:` or `candidates:`; say which key.
        reader.mapping(root, "the race file", (*TOP_KEYS, *SINGLE_CONTEST_KEYS))
        raise reader.error(root, "no contests found", start_hint)
    seen: dict[str, Contest] = {}
    for contest in contests:
        if contest.name in seen:
            raise InputError(
                contest.location,
                f"contest name {contest.name!r} is used twice (first at line {seen[contest.name].location.line})",
                "give each contest its own name",
            )
        seen[contest.name] = contest
    return RaceFile(path=source.name, election=election, contests=tuple(contests), sha256=source.sha256)


def placed(reader: NodeReader, entries: Entries, node: Node, exc: ModelError) -> InputError:
    """A refusal of the model's (electcli.model.Contest) said at the place in the file of the part
    it refuses: `seats:`, `choices:`... (a candidate's own place, the model knows)."""
    if exc.location in (reader.where(node), PYTHON) and exc.part in entries:
        return exc.at(reader.where(entries[exc.part][1]))
    return exc


def _contest_entries(reader: NodeReader, node: Node, allowed: tuple[str, ...], what: str = "a contest") -> Entries:
    misplaced_rule_keys(reader, node)  # `threshold:` beside `rule:` rather than in it: say where it goes
    return reader.mapping(node, what, allowed)


def is_ranked(entries: Entries) -> bool:
    """Whether a contest's keys make it ranked-choice: a ranked rule (or preset), `ballots:` or `options:`."""
    if "ballots" in entries or "options" in entries:
        return True
    rule = entries["rule"][1] if "rule" in entries else None
    if isinstance(rule, MappingNode):
        rule = next((value for key, value in rule.value if isinstance(key, ScalarNode) and key.value == "method"), None)
    return isinstance(rule, ScalarNode) and (rule.value in RANKED_METHODS or ranked_preset(rule.value) is not None)


def _election(reader: NodeReader, node: Node) -> Election:
    entries = reader.mapping(node, "election", ELECTION_KEYS)
    values = {key: reader.text(value, f"election {key}") for key, (_, value) in entries.items()}
    return Election(**values)


def _contest(reader: NodeReader, entries: Entries, node: Node, source: Source) -> Contest:
    if "name" not in entries:
        raise reader.error(node, "a contest has no `name:`", "every contest needs a name, unique in the file")
    name = reader.text(entries["name"][1], "contest name")
    if is_ranked(entries):
        from electcli.readers.race_file.ranked import read_ranked_contest  # only for ranked contests

        return read_ranked_contest(reader, entries, node, name, source)
    if names_clarity(entries):
        from electcli.readers.race_file.clarity import read_clarity_contest  # only for such contests

        return read_clarity_contest(reader, entries, node, name, source)
    is_measure = "choices" in entries
    if is_measure and "candidates" in entries:
        raise reader.error(
            entries["choices"][0],
            "a contest has both `candidates:` and `choices:`",
            "use `choices:` (Yes and No) for a ballot measure, `candidates:` otherwise",
        )
    openelections: OpenElectionsResults | None = None
    if names_openelections(entries):
        from electcli.readers.race_file.openelections import OpenElectionsResults  # only for such contests

        openelections = OpenElectionsResults.read(reader, entries["results"], source)
    if not is_measure and "candidates" not in entries and openelections is None:
        raise reader.error(
            node,
            f"contest {name!r} has no `candidates:`",
            "list the candidates with their votes (or `choices:` Yes/No for a ballot measure)",
        )
    rule, preset = read_rule(reader, entries.get("rule"), is_measure)
    seats = read_seats(reader, entries.get("seats"))
    if is_measure:
        for key in ("write_ins", "tiebreak", "recount"):
            if key in entries:
                raise reader.error(
                    entries[key][0],
                    f"`{key}:` does not apply to a ballot measure",
                    "remove it; a measure has only the choices Yes and No",
                )
        listed = read_choices(reader, entries["choices"][1])
    elif "candidates" in entries:
        listed = read_candidates(reader, entries["candidates"][1])
    else:  # every candidate of the OpenElections contest
        assert openelections is not None
        listed = [Listed(n, entries["results"][1], None, None, p) for n, p, _ in openelections.contest.candidates]
    names = [entry.name for entry in listed]
    if openelections is not None:
        results, sums = openelections.results(reader, listed, entries["results"][1])
    elif "results" in entries:
        results, sums = read_results(reader, entries["results"][1], names, source)
    else:
        results, sums = None, None
    candidates = candidate_totals(reader, listed, sums)
    write_ins = read_write_ins(reader, entries.get("write_ins"), sums)
    tiebreak = None
    if "tiebreak" in entries:
        tiebreak = read_tiebreak(reader, entries["tiebreak"][1], names)
    # A preset brings its statute's recount margin; a `recount:` of the file's own takes its place.
    recount = preset_recount(preset)
    if "recount" in entries:
        recount_node = entries["recount"][1]
        if not isinstance(recount_node, ScalarNode):
            raise reader.error(recount_node, f'recount must be text such as "<=0.5%", not {describe(recount_node)}')
        recount = parse_recount(recount_node.value, reader.where(recount_node))
    expected = read_expected(reader, entries["expected"], rule.method, names) if "expected" in entries else None
    reported = tuple((key, reader.count(entries[key][1], key)) for key in REPORTED_KEYS if key in entries)
    if openelections is not None:
        reported = openelections.merge_reported(reader, entries, reported)
    reporting, outstanding = read_completeness(reader, entries)
    try:
        return Contest(
            name=name,
            reported=reported,
            rule=rule,
            candidates=tuple(candidates),
            location=reader.where(node),
            seats=seats,
            write_ins=write_ins,
            tiebreak=tiebreak,
            tiebreak_location=reader.where(entries["tiebreak"][1]) if tiebreak is not None else None,
            recount=recount,
            results=results,
            expected=expected,
            reporting=reporting,
            outstanding=outstanding,
        )
    except ModelError as exc:
        raise placed(reader, entries, node, exc) from None
