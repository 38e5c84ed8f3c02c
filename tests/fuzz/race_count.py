"""An independent reading of race files (README.md, "Race files" and "Ranked-choice"), for the fuzzer.

It loads the YAML with PyYAML's CBaseLoader (every scalar stays text, as electcli keeps names) and
applies the format's rules to the counts in the simplest way: a count is ``0`` or digits without
a leading zero, or digits in groups of three with commas, at most 30 digits; units add up to
the candidate's votes; a counts file is ``unit,candidate,votes``. Anything else it meets where a
count, a name or a ranking should be makes the file undecidable. It does not check what does not
change a count (rules, expectations, tiebreaks): electcli may refuse those, which is always allowed.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import yaml

from tests.fuzz.harness import Undecidable

COUNT = re.compile(r"0|[1-9][0-9]*|[1-9][0-9]{0,2}(,[0-9]{3})+")
CONTEST_KEYS = {
    "name", "seats", "rule", "candidates", "choices", "write_ins", "results", "tiebreak", "recount", "expected",
    "ballots", "options", "ballots_cast", "over_votes", "under_votes", "registered_voters",
}  # fmt: skip
CANDIDATE_KEYS = {"name", "party", "votes", "write_in", "aliases"}
RESULTS_KEYS = {"by", "units", "file"}
BALLOT_KEYS = {"ranking", "count"}
WRITE_INS = "write_ins"


class _Loader(yaml.CBaseLoader):
    """libyaml's parser (electcli's, and the YAML spec's: a tab may separate tokens in flow style, which
    PyYAML's pure-Python scanner refuses), scalars all text, and no key given twice or not text."""

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                raise Undecidable(f"a key that is not text at line {key_node.start_mark.line + 1}")
            if key in mapping:
                raise Undecidable(f"key {key!r} twice at line {key_node.start_mark.line + 1}")
            mapping[key] = self.construct_object(value_node, deep=True)
        return mapping


def load(path: Path) -> Any:
    try:
        text = path.read_bytes().decode("utf-8")
        return yaml.load(text, Loader=_Loader)  # CBaseLoader: nothing is constructed
    except (UnicodeDecodeError, yaml.YAMLError, RecursionError) as error:
        raise Undecidable(f"not YAML: {str(error)[:200]}") from None


def count(value: Any, what: str) -> int:
    if not isinstance(value, str) or not COUNT.fullmatch(value) or len(value.replace(",", "")) > 30:
        raise Undecidable(f"{what}: {value!r:.60} is not a count")
    return int(value.replace(",", ""))


