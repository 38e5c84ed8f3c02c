"""The project's own exceptions.

Every problem with a user's input is an ``InputError`` that knows where it happened (file, line,
column) and what would be right. The CLI turns these into messages and exit status 2 in one place;
nothing else prints them.
"""

from __future__ import annotations

from typing import NamedTuple


class Location(NamedTuple):
    """A place in an input file; line and column count from 1 (0 means unknown)."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line and self.column:
            return f"{self.file}:{self.line}:{self.column}"
        if self.line:
            return f"{self.file}:{self.line}"
        return self.file


class ElectcliError(Exception):
    """Base class for every error electcli reports to the user."""


class InputError(ElectcliError):
    """An input file (or standard input) is not valid.

    ``problem`` says what is wrong, ``hint`` what would be right.
    """

    def __init__(self, location: Location, problem: str, hint: str = "") -> None:
        self.location = location
        self.problem = problem
        self.hint = hint
        super().__init__(self.message)

    @property
    def message(self) -> str:
        text = f"{self.location}: {self.problem}"
        if self.hint:
            text += f"\n  {self.hint}"
        return text


class UsageError(ElectcliError):
    """The command was given something it cannot work with (not a file's content)."""
