"""Parse a JSON input the one way every reader of JSON does, with its limits and exact numbers.

- Numbers: an integer is an ``int`` of at most ``MAX_COUNT_DIGITS`` digits (values.py, the one
  limit on numbers in every format); a number written with a fraction or an exponent is a
  ``JsonDecimal``: a float for settings that are shares, which keeps the text as written so that
  a count is read from the text, exactly (``9007199254740993.0`` is not the float ...992).
- Nesting: json's C parser recurses, and a document nested deeper than Python's recursion limit
  would raise RecursionError; that is caught while parsing and becomes an error naming the line
  where the document gets too deep.
- Duplicate member names: JSON keeps the last value silently, so one of two counts would vanish;
  ``duplicates=False`` refuses them, naming both lines.

Every problem is an ``InputError`` with the file, line and column.
"""

from __future__ import annotations

import json
import re
from typing import Any

from electcli.errors import InputError, Location
from electcli.values import MAX_COUNT_DIGITS

# json's parser stops on its own at Python's recursion limit (about 1,000 levels, less the caller's
# frames); an error names where the document first goes deeper than this. A results report is
# about 10 levels deep, a configuration 4.
MAX_JSON_DEPTH = 200
CONSTANT_HINT = "write the number in digits"


class JsonDecimal(float):
    """A JSON number written with a fraction or an exponent; ``text`` is as written."""

    __slots__ = ("text",)
    text: str

    def __new__(cls, text: str) -> JsonDecimal:
        number = super().__new__(cls, text)
        number.text = text
        return number

    def __repr__(self) -> str:  # as written: a reader that reads a setting from its text reads it exactly
        return self.text

    __str__ = __repr__


class DuplicateMember(InputError):
    """A member named twice in one object (its own class: a reader may name it its own way)."""


class _LongNumber(Exception):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


class _Duplicate(Exception):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def _integer(text: str) -> int:
    if len(text) > MAX_COUNT_DIGITS and len(text.lstrip("-")) > MAX_COUNT_DIGITS:
        raise _LongNumber(text)
    return int(text)


def _decimal(text: str) -> JsonDecimal:
    if len(text) > MAX_COUNT_DIGITS and sum(map(str.isdigit, text.split("e")[0].split("E")[0])) > MAX_COUNT_DIGITS:
        raise _LongNumber(text)
    return JsonDecimal(text)


class JsonConstant(ValueError):
    """NaN, Infinity or -Infinity: Python's json module reads them, but JSON has no such number."""


def refuse_constant(name: str) -> object:
    """A ``parse_constant`` for json that refuses NaN and the infinities (``JsonConstant``)."""
    raise JsonConstant(name)


# A string (skipped, so that "NaN" as text is not taken for one) or NaN, Infinity, -Infinity.
_CONSTANT = re.compile(r'"(?:[^"\\]|\\.)*"|(-?(?:NaN|Infinity))\b', re.DOTALL)


def constant_offset(text: str, start: int = 0) -> int | None:
    """Where the first NaN or Infinity outside a string is in ``text`` from ``start`` (error path only)."""
    for match in _CONSTANT.finditer(text, start):
        if match.group(1) is not None:
            return match.start()
    return None


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    record = dict(pairs)
    if len(record) != len(pairs):
        seen: set[str] = set()
        for name, _ in pairs:  # pragma: no branch
            if name in seen:
                raise _Duplicate(name)
            seen.add(name)
    return record


# A \uD800-\uDFFF escape that is not half of a pair: json makes it a lone surrogate, which no
# output can encode (a traceback when printed).
_LONE_SURROGATE = (
    r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


def load_json(text: str, name: str, duplicates: bool = True) -> Any:
    """The document in ``text`` (the file ``name``), or an ``InputError`` with its line and column."""
    document = _parse(text, name, duplicates)
    if "\\u" in text:
        lone = re.search(_LONE_SURROGATE, text)
        if lone is not None:
            try:
                json.dumps(document, ensure_ascii=False).encode("utf-8")
            except (UnicodeEncodeError, RecursionError):
                raise InputError(
                    _location(text, name, lone.start()),
                    f"holds {lone.group()}, half of a UTF-16 surrogate pair, which is not a character",
                    "write the character itself, or both halves of the pair",
                ) from None
    return document


def _parse(text: str, name: str, duplicates: bool) -> Any:
    try:
        if duplicates:
            return json.loads(text, parse_int=_integer, parse_float=_decimal, parse_constant=refuse_constant)
        return json.loads(
            text, parse_int=_integer, parse_float=_decimal, parse_constant=refuse_constant, object_pairs_hook=_unique
        )
    except json.JSONDecodeError as exc:
        raise InputError(Location(name, exc.lineno, exc.colno), f"is not valid JSON: {exc.msg}") from None
    except _LongNumber as exc:
        shown = exc.text if len(exc.text) <= 40 else exc.text[:40] + "..."
        raise InputError(
            _where_number(text, name, exc.text),
            f"number {shown} has {sum(map(str.isdigit, exc.text))} digits",
            f"numbers have at most {MAX_COUNT_DIGITS} digits",
        ) from None
    except _Duplicate as exc:
        from electcli.readers.json_where import first_duplicate_key

        found = first_duplicate_key(text, only={exc.name})
        line, first = (found[1], found[2]) if found else (0, 0)
        raise DuplicateMember(
            Location(name, line, _column_of_key(text, line, exc.name) if line else 0),
            f"names the member {exc.name!r} twice in one object" + (f" (first on line {first})" if first else ""),
            "JSON keeps only the last of the two: give each member once",
        ) from None
    except JsonConstant as exc:
        offset = constant_offset(text)
        where = _location(text, name, offset) if offset is not None else Location(name)
        raise InputError(where, f"holds {exc}, which is not a JSON number", CONSTANT_HINT) from None
    except RecursionError:
        raise InputError(
            _where_too_deep(text, name),
            f"is nested too deeply (lists and objects inside each other hundreds of levels deep; "
            f"this is where it passes {MAX_JSON_DEPTH})",
            "no input electcli reads is nested this deeply: check how the file was made",
        ) from None


def _location(text: str, name: str, offset: int) -> Location:
    line = text.count("\n", 0, offset) + 1
    return Location(name, line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


def _where_number(text: str, name: str, number: str) -> Location:
    match = re.search(r"(?<![\w.\"])" + re.escape(number) + r"(?![\w.])", text)
    return _location(text, name, match.start()) if match else Location(name)


def _where_too_deep(text: str, name: str) -> Location:
    """Where the document first goes deeper than ``MAX_JSON_DEPTH`` (strings skipped)."""
    depth = 0
    for match in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', text, re.DOTALL):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return _location(text, name, match.start())
        elif token in "]}":
            depth -= 1
    return Location(name)


def _column_of_key(text: str, line: int, key: str) -> int:
    start = 0
    for _ in range(line - 1):
        start = text.index("\n", start) + 1
    end = text.find("\n", start)
    found = text.find(json.dumps(key), start, end if end >= 0 else len(text))
    return found - start + 1 if found >= 0 else 0
