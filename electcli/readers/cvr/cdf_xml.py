"""NIST SP 1500-103 cast vote records in XML (the Common Data Format), as RCTab reads them.

A ``CastVoteRecordReport`` holds the ``Election`` (its ``Candidate``s and ``Contest``s, each
contest with its ``ContestSelection``s), the ``GpUnit``s (precincts) and one ``CVR`` per ballot.
The contest is the one whose ``Name`` is the source's contest id. A CVR is a ballot of that contest
when its current snapshot (``CurrentSnapshotId``) holds a ``CVRContest`` for it; each
``CVRContestSelection`` there points at a contest selection and carries the rank, either itself
or on each of its ``SelectionPosition``s. As in RCTab:

- a selection whose ``Status`` is ``needs-adjudication`` is passed over;
- a position with ``HasIndication`` or ``IsAllocable`` "no" is not a mark;
- a selection flagged ``IsWriteIn``, or a position with a ``CVRWriteIn``, is an undeclared write-in;
- a candidate is known by its ``Name``; the source's overvote label there is an explicit overvote;
- a selection naming several candidates (a ticket) counts for the first;
- a ballot's precinct is the ``Name`` of its ``BallotStyleUnitId``'s GpUnit, its batch the
  ``BatchSequenceId``, its own id the ``UniqueId`` (for results by slice and ``electcli ballots``).

The file is read twice, streaming: first the election and precincts (which the schema puts after
the CVRs), then the CVRs one at a time, so no ballot is kept once it is counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from electcli.errors import InputError, Location
from electcli.ranked.ballots import BallotGrouper, Ranking
from electcli.readers.cvr.marks import CandidateIndex, ranking_from_marks, single_contest
from electcli.readers.cvr.source import CandidateNames, CvrSource, quoted
from electcli.readers.cvr.xml_safe import Node, iter_elements

ROOT = "CastVoteRecordReport"
NEEDS_ADJUDICATION = "needs-adjudication"
NO = "no"
TRUE = ("true", "1")  # the ways XML Schema writes a boolean
FALSE = ("false", "0")
INDICATIONS = ("yes", "no", "unknown")  # HasIndication, IsAllocable (NIST SP 1500-103)
_INTEGER = re.compile(r"[+-]?[0-9]+")  # XML Schema's integer (white space around it is taken off first)
MAX_RANK_DIGITS = 12  # far past any rank (marks.MAX_RANK): a longer one is never converted


@dataclass(slots=True)
class Selection:
    write_in: bool
    candidate_id: str | None  # the first of CandidateIds


@dataclass(slots=True)
class Report:
    """What the CVRs refer to: the contest's selections, the candidates, the precinct ids."""

    contest_object_id: str = ""
    selections: dict[str, Selection] = field(default_factory=dict)
    candidate_names: dict[str, str] = field(default_factory=dict)  # candidate ObjectId -> Name
    gp_units: set[str] = field(default_factory=set)
    gp_unit_names: dict[str, str] = field(default_factory=dict)  # GpUnit ObjectId -> Name (a precinct)


def _where(shown: str, node: Node) -> Location:
    return Location(shown, node.line, node.column)


def _object_id(node: Node, shown: str) -> str:
    object_id = node.attrs.get("ObjectId")
    if not object_id:
        raise InputError(_where(shown, node), f"a <{node.tag}> has no ObjectId")
    return object_id


def _contest_name(contest: Node, shown: str) -> str:
    """A contest's ``Name``: one with two different names would be matched by either, so it is refused."""
    names = contest.find_all("Name")
    for other in names[1:]:
        if other.text != names[0].text:
            raise InputError(
                _where(shown, other),
                f"a <Contest> has two names, {names[0].text!r} and {other.text!r}",
                "a Contest has one Name",
            )
    return names[0].text if names else ""


