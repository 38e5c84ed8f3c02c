"""Run one fuzz case through the command line and judge it against an independent count.

A case is a folder of (mutated) files and the ``electcli`` arguments that read them. The judge:
no traceback, no hang, an exit status of 0, 1 or 2, and, when electcli exits 0, what it read equals
what the kind's independent counter reads in the same files (so that a record silently dropped or
misread fails). When the counter cannot decide (it raises ``Undecidable``: the mutation made the
file ambiguous or invalid), the only acceptable status is 2.

``ELECTCLI_FUZZ_CASES`` sets the number of cases per kind (default ``DEFAULT_CASES``), from seed
``ELECTCLI_FUZZ_FIRST`` (default 0); ``ELECTCLI_FUZZ_LOG`` names a file each failure is appended to. A failure
prints the kind, the seed, the mutations, and a diff of each mutated file against its seed; the
files stay in pytest's temporary folder, whose path the message gives.
"""

from __future__ import annotations

import difflib
import json
import os
import random
import signal
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from click.testing import CliRunner, Result

from electcli.cli import cli
from tests.conftest import CLI_ENV

DEFAULT_CASES = 200
CASES = int(os.environ.get("ELECTCLI_FUZZ_CASES", DEFAULT_CASES))
FIRST = int(os.environ.get("ELECTCLI_FUZZ_FIRST", 0))  # the first seed: to explore further seeds only
LOG = os.environ.get("ELECTCLI_FUZZ_LOG")  # a file each failure is also written to, as it happens
TIMEOUT_SECONDS = 20


# kind -> outcome -> cases, printed at the end of the run (tests/fuzz/conftest.py).
OUTCOMES: dict[str, Counter[str]] = defaultdict(Counter)


class Undecidable(Exception):
    """The independent counter cannot say what the file holds: electcli must refuse it (status 2)."""


class NotModelled(Exception):
    """The mutation made a valid change the counter does not model (another rule, say): electcli may read
    or refuse; only the status and the absence of a traceback are checked."""


class Hang(BaseException):
    """A case ran longer than TIMEOUT_SECONDS (a BaseException, so that no ``except Exception`` hides it)."""


