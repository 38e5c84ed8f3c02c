"""Files electcli writes (``runoff -o``, ``check --junit``): whole or not at all, never over an input.

- Whole or not at all: the text goes to a temporary file in the same folder, is flushed to disk,
  then renamed into place (a rename within one file system is atomic). A full disk, an error or
  Ctrl-C leaves the old file, or no file, and never a half-written one.
- Never over one of the command's inputs: ``runoff race.yaml -o race.yaml`` would replace the
  race file by its runoff. Files are compared as the system knows them (device and inode), so a
  symbolic link, a hard link or another spelling of an input is caught too. ``--force`` does not
  lift this.
- Never over an existing file without ``--force``; without it the file is put in place with a
  hard link, which fails if the name was taken meanwhile, instead of a check-then-write race.
- A target that is not a regular file (``/dev/stdout``, a named pipe, ``/dev/full``) is written
  directly: there is no file to replace, and renaming over a device would replace the device.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterable

from electcli.errors import UsageError


def write_output(path: str, text: str, inputs: Iterable[str], force: bool = False) -> None:
    """Write ``text`` (UTF-8) to ``path`` safely; a ``UsageError`` naming the file if it cannot be."""
    data = text.encode("utf-8")
    try:
        existing = os.stat(path)
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise _cannot(path, exc) from None
    if existing is not None:
        _not_an_input(path, existing, inputs)
        if stat.S_ISDIR(existing.st_mode):
            raise UsageError(f"cannot write {path}: it is a folder")
        if not stat.S_ISREG(existing.st_mode):
            _write_directly(path, data)
            return
        if not force:
            raise UsageError(f"{path} already exists; give --force to replace it")
    # Through a symbolic link, as the shell's `>` writes: the file it leads to is replaced, not the link.
    target = os.path.realpath(path) if os.path.islink(path) else path
    _write_whole(
        target, data, existing.st_mode if existing is not None else None, replace=existing is not None or force
    )


def _not_an_input(path: str, target: os.stat_result, inputs: Iterable[str]) -> None:
    for name in inputs:
        if name == "-":
            continue
        try:
            found = os.stat(name)
        except OSError:
            continue
        if (found.st_dev, found.st_ino) == (target.st_dev, target.st_ino) and stat.S_ISREG(found.st_mode):
            same = "" if os.path.normpath(name) == os.path.normpath(path) else f" (it is {name})"
            raise UsageError(
                f"will not write over {path}: it is one of this command's inputs{same}; name another output file"
            )


def _write_directly(path: str, data: bytes) -> None:
    try:
        with open(path, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise _cannot(path, exc) from None


def _write_whole(path: str, data: bytes, mode: int | None, replace: bool) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(path)}.", suffix=".tmp")
    except OSError as exc:
        raise _cannot(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            # mkstemp makes the file private (0600); give it the mode it replaces, or the usual one
            if hasattr(os, "fchmod"):  # not on Windows before Python 3.13
                os.fchmod(handle.fileno(), stat.S_IMODE(mode) if mode is not None else 0o666 & ~_umask())
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if replace:
            os.replace(temporary, path)
        else:
            _link_new(temporary, path)
    except OSError as exc:
        raise _cannot(path, exc) from None
    finally:  # also on Ctrl-C (electcli.__main__.Interrupted): no temporary file is left behind
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def _link_new(temporary: str, path: str) -> None:
    """Put the file at ``path`` only if nothing is there yet, atomically."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise UsageError(f"{path} already exists; give --force to replace it") from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        # a file system without hard links (FAT, some network shares): check, then rename
        if os.path.lexists(path):
            raise UsageError(f"{path} already exists; give --force to replace it") from None
        os.replace(temporary, path)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _cannot(path: str, exc: OSError) -> UsageError:
    return UsageError(f"cannot write {path}: {exc.strerror or exc}")
