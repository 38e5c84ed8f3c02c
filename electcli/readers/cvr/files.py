"""Opening CVR files safely, and telling whether two names are one file.

A CVR path comes from a configuration or a race file, so it may name anything: a FIFO (opening
one for reading waits, for ever, for a writer), a device (``/dev/zero`` never ends), a folder.
``open_regular`` opens without waiting (``O_NONBLOCK``) and then asks the open file itself what it
is (``fstat``), so nothing can be swapped in between a check and the open; only a regular file is
read. ``file_identity`` compares files by device and inode, so that a hard link, a symbolic link
or another spelling of a file already read is caught.
"""

from __future__ import annotations

import os
import stat
from typing import BinaryIO

from electcli.errors import InputError, Location

NOT_REGULAR = "is not a regular file (a device, pipe or socket)"
NOT_REGULAR_HINT = "name the cast vote record file itself"


def open_regular(path: str | os.PathLike[str], shown: str, missing_hint: str = "", folder_hint: str = "") -> BinaryIO:
    """``path`` opened for reading in binary; an ``InputError`` naming ``shown`` unless it is a
    regular file that can be read."""
    where = Location(shown)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise InputError(where, "no such file", missing_hint or "check the path") from None
    except IsADirectoryError:
        raise InputError(where, "is a folder, not a file", folder_hint or NOT_REGULAR_HINT) from None
    except PermissionError:
        raise InputError(where, "permission denied: the file cannot be read") from None
    except OSError as exc:
        raise InputError(where, f"cannot be read: {exc.strerror or exc}") from None
    except ValueError:  # a NUL in the name
        raise InputError(where, "is not a usable file name (it holds a NUL character)") from None
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise InputError(where, "is a folder, not a file", folder_hint or NOT_REGULAR_HINT)
        if not stat.S_ISREG(mode):
            raise InputError(where, NOT_REGULAR, NOT_REGULAR_HINT)
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)  # a regular file: reads as usual
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def check_regular(path: str | os.PathLike[str], shown: str, missing_hint: str = "") -> None:
    """Refuse ``path`` (by ``shown``) unless it is a regular file; opens nothing that could block."""
    open_regular(path, shown, missing_hint).close()


def file_identity(path: str | os.PathLike[str]) -> tuple[int, int] | str:
    """What makes a file itself: its device and inode (its real path when it cannot be stat'ed)."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):  # missing, a name too long, a NUL in it: the reader says which
        return os.path.abspath(path)
    return (info.st_dev, info.st_ino)


def ends_with_line_break(path: str | os.PathLike[str]) -> bool:
    """Whether a regular, non-empty file's last byte is a line end (True when it cannot tell)."""
    try:
        with open_regular(path, str(path)) as handle:
            size = os.fstat(handle.fileno()).st_size
            if not size:
                return True
            handle.seek(size - 1)
            return handle.read(1) in (b"\n", b"\r")
    except InputError:
        return True
