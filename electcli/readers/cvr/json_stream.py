"""Stream the items of one array in a large JSON file, one item in memory at a time.

A Dominion ``CvrExport.json`` can run to gigabytes: one object whose ``Sessions`` array holds a
record per ballot sheet. ``json.load`` would hold all of it at once; this walks the top-level
object itself and decodes the wanted array one item at a time with the standard library's
decoder, reading the file in chunks. Errors name the line and column, as ``json`` counts them.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from electcli.errors import InputError, Location
from electcli.readers.cvr.files import open_regular
from electcli.readers.json_text import CONSTANT_HINT, JsonConstant, constant_offset, refuse_constant

CHUNK = 1 << 20
# A single ballot record is a few kilobytes; one this large is a corrupt or hostile file, and
# reading on would only fill memory.
MAX_ITEM_CHARS = 64 * 1024 * 1024
WHITESPACE = " \t\n\r"


class DuplicateKey(ValueError):
    """A member name given twice in one JSON object (``json`` would keep the last silently)."""

    def __init__(self, name: str) -> None:
        super().__init__(f"key {name!r} is given twice in one object")
        self.name = name


def unique_members(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An ``object_pairs_hook`` that refuses a member name given twice (``DuplicateKey``)."""
    found = dict(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        for name, _ in pairs:
            if name in seen:
                raise DuplicateKey(name)
            seen.add(name)
    return found


# stateless; a key given twice is refused, and so are NaN and Infinity (not JSON numbers)
DECODER = json.JSONDecoder(object_pairs_hook=unique_members, parse_constant=refuse_constant)


class _Buffer:
    """The unread text of a file, with the position of its start, for line and column numbers."""

    def __init__(self, handle: TextIO, shown: str) -> None:
        self.handle = handle
        self.shown = shown
        self.text = ""
        self.pos = 0
        self.eof = False
        self.first = (1, 1)  # line and column of text[0]
        self.start = (1, 1)  # line and column of the top-level value
        # line and column of text[scan]: where() counts on from the last place it was asked about,
        # so asking where every item starts costs one pass over the text, not one pass each
        self.scan = 0
        self.line = 1
        self.column = 1

    def where(self, pos: int | None = None) -> Location:
        pos = self.pos if pos is None else pos
        if pos < self.scan:  # an error pointing back inside a value: count again from text[0]
            self.scan, (self.line, self.column) = 0, self.first
        segment = self.text[self.scan : pos]
        newlines = segment.count("\n")
        if newlines:
            self.line += newlines
            self.column = len(segment) - segment.rfind("\n")
        else:
            self.column += len(segment)
        self.scan = pos
        return Location(self.shown, self.line, self.column)

    def more(self, at_least: int = CHUNK) -> bool:
        """Read more text (dropping what was consumed); False at the end of the file."""
        if self.eof:
            return False
        self.where()
        self.first = (self.line, self.column)
        self.text = self.text[self.pos :]
        self.pos = self.scan = 0
        try:
            chunk = self.handle.read(max(CHUNK, at_least))
        except UnicodeDecodeError:
            raise InputError(self.where(len(self.text)), "is not UTF-8 text") from None
        self.eof = not chunk
        self.text += chunk
        return not self.eof

    def peek(self) -> str:
        """The next character after whitespace; "" at the end of the file."""
        while True:
            while self.pos < len(self.text) and self.text[self.pos] in WHITESPACE:
                self.pos += 1
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self.more():
                return ""

    def expect(self, wanted: str) -> None:
        found = self.peek()
        if found != wanted:
            shown = repr(found) if found else "the end of the file"
            raise InputError(self.where(), f"is not valid JSON: expected {wanted!r}, found {shown}")
        self.pos += 1

    def value(self) -> Any:
        """Decode the JSON value that starts here, reading more of the file as it needs."""
        self.peek()
        while True:
            try:
                value, end = DECODER.raw_decode(self.text, self.pos)
            except json.JSONDecodeError as exc:
                # Running off the end of what has been read looks like an error too: read on
                # unless the error is plainly inside the text (or the file has ended).
                unfinished = exc.msg.startswith("Unterminated string") or exc.pos >= len(self.text) - 16
                into = exc.pos - self.pos  # growing moves the text, but not this distance
                if not (unfinished and self._grow()):
                    raise InputError(self.where(self.pos + into), f"is not valid JSON: {exc.msg}") from None
                continue
            except RecursionError:
                raise InputError(self.where(), "is not usable JSON: nested too deeply") from None
            except JsonConstant as exc:  # NaN, Infinity: Python's json reads them, JSON has none
                offset = constant_offset(self.text, self.pos)
                raise InputError(
                    self.where(self.pos if offset is None else offset),
                    f"holds {exc}, which is not a JSON number",
                    CONSTANT_HINT,
                ) from None
            except DuplicateKey as exc:  # one of the two values would vanish
                raise InputError(self.where(), f"{exc}", "give each member once: only one would be read") from None
            except ValueError as exc:  # e.g. an integer with thousands of digits
                raise InputError(self.where(), f"is not usable JSON: {exc}") from None
            # A number (or anything) that ends exactly where the text read so far ends may go on.
            if end == len(self.text) and self._grow():
                continue
            self.pos = end
            return value

    def _grow(self) -> bool:
        if len(self.text) - self.pos > MAX_ITEM_CHARS:
            raise InputError(self.where(), f"holds a JSON value longer than {MAX_ITEM_CHARS} characters")
        return self.more(at_least=len(self.text) - self.pos)


def iter_array(path: Path, key: str, shown: str) -> Iterator[tuple[Any, Location]]:
    """Yield each item (and where it starts) of the array under ``key`` in the top-level object
    of the JSON file ``path``; an ``InputError`` if the file is not such an object or lacks ``key``."""
    try:
        with open_regular(path, shown, folder_hint="name a JSON file") as binary:
            buffer = _Buffer(io.TextIOWrapper(binary, encoding="utf-8-sig"), shown)
            yield from _walk(buffer, key)
    except FileNotFoundError:
        raise InputError(Location(shown), "no such file") from None
    except IsADirectoryError:
        raise InputError(Location(shown), "is a folder, not a JSON file") from None
    except OSError as exc:
        raise InputError(Location(shown), f"cannot be read: {exc.strerror or exc}") from None


def _walk(buffer: _Buffer, key: str) -> Iterator[tuple[Any, Location]]:
    found = False
    names: set[str] = set()  # the top-level object's member names so far
    buffer.peek()
    start = buffer.where()
    buffer.start = (start.line, start.column)  # where the top-level object starts, for messages about all of it
    buffer.expect("{")
    if buffer.peek() == "}":
        buffer.pos += 1
    else:
        while True:
            if buffer.peek() != '"':
                buffer.expect('"')  # reports what is there instead
            at = buffer.where()
            name = buffer.value()
            if name in names:  # json would keep the last: one of the two would vanish
                raise InputError(at, f"key {name!r} is given twice in the top-level object", "give each member once")
            names.add(name)
            buffer.expect(":")
            if name == key:
                found = True
                if buffer.peek() != "[":
                    raise InputError(buffer.where(), f"{key!r} is not a JSON array")
                buffer.pos += 1
                if buffer.peek() == "]":
                    buffer.pos += 1
                else:
                    while True:
                        buffer.peek()  # to the item itself, past whitespace
                        where = buffer.where()
                        yield buffer.value(), where
                        if buffer.peek() == ",":
                            buffer.pos += 1
                            continue
                        buffer.expect("]")
                        break
            else:
                buffer.value()  # another member (or a repeated key): read past it
            if buffer.peek() == ",":
                buffer.pos += 1
                continue
            buffer.expect("}")
            break
    if buffer.peek():
        raise InputError(buffer.where(), "is not valid JSON: more text after the top-level object")
    if not found:
        raise InputError(Location(buffer.shown, *buffer.start), f"has no {key!r} array")
