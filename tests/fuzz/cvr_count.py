"""Independent readings of cast vote record files, for the fuzzer: each turns a file (or folder)
into ballots, a ballot being its ranks in order, a rank the set of candidates marked there.

Each follows the format's rules as the reader's docstring and RCTab state them, in the plainest
code: the csv module, json.loads, ElementTree. Whatever falls outside those rules (a cell that is
not a rank, an id that names no candidate, a record cut short) makes the file undecidable.
``first_round`` then gives what electcli's JSON output shows of the first round, under the rules
the fuzzer's configurations use (an overvote stops the ballot, skipped ranks are passed over).
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from tests.fuzz.harness import Undecidable

UWI = "Undeclared Write-ins"
Ballot = list[set[str]]
# A rank in RCTab's CSV formats: Java's Integer.parseInt, as RCTab reads one, takes leading zeros (007 is
# rank 7; RCTab's CsvCvrReader and ClearBallotCvrReader); ASCII digits only, though parseInt takes others.
RANK = re.compile(r"0*[1-9][0-9]*")


def trimmed(cell: str) -> str:
    """Java's String.trim(), which RCTab applies to cells: every character up to U+0020 at either end."""
    return cell.strip("".join(map(chr, range(33))))


def first_round(ballots: list[Ballot], candidates: list[str]) -> dict[str, Any]:
    tally = dict.fromkeys(candidates, 0)
    counted = overvotes = 0
    for ballot in ballots:
        first = next((rank for rank in ballot if rank), None)
        if first is None:
            continue
        counted += 1
        if len(first) > 1:
            overvotes += 1
        else:
            (who,) = first
            tally[who] = tally.get(who, 0) + 1
    return {"ballots": len(ballots), "counted": counted, "tally": without_idle_uwi(tally), "overvotes": overvotes}


def without_idle_uwi(tally: dict[str, Any]) -> dict[str, Any]:
    """electcli lists the undeclared write-ins of a source with a label even with no votes: no figure lost."""
    return {who: votes for who, votes in tally.items() if votes or who != UWI}


def electcli_first_round(output: dict[str, Any]) -> dict[str, Any]:
    (contest,) = output["contests"]
    first = contest["rounds"][0]
    tally = without_idle_uwi(first["tally"])
    return {
        "ballots": contest["ballots"]["total"],
        "counted": contest["ballots"]["counted"],
        "tally": tally,
        "overvotes": first["inactive"]["overvotes"],
    }


def text_of(path: Path) -> str:
    try:
        data = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise Undecidable(f"{path.name}: {error}") from None
    return data.removeprefix("\ufeff")


def csv_rows(path: Path) -> list[list[str]]:
    try:
        return list(csv.reader(io.StringIO(text_of(path), newline=""), strict=True))
    except csv.Error as error:
        raise Undecidable(f"{path.name}: {error}") from None


def name_of(cell: str, names: dict[str, str], what: str) -> str:
    if cell not in names:
        raise Undecidable(f"{what}: {cell!r:.60} is no candidate")
    return names[cell]


def ranks_from_marks(marks: list[tuple[int, str]]) -> Ballot:
    """(rank, candidate) marks -> ranks 1..deepest, each the set marked there."""
    deepest = max((rank for rank, _ in marks), default=0)
    if deepest > 1000:  # the deepest rank any format allows (and a bound on this list's size)
        raise Undecidable(f"rank {deepest}")
    ballot: Ballot = [set() for _ in range(deepest)]
    for rank, who in marks:
        ballot[rank - 1].add(who)
    return ballot


# -- electcli's rank-columns CSV ----------------------------------------------------------------------

ID_COLUMNS = {"id", "ballot", "ballot_id", "cvr_id"}


