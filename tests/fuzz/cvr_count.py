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
RANK = re.compile(r"[1-9][0-9]*")


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
        keys = [key for key, _ in items]
        if len(set(keys)) != len(keys):
            raise Undecidable(f"{path.name}: a key twice")
        return dict(items)

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
