"""Clear Ballot ClearVote cast vote records: one CSV file, one row per ballot.

Read as RCTab's ClearBallotCvrReader reads them (Clear Ballot's 2.1 RCV format). Ten fixed columns
(RowNumber, BoxID, BoxPosition, BallotID, PrecinctID, BallotStyleID, PrecinctStyleName,
ScanComputerName, Status, Remade) come first; every later column is one candidate at one rank,
its header ``Choice_<n>_<m>:<contest>:<rank>:<vote rule>:<candidate>:<party>``, and each row holds
1 where the voter marked it, 0 where not. The source's contest id is the contest's name as the
headers write it. Every row is a ballot of that contest (one with no mark in it is an undervote).

Each ballot's ids, as RCTab's CastVoteRecord has them, are read when they are kept (``kept_ids``:
``electcli ballots``, results by slice): its BallotID (RCTab's id for the ballot), PrecinctID
(its precinct) and ScanComputerName (the tabulator). A blank one is an error at its cell.

The file is real CSV: a quoted field may hold commas, as in a contest called "City of Portland,
Auditor" (RCTab's ``clear_ballot_with_inline_comma`` case), so it is read with a CSV parser, never
split on commas.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from electcli.errors import InputError, Location
from electcli.ranked.ballots import BallotGrouper
from electcli.readers.cvr.csv_rows import csv_rows
from electcli.readers.cvr.kept_ids import keeps_ids
from electcli.readers.cvr.marks import JAVA_BLANKS, CandidateIndex, ranking_from_marks, single_contest
from electcli.readers.cvr.source import CandidateNames, CvrSource, quoted

FIXED_COLUMNS = 10  # RowNumber .. Remade
BALLOT_ID, PRECINCT_ID, SCAN_COMPUTER = 3, 4, 7  # of the fixed columns, from 0
HEADER_FIELDS = 6  # Choice_n_m : contest : rank : vote rule : candidate : party


def _rows(path: Path, shown: str) -> Iterator[tuple[int, list[str]]]:
    return csv_rows(path, shown, "a Clear Ballot CSV file", "check the path in the source")


def read_clear_ballot(source: CvrSource, candidates: CandidateNames, grouper: BallotGrouper) -> None:
    """Add every ballot of the contest in the Clear Ballot CSV ``source.path`` to ``grouper``."""
    shown = str(source.path)
    rows = _rows(source.path, shown)
    header_line, header = next(rows, (1, []))
    if not header:
        raise InputError(Location(shown, 1), "has no header row", "a Clear Ballot CVR starts with its column names")
    if len(header) <= FIXED_COLUMNS:
        raise InputError(
            Location(shown, header_line),
            f"has {len(header)} columns, none of them a choice column",
            f"expected {FIXED_COLUMNS} fixed columns, then one per candidate and rank",
        )
    choices = _choice_columns(header, header_line, shown)
    contests = list(dict.fromkeys(contest for contest, _, _ in choices.values()))
    contest = single_contest(source.contest_id, contests, Location(shown, header_line), "file")
    columns = [(column, rank, name) for column, (name_of, rank, name) in choices.items() if name_of == contest]
    if not columns:
        shown_contests = ", ".join(repr(c) for c in contests[:20])
        raise InputError(
            source.location,
            f"contest {contest!r} has no columns in {shown}",
            f"the file's contests are: {shown_contests}",
        )
    lookup = CandidateIndex(source, candidates, grouper)
    keep = keeps_ids(grouper)
    grouper.slices_unread |= not keep
    if grouper.keeps_ballots:  # an overvote's candidates come back in RCTab's order
        columns = _rctab_order(columns, source.max_rankings)
    for line, row in rows:
        if not row:
            continue  # a blank line is no ballot
        if len(row) < len(header):
            # even when this contest's cells are all there: a row cut short is a damaged file
            # (the last line of a file cut off in the middle of a row), not a ballot to guess at
            raise InputError(
                Location(shown, line),
                f"has {len(row)} fields, but the header has {len(header)}",
                "rows end early: is the file cut short?",
            )
        if len(row) > len(header):
            # a cell more than the header names: its marks could be read under the wrong choices
            raise InputError(
                Location(shown, line, len(header) + 1),
                f"has {len(row)} fields, but the header has {len(header)}",
                "every row has one cell per header column (a cell holding a comma is quoted)",
            )
        marks: list[tuple[int, int]] = []
        for column, rank, name in columns:
            cell = row[column]  # exactly 1 or 0, as Clear Ballot writes them: anything else is damage
            if cell == "1":
                marks.append((rank, lookup.lookup(name, Location(shown, line, column + 1))))
            elif cell != "0":
                raise InputError(
                    Location(shown, line, column + 1),
                    f"choice cell holds {quoted(row[column])}",
                    "Clear Ballot marks each choice with 1 (marked) or 0 (not)",
                )
        ranking = ranking_from_marks(marks, Location(shown, line), source.max_rankings, grouper.keeps_ballots)
        if not keep:
            grouper.add(ranking)
            continue
        ballot_id, precinct, scanner = (
            _id(row, column, header, Location(shown, line, column + 1))
            for column in (BALLOT_ID, PRECINCT_ID, SCAN_COMPUTER)
        )
        grouper.add_in(ranking, precinct, None, ballot_id, tabulator=scanner, contest=contest)


def _rctab_order(columns: list[tuple[int, int, str]], allowed: int | None) -> list[tuple[int, int, str]]:
    """The contest's columns in the order RCTab's ClearBallotCvrReader visits them: it keeps them
    in a Java HashMap keyed by column number, whose table (16 slots, doubled whenever it is more
    than three quarters full) holds column c in slot c mod the table's size, and is walked slot by
    slot; so an overvote's candidates are listed in that order. The count does not depend on it."""
    kept = sum(1 for _, rank, _ in columns if allowed is None or rank <= allowed)  # RCTab maps these only
    size = 16
    while kept > size * 3 // 4:
        size *= 2
    return sorted(columns, key=lambda entry: (entry[0] % size, entry[0]))


def _id(row: list[str], column: int, header: list[str], where: Location) -> str:
    """The id in one of a row's fixed columns, as written; a blank one is an error."""
    if not row[column].strip():
        raise InputError(
            where,
            f"the {header[column]} cell is blank",
            "every ballot's row names its ballot, precinct and scan computer",
        )
    return row[column]


def _choice_columns(header: list[str], line: int, shown: str) -> dict[int, tuple[str, int, str]]:
    """Column index (from 0) -> (contest, rank, candidate) for every choice column."""
    choices: dict[int, tuple[str, int, str]] = {}
    for column in range(FIXED_COLUMNS, len(header)):
        where = Location(shown, line, column + 1)
        fields = header[column].split(":")
        if len(fields) != HEADER_FIELDS:
            raise InputError(
                where,
                f"choice column header {quoted(header[column])} has {len(fields)} parts separated by ':'",
                "expected Choice_<n>_<m>:<contest>:<rank>:<vote rule>:<candidate>:<party>",
            )
        text = fields[2].strip(JAVA_BLANKS)  # as Java trims: a Unicode space around the rank is refused
        if not (text.isascii() and text.isdigit() and len(text) <= 6):  # never an int of 5000 digits
            raise InputError(
                where, f"choice column header gives rank {quoted(text)}", "a rank is a whole number up to 1000"
            )
        rank = int(text)
        choices[column] = (fields[1], rank, fields[4])
    return choices
