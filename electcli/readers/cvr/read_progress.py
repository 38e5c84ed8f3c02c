"""How far the reading of a large cast-vote-record file has got, in bytes, for the progress bar.

Every reader reads its file its own way (whole, in chunks, through openpyxl's zip streams), and
the count's hot loop must not pay for a report it rarely needs. So nothing is added to the
readers: while a large file is read and someone listens (the command line listens only when
stderr is a terminal), a second thread looks four times a second at the offset the operating
system keeps for the open file (Linux's /proc/self/fdinfo) and reports it. Where there is no
/proc, or the file is small, the bar shows the file's name alone, as before.

For readers that take the whole file in at once (CDF JSON) the offset reaches the end at once,
and the bar then waits at 100% while the ballots are parsed; the streaming readers (CSV, ES&S,
Dominion JSON, CDF XML) move it as they go.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from electcli.progress import Listener, current_listener, progress

LARGE = 8 * 1024 * 1024  # bytes: a smaller file is read before the bar would appear
POLL = 0.25  # seconds between looks
FD_FOLDER = "/proc/self/fd"


@contextmanager
def reading(path: Path) -> Iterator[None]:
    """Report ``reading NAME`` and, for a large file while someone listens, the bytes read."""
    what = f"reading {path.name}"
    listener = current_listener()
    if listener is None:
        yield
        return
    progress(what)
    try:
        size = path.stat().st_size if path.is_file() else 0
    except OSError:
        size = 0
    if size < LARGE or not os.path.isdir(FD_FOLDER):
        yield
        return
    stop = threading.Event()
    watcher = threading.Thread(
        target=_watch, args=(str(path.resolve()), size, what, listener, stop), name="electcli-progress", daemon=True
    )
    watcher.start()
    try:
        yield
    finally:
        stop.set()
        watcher.join()


def _watch(path: str, size: int, what: str, listener: Listener, stop: threading.Event) -> None:
    fd: str | None = None
    last = -1
    while not stop.wait(POLL):
        if fd is None or not _is(fd, path):
            fd = _find(path)
            if fd is None:
                continue
        offset = _offset(fd)
        if offset is not None and offset != last:
            last = offset
            shown = f"{what} ({offset / 2**20:.0f} of {size / 2**20:.0f} MB)"
            listener(shown, min(offset, size), size)


def _is(fd: str, path: str) -> bool:
    try:
        return os.readlink(f"{FD_FOLDER}/{fd}") == path
    except OSError:
        return False


def _find(path: str) -> str | None:
    """The descriptor this process has ``path`` open on, if any (the reader may not have opened it yet)."""
    try:
        descriptors = os.listdir(FD_FOLDER)
    except OSError:
        return None
    for fd in descriptors:
        if _is(fd, path):
            return fd
    return None


def _offset(fd: str) -> int | None:
    try:
        with open(f"/proc/self/fdinfo/{fd}", encoding="ascii") as info:
            for line in info:
                if line.startswith("pos:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None
