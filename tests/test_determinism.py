"""The same inputs give byte-identical output in every process, whatever Python's hash seed.

Set and dict-of-set iteration order changes with ``PYTHONHASHSEED`` from one process to the next;
an output that depended on it would differ between two runs of the same command, which no test
inside one process can see. Each format is written by separate ``python -m electcli`` processes
with different seeds and compared byte for byte.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.shared_data import shared_path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(str(path) for path in (ROOT / "sample_races").glob("*.yaml"))
RANKED = [str(ROOT / "sample_races" / name) for name in ("burlington-2006-mayor.yaml", "burlington-2009-mayor.yaml")]
SEEDS = ("0", "1", "4242")


def _outputs(args: list[str]) -> list[bytes]:
    outputs = []
    for seed in SEEDS:
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        env.pop("ELECTCLI_UPDATE_GOLDEN", None)
        done = subprocess.run(
            [sys.executable, "-m", "electcli", *args], capture_output=True, env=env, cwd=ROOT, timeout=300
        )
        assert done.returncode == 0, done.stderr.decode()
        outputs.append(done.stdout)
    return outputs


@pytest.mark.parametrize("output_format", ["json", "csv"])
def test_json_and_csv_are_the_same_in_every_process(output_format: str) -> None:
    # every sample race (vote counts, measures, ties by lot, ranked-choice), by unit where they have units
    first, *others = _outputs(["tally", *SAMPLES, "--format", output_format, "--by-unit"])
    assert first
    assert all(other == first for other in others)


def test_rctab_reports_are_the_same_in_every_process() -> None:
    first, *others = _outputs(["tally", *RANKED, "--format", "rctab"])
    assert first
    assert all(other == first for other in others)


def test_a_random_tiebreak_draws_the_same_in_every_process() -> None:
    # An RCTab configuration whose ties are settled by a seeded draw (previous round, then random).
    folder = shared_path("conformance/rctab/tiebreak_previous_round_counts_then_random_test")
    (config,) = folder.glob("*config.json")
    for output_format in ("json", "rctab"):
        first, *others = _outputs(["tally", str(config), "--format", output_format])
        assert first
        assert all(other == first for other in others), output_format
