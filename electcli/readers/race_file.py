"""Read a race file (shared/spec/race-file.md) into the model, checking everything on the way.

The reader walks libyaml's node tree once. Each value keeps its line and column, so every error
names the place; unknown or duplicate keys, wrong types and inconsistent totals are all refused.
"""

from __future__ import annotations

import os
from fractions import Fraction
from typing import TYPE_CHECKING, NamedTuple

from electcli.errors import InputError, Location
from electcli.model import (
    MEASURE,
    METHODS,
    PLURALITY,
    RANKED_METHODS,
    RUNOFF,
    TOP,
    WRITE_INS,
    Candidate,
    Contest,
    Election,
    Expected,
    RaceFile,
    Results,
    Rule,
    Threshold,
)
from electcli.readers.source import STDIN, Source
from electcli.readers.yaml_nodes import MappingNode, Node, NodeReader, ScalarNode, compose, describe
from electcli.suggest import did_you_mean, name_hint
from electcli.values import MAX_COUNT_DIGITS, parse_recount, parse_threshold

if TYPE_CHECKING:
    from electcli.presets import Preset
    from electcli.readers.openelections import OpenElectionsContest

TOP_KEYS = ("election", "contests")
ELECTION_KEYS = ("name", "date", "jurisdiction")
# Counts reported beside the votes (an extension, see README.md), reconciled with the votes.
REPORTED_KEYS = ("ballots_cast", "over_votes", "under_votes", "registered_voters")
CONTEST_KEYS = (
    "name", "seats", "rule", "candidates", "choices", "write_ins", "results",
    "tiebreak", "recount", "expected", "ballots", "options", *REPORTED_KEYS,
)  # fmt: skip
SINGLE_CONTEST_KEYS = (*CONTEST_KEYS, "election")
RULE_KEYS = ("method", "threshold", "advance")
CANDIDATE_KEYS = ("name", "party", "votes", "write_in")
CHOICE_KEYS = ("name", "votes")
RESULTS_KEYS = ("by", "units", "file")
OPENELECTIONS_KEYS = ("openelections", "office", "district", "party", "by")
EXPECTED_KEYS = ("outcome", "winners", "advancing", "tied", "recount")

# What each method can decide, and which expectations make sense for it.
OUTCOMES = {
    PLURALITY: ("winner", "tie"),
    RUNOFF: ("winner", "runoff", "tie"),
    TOP: ("advance", "tie"),
    MEASURE: ("pass", "fail"),
}
EXPECTABLE = {
    PLURALITY: ("outcome", "winners", "tied", "recount"),
    RUNOFF: ("outcome", "winners", "advancing", "tied", "recount"),
    TOP: ("outcome", "advancing", "tied", "recount"),
    MEASURE: ("outcome",),
}
MAJORITY = Threshold(strict=True, share=Fraction(1, 2), text=">50%")
DEFAULT_ADVANCE = 2

Entries = dict[str, tuple[ScalarNode, Node]]


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
        contests = [_contest(reader, reader.mapping(item, "a contest", CONTEST_KEYS), item, source) for item in items]
    elif top_keys & {"candidates", "choices", "ballots"}:
        top = reader.mapping(root, "the contest", SINGLE_CONTEST_KEYS)
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


def _election(reader: NodeReader, node: Node) -> Election:
    entries = reader.mapping(node, "election", ELECTION_KEYS)
    values = {key: reader.text(value, f"election {key}") for key, (_, value) in entries.items()}
    return Election(**values)


