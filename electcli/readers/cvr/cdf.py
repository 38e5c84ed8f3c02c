"""NIST SP 1500-103 cast vote records (the Common Data Format) in JSON, as RCTab reads them.

(An ``.xml`` file is the same format in XML: ``cdf_xml.read_cdf_xml`` reads it.)

A ``CastVoteRecordReport`` holds ``Election``s (their ``Candidate``s and ``Contest``s, each contest
with its ``ContestSelection``s), ``GpUnit``s (precincts) and one ``CVR`` per ballot. What is read,
and how (RCTab's CommonDataFormatReader):

- The contest is the one whose ``Name`` is the source's contest id (with no contest id, the file's
  only contest).
- A CVR's marks are those of its current snapshot: the ``CVRSnapshot`` whose ``@id`` is its
  ``CurrentSnapshotId`` (an adjudicated, ``modified`` snapshot, say, rather than the ``original``
  scan). A CVR with one snapshot and no ``CurrentSnapshotId`` uses that one; with several and none
  named, which to count cannot be known, and it is an error.
- A CVR whose current snapshot has no ``CVRContest`` for the contest was not a ballot in it (its
  ballot style lacks the contest) and is not counted; one that has it is a ballot, even with no
  selection (an undervote).
- Each ``CVRContestSelection`` points at a contest selection. Its rank is its own ``Rank`` when it
  has one, else the ``Rank`` of each of its ``SelectionPosition``s, except a position whose
  ``HasIndication`` or ``IsAllocable`` is "no" (no mark, or a mark not to be counted). A selection
  whose ``Status`` says ``needs-adjudication`` is passed over, as RCTab does for XML.
- A selection with ``IsWriteIn`` (true or "true"), or a position with a ``CVRWriteIn``, is an
  undeclared write-in. Otherwise the candidate is the selection's first ``CandidateIds`` entry (a
  ticket counts for its first candidate, as in RCTab), known by its ``Name``, which must be a
  declared candidate or alias; the source's overvote label there is an explicit overvote.
- A ``CVRContestSelection`` (or ``SelectionPosition``) of ``null`` is refused, not read as no
  selection (RCTab stops on it). So is a ``ContestSelectionId`` given twice in one ``CVRContest``:
  RCTab puts both marks at their rank, an overvote for one candidate (its CandidatesAtRanking
  counts the name twice), while the voter may have marked once; which it is cannot be known.
- Several marks at one rank are an overvote; a rank with none is skipped. Ranks run from 1 to the
  contest's ``max_rankings``.
- A CVR's ``BallotStyleUnitId`` must be one of the report's GpUnits; its ``Name`` is the ballot's
  precinct (for results by slice), and ``BatchSequenceId`` its batch, as RCTab reads them.

RCTab's own CDF files leave out parts the NIST schema requires (``@type`` of candidates, for
one), and RCTab reads them; so does electcli, checking only what counting depends on. Errors name
the file and the line of the value at fault.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from electcli.errors import InputError, Location
from electcli.ranked.ballots import BallotGrouper
from electcli.readers.cvr.marks import MAX_RANK, CandidateIndex, ranking_from_marks, single_contest
from electcli.readers.cvr.source import CandidateNames, CvrSource
from electcli.readers.json_text import load_json
from electcli.readers.json_where import position_of
from electcli.readers.source import MAX_CSV_BYTES, decode_text, read_bytes

KIND = "a CDF cast vote record file is UTF-8 JSON (NIST SP 1500-103)"
NO = "no"
NEEDS_ADJUDICATION = "needs-adjudication"

JsonPath = tuple[str | int, ...]


def read_cdf(source: CvrSource, candidates: CandidateNames, grouper: BallotGrouper) -> None:
    """Add every ballot of the source's contest in the CDF file ``source.path`` to ``grouper``."""
    if source.path.suffix.lower() == ".xml":
        from electcli.readers.cvr.cdf_xml import read_cdf_xml  # only XML input needs the XML reader

        read_cdf_xml(source, candidates, grouper)
        return
    _CdfJson(source, candidates, grouper).read()


