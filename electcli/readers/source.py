"""Get an input's text: from a file or standard input, strictly as UTF-8, with clear errors."""

from __future__ import annotations

import errno
import os
import stat
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


def path_problem(name: str, error: OSError | None = None) -> tuple[str, str] | None:
    """Why ``name`` cannot be read as a file, said as what the path really is (a folder, a FIFO, a
    loop of links...), with a hint; None for a regular file. ``error`` is the failure of opening it."""
    try:
        mode = os.stat(name).st_mode
    except OSError as exc:
        return _missing(name, exc)
    if stat.S_ISREG(mode):
        return None if error is None else _missing(name, error)
    if stat.S_ISDIR(mode):
        return "is a folder, not a file", "name a race file; `electcli check` searches folders"
    kind = next((words for test, words in _KINDS if test(mode)), "not a file, a folder or a device")
    # A device or pipe (/dev/zero, a FIFO) could be endless: refuse it rather than read it.
    return f"is {kind}, not a regular file", "name a file; for a stream, use - (standard input)"


_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _missing(name: str, exc: OSError) -> tuple[str, str]:
    if exc.errno == errno.ELOOP:
        return "is a loop of symbolic links (a link that leads back to itself)", "point the link at a file"
    if exc.errno == errno.ENOENT and os.path.islink(name):
        return "is a symbolic link to a file that does not exist", "point the link at a file"
    if exc.errno == errno.ENOENT:
        return "no such file", "check the path (a relative path starts from the current folder)"
    if exc.errno == errno.ENAMETOOLONG:
        return "is a path too long for the system", "check the path"
    if exc.errno == errno.ENOTDIR:
        return "no such file (a part of the path is a file, not a folder)", "check the path"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied: the file cannot be read", "check the permissions of the file and its folders"
    return f"cannot be read: {exc.strerror or exc}", ""


def read_bytes(name: str, limit: int | None = None, shown: str | None = None) -> bytes:
    """The raw bytes of a file (or of standard input for ``-``); errors call it ``shown``."""
    where = Location(shown or name)
    if name == STDIN:
        if sys.stdin is None:  # the process was started with standard input closed
            raise InputError(where, "standard input is closed", "name a file, or give the input on standard input")
        data = sys.stdin.buffer.read() if limit is None else sys.stdin.buffer.read(limit + 1)
    else:
        try:
            # O_NONBLOCK: opening a FIFO must not wait for a writer before it is refused below
            fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        except (OSError, ValueError) as exc:
            problem = path_problem(name, exc if isinstance(exc, OSError) else None) or ("cannot be read", "")
            raise InputError(where, *problem) from None
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise InputError(where, *(path_problem(name) or ("is not a regular file", "")))
        with os.fdopen(fd, "rb") as handle:
            try:
                data = handle.read() if limit is None else handle.read(limit + 1)
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