def _read_report(path: Path, shown: str, contest_id: str | None, where: Location) -> Report:
    """First pass: find the contest, its selections, the candidates and the precincts."""
    report = Report()
    contests: list[tuple[str, Node]] = []
    seen_candidates: set[str] = set()
    wanted = {(ROOT, "Election"), (ROOT, "GpUnit")}
    for node in iter_elements(path, ROOT, wanted, shown):
        if node.tag == "GpUnit":
            unit = _object_id(node, shown)
            if unit in report.gp_units:
                raise InputError(_where(shown, node), f"GpUnit {unit!r} appears more than once")
            report.gp_units.add(unit)
            unit_name = node.find_text("Name")
            if unit_name is not None:
                report.gp_unit_names[unit] = unit_name
            continue
        for candidate in node.find_all("Candidate"):
            candidate_id = _object_id(candidate, shown)
            if candidate_id in seen_candidates:
                raise InputError(_where(shown, candidate), f"Candidate {candidate_id!r} appears more than once")
            seen_candidates.add(candidate_id)
            report.candidate_names[candidate_id] = candidate.find_text("Name") or ""
        contests.extend((_contest_name(contest, shown), contest) for contest in node.find_all("Contest"))
    if not contests:
        raise InputError(
            Location(shown), "has no <Election> with a <Contest>", "is this a NIST SP 1500-103 CVR report?"
        )
    name = single_contest(contest_id, [n for n, _ in contests], where, "file")
    chosen = next((contest for n, contest in contests if n == name), None)
    if chosen is None:
        shown_names = ", ".join(repr(n) for n, _ in contests[:20])
        raise InputError(where, f"contest {name!r} is not in {shown}", f"its contests (by Name) are: {shown_names}")
    report.contest_object_id = _object_id(chosen, shown)
    for selection in chosen.find_all("ContestSelection"):
        selection_id = _object_id(selection, shown)
        if selection_id in report.selections:
            raise InputError(_where(shown, selection), f"ContestSelection {selection_id!r} appears more than once")
        candidate_ids = [token for ids in selection.find_all("CandidateIds") for token in ids.text.split()]
        report.selections[selection_id] = Selection(
            write_in=_boolean(selection, "IsWriteIn", shown),
            candidate_id=candidate_ids[0] if candidate_ids else None,
        )
    return report


def read_cdf_xml(source: CvrSource, candidates: CandidateNames, grouper: BallotGrouper) -> None:
    """Add every ballot of the contest in the CDF XML file ``source.path`` to ``grouper``."""
    shown = str(source.path)
    report = _read_report(source.path, shown, source.contest_id, source.location)
    lookup = CandidateIndex(source, candidates, grouper)
    any_cvr = False
    for cvr in iter_elements(source.path, ROOT, {(ROOT, "CVR")}, shown):
        any_cvr = True
        unit = cvr.find_text("BallotStyleUnitId")
        if unit and unit not in report.gp_units:
            raise InputError(_where(shown, cvr), f"the CVR's BallotStyleUnitId {unit!r} is not a GpUnit of the report")
        contest = _current_contest(cvr, report.contest_object_id, shown)
        if contest is not None:
            ranking = _ranking(contest, report, lookup, shown, source.max_rankings, grouper.keeps_ballots)
            # as RCTab's CommonDataFormatReader reads XML: the precinct is the GpUnit's Name, the
            # batch the BatchSequenceId, the ballot's own id its UniqueId
            precinct = report.gp_unit_names.get(unit) if unit else None
            batch, unique = cvr.find_text("BatchSequenceId"), cvr.find_text("UniqueId")
            if precinct is None and batch is None and unique is None:
                grouper.add(ranking)
            else:
                grouper.add_in(ranking, precinct, batch, unique)
    if not any_cvr:
        raise InputError(Location(shown), "holds no <CVR>", "a CVR report has one CVR per ballot")


def _current_contest(cvr: Node, contest_object_id: str, shown: str) -> Node | None:
    """The CVR's contest in its current snapshot; None when the ballot does not have the contest."""
    current = cvr.find_text("CurrentSnapshotId")
    if not current:
        raise InputError(_where(shown, cvr), "a CVR has no CurrentSnapshotId", "each CVR names its current snapshot")
    # every snapshot has its own ObjectId: one without, or two alike, would leave which is current a guess
    snapshots: dict[str, Node] = {}
    for candidate in cvr.find_all("CVRSnapshot"):
        key = _object_id(candidate, shown)
        if key in snapshots:
            raise InputError(_where(shown, candidate), f"the CVR has two snapshots with ObjectId {key!r}")
        snapshots[key] = candidate
    snapshot = snapshots.get(current)
    if snapshot is None:
        raise InputError(_where(shown, cvr), f"the CVR's current snapshot {current!r} is not among its CVRSnapshots")
    found = [
        contest for contest in snapshot.find_all("CVRContest") if contest.find_text("ContestId") == contest_object_id
    ]
    if len(found) > 1:  # which one the voter's marks are cannot be known: neither is passed over
        raise InputError(_where(shown, found[1]), f"the CVR's snapshot holds contest {contest_object_id!r} twice")
    return found[0] if found else None


