"""Hart Verity cast vote records: a folder with one XML file per ballot sheet.

Read as RCTab's HartCvrReader reads them. Each file is a ``<Cvr>`` holding ``<Contests>``; the
contest is found by its ``<Id>`` (the source's contest id). Each ``<Option>`` of the contest is a
candidate, named by its ``<Id>`` (declare it as an alias; the option's ``<Name>`` is accepted too)
and marked by ``<Value>``, a string of 0s and 1s read left to right, one digit per rank:
``0100`` is rank 2, ``0101`` ranks 2 and 4, so two options with a 1 in the same place are an
overvote at that rank. A file whose contest list holds the contest is one ballot; a file without
it is a ballot of another contest, not counted. Write-ins are options whose ``<Id>`` is the
source's undeclared write-in label. Files are read in name order (RCTab takes the folder's own
order, which differs from one file system to another); ``*.sig.xml`` signature files and files not
ending in ``xml`` are not CVRs and are passed over, as RCTab does.

Each ballot's ids, as RCTab's CastVoteRecord has them, are read when they are kept (``kept_ids``:
``electcli ballots``, results by slice): the sheet's ``<CvrGuid>`` (RCTab's id for the ballot),
its ``<BatchNumber>``, and its ``<PrecinctSplit>``: the split's ``<Name>`` is the ballot's
precinct, its ``<Id>`` the precinct portion. A sheet without a CvrGuid or a PrecinctSplit (RCTab
fails on one), or with one of them given twice or blank, is an error at its place in the file.
"""

from __future__ import annotations

from pathlib import Path

from electcli.errors import InputError, Location
from electcli.ranked.ballots import BallotGrouper
from electcli.readers.cvr.kept_ids import keeps_ids
from electcli.readers.cvr.marks import CandidateIndex, ranking_from_marks
from electcli.readers.cvr.source import CandidateNames, CvrSource, quoted
from electcli.readers.cvr.xml_safe import Node, iter_elements

CONTEST_PATH = ("Cvr", "Contests", "Contest")
ID_PATHS = {("Cvr", "CvrGuid"), ("Cvr", "BatchNumber"), ("Cvr", "PrecinctSplit")}


def cvr_files(folder: Path, where: Location) -> list[Path]:
    """The CVR files of a Hart export folder, in name order."""
    if not folder.is_dir():
        problem = "no such folder" if not folder.exists() else "is a file, not a folder of Hart CVR files"
        raise InputError(where, f"{folder}: {problem}", "name the folder that holds the Hart XML files")
    # every XML name is a CVR, whatever it is: a pipe or device by such a name is refused when it
    # is opened (xml_safe), never passed over as "not a file" with its ballot lost
    files = sorted(
        child
        for child in folder.iterdir()
        if child.name.lower().endswith("xml") and not child.name.lower().endswith(".sig.xml") and not child.is_dir()
    )
    if not files:
        raise InputError(where, f"{folder}: holds no Hart CVR files (*.xml)")
    return files