def mapping(value: Any, what: str, keys: set[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise Undecidable(f"{what} is not a mapping")
    unknown = set(value) - keys
    if unknown:
        raise Undecidable(f"{what} has unknown keys {sorted(unknown)}")
    return value


def text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise Undecidable(f"{what} is not text")
    return value


def contests(path: Path) -> list[dict[str, Any]]:
    """The contests of a race file, each ``{name, ...}`` as ``read_contest`` gives it."""
    top = load(path)
    if not isinstance(top, dict):
        raise Undecidable("the top level is not a mapping")
    if "contests" in top:
        mapping(top, "the race file", {"election", "contests"})
        items = top["contests"]
        if not isinstance(items, list) or not items:
            raise Undecidable("contests is not a list")
    else:
        items = [{key: value for key, value in top.items() if key != "election"}]
    found = [read_contest(item, path.parent) for item in items]
    names = [contest["name"] for contest in found]
    if len(set(names)) != len(names):
        raise Undecidable("two contests with one name")
    return found


def read_contest(item: Any, folder: Path) -> dict[str, Any]:
    contest = mapping(item, "a contest", CONTEST_KEYS)
    name = text(contest.get("name"), "a contest's name")
    if "ballots" in contest:
        return {"name": name, **ranked(contest)}
    people = contest.get("candidates", contest.get("choices"))
    if ("candidates" in contest) == ("choices" in contest) or not isinstance(people, list) or not people:
        raise Undecidable(f"{name}: no list of candidates")
    votes: dict[str, int | None] = {}
    for person in people:
        entry = mapping(person, "a candidate", CANDIDATE_KEYS)
        who = text(entry.get("name"), "a candidate's name")
        if who in votes or who == WRITE_INS:
            raise Undecidable(f"candidate {who!r} twice")
        votes[who] = count(entry["votes"], who) if "votes" in entry else None
    write_ins = count(contest["write_ins"], "write_ins") if "write_ins" in contest else None
    units = unit_counts(contest["results"], folder, set(votes)) if "results" in contest else None
    if units is not None:
        for who, given in votes.items():
            summed = sum(row.get(who, 0) for row in units.values())
            if given is None and not any(who in row for row in units.values()):
                raise Undecidable(f"{who!r} has no votes and is in no unit")
            if given is not None and given != summed:
                raise Undecidable(f"{who!r}: votes {given} but the units add up to {summed}")
            votes[who] = summed
        if any(WRITE_INS in row for row in units.values()):
            summed = sum(row.get(WRITE_INS, 0) for row in units.values())
            if write_ins is not None and write_ins != summed:
                raise Undecidable(f"write_ins {write_ins} but the units add up to {summed}")
            write_ins = summed
    if any(given is None for given in votes.values()):
        raise Undecidable("a candidate without votes")
    counted = {who: given or 0 for who, given in votes.items()}
    return {
        "name": name,
        "votes": counted,
        "write_ins": write_ins or 0,
        "total": sum(counted.values()) + (write_ins or 0),
    }


def unit_counts(value: Any, folder: Path, names: set[str]) -> dict[str, dict[str, int]]:
    results = mapping(value, "results", RESULTS_KEYS)
    if ("units" in results) == ("file" in results):
        raise Undecidable("results needs units or a file, not both")
    if "by" in results:
        text(results["by"], "results by")
    if "file" in results:
        return counts_file(folder / text(results["file"], "results file"), names)
    units = results["units"]
    if not isinstance(units, dict):
        raise Undecidable("units is not a mapping")
    found: dict[str, dict[str, int]] = {}
    for unit, row in units.items():
        if not isinstance(row, dict):
            raise Undecidable(f"unit {unit!r} is not a mapping")
        for who in row:
            if who not in names and who != WRITE_INS:
                raise Undecidable(f"unit {unit!r} names {who!r}, not a candidate")
        found[unit] = {who: count(votes, f"{unit}/{who}") for who, votes in row.items()}
    return found


def counts_file(path: Path, names: set[str]) -> dict[str, dict[str, int]]:
    """``unit,candidate,votes`` (header in any case, blank lines passed over), read with the csv module."""
    try:
        data = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise Undecidable(f"counts file: {error}") from None
    data = data.removeprefix("\ufeff")  # a byte-order mark, as spreadsheets write
    if "\x00" in data:
        raise Undecidable("counts file holds NUL")
    try:
        rows = [row for row in csv.reader(io.StringIO(data, newline=""), strict=True) if row]
    except csv.Error as error:
        raise Undecidable(f"counts file: {error}") from None
    if not rows or [cell.lower() for cell in rows[0]] != ["unit", "candidate", "votes"]:
        raise Undecidable("counts file header")
    found: dict[str, dict[str, int]] = {}
    for row in rows[1:]:
        if len(row) != 3:
            raise Undecidable(f"counts file row {row!r:.80} has {len(row)} cells")
        unit, who, votes = row
        if who not in names and who != WRITE_INS:
            raise Undecidable(f"counts file names {who!r:.60}")
        cells = found.setdefault(unit, {})
        if who in cells:
            raise Undecidable(f"counts file: {unit!r}/{who!r} twice")
        cells[who] = count(votes, f"counts file {unit}/{who}")
    return found


def ranked(contest: dict[str, Any]) -> dict[str, Any]:
    """Ballots read, ballots that rank someone, and the first round's tally under the default options
    (an overvote stops a ballot, skipped ranks are passed over)."""
    if "options" in contest:
        raise Undecidable("options other than the defaults")
    people = contest.get("candidates")
    if not isinstance(people, list) or not people:
        raise Undecidable("no candidates")
    spelled: dict[str, str] = {}
    tally: dict[str, int] = {}
    for person in people:
        entry = mapping(person, "a candidate", {"name", "party", "aliases"})
        who = text(entry.get("name"), "a candidate's name")
        aliases = entry.get("aliases", [])
        if not isinstance(aliases, list):
            raise Undecidable("aliases is not a list")
        for spelling in [who, *aliases]:
            if text(spelling, "an alias") in spelled:
                raise Undecidable(f"{spelling!r} twice")
            spelled[spelling] = who
        tally[who] = 0
    ballots = contest["ballots"]
    if not isinstance(ballots, list):
        raise Undecidable("ballots is not a list")
    total = counted = overvotes = 0
    for ballot in ballots:
        entry = mapping(ballot, "a ballot", BALLOT_KEYS)
        copies = count(entry["count"], "a ballot's count") if "count" in entry else 1
        ranking = entry.get("ranking")
        if not isinstance(ranking, list):
            raise Undecidable("a ranking is not a list")
        marks = [rank_marks(rank, spelled) for rank in ranking]
        total += copies
        first = next((rank for rank in marks if rank), None)
        if first is None:
            continue
        counted += copies
        if len(set(first)) > 1:
            overvotes += copies
        else:
            tally[first[0]] += copies
    return {"ballots": total, "counted": counted, "tally": tally, "overvotes": overvotes}


def rank_marks(rank: Any, spelled: dict[str, str]) -> list[str]:
    names = rank if isinstance(rank, list) else [rank]
    # a list of one name is that name (electcli's reading, tests/test_ranked_race_file.py: [[Cy]] is Cy);
    # an empty list is no skipped rank ("" is) and no overvote
    if isinstance(rank, list) and (not rank or len(set(rank)) != len(rank)):
        raise Undecidable(f"a rank {rank!r:.60}: an empty list, or a name twice")
    marks = []
    for name in names:
        if not isinstance(name, str):
            raise Undecidable(f"a rank holds {name!r:.60}")
        if name == "" and not isinstance(rank, list):
            continue
        if name not in spelled:
            raise Undecidable(f"{name!r:.60} is not a candidate")
        marks.append(spelled[name])
    return marks


def electcli_read(output: dict[str, Any]) -> list[dict[str, Any]]:
    """The same figures from electcli's JSON output."""
    found = []
    for contest in output["contests"]:
        if "ballots" in contest and contest.get("rounds"):
            first = contest["rounds"][0]
            found.append(
                {
                    "name": contest["name"],
                    "ballots": contest["ballots"]["total"],
                    "counted": contest["ballots"]["counted"],
                    "tally": first["tally"],
                    "overvotes": first["inactive"]["overvotes"],
                }
            )
        else:
            votes = {candidate["name"]: candidate["votes"] for candidate in contest["candidates"]}
            found.append(
                {
                    "name": contest["name"],
                    "votes": votes,
                    "write_ins": contest["write_ins"],
                    "total": contest["total_votes"],
                }
            )
    return found
