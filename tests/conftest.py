"""Shared test helpers: run the CLI with click's CliRunner, write race files, build contests."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from electcli.cli import cli
from electcli.errors import Location
from electcli.model import Candidate, Contest, Rule, Threshold
from electcli.values import parse_threshold

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_races"
GOLDEN = Path(__file__).resolve().parent / "golden"

# A fixed, colourless terminal so that table output is the same everywhere.
CLI_ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}


def run(args: Sequence[str], stdin: str | None = None, env: dict[str, str] | None = None) -> Result:
    runner = CliRunner()
    return runner.invoke(cli, list(args), input=stdin, env={**CLI_ENV, **(env or {})}, catch_exceptions=False)


@pytest.fixture
def race(tmp_path: Path):
    """Write a race file (dedented) and return its path as text."""

    def write(text: str, name: str = "race.yaml") -> str:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return str(path)

    return write


def contest(
    votes: dict[str, int] | Sequence[tuple[str, int]],
    method: str = "plurality",
    threshold: str | None = None,
    advance: int = 0,
    seats: int = 1,
    write_ins: int = 0,
    tiebreak: Sequence[str] | None = None,
) -> Contest:
    """A contest built directly, for testing tabulation without files."""
    pairs = list(votes.items()) if isinstance(votes, dict) else list(votes)
    rule_threshold: Threshold | None = None
    if method in ("runoff", "measure"):
        rule_threshold = parse_threshold(threshold or ">50%", Location("test"))
    if method in ("runoff", "top") and not advance:
        advance = 2
    return Contest(
        name="Test",
        rule=Rule(method=method, threshold=rule_threshold, advance=advance),
        candidates=tuple(Candidate(name=name, votes=count) for name, count in pairs),
        location=Location("test", 1, 1),
        seats=seats,
        write_ins=write_ins,
        tiebreak=tuple(tiebreak) if tiebreak is not None else None,
        tiebreak_location=Location("test", 1, 1) if tiebreak is not None else None,
    )


def golden(name: str, actual: str) -> None:
    """Compare with tests/golden/NAME; ELECTCLI_UPDATE_GOLDEN=1 rewrites it instead."""
    path = GOLDEN / name
    if os.environ.get("ELECTCLI_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"missing golden file {path}; run with ELECTCLI_UPDATE_GOLDEN=1 to create it"
    assert actual == path.read_text(encoding="utf-8")