def read_hart(source: CvrSource, candidates: CandidateNames, grouper: BallotGrouper) -> None:
    """Add every ballot of ``source.contest_id`` in the Hart folder ``source.path`` to ``grouper``."""
    if not source.contest_id:
        raise InputError(source.location, "a Hart source needs the contest's id", "give it as contestId")
    lookup = CandidateIndex(source, candidates, grouper)
    names_by_id: dict[str, tuple[str | None, str]] = {}  # option id -> (name, file first seen in)
    keep = keeps_ids(grouper)
    grouper.slices_unread |= not keep
    wanted = {CONTEST_PATH, *ID_PATHS} if keep else {CONTEST_PATH}
    for path in cvr_files(source.path, source.location):
        shown = str(path)
        rankings = []
        ids: dict[str, Node] = {}  # CvrGuid, BatchNumber, PrecinctSplit: they may follow the contests
        for element in iter_elements(path, "Cvr", wanted, shown):
            if element.tag != "Contest":
                if element.tag in ids:
                    raise InputError(Location(shown, element.line, element.column), f"<{element.tag}> is given twice")
                ids[element.tag] = element
                continue
            contest_id = element.find_text("Id")
            if not contest_id:
                raise InputError(Location(shown, element.line, element.column), "a <Contest> has no <Id>")
            if contest_id != source.contest_id:
                continue
            marks = _ranking(element, shown, lookup, names_by_id, source.undeclared_write_in_label)
            rankings.append(
                ranking_from_marks(
                    marks, Location(shown, element.line, element.column), source.max_rankings, grouper.keeps_ballots
                )
            )
        if not keep or not rankings:  # a sheet of other contests: its ids are not needed
            for ranking in rankings:
                grouper.add(ranking)
            continue
        guid, batch, precinct, split = _sheet_ids(ids, shown)
        for ranking in rankings:
            grouper.add_in(ranking, precinct, batch, guid, portion=split, contest=source.contest_id)


def _sheet_ids(ids: dict[str, Node], shown: str) -> tuple[str, str | None, str | None, str | None]:
    """A sheet's CvrGuid, BatchNumber, and its PrecinctSplit's Name and Id (RCTab's precinct and
    precinct portion): the id and the split must be there, and nothing given may be blank."""
    where = Location(shown)
    guid = _text(ids.get("CvrGuid"), shown)
    if guid is None:
        raise InputError(where, "the sheet has no <CvrGuid>", "a Hart CVR file names its ballot with a <CvrGuid>")
    split = ids.get("PrecinctSplit")
    if split is None:
        raise InputError(where, "the sheet has no <PrecinctSplit>", "a Hart CVR file names the ballot's precinct split")
    for tag in ("Name", "Id"):
        if len(split.find_all(tag)) > 1:
            raise InputError(Location(shown, split.line, split.column), f"<PrecinctSplit> gives its <{tag}> twice")
    return guid, _text(ids.get("BatchNumber"), shown), _text(split.find("Name"), shown), _text(split.find("Id"), shown)


def _text(node: Node | None, shown: str) -> str | None:
    """An id element's text; None when it is not there, an error when it is blank."""
    if node is None:
        return None
    if not node.text:
        raise InputError(Location(shown, node.line, node.column), f"<{node.tag}> is blank", "an id names something")
    return node.text


def _ranking(
    contest: Node,
    shown: str,
    lookup: CandidateIndex,
    names_by_id: dict[str, tuple[str | None, str]],
    uwi_label: str | None,
) -> list[tuple[int, int]]:
    """The contest's marks: (rank, candidate index) for each 1 in an option's Value."""
    marks: list[tuple[int, int]] = []
    options = contest.find("Options")
    for option in [] if options is None else options.find_all("Option"):
        where = Location(shown, option.line, option.column)
        option_id = option.find_text("Id")
        value = option.find_text("Value")
        if not option_id:
            raise InputError(where, "an <Option> has no <Id>")
        if value is None:
            raise InputError(where, f"option {option_id!r} has no <Value>", "Hart marks each rank with a 0 or 1")
        if value.strip("01"):
            raise InputError(where, f"option {option_id!r} has <Value> {quoted(value)}", "expected only 0s and 1s")
        name = option.find_text("Name")
        seen = names_by_id.setdefault(option_id, (name, shown))
        if seen[0] != name and option_id != uwi_label:
            # RCTab refuses this too: one id must always mean one candidate
            raise InputError(
                where,
                f"option {option_id!r} is named {name!r} here but {seen[0]!r} in {seen[1]}",
                "one option id must name one candidate throughout the export",
            )
        if "1" not in value:
            continue
        index = lookup.lookup(option_id, where, name)
        marks.extend((rank, index) for rank, digit in enumerate(value, start=1) if digit == "1")
    return marks
