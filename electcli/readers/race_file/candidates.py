"""A contest's candidates (or a measure's choices) in a race file, their totals settled against
any results by unit, and the write-ins and tiebreak order that go with them.
"""

from __future__ import annotations

from typing import NamedTuple

from electcli.errors import Location
from electcli.model import WRITE_INS, Candidate
from electcli.readers.race_file.yaml_nodes import Entries, MappingNode, Node, NodeReader, ScalarNode
from electcli.suggest import name_hint

CANDIDATE_KEYS = ("name", "party", "votes", "write_in")
CHOICE_KEYS = ("name", "votes")


class Listed(NamedTuple):
    """A candidate or choice as listed, before totals are settled against any units."""

    name: str
    node: Node
    votes: int | None = None
    votes_node: Node | None = None
    party: str | None = None
    write_in: bool = False
    name_location: Location | None = None  # where the name is written (the model's errors name it)


def candidate_name(reader: NodeReader, entries: Entries) -> tuple[str, Location]:
    """A candidate's `name:` and where it is written. A name listed twice, or a reserved one, is
    refused by the model (electcli.model.Contest) at that place."""
    node = entries["name"][1]
    return reader.text(node, "candidate name"), reader.where(node)


def read_candidates(reader: NodeReader, node: Node) -> list[Listed]:
    """A contest's `candidates:`, each named once, with the votes given for them (if any)."""
    items = reader.sequence(node, "candidates")
    if not items:
        raise reader.error(node, "`candidates:` is an empty list", "list at least one candidate")
    listed: list[Listed] = []
    for item in items:
        entries = reader.mapping(item, "a candidate", CANDIDATE_KEYS)
        if "name" not in entries:
            raise reader.error(
                item,
                "a candidate has no `name:`",
                "each candidate is one item: `- {name: Ana, votes: 120}`, or `- name: Ana` with "
                "`votes: 120` on the next line, indented under `name:` (with no `- ` of its own)",
            )
        name, name_location = candidate_name(reader, entries)
        votes_node = entries["votes"][1] if "votes" in entries else None
        listed.append(
            Listed(
                name=name,
                node=item,
                votes=reader.count(votes_node) if votes_node is not None else None,
                votes_node=votes_node,
                party=reader.text(entries["party"][1], "party") if "party" in entries else None,
                write_in=reader.flag(entries["write_in"][1], "write_in") if "write_in" in entries else False,
                name_location=name_location,
            )
        )
    return listed


def read_choices(reader: NodeReader, node: Node) -> list[Listed]:
    """A ballot measure's `choices:` (the model refuses any but exactly Yes and No, at ``node``)."""
    listed: list[Listed] = []
    for item in reader.sequence(node, "choices"):
        entries = reader.mapping(item, "a choice", CHOICE_KEYS, required=("name",))
        votes_node = entries["votes"][1] if "votes" in entries else None
        votes = reader.count(votes_node) if votes_node is not None else None
        name_node = entries["name"][1]
        listed.append(
            Listed(
                reader.text(name_node, "choice name"), item, votes, votes_node, name_location=reader.where(name_node)
            )
        )
    return listed


def candidate_totals(reader: NodeReader, listed: list[Listed], sums: dict[str, int] | None) -> list[Candidate]:
    """Each candidate's total: their `votes:`, which must agree with the units' sum (``sums``) when both are given."""
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
        candidates.append(
            Candidate(
                name=entry.name, votes=votes, party=entry.party, write_in=entry.write_in, location=entry.name_location
            )
        )
    return candidates


def read_write_ins(reader: NodeReader, entry: tuple[ScalarNode, Node] | None, sums: dict[str, int] | None) -> int:
    """The contest's unnamed write-ins: `write_ins:`, the units' write-ins, or both when they agree."""
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


def read_tiebreak(reader: NodeReader, node: Node, names: list[str]) -> tuple[str, ...]:
    """The order decided by lot (`tiebreak:`), naming only the contest's candidates."""
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
