"""Mutations of valid input files, driven by one seeded ``random.Random`` per case.

Two families: byte and line edits that apply to any text format (truncate, delete, duplicate and
swap lines, odd numbers, NUL, byte-order marks, control characters, invalid UTF-8, brackets that
nest deeply), and edits of a parsed JSON document (drop a key, copy or drop a list item, give a
value another type, wrap it in lists). Each returns the new bytes and a one-line description, so
that a failing case says what was done to the file.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from typing import Any

# Numbers a reader could misread: signs, exponents, decimals, other digits, separators, huge ones.
ODD_NUMBERS = (
    "0", "-1", "-0", "+5", "1e3", "1E+3", "1.5", "10.0", "0.0", ".5", "5.", "0x10", "0o17", "1_000", "007",
    "1,000", "1,00", "٣", "１２", "NaN", "Infinity", "-Infinity", "2147483648", "18446744073709551616",
    "9" * 30, "9" * 31, "9" * 400, "1" + "0" * 4400, "",
)  # fmt: skip
CONTROL = ("\x01", "\x07", "\x08", "\x0b", "\x0c", "\r", "\x1b", "\x1f", "\x7f", "\x85", "\u2028", "\u200b", "\t")
INVALID_UTF8 = (b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xc0\xaf", b"\xe9", b"\xf4\x90\x80\x80")
BOM = "\ufeff".encode()
NUMBER = re.compile(rb"\d+")

Mutation = Callable[[random.Random, bytes], tuple[bytes, str]]


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [b""]


def _at(rng: random.Random, data: bytes) -> int:
    return rng.randrange(len(data) + 1)


def truncate(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    cut = _at(rng, data)
    return data[:cut], f"truncate at byte {cut}"


def delete_line(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    lines = _lines(data)
    index = rng.randrange(len(lines))
    return b"".join(lines[:index] + lines[index + 1 :]), f"delete line {index + 1}"


def duplicate_line(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    lines = _lines(data)
    index = rng.randrange(len(lines))
    line = lines[index] if lines[index].endswith(b"\n") else lines[index] + b"\n"
    return b"".join([*lines[:index], line, *lines[index:]]), f"duplicate line {index + 1}"


def swap_lines(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    lines = _lines(data)
    if not lines[-1].endswith(b"\n"):
        lines[-1] += b"\n"
    first, second = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[first], lines[second] = lines[second], lines[first]
    return b"".join(lines), f"swap lines {first + 1} and {second + 1}"


def odd_number(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    matches = list(NUMBER.finditer(data))
    if not matches:
        return insert_control(rng, data)
    match = rng.choice(matches)
    new = rng.choice(ODD_NUMBERS)
    return data[: match.start()] + new.encode() + data[match.end() :], (
        f"number {match.group().decode()!r} at byte {match.start()} -> {new[:40]!r}"
    )


def bump_number(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    """A valid but different count: the independent counter must follow it."""
    matches = [match for match in NUMBER.finditer(data) if len(match.group()) < 4000]  # int()'s digit limit
    if not matches:
        return duplicate_line(rng, data)
    match = rng.choice(matches)
    new = str(int(match.group()) + rng.choice((1, 2, 10, 1000, 10**12)))
    return data[: match.start()] + new.encode() + data[match.end() :], (
        f"number {match.group().decode()!r} at byte {match.start()} -> {new}"
    )


def insert_bytes(rng: random.Random, data: bytes, what: bytes, label: str) -> tuple[bytes, str]:
    at = _at(rng, data)
    return data[:at] + what + data[at:], f"{label} at byte {at}"


def insert_nul(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    return insert_bytes(rng, data, b"\x00", "NUL")


def insert_bom(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    if rng.random() < 0.5:
        return BOM + data, "byte-order mark at the start"
    return insert_bytes(rng, data, BOM, "byte-order mark")


def insert_control(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    char = rng.choice(CONTROL)
    return insert_bytes(rng, data, char.encode(), f"control character {char!r}")


def insert_invalid_utf8(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    what = rng.choice(INVALID_UTF8)
    return insert_bytes(rng, data, what, f"invalid UTF-8 {what!r}")


def insert_nesting(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    depth = rng.choice((3, 100, 5000))
    opener, closer = rng.choice(((b"[", b"]"), (b"{", b"}"), (b'{"a": ', b"}")))
    at = _at(rng, data)
    end = rng.randrange(at, len(data) + 1)
    return data[:at] + opener * depth + data[at:end] + closer * depth + data[end:], (
        f"{depth} levels of {opener.decode()}...{closer.decode()} around bytes {at}..{end}"
    )


TEXT_MUTATIONS: tuple[Mutation, ...] = (
    truncate, delete_line, delete_line, duplicate_line, duplicate_line, swap_lines, odd_number, odd_number,
    bump_number, bump_number, insert_nul, insert_bom, insert_control, insert_invalid_utf8, insert_nesting,
)  # fmt: skip


# -- YAML: a value of another type -------------------------------------------------------------------

YAML_VALUE = re.compile(rb"(?<=: )[^\n{}\[\],]+|(?<=- )[^\n{}\[\],:]+")
YAML_FLIPS = (
    b"[x]", b"[]", b"{a: 1}", b"{}", b"~", b"null", b"true", b"no", b'"7"', b"'x'", b"!!int 3", b"!!str 4",
    b"&a 5", b"*a", b"|\n  5", b">-\n  6", b"[[[[[[[[[[1]]]]]]]]]]", b"? a", b"<<: {a: 1}", b"2001-01-01", b"0x1F",
)  # fmt: skip


def flip_yaml_value(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    """A scalar after ``key: `` or ``- `` replaced by a list, a mapping, null, a tag, an alias..."""
    matches = list(YAML_VALUE.finditer(data))
    if not matches:
        return odd_number(rng, data)
    match = rng.choice(matches)
    new = rng.choice(YAML_FLIPS)
    return data[: match.start()] + new + data[match.end() :], (
        f"value {match.group().decode('utf-8', 'replace')[:30]!r} at byte {match.start()} -> {new.decode()!r}"
    )


YAML_MUTATIONS: tuple[Mutation, ...] = (flip_yaml_value,)


# -- JSON documents ------------------------------------------------------------------------------------


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*path, index))
    return found


def _get(node: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        node = node[step]
    return node


ODD_VALUES: tuple[Any, ...] = (
    None, True, False, 0, -1, 1.5, 1e300, 10**40, "", "12", "-3", "1e3", "\x00", "x" * 5000, [], {}, [1], {"a": 1},
)  # fmt: skip


def mutate_json(rng: random.Random, document: Any) -> str:
    """Change one node of ``document`` in place; say what was done."""
    path = rng.choice(_paths(document)[1:] or [()])
    if not path:
        return "nothing to change"
    parent, last = _get(document, path[:-1]), path[-1]
    value = parent[last]
    where = "/".join(str(step) for step in path)
    choice = rng.randrange(7)
    if choice == 0:
        del parent[last]
        return f"delete {where}"
    if choice == 1 and isinstance(parent, list):
        parent.insert(last, json.loads(json.dumps(value)))
        return f"duplicate {where}"
    if choice == 2 and isinstance(parent, list) and len(parent) > 1:
        other = rng.randrange(len(parent))
        parent[last], parent[other] = parent[other], parent[last]
        return f"swap {where} with item {other}"
    if choice == 3:
        parent[last] = [value] if rng.random() < 0.5 else [[[value]]]
        return f"wrap {where} in a list"
    if choice == 4 and isinstance(value, int | float) and not isinstance(value, bool):
        parent[last] = rng.choice((str(value), value + 1, -value - 1, float(value), value * 10**30))
        return f"{where}: {value!r} -> {parent[last]!r}"
    if choice == 5 and isinstance(value, str):
        parent[last] = rng.choice(
            (value + " ", value.upper(), "", value + "\x00", value * 2, int(value) if value.isdigit() else 7)
        )
        return f"{where}: {value!r} -> {parent[last]!r}"
    parent[last] = rng.choice(ODD_VALUES)
    return f"{where}: {type(value).__name__} -> {parent[last]!r:.40}"


def mutate_json_text(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    try:
        document = json.loads(data)
        said = mutate_json(rng, document)
        json.dumps(document)
    except (ValueError, RecursionError):  # not JSON (any more), or nested too deep to walk: edit the text
        return rng.choice(TEXT_MUTATIONS)(rng, data)
    # surrogatepass: a lone surrogate (from an earlier "\\ud800") becomes invalid UTF-8, itself a case
    return json.dumps(document, indent=2, ensure_ascii=rng.random() < 0.5).encode("utf-8", "surrogatepass"), said


def mutate(rng: random.Random, data: bytes, structural: tuple[Mutation, ...] = ()) -> tuple[bytes, str]:
    """One to three mutations, structural ones (if any) half of the time."""
    said = []
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        pool = structural if structural and rng.random() < 0.5 else TEXT_MUTATIONS
        data, what = rng.choice(pool)(rng, data)
        said.append(what)
    return data, "; ".join(said)
