"""Open an Excel workbook (.xlsx) from outside safely, and find its first worksheet.

An .xlsx file is a zip archive of XML parts. Before anything is inflated, the archive's directory
is checked: a bounded number of entries, no duplicate names, no encryption, only the two
compression methods Excel writes (stored, deflate), and no part claiming a compression ratio only
a zip bomb has. Parts are then read in chunks, never beyond the size the directory declares
(zipfile stops there and checks the CRC), so a lying directory cannot inflate more either.

Only what the worksheet reader needs is parsed here, with expat and no DTD or entity: the
package relationships (to find the workbook), the workbook (its first worksheet's name and
part), and the shared strings table. Every failure is an ``InputError`` naming the file.
"""

from __future__ import annotations

import os
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TypeVar
from xml.parsers import expat

from electcli.errors import InputError, Location
from electcli.readers.xml_guard import Refused, guarded_parser

XLSX_HINT = "an ES&S cast vote record is an Excel workbook (.xlsx); Strict Open XML and .xls are not read"

MAX_ENTRIES = 10_000
# Spreadsheet XML compresses about 5-30 times (the Maine 2018 workbooks: 8); deflate can reach
# about 1,000 for repeated bytes. Parts over MAX_SMALL_PART must stay under MAX_RATIO.
MAX_RATIO = 100
MAX_SMALL_PART = 1 << 20
MAX_SHARED_STRINGS = 256 << 20  # uncompressed bytes of the shared strings table, held in memory
CHUNK = 1 << 22

T = TypeVar("T")

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOCUMENT = RELATIONSHIPS + "/officeDocument"
WORKSHEET = RELATIONSHIPS + "/worksheet"
SHARED_STRINGS = RELATIONSHIPS + "/sharedStrings"

# zipfile, zlib and expat raise these on damaged archives and parts
DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError, KeyError, OSError)


@dataclass(frozen=True, slots=True)
class Worksheet:
    """Where the first worksheet of a workbook is, and the shared strings its cells refer to."""

    name: str
    part: str
    shared_strings: tuple[str, ...]


@contextmanager
def open_archive(path: Path, shown: str) -> Iterator[zipfile.ZipFile]:
    """The workbook at ``path`` as a checked zip archive, closed (file and all) on leaving; not a
    regular file, not a zip archive, or an archive that could be a zip bomb is an ``InputError``."""
    try:
        # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise InputError(Location(shown), "no such file", "check the source's filePath") from None
    except IsADirectoryError:
        raise InputError(Location(shown), "is a folder, not an Excel workbook", XLSX_HINT) from None
    except OSError as exc:
        raise InputError(Location(shown), f"cannot be read: {exc.strerror or exc}") from None
    _check_regular_file(descriptor, shown)
    with os.fdopen(descriptor, "rb") as handle:
        try:
            archive = zipfile.ZipFile(handle)
        except DAMAGE as exc:
            raise InputError(Location(shown), f"is not an Excel workbook ({_reason(exc)})", XLSX_HINT) from None
        with archive:
            _check_entries(archive, shown)
            yield archive


def _check_regular_file(descriptor: int, shown: str) -> None:
    """A regular file is made blocking again; anything else (a folder, a pipe, a device) is closed
    and refused with an InputError."""
    mode = os.fstat(descriptor).st_mode
    if stat.S_ISREG(mode):
        os.set_blocking(descriptor, True)
        return
    os.close(descriptor)
    if stat.S_ISDIR(mode):
        raise InputError(Location(shown), "is a folder, not an Excel workbook", XLSX_HINT)
    raise InputError(Location(shown), "is not a regular file (a pipe or a device?)", XLSX_HINT)


def _reason(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


def _check_entries(archive: zipfile.ZipFile, shown: str) -> None:
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise InputError(
            Location(shown), f"is a zip archive of {len(entries):,} parts; a workbook has far fewer", XLSX_HINT
        )
    names = set()
    for entry in entries:
        if entry.filename in names:
            raise InputError(Location(shown), f"holds two parts named {entry.filename!r}", XLSX_HINT)
        names.add(entry.filename)
        if entry.flag_bits & 0x1:
            raise InputError(
                Location(shown), f"is encrypted (part {entry.filename!r})", "save the workbook without a password"
            )
        if entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise InputError(
                Location(shown),
                f"part {entry.filename!r} uses zip compression method {entry.compress_type}, which Excel never writes",
                XLSX_HINT,
            )
        if entry.file_size > MAX_SMALL_PART and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            raise InputError(
                Location(shown),
                f"part {entry.filename!r} would inflate {entry.compress_size:,} bytes to {entry.file_size:,} "
                f"(more than {MAX_RATIO} times): a zip bomb, not a workbook",
                XLSX_HINT,
            )


def read_chunks(archive: zipfile.ZipFile, part: str, shown: str) -> Iterator[bytes]:
    """The inflated bytes of ``part`` in chunks; a damaged part is an ``InputError``."""
    try:
        with archive.open(part) as member:
            while chunk := member.read(CHUNK):
                yield chunk
    except DAMAGE as exc:
        raise InputError(Location(shown), f"has a damaged part {part!r} ({_reason(exc)})", XLSX_HINT) from None


def parse_part(
    archive: zipfile.ZipFile,
    part: str,
    shown: str,
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None] | None = None,
    text: Callable[[str], None] | None = None,
    limit: int | None = None,
) -> None:
    """Parse the XML ``part`` with expat (see ``parse_part_events``)."""
    for _ in parse_part_events(archive, part, shown, start, end, text, [], limit):
        pass