def rank_columns(path: Path, names: dict[str, str]) -> list[Ballot]:
    rows = csv_rows(path)
    if not rows or not rows[0]:
        raise Undecidable("no header")
    header = rows[0]
    skip = 1 if re.sub(r"[ -]", "_", header[0].strip().lower()) in ID_COLUMNS else 0
    ballots = []
    for row in rows[1:]:
        if not row:
            continue  # a blank line
        if len(row) > len(header):
            raise Undecidable(f"row {row!r:.60} longer than the header")
        ballot = []
        for cell in row[skip:]:
            marked = [part.strip() for part in cell.split("|")] if cell.strip() else []
            if any(not part for part in marked) or len(set(marked)) != len(marked):
                raise Undecidable(f"cell {cell!r:.60}")
            ballot.append({name_of(part, names, "a rank") for part in marked})
        ballots.append(ballot)
    return ballots


# -- RCTab's generic CSV: one column per candidate, ranks in the cells ------------------------------


def generic_csv(path: Path, names: dict[str, str], first_column: int = 4, first_row: int = 2) -> list[Ballot]:
    rows = csv_rows(path)
    if not rows:
        raise Undecidable("empty")
    header = rows[0][first_column - 1 :]
    if not header or any(cell == "" for cell in header):
        raise Undecidable("a blank candidate column")
    columns = [name_of(cell, names, "a column") for cell in header]
    if len(set(columns)) != len(columns):
        raise Undecidable("a candidate in two columns")
    ballots = []
    for row in rows[first_row - 1 :]:
        if not row:
            continue
        if len(row) > len(rows[0]):
            raise Undecidable(f"row {row!r:.60} longer than the header")
        marks = []
        for who, cell in zip(columns, row[first_column - 1 :], strict=False):
            cell = trimmed(cell)
            if cell == "":
                continue
            if not RANK.fullmatch(cell) or int(cell) > 1000:
                raise Undecidable(f"{cell!r:.60} is not a rank")
            marks.append((int(cell), who))
        ballots.append(ranks_from_marks(marks))
    return ballots


# -- Clear Ballot -------------------------------------------------------------------------------------


def clear_ballot(path: Path, names: dict[str, str], contest: str) -> list[Ballot]:
    rows = csv_rows(path)
    if not rows or len(rows[0]) < 11:
        raise Undecidable("no header")
    columns: dict[int, tuple[int, str]] = {}
    for index, cell in enumerate(rows[0][10:], start=10):
        fields = cell.split(":")
        if len(fields) != 6:
            raise Undecidable(f"column header {cell!r:.60}")
        if fields[1] != contest:
            continue
        if not RANK.fullmatch(trimmed(fields[2])):
            raise Undecidable(f"rank {fields[2]!r:.20}")
        columns[index] = (int(trimmed(fields[2])), fields[4])
    if not columns:
        raise Undecidable("no column of the contest")
    ballots = []
    for row in rows[1:]:
        if not row:
            continue
        if len(row) != len(rows[0]):
            raise Undecidable(f"row {row!r:.60} with {len(row)} cells")
        marks = []
        for index, (rank, who) in columns.items():
            if row[index] not in ("0", "1"):
                raise Undecidable(f"mark {row[index]!r:.20}")
            if row[index] == "1":  # a column's candidate is looked up when marked, as RCTab does
                marks.append((rank, name_of(who, names, "a marked column")))
        ballots.append(ranks_from_marks(marks))
    return ballots


# -- Hart: a folder of XML sheets ---------------------------------------------------------------------


def local(element: ET.Element) -> ET.Element:
    """The element with namespaces dropped from every tag (RCTab's XML reading ignores them)."""
    for node in element.iter():
        node.tag = node.tag.rpartition("}")[2]
    return element


def xml_root(path: Path) -> ET.Element:
    data = text_of(path)
    if "<!DOCTYPE" in data or "<!ENTITY" in data:
        raise Undecidable("a DTD")
    try:
        return ET.fromstring(data)
    except (ET.ParseError, RecursionError) as error:
        raise Undecidable(f"{path.name}: not XML: {error}") from None


def only(element: ET.Element, tag: str) -> ET.Element:
    found = element.findall(tag)
    if len(found) != 1:
        raise Undecidable(f"{len(found)} <{tag}> in <{element.tag}>")
    return found[0]


