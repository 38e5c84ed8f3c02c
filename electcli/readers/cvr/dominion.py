"""Dominion Democracy Suite cast vote records: the JSON export folder, as RCTab reads it.

The folder holds manifests (``ContestManifest.json``, ``CandidateManifest.json``,
``PrecinctPortionManifest.json`` and, from version 5.10 on, ``PrecinctManifest.json``; each
``{"List": [...]}``) and the records: one ``CvrExport.json`` or, for large elections, numbered
``CvrExport_<n>.json`` files (every one is read, in number order, gaps and all). Each file's
``Sessions`` hold one record per ballot sheet:

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
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from electcli.errors import InputError, Location
from electcli.ranked.ballots import BallotGrouper, Ranking
from electcli.readers.cvr.json_stream import iter_array
from electcli.readers.cvr.marks import CandidateIndex, ranking_from_marks, single_contest
from electcli.readers.cvr.source import CandidateNames, CvrSource

CVR_EXPORT = re.compile(r"CvrExport(?:_(\d+))?\.json")
MAX_MANIFEST_BYTES = 256 * 1024 * 1024  # manifests are small; a huge one is not a manifest


class Manifests:
    """What the CVRs refer to, from the export's manifest files."""

    def __init__(self, folder: Path, where: Location) -> None:
        contests = _entries(folder, "ContestManifest.json", where)
        self.contests: dict[str, str] = {}  # id -> description
        for entry, at in contests:
            self.contests[_id_text(entry, "Id", at)] = _description(entry)
        self.candidates: dict[str, dict[str, str]] = {}  # contest id -> candidate id -> description
        for entry, at in _entries(folder, "CandidateManifest.json", where):
            contest = _id_text(entry, "ContestId", at)
            self.candidates.setdefault(contest, {})[str(_whole(entry, "Id", at))] = _description(entry)
        self.portions = {
            _whole(entry, "Id", at) for entry, at in _entries(folder, "PrecinctPortionManifest.json", where)
        }
        # Older exports (before 5.10) have precinct portions but no precincts.
        precinct_file = folder / "PrecinctManifest.json"
        self.precincts: set[int] | None = None
        if precinct_file.exists():
            self.precincts = {_whole(entry, "Id", at) for entry, at in _entries(folder, precinct_file.name, where)}


