"""RCTab's generic CSV cast vote records: one column per candidate, one row per ballot, ranks in the cells.

    Response ID,precinct_id,batch_id,Lettuce,Broccoli,Cucumber,Write-In
    R_3QEQ85E7gV2DuyG,p1,b1,,2,1,
    R_1ikP1jSJLdWUEKs,p1,b1,2,3,4,1

Read as RCTab's CsvCvrReader reads it (survey exports, such as Qualtrics', have this shape):

- Line 1 is the header. From ``first_vote_column`` on, each header cell names a candidate (a
  declared name or alias, or the source's undeclared write-in label); none may be blank.
- Ballots start at line ``first_vote_row``. A ballot's cell under a candidate holds the rank the
  voter gave that candidate (1 = first choice), or nothing. Two candidates with the same rank are
  an overvote at that rank; a rank no candidate has is a skipped rank.
- A rank is a whole number from 1 up to ``max_rankings`` (RCTab refuses a ballot that ranks more
  deeply than the contest allows: its ``max_ranking_enforcement`` case).
- Columns before ``first_vote_column`` are not read, except the precinct, batch and id columns
  when the source names them: each ballot's precinct and batch are recorded for results by slice
  (a blank cell is RCTab's ``no precinct id`` / ``no batch id``), its id for ``electcli ballots``. A blank line is no ballot; a row
  of empty cells is a ballot that ranks no one.

Anything else (a word where a rank should be, a cell beyond the header, a file that is not UTF-8)
is an error naming the file, line and column.
"""

from __future__ import annotations

from collections.abc import Iterator

from electcli.errors import InputError, Location
from electcli.ranked.ballots import BallotGrouper, Ranking
from electcli.readers.cvr.csv_rows import csv_rows
from electcli.readers.cvr.marks import JAVA_BLANKS, MAX_RANK, CandidateIndex, ranking_from_marks
from electcli.readers.cvr.source import CandidateNames, CvrSource, quoted


def read_generic_csv(source: CvrSource, candidates: CandidateNames, grouper: BallotGrouper) -> None:
    """Add every ballot of the CSV at ``source.path`` to ``grouper``."""
    shown = str(source.path)
    if not source.first_vote_column or not source.first_vote_row:
        raise InputError(
            source.location,
            "a generic CSV source needs the column of the first candidate and the row of the first ballot",
            "set firstVoteColumnIndex and firstVoteRowIndex (counting from 1)",
        )
    first = source.first_vote_column - 1
    top = min(source.max_rankings or MAX_RANK, MAX_RANK)
    rows = _rows(source, shown)
    header_line, header = next(rows, (0, []))
    if not header:
        raise InputError(Location(shown, 1), "is empty: it has no header row", "line 1 names the candidates")
    lookup = CandidateIndex(source, candidates, grouper)
    columns: list[int] = []
    for offset, name in enumerate(header[first:]):
        where = Location(shown, header_line, first + offset + 1)
        if not name.strip():
            raise InputError(where, f"the header of column {first + offset + 1} is blank", "name a candidate there")
        columns.append(lookup.lookup(name, where))
    if not columns:
        raise InputError(
            Location(shown, header_line),
            f"the header has no candidate columns from column {first + 1} on",
            "check firstVoteColumnIndex",
        )
    seen: dict[tuple[str, ...], Ranking] = {}
    precinct_index = source.precinct_column - 1 if source.precinct_column else None
    batch_index = source.batch_column - 1 if source.batch_column else None
    id_index = source.id_column - 1 if source.id_column else None
    if precinct_index is None and batch_index is None and not grouper.keeps_ballots:
        # a plain count: only how many ballots hold each row's cells matters (an id column is not
        # read: ids are kept only when ballots are written back out, ``grouper.keeps_ballots``)
        counts: dict[tuple[str, ...], int] = {}
        for line, row in rows:
            if line < source.first_vote_row or not row:
                continue  # a header line, or a blank line (no ballot)
            cells = tuple(row[first:])
            number = counts.get(cells)
            if number is None:  # checked where first met, so an error names its line
                seen[cells] = _ranking(cells, columns, first, top, Location(shown, line), source.max_rankings, False)
                counts[cells] = 1
            else:
                counts[cells] = number + 1
        for cells, number in counts.items():
            grouper.add(seen[cells], number)
        return
    for line, row in rows:
        if line < source.first_vote_row or not row:
            continue  # a header line, or a blank line (no ballot)
        cells = tuple(row[first:])
        ranking = seen.get(cells)
        if ranking is None:
            ranking = _ranking(
                cells, columns, first, top, Location(shown, line), source.max_rankings, grouper.keeps_ballots
            )
            seen[cells] = ranking
        if precinct_index is None and batch_index is None and id_index is None:
            grouper.add(ranking)
        else:
            precinct = _slice_id(row, precinct_index, "no precinct id", shown, line)
            batch = _slice_id(row, batch_index, "no batch id", shown, line)
            ballot_id = row[id_index] if id_index is not None and id_index < len(row) else None
            grouper.add_in(ranking, precinct, batch, ballot_id)


def _slice_id(row: list[str], index: int | None, blank: str, shown: str, line: int) -> str | None:
    """The precinct or batch in ``row``'s column ``index`` (None: no such column), as RCTab reads it."""
    if index is None:
        return None
    if index >= len(row):
        raise InputError(
            Location(shown, line, index + 1),  # made only here: a Location a row costs a tenth of the read
            f"the row has no column {index + 1}, where the source says each ballot's precinct or batch is",
            "check precinctColumnIndex and batchColumnIndex",
        )
    cell = row[index]
    return cell if cell.strip() else blank  # CsvCvrReader: isNullOrBlank -> "no precinct id"


def _ranking(
    cells: tuple[str, ...],
    columns: list[int],
    first: int,
    top: int,
    where: Location,
    max_rankings: int | None,
    in_order: bool,
) -> Ranking:
    if len(cells) > len(columns):
        raise InputError(
            Location(where.file, where.line, first + len(columns) + 1),
            f"the row has {first + len(cells)} cells, more than the header's {first + len(columns)}",
            "every cell under a candidate needs that candidate named in the header",
        )
    marks: list[tuple[int, int]] = []
    for offset, cell in enumerate(cells):
        text = cell.strip(JAVA_BLANKS)  # RCTab trims a cell as Java does; other spaces are refused
        if not text:
            continue
        here = Location(where.file, where.line, first + offset + 1)
        if not (text.isascii() and text.isdigit()):
            raise InputError(
                here, f"expected a rank (a whole number), found {quoted(cell)}", "write 1 for a first choice"
            )
        # a rank is at most MAX_RANK (four digits): a longer one is out of range however it reads,
        # and is never turned into an int (Python refuses past 4,300 digits)
        rank = int(text) if len(text) <= 6 else top + 1
        if rank < 1 or rank > top:
            allowed = "the contest allows" if max_rankings else "a ballot can hold"
            shown = text if len(text) <= 20 else f"{text[:20]}... ({len(text)} digits)"
            raise InputError(
                here,
                f"rank {shown} is out of range: ranks run from 1 to {top}, as many as {allowed}",
                "check the ballot, or raise maxRankingsAllowed",
            )
        marks.append((rank, columns[offset]))
    return ranking_from_marks(marks, where, in_order=in_order)


def _rows(source: CvrSource, shown: str) -> Iterator[tuple[int, list[str]]]:
    return csv_rows(source.path, shown, "a CSV file", "check the source's filePath")