def hart(folder: Path, names: dict[str, str], contest: str) -> list[Ballot]:
    ballots = []
    files = sorted(
        p for p in folder.iterdir() if p.name.lower().endswith("xml") and not p.name.lower().endswith(".sig.xml")
    )
    for path in files:
        root = local(xml_root(path))
        if root.tag != "Cvr":
            raise Undecidable(f"{path.name}: root <{root.tag}>")
        entries = [c for c in only(root, "Contests").findall("Contest") if only(c, "Id").text == contest]
        if len(entries) > 1:
            raise Undecidable(f"{path.name}: the contest twice")
        if not entries:
            continue
        marks = []
        options = entries[0].find("Options")
        for option in [] if options is None else options.findall("Option"):
            key = only(option, "Id").text or ""
            if key not in names:  # an option is named by its Id, or else by its Name
                key = only(option, "Name").text or ""
            who = name_of(key, names, "an option")
            value = only(option, "Value").text or ""
            if not re.fullmatch(r"[01]+", value):
                raise Undecidable(f"value {value!r:.20}")
            marks += [(rank, who) for rank, digit in enumerate(value, start=1) if digit == "1"]
        ballots.append(ranks_from_marks(marks))
    return ballots


# -- Dominion: a folder of JSON ---------------------------------------------------------------------


def strict_json(path: Path) -> Any:
    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for key, value in items:  # a key given twice with one value is no ambiguity; with two, it is
            if key in found and found[key] != value:
                raise Undecidable(f"{path.name}: key {key!r} twice, with different values")
            found[key] = value
        return found

    try:
        return json.loads(text_of(path), object_pairs_hook=pairs, parse_constant=lambda c: _undecidable(c))
    except (ValueError, RecursionError) as error:
        raise Undecidable(f"{path.name}: not JSON: {str(error)[:100]}") from None


def _undecidable(what: str) -> Any:
    raise Undecidable(f"JSON constant {what}")


def field(record: Any, key: str, kind: type | tuple[type, ...]) -> Any:
    if not isinstance(record, dict) or key not in record:
        raise Undecidable(f"no {key}")
    value = record[key]
    if not isinstance(value, kind) or (
        isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,))
    ):
        raise Undecidable(f"{key}: {value!r:.40}")
    return value


def dominion(folder: Path, names: dict[str, str], contest: int) -> list[Ballot]:
    manifest = field(strict_json(folder / "CandidateManifest.json"), "List", list)
    ids: dict[int, str] = {}
    for entry in manifest:  # a candidate id is an alias, or else the manifest's Description
        if field(entry, "ContestId", int) == contest:
            key = str(field(entry, "Id", int))
            if key in names:
                ids[int(key)] = names[key]
            elif field(entry, "Description", str) in names:
                ids[int(key)] = names[entry["Description"]]
    ids |= {int(key): who for key, who in names.items() if who == UWI}  # the write-in label is an id
    exports = sorted(folder.glob("CvrExport*.json"), key=lambda p: int(re.sub(r"\D", "", p.name) or 0))
    ballots = []
    for path in exports:
        for session in field(strict_json(path), "Sessions", list):
            original = field(session, "Original", dict)
            if field(original, "IsCurrent", bool):
                record = original
            elif "Modified" in session:
                record = field(session, "Modified", dict)
            else:
                continue
            cards = field(record, "Cards", list) if "Cards" in record else [record]
            for card in cards:
                for entry in field(card, "Contests", list):
                    if field(entry, "Id", int) != contest:
                        continue
                    marks = []
                    for mark in field(entry, "Marks", list):
                        if field(mark, "IsAmbiguous", bool):
                            continue
                        who = field(mark, "CandidateId", int)
                        rank = field(mark, "Rank", int)
                        if who not in ids or not 1 <= rank <= 1000:
                            raise Undecidable(f"mark {mark!r:.80}")
                        marks.append((rank, ids[who]))
                    ballots.append(ranks_from_marks(marks))
    return ballots


