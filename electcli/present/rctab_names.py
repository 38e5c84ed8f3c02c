"""Names and orders as RCTab (Java) makes them, for output that must match RCTab's: file-safe
names (OutputWriter.sanitizeStringForOutput), Java's string order, and the order a
java.util.HashSet or HashMap of strings iterates in.
"""

from __future__ import annotations

import re


def safe_name(text: str) -> str:
    """RCTab's sanitizeStringForOutput."""
    return re.sub(r"[^a-zA-Z0-9_\-.]", "_", text)


def java_key(text: str) -> bytes:
    return text.encode("utf-16-be", "surrogatepass")  # Java's String order


def java_hash_order(keys: list[str]) -> list[str]:
    """``keys`` (distinct, in insertion order) in the order a java.util.HashSet iterates them:
    by bucket of the spread String.hashCode in the table the set grew to, then insertion order."""
    capacity = 16
    while len(keys) > capacity * 3 // 4:
        capacity *= 2

    def bucket(key: str) -> int:
        h = 0
        units = key.encode("utf-16-be", "surrogatepass")
        for k in range(0, len(units), 2):
            h = (31 * h + int.from_bytes(units[k : k + 2], "big")) & 0xFFFFFFFF
        return (h ^ (h >> 16)) & (capacity - 1)

    return sorted(keys, key=lambda key: bucket(key))  # sorted() is stable: insertion order within a bucket
