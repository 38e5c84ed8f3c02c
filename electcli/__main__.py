"""The ``electcli`` process: the console script and ``python -m electcli``.

What only a whole process may do is done here, out of the library (``electcli.cli`` stays a plain
click group that tests drive with CliRunner); tests/test_process.py runs it as a real process:

- A reader that stops early (``electcli check . | head -1``) ends the process the way it ends
  coreutils: SIGPIPE keeps its default action (Python ignores it, and click would turn the broken
  pipe into status 1, which means a failed expectation). No message, no status 1 or 2.
- Ctrl-C, at any moment after start-up, prints one line and exits 130. It unwinds the stack as an
  exception that click does not catch, so an output file being written is removed, never left half.
- Standard output closed when the process starts is an error when something is written to it
  (status 2 and a message), not a silent success; standard input closed is "no input" (a reader
  error), not a traceback. A character standard output's encoding cannot hold is escaped.
- The cyclic garbage collector runs rarely. A command lives for a moment and makes few reference
  cycles; with CPython's default threshold it ran ~35 times in a million-ballot count, mostly
  while modules load (~20 ms). mypy raises its threshold the same way.
- The process ends with ``os._exit`` once its output is flushed, as mypy's ``hard_exit`` does:
  freeing every object one by one at exit took ~40 ms after a million-ballot count and changes
  nothing anybody can see. Exit statuses are unchanged; a status that is not a number takes
  Python's ordinary way out.
- Output that cannot be written (a full disk, a closed stream) is an error message and status 2,
  not a traceback.
"""

from __future__ import annotations

import errno
import gc
import io
import os
import signal
import sys

# Only modules Python has already loaded, or nearly so, before main() takes Ctrl-C: typing (and
# enum, through electcli.status) would widen the moment in which Ctrl-C is a traceback.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import FrameType
    from typing import NoReturn

# allocations between collections of the youngest generation (CPython's default is 700)
GC_THRESHOLD = 200_000
# errors of writing output somewhere that cannot take it (a full disk, /dev/full, a failing
# device, a stream closed before the process started)
WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EBADF})
# the shell's status for a process ended by Ctrl-C (128 + SIGINT)
INTERRUPTED = 130


class Interrupted(BaseException):
    """Ctrl-C. Not a KeyboardInterrupt: click turns that into "Aborted!" and status 1."""


def main() -> None:
    _take_signals()
    try:
        _run()
    except Interrupted:  # wherever it came: in a command, in an error message, in the last flush
        _interrupted()


def _run() -> None:
    _standard_output()
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    try:
        from electcli.cli import main as run  # after the threshold: loading the modules allocates much

        run()
        status: object = 0
    except SystemExit as exc:
        status = 0 if exc.code is None else exc.code
    except OSError as exc:
        if exc.errno not in WRITE_ERRORS:
            raise
        _cannot_write(exc)  # the output could not be written: say so, without a traceback
    if not isinstance(status, int):
        raise SystemExit(status)
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:  # None when the process was started with the stream closed
                stream.flush()
        except OSError as exc:
            if exc.errno == errno.EPIPE:  # a reader that stopped early, where SIGPIPE does not exist
                os._exit(128 + 13)
            _cannot_write(exc)
    os._exit(status)


def _take_signals() -> None:
    signal.signal(signal.SIGINT, _on_interrupt)
    if hasattr(signal, "SIGPIPE"):  # not on Windows; last: tests take it as the sign that both are set
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)


def _on_interrupt(_signum: int, _frame: FrameType | None) -> None:
    # a second Ctrl-C while the first unwinds (removing a half-written file) ends at once
    signal.signal(signal.SIGINT, lambda _s, _f: _interrupted())
    raise Interrupted


def _interrupted() -> NoReturn:
    try:  # noqa: SIM105 (contextlib is not loaded yet this early)
        os.write(2, b"electcli: interrupted\n")
    except OSError:
        pass
    os._exit(INTERRUPTED)


class _ClosedStream(io.RawIOBase):
    """Standard output as it is when the process was started without one: writing fails."""

    def writable(self) -> bool:
        return True

    def write(self, _data: object) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def _standard_output() -> None:
    if sys.stdout is None:  # Python's stand-in for a closed file descriptor 1: print() would drop the output
        sys.stdout = io.TextIOWrapper(io.BufferedWriter(_ClosedStream()), encoding="utf-8", line_buffering=True)
    # A name the stream's encoding cannot hold ("Zoë" under PYTHONIOENCODING=ascii, a file name
    # with bytes that are not UTF-8) is escaped as \xeb, as Python escapes it on stderr, not a crash.
    sys.stdout.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]


def _cannot_write(exc: OSError) -> NoReturn:
    """A full disk, a failing device or a closed stream under the output: status 2."""
    try:
        if sys.stderr is not None:
            sys.stderr.write(f"electcli: error: cannot write the output: {exc.strerror or exc}\n")
            sys.stderr.flush()
    except OSError:
        pass
    from electcli.status import ExitStatus

    os._exit(ExitStatus.INVALID)


if __name__ == "__main__":
    main()
