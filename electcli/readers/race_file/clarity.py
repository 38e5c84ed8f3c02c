"""A contest whose ``results:`` name a Clarity file (``{clarity: detail.xml, contest: NAME}``).

The contest's votes, units, vote types and precincts reporting come from the file; the race file
gives what the file cannot: the rule (or preset), what ``check`` expects, the tiebreak order, the
recount margin and ballots still outstanding. Candidates listed must be the file's, verbatim.
Imported only for such contests.
"""

from __future__ import annotations

from dataclasses import replace

from electcli.errors import InputError
from electcli.model import MEASURE, Contest
from electcli.readers.clarity.archive import read_clarity_bytes
from electcli.readers.clarity.contests import clarity_contest, default_rule
from electcli.readers.clarity.parse import parse_clarity
from electcli.readers.race_file.candidates import read_candidates, read_choices, read_tiebreak
from electcli.readers.race_file.completeness import read_completeness
from electcli.readers.race_file.expected import read_expected
from electcli.readers.race_file.results import named_at, resolve_path
from electcli.readers.race_file.rules import preset_recount, read_rule
from electcli.readers.race_file.yaml_nodes import Entries, Node, NodeReader, ScalarNode
from electcli.readers.source import Source
from electcli.suggest import name_hint
from electcli.values import parse_recount

CLARITY_KEYS = ("clarity", "contest")
# What a race file may say of a contest whose results are a Clarity file's.
CONTEST_KEYS = (
    "name", "rule", "seats", "candidates", "choices", "results", "tiebreak", "recount", "expected", "outstanding",
)  # fmt: skip


def read_clarity_contest(reader: NodeReader, entries: Entries, node: Node, name: str, source: Source) -> Contest:
    for key, (key_node, _) in entries.items():
        if key not in CONTEST_KEYS:
            raise reader.error(
                key_node,
                f"`{key}:` does not apply when the results come from a Clarity file",
                "the file gives the votes, units and precincts reporting; "
                f"a race file may add: {', '.join(k for k in CONTEST_KEYS if k not in ('name', 'results'))}",
            )
    given = reader.mapping(entries["results"][1], "results", CLARITY_KEYS, required=CLARITY_KEYS)
    relative = reader.text(given["clarity"][1], "Clarity file")
    wanted = reader.text(given["contest"][1], "Clarity contest")
    where = reader.where(given["clarity"][1])
    path, shown = resolve_path(source, relative, where)
    try:
        data = read_clarity_bytes(path, shown)
        parsed = parse_clarity(data.xml, shown)
    except InputError as exc:
        raise named_at(exc, where) from None
    found = next((contest for contest in parsed.contests if contest.text == wanted), None)
    if found is None:
        raise reader.error(
            given["contest"][1],
            f"{shown} has no contest {wanted!r}",
            name_hint(wanted, [contest.text for contest in parsed.contests][:40]),
        )
    if "rule" in entries:
        rule, preset = read_rule(reader, entries["rule"], found.is_question)
    else:
        rule, preset = default_rule(found), None
    try:
        contest = clarity_contest(parsed, found, (rule, preset))
    except InputError as exc:
        raise named_at(exc, where) from None
    names = [candidate.name for candidate in contest.candidates]
    if "seats" in entries:
        seats = reader.count(entries["seats"][1], "seats")
        if seats != contest.seats:
            raise reader.error(
                entries["seats"][1], f"seats is {seats}, but the Clarity contest says voteFor={contest.seats}"
            )
    listing = "choices" if rule.method == MEASURE else "candidates"
    other = "candidates" if listing == "choices" else "choices"
    if other in entries:
        raise reader.error(entries[other][0], f"`{other}:` does not fit rule {rule.method!r}", f"list `{listing}:`")
    if listing in entries:
        read = read_choices if listing == "choices" else read_candidates
        listed = read(reader, entries[listing][1])
        for entry in listed:
            if entry.votes is not None:
                raise reader.error(
                    entry.votes_node or entry.node, "votes come from the Clarity file, not the race file"
                )
            if entry.name not in names:
                raise reader.error(
                    entry.node, f"{entry.name!r} is not a choice of {wanted!r} in {shown}", name_hint(entry.name, names)
                )
        listed_names = {entry.name for entry in listed}
        missing = [n for n in names if n not in listed_names]
        if missing:
            raise reader.error(
                entries[listing][1],
                f"{shown} has votes for {', '.join(map(repr, missing))}, who are not listed in `{listing}:`",
                f"list every one, or leave `{listing}:` out to take them all from the file",
            )
    recount = preset_recount(preset)
    if "recount" in entries:
        recount_node = entries["recount"][1]
        if not isinstance(recount_node, ScalarNode):
            raise reader.error(recount_node, 'recount must be text such as "<=0.5%"')
        recount = parse_recount(recount_node.value, reader.where(recount_node))
    tiebreak = read_tiebreak(reader, entries["tiebreak"][1], names) if "tiebreak" in entries else None
    _, outstanding = read_completeness(reader, entries)
    return replace(
        contest,
        name=name,
        location=reader.where(node),
        recount=recount,
        tiebreak=tiebreak,
        tiebreak_location=reader.where(entries["tiebreak"][1]) if tiebreak is not None else None,
        expected=read_expected(reader, entries["expected"], rule.method, names) if "expected" in entries else None,
        outstanding=outstanding,
        results=replace(contest.results, source=shown, sha256=data.sha256) if contest.results else None,
    )
