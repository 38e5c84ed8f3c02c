"""Paths written inside an input (``results: {file:}``, ``ballots: [{file:}]``,
``results: {openelections:}``, RCTab's ``filePath``) stay in the folder of the file that names them.

Why: a race file is often someone else's (a pull request's sample race in CI, a file downloaded
from a colleague). If it could name any path, ``results: {file: /etc/shadow}`` or
``../.git/config`` (where CI keeps its token) would make electcli open files its user never
meant to give it, and any message about them would tell something of what they hold. So a path
named inside an input must lead, once symbolic links are followed, into the folder of the file
that names it or below (for standard input, the current folder). A race file and its data travel
together as one folder, which is also what an audit needs.

Where the data really lives elsewhere (RCTab configurations often say ``../cvr/``), the user
allows that folder for one run: ``--allow-path FOLDER``. The command line sets the allowed
folders for the run with ``allowed_folders``; readers ask ``check_inside``. A context variable,
not a parameter through every reader, because it is the user's permission for the whole run,
like the current folder.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from electcli.errors import InputError, Location

_ALLOWED: ContextVar[tuple[str, ...]] = ContextVar("electcli_allowed_folders", default=())

HINT = (
    "a file named inside an input must be in that input's folder or below (links followed), so that "
    "a race file cannot make electcli read other files; move it there, or allow its folder with --allow-path FOLDER"
)


@contextmanager
def allowed_folders(folders: Iterable[str]) -> Iterator[None]:
    """Let paths named inside inputs also lead into ``folders`` (and below) while the block runs."""
    token = _ALLOWED.set(tuple(os.path.realpath(folder) for folder in folders))
    try:
        yield
    finally:
        _ALLOWED.reset(token)


def _within(real: str, folder: str) -> bool:
    return real == folder or real.startswith(folder.rstrip(os.sep) + os.sep)


def check_inside(path: str, naming_folder: str, named: str, where: Location) -> None:
    """An ``InputError`` at ``where`` if ``path`` (as ``named`` in the input) leads out of
    ``naming_folder`` and out of every allowed folder."""
    real = os.path.realpath(path)
    if any(_within(real, folder) for folder in (os.path.realpath(naming_folder), *_ALLOWED.get())):
        return
    raise InputError(where, f"{named!r} is outside the folder of the file that names it ({naming_folder})", HINT)
