"""A ranked-choice contest's ``ballots:`` in a race file (shared/spec/ranked-choice.md).

Ballots are written inline, as rankings with how many identical ballots carry each, or named as
cast-vote-record files (``{file: cvr.csv}``, read by the CVR readers in electcli.readers.cvr).
A list may mix both. Every ballot goes into one ``BallotGrouper``, so identical rankings group
together whatever their source.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from electcli.digest import FileDigests
from electcli.errors import InputError, Location
from electcli.ranked.ballots import BallotGrouper, BallotGroups, Rank
from electcli.readers.cvr.files import file_identity
from electcli.readers.race_file.options import whole_number
from electcli.readers.race_file.results import named_at, resolve_path
from electcli.readers.race_file.yaml_nodes import MappingNode, Node, NodeReader, ScalarNode, SequenceNode, describe
from electcli.readers.source import STDIN, Source
from electcli.suggest import did_you_mean, name_hint
from electcli.values import MAX_COUNT_DIGITS

BALLOT_KEYS = ("ranking", "count")
# `format:` names a CVR reader (electcli.readers.cvr.READERS); without it, one column per rank.
FILE_FORMATS = ("csv", "cdf", "nist_json", "ess", "dominion", "hart", "clearBallot")
RANK_COLUMNS = "electcli_csv"  # the provider of ranked-choice.md's own CSV, one column per rank
# How a CVR file is read, as RCTab's cvrFileSources say it (snake_case here); all optional.
FILE_COUNT_KEYS = ("first_vote_column", "first_vote_row", "id_column", "batch_column", "precinct_column")
FILE_TEXT_KEYS = (
    "contest_id",
    "overvote_delimiter",
    "overvote_label",
    "skipped_rank_label",
    "undeclared_write_in_label",
)
FILE_KEYS = ("file", "format", *FILE_COUNT_KEYS, *FILE_TEXT_KEYS, "treat_blank_as_undeclared_write_in")
# The name the undeclared write-in pseudo-candidate takes (RCTab's own label in its reports).
UNDECLARED_WRITE_IN = "Undeclared Write-ins"

RANKING_HINT = "write a ranking as a list of names, first choice first: {ranking: [Ana, Ben], count: 12}"


class ReadBallots(NamedTuple):
    ballots: BallotGroups
    files: tuple[tuple[str, str], ...]  # each CVR file read: (path as shown, sha256)


def read_ballots(
    reader: NodeReader, node: Node, names: list[str], aliases: dict[str, str], source: Source
) -> ReadBallots:
    """Every ballot of the contest, grouped; names must be the contest's candidates."""
    items: list[Node]
    if isinstance(node, MappingNode):
        items = [node]
    else:
        items = reader.sequence(node, "ballots")
        if not items:
            raise reader.error(
                node, "`ballots:` is an empty list", "give at least one ballot: - {ranking: [Ana, Ben], count: 3}"
            )
    file_items = [item for item in items if _is_file_item(item)]
    # A source that reports undeclared write-ins needs the pseudo-candidate in the grouper.
    write_in = any(_names_write_ins(reader, item) for item in file_items)
    grouper = BallotGrouper(names, UNDECLARED_WRITE_IN if write_in else None)
    index = grouper.index
    files: list[tuple[str, str]] = []
    shown_source = ""
    # each CVR file once: the same file named twice would count its ballots twice
    read_at: dict[tuple[int, int] | str, Location] = {}
    for item in items:
        if _is_file_item(item):
            files.append(_read_file(reader, item, names, aliases, source, grouper, read_at))
            shown_source = shown_source or files[-1][0]
        else:
            _inline(reader, item, names, index, grouper)
    return ReadBallots(grouper.build(shown_source if len(files) == 1 else ""), tuple(files))


def _is_file_item(node: Node) -> bool:
    return isinstance(node, MappingNode) and any(
        isinstance(key, ScalarNode) and key.value == "file" for key, _ in node.value
    )


