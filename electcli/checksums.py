"""``--checksums SHA256SUMS``: every input verified against a list of SHA-256 digests.

The list is what ``sha256sum FILE... > SHA256SUMS`` writes and ``sha256sum -c`` reads: one line
per file, 64 hex digits, a space, a space or ``*`` (text or binary mode: the same digest), then
the path, relative to the list's own folder. A line that begins with a backslash holds a name
with a backslash or a newline in it, escaped as ``\\\\`` and ``\\n`` (GNU coreutils).

Files are told apart by what they are, not how they are named: ``a/../cvr.csv``, ``./cvr.csv``
and a hard link to it are one file (the same device and inode), listed once. An input's digest
is the one its reader worked out while reading it (``RaceFile.sha256``, a counts file's, each
CVR file's, as JSON ``inputs`` reports them): nothing is read a second time to verify it.

Refused, with exit status 2 and the file named, before any contest is counted: an input the
list does not hold, an input whose digest differs, an input that is no file (standard input, a
pipe), and a list that is not such a list (its line named) or that gives one file two digests.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass

from electcli.errors import InputError, Location
from electcli.model import RaceFile

_LINE = re.compile(r"(?P<digest>[0-9a-fA-F]{64}) [ *](?P<path>.+)")
HINT = "the list is what `sha256sum FILE... > SHA256SUMS` writes, paths relative to the list's folder"


@dataclass(frozen=True, slots=True)
class _Listed:
    digest: str  # lower-case hex
    path: str  # as the list gives it
    line: int


class Checksums:
    """A SHA256SUMS list, keyed by the identity (device, inode) of each listed file that exists."""

    def __init__(self, path: str) -> None:
        from electcli.readers.source import read_bytes

        self.path = path
        self._by_file: dict[tuple[int, int], _Listed] = {}
        folder = os.path.dirname(os.path.abspath(path))
        data = read_bytes(path, 64 * 1024 * 1024)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(Location(path), f"is not UTF-8 text (byte {exc.start + 1})", HINT) from None
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            listed = _parse(path, number, line)
            where = os.path.join(folder, listed.path)
            try:
                stat = os.stat(where)
            except OSError:
                continue  # listed but absent: only a problem if a count needs it (then it is not found)
            key = (stat.st_dev, stat.st_ino)
            first = self._by_file.get(key)
            if first is not None and first.digest != listed.digest:
                raise InputError(
                    Location(path, number),
                    f"{listed.path!r} is the file {first.path!r} of line {first.line}, with another digest",
                    "list each file once",
                )
            self._by_file.setdefault(key, listed)

    def verify(self, race: RaceFile) -> None:
        """Refuse (InputError) unless every input of ``race`` is listed with the digest it has."""
        for file, digest in inputs_of(race):
            self._check(file, digest)

    def _check(self, file: str, digest: str | None) -> None:
        name = os.path.basename(self.path)
        if file == "-" or not digest:
            raise InputError(
                Location(file if file != "-" else "standard input"),
                f"is not a file, so {name} cannot verify it",
                "give the input as a file listed in the checksums",
            )
        try:
            stat = os.stat(file)
        except OSError as exc:
            raise InputError(Location(file), f"cannot be checked against {name}: {exc.strerror or exc}") from None
        listed = self._by_file.get((stat.st_dev, stat.st_ino))
        if listed is None:
            raise InputError(
                Location(file),
                f"is not listed in {self.path}: it cannot be verified, so nothing is counted",
                f"add it: sha256sum FILE >> {self.path} (after checking the file), or leave out --checksums",
            )
        if listed.digest != digest.lower():
            raise InputError(
                Location(file),
                f"does not match {self.path}: its SHA-256 is {digest.lower()}, line {listed.line} lists {listed.digest}",
                "the file has changed since the list was made (or the list is wrong): nothing is counted",
            )


def _parse(path: str, number: int, line: str) -> _Listed:
    escaped = line.startswith("\\")
    body = line[1:] if escaped else line
    found = _LINE.fullmatch(body)
    if found is None:
        raise InputError(Location(path, number), "is not a sha256sum line (64 hex digits, two spaces, a path)", HINT)
    file = found.group("path")
    if escaped:
        file = re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), file)
    return _Listed(found.group("digest").lower(), file, number)


def inputs_of(race: RaceFile) -> Iterator[tuple[str, str | None]]:
    """Every file read for ``race``, with the digest its reader worked out: the race file (or
    RCTab configuration, NIST report, OpenElections or Clarity file itself), the counts files
    and results files it names, and every cast-vote-record file (JSON ``inputs``)."""
    yield race.path, race.sha256
    for contest in race.contests:
        units = contest.results
        if units is not None and units.source is not None:
            yield units.source, units.sha256
        yield from contest.sources
