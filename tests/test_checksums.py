"""`electcli tally --checksums SHA256SUMS`: every input verified against a sha256sum list."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run

SAMPLES = Path(__file__).resolve().parent.parent / "sample_races"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def burlington(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A race file naming a CVR file, copied into a folder that is the working folder."""
    for name in ("burlington-2006-mayor.yaml", "burlington-2006-mayor.cvr.csv"):
        shutil.copy(SAMPLES / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _sums(folder: Path, *names: str, mode: str = " ") -> Path:
    path = folder / "SHA256SUMS"
    path.write_text("".join(f"{_sha(folder / n)} {mode}{n}\n" for n in names), encoding="utf-8")
    return path


def test_listed_inputs_are_counted(burlington: Path) -> None:
    sums = _sums(burlington, "burlington-2006-mayor.yaml", "burlington-2006-mayor.cvr.csv")
    done = run(["tally", "burlington-2006-mayor.yaml", "--checksums", str(sums), "--format", "json"])
    assert done.exit_code == 0, done.stderr
    inputs = json.loads(done.stdout)["inputs"]
    assert {record["sha256"] for record in inputs} == {
        _sha(burlington / "burlington-2006-mayor.yaml"),
        _sha(burlington / "burlington-2006-mayor.cvr.csv"),
    }


def test_the_list_sha256sum_writes_is_read(burlington: Path) -> None:
    if shutil.which("sha256sum") is None:
        pytest.skip("no sha256sum here")
    names = ["burlington-2006-mayor.yaml", "burlington-2006-mayor.cvr.csv"]
    listing = subprocess.run(["sha256sum", "--binary", *names], cwd=burlington, capture_output=True, check=True)
    (burlington / "sub").mkdir()
    sums = burlington / "sub" / "SHA256SUMS"  # paths in it are relative to its folder: fix them up
    sums.write_bytes(listing.stdout.replace(b"*", b"*../"))
    done = run(["tally", "burlington-2006-mayor.yaml", "--checksums", str(sums)])
    assert done.exit_code == 0, done.stderr


def test_a_changed_cvr_file_stops_the_count(burlington: Path) -> None:
    sums = _sums(burlington, "burlington-2006-mayor.yaml", "burlington-2006-mayor.cvr.csv")
    cvr = burlington / "burlington-2006-mayor.cvr.csv"
    expected = _sha(cvr)
    lines = cvr.read_text(encoding="utf-8").splitlines(keepends=True)
    cvr.write_text("".join(lines[:-1]), encoding="utf-8")  # one ballot fewer
    done = run(["tally", "burlington-2006-mayor.yaml", "--checksums", str(sums)])
    assert done.exit_code == 2
    assert done.stdout == ""
    assert "burlington-2006-mayor.cvr.csv" in done.stderr and "does not match" in done.stderr
    assert _sha(cvr) in done.stderr and expected in done.stderr


def test_an_input_not_listed_stops_the_count(burlington: Path) -> None:
    sums = _sums(burlington, "burlington-2006-mayor.yaml")
    done = run(["tally", "burlington-2006-mayor.yaml", "--checksums", str(sums)])
    assert done.exit_code == 2 and done.stdout == ""
    assert "burlington-2006-mayor.cvr.csv" in done.stderr and "is not listed in" in done.stderr


def test_a_file_is_known_by_what_it_is_not_how_it_is_named(burlington: Path) -> None:
    # the list names a hard link to the CVR file, and the race file is given by another spelling
    os.link(burlington / "burlington-2006-mayor.cvr.csv", burlington / "linked.csv")
    sums = _sums(burlington, "burlington-2006-mayor.yaml", "linked.csv")
    done = run(["tally", f"{burlington}/./burlington-2006-mayor.yaml", "--checksums", str(sums)])
    assert done.exit_code == 0, done.stderr


def test_one_file_with_two_digests_is_refused(burlington: Path) -> None:
    os.link(burlington / "burlington-2006-mayor.yaml", burlington / "same.yaml")
    sums = burlington / "SHA256SUMS"
    sums.write_text(f"{_sha(burlington / 'same.yaml')}  same.yaml\n{'0' * 64}  burlington-2006-mayor.yaml\n")
    done = run(["tally", "burlington-2006-mayor.yaml", "--checksums", str(sums)])
    assert done.exit_code == 2 and "SHA256SUMS:2" in done.stderr and "another digest" in done.stderr


@pytest.mark.parametrize("line", ["abc  race.yaml", f"{'a' * 64} race.yaml", f"{'g' * 64}  race.yaml"])
def test_a_malformed_list_is_refused_with_its_line(burlington: Path, line: str) -> None:
    sums = burlington / "SHA256SUMS"
    sums.write_text(f"{_sha(burlington / 'burlington-2006-mayor.yaml')}  burlington-2006-mayor.yaml\n{line}\n")
    done = run(["tally", "burlington-2006-mayor.yaml", "--checksums", str(sums)])
    assert done.exit_code == 2 and "SHA256SUMS:2" in done.stderr and "not a sha256sum line" in done.stderr


def test_standard_input_cannot_be_verified(burlington: Path) -> None:
    sums = _sums(burlington, "burlington-2006-mayor.yaml", "burlington-2006-mayor.cvr.csv")
    text = (burlington / "burlington-2006-mayor.yaml").read_text(encoding="utf-8")
    done = run(["tally", "-", "--checksums", str(sums)], stdin=text)
    assert done.exit_code == 2 and "standard input" in done.stderr and "cannot verify" in done.stderr


def test_an_rctab_configuration_and_its_cvr_files_are_verified(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cvr.csv").write_text("id,A,B\n1,1,2\n2,1,\n3,,1\n", encoding="utf-8")
    config = {
        "tabulatorVersion": "TEST",
        "outputSettings": {"contestName": "T", "outputDirectory": "output"},
        "cvrFileSources": [
            {"filePath": "cvr.csv", "provider": "genericCsv", "firstVoteColumnIndex": "2", "firstVoteRowIndex": "2"}
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
    (tmp_path / "config.json").write_text(json.dumps(config), encoding="utf-8")
    sums = _sums(tmp_path, "config.json")
    done = run(["tally", "config.json", "--checksums", str(sums)])
    assert done.exit_code == 2 and "cvr.csv" in done.stderr and "is not listed" in done.stderr
    sums = _sums(tmp_path, "config.json", "cvr.csv")
    assert run(["tally", "config.json", "--checksums", str(sums)]).exit_code == 0
