"""SHA-256 digests of input files, for the audit trail in JSON output."""

from __future__ import annotations

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
