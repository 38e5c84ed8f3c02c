"""Get an input's text: from a file or standard input, strictly as UTF-8, with clear errors."""

from __future__ import annotations

import os
import sys
from typing import NamedTuple

from electcli.digest import sha256_hex
from electcli.errors import InputError, Location

STDIN = "-"

# A race file this large is almost certainly a mistake (or an attack); reading it would take
# gigabytes. Units in bulk belong in a CSV counts file, which is read in bulk.
MAX_YAML_BYTES = 64 * 1024 * 1024
# A statewide precinct file is tens of megabytes; this leaves room and still stops a runaway.
MAX_CSV_BYTES = 1024 * 1024 * 1024


class Source(NamedTuple):
    name: str  # as the user gave it; "-" for standard input
    text: str
    folder: str  # where relative paths inside the file are resolved
    sha256: str  # of the bytes as read, for the audit trail


def read_bytes(name: str, limit: int | None = None, shown: str | None = None) -> bytes:
    """The raw bytes of a file (or of standard input for ``-``); errors call it ``shown``."""
    where = Location(shown or name)
    if name == STDIN:
        data = sys.stdin.buffer.read() if limit is None else sys.stdin.buffer.read(limit + 1)
    else:
        if os.path.isdir(name):
            raise InputError(where, "is a folder, not a file", "name a race file; `electcli check` searches folders")
        if os.path.exists(name) and not os.path.isfile(name):
            # A device or pipe (/dev/zero, a FIFO) could be endless: refuse it rather than read it.
            raise InputError(
                where,
                "is not a regular file (a device, pipe or socket)",
                "name a file; for a stream, use - (standard input)",
            )
        try:
            with open(name, "rb") as handle:
                data = handle.read() if limit is None else handle.read(limit + 1)
        except FileNotFoundError:
            raise InputError(
                where, "no such file", "check the path (a relative path starts from the current folder)"
            ) from None
        except PermissionError:
            raise InputError(where, "permission denied: the file cannot be read") from None
        except OSError as exc:
            raise InputError(where, f"cannot be read: {exc.strerror or exc}") from None
    if limit is not None and len(data) > limit:
        raise InputError(
            where,
            f"is larger than {limit // (1024 * 1024)} MiB",
            "give units in bulk as a CSV counts file (results: {file: counts.csv})",
        )
    return data


def decode_text(name: str, data: bytes, kind: str = "a race file is UTF-8 YAML text") -> str:
    """Strict UTF-8 (a leading byte-order mark is dropped); binary data is refused by name.

    ``kind`` says what the file should be, for the hint.
    """
    if b"\x00" in data:
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            raise InputError(Location(name), "is UTF-16 text", f"{kind}: save it as UTF-8")
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError(Location(name, line), "is a binary file (it contains NUL bytes), not text", kind)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            Location(name, line, column),
            f"is not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be decoded)",
            "save the file as UTF-8",
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


def read_source(name: str, limit: int | None = MAX_YAML_BYTES) -> Source:
    data = read_bytes(name, limit)
    text = decode_text(name, data)
    folder = os.getcwd() if name == STDIN else os.path.dirname(os.path.abspath(name))
    return Source(name=name, text=text, folder=folder, sha256=sha256_hex(data))