def _contest(reader: NodeReader, entries: Entries, node: Node, source: Source) -> Contest:
    if "name" not in entries:
        raise reader.error(node, "a contest has no `name:`", "every contest needs a name, unique in the file")
    name = reader.text(entries["name"][1], "contest name")
    if "ballots" in entries or "options" in entries:
        key = "ballots" if "ballots" in entries else "options"
        raise reader.error(
            entries[key][0],
            f"`{key}:` is for ranked-choice contests, which this version of electcli does not count yet",
            "give each candidate's `votes:` instead",
        )
    is_measure = "choices" in entries
    if is_measure and "candidates" in entries:
        raise reader.error(
            entries["choices"][0],
            "a contest has both `candidates:` and `choices:`",
            "use `choices:` (Yes and No) for a ballot measure, `candidates:` otherwise",
        )
    openelections = _openelections(reader, entries["results"], source) if _names_openelections(entries) else None
    if not is_measure and "candidates" not in entries and openelections is None:
        raise reader.error(
            node,
            f"contest {name!r} has no `candidates:`",
            "list the candidates with their votes (or `choices:` Yes/No for a ballot measure)",
        )
    rule, preset = _rule(reader, entries.get("rule"), is_measure)
    seats = _seats(reader, entries.get("seats"), rule)
    if is_measure:
        for key in ("write_ins", "tiebreak", "recount"):
            if key in entries:
                raise reader.error(
                    entries[key][0],
                    f"`{key}:` does not apply to a ballot measure",
                    "remove it; a measure has only the choices Yes and No",
                )
        listed = _choices(reader, entries["choices"][1])
    elif "candidates" in entries:
        listed = _candidates(reader, entries["candidates"][1])
    else:  # every candidate of the OpenElections contest
        assert openelections is not None
        listed = [Listed(n, entries["results"][1], None, None, p) for n, p, _ in openelections.contest.candidates]
    names = [entry.name for entry in listed]
    if openelections is not None:
        results, sums = _openelections_results(reader, openelections, listed, entries["results"][1])
    elif "results" in entries:
        results, sums = _results(reader, entries["results"][1], names, source)
    else:
        results, sums = None, None
    candidates = _totals(reader, listed, sums)
    write_ins = _write_ins(reader, entries.get("write_ins"), sums)
    tiebreak = None
    if "tiebreak" in entries:
        tiebreak = _tiebreak(reader, entries["tiebreak"][1], names)
    # A preset brings its statute's recount margin; a `recount:` of the file's own takes its place.
    recount = parse_recount(preset.recount, Location(preset.name)) if preset is not None and preset.recount else None
    if "recount" in entries:
        recount_node = entries["recount"][1]
        if not isinstance(recount_node, ScalarNode):
            raise reader.error(recount_node, f'recount must be text such as "<=0.5%", not {describe(recount_node)}')
        recount = parse_recount(recount_node.value, reader.where(recount_node))
    expected = _expected(reader, entries["expected"], rule.method, names) if "expected" in entries else None
    reported = tuple((key, reader.count(entries[key][1], key)) for key in REPORTED_KEYS if key in entries)
    if openelections is not None:
        reported = _merge_reported(reader, entries, openelections.contest.reported, reported)
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
    )


def _method(reader: NodeReader, node: Node) -> tuple[str, Preset | None]:
    """A method name, or a preset's name with the preset it stands for."""
    return method_named(reader.text(node, "rule"), reader.where(node))


