"""Exit statuses: part of the contract in shared/spec/output.md, so they live in one place."""

from enum import IntEnum


class ExitStatus(IntEnum):
    OK = 0  # the command did its job; a runoff or a tie is a result, not a failure
    CHECK_FAILED = 1  # `check`: at least one expectation did not hold
    CHANGED = 1  # `diff`: an outcome changed
    INVALID = 2  # bad usage or invalid input
    INTERNAL = 3  # electcli caught itself in a bug (a count that does not add up): no result is given