def _ranking(
    contest: Node, report: Report, lookup: CandidateIndex, shown: str, allowed: int | None, in_order: bool
) -> Ranking:
    marks: list[tuple[int, int]] = []
    seen: set[str] = set()
    for chosen in contest.find_all("CVRContestSelection"):
        if any(status.text == NEEDS_ADJUDICATION for status in chosen.find_all("Status")):
            continue  # RCTab leaves selections awaiting adjudication out
        where = _where(shown, chosen)
        selection_id = chosen.find_text("ContestSelectionId") or ""
        if selection_id in seen:
            # RCTab would put both marks at their rank; whether the voter marked twice or the
            # record was written twice cannot be known
            raise InputError(
                where,
                f"ContestSelectionId {selection_id!r} is given twice in one CVRContest",
                "a CVRContest lists each selection once; its ranks go in that selection's SelectionPositions",
            )
        seen.add(selection_id)
        selection = report.selections.get(selection_id)
        if selection is None:
            raise InputError(where, f"ContestSelectionId {selection_id!r} is not a selection of the contest")
        rank_text = chosen.find_text("Rank")
        if rank_text is not None:
            marks.append((_rank(rank_text, where), _selection_index(selection, selection_id, report, lookup, where)))
            continue
        write_in = False
        ranked: set[int] = set()  # the ranks this selection is marked at
        for position in chosen.find_all("SelectionPosition"):
            at = _where(shown, position)
            # as in RCTab, a write-in here makes this and later positions of the selection write-ins
            write_in = write_in or position.find("CVRWriteIn") is not None
            if _indication(position, "HasIndication", shown) == NO:
                continue
            if _indication(position, "IsAllocable", shown) == NO:
                continue
            position_rank = position.find_text("Rank")
            if position_rank is None:
                raise InputError(
                    at, "a marked SelectionPosition has no Rank", "ranked-choice CVRs give each mark a Rank"
                )
            # candidates are resolved only when marked: an undeclared one nobody marked is no error
            index = (
                lookup.undeclared_write_in(at)
                if write_in
                else _selection_index(selection, selection_id, report, lookup, at)
            )
            rank = _rank(position_rank, at)
            if rank in ranked:  # one mark written twice, or two? It cannot be known
                raise InputError(
                    at,
                    f"selection {selection_id!r} is marked twice at rank {rank} (two SelectionPositions)",
                    "a selection's SelectionPositions give each of its ranks once",
                )
            ranked.add(rank)
            marks.append((rank, index))
    # write-ins of different selections are different marks: two at one rank are an overvote
    return ranking_from_marks(marks, _where(shown, contest), allowed, in_order, lookup.write_in_index)


def _selection_index(
    selection: Selection, selection_id: str, report: Report, lookup: CandidateIndex, where: Location
) -> int:
    if selection.write_in:
        return lookup.undeclared_write_in(where)
    if selection.candidate_id is None:
        raise InputError(where, f"ContestSelection {selection_id!r} names no candidate (CandidateIds)")
    name = report.candidate_names.get(selection.candidate_id)
    if name is None:
        raise InputError(
            where, f"candidate {selection.candidate_id!r} of selection {selection_id!r} is not in the report"
        )
    return lookup.lookup(name, where)


def _boolean(node: Node, tag: str, shown: str) -> bool:
    """An XML Schema boolean child (true, false, 1, 0), false when absent; anything else refused."""
    child = node.find(tag)
    if child is None:
        return False
    if child.text.lower() not in (*TRUE, *FALSE):
        raise InputError(_where(shown, child), f"<{tag}> is {quoted(child.text)}, not true or false")
    return child.text.lower() in TRUE


def _indication(node: Node, tag: str, shown: str) -> str | None:
    """HasIndication or IsAllocable: yes, no or unknown (NIST SP 1500-103), None when absent."""
    child = node.find(tag)
    if child is None:
        return None
    if child.text.lower() not in INDICATIONS:
        raise InputError(_where(shown, child), f"<{tag}> is {quoted(child.text)}, not yes, no or unknown")
    return child.text.lower()


def _rank(text: str, where: Location) -> int:
    """An XML Schema integer: ASCII digits, a sign allowed (Python's int() would also take
    ``1_000``, Arabic-Indic or full-width digits, and spaces that are not XML's)."""
    shown = quoted(text)
    if not _INTEGER.fullmatch(text):
        raise InputError(
            where, f"rank {shown} is not a whole number", "write the rank in digits 0-9: 1 for a first choice"
        )
    if len(text) > MAX_RANK_DIGITS:  # never converted: Python refuses past 4,300 digits
        raise InputError(where, f"rank {shown} is out of range", "ranks count from 1")
    return int(text)