def parse_part_events(
    archive: zipfile.ZipFile,
    part: str,
    shown: str,
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None] | None,
    text: Callable[[str], None] | None,
    ready: list[T],
    limit: int | None = None,
) -> Iterator[T]:
    """Parse the XML ``part`` with expat, yielding what the handlers put in ``ready`` as it comes.

    Element names reach the handlers as "namespace local". A DTD, malformed XML, an unknown
    encoding or a part over ``limit`` bytes is an InputError naming the file and part.
    """
    if part not in archive.NameToInfo:
        raise InputError(Location(shown), f"lacks its part {part!r}", XLSX_HINT)
    if limit is not None and archive.getinfo(part).file_size > limit:
        raise InputError(Location(shown), f"has a part {part!r} over {limit:,} bytes", XLSX_HINT)
    parser = guarded_parser(namespaces=True)
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if text is not None:
        parser.CharacterDataHandler = text
    try:
        for chunk in read_chunks(archive, part, shown):
            parser.Parse(chunk, False)
            yield from ready
            ready.clear()
        parser.Parse(b"", True)
        yield from ready
        ready.clear()
    except Refused as exc:
        raise InputError(Location(shown), f"part {part!r} {exc.problem}", XLSX_HINT) from None
    except expat.ExpatError as exc:
        raise InputError(
            Location(shown),
            f"part {part!r} is not well-formed XML (line {exc.lineno}, column {exc.offset + 1}): "
            f"{expat.ErrorString(exc.code)}",
            XLSX_HINT,
        ) from None
    except (LookupError, ValueError) as exc:  # an unknown encoding, or bytes it cannot decode
        raise InputError(Location(shown), f"part {part!r} cannot be decoded ({_reason(exc)})", XLSX_HINT) from None


def _relationships(archive: zipfile.ZipFile, part: str, shown: str) -> list[tuple[str, str, str]]:
    """(Id, Type, target part name) of each relationship in the relationships part ``part``."""
    found: list[tuple[str, str, str]] = []
    # targets are relative to the folder of the part the relationships belong to (ECMA-376 part 2)
    owner_folder = PurePosixPath(part).parent.parent

    def start(name: str, attrs: dict[str, str]) -> None:
        if name == PACKAGE_RELATIONSHIPS + " Relationship" and attrs.get("TargetMode") != "External":
            target = attrs.get("Target", "")
            resolved = target.lstrip("/") if target.startswith("/") else _join(owner_folder, target)
            found.append((attrs.get("Id", ""), attrs.get("Type", ""), resolved))

    parse_part(archive, part, shown, start, limit=MAX_SMALL_PART)
    return found


def _join(folder: PurePosixPath, target: str) -> str:
    parts: list[str] = [] if str(folder) == "." else list(folder.parts)
    for piece in target.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


def first_worksheet(archive: zipfile.ZipFile, shown: str) -> Worksheet:
    """The name and part of the workbook's first worksheet, and its shared strings."""
    documents = [
        target for _id, kind, target in _relationships(archive, "_rels/.rels", shown) if kind == OFFICE_DOCUMENT
    ]
    if len(documents) != 1:
        raise InputError(Location(shown), "does not say which part is its workbook", XLSX_HINT)
    workbook = documents[0]
    folder = PurePosixPath(workbook).parent
    rels_part = str(folder / "_rels" / (PurePosixPath(workbook).name + ".rels"))
    relations = _relationships(archive, rels_part, shown)
    sheets: list[tuple[str, str]] = []  # (name, relationship id) in workbook order

    def start(name: str, attrs: dict[str, str]) -> None:
        if name.startswith(STRICT_MAIN + " "):
            raise _StrictWorkbook
        if name == MAIN + " sheet":
            sheets.append((attrs.get("name", ""), attrs.get(RELATIONSHIPS + " id", "")))

    try:
        parse_part(archive, workbook, shown, start, limit=MAX_SMALL_PART)
    except _StrictWorkbook:
        raise InputError(Location(shown), "is a Strict Open XML workbook", XLSX_HINT) from None
    targets = {rel_id: (kind, target) for rel_id, kind, target in relations}
    worksheets = [
        (name, targets[rel_id][1]) for name, rel_id in sheets if targets.get(rel_id, ("", ""))[0] == WORKSHEET
    ]
    if not worksheets:
        raise InputError(Location(shown), "has no sheets", XLSX_HINT)
    name, part = worksheets[0]
    if part not in archive.NameToInfo:
        raise InputError(Location(shown), f"lacks the part {part!r} of its sheet {name!r}", XLSX_HINT)
    strings_parts = [target for _id, kind, target in relations if kind == SHARED_STRINGS]
    strings = _shared_strings(archive, strings_parts[0], shown) if strings_parts else ()
    return Worksheet(name, part, strings)


class _StrictWorkbook(Exception):
    pass


def _shared_strings(archive: zipfile.ZipFile, part: str, shown: str) -> tuple[str, ...]:
    """The shared strings table: each ``<si>``'s text, the ``<t>`` runs of its rich text joined and
    its phonetic guides (``<rPh>``) left out, as Excel shows the cell."""
    strings: list[str] = []
    path: list[str] = []
    parts: list[str] = []
    item, text, phonetic = MAIN + " si", MAIN + " t", MAIN + " rPh"

    def start(name: str, _attrs: dict[str, str]) -> None:
        path.append(name)
        if name == item:
            parts.clear()

    def end(name: str) -> None:
        path.pop()
        if name == item:
            strings.append("".join(parts))

    def data(chunk: str) -> None:
        # a <t> directly in <si>, or in a rich-text run <si><r><t>; not in <rPh>
        if path and path[-1] == text and len(path) >= 2 and path[1] == item and phonetic not in path:
            parts.append(chunk)

    parse_part(archive, part, shown, start, end, data, limit=MAX_SHARED_STRINGS)
    return tuple(strings)
