"""The parts of Java's standard library RCTab's tiebreaks depend on, reimplemented so an RCTab
configuration's ``randomSeed`` reproduces RCTab's draws exactly.

- ``JavaRandom``: java.util.Random, the 48-bit linear congruential generator the Java
  documentation specifies (seed scrambling, ``next(bits)``, ``nextInt(bound)``, ``nextDouble``).
- ``java_shuffle``: java.util.Collections.shuffle for a random-access list.
- ``java_string_key``: the order of java.lang.String.compareTo (UTF-16 code units), which is
  what RCTab's ``Collections.sort`` on candidate names uses.
- ``java_hash_set_order``: the iteration order of a small java.util.HashSet of strings, which
  RCTab's "previous round counts" tiebreak passes on to its random fallback.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

_MULTIPLIER = 0x5DEECE66D
_ADDEND = 0xB
_MASK = (1 << 48) - 1

T = TypeVar("T")


class JavaRandom:
    """java.util.Random with the given seed (a Java ``long``)."""

    def __init__(self, seed: int) -> None:
        self._seed = (seed ^ _MULTIPLIER) & _MASK

    def next_bits(self, bits: int) -> int:
        """``next(bits)``: the top ``bits`` of the advanced state, as a signed 32-bit int."""
        self._seed = (self._seed * _MULTIPLIER + _ADDEND) & _MASK
        value = self._seed >> (48 - bits)
        if value >= 1 << 31:  # Java's int cast
            value -= 1 << 32
        return value

    def next_int(self, bound: int) -> int:
        """``nextInt(bound)``: uniform in [0, bound), with Java's rejection of the biased tail."""
        if bound <= 0:
            raise ValueError("bound must be positive")
        if bound & -bound == bound:  # a power of two
            return (bound * self.next_bits(31)) >> 31
        while True:
            bits = self.next_bits(31)
            value = bits % bound
            # Java rejects when bits - value + (bound - 1) overflows a signed int
            if bits - value + (bound - 1) < 1 << 31:
                return value

    def next_double(self) -> float:
        """``nextDouble()``: 53 random bits scaled into [0, 1)."""
        return ((self.next_bits(26) << 27) + self.next_bits(27)) * (1.0 / (1 << 53))


def java_shuffle(items: list[T], rng: JavaRandom) -> None:
    """Collections.shuffle(list, rnd) for an ArrayList: swap each position from the end with a
    random earlier (or the same) one."""
    for i in range(len(items) - 1, 0, -1):
        j = rng.next_int(i + 1)
        items[i], items[j] = items[j], items[i]


def java_string_key(text: str) -> bytes:
    """A sort key giving String.compareTo's order (lexicographic over UTF-16 code units)."""
    return text.encode("utf-16-be")


def java_string_hash(text: str) -> int:
    """String.hashCode(): s[0]*31^(n-1) + ... over UTF-16 code units, as a 32-bit int."""
    h = 0
    data = text.encode("utf-16-be")
    for k in range(0, len(data), 2):
        h = (31 * h + ((data[k] << 8) | data[k + 1])) & 0xFFFFFFFF
    return h


def java_hash_set_order(names: Sequence[str]) -> list[str]:
    """The iteration order of ``new HashSet<>(names)`` (names distinct).

    The set is sized for its contents, so its table has max(16, next power of two of
    ``len/0.75 + 1``) buckets; iteration visits buckets in index order (the bucket is the spread
    hash ``h ^ (h >>> 16)`` masked to the table size) and, within a bucket, insertion order.
    """
    wanted = max(int(len(names) / 0.75) + 1, 16)
    capacity = 1
    while capacity < wanted:
        capacity <<= 1

    def bucket(name: str) -> int:
        h = java_string_hash(name)
        return (h ^ (h >> 16)) & (capacity - 1)

    return sorted(names, key=bucket)  # sorted() is stable: insertion order within a bucket


def java_sorted(names: Iterable[str]) -> list[str]:
    return sorted(names, key=java_string_key)
