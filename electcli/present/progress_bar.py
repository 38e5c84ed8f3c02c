"""A progress bar on stderr for long work (electcli/progress.py has the readers' side).

The bar appears only after a moment (quick work shows nothing), on stderr only, and goes away
when the work is done, before any result is printed. The command line uses it only when stderr
is a terminal.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TaskID, TaskProgressColumn, TextColumn, TimeElapsedColumn

from electcli.present.safe_text import escaped
from electcli.progress import listening

DELAY = 1.5  # seconds of work before the bar appears


class _Bar:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.state: tuple[str, int, int | None] = ("working", 0, None)
        self.shown: Progress | None = None
        self.task: TaskID | None = None
        self.finished = False
        self.timer = threading.Timer(DELAY, self.show)
        self.timer.daemon = True
        self.timer.start()

    def update(self, what: str, done: int, total: int | None) -> None:
        what = escaped(what)  # it names input files: no terminal escapes (present/safe_text.py)
        with self.lock:
            self.state = (what, done, total)
            if self.shown is not None and self.task is not None:
                self.shown.update(self.task, description=what, completed=done, total=total)

    def show(self) -> None:
        with self.lock:
            if self.finished:
                return
            self.shown = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                TaskProgressColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True, markup=False, emoji=False, highlight=False),
                transient=True,
                redirect_stdout=False,
                redirect_stderr=False,
            )
            what, done, total = self.state
            self.task = self.shown.add_task(what, total=total, completed=done)
            self.shown.start()

    def stop(self) -> None:
        self.timer.cancel()
        with self.lock:
            self.finished = True
            if self.shown is not None:
                self.shown.stop()


@contextmanager
def progress_bar() -> Iterator[None]:
    """Show the progress that readers report while the block runs, after ``DELAY`` seconds."""
    bar = _Bar()
    try:
        with listening(bar.update):
            yield
    finally:
        bar.stop()