# -- NIST SP 1500-103 CDF, JSON and XML: both turned into the same plain records first ---------------


def _one(items: list[Any], what: str) -> Any:
    if len(items) != 1:
        raise Undecidable(f"{len(items)} {what}")
    return items[0]


def cdf_json(path: Path, names: dict[str, str], contest: str) -> list[Ballot]:
    return cdf_document(strict_json(path), names, contest)


def cdf_document(document: Any, names: dict[str, str], contest: str) -> list[Ballot]:
    elections = field(document, "Election", list)
    people = {field(c, "@id", str): field(c, "Name", str) for e in elections for c in field(e, "Candidate", list)}
    # a Contest's Name is optional (NIST SP 1500-103: minOccurs 0): one without is not the contest named
    contests = [
        c for e in elections for c in field(e, "Contest", list) if "Name" in c and field(c, "Name", str) == contest
    ]
    chosen = _one(contests, f"contests named {contest!r}")
    selections = {}
    for selection in field(chosen, "ContestSelection", list):
        write_in = selection.get("IsWriteIn") in (True, "true", "1")
        ids = [] if write_in else field(selection, "CandidateIds", list)
        selections[field(selection, "@id", str)] = (write_in, ids[0] if ids else None)
    cvrs = []
    for cvr in field(document, "CVR", list):
        snapshots = {field(s, "@id", str): s for s in field(cvr, "CVRSnapshot", list)}
        current = cvr.get("CurrentSnapshotId")
        if current is None and len(snapshots) == 1:
            current = next(iter(snapshots))
        if current not in snapshots:
            raise Undecidable(f"current snapshot {current!r:.30}")
        entries = [c for c in snapshots[current].get("CVRContest", []) if field(c, "ContestId", str) == chosen["@id"]]
        if not entries:
            continue
        marks = []
        seen: set[str] = set()
        for choice in _one(entries, "entries for the contest").get("CVRContestSelection", []):
            if choice.get("Status") == "needs-adjudication" or "needs-adjudication" in (choice.get("Status") or []):
                continue
            selection = field(choice, "ContestSelectionId", str)
            if selection in seen:  # the same selection twice in one CVR: marked once, or twice?
                raise Undecidable(f"selection {selection!r:.30} twice in a CVR")
            seen.add(selection)
            positions = choice.get("SelectionPosition", [])
            found = _cdf_marks(choice, selection, positions, selections, people, names)
            # Write-ins of different selections are different marks (two at one rank: an overvote).
            marks += [(rank, f"{UWI}#{selection}" if who == UWI else who) for rank, who in found]
        ballot = ranks_from_marks(marks)
        cvrs.append(
            [
                {UWI} if rank and all(who.startswith(f"{UWI}#") for who in rank) and len(rank) == 1 else rank
                for rank in ballot
            ]
        )
    return cvrs


def _cdf_marks(
    choice: Any,
    selection_id: str,
    positions: list[Any],
    selections: dict[str, Any],
    people: dict[str, str],
    names: dict[str, str],
) -> list[tuple[int, str]]:
    if selection_id not in selections:
        raise Undecidable(f"selection {selection_id!r:.30}")
    write_in, candidate = selections[selection_id]
    ranks: list[tuple[Any, bool]] = []
    if "Rank" in choice:
        ranks = [(choice["Rank"], False)]
    else:
        for position in positions:
            if position.get("HasIndication") == "no" or position.get("IsAllocable") == "no":
                continue
            ranks.append((field(position, "Rank", (int, str)), "CVRWriteIn" in position))
    marks = []
    for given, position_write_in in ranks:
        # XML Schema's integer: spaces around, a + sign and leading zeros allowed
        match = re.fullmatch(r"\s*\+?0*([1-9][0-9]*)\s*", str(given))
        if isinstance(given, bool) or not match or int(match.group(1)) > 1000:
            raise Undecidable(f"rank {given!r:.20}")
        rank = int(match.group(1))
        if write_in or position_write_in:
            who = UWI
        else:
            if candidate not in people:
                raise Undecidable(f"candidate id {candidate!r:.30}")
            who = name_of(people[candidate], names, "a candidate")
        marks.append((rank, who))
    return marks


