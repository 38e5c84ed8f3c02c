"""Typed access to an RCTab contest configuration's values, with errors that name the line.

RCTab (Jackson) reads most settings as text: ``"numberOfWinners": "3"`` and ``"numberOfWinners": 3``
mean the same, and ``""`` means "not given". Booleans are JSON ``true``/``false`` (Jackson also
takes the strings "true" and "false"). These helpers read values that way and, when a value is
wrong, raise an ``InputError`` at the line of its key, saying what is wrong and what is right.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from electcli.errors import InputError, Location
from electcli.readers.json_where import position_of

JsonPath = tuple[str | int, ...]
CONFIG_HINT = "see RCTab's config_file_documentation.txt for every setting"
INTEGER = re.compile(r"[+-]?[0-9]+")  # ASCII digits only: int() would also take "1_000", " 5" or "٣"
MAX_SETTING_DIGITS = 40


def shortened(text: str) -> str:
    """``text`` quoted for a message, cut short when long (a damaged file's number can run on)."""
    return (
        repr(text) if len(text) <= MAX_SETTING_DIGITS else f"{text[:MAX_SETTING_DIGITS]!r}... ({len(text)} characters)"
    )


class ConfigValues:
    """The configuration's text (for line numbers) and name (for messages)."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.text = text

    def where(self, path: JsonPath) -> Location:
        return Location(self.name, *position_of(self.text, path))

    def error(self, path: JsonPath, problem: str, hint: str = "") -> InputError:
        return InputError(self.where(path), problem, hint)

    def section(self, document: dict[str, Any], key: str, required: bool = True) -> dict[str, Any]:
        value = document.get(key)
        if value is None and not required:
            return {}
        if not isinstance(value, dict):
            got = "missing" if value is None else "not a JSON object"
            raise self.error((key,), f"{key!r} is {got}", f"an RCTab configuration has a {key!r} object")
        return value

    def entries(self, document: dict[str, Any], key: str) -> Sequence[dict[str, Any]]:
        value = document.get(key)
        if value is None:
            value = []
        if not isinstance(value, list):
            raise self.error((key,), f"{key!r} is not a JSON array", f"list the {key} in [ ]")
        for number, item in enumerate(value):
            if not isinstance(item, dict):
                raise self.error((key, number), f"entry {number + 1} of {key!r} is not a JSON object")
        return value

    def text_value(self, record: dict[str, Any], path: JsonPath, key: str) -> str | None:
        """A text setting; None when absent, null or blank (RCTab's isNullOrBlank)."""
        value = record.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise self.error((*path, key), f"{key} is {value!r}, not text", f"write {key} as text in quotes")
        text = str(value) if not isinstance(value, float) else repr(value)
        return text if text.strip() else None

    def integer(
        self, record: dict[str, Any], path: JsonPath, key: str, low: int, high: int, required: bool
    ) -> int | None:
        """A whole-number setting in ``low..high``; None when not given and not ``required``."""
        text = self.text_value(record, path, key)
        span = f"from {low} to {high}"
        if text is None:
            if required:
                raise self.error((*path, key), f"{key} is required", f"give a whole number {span}")
            return None
        # a setting's bounds have a few digits: a longer number is out of them however it reads,
        # and is never turned into an int (Python refuses past 4,300 digits)
        if not INTEGER.fullmatch(text) or len(text) > MAX_SETTING_DIGITS or not low <= int(text) <= high:
            raise self.error((*path, key), f"{key} is {shortened(text)}", f"{key} must be a whole number {span}")
        return int(text)

    def flag(self, record: dict[str, Any], path: JsonPath, key: str) -> bool:
        """A true/false setting; false when absent."""
        value = record.get(key)
        if value is None or isinstance(value, bool):
            return bool(value)
        if isinstance(value, str) and value.strip().lower() in ("true", "false"):
            return value.strip().lower() == "true"
        raise self.error((*path, key), f"{key} is {value!r}", f"{key} is true or false")
