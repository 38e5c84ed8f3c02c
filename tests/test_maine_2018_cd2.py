"""Maine, 2nd Congressional District, 2018: the official ES&S cast vote records (296,077 ballots in
8 workbooks, shared/data/maine-2018-cd2) counted under Maine's rules reproduce the Secretary of
State's certified rounds (PROVENANCE.md there): an overvote makes a ballot inactive, two
consecutive skipped ranks make it inactive, a repeated candidate is skipped, and candidates who
cannot win are eliminated together (batch elimination). About 3 s here (reading the workbooks).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run
from tests.shared_data import shared_path

POLIQUIN, GOLDEN, BOND, HOAR = "Poliquin, Bruce", "Golden, Jared F.", "Bond, Tiffany L.", "Hoar, William R.S."

# The Secretary of State's summary report, certified 11/26/2018
CERTIFIED_ROUNDS = [
    {POLIQUIN: 134_184, GOLDEN: 132_013, BOND: 16_552, HOAR: 6_875},
    {POLIQUIN: 138_931, GOLDEN: 142_440},
]
CERTIFIED_CONTINUING = [289_624, 281_371]
CERTIFIED_OVERVOTES = [435, 533]
# the report's other inactive categories: undervotes (blank ballots, 5,711, included) and
# exhausted choices (ballots that used all five ranks)
CERTIFIED_UNDERVOTES = [6_018, 13_838]
CERTIFIED_EXHAUSTED_CHOICES = [0, 335]
BALLOTS = 296_077


def maine_config(folder: Path, target: Path) -> Path:
    # the workbooks: id in column 1, precinct in 2, the five ranks in 4-8, ballots from row 2; the
    # marks carry party prefixes and, in some workbooks, candidate codes
    sources = [
        {
            "filePath": str(workbook),
            "provider": "ess",
            "firstVoteColumnIndex": "4",
            "firstVoteRowIndex": "2",
            "idColumnIndex": "1",
            "precinctColumnIndex": "2",
            "overvoteLabel": "overvote",
            "skippedRankLabel": "undervote",
        }
        for workbook in sorted(folder.glob("*.xlsx"))
    ]
    candidates = [
        {"name": POLIQUIN, "aliases": ["REP Poliquin, Bruce (5931)", "REP Poliquin, Bruce"]},
        {"name": GOLDEN, "aliases": ["DEM Golden, Jared F. (5471)", "DEM Golden, Jared F."]},
        {"name": BOND, "aliases": []},
        {"name": HOAR, "aliases": []},
    ]
    rules = {
        "tiebreakMode": "useCandidateOrder",
        "overvoteRule": "exhaustImmediately",
        "winnerElectionMode": "singleWinnerMajority",
        "numberOfWinners": "1",
        "decimalPlacesForVoteArithmetic": "4",
        "maxSkippedRanksAllowed": "1",
        "maxRankingsAllowed": "5",
        "batchElimination": True,
        "exhaustOnDuplicateCandidate": False,
    }
    config = {
        "tabulatorVersion": "TEST",
        "outputSettings": {"contestName": "Representative to Congress, District 2", "contestJurisdiction": "Maine"},
        "cvrFileSources": sources,
        "candidates": candidates,
        "rules": rules,
    }
    target.write_text(json.dumps(config, indent=1), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def maine(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = shared_path("data/maine-2018-cd2")
    config = maine_config(folder, tmp_path_factory.mktemp("maine") / "maine_cd2_config.json")
    # the configuration is written beside the test, naming the shared files where they are
    result = run(["tally", str(config), "--format", "json", "--allow-path", str(folder)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""  # no spreadsheet warnings (the UOCAVA workbooks have print areas)
    contest: dict[str, Any] = json.loads(result.stdout)["contests"][0]
    return contest


def test_every_ballot_is_read(maine: dict[str, Any]) -> None:
    assert len(list(shared_path("data/maine-2018-cd2").glob("*.xlsx"))) == 8
    assert maine["ballots"]["total"] == BALLOTS
    assert maine["ballots"]["ranked_no_one"] == 5_711  # the report's blank ballots
    for round_ in maine["rounds"]:
        assert round_["active"] + sum(round_["inactive"].values()) + 5_711 == BALLOTS


def test_certified_rounds(maine: dict[str, Any]) -> None:
    rounds = maine["rounds"]
    assert [round_["tally"] for round_ in rounds] == CERTIFIED_ROUNDS
    assert [round_["active"] for round_ in rounds] == CERTIFIED_CONTINUING
    assert [round_["inactive"]["overvotes"] for round_ in rounds] == CERTIFIED_OVERVOTES
    assert rounds[0]["eliminated"] == [HOAR, BOND]  # together: batch elimination
    assert maine["winners"] == [GOLDEN]


def test_certified_inactive_categories_by_the_readme_crosswalk(maine: dict[str, Any]) -> None:
    """README, "Official reports' inactive categories": Maine's undervotes are the blank ballots,
    the skipped rankings and the exhausted ballots that left ranks unused; its exhausted choices
    are the exhausted ballots that used every rank."""
    blank = maine["ballots"]["ranked_no_one"]
    undervotes, exhausted = [], []
    for round_ in maine["rounds"]:
        split = round_["exhausted_choices_by_ranks"]
        assert split["all_ranks_used"] + split["ranks_left_unused"] == round_["inactive"]["exhausted_choices"]
        undervotes.append(blank + round_["inactive"]["skipped_rankings"] + split["ranks_left_unused"])
        exhausted.append(split["all_ranks_used"])
        assert round_["inactive"]["repeated_rankings"] == 0  # Maine skips a repeated candidate
    assert undervotes == CERTIFIED_UNDERVOTES
    assert exhausted == CERTIFIED_EXHAUSTED_CHOICES


def maine_race_file(folder: Path, target: Path) -> Path:
    """The same count as a race file under Maine's preset (us-me-rcv), with batch elimination,
    which the 2018 count used (its definition was repealed in 2023, so the preset leaves it open)."""
    files = "".join(
        f"  - {{file: {json.dumps(str(workbook))}, format: ess, first_vote_column: 4, first_vote_row: 2,"
        f" id_column: 1, precinct_column: 2, overvote_label: overvote, skipped_rank_label: undervote}}\n"
        for workbook in sorted(folder.glob("*.xlsx"))
    )
    target.write_text(
        "name: Representative to Congress, District 2\n"
        "rule: us-me-rcv\n"
        "options: {batch_elimination: true, max_rankings: 5}\n"
        "candidates:\n"
        f'  - {{name: "{POLIQUIN}", aliases: ["REP Poliquin, Bruce (5931)", "REP Poliquin, Bruce"]}}\n'
        f'  - {{name: "{GOLDEN}", aliases: ["DEM Golden, Jared F. (5471)", "DEM Golden, Jared F."]}}\n'
        f'  - {{name: "{BOND}"}}\n'
        f'  - {{name: "{HOAR}"}}\n'
        "ballots:\n" + files,
        encoding="utf-8",
    )
    return target


def test_the_maine_preset_reproduces_the_certified_rounds(tmp_path: Path) -> None:
    folder = shared_path("data/maine-2018-cd2")
    race = maine_race_file(folder, tmp_path / "maine_cd2.yaml")
    result = run(["tally", str(race), "--format", "json", "--allow-path", str(folder)])
    assert result.exit_code == 0, result.stderr
    contest = json.loads(result.stdout)["contests"][0]
    assert contest["rule"]["preset"]["name"] == "us-me-rcv"
    rounds = contest["rounds"]
    assert [round_["tally"] for round_ in rounds] == CERTIFIED_ROUNDS
    assert [round_["active"] for round_ in rounds] == CERTIFIED_CONTINUING
    assert [round_["inactive"]["overvotes"] for round_ in rounds] == CERTIFIED_OVERVOTES
    assert contest["winners"] == [GOLDEN]
