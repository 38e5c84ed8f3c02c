"""Prints, after a run, how many fuzz cases each kind ran and how they ended."""

from __future__ import annotations

import pytest

from tests.fuzz.harness import OUTCOMES


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not OUTCOMES:
        return
    terminalreporter.section("fuzz cases")
    for kind, outcomes in sorted(OUTCOMES.items()):
        parts = ", ".join(f"{n} {outcome}" for outcome, n in sorted(outcomes.items()))
        terminalreporter.write_line(f"{kind}: {sum(outcomes.values())} cases: {parts}")
