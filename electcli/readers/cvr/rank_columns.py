"""Read electcli's own cast-vote-record CSV (shared/spec/ranked-choice.md): one ballot per row.

    ballot_id,rank1,rank2,rank3
    0001,Ana,Ben,
    0002,Ben,,Cy
    0003,Ana|Ben,Cy,

- Line 1 is a header. Its first column is the ballot id column when its name is ``id``,
  ``ballot``, ``ballot_id`` or ``cvr_id`` (any case; a space or hyphen may stand for the
  underscore: ``Ballot ID``, ``cvr-id``); ids are carried for people and not checked. Every
  other column is a rank, first choice first, whatever its name. (An RCTab-style source may
  instead say where the votes start, ``first_vote_column``; the columns before it are skipped.)
- A rank cell holds one candidate's name (or an alias the contest declares), or nothing for a
  skipped rank. Spaces around a name are ignored. A row may stop early: missing cells at the end
  are skipped ranks, but a row with more cells than the header has columns is an error.
- An overvote (several candidates marked at one rank) joins the names with ``|``, the delimiter
  RCTab's own examples use for ``overvoteDelimiter``: ``Ana|Ben``. A name containing a comma
  must be quoted, as in any CSV: ``"Smith, Jr."``.
- A blank line is not a ballot; a ballot with no rankings still has its cells: ``0004,,,``.

Anything else (an unknown name, a stray cell, a file that is not UTF-8, no header) is refused
with the file, line and column, never skipped.

Speed: a million ballots are a few tens of thousands of distinct rows, and nothing here makes
an object per ballot beyond the line the file splits into. The file is read in blocks of bytes
cut at line ends; in each block the digits are masked (so that ids such as 00012345 read alike),
the lines are counted with ``Counter`` (in C), and only each distinct line is cut after its id
and turned into candidate indices. Rows with quotes or lone carriage returns go through the csv
module instead, still counted by their cells. Only when something is wrong is the file walked row
by row (``rank_rows.walk``), to name the line and column. Cells are read in ``rank_cells``.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import repeat
from operator import itemgetter
from typing import BinaryIO, NoReturn

from electcli.errors import InputError, Location
from electcli.ranked.ballots import BallotGrouper, Ranking
from electcli.readers.bulk import CollectionPaused
from electcli.readers.csv_strict import csv_reader
from electcli.readers.cvr.files import open_regular
from electcli.readers.cvr.rank_cells import CellProblem, RankCells
from electcli.readers.cvr.rank_rows import HEADER_HINT, KIND, MAX_LINE_BYTES, Layout, walk
from electcli.readers.cvr.source import CandidateNames, CvrSource
from electcli.readers.source import MAX_CSV_BYTES

MASK = "\x00"  # stands for every digit while rows are counted (a NUL is never in a text file)
MASK_BYTE = MASK.encode()
MASK_DIGITS = bytes.maketrans(b"0123456789", MASK_BYTE * 10)
# Bytes read at a time: enough lines to keep the per-block work in C, few enough that the block's
# text and lines stay in the processor's cache while they are counted (measured: 64-128 KiB is
# 15-20% faster than 4 MiB on a million ballots)
BLOCK = 1 << 17
SAMPLE = 1000  # lines of the first block whose leading columns are looked at
MAX_SHAPES = 64  # masked leading columns that may differ among them for masking to pay

Key = str | tuple[str, ...]  # a row's rank cells: their text (plain rows) or the csv module's cells


def read_rank_columns(source: CvrSource, candidates: CandidateNames, grouper: BallotGrouper) -> None:
    """Add every ballot of the CSV at ``source.path`` to ``grouper``."""
    reader = _RankColumns(source, candidates, grouper)
    with CollectionPaused():
        reader.read()


class _RankColumns:
    def __init__(self, source: CvrSource, candidates: CandidateNames, grouper: BallotGrouper) -> None:
        self.path = str(source.path)
        self.shown = self.path
        self.grouper = grouper
        self.cells = RankCells(source, candidates, grouper)
        self.layout = Layout(self.shown, self.cells, source)
        # rows counted as whole lines (see ``_count``), their digits masked when there are
        # leading columns: line -> ballots
        self.whole: Counter[bytes] = Counter()

    # -- the bulk pass -------------------------------------------------------------------------

    def read(self) -> None:
        counts: Counter[Key] = Counter()
        with self._open() as handle:
            rest = self._header(handle)
            if rest is None:  # a header the csv module must read (a quoted line end, old Mac line ends)
                handle.seek(0)
                if not self._count_csv(handle, counts, with_header=True):
                    self._diagnose()
            elif not self._count(handle, rest, counts):
                self._diagnose()
        self.whole.pop(b"", None)  # blank lines: not ballots
        if not counts and not self.whole:
            raise InputError(Location(self.shown), "has a header but no ballots", "add one row per ballot")
        self._group_lines()
        self._group(counts)

    def _open(self) -> BinaryIO:
        # a FIFO, a device or a folder is refused without waiting on it (files.open_regular)
        handle = open_regular(
            self.path, self.shown, "check the path (a relative path starts from the race file's folder)"
        )
        if os.fstat(handle.fileno()).st_size > MAX_CSV_BYTES:
            handle.close()
            raise InputError(
                Location(self.shown),
                f"is larger than {MAX_CSV_BYTES // (1024 * 1024)} MiB",
                "split the ballots across several CVR files",
            )
        return handle

    def _header(self, handle: BinaryIO) -> bytes | None:
        """Read and check the header; returns the bytes read past it (``None``: let the row walk say why)."""
        data = b""
        while True:  # the header is the first line that is not blank
            more = handle.read(BLOCK)
            data += more
            if b"\n" in data.removeprefix(codecs.BOM_UTF8).lstrip(b"\r\n") or not more:
                break
            if len(data) > MAX_LINE_BYTES:
                self._diagnose()  # no header line ends within the limit: the row walk says where
        data = data.removeprefix(codecs.BOM_UTF8)
        blank = len(data) - len(data.lstrip(b"\r\n"))
        if blank == len(data):
            raise InputError(Location(self.shown), f"is empty: {KIND}", HEADER_HINT)
        end = data.find(b"\n", blank)
        end = len(data) if end < 0 else end + 1
        line = _decode(data[blank:end])
        if line is None or "\r" in line.rstrip("\r\n") or line.count('"') % 2:
            return None  # not text, or a header cell spanning lines
        try:
            header = next(csv_reader([line]))
        except csv.Error:  # text after a closing quote: the row walk says where
            return None
        self.layout.check_header(header, line, data[:blank].count(b"\n") + 1)
        return data[end:]

    def _count(self, handle: BinaryIO, first: bytes, counts: Counter[Key]) -> bool:
        """Count every row into ``self.whole`` or ``counts``; False when the file is not plain text.

        A row's ballot is its rank cells, so rows are told apart by what follows the id. Rather
        than cut every line there (an object per line, the costliest step), each block's digits
        are masked first: ids such as 00012345 then read alike, whole lines count as they are, and
        the leading columns are cut once per distinct line. Leading columns that masking does not
        make alike (ids with letters, precinct names) would leave as many keys as lines, so such
        files are cut line by line.

        Blocks are read as they come, not cut at a line end: the line a block ends inside is kept
        (``carry``) and joined to the first line of the next, so no block is copied to cut it.
        """
        skip = self.layout.skip
        # masking needs every digit of a row to sit in its leading columns: it is used only when
        # no valid rank cell holds one, so that a digit in a rank cell is an error either way
        mask = self.cells.digit_free and skip > 0
        whole = skip == 0 or (mask and self._masks_alike(first))  # rows counted as whole lines, as bytes
        mask = mask and whole  # rows cut line by line keep their digits
        start = handle.tell() - len(first)  # file offset of the first byte not yet counted: a line's start
        end = start  # file offset just past ``data``
        carry = b""  # the start of a line the last block ended inside (masked like the rows)
        utf8 = None  # checks UTF-8 across blocks, once one is not ASCII (a character may span two)
        data = first
        while data or (data := handle.read(BLOCK)):
            if data.endswith(b"\r"):
                data += handle.read(1)  # a Windows line end cut by the block: keep it whole
            end += len(data)
            if b"\x00" in data:
                return False  # binary: the row walk says so
            if utf8 is not None or not data.isascii():
                # once a block is not ASCII every later one goes through the decoder too: a
                # character cut by a block end may only be finished blocks later
                utf8 = utf8 or codecs.getincrementaldecoder("utf-8")()
                try:
                    utf8.decode(data)  # only UTF-8 text is read
                except UnicodeDecodeError:
                    return False
            if b"\r" in data and data.count(b"\r") == data.count(b"\r\n"):
                data = data.replace(b"\r\n", b"\n")  # Windows line ends: still plain rows
            if b'"' in data or b"\r" in data:
                # quoted cells (a comma or line end inside a name) or old Mac line ends: from the
                # start of the line this block continues on, the csv module reads the rows
                handle.seek(start)
                return self._count_csv(handle, counts)
            cut = data.rfind(b"\n") + 1
            if not cut:  # the block ends the line it started in: it goes on in the next
                carry += data.translate(MASK_DIGITS) if mask else data
                if len(carry) > MAX_LINE_BYTES:
                    self._diagnose()  # a line too long for a ballot: the row walk says where
                data = b""
                continue
            start = end - (len(data) - cut)  # the line left open (no line end in it, so no \r\n either)
            if carry and len(carry) + data.find(b"\n") > MAX_LINE_BYTES:
                self._diagnose()  # the line the last block ended inside is too long for a ballot
            if whole:
                rows = (data.translate(MASK_DIGITS) if mask else data).split(b"\n")
                rows[0] = carry + rows[0]
                carry = rows.pop()
                self.whole.update(rows)
            else:
                lines = filter(None, (carry + data[:cut]).decode("utf-8").split("\n"))  # a blank line is not a ballot
                carry = data[cut:]
                if skip == 1:
                    counts.update(map(itemgetter(2), map(str.partition, lines, repeat(","))))
                else:
                    counts.update(_after_fields(lines, skip))
            data = b""
        if utf8 is not None:
            try:
                utf8.decode(b"", final=True)  # the file does not end inside a character
            except UnicodeDecodeError:
                return False
        if carry:  # the last line, without a line end
            if whole:
                self.whole[carry] += 1
            else:
                counts.update(_after_fields([carry.decode("utf-8")], skip))
        return True

    def _masks_alike(self, data: bytes) -> bool:
        """Whether the leading columns of the first rows mask alike: ids with letters or precinct
        names would leave as many masked lines as rows, and the file is then cut line by line."""
        rows = data.split(b"\n", SAMPLE)[:SAMPLE]
        skip = self.layout.skip
        leading = {b",".join(row.split(b",", skip)[:skip]) for row in rows}
        return len({part.translate(MASK_DIGITS) for part in leading}) <= MAX_SHAPES

    def _count_csv(self, handle: BinaryIO, counts: Counter[Key], with_header: bool = False) -> bool:
        """Count rows read by the csv module from where ``handle`` stands (the header first, when
        ``with_header``); False when the file is not text or the header is wrong (the row walk
        then says exactly where)."""
        start = handle.tell()
        while chunk := handle.read(BLOCK):  # the csv module would read a NUL as text: binary is refused
            if b"\x00" in chunk:
                return False
        handle.seek(start)
        stream = io.TextIOWrapper(handle, encoding="utf-8-sig" if with_header else "utf-8", newline="")
        records = [0]  # rows the csv module read, blank ones included
        reader = csv_reader(stream)
        try:
            rows = filter(None, _counted(reader, records))
            if with_header:
                header = next(rows, None)
                if header is None:
                    return False
                try:
                    self.layout.check_header(header, ",".join(header), 1)
                except InputError:
                    return False
            counts.update(map(tuple, map(itemgetter(slice(self.layout.skip, None)), rows)))
        except (UnicodeDecodeError, csv.Error):
            return False
        finally:
            stream.detach()
        # one row per line: a quoted cell spanning lines (a stray quote swallowing the ballots
        # after it) leaves fewer rows than lines, and the row walk names it
        return reader.line_num == records[0]

    def _group_lines(self) -> None:
        """Add the ballots of the rows counted as whole lines, each distinct line cut once.

        The lines are known to be UTF-8 without line ends, so they are decoded together; a masked
        line's ``skip`` leading columns hold all its digits, its rank cells none (a masked digit
        there names no candidate, so the row walk reports it).
        """
        lines: Mapping[bytes, int] = self.whole
        if not lines:
            return
        skip = self.layout.skip
        if max(map(bytes.count, lines, repeat(b","))) >= skip + self.layout.width:
            self._diagnose()  # a row with more cells than the header has columns
        if skip:
            # ids of different lengths (1 to 1000000) keep lines apart that differ only there:
            # the masked digits a line starts with belong to the first column, cut off anyway
            trimmed = list(map(bytes.lstrip, lines, repeat(MASK_BYTE)))
            if len(set(trimmed)) < len(trimmed):
                merged: dict[bytes, int] = {}
                for line, count in zip(trimmed, lines.values(), strict=True):
                    merged[line] = merged.get(line, 0) + count
                lines = merged
        texts = b"\n".join(lines).decode("utf-8").split("\n")
        cells = map(str.split, texts, repeat(","))
        self._add_all(zip(map(itemgetter(slice(skip, None)), cells) if skip else cells, lines.values(), strict=True))

    def _group(self, rows: Counter[Key]) -> None:
        """Add each distinct row's ballots: the text of its rank cells, or the csv module's cells."""
        cells = [key.split(",") if isinstance(key, str) else key for key in rows]
        if cells and max(map(len, cells)) > self.layout.width:
            self._diagnose()  # a row with more cells than the header has columns
        self._add_all(zip(cells, rows.values(), strict=True))

    def _add_all(self, rows: Iterable[tuple[Sequence[str], int]]) -> None:
        """Add each distinct row (its rank cells) with its ballots, names turned into indices."""
        get = self.cells.ranks.__getitem__
        add = self.grouper.add
        limit = self.layout.limit
        for cells, count in rows:
            try:
                ranking = tuple(map(get, cells))
            except KeyError:
                ranking = self._ranking(cells)
            if limit is not None and any(ranking[limit:]):
                self._diagnose()
            add(ranking, count)

    def _ranking(self, cells: Sequence[str]) -> Ranking:
        """The ranking of cells not all spelled as declared (spaces around a name, overvotes)."""
        try:
            return tuple(map(self.cells.rank, cells))
        except CellProblem:
            self._diagnose()

    def _diagnose(self) -> NoReturn:
        walk(self.path, self.layout)


def _decode(data: bytes) -> str | None:
    if b"\x00" in data:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _counted(rows: Iterator[list[str]], records: list[int]) -> Iterator[list[str]]:
    """``rows``, counted into ``records[0]`` as they pass."""
    for row in rows:
        records[0] += 1
        yield row


def _after_fields(lines: Iterable[str], skip: int) -> Iterator[str]:
    for line in lines:
        parts = line.split(",", skip)
        yield parts[skip] if len(parts) > skip else ""