class _CdfJson:
    def __init__(self, source: CvrSource, candidates: CandidateNames, grouper: BallotGrouper) -> None:
        self.source = source
        self.grouper = grouper
        self.shown = str(source.path)
        self.lookup = CandidateIndex(source, candidates, grouper)
        data = read_bytes(str(source.path), MAX_CSV_BYTES, shown=self.shown)
        self.text = decode_text(self.shown, data, KIND)
        self.document: object = load_json(self.text, self.shown, duplicates=False)  # one would vanish
        self.top = min(source.max_rankings or MAX_RANK, MAX_RANK)

    # -- errors, with the line of the value at fault ----------------------------------------------

    def where(self, path: JsonPath) -> Location:
        return Location(self.shown, *position_of(self.text, path))

    def error(self, path: JsonPath, problem: str, hint: str = "") -> InputError:
        return InputError(self.where(path), problem, hint)

    def mapping(self, value: object, path: JsonPath, what: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.error(path, f"{what} is not a JSON object", KIND)
        return value

    def items(self, value: object, path: JsonPath, what: str) -> Sequence[Any]:
        if value is None:
            return ()
        if not isinstance(value, list):
            raise self.error(path, f"{what} is not a JSON array", KIND)
        return value

    def string(self, value: object, path: JsonPath, what: str) -> str:
        if not isinstance(value, str):
            raise self.error(path, f"{what} is not a string", KIND)
        return value

    # -- the report -------------------------------------------------------------------------------

    def read(self) -> None:
        report = self.mapping(self.document, (), "the file")
        if "CVR" not in report or "Election" not in report:
            raise self.error((), "is not a CDF cast vote record report: it has no CVR or no Election", KIND)
        gp_units = self.by_id(report.get("GpUnit"), ("GpUnit",), "GpUnit")
        names = self.candidate_names(report)
        contest_path, contest = self.contest(report)
        contest_id = self.string(contest.get("@id"), (*contest_path, "@id"), "the contest's @id")
        contest_name = contest.get("Name")
        selections = self.by_id(
            contest.get("ContestSelection"), (*contest_path, "ContestSelection"), "ContestSelection"
        )
        cvrs = self.items(report["CVR"], ("CVR",), "CVR")
        counted = sum(
            self.ballot(number, cvr, contest_id, selections, names, gp_units) for number, cvr in enumerate(cvrs)
        )
        if cvrs and not counted:
            # every ballot passed over: far likelier a mismatch of ids than a contest on no ballot
            raise InputError(
                self.source.location,
                f"none of the {len(cvrs)} CVRs in {self.shown} holds contest {contest_name!r} (ContestId {contest_id!r})",
                "check the contest id, and that each CVR's CVRContest names the contest's @id",
            )

    def by_id(self, value: object, path: JsonPath, what: str) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for number, item in enumerate(self.items(value, path, what)):
            record = self.mapping(item, (*path, number), f"an entry of {what}")
            key = self.string(record.get("@id"), (*path, number), f"the @id of an entry of {what}")
            if key in found:
                raise self.error((*path, number), f"the @id {key!r} is used twice in {what}", "give each its own @id")
            found[key] = record
        return found

    def candidate_names(self, report: dict[str, Any]) -> dict[str, str]:
        names: dict[str, str] = {}
        for number, election in enumerate(self.items(report["Election"], ("Election",), "Election")):
            path: JsonPath = ("Election", number, "Candidate")
            election = self.mapping(election, ("Election", number), "an Election")
            for key, candidate in self.by_id(election.get("Candidate"), path, "Candidate").items():
                if key in names:
                    raise self.error(path, f"the candidate @id {key!r} is used twice", "give each its own @id")
                names[key] = self.string(candidate.get("Name"), path, f"the Name of candidate {key!r}")
        return names

    def contest(self, report: dict[str, Any]) -> tuple[JsonPath, dict[str, Any]]:
        found: list[tuple[str, JsonPath, dict[str, Any]]] = []
        for number, election in enumerate(report["Election"]):
            for place, contest in enumerate(self.items(election.get("Contest"), ("Election", number), "Contest")):
                path: JsonPath = ("Election", number, "Contest", place)
                contest = self.mapping(contest, path, "a Contest")
                found.append((self.string(contest.get("Name"), path, "a Contest's Name"), path, contest))
        names = [name for name, _, _ in found]
        wanted = single_contest(self.source.contest_id, names, self.where(("Election",)), "file")
        for name, path, contest in found:
            if name == wanted:
                return path, contest
        shown = ", ".join(repr(name) for name in names[:20]) or "none"
        raise InputError(
            self.source.location,
            f"contest {wanted!r} is not in {self.shown}",
            f"the contest id is a contest's Name; the file's contests are: {shown}",
        )

    # -- one ballot -------------------------------------------------------------------------------

    def ballot(
        self,
        number: int,
        value: object,
        contest_id: str,
        selections: dict[str, dict[str, Any]],
        names: dict[str, str],
        gp_units: dict[str, dict[str, Any]],
    ) -> bool:
        """Add the CVR's ballot; False when the CVR does not carry the contest."""
        path: JsonPath = ("CVR", number)
        cvr = self.mapping(value, path, f"CVR {number + 1}")
        unit = cvr.get("BallotStyleUnitId")
        if unit is not None:
            unit = self.string(unit, (*path, "BallotStyleUnitId"), f"CVR {number + 1}'s BallotStyleUnitId")
        if unit is not None and unit not in gp_units:
            raise self.error(
                (*path, "BallotStyleUnitId"),
                f"CVR {number + 1} refers to GpUnit {unit!r}, which the report does not define",
                "list it in GpUnit",
            )
        snapshot_path, snapshot = self.current_snapshot(cvr, path, number)
        contests = self.items(snapshot.get("CVRContest"), (*snapshot_path, "CVRContest"), "CVRContest")
        chosen: list[tuple[int, dict[str, Any]]] = []
        for place, item in enumerate(contests):
            record = self.mapping(item, (*snapshot_path, "CVRContest", place), "a CVRContest")
            # a ContestId that is not text (null, a number) would match no contest, and the
            # ballot would be passed over as one without it: refused instead
            here = (*snapshot_path, "CVRContest", place, "ContestId")
            if self.string(record.get("ContestId"), here, "a CVRContest's ContestId") == contest_id:
                chosen.append((place, record))
        if len(chosen) > 1:  # which one the voter's marks are cannot be known: neither is passed over
            raise self.error(
                (*snapshot_path, "CVRContest", chosen[1][0]),
                f"CVR {number + 1}'s snapshot holds contest {contest_id!r} twice",
                "a snapshot holds each contest once",
            )
        if not chosen:
            return False  # no CVRContest for this contest: the ballot did not carry it
        place, record = chosen[0]
        marks = self.marks(record, (*snapshot_path, "CVRContest", place), selections, names)
        # write-ins of different selections are different marks: two at one rank are an overvote
        ranking = ranking_from_marks(
            marks,
            self.where((*snapshot_path, "CVRContest", place)),
            in_order=self.grouper.keeps_ballots,
            repeatable=self.lookup.write_in_index,
        )
        # as RCTab's CommonDataFormatReader reads JSON: the precinct is the GpUnit's Name, the
        # batch the BatchSequenceId, the ballot's own id its BallotPrePrintedId
        name = gp_units[unit].get("Name") if unit is not None else None
        batch, unique = cvr.get("BatchSequenceId"), cvr.get("BallotPrePrintedId")
        if name is None and batch is None and unique is None:
            self.grouper.add(ranking)
        else:
            self.grouper.add_in(ranking, _text(name), _text(batch), _text(unique))
        return True

    def current_snapshot(self, cvr: dict[str, Any], path: JsonPath, number: int) -> tuple[JsonPath, dict[str, Any]]:
        items = self.items(cvr.get("CVRSnapshot"), (*path, "CVRSnapshot"), "CVRSnapshot")
        if not items:
            raise self.error(path, f"CVR {number + 1} has no CVRSnapshot", "a CVR holds its marks in a CVRSnapshot")
        # every snapshot's @id is text, and its own: one given as a list or a number, or twice,
        # would leave which snapshot is current a guess
        snapshots: dict[str, tuple[JsonPath, dict[str, Any]]] = {}
        for place, item in enumerate(items):
            here: JsonPath = (*path, "CVRSnapshot", place)
            snapshot = self.mapping(item, here, "a CVRSnapshot")
            key = self.string(snapshot.get("@id"), (*here, "@id"), f"the @id of a snapshot of CVR {number + 1}")
            if key in snapshots:
                raise self.error(
                    (*here, "@id"), f"CVR {number + 1} has two snapshots with @id {key!r}", "give each its own @id"
                )
            snapshots[key] = (here, snapshot)
        current = cvr.get("CurrentSnapshotId")
        if current is None:
            if len(snapshots) == 1:
                return next(iter(snapshots.values()))
            raise self.error(
                path,
                f"CVR {number + 1} has {len(snapshots)} snapshots and no CurrentSnapshotId to say which counts",
                "set CurrentSnapshotId to the @id of the snapshot to count",
            )
        if isinstance(current, str) and current in snapshots:
            return snapshots[current]
        raise self.error(
            (*path, "CurrentSnapshotId"),
            f"CVR {number + 1}'s CurrentSnapshotId {current!r} is none of its snapshots' @id",
            "point it at one of the CVR's CVRSnapshot entries",
        )

    def marks(
        self,
        record: dict[str, Any],
        path: JsonPath,
        selections: dict[str, dict[str, Any]],
        names: dict[str, str],
    ) -> list[tuple[int, int]]:
        marks: list[tuple[int, int]] = []
        if "CVRContestSelection" in record and record["CVRContestSelection"] is None:
            # not "no selection": RCTab stops on it, and read as an undervote it would be a guess
            raise self.error(
                (*path, "CVRContestSelection"),
                "CVRContestSelection is null",
                "list the ballot's selections, or leave CVRContestSelection out for a ballot with none",
            )
        chosen = self.items(record.get("CVRContestSelection"), (*path, "CVRContestSelection"), "CVRContestSelection")
        seen: set[str] = set()
        for place, item in enumerate(chosen):
            here: JsonPath = (*path, "CVRContestSelection", place)
            choice = self.mapping(item, here, "a CVRContestSelection")
            if _says(self.status(choice.get("Status"), (*here, "Status")), NEEDS_ADJUDICATION):
                continue
            selection_id = choice.get("ContestSelectionId")
            if isinstance(selection_id, str) and selection_id in seen:
                # RCTab would put both marks at their rank, an overvote for one candidate; whether
                # the voter marked once or the record was written twice cannot be known
                raise self.error(
                    (*here, "ContestSelectionId"),
                    f"ContestSelectionId {selection_id!r} is given twice in one CVRContest",
                    "a CVRContest lists each selection once; its ranks go in that selection's SelectionPositions",
                )
            if isinstance(selection_id, str):
                seen.add(selection_id)
            selection = selections.get(selection_id) if isinstance(selection_id, str) else None
            if selection is None:
                raise self.error(
                    (*here, "ContestSelectionId"),
                    f"ContestSelectionId {selection_id!r} is not a selection of the contest",
                    "it must be the @id of one of the contest's ContestSelection entries",
                )
            write_in = self.flag(selection.get("IsWriteIn"), (*here, "ContestSelectionId"), "the selection's IsWriteIn")
            if "Rank" in choice:
                marks.append(
                    (self.rank(choice["Rank"], (*here, "Rank")), self.candidate(selection, write_in, here, names))
                )
                continue
            if "SelectionPosition" in choice and choice["SelectionPosition"] is None:
                raise self.error(
                    (*here, "SelectionPosition"), "SelectionPosition is null", "list the selection's marks"
                )
            positions = self.items(choice.get("SelectionPosition"), (*here, "SelectionPosition"), "SelectionPosition")
            ranked: set[int] = set()  # the ranks this selection is marked at
            for spot, value in enumerate(positions):
                at: JsonPath = (*here, "SelectionPosition", spot)
                position = self.mapping(value, at, "a SelectionPosition")
                indication = self.indication(position.get("HasIndication"), (*at, "HasIndication"))
                allocable = self.indication(position.get("IsAllocable"), (*at, "IsAllocable"))
                if indication == NO or allocable == NO:
                    continue  # no mark, or a mark not to be counted (NIST SP 1500-103 3.4.2)
                if "Rank" not in position:
                    raise self.error(
                        at, "a SelectionPosition of a ranked contest has no Rank", "give each mark its Rank"
                    )
                rank = self.rank(position["Rank"], (*at, "Rank"))
                if rank in ranked:  # as a selection given twice: one mark written twice, or two?
                    raise self.error(
                        (*at, "Rank"),
                        f"selection {selection_id!r} is marked twice at rank {rank} (two SelectionPositions)",
                        "a selection's SelectionPositions give each of its ranks once",
                    )
                ranked.add(rank)
                marks.append((rank, self.candidate(selection, write_in or "CVRWriteIn" in position, at, names)))
        return marks

    def status(self, value: object, path: JsonPath) -> object:
        """A Status: text, or a list of texts (as the schema has it)."""
        if value is not None and not isinstance(value, str):
            for number, item in enumerate(self.items(value, path, "Status")):
                self.string(item, (*path, number), "a Status")
        return value

    def flag(self, value: object, path: JsonPath, what: str) -> bool:
        """A boolean: true or false, as JSON or as text ("true"), absent meaning false."""
        if value is None or isinstance(value, bool):
            return bool(value)
        if value in ("true", "false"):
            return value == "true"
        raise self.error(path, f"{what} is {value!r}, not true or false", KIND)

    def indication(self, value: object, path: JsonPath) -> object:
        """HasIndication or IsAllocable: "yes", "no" or "unknown" (NIST SP 1500-103), or absent."""
        if value is None or value in ("yes", "no", "unknown"):
            return value
        raise self.error(path, f'{path[-1]} is {value!r}, not "yes", "no" or "unknown"', KIND)

    def rank(self, value: object, path: JsonPath) -> int:
        if isinstance(value, str) and value.isascii() and value.isdigit():
            # RCTab's XML reading takes "2" too; a long one is out of range and never converted
            # (Python refuses past 4,300 digits)
            value = int(value) if len(value) <= 6 else self.top + 1
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.error(path, f"the Rank {value!r} is not a whole number", "ranks count from 1")
        if value < 1 or value > self.top:
            raise self.error(
                path,
                f"rank {value} is out of range: ranks run from 1 to {self.top}",
                "check the ballot, or raise maxRankingsAllowed",
            )
        return value

    def candidate(self, selection: dict[str, Any], write_in: bool, path: JsonPath, names: dict[str, str]) -> int:
        try:
            if write_in:
                return self.lookup.undeclared_write_in(self.source.location)
            ids = selection.get("CandidateIds")
            if not isinstance(ids, list) or not ids or not isinstance(ids[0], str):
                raise InputError(
                    self.source.location,
                    f"contest selection {selection.get('@id')!r} names no candidate (no CandidateIds)",
                    "a selection is a candidate's (CandidateIds) or a write-in's (IsWriteIn)",
                )
            name = names.get(ids[0])
            if name is None:
                raise InputError(
                    self.source.location,
                    f"contest selection {selection.get('@id')!r} names candidate {ids[0]!r}, who is not in the report",
                    "list the candidate under the Election's Candidate",
                )
            return self.lookup.lookup(name, self.source.location)
        except InputError as exc:  # name the line of the mark, found only now that it is needed
            raise InputError(self.where(path), exc.problem, exc.hint) from None


def _says(status: object, wanted: str) -> bool:
    """Whether a Status (one value, or a list of them as the schema has it) includes ``wanted``."""
    if isinstance(status, list):
        return wanted in status
    return status == wanted


def _text(value: object) -> str | None:
    """An id as text (a JSON number as written); None when absent or not an id."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str | int):
        return str(value)
    return None