def _entries(folder: Path, name: str, where: Location) -> list[tuple[dict[str, Any], Location]]:
    """The ``List`` entries of a manifest, each with a location for messages."""
    path = folder / name
    shown = str(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_MANIFEST_BYTES + 1)
    except FileNotFoundError:
        raise InputError(where, f"{shown}: no such file", "a Dominion export folder holds its manifests") from None
    except OSError as exc:
        raise InputError(Location(shown), f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > MAX_MANIFEST_BYTES:
        raise InputError(Location(shown), "is too large to be a Dominion manifest")
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(Location(shown), "is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise InputError(Location(shown, exc.lineno, exc.colno), f"is not valid JSON: {exc.msg}") from None
    except (RecursionError, ValueError) as exc:
        raise InputError(Location(shown), f"is not usable JSON: {exc}") from None
    entries = document.get("List") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise InputError(Location(shown), 'is not a Dominion manifest: expected {"List": [...]}')
    located: list[tuple[dict[str, Any], Location]] = []
    for number, entry in enumerate(entries, start=1):
        at = Location(f"{shown} (List entry {number})")
        if not isinstance(entry, dict):
            raise InputError(at, "is not a JSON object")
        located.append((entry, at))
    return located


def _description(record: dict[str, Any]) -> str:
    # only text is a name: a null or a number must never be taken for a candidate called "None"
    description = record.get("Description")
    return description if isinstance(description, str) else ""


def _whole(record: dict[str, Any], key: str, where: Location) -> int:
    value = record.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise InputError(where, f"{key} is {value!r}, not a whole number")
    return value


def _id_text(record: dict[str, Any], key: str, where: Location) -> str:
    """An id Dominion writes as a number (RCTab compares ids as text)."""
    value = record.get(key)
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InputError(where, f"{key} is {value!r}, not an id")
    return str(value)


def cvr_files(folder: Path, where: Location) -> list[Path]:
    """``CvrExport.json``, or every ``CvrExport_<n>.json`` in number order."""
    if not folder.is_dir():
        problem = "no such folder" if not folder.exists() else "is a file, not a Dominion export folder"
        raise InputError(where, f"{folder}: {problem}", "name the folder holding CvrExport.json and the manifests")
    single: list[Path] = []
    numbered: list[tuple[int, Path]] = []
    for child in folder.iterdir():
        match = CVR_EXPORT.fullmatch(child.name)
        if match and child.is_file():
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
    return single or [path for _, path in sorted(numbered)]


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
    reader = _SessionReader(source, manifests, contest, CandidateIndex(source, candidates, grouper))
    ballots = 0
    for path in files:
        for session, where in iter_array(path, "Sessions", str(path)):
            for ranking in reader.rankings(session, where):
                grouper.add(ranking)
                ballots += 1
    if not ballots:
        raise InputError(source.location, f"no ballot in {folder} has contest {contest!r}", "check the contest id")


class _SessionReader:
    def __init__(self, source: CvrSource, manifests: Manifests, contest: str, lookup: CandidateIndex) -> None:
        self.manifests = manifests
        self.contest = contest
        self.contest_candidates = manifests.candidates.get(contest, {})
        self.uwi_label = source.undeclared_write_in_label or None
        self.lookup = lookup

    def rankings(self, session: Any, where: Location) -> list[Ranking]:
        """The rankings of the contest's ballots in one session (usually one; none when the sheet
        lacks the contest)."""
        if not isinstance(session, dict):
            raise InputError(where, "a session is not a JSON object")
        record = session.get("Original")
        if not isinstance(record, dict):
            raise InputError(where, "a session has no Original record")
        current = record.get("IsCurrent")
        if not isinstance(current, bool):
            raise InputError(where, f"the session's Original.IsCurrent is {current!r}, not true or false")
        if not current:
            record = session.get("Modified")
            if record is None:
                return []  # superseded without an adjudicated version: not a ballot (RCTab too)
            if not isinstance(record, dict):
                raise InputError(where, "the session's Modified record is not a JSON object")
        self._check_precinct(record, where)
        cards = record.get("Cards", [record])
        if not isinstance(cards, list):
            raise InputError(where, "the session's Cards is not a list")
        found: list[Ranking] = []
        for card in cards:
            contests = card.get("Contests") if isinstance(card, dict) else None
            if not isinstance(contests, list):
                raise InputError(where, "a card of the session has no Contests list")
            for entry in contests:
                if not isinstance(entry, dict):
                    raise InputError(where, "a contest of the session is not a JSON object")
                if _id_text(entry, "Id", where) == self.contest:
                    found.append(self._ranking(entry, where))
        return found

    def _check_precinct(self, record: dict[str, Any], where: Location) -> None:
        precinct = record.get("PrecinctId")
        if precinct is not None:
            if self.manifests.precincts is None:
                raise InputError(
                    where, f"the session names precinct {precinct!r}, but the export has no PrecinctManifest.json"
                )
            if precinct not in self.manifests.precincts:
                raise InputError(where, f"precinct {precinct!r} is not in PrecinctManifest.json")
        portion = record.get("PrecinctPortionId")
        if portion is not None and portion not in self.manifests.portions:
            raise InputError(where, f"precinct portion {portion!r} is not in PrecinctPortionManifest.json")

    def _ranking(self, entry: dict[str, Any], where: Location) -> Ranking:
        marks = entry.get("Marks", [])
        if not isinstance(marks, list):
            raise InputError(where, f"contest {self.contest!r} of the session has Marks that are not a list")
        found: list[tuple[int, int]] = []
        for mark in marks:
            if not isinstance(mark, dict):
                raise InputError(where, "a mark of the session is not a JSON object")
            ambiguous = mark.get("IsAmbiguous", False)
            if not isinstance(ambiguous, bool):
                raise InputError(where, f"a mark's IsAmbiguous is {ambiguous!r}, not true or false")
            if ambiguous:
                continue  # RCTab leaves ambiguous marks out
            candidate = _id_text(mark, "CandidateId", where)
            rank = _whole(mark, "Rank", where)
            if candidate != self.uwi_label and candidate not in self.contest_candidates:
                raise InputError(
                    where,
                    f"candidate id {candidate} is not a candidate of contest {self.contest!r} in CandidateManifest.json",
                    "the CVR files and manifests must come from one export",
                )
            found.append((rank, self.lookup.lookup(candidate, where, self.contest_candidates.get(candidate))))
        return ranking_from_marks(found, where)
