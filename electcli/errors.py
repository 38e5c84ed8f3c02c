"""The project's own exceptions.

Every problem with a user's input is an ``InputError`` that knows where it happened (file, line,
column) and what would be right. The CLI (electcli.cli and electcli.__main__) turns these into
messages and an exit status; nothing else prints them. ``ElectcliError`` is the one base class a
library caller catches.
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


class ModelError(InputError):
    """A value the model refuses (electcli.model, electcli.ranked.rules), whoever built it.

    ``part`` names the field at fault ("seats", "advance", "candidates"...), so that a reader can
    re-raise the error at that field's place in its file (``at``); the model itself knows only
    the places it was given.
    """

    def __init__(self, location: Location, problem: str, hint: str = "", part: str = "") -> None:
        super().__init__(location, problem, hint)
        self.part = part

    def at(self, location: Location) -> InputError:
        """The same problem at ``location`` (a reader's place for ``part``)."""
        return InputError(location, self.problem, self.hint)


class UsageError(ElectcliError):
    """The command was given something it cannot work with (not a file's content)."""
