"""The bytes of a Clarity results file: a ``detail.xml``, or the ``detailxml.zip`` that holds one.

A zip is opened with care: it must hold exactly one XML file, whose declared size and compression
ratio are checked before anything is inflated, and whose inflated bytes are counted as they come
(a zip's own size fields can lie). A zip bomb is refused long before it fills memory.
"""

from __future__ import annotations

import zipfile
import zlib
from typing import NamedTuple

from electcli.digest import sha256_hex
from electcli.errors import InputError, Location
from electcli.readers.source import read_bytes

# A statewide precinct-level detail.xml is tens of megabytes; this leaves room and stops a runaway.
MAX_XML_BYTES = 1024 * 1024 * 1024
MAX_ZIP_BYTES = 256 * 1024 * 1024
# XML results compress about 10 to 30 times; a ratio far beyond that is a bomb, not a results file.
MAX_RATIO = 200
CHUNK = 1 << 20
HINT = "give the detailxml.zip (or the detail.xml inside it) as the results site published it"


class ClarityBytes(NamedTuple):
    xml: bytes  # the detail.xml document
    sha256: str  # of the file as named (the zip, when it is one), for the audit trail


def read_clarity_bytes(path: str, shown: str | None = None) -> ClarityBytes:
    """The detail XML of ``path`` (taken out of the zip when it is one), and the file's digest;
    errors call the file ``shown``."""
    name = shown or path
    data = read_bytes(path, MAX_XML_BYTES, shown=name)
    digest = sha256_hex(data)
    if not data.startswith(b"PK"):
        return ClarityBytes(data, digest)
    if len(data) > MAX_ZIP_BYTES:
        raise InputError(Location(name), f"is a zip larger than {MAX_ZIP_BYTES // (1024 * 1024)} MiB", HINT)
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [info for info in archive.infolist() if not info.is_dir()]
            xml = [info for info in members if info.filename.lower().endswith(".xml")]
            if len(members) != 1 or len(xml) != 1:
                listed = ", ".join(info.filename for info in members[:5]) or "nothing"
                raise InputError(
                    Location(name),
                    f"is a zip holding {listed}, not a single detail.xml",
                    HINT,
                )
            info = xml[0]
            where = Location(f"{name}:{info.filename}")
            if info.file_size > MAX_XML_BYTES:
                raise InputError(where, f"inflates to more than {MAX_XML_BYTES // (1024 * 1024)} MiB", HINT)
            if info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise InputError(
                    where,
                    f"would inflate {info.file_size // max(info.compress_size, 1):,} times: a zip bomb, not a results file",
                    HINT,
                )
            limit = min(MAX_XML_BYTES, info.file_size)
            parts = []
            read = 0
            with archive.open(info) as member:
                while chunk := member.read(CHUNK):
                    read += len(chunk)
                    if read > limit:
                        raise InputError(where, "inflates to more than its declared size", HINT)
                    parts.append(chunk)
            return ClarityBytes(b"".join(parts), digest)
    except InputError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        raise InputError(Location(name), f"is not a readable zip file: {exc}", HINT) from None
    except (OSError, ValueError) as exc:
        raise InputError(Location(name), f"cannot be read as a zip file: {exc}", HINT) from None
