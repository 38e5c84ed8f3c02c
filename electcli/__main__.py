"""The ``electcli`` process: the console script and ``python -m electcli``.

Two things only a whole process may do are done here, out of the library (``electcli.cli`` stays
a plain click group that tests drive with CliRunner):

- The cyclic garbage collector runs rarely. A command lives for a moment and makes few reference
  cycles; with CPython's default threshold it ran ~35 times in a million-ballot count, mostly
  while modules load (~20 ms). mypy raises its threshold the same way.
- The process ends with ``os._exit`` once its output is flushed, as mypy's ``hard_exit`` does:
  freeing every object one by one at exit took ~40 ms after a million-ballot count and changes
  nothing anybody can see. Exit statuses are unchanged; anything unusual (a closed pipe, a
  status that is not a number) takes Python's ordinary way out.
"""

import gc
import os
import sys

# allocations between collections of the youngest generation (CPython's default is 700)
GC_THRESHOLD = 200_000


def main() -> None:
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    from electcli.cli import main as run  # after the threshold: loading the modules allocates much

    try:
        run()
        status: object = 0
    except SystemExit as exc:
        status = 0 if exc.code is None else exc.code
    if not isinstance(status, int):
        raise SystemExit(status)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe or a full disk: Python's own exit reports it
        raise SystemExit(status) from None
    os._exit(status)


if __name__ == "__main__":
    main()