def _names_write_ins(reader: NodeReader, node: Node) -> bool:
    assert isinstance(node, MappingNode)
    for key, value in node.value:
        if isinstance(key, ScalarNode) and isinstance(value, ScalarNode):
            if key.value == "undeclared_write_in_label" and value.value:
                return True
            if key.value == "treat_blank_as_undeclared_write_in" and value.value == "true":
                return True
    return False


def _inline(reader: NodeReader, item: Node, names: list[str], index: dict[str, int], grouper: BallotGrouper) -> None:
    """One `{ranking: [...], count: N}` entry."""
    if not isinstance(item, MappingNode):
        raise reader.error(item, f"a ballot must be a mapping with `ranking:`, not {describe(item)}", RANKING_HINT)
    # The hot path for long inline lists: the generic mapping check, then a direct read.
    entries = reader.mapping(item, "a ballot", BALLOT_KEYS, required=("ranking",))
    ranking_node = entries["ranking"][1]
    if not isinstance(ranking_node, SequenceNode):
        raise reader.error(
            ranking_node, f"a ranking must be a list of names, not {describe(ranking_node)}", RANKING_HINT
        )
    reader.visit(ranking_node, "a ranking")
    ranks: list[Rank] = []
    for position, rank_node in enumerate(ranking_node.value, start=1):
        ranks.append(_rank(reader, rank_node, position, names, index))
    count = 1
    if "count" in entries:
        count_node = entries["count"][1]
        text = count_node.value if isinstance(count_node, ScalarNode) else ""
        if text.isdigit() and text.isascii() and (text[0] != "0" or len(text) == 1) and len(text) <= MAX_COUNT_DIGITS:
            count = int(text)
        else:
            count = reader.count(count_node, "ballot count")
    grouper.add(tuple(ranks), count)


def _rank(reader: NodeReader, node: Node, position: int, names: list[str], index: dict[str, int]) -> Rank:
    """One rank: a name, "" for a skipped rank, or a list of names marked together (an overvote)."""
    if isinstance(node, ScalarNode):
        if node.value == "":
            return ()
        return (_candidate(reader, node, position, names, index),)
    if isinstance(node, SequenceNode):
        reader.visit(node, "an overvote")
        if not node.value:  # a skipped rank, or an overvote whose names were lost? It cannot be known
            raise reader.error(
                node,
                f"rank {position} is an empty list",
                'write "" for a skipped rank; an overvote lists the names marked together: [[Ana, Ben], Cy]',
            )
        marked: set[int] = set()
        for inner in node.value:
            if not isinstance(inner, ScalarNode) or inner.value == "":
                raise reader.error(
                    inner,
                    f"rank {position} marks {describe(inner)} among its names",
                    "an overvote is a list of candidate names marked at the same rank: [[Ana, Ben], Cy]",
                )
            chosen = _candidate(reader, inner, position, names, index)
            if chosen in marked:
                raise reader.error(inner, f"{inner.value!r} is marked twice at rank {position}", "name them once")
            marked.add(chosen)
        return tuple(sorted(marked))
    raise reader.error(
        node,
        f"rank {position} is {describe(node)}",
        'each rank is a candidate\'s name, "" for a skipped rank, or a list of names for an overvote',
    )


def _candidate(reader: NodeReader, node: ScalarNode, position: int, names: list[str], index: dict[str, int]) -> int:
    name = node.value
    found = index.get(name)
    if found is None or found >= len(names):  # the write-in pseudo-candidate is not a name to rank
        raise reader.error(
            node, f"rank {position} names {name!r}, who is not a candidate in this contest", name_hint(name, names)
        )
    return found


