"""Where a value sits in a JSON text, so that errors can name the line to fix.

``json.loads`` gives values, not positions. Readers of JSON inputs (RCTab contest configurations,
NIST CDF cast-vote-record files) check the parsed values and, only when one is wrong, scan the text
once more for the line of the value at a path such as ``("cvrFileSources", 2, "provider")``. The
scan is linear and runs only on the error path, so large files cost nothing when they are right.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from electcli.errors import InputError, Location

# One JSON token: a string, a punctuation mark, or a bare literal (number, true, false, null).
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]|[^\s{}\[\],:"]+', re.DOTALL)

Path = Sequence[str | int]
# Digits a JSON number may have: Python refuses to turn a longer one into an int (its
# int_max_str_digits), and no count or setting comes near it.
MAX_NUMBER_DIGITS = 4300
_LONG_NUMBER = re.compile(f"[0-9]{{{MAX_NUMBER_DIGITS + 1},}}")
# Brackets open at once that messages name: json.loads recurses once per level, and fails near
# the interpreter's recursion limit (1000), so the first bracket past this depth is shown
MAX_DEPTH = 500


class DuplicateKey(ValueError):
    """A member name given twice in one JSON object (``json`` would keep the last silently)."""

    def __init__(self, name: str) -> None:
        super().__init__(f"key {name!r} is given twice in one object")
        self.name = name


def unique_members(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An ``object_pairs_hook`` that refuses a member name given twice (``DuplicateKey``)."""
    found = dict(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        for name, _ in pairs:
            if name in seen:
                raise DuplicateKey(name)
            seen.add(name)
    return found


def parse_json(text: str, name: str, kind: str = "", unique: bool = False) -> Any:
    """``json.loads(text)``, every failure an ``InputError`` naming ``name``, line and column:
    invalid JSON, a number too long to convert, brackets nested too deeply to parse, and with
    ``unique`` a member name given twice in one object (of a record, one of the two would vanish).
    (The text is searched for the place only once the parse has failed.)"""
    try:
        return json.loads(text, object_pairs_hook=unique_members if unique else None)
    except DuplicateKey as exc:
        found = first_duplicate_key(text, depth=1, only={exc.name})
        raise InputError(
            Location(name, *found[1]) if found else Location(name),
            f"{exc}" + (f" (first at line {found[2]})" if found else ""),
            "give each member once: only one of the two would be read",
        ) from None
    except json.JSONDecodeError as exc:
        raise InputError(Location(name, exc.lineno, exc.colno), f"is not valid JSON: {exc.msg}", kind) from None
    except RecursionError:
        raise InputError(
            Location(name, *_position(text, _too_deep(text))),
            f"nests JSON more than {MAX_DEPTH} levels deep",
            kind or "no input is nested that deeply: is the file damaged?",
        ) from None
    except ValueError as exc:  # an integer longer than Python converts (int_max_str_digits)
        where = _long_number(text)
        if where is None:
            raise InputError(Location(name), f"is not usable JSON: {exc}", kind) from None
        raise InputError(
            Location(name, *_position(text, where)),
            f"holds a number of more than {MAX_NUMBER_DIGITS} digits",
            kind or "no count or setting is that long: is the file damaged?",
        ) from None


def _long_number(text: str) -> int | None:
    """Where the first number (outside strings) of more than ``MAX_NUMBER_DIGITS`` digits starts."""
    for match in _TOKEN.finditer(text):
        token = match.group()
        if not token.startswith('"'):
            digits = _LONG_NUMBER.search(token)
            if digits is not None:
                return match.start() + digits.start()
    return None


def _too_deep(text: str) -> int:
    """The offset of the first bracket opened more than ``MAX_DEPTH`` levels deep (outside strings)."""
    depth = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return match.start()
        elif token in "]}":
            depth -= 1
    return 0


@dataclass(slots=True)
class _Frame:
    is_object: bool
    key: str | int | None  # the member name or item index being read
    key_start: int  # where that member's name starts (objects), for the line to report
    expecting_key: bool


def line_of(text: str, path: Path) -> int:
    """The line (from 1) where the value at ``path`` starts; for an object member, its key's line."""
    return position_of(text, path)[0]


def position_of(text: str, path: Path) -> tuple[int, int]:
    """The line and column (from 1) where the value at ``path`` starts; for an object member,
    where its key starts.

    Keys are member names, integers are array indices. A path that is not in the text gives the
    place of its deepest part that is ((0, 0) when not even the first step is), so a message
    about a missing key still points into the right object.
    """
    target = list(path)
    if not target:
        return _position(text, len(text) - len(text.lstrip()))
    stack: list[_Frame] = []
    best = 0  # offset + 1 of the deepest matching prefix seen
    for match in _TOKEN.finditer(text):
        token = match.group()
        start = match.start()
        top = stack[-1] if stack else None
        if top is not None and top.is_object and top.expecting_key and token.startswith('"'):
            try:
                top.key = json.loads(token)
            except json.JSONDecodeError:
                top.key = token
            top.key_start = start
            top.expecting_key = False
            continue
        if token == ":":
            continue
        if token == ",":
            if top is not None:
                if top.is_object:
                    top.expecting_key = True
                elif isinstance(top.key, int):
                    top.key += 1
            continue
        if token in "}]":
            if stack:
                stack.pop()
            continue
        # a value starts here: is it (a prefix of) the one asked for?
        current = [frame.key for frame in stack]
        where = top.key_start if top is not None and top.is_object else start
        if current == target[: len(current)]:
            if len(current) == len(target):
                return _position(text, where)
            if current:
                best = where + 1
        if token == "{":
            stack.append(_Frame(is_object=True, key=None, key_start=start, expecting_key=True))
        elif token == "[":
            stack.append(_Frame(is_object=False, key=0, key_start=start, expecting_key=False))
    return _position(text, best - 1) if best else (0, 0)


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _position(text: str, offset: int) -> tuple[int, int]:
    return _line(text, offset), offset - (text.rfind("\n", 0, offset) + 1) + 1


def first_duplicate_key(
    text: str, depth: int = 1, only: Collection[str] | None = None
) -> tuple[str, tuple[int, int], int] | None:
    """The first member name given twice in one object nested ``depth`` or more deep (1: the
    top-level object), among the names ``only`` (None: any): (name, the line and column of its
    second time, the line of its first).

    Run only once a parse has found a duplicate, to name the line (``json.loads`` keeps the last
    value silently, which would make one of the two settings vanish).
    """
    stack: list[_Frame] = []
    seen: list[dict[str, int]] = []  # per open bracket: the names met in it, with their lines
    for match in _TOKEN.finditer(text):
        token = match.group()
        top = stack[-1] if stack else None
        if top is not None and top.is_object and top.expecting_key and token.startswith('"'):
            try:
                name = str(json.loads(token))
            except json.JSONDecodeError:
                name = token
            line = _line(text, match.start())
            if name in seen[-1] and len(stack) >= depth and (only is None or name in only):
                return name, _position(text, match.start()), seen[-1][name]
            seen[-1][name] = line
            top.expecting_key = False
        elif token in "{[":
            stack.append(_Frame(is_object=token == "{", key=None, key_start=0, expecting_key=token == "{"))
            seen.append({})
        elif token in "}]":
            if stack:
                stack.pop()
                seen.pop()
        elif token == "," and top is not None and top.is_object:
            top.expecting_key = True
    return None
