"""Files named inside an input stay in its folder, and nothing from a file of the wrong kind is
printed (electcli/readers/named_paths.py; README, "Files named inside an input")."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run

SECRET = "root:SECRET$6$hash:19000:0:99999:7:::\ndaemon:TOKEN:19000::::::\n"
COUNTS = "unit,candidate,votes\nNorth,A,5\nNorth,B,3\n"


@pytest.fixture
def layout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """races/ (the race files) beside data/ (counts) and secret.txt, working in tmp_path."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "races").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "counts.csv").write_text(COUNTS)
    (tmp_path / "secret.txt").write_text(SECRET)
    return tmp_path


def counts_race(path: str) -> str:
    return f"name: S\ncandidates: [{{name: A}}, {{name: B}}]\nresults: {{file: {json.dumps(path)}}}\n"


def ballots_race(path: str) -> str:
    return f"name: S\nrule: irv\ncandidates: [{{name: A}}, {{name: B}}]\nballots: [{{file: {json.dumps(path)}}}]\n"


def assert_outside(result: Any, where: str) -> None:
    assert result.exit_code == 2, result.stdout
    assert "SECRET" not in result.stdout
    assert result.stderr.startswith(f"electcli: error: {where}:")
    assert "is outside the folder of the file that names it" in result.stderr
    assert "--allow-path" in result.stderr
    assert "SECRET" not in result.stderr and "TOKEN" not in result.stderr


@pytest.mark.parametrize("named", ["../secret.txt", "../data/counts.csv", "/etc/passwd"])
@pytest.mark.parametrize("make", [counts_race, ballots_race])
def test_a_path_out_of_the_race_files_folder_is_refused(layout: Path, named: str, make: Any) -> None:
    Path("races/race.yaml").write_text(make(named))
    line = 3 if make is counts_race else 4
    result = run(["tally", "races/race.yaml"])
    assert_outside(result, f"races/race.yaml:{line}")
    assert result.stdout == ""
    assert_outside(run(["check", "races"]), f"races/race.yaml:{line}")


def test_allow_path_lets_one_folder_in(layout: Path) -> None:
    Path("races/race.yaml").write_text(counts_race("../data/counts.csv"))
    result = run(["tally", "races/race.yaml", "--allow-path", "data", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["contests"][0]["winners"] == ["A"]
    # only that folder: the secret beside it stays out
    Path("races/race.yaml").write_text(counts_race("../secret.txt"))
    assert_outside(run(["tally", "races/race.yaml", "--allow-path", "data"]), "races/race.yaml:3")


def test_below_the_folder_is_fine(layout: Path) -> None:
    Path("races/sub").mkdir()
    Path("races/sub/counts.csv").write_text(COUNTS)
    Path("races/race.yaml").write_text(counts_race("sub/../sub/counts.csv"))
    assert run(["tally", "races/race.yaml"]).exit_code == 0


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_a_link_out_of_the_folder_is_followed_to_where_it_leads(layout: Path) -> None:
    """A link in the folder to a file outside it: what counts is where it leads (a pull request
    can add a link as easily as a file)."""
    os.symlink(layout / "secret.txt", "races/counts.csv")
    Path("races/race.yaml").write_text(counts_race("counts.csv"))
    assert_outside(run(["tally", "races/race.yaml"]), "races/race.yaml:3")


def test_standard_input_names_files_from_the_current_folder(layout: Path) -> None:
    assert run(["tally", "-"], stdin=counts_race("data/counts.csv")).exit_code == 0
    assert_outside(run(["tally", "-"], stdin=counts_race("/etc/passwd")), "-:3")


def test_openelections_file_out_of_the_folder(layout: Path) -> None:
    race = "name: S\ncandidates: [{name: A}]\nresults: {openelections: ../secret.txt, office: President}\n"
    Path("races/race.yaml").write_text(race)
    assert_outside(run(["tally", "races/race.yaml"]), "races/race.yaml:3")


def rctab_config(folder: Path, file_path: str) -> Path:
    config = {
        "tabulatorVersion": "1.3.0",
        "outputSettings": {"contestName": "Test", "outputDirectory": "output"},
        "cvrFileSources": [
            {"filePath": file_path, "provider": "genericCsv", "firstVoteColumnIndex": "2", "firstVoteRowIndex": "2"}
        ],
        "candidates": [{"name": "A"}, {"name": "B"}],
        "rules": {
            "tiebreakMode": "useCandidateOrder",
            "overvoteRule": "exhaustImmediately",
            "winnerElectionMode": "singleWinnerMajority",
            "numberOfWinners": "1",
            "decimalPlacesForVoteArithmetic": "4",
            "maxSkippedRanksAllowed": "unlimited",
            "maxRankingsAllowed": "max",
        },
    }
    path = folder / "config.json"
    path.write_text(json.dumps(config, indent=2))
    return path


def test_rctab_file_path_out_of_the_folder(layout: Path) -> None:
    (layout / "data" / "cvr.csv").write_text("id,A,B\n1,1,2\n2,2,1\n3,1,2\n")
    config = rctab_config(layout / "races", "../data/cvr.csv")
    result = run(["tally", str(config)])
    assert result.exit_code == 2
    assert f"electcli: error: {config}:" in result.stderr
    assert "'../data/cvr.csv' is outside the folder of the file that names it" in result.stderr
    result = run(["tally", str(config), "--allow-path", "data", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["contests"][0]["winners"] == ["A"]
    rctab_config(layout / "races", str(layout / "secret.txt"))
    result = run(["tally", str(config)])
    assert result.exit_code == 2 and "is outside the folder" in result.stderr and "SECRET" not in result.stderr


def test_a_file_that_is_no_counts_file_is_not_quoted(layout: Path) -> None:
    """The first line of /etc/shadow appeared in the message as the counts file's 'header'."""
    Path("races/shadow").write_text(SECRET)
    Path("races/race.yaml").write_text(counts_race("shadow"))
    result = run(["tally", "races/race.yaml"])
    assert result.exit_code == 2
    assert "races/shadow:1: is not a counts file" in result.stderr
    assert "SECRET" not in result.stderr and "root" not in result.stderr
