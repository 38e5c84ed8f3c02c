"""Dominion Democracy Suite cast vote records: the JSON export folder, as RCTab reads it.

The folder holds manifests (``ContestManifest.json``, ``CandidateManifest.json``,
``PrecinctPortionManifest.json`` and, from version 5.10 on, ``PrecinctManifest.json``; each
``{"List": [...]}``) and the records: one ``CvrExport.json`` or, for large elections, numbered
``CvrExport_<n>.json`` files (every one is read, gaps and all, in RCTab's order: by file name, so
``CvrExport_10.json`` comes before ``CvrExport_2.json``; the ballots' order is what ``electcli
ballots`` writes). Each file's ``Sessions`` hold one record per ballot sheet:

- ``Original`` is the sheet as scanned; when it is not ``IsCurrent`` the adjudicated ``Modified``
  version counts instead, and a session with neither current is not a ballot (RCTab passes it over);
- its ``Cards`` (or, in older exports, the record itself) list ``Contests``; each entry for the
  source's contest (by its manifest ``Id``) is one ballot;
- each of the contest's ``Marks`` is a candidate id at a ``Rank``; an ``IsAmbiguous`` mark is not
  counted; marks sharing a rank are an overvote. ``IsVote`` is not consulted, as in RCTab: it
  flags the marks a vote-for-one count would take, not the ranking.

A candidate id must be a candidate of the contest in ``CandidateManifest.json``; it is resolved
as an alias first (RCTab configurations declare the ids as aliases), then by its manifest name.
The source's undeclared write-in label is the id of the write-in candidate. Precinct and precinct
portion ids must be in their manifests. Sessions are decoded one at a time (``json_stream``).

Each ballot's ids, as RCTab's CastVoteRecord has them, are passed on when they are kept
(``kept_ids``: ``electcli ballots``, results by slice): its session's ``TabulatorId``,
``BatchId`` and ``RecordId`` (RCTab's ballot id is the three joined by ``-``), the ``Description``
of its precinct in ``PrecinctManifest.json`` (none in older exports: such ballots have no
precinct) and of its precinct portion, and the contest's id. Slices by batch are by ``BatchId``
alone, as RCTab's: batch 1 of every tabulator is one slice.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NamedTuple

from electcli.errors import InputError, Location
from electcli.ranked.ballots import BallotGrouper, Ranking
from electcli.readers.cvr.files import open_regular
from electcli.readers.cvr.json_stream import iter_array
from electcli.readers.cvr.kept_ids import keeps_ids
from electcli.readers.cvr.marks import CandidateIndex, ranking_from_marks, single_contest
from electcli.readers.cvr.source import CandidateNames, CvrSource
from electcli.readers.json_text import load_json
from electcli.readers.json_where import position_of
from electcli.readers.source import decode_text

CVR_EXPORT = re.compile(r"CvrExport(?:_(\d+))?\.json")
MAX_MANIFEST_BYTES = 256 * 1024 * 1024  # manifests are small; a huge one is not a manifest


class Manifests:
    """What the CVRs refer to, from the export's manifest files."""

    def __init__(self, folder: Path, where: Location) -> None:
        self.contests: dict[str, str] = {}  # id -> description
        self.ranks: dict[str, int] = {}  # contest id -> NumOfRanks, when the manifest gives it
        for entry, at in _entries(folder, "ContestManifest.json", where):
            contest = _unique(self.contests, _id_text(entry, "Id", at), at, "contest")
            self.contests[contest] = _description(entry, at)
            ranks = entry.get("NumOfRanks")
            if ranks is not None:
                self.ranks[contest] = _whole(entry, "NumOfRanks", at)
        self.candidates: dict[str, dict[str, str]] = {}  # contest id -> candidate id -> description
        for entry, at in _entries(folder, "CandidateManifest.json", where):
            of_contest = self.candidates.setdefault(_id_text(entry, "ContestId", at), {})
            candidate = _unique(of_contest, str(_whole(entry, "Id", at)), at, "candidate of one contest")
            of_contest[candidate] = _description(entry, at)
        # id -> Description (None when the entry has none, as RCTab reads it: no slice)
        self.portions = _names(_entries(folder, "PrecinctPortionManifest.json", where), "precinct portion")
        # Older exports (before 5.10) have precinct portions but no precincts.
        precinct_file = folder / "PrecinctManifest.json"
        self.precincts: dict[int, str | None] | None = None
        if precinct_file.exists():
            self.precincts = _names(_entries(folder, precinct_file.name, where), "precinct")


