"""SHA-256 digests of input files, for the audit trail in JSON output."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any


def _sha256() -> Callable[[bytes], Any]:
    # CPython's own SHA-256 (the module is _sha2 from 3.12, _sha256 before) loads in a fraction
    # of the time hashlib takes to load OpenSSL, and every command pays that at start-up.
    try:
        from _sha2 import sha256  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        try:
            from _sha256 import sha256  # type: ignore[import-not-found,unused-ignore]
        except ImportError:
            from hashlib import sha256
    return sha256  # type: ignore[no-any-return]


# Past this size OpenSSL's SHA-256 (hardware-accelerated) is worth loading hashlib for.
LARGE = 256 * 1024


def sha256_hex(data: bytes) -> str:
    if len(data) > LARGE:
        import hashlib

        return hashlib.sha256(data).hexdigest()
    return str(_sha256()(data).hexdigest())


# Bytes hashed per read: large, because the hashing thread needs the interpreter lock between
# reads, and the reading thread hands it over only every few milliseconds.
CHUNK = 4 * 1024 * 1024


class FileDigests:
    """The SHA-256 of files, worked out on a second thread while the caller reads them.

    A cast-vote-record file can be tens of megabytes; hashing it after counting its ballots added
    a twentieth to a million-ballot count. File reads and hashlib release the interpreter lock,
    so with a second core the digests cost next to no time. ``hexdigests`` waits for them.
    """

    def __init__(self, paths: list[str]) -> None:
        import threading  # only for CVR files

        self.paths = paths
        self._digests: list[str] = []
        self._error: OSError | None = None
        self._thread = threading.Thread(target=self._run, name="electcli-sha256", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import hashlib

        buffer = bytearray(CHUNK)
        view = memoryview(buffer)
        try:
            for path in self.paths:
                if not os.path.isfile(path):  # a pipe or device is read once, by its reader: no digest
                    self._digests.append("")
                    continue
                digest = hashlib.sha256()
                with open(path, "rb") as handle:
                    while size := handle.readinto(buffer):
                        digest.update(view[:size])
                self._digests.append(digest.hexdigest())
        except OSError as exc:
            self._error = exc

    def hexdigests(self) -> list[str]:
        """One digest per path, in order ("" for a pipe or device); an input error naming the
        file when one could not be read for it (read for its ballots a moment ago, then gone)."""
        self._thread.join()
        if self._error is not None:
            from electcli.errors import InputError, Location

            exc = self._error
            raise InputError(Location(str(exc.filename)), f"cannot be read for its SHA-256: {exc.strerror or exc}")
        return self._digests