def _read_file(
    reader: NodeReader,
    node: Node,
    names: list[str],
    aliases: dict[str, str],
    source: Source,
    grouper: BallotGrouper,
    read_at: dict[tuple[int, int] | str, Location],
) -> tuple[str, str]:
    """A cast-vote-record file (`{file: cvr.csv, format: ...}`) read into ``grouper``."""
    from electcli.readers.cvr import read_cvr
    from electcli.readers.cvr.source import CandidateNames, CvrSource

    entries = reader.mapping(node, "a ballots file", FILE_KEYS, required=("file",))
    file_node = entries["file"][1]
    relative = reader.text(file_node, "ballots file")
    path, shown = resolve_path(source, relative, reader.where(file_node))
    resolved = file_identity(path)  # hard and symbolic links, ../ spellings: one file, one identity
    if resolved in read_at:
        raise reader.error(
            file_node,
            f"ballots file {relative!r} is already read for this contest (at {read_at[resolved]})",
            "name each CVR file once: its ballots would be counted twice",
        )
    read_at[resolved] = reader.where(file_node)
    provider = RANK_COLUMNS
    if "format" in entries:
        format_node = entries["format"][1]
        given = reader.text(format_node, "ballots file format")
        if given not in FILE_FORMATS:
            guess = did_you_mean(given, FILE_FORMATS)
            raise reader.error(
                format_node,
                f"unknown ballots file format {given!r}",
                f"{guess + ' ' if guess else ''}formats: {', '.join(FILE_FORMATS)} (leave it out for a CSV file with one column per rank)",
            )
        provider = given
    counts: dict[str, int | None] = {}
    for key in FILE_COUNT_KEYS:
        if key in entries:
            value = whole_number(reader, entries[key][1], key, f"columns and rows count from 1: {key}: 2")
            if value < 1:
                raise reader.error(entries[key][1], f"{key} is 0", "columns and rows count from 1")
            counts[key] = value
    texts = {key: reader.text(entries[key][1], key) for key in FILE_TEXT_KEYS if key in entries}
    blank_write_in = "treat_blank_as_undeclared_write_in" in entries and reader.flag(
        entries["treat_blank_as_undeclared_write_in"][1], "treat_blank_as_undeclared_write_in"
    )
    cvr = CvrSource(
        path=Path(path),
        provider=provider,
        location=reader.where(file_node),
        contest_id=texts.get("contest_id"),
        first_vote_column=counts.get("first_vote_column"),
        first_vote_row=counts.get("first_vote_row"),
        id_column=counts.get("id_column"),
        batch_column=counts.get("batch_column"),
        precinct_column=counts.get("precinct_column"),
        overvote_delimiter=texts.get("overvote_delimiter"),
        overvote_label=texts.get("overvote_label"),
        skipped_rank_label=texts.get("skipped_rank_label"),
        undeclared_write_in_label=texts.get("undeclared_write_in_label"),
        treat_blank_as_undeclared_write_in=blank_write_in,
    )
    digest = FileDigests([path])  # hashed while the ballots are read
    try:
        read_cvr(cvr, CandidateNames(tuple(names), aliases), grouper)
    except InputError as exc:
        if exc.location.file == reader.file:  # already points into the race file
            raise _race_file_words(exc) from None
        if source.name == STDIN:
            raise InputError(
                exc.location,
                exc.problem,
                (exc.hint + "\n  " if exc.hint else "")
                + f"(named at {reader.where(file_node)}; a relative path there starts from the working folder)",
            ) from None
        raise named_at(_race_file_words(exc), reader.where(file_node)) from None
    return shown, digest.hexdigests()[0]


# The readers speak of RCTab's settings; a race file names the same settings in snake_case.
RCTAB_KEYS = {
    "firstVoteColumnIndex": "first_vote_column",
    "firstVoteRowIndex": "first_vote_row",
    "idColumnIndex": "id_column",
    "batchColumnIndex": "batch_column",
    "precinctColumnIndex": "precinct_column",
    "overvoteDelimiter": "overvote_delimiter",
    "overvoteLabel": "overvote_label",
    "skippedRankLabel": "skipped_rank_label",
    "undeclaredWriteInLabel": "undeclared_write_in_label",
    "treatBlankAsUndeclaredWriteIn": "treat_blank_as_undeclared_write_in",
    "contestId": "contest_id",
}


def _race_file_words(exc: InputError) -> InputError:
    """``exc`` with RCTab's setting names turned into the race file's keys."""
    problem, hint = exc.problem, exc.hint
    for rctab, ours in RCTAB_KEYS.items():
        problem, hint = problem.replace(rctab, ours), hint.replace(rctab, ours)
    return InputError(exc.location, problem, hint)