@dataclass
class Case:
    kind: str
    seed: int
    folder: Path
    originals: dict[str, bytes]  # file name in the folder -> its valid seed content
    files: dict[str, bytes] = field(default_factory=dict)  # the mutated files
    mutations: list[str] = field(default_factory=list)

    @property
    def rng(self) -> random.Random:
        # One generator per case, from the kind and the seed alone (a str seed is stable across runs).
        if not hasattr(self, "_rng"):
            self._rng = random.Random(f"{self.kind}:{self.seed}")
        return self._rng

    def write(self) -> None:
        for name, data in {**self.originals, **self.files}.items():
            path = self.folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)

    def report(self, problem: str, result: Result | None = None) -> str:
        text = self._report(problem, result)
        if LOG:
            with open(LOG, "a", encoding="utf-8") as log:
                log.write(text + "\n\n")
        return text

    def _report(self, problem: str, result: Result | None = None) -> str:
        lines = [f"fuzz {self.kind} seed {self.seed}: {problem}", f"mutations: {'; '.join(self.mutations)}"]
        lines.append(
            f"files in {self.folder} (reproduce: ELECTCLI_FUZZ_FIRST={self.seed} ELECTCLI_FUZZ_CASES=1 "
            f"pytest tests/fuzz -k {self.kind}-{self.seed})"
        )
        if result is not None:
            lines += [f"exit status {result.exit_code}", f"stderr: {result.stderr[:2000]}"]
        for name, data in self.files.items():
            before = self.originals.get(name, b"").decode("utf-8", "backslashreplace").splitlines()
            after = data.decode("utf-8", "backslashreplace").splitlines()
            diff = list(difflib.unified_diff(before, after, f"{name} (seed)", f"{name} (mutated)", lineterm="", n=1))
            lines += [line[:300] for line in diff[:60]]
        return "\n".join(lines)


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    def expire(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def invoke(args: list[str]) -> Result:
    runner = CliRunner()
    with time_limit(TIMEOUT_SECONDS):
        return runner.invoke(cli, args, env=CLI_ENV, catch_exceptions=True)


class ProcessResult:
    """A finished ``python -m electcli`` process, with the parts of click's Result that ``judge`` reads."""

    def __init__(self, completed: subprocess.CompletedProcess[str]) -> None:
        self.exit_code = completed.returncode
        self.stdout = completed.stdout
        self.stderr = completed.stderr
        self.exception = None


def invoke_process(args: list[str]) -> Result:
    """The real process (console entry, os._exit, buffering): for a few cases only, as it is slower."""
    try:
        completed = subprocess.run(
            [sys.executable, "-m", "electcli", *args],
            capture_output=True,
            text=True,
            errors="backslashreplace",
            timeout=TIMEOUT_SECONDS * 3,
            env={**os.environ, **CLI_ENV},
            check=False,
        )
    except subprocess.TimeoutExpired as expired:
        raise Hang(f"still running after {expired.timeout} s") from None
    return ProcessResult(completed)  # type: ignore[return-value]


def judge(
    case: Case,
    args: list[str],
    count: Callable[[Path], Any],
    read: Callable[[dict[str, Any]], Any],
    valid: bool = False,
    process: bool = False,
) -> None:
    """Run electcli on the case and compare what it read with ``count`` (the independent counter).

    ``read`` picks the same figures out of electcli's ``--format json`` output. ``valid`` (for the
    unmutated seeds) requires that electcli reads the case and the counter decides; ``process`` runs
    ``python -m electcli`` in its own process instead of in this one.
    """
    case.write()
    try:
        result = invoke_process(args) if process else invoke(args)
    except Hang as hang:
        pytest.fail(case.report(f"hang: {hang}"))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback

        trace = "".join(traceback.format_exception(result.exception))
        pytest.fail(case.report(f"traceback:\n{trace[-3000:]}", result))
    assert "Traceback" not in result.stderr, case.report("traceback on stderr", result)
    assert result.exit_code in (0, 1, 2), case.report("unexpected exit status", result)
    if valid:
        assert result.exit_code == 0, case.report("a valid seed is refused", result)
    try:
        try:
            expected = count(case.folder)
        except (AttributeError, TypeError, KeyError, IndexError, ValueError) as error:
            # The counter met a structure it does not expect where a record should be: it cannot
            # decide. (Safe: an undecidable case passes only when electcli refuses it.)
            raise Undecidable(f"the counter cannot read it ({type(error).__name__}: {error})") from None
    except NotModelled:
        OUTCOMES[case.kind]["not modelled"] += 1
        return
    except Undecidable as why:
        OUTCOMES[case.kind]["undecidable, refused" if result.exit_code == 2 else "undecidable, READ"] += 1
        assert result.exit_code == 2, case.report(f"read, but the independent counter says: {why}", result)
        return
    OUTCOMES[case.kind]["read and compared" if result.exit_code == 0 else "decidable, refused"] += 1
    if result.exit_code == 0:
        got = read(json.loads(result.stdout))
        assert got == expected, case.report(
            f"read differs from the independent count:\n  electcli {got}\n  counter  {expected}", result
        )
    else:
        assert result.stdout == "", case.report("refused, but printed on stdout", result)
        assert result.stderr.startswith("electcli: error: "), case.report("refused without an error message", result)


def seeds(kind: str, known: dict[int, str] | None = None) -> list[Any]:
    """The seeds of a kind as pytest parameters; ``known`` failures (seed -> symptom) are xfail, not strict,
    so that the suite is green while the readers are fixed and turns them strict afterwards."""
    known = known or {}
    return [
        pytest.param(seed, id=f"{kind}-{seed}", marks=pytest.mark.xfail(reason=known[seed], strict=False))
        if seed in known
        else pytest.param(seed, id=f"{kind}-{seed}")
        for seed in range(FIRST, FIRST + CASES)
    ]
