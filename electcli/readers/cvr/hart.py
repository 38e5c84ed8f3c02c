"""Hart Verity cast vote records: a folder with one XML file per ballot sheet.

Read as RCTab's HartCvrReader reads them. Each file is a ``<Cvr>`` holding ``<Contests>``; the
contest is found by its ``<Id>`` (the source's contest id). Each ``<Option>`` of the contest is a
candidate, named by its ``<Id>`` (declare it as an alias; the option's ``<Name>`` is accepted too)
and marked by ``<Value>``, a string of 0s and 1s read left to right, one digit per rank:
``0100`` is rank 2, ``0101`` ranks 2 and 4, so two options with a 1 in the same place are an
overvote at that rank. A file whose contest list holds the contest is one ballot; a file without
it is a ballot of another contest, not counted. Write-ins are options whose ``<Id>`` is the
source's undeclared write-in label. Files are read in name order; ``*.sig.xml`` signature files
and files not ending in ``xml`` are not CVRs and are passed over, as RCTab does.
"""

from __future__ import annotations

from pathlib import Path

from electcli.errors import InputError, Location
from electcli.ranked.ballots import BallotGrouper
from electcli.readers.cvr.marks import CandidateIndex, ranking_from_marks
from electcli.readers.cvr.source import CandidateNames, CvrSource, quoted
from electcli.readers.cvr.xml_safe import Node, iter_elements

CONTEST_PATH = ("Cvr", "Contests", "Contest")


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
    for path in cvr_files(source.path, source.location):
        shown = str(path)
        for contest in iter_elements(path, "Cvr", {CONTEST_PATH}, shown):
            contest_id = contest.find_text("Id")
            if not contest_id:
                raise InputError(Location(shown, contest.line, contest.column), "a <Contest> has no <Id>")
            if contest_id != source.contest_id:
                continue
            ranking = _ranking(contest, shown, lookup, names_by_id, source.undeclared_write_in_label)
            grouper.add(ranking_from_marks(ranking, Location(shown, contest.line, contest.column), source.max_rankings))


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
