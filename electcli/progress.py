"""Progress of long work (a large cast vote record, a statewide file), reported without printing.

Readers and the pipeline call ``progress(what, done, total)``; it costs a context-variable look-up
when no one listens. The command line installs a listener (``listening``) only when stderr is a
terminal, and electcli/present/progress_bar.py draws it with Rich: readers never print and never
import rich.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# (what is being done, how much of it is done, out of how much: None when not known)
Listener = Callable[[str, int, "int | None"], None]

_listener: ContextVar[Listener | None] = ContextVar("electcli_progress", default=None)


def progress(what: str, done: int = 0, total: int | None = None) -> None:
    listener = _listener.get()
    if listener is not None:
        listener(what, done, total)


def current_listener() -> Listener | None:
    """The listener installed for this context, for work that reports from another thread."""
    return _listener.get()


@contextmanager
def listening(listener: Listener) -> Iterator[None]:
    token = _listener.set(listener)
    try:
        yield
    finally:
        _listener.reset(token)