def _xml_record(element: ET.Element) -> Any:
    """An XML element as the JSON layout: attributes ObjectId -> @id, children by tag (lists where repeated
    in the JSON schema), text for leaves."""
    if len(element) == 0:
        return element.text or ""
    record: dict[str, Any] = {}
    if "ObjectId" in element.attrib:
        record["@id"] = element.attrib["ObjectId"]
    for child in element:
        record.setdefault(child.tag, []).append(_xml_record(child) if len(child) or child.attrib else child.text or "")
        if child.attrib.get("ObjectId") and not len(child):
            record[child.tag][-1] = {"@id": child.attrib["ObjectId"]}
    return record


LISTS = {"CVR", "CVRSnapshot", "CVRContest", "CVRContestSelection", "SelectionPosition", "Election", "Candidate",
         "Contest", "ContestSelection", "CandidateIds", "GpUnit", "Status", "CVRWriteIn"}  # fmt: skip


def _unlist(node: Any) -> Any:
    """Single children that the JSON layout holds as plain values (Name, Rank, ...) become plain values."""
    if isinstance(node, list):
        return [_unlist(item) for item in node]
    if not isinstance(node, dict):
        return node
    plain: dict[str, Any] = {}
    for key, value in node.items():
        if key in LISTS or key == "@id":
            plain[key] = _unlist(value)
        elif all(item == value[0] for item in value):  # given once, or repeated alike
            plain[key] = _unlist(value[0])
        else:
            plain[key] = Twice(key)  # ambiguous, but only if the count reads it
    return plain


class Twice:
    """An element given twice with different contents, where the layout has one."""

    def __init__(self, tag: str) -> None:
        self.tag = tag

    def __eq__(self, other: object) -> bool:
        raise Undecidable(f"<{self.tag}> twice, with different contents")

    def __hash__(self) -> int:
        raise Undecidable(f"<{self.tag}> twice, with different contents")


def cdf_xml(path: Path, names: dict[str, str], contest: str) -> list[Ballot]:
    root = local(xml_root(path))
    if root.tag != "CastVoteRecordReport":
        raise Undecidable(f"root <{root.tag}>")
    document = _unlist(_xml_record(root))
    for election in document.get("Election", []):
        for selection in [s for c in election.get("Contest", []) for s in c.get("ContestSelection", [])]:
            if "CandidateIds" in selection:  # XML writes the list as one text of ids
                selection["CandidateIds"] = [i for ids in selection["CandidateIds"] for i in ids.split()]
    return cdf_document(document, names, contest)


# -- ES&S: the fuzzer writes the workbook from rows it holds, and counts those rows -----------------

OVERVOTE = {"<overvote 1>", "<overvote 2>"}  # an explicit overvote: two marks, for first_round


def ess_rows(rows: list[list[Any]], names: dict[str, str], first_column: int = 2, ranks: int = 3) -> list[Ballot]:
    """Every row after the header is a ballot (the fuzzer writes each row's cells, empty ones too, so the
    sheet holds every row); ranks are the ``ranks`` columns from ``first_column``; a cell is a name
    (spaces around ignored), undervote, overvote, UWI or blank."""
    ballots = []
    for row in rows[1:]:
        ballot: Ballot = []
        for value in (row[first_column - 1 : first_column - 1 + ranks] + [None] * ranks)[:ranks]:
            if value is None or (isinstance(value, str) and value.strip() in ("", "undervote")):
                ballot.append(set())
            elif not isinstance(value, str):
                raise Undecidable(f"cell {value!r:.40}")
            elif value.strip() == "overvote":
                ballot.append(set(OVERVOTE))
            else:
                ballot.append({name_of(value.strip(), names, "a cell")})
        ballots.append(ballot)
    return ballots