class Place:
    """Where a record sits, for messages. A manifest entry is found in its file's text only when a
    message needs it (its key's line and column); a session is where it starts."""

    def __init__(self, start: Location, text: str = "", path: tuple[str | int, ...] = ()) -> None:
        self.start = start
        self.text = text
        self.path = path

    def at(self, key: str | None = None) -> Location:
        if not self.text:
            return self.start
        return Location(self.start.file, *position_of(self.text, self.path if key is None else (*self.path, key)))


def _names(entries: list[tuple[dict[str, Any], Place]], what: str) -> dict[int, str | None]:
    """A precinct or portion manifest: each entry's Id and Description (None when it has none)."""
    found: dict[int, str | None] = {}
    for entry, at in entries:
        key = _whole(entry, "Id", at)
        if key in found:  # which name the ballots' precinct has could not be known
            raise InputError(at.at("Id"), f"Id {key} is given twice for a {what}", "each Id names one entry")
        found[key] = _description(entry, at) if entry.get("Description") is not None else None
    return found


def _unique(known: dict[str, str], key: str, at: Place, what: str) -> str:
    if key in known:
        raise InputError(at.at("Id"), f"Id {key} is given twice for a {what}", "each Id names one entry")
    return key


def _entries(folder: Path, name: str, where: Location) -> list[tuple[dict[str, Any], Place]]:
    """The ``List`` entries of a manifest, each with its place for messages."""
    path = folder / name
    shown = str(path)
    if not path.exists():
        raise InputError(where, f"{shown}: no such file", "a Dominion export folder holds its manifests")
    with open_regular(path, shown, folder_hint="a manifest is a JSON file") as handle:
        try:
            data = handle.read(MAX_MANIFEST_BYTES + 1)
        except OSError as exc:
            raise InputError(Location(shown), f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > MAX_MANIFEST_BYTES:
        raise InputError(Location(shown), "is too large to be a Dominion manifest")
    text = decode_text(shown, data, "a Dominion manifest is UTF-8 JSON")
    document = load_json(text, shown, duplicates=False)  # of an id given twice, one would vanish
    entries = document.get("List") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        where = Place(Location(shown), text, ("List",)).at() if isinstance(document, dict) else Location(shown)
        raise InputError(
            where if where.line else Location(shown, *position_of(text, ())),
            'is not a Dominion manifest: expected {"List": [...]}',
        )
    located: list[tuple[dict[str, Any], Place]] = []
    for number, entry in enumerate(entries):
        at = Place(Location(shown), text, ("List", number))
        if not isinstance(entry, dict):
            raise InputError(at.at(), f"List entry {number + 1} is not a JSON object")
        located.append((entry, at))
    return located


def _description(record: dict[str, Any], where: Place) -> str:
    # only text is a name: a null or a number must never be taken for a candidate called "None"
    description = record.get("Description")
    if description is None:
        return ""
    if not isinstance(description, str):
        raise InputError(where.at("Description"), f"Description is {description!r}, not text")
    return description


def _whole(record: dict[str, Any], key: str, where: Place) -> int:
    value = record.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise InputError(where.at(key), f"{key} is {_shown(value)}, not a whole number")
    return value


def _id_text(record: dict[str, Any], key: str, where: Place) -> str:
    """An id, as text (RCTab compares ids as text). Dominion writes every id as a JSON whole number;
    text is refused, though RCTab would take it: "01" or "1 " would match no contest or candidate,
    and a ballot would silently fall out of the count."""
    value = record.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(where.at(key), f"{key} is {_shown(value)}, not an id", "Dominion writes ids as whole numbers")
    return str(value)


def _shown(value: object) -> str:
    """A JSON value for a message, cut short (a list may hold a whole ballot)."""
    text = "missing" if value is None else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def cvr_files(folder: Path, where: Location) -> list[Path]:
    """``CvrExport.json``, or every ``CvrExport_<n>.json`` in number order."""
    if not folder.is_dir():
        problem = "no such folder" if not folder.exists() else "is a file, not a Dominion export folder"
        raise InputError(where, f"{folder}: {problem}", "name the folder holding CvrExport.json and the manifests")
    single: list[Path] = []
    numbered: list[tuple[int, Path]] = []
    for child in folder.iterdir():
        match = CVR_EXPORT.fullmatch(child.name)
        if match and not child.is_dir():  # a pipe or device by this name is refused when opened
            if match.group(1) is None:
                single.append(child)
            else:
                numbered.append((int(match.group(1)), child))
    if single and numbered:
        raise InputError(
            where,
            f"{folder}: holds both CvrExport.json and numbered CvrExport_<n>.json files",
            "an export is one or the other; keep the files of one export only",
        )
    if not single and not numbered:
        raise InputError(where, f"{folder}: has no CvrExport.json (nor CvrExport_<n>.json)")
    # RCTab sorts the numbered files by path, as text: the ballots come in that order
    return single or sorted((path for _, path in numbered), key=lambda path: path.name)


def read_dominion(source: CvrSource, candidates: CandidateNames, grouper: BallotGrouper) -> None:
    """Add every ballot of ``source.contest_id`` in the Dominion export folder to ``grouper``."""
    folder = source.path
    files = cvr_files(folder, source.location)
    manifests = Manifests(folder, source.location)
    contest = single_contest(source.contest_id, list(manifests.contests), source.location, "ContestManifest.json")
    if contest not in manifests.contests:
        known = ", ".join(f"{k} ({v})" for k, v in list(manifests.contests.items())[:20])
        raise InputError(
            source.location, f"contest {contest!r} is not in ContestManifest.json", f"its contests: {known}"
        )
    lookup = CandidateIndex(source, candidates, grouper)
    reader = _SessionReader(source, manifests, contest, lookup, grouper.keeps_ballots)
    keep = keeps_ids(grouper)
    grouper.slices_unread |= not keep
    # each id as text, once: a million ballots kept as read share a few hundred of them
    texts: dict[int, str] = {}
    ballots = 0
    for path in files:
        for session, where in iter_array(path, "Sessions", str(path)):
            sheet = reader.sheet(session, where)
            for ranking in sheet.rankings:
                if keep:
                    grouper.add_in(
                        ranking,
                        sheet.precinct,
                        texts.get(sheet.batch) or texts.setdefault(sheet.batch, str(sheet.batch)),
                        texts.get(sheet.record) or texts.setdefault(sheet.record, str(sheet.record)),
                        tabulator=texts.get(sheet.tabulator) or texts.setdefault(sheet.tabulator, str(sheet.tabulator)),
                        portion=sheet.portion,
                        contest=contest,
                    )
                else:
                    grouper.add(ranking)
                ballots += 1
    if not ballots:
        raise InputError(source.location, f"no ballot in {folder} has contest {contest!r}", "check the contest id")


# An OutstackConditionId on a contest record that takes the record out of the count: RCTab's
# DominionCvrReader.EXCLUDE_CONTEST_CONDITION_ID (Dominion's "InvalidContest" outstack condition)
INVALID_CONTEST = 7


class Sheet(NamedTuple):  # a tuple: one is made for every session, and a count reads millions
    """One session's ballots of the contest (usually one) and the ids RCTab keeps for each."""

    rankings: list[Ranking]
    tabulator: int
    batch: int
    record: int
    precinct: str | None  # its Description in PrecinctManifest.json; None without one
    portion: str | None  # its Description in PrecinctPortionManifest.json


class _SessionReader:
    def __init__(
        self, source: CvrSource, manifests: Manifests, contest: str, lookup: CandidateIndex, in_order: bool
    ) -> None:
        self.manifests = manifests
        self.contest = contest
        self.contest_candidates = manifests.candidates.get(contest, {})
        self.max_rank = manifests.ranks.get(contest, 0)  # 0: the manifest does not say
        self.uwi_label = source.undeclared_write_in_label or None
        self.lookup = lookup
        self.allowed = source.max_rankings
        self.in_order = in_order  # an overvote's candidates in the order of the marks (ballots kept as read)

    def sheet(self, session: Any, where: Location) -> Sheet:
        """The contest's ballots in one session (usually one; none when the sheet lacks the
        contest, the contest record is an invalid one, or the session was superseded) and its ids."""
        if not isinstance(session, dict):
            raise InputError(where, "a session is not a JSON object")
        # which sheet it is; RCTab requires them, and its ballot id is made of them
        ids: tuple[Any, Any, Any] = (session.get("TabulatorId"), session.get("BatchId"), session.get("RecordId"))
        tabulator, batch, number = ids
        if type(tabulator) is not int or type(batch) is not int or type(number) is not int:  # bool is no id
            for key in ("TabulatorId", "BatchId", "RecordId"):
                _whole(session, key, Place(where))  # says which, and why
        record = session.get("Original")
        if not isinstance(record, dict):
            raise InputError(where, "a session has no Original record")
        current = record.get("IsCurrent")
        if not isinstance(current, bool):
            raise InputError(where, f"the session's Original.IsCurrent is {_shown(current)}, not true or false")
        if not current:
            if "Modified" not in session:
                # superseded without an adjudicated version: not a ballot (RCTab too)
                return Sheet([], tabulator, batch, number, None, None)
            record = session["Modified"]
            if not isinstance(record, dict):  # null too: RCTab fails on it, and so does this
                raise InputError(where, "the session's Modified record is not a JSON object")
        precinct, portion = self._precinct(record, where)
        return Sheet(self._rankings(record, where), tabulator, batch, number, precinct, portion)

    def _rankings(self, record: dict[str, Any], where: Location) -> list[Ranking]:
        cards = record.get("Cards", [record])
        if not isinstance(cards, list):
            raise InputError(where, "the session's Cards is not a list")
        found: list[Ranking] = []
        place = Place(where)
        for card in cards:
            contests = card.get("Contests") if isinstance(card, dict) else None
            if not isinstance(contests, list):
                raise InputError(where, "a card of the session has no Contests list")
            for entry in contests:
                if not isinstance(entry, dict):
                    raise InputError(where, "a contest of the session is not a JSON object")
                if _id_text(entry, "Id", place) == self.contest and not self._invalid(entry, where):
                    found.append(self._ranking(entry, where))
        return found

    def _invalid(self, entry: dict[str, Any], where: Location) -> bool:
        """Whether the contest record carries the outstack condition that leaves it out (RCTab)."""
        conditions = entry.get("OutstackConditionIds")  # required, as in RCTab
        if not isinstance(conditions, list) or not all(
            isinstance(item, int) and not isinstance(item, bool) for item in conditions
        ):
            raise InputError(
                where, f"contest {self.contest!r}'s OutstackConditionIds is {_shown(conditions)}, not a list of ids"
            )
        return INVALID_CONTEST in conditions

    def _precinct(self, record: dict[str, Any], where: Location) -> tuple[str | None, str | None]:
        """The names of the record's precinct and precinct portion, each checked against its manifest."""
        place = Place(where)
        precinct_name = portion_name = None
        if record.get("PrecinctId") is not None:
            precinct = _whole(record, "PrecinctId", place)
            if self.manifests.precincts is None:
                raise InputError(
                    where, f"the session names precinct {precinct}, but the export has no PrecinctManifest.json"
                )
            if precinct not in self.manifests.precincts:
                raise InputError(where, f"precinct {precinct} is not in PrecinctManifest.json")
            precinct_name = self.manifests.precincts[precinct]
        if record.get("PrecinctPortionId") is not None:
            portion = _whole(record, "PrecinctPortionId", place)
            if portion not in self.manifests.portions:
                raise InputError(where, f"precinct portion {portion} is not in PrecinctPortionManifest.json")
            portion_name = self.manifests.portions[portion]
        return precinct_name, portion_name

    def _ranking(self, entry: dict[str, Any], where: Location) -> Ranking:
        marks = entry.get("Marks")  # required, as in RCTab: a record without it is not understood
        if not isinstance(marks, list):
            raise InputError(where, f"contest {self.contest!r} of the session has Marks that are not a list")
        found: list[tuple[int, int]] = []
        place = Place(where)
        for mark in marks:
            if not isinstance(mark, dict):
                raise InputError(where, "a mark of the session is not a JSON object")
            ambiguous = mark.get("IsAmbiguous")  # required, as in RCTab: whether the mark counts
            if not isinstance(ambiguous, bool):
                raise InputError(where, f"a mark's IsAmbiguous is {_shown(ambiguous)}, not true or false")
            if ambiguous:
                continue  # RCTab leaves ambiguous marks out
            candidate = _id_text(mark, "CandidateId", place)
            rank = _whole(mark, "Rank", place)
            if self.max_rank and rank > self.max_rank:
                raise InputError(
                    where,
                    f"a mark has rank {rank}, but ContestManifest.json gives contest {self.contest!r}"
                    f" {self.max_rank} ranks (NumOfRanks)",
                    "the CVR files and manifests must come from one export",
                )
            if candidate != self.uwi_label and candidate not in self.contest_candidates:
                raise InputError(
                    where,
                    f"candidate id {candidate} is not a candidate of contest {self.contest!r} in CandidateManifest.json",
                    "the CVR files and manifests must come from one export",
                )
            found.append((rank, self.lookup.lookup(candidate, where, self.contest_candidates.get(candidate))))
        return ranking_from_marks(found, where, self.allowed, self.in_order)