def method_named(method: str, where: Location) -> tuple[str, Preset | None]:
    """The method a rule name stands for, and the preset when it names one."""
    if method in RANKED_METHODS:
        raise InputError(
            where,
            f"rule {method!r} (ranked-choice) is not counted by this version of electcli yet",
            f"rules available: {', '.join(METHODS)}",
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
        threshold = parse_threshold(preset.threshold, Location(preset.name)) if preset.threshold else None
        return Rule(method, threshold, preset.advance, preset.name, preset.ties_advance), preset
    if method == MEASURE:
        raise InputError(where, "rule `measure` is for ballot measures (Yes and No), not candidates")
    threshold = MAJORITY if method == RUNOFF else None
    return Rule(method=method, threshold=threshold, advance=DEFAULT_ADVANCE if method in (RUNOFF, TOP) else 0), None


def _rule(reader: NodeReader, entry: tuple[ScalarNode, Node] | None, is_measure: bool) -> tuple[Rule, Preset | None]:
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
        threshold = parse_threshold(preset.threshold, Location(preset.name)) if preset.threshold else None
        return Rule(method, threshold, preset.advance, preset.name, preset.ties_advance), preset
    threshold = None
    if method in (RUNOFF, MEASURE):
        threshold = MAJORITY
        if "threshold" in options:
            node = options["threshold"][1]
            if not isinstance(node, ScalarNode):
                raise reader.error(node, f'threshold must be text such as ">50%", not {describe(node)}')
            threshold = parse_threshold(node.value, reader.where(node))
    elif "threshold" in options:
        raise reader.error(
            options["threshold"][0], f"rule {method!r} has no threshold", "thresholds apply to `runoff` and `measure`"
        )
    advance = 0
    if method in (RUNOFF, TOP):
        advance = DEFAULT_ADVANCE
        if "advance" in options:
            node = options["advance"][1]
            advance = reader.count(node, "advance")
            least = 2 if method == RUNOFF else 1
            if advance < least:
                raise reader.error(
                    node,
                    f"advance is {advance}; a {method} sends at least {least} on",
                    f"give advance: {least} or more",
                )
    elif "advance" in options:
        raise reader.error(
            options["advance"][0], f"rule {method!r} has no `advance`", "`advance` applies to `runoff` and `top`"
        )
    return Rule(method=method, threshold=threshold, advance=advance), None


def _seats(reader: NodeReader, entry: tuple[ScalarNode, Node] | None, rule: Rule) -> int:
    if entry is None:
        return 1
    seats = reader.count(entry[1], "seats")
    if seats < 1:
        raise reader.error(entry[1], "seats is 0", "a contest elects at least 1")
    if seats > 1 and rule.method != PLURALITY:
        raise reader.error(
            entry[1],
            f"seats is {seats}, but rule {rule.method!r} elects one",
            "more than one seat needs rule `plurality`",
        )
    return seats


class Listed(NamedTuple):
    """A candidate or choice as listed, before totals are settled against any units."""

    name: str
    node: Node
    votes: int | None = None
    votes_node: Node | None = None
    party: str | None = None
    write_in: bool = False


def _candidates(reader: NodeReader, node: Node) -> list[Listed]:
    items = reader.sequence(node, "candidates")
    if not items:
        raise reader.error(node, "`candidates:` is an empty list", "list at least one candidate")
    listed: list[Listed] = []
    first: dict[str, int] = {}
    for item in items:
        entries = reader.mapping(item, "a candidate", CANDIDATE_KEYS)
        if "name" not in entries:
            raise reader.error(item, "a candidate has no `name:`")
        name = reader.text(entries["name"][1], "candidate name")
        if name in first:
            raise reader.error(
                entries["name"][1],
                f"candidate {name!r} is listed twice (first at line {first[name]})",
                "list each candidate once",
            )
        first[name] = reader.where(item).line
        if name == WRITE_INS:
            raise reader.error(
                entries["name"][1],
                f"{WRITE_INS!r} is reserved for unnamed write-ins",
                "give their votes as the contest's `write_ins:`",
            )
        votes_node = entries["votes"][1] if "votes" in entries else None
        listed.append(
            Listed(
                name=name,
                node=item,
                votes=reader.count(votes_node) if votes_node is not None else None,
                votes_node=votes_node,
                party=reader.text(entries["party"][1], "party") if "party" in entries else None,
                write_in=reader.flag(entries["write_in"][1], "write_in") if "write_in" in entries else False,
            )
        )
    return listed


def _choices(reader: NodeReader, node: Node) -> list[Listed]:
    listed: list[Listed] = []
    for item in reader.sequence(node, "choices"):
        entries = reader.mapping(item, "a choice", CHOICE_KEYS, required=("name",))
        votes_node = entries["votes"][1] if "votes" in entries else None
        votes = reader.count(votes_node) if votes_node is not None else None
        listed.append(Listed(reader.text(entries["name"][1], "choice name"), item, votes, votes_node))
    if sorted(choice.name for choice in listed) != ["No", "Yes"]:
        given = ", ".join(choice.name for choice in listed) or "none"
        raise reader.error(
            node,
            f"a measure's choices must be exactly Yes and No (given: {given})",
            "write choices: [{name: Yes, votes: N}, {name: No, votes: N}]",
        )
    return listed


class _OpenElections(NamedTuple):
    contest: OpenElectionsContest
    shown: str
    sha256: str
    by: str | None


def _names_openelections(entries: Entries) -> bool:
    node = entries["results"][1] if "results" in entries else None
    return isinstance(node, MappingNode) and any(
        isinstance(k, ScalarNode) and k.value == "openelections" for k, _ in node.value
    )


def _openelections(reader: NodeReader, entry: tuple[ScalarNode, Node], source: Source) -> _OpenElections:
    """The contest that `results: {openelections: FILE, office: ...}` names, read from the file."""
    node = entry[1]
    entries = reader.mapping(node, "results", OPENELECTIONS_KEYS, required=("openelections", "office"))
    relative = reader.text(entries["openelections"][1], "OpenElections file")
    path, shown = _resolve(source, relative)
    selection = {key: reader.text(entries[key][1], key) for key in ("office", "district", "party") if key in entries}
    from electcli.digest import sha256_hex
    from electcli.readers.openelections import read_contest
    from electcli.readers.source import MAX_CSV_BYTES, read_bytes

    where = reader.where(entries["openelections"][1])
    try:
        contest = read_contest(path, shown, selection["office"], selection.get("district"), selection.get("party"))
        digest = sha256_hex(read_bytes(path, MAX_CSV_BYTES, shown=shown))
    except InputError as exc:
        raise InputError(
            exc.location,
            exc.problem,
            (exc.hint + "\n  " if exc.hint else "")
            + f"(named at {where}; a relative path there starts from that file's folder)",
        ) from None
    by = reader.text(entries["by"][1], "results `by`") if "by" in entries else None
    return _OpenElections(contest, shown, digest, by)


def _openelections_results(
    reader: NodeReader, found: _OpenElections, listed: list[Listed], node: Node
) -> tuple[Results, dict[str, int]]:
    contest = found.contest
    in_file = {name: total for name, _, total in contest.candidates}
    for entry in listed:
        if entry.name not in in_file:
            raise reader.error(
                entry.node,
                f"{entry.name!r} is not a candidate in {found.shown} for this office",
                name_hint(entry.name, list(in_file)),
            )
    missing = [name for name in in_file if name not in {entry.name for entry in listed}]
    if missing:
        raise reader.error(
            node,
            f"{found.shown} has votes for {', '.join(map(repr, missing))}, who are not listed in `candidates:`",
            "list every candidate, or leave `candidates:` out to take them all from the file",
        )
    sums = dict(in_file)
    if contest.write_ins:
        sums[WRITE_INS] = contest.write_ins
    results = Results(
        found.by or contest.unit_label,
        contest.unit_column,
        contest.name_column,
        contest.vote_column,
        source=found.shown,
        sha256=found.sha256,
    )
    return results, sums


def _merge_reported(
    reader: NodeReader, entries: Entries, from_file: tuple[tuple[str, int], ...], given: tuple[tuple[str, int], ...]
) -> tuple[tuple[str, int], ...]:
    merged = dict(from_file)
    for key, value in given:
        if key in merged and merged[key] != value:
            raise reader.error(
                entries[key][1],
                f"{key} is {value}, but the OpenElections file gives {merged[key]}",
                "give it once, or make them agree",
            )
        merged[key] = value
    return tuple(merged.items())


def _resolve(source: Source, relative: str) -> tuple[str, str]:
    """A path named inside a race file: where to open it, and how to show it to the user."""
    path = os.path.join(source.folder, relative)
    if source.name == STDIN or os.path.isabs(relative):
        return path, relative
    return path, os.path.normpath(os.path.join(os.path.dirname(source.name), relative))


def _results(reader: NodeReader, node: Node, names: list[str], source: Source) -> tuple[Results, dict[str, int]]:
    """The contest's reporting units, and each name's total over them (write-ins as ``write_ins``)."""
    entries = reader.mapping(node, "results", RESULTS_KEYS)
    by = reader.text(entries["by"][1], "results `by`") if "by" in entries else None
    if ("units" in entries) == ("file" in entries):
        raise reader.error(
            node,
            "results need either `units:` or `file:` (one of them)",
            "units: {Unit: {Candidate: votes}}, or file: counts.csv",
        )
    if "file" in entries:
        file_node = entries["file"][1]
        relative = reader.text(file_node, "results file")
        path, shown = _resolve(source, relative)
        from electcli.readers.counts_csv import read_counts_csv  # only for contests with a counts file

        try:
            counted = read_counts_csv(path, shown, names)
        except InputError as exc:
            raise InputError(
                exc.location,
                exc.problem,
                (exc.hint + "\n  " if exc.hint else "")
                + f"(named at {reader.where(file_node)}; a relative path there starts from that file's folder)",
            ) from None
        return Results(
            by, counted.unit_column, counted.name_column, counted.vote_column, source=shown, sha256=counted.sha256
        ), counted.sums
    units_node = entries["units"][1]
    if not isinstance(units_node, MappingNode):
        raise reader.error(
            units_node,
            f"results `units` must be a mapping of unit names to counts, not {describe(units_node)}",
            "units: {Autauga: {Tommy Tuberville: 4329, Jeff Sessions: 3713}}",
        )
    if not units_node.value:
        raise reader.error(units_node, "results `units` is empty", "give at least one unit")
    reader.visit(units_node, "results `units`")
    rows, sums = _units(reader, units_node, names)
    unit_column, name_column, vote_column = zip(*rows, strict=True) if rows else ((), (), ())
    return Results(by, unit_column, name_column, vote_column), sums


def _units(
    reader: NodeReader, units_node: MappingNode, names: list[str]
) -> tuple[list[tuple[str, str, int]], dict[str, int]]:
    # The hot path for large files: thousands of units, so it avoids the generic helpers' overhead.
    known = set(names)
    rows: list[tuple[str, str, int]] = []
    sums: dict[str, int] = {}
    unit_lines: dict[str, int] = {}
    for unit_key, unit_value in units_node.value:
        unit = reader.text(unit_key, "unit name")
        if unit in unit_lines:
            raise reader.error(
                unit_key, f"unit {unit!r} is given twice (first at line {unit_lines[unit]})", "give each unit once"
            )
        unit_lines[unit] = unit_key.start_mark.line + 1
        if isinstance(unit_value, MappingNode):
            reader.visit(unit_value, f"unit {unit!r}")
        else:
            raise reader.error(
                unit_value,
                f"unit {unit!r} must map candidates to votes, not {describe(unit_value)}",
                "Autauga: {Tommy Tuberville: 4329, Jeff Sessions: 3713}",
            )
        counts: set[str] = set()
        for name_node, count_node in unit_value.value:
            if not isinstance(name_node, ScalarNode):
                raise reader.error(name_node, f"a key in unit {unit!r} is {describe(name_node)}, not a candidate name")
            name = name_node.value
            if name in counts:
                raise reader.error(name_node, f"unit {unit!r} gives votes for {name!r} twice")
            if name not in known and name != WRITE_INS:
                raise reader.error(
                    name_node, f"{name!r} in unit {unit!r} is not a candidate in this contest", name_hint(name, names)
                )
            text = count_node.value if isinstance(count_node, ScalarNode) else ""
            if (
                text.isdigit()
                and text.isascii()
                and (text[0] != "0" or len(text) == 1)
                and len(text) <= MAX_COUNT_DIGITS
            ):
                votes = int(text)
            else:
                votes = reader.count(count_node)
            counts.add(name)
            rows.append((unit, name, votes))
            sums[name] = sums.get(name, 0) + votes
    return rows, sums


def _totals(reader: NodeReader, listed: list[Listed], sums: dict[str, int] | None) -> list[Candidate]:
    candidates = []
    for entry in listed:
        votes = entry.votes
        if votes is not None and entry.votes_node is not None:
            if sums is not None and sums.get(entry.name, 0) != votes:
                raise reader.error(
                    entry.votes_node,
                    f"{entry.name!r} has votes: {votes}, but the reporting units add up to {sums.get(entry.name, 0)}",
                    "correct the total or the units so that they agree",
                )
        elif sums is not None:
            if entry.name not in sums:
                raise reader.error(
                    entry.node,
                    f"{entry.name!r} has no `votes:` and appears in no reporting unit",
                    "give their votes in the units (or `votes: 0`)",
                )
            votes = sums[entry.name]
        else:
            raise reader.error(
                entry.node,
                f"{entry.name!r} has no `votes:`",
                "add `votes: N`, or give the contest `results:` by reporting unit",
            )
        candidates.append(Candidate(name=entry.name, votes=votes, party=entry.party, write_in=entry.write_in))
    return candidates


def _write_ins(reader: NodeReader, entry: tuple[ScalarNode, Node] | None, sums: dict[str, int] | None) -> int:
    from_units = sums.get(WRITE_INS) if sums is not None else None
    if entry is None:
        return from_units or 0
    write_ins = reader.count(entry[1], "write_ins")
    if from_units is not None and write_ins != from_units:
        raise reader.error(
            entry[1],
            f"write_ins is {write_ins}, but the reporting units' write_ins add up to {from_units}",
            "correct one of them so that they agree",
        )
    return write_ins


def _tiebreak(reader: NodeReader, node: Node, names: list[str]) -> tuple[str, ...]:
    if isinstance(node, MappingNode):
        raise reader.error(
            node,
            "a random tiebreak is for ranked-choice contests",
            "give the order decided by lot: tiebreak: [First, Second]",
        )
    order = reader.names(node, "tiebreak")
    for name, item in order:
        if name not in names:
            raise reader.error(
                item, f"tiebreak names {name!r}, who is not a candidate in this contest", name_hint(name, names)
            )
    return tuple(name for name, _ in order)


def _expected(reader: NodeReader, entry: tuple[ScalarNode, Node], method: str, names: list[str]) -> Expected:
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
    for key in ("winners", "advancing", "tied"):
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
