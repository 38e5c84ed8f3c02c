"""The ``electcli`` process: the console script and ``python -m electcli``.

Two things only a whole process may do are done here, out of the library (``electcli.cli`` stays
a plain click group that tests drive with CliRunner):

- The cyclic garbage collector runs rarely. A command lives for a moment and makes few reference
  cycles; with CPython's default threshold it ran ~35 times in a million-ballot count, mostly
  while modules load (~20 ms). mypy raises its threshold the same way.
- The process ends with ``os._exit`` once its output is flushed, as mypy's ``hard_exit`` does:
  freeing every object one by one at exit took ~40 ms after a million-ballot count and changes
  nothing anybody can see. Exit statuses are unchanged; a reader that stops early (``| head``)
  or a status that is not a number takes Python's ordinary way out.
- Output that cannot be written (a full disk) is an error message and status 2, not a traceback.
"""

import errno
import gc
import os
import sys
from typing import NoReturn

from electcli.status import ExitStatus

# allocations between collections of the youngest generation (CPython's default is 700)
GC_THRESHOLD = 200_000
# errors of writing output somewhere that cannot take it (a full disk, /dev/full, a failing device)
WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


def main() -> None:
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    from electcli.cli import main as run  # after the threshold: loading the modules allocates much

    try:
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
            if exc.errno == errno.EPIPE:  # a reader that stopped early (`| head`): Python's own exit
                raise SystemExit(status) from None
            _cannot_write(exc)
    os._exit(status)


def _cannot_write(exc: OSError) -> NoReturn:
    """A full disk or a failing device under standard output or an output file: status 2."""
    try:
        if sys.stderr is not None:
            sys.stderr.write(f"electcli: error: cannot write the output: {exc.strerror or exc}\n")
            sys.stderr.flush()
    except OSError:
        pass
    os._exit(ExitStatus.INVALID)


if __name__ == "__main__":
    main()
