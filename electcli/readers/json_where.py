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

# One JSON token: a string, a punctuation mark, or a bare literal (number, true, false, null).
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]|[^\s{}\[\],:"]+', re.DOTALL)

Path = Sequence[str | int]


@dataclass(slots=True)
class _Frame:
    is_object: bool
    key: str | int | None  # the member name or item index being read
    key_start: int  # where that member's name starts (objects), for the line to report
    expecting_key: bool


def line_of(text: str, path: Path) -> int:
    """The line (from 1) where the value at ``path`` starts; for an object member, its key's line.
    (``position_of`` gives the column too.)"""
    return position_of(text, path)[0]


def position_of(text: str, path: Path) -> tuple[int, int]:
    """The line and column (from 1) where the value at ``path`` starts; for an object member, its key's.

    Keys are member names, integers are array indices. A path that is not in the text gives the
    line of its deepest part that is (0 when not even the first step is), so a message about a
    missing key still points into the right object.
    """
    target = list(path)
    if not target:
        return _position(text, len(text) - len(text.lstrip()))
    try:
        found = _walk_to(text, target)
    except (ValueError, IndexError, StopIteration):
        found = None  # not valid JSON along the way: the token scan below copes
    if found is not None:
        return _position(text, found)
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


_SPACE = re.compile(r"[ \t\n\r]*")


def _walk_to(text: str, path: list[str | int]) -> int | None:
    """The offset of the value at ``path`` (of its key, for an object member), stepping over
    the values before it with json's C scanner: fast on a large document. ``None`` when the path
    is not there (the token scan then finds the deepest part that is)."""
    scan = json.JSONDecoder().scan_once  # type: ignore[attr-defined]  # the C scanner, undeclared

    def space(text: str, index: int) -> int:
        match = _SPACE.match(text, index)
        return match.end() if match else index

    index = space(text, 0)
    where = index
    for step in path:
        opening = text[index]
        if isinstance(step, str):
            if opening != "{":
                return None
            index = space(text, index + 1)
            while True:
                if text[index] == "}":
                    return None
                key_start = index
                key, index = json.decoder.scanstring(text, index + 1)  # type: ignore[attr-defined]
                index = space(text, space(text, index) + 1)  # past the colon
                if key == step:
                    where = key_start
                    break
                index = space(text, scan(text, index)[1])
                if text[index] == ",":
                    index = space(text, index + 1)
        else:
            if opening != "[":
                return None
            index = space(text, index + 1)
            for _ in range(step):
                if text[index] == "]":
                    return None
                index = space(text, scan(text, index)[1])
                if text[index] == ",":
                    index = space(text, index + 1)
            if text[index] == "]":
                return None
            where = index
    return where


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _position(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def path_to(document: object, target: object) -> list[str | int] | None:
    """The path (member names and indices) of the list or object ``target`` inside ``document``,
    found by identity, without recursion (``None`` when it is not there). Error path only."""
    stack: list[tuple[object, list[str | int]]] = [(document, [])]
    while stack:
        value, path = stack.pop()
        if value is target:
            return path
        if type(value) is dict:
            stack.extend((item, [*path, key]) for key, item in value.items() if type(item) in (dict, list))
        elif type(value) is list:
            stack.extend((item, [*path, index]) for index, item in enumerate(value) if type(item) in (dict, list))
    return None


def first_duplicate_key(
    text: str, depth: int = 1, only: Collection[str] | None = None
) -> tuple[str, int, int, int] | None:
    """The first member name given twice in one object nested ``depth`` or more deep (1: the
    top-level object), among the names ``only`` (None: any): (name, its second line, its first
    line, the column of its second).

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
                return name, line, seen[-1][name], _position(text, match.start())[1]
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
