"""The race files under the paths given to ``electcli check``: folders searched, nothing skipped silently.

A folder is searched recursively for ``*.yaml``/``*.yml``; hidden folders (``.git``, ``.venv``)
are left out, as documented. Everything else either is searched or is an error:

- a subfolder that cannot be read is an error (a check that never ran is not a check that passed);
- a symbolic link to a folder is followed once: a folder reached again (a link back to a folder
  that holds it, or two names for one folder) is not searched twice, so a loop ends;
- a symbolic link (to a folder or to a race file) that leads out of the folder given is an error,
  not followed: in CI a pull request could otherwise add ``races/x -> /home/runner/.config`` and
  have files outside the repository read and quoted in error messages. Name such a folder on the
  command line to check it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from electcli.errors import ElectcliError, InputError, Location
from electcli.readers.source import STDIN, path_problem

RACE_FILE_EXTENSIONS = (".yaml", ".yml")


def find_race_files(paths: Iterable[str]) -> tuple[list[str], list[ElectcliError]]:
    """Files as given, and the race files in folders as given; every problem met, as errors."""
    found: list[str] = []
    errors: list[ElectcliError] = []
    for path in paths:
        if path != STDIN and os.path.isdir(path):
            search = _Search(path)
            search.folder(path)
            if not search.found and not search.errors:
                search.errors.append(InputError(Location(path), "holds no race files (*.yaml, *.yml)"))
            found += search.found
            errors += search.errors
        elif path == STDIN or os.path.isfile(path):
            found.append(path)
        else:
            problem = path_problem(path)
            if problem and problem[0] == "no such file":
                problem = ("no such file or folder", problem[1])
            errors.append(InputError(Location(path), *(problem or ("cannot be read", ""))))
    return found, errors


class _Search:
    def __init__(self, root: str) -> None:
        self.root = os.path.realpath(root)
        self.shown_root = root
        self.visited: set[str] = set()
        self.found: list[str] = []
        self.errors: list[ElectcliError] = []

    def _inside(self, real: str) -> bool:
        return real == self.root or real.startswith(self.root.rstrip(os.sep) + os.sep)

    def _outside(self, path: str, what: str) -> None:
        self.errors.append(
            InputError(
                Location(path),
                f"is a symbolic link to a {what} outside {self.shown_root}, so it is not checked",
                "name that folder or file on the command line to check it",
            )
        )

    def folder(self, path: str) -> None:
        real = os.path.realpath(path)
        if real in self.visited:  # reached again through a link: its files are already found
            return
        self.visited.add(real)
        try:
            with os.scandir(path) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            reason = "permission denied" if isinstance(exc, PermissionError) else (exc.strerror or str(exc))
            self.errors.append(
                InputError(
                    Location(path),
                    f"is a folder that cannot be searched: {reason}",
                    "its race files would go unchecked",
                )
            )
            return
        folders = []
        for entry in entries:
            is_link = entry.is_symlink()
            if _is_dir(entry):
                if entry.name.startswith("."):
                    continue
                if is_link and not self._inside(os.path.realpath(entry.path)):
                    self._outside(entry.path, "folder")
                    continue
                folders.append(entry.path)
            elif entry.name.lower().endswith(RACE_FILE_EXTENSIONS):
                if is_link and not self._inside(os.path.realpath(entry.path)):
                    self._outside(entry.path, "file")
                    continue
                # anything else under a race file's name (a FIFO, a broken link) is read, and refused by name
                self.found.append(entry.path)
        for folder in folders:
            self.folder(folder)


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a link loop: not a folder; under a race file's name it is reported when read
        return False
