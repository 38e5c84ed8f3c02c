"""Fuzzing race files: plain vote counts, counts by unit, counts files, ranked-choice ballots inline.

Each case mutates one valid seed (see tests/fuzz/harness.py for the judgement, race_count.py for
the independent reading).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES
from tests.fuzz.harness import Case, judge, seeds
from tests.fuzz.mutate import YAML_MUTATIONS, mutate
from tests.fuzz.race_count import contests, electcli_read

PLAIN = {
    "al-2020": (SAMPLES / "al-2020-senate-gop-primary.yaml").read_bytes(),
    "measure": (SAMPLES / "measure-two-thirds.yaml").read_bytes(),
    "small": b"""election: {name: Spring, date: 2026-04-01}
contests:
  - name: Mayor
    rule: runoff
    candidates:
      - {name: Ana, party: DEM, votes: 1203}
      - {name: Ben, votes: "1,150"}
      - name: Cy
        votes: 12,345
    write_ins: 7
  - name: Measure A
    rule: {method: measure, threshold: ">=2/3"}
    choices:
      - {name: "Yes", votes: 800}
      - {name: "No", votes: 400}
  - name: Council
    seats: 2
    candidates: [{name: Di, votes: 5}, {name: Ed, votes: 5}, {name: Flo, votes: 0}]
    tiebreak: [Ed, Di, Flo]
""",
}

UNITS = b"""name: County Clerk
rule: plurality
candidates:
  - {name: Ana}
  - {name: Ben, votes: 60}
  - {name: Cy}
results:
  by: precinct
  units:
    P1: {Ana: 10, Ben: 20, Cy: 3, write_ins: 1}
    P2: {Ana: 15, Ben: 40}
    "P 3": {Ana: 0, Cy: 9, write_ins: 2}
write_ins: 3
"""

COUNTS_RACE = b"""name: Alderman
candidates: [{name: Pat}, {name: Quinn}, {name: Ray, votes: 12}]
results: {by: ward, file: counts.csv}
"""
COUNTS_CSV = b"""unit,candidate,votes
Ward 1,Pat,100
Ward 1,Quinn,"1,204"
Ward 1,Ray,5
Ward 2,Pat,7

Ward 2,Quinn,0
Ward 2,write_ins,3
Ward 3,Ray,7
Ward 3,Pat,1
"""

RANKED = {
    "springfield": (ROOT / "tests" / "fixtures" / "ranked" / "springfield.yaml").read_bytes(),
    "small": b"""name: Mayor
rule: irv
candidates: [{name: Ana}, {name: Ben}, {name: Cy}]
ballots:
  - {ranking: [Ana, Ben], count: 12}
  - {ranking: ["", Ben, Cy], count: 9}
  - {ranking: [Cy], count: 10}
  - {ranking: [[Ana, Cy], Ben], count: 2}
  - {ranking: [Ben, Ana]}
  - {ranking: [], count: 3}
  - ranking:
      - Cy
      - Ana
    count: 4
""",
}


def run_case(
    kind: str, seed: int, tmp_path: Path, originals: dict[str, bytes], race: str = "race.yaml", process: bool = False
) -> None:
    case = Case(kind, seed, tmp_path, originals)
    rng = case.rng
    target = rng.choice(sorted(originals))
    structural = YAML_MUTATIONS if target.endswith(".yaml") else ()
    case.files[target], said = mutate(rng, originals[target], structural)
    case.mutations.append(f"{target}: {said}")
    args = ["tally", str(tmp_path / race), "--format", "json"]
    judge(case, args, lambda folder: contests(folder / race), electcli_read, process=process)


@pytest.mark.parametrize("seed", seeds("race-plain"))
def test_race_file_plain_votes(seed: int, tmp_path: Path) -> None:
    name = sorted(PLAIN)[seed % len(PLAIN)]
    run_case("race-plain", seed, tmp_path, {"race.yaml": PLAIN[name]})


@pytest.mark.parametrize("seed", seeds("race-units"))
def test_race_file_units(seed: int, tmp_path: Path) -> None:
    run_case("race-units", seed, tmp_path, {"race.yaml": UNITS})


@pytest.mark.parametrize("seed", seeds("race-counts-csv"))
def test_race_file_counts_csv(seed: int, tmp_path: Path) -> None:
    run_case("race-counts-csv", seed, tmp_path, {"race.yaml": COUNTS_RACE, "counts.csv": COUNTS_CSV})


@pytest.mark.parametrize("seed", seeds("race-ranked"))
def test_race_file_ranked_inline(seed: int, tmp_path: Path) -> None:
    name = sorted(RANKED)[seed % len(RANKED)]
    run_case("race-ranked", seed, tmp_path, {"race.yaml": RANKED[name]})


SEEDS = {
    **{f"plain-{name}": {"race.yaml": data} for name, data in PLAIN.items()},
    "units": {"race.yaml": UNITS},
    "counts-csv": {"race.yaml": COUNTS_RACE, "counts.csv": COUNTS_CSV},
    **{f"ranked-{name}": {"race.yaml": data} for name, data in RANKED.items()},
}


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_the_seeds_are_read_as_the_counter_reads_them(name: str, tmp_path: Path) -> None:
    # Unmutated, the counter decides and electcli agrees with it: neither is vacuous.
    case = Case("seed", 0, tmp_path, SEEDS[name])
    race = tmp_path / "race.yaml"
    judge(case, ["tally", str(race), "--format", "json"], lambda _: contests(race), electcli_read, valid=True)


@pytest.mark.parametrize("seed", range(3))
def test_a_few_cases_in_a_process_of_their_own(seed: int, tmp_path: Path) -> None:
    # The same judgement through `python -m electcli` (the console script's path: buffering, os._exit).
    run_case("race-counts-csv", seed, tmp_path, {"race.yaml": COUNTS_RACE, "counts.csv": COUNTS_CSV}, process=True)
