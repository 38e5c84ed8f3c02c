"""The command line, through click's CliRunner: exit status, stdout and stderr checked apart."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from electcli import __version__
from electcli.cli import cli
from tests.conftest import SAMPLES, golden, run

# Paths as a user types them from the project root (the JSON output echoes them).
AL_PRIMARY = "sample_races/al-2020-senate-gop-primary.yaml"


@pytest.fixture(autouse=True)
def _from_project_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(SAMPLES.parent)


def test_version() -> None:
    result = run(["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"electcli {__version__}\n"


def test_every_command_has_help() -> None:
    assert run(["--help"]).exit_code == 0
    for name, command in cli.commands.items():  # type: ignore[attr-defined]
        result = run([name, "--help"])
        assert result.exit_code == 0, name
        assert command.help, f"{name} has no help text"
        assert "Usage: " in result.stdout


def test_table_golden() -> None:
    result = run(["tally", AL_PRIMARY])
    assert result.exit_code == 0
    assert result.stderr == ""
    assert "No candidate passed 50%: Tommy Tuberville and Jeff Sessions advance to a runoff" in result.stdout
    golden("al-2020-senate-gop-primary.table.txt", result.stdout)


def test_json_golden_and_contract_fields() -> None:
    result = run(["tally", AL_PRIMARY, "--format", "json"])
    assert result.exit_code == 0 and result.stderr == ""
    golden("al-2020-senate-gop-primary.json", result.stdout)
    (contest,) = json.loads(result.stdout)["contests"]
    # The example in shared/spec/output.md, field by field.
    assert contest["file"] == AL_PRIMARY
    assert contest["election"] == "2020 Alabama Primary Election"
    assert contest["name"] == "United States Senator (Republican)"
    assert (contest["method"], contest["seats"], contest["threshold"]) == ("runoff", 1, ">50%")
    assert contest["total_votes"] == 717665
    assert contest["outcome"] == "runoff"
    assert contest["winners"] == [] and contest["tied"] == []
    assert contest["advancing"] == ["Tommy Tuberville", "Jeff Sessions"]
    assert contest["decided_by_lot"] is False and contest["recount"] is False
    first = contest["candidates"][0]
    assert first == {
        **first,
        "rank": 1,
        "name": "Tommy Tuberville",
        "party": "REP",
        "votes": 239616,
        "share": 0.33388280047097185,
        "status": "advances",
    }
    margins = contest["margins"]  # the contract's fields (others may be added)
    assert margins["lead"] == {"votes": 12528, "points": 1.7456612765008743}
    assert margins["cutoff"] == {"votes": 48461, "points": 6.752593480244961}
    assert margins["short_of_threshold"] == 119217


def test_csv_output() -> None:
    result = run(["tally", AL_PRIMARY, str(SAMPLES / "measure-two-thirds.yaml"), "--format", "csv"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0])[:7] == ["contest", "rank", "candidate", "party", "votes", "share", "status"]
    assert rows[0]["candidate"] == "Tommy Tuberville" and rows[0]["share"] == "0.33388280047097185"
    assert rows[0]["status"] == "advances" and rows[0]["votes"] == "239616"
    measure = [row for row in rows if row["contest"].startswith("Measure J")]
    assert [row["candidate"] for row in measure] == ["Yes", "No"] and measure[0]["status"] == ""
    assert len(rows) == 7 + 2


def test_standard_input(tmp_path: Path) -> None:
    text = Path(AL_PRIMARY).read_text()
    result = run(["tally", "-", "--format", "json"], stdin=text)
    assert result.exit_code == 0
    contest = json.loads(result.stdout)["contests"][0]
    assert contest["file"] == "-" and contest["outcome"] == "runoff"


def test_standard_input_only_once() -> None:
    result = run(["tally", "-", "-"], stdin="")
    assert result.exit_code == 2 and result.stdout == ""
    assert "only once" in result.stderr


def test_several_files_in_order() -> None:
    files = [str(SAMPLES / "la-2019-governor-primary.yaml"), str(SAMPLES / "la-2019-governor-runoff.yaml")]
    contests = json.loads(run(["tally", *files, "--format", "json"]).stdout)["contests"]
    assert [c["outcome"] for c in contests] == ["runoff", "winner"]
    assert contests[1]["winners"] == ["John Bel Edwards"]


def test_invalid_file_gets_exit_2_and_a_located_message(race) -> None:  # type: ignore[no-untyped-def]
    path = race("name: Mayor\ncandidates:\n  - {name: Ana, votes: -3}\n")
    result = run(["tally", path])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"electcli: error: {path}:3:24: vote count '-3' is negative\n")
    assert "whole number" in result.stderr
    assert "Traceback" not in result.stderr


def test_nothing_is_printed_when_any_file_is_invalid(race) -> None:  # type: ignore[no-untyped-def]
    bad = race("name: Mayor\ncandidates: [{name: Ana, vots: 3}]\n", "bad.yaml")
    result = run(["tally", AL_PRIMARY, bad, "--format", "json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "bad.yaml:2:26: unknown key 'vots'" in result.stderr


def test_every_invalid_file_is_reported(race) -> None:  # type: ignore[no-untyped-def]
    first = race("name: A\ncandidates: [{name: Ana}]\n", "one.yaml")
    second = race("name: B\ncandidates: [{name: Ben, votes: 1.5}]\n", "two.yaml")
    result = run(["tally", first, second])
    assert result.exit_code == 2
    assert "one.yaml:2" in result.stderr and "two.yaml:2" in result.stderr


def test_missing_file_and_folder(tmp_path: Path) -> None:
    result = run(["tally", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2 and "no such file" in result.stderr
    result = run(["tally", str(tmp_path)])
    assert result.exit_code == 2 and "is a folder" in result.stderr


def test_bad_usage_is_exit_2() -> None:
    assert run(["tally"]).exit_code == 2
    assert run(["tally", AL_PRIMARY, "--format", "xml"]).exit_code == 2
    assert run(["frobnicate"]).exit_code == 2


def test_names_are_never_markup(race) -> None:  # type: ignore[no-untyped-def]
    path = race(
        "name: '[bold]Mayor'\ncandidates:\n  - {name: '[Green]', votes: 10}\n  - {name: '[red]x[/red]', votes: 5}\n"
    )
    result = run(["tally", path])
    assert result.exit_code == 0
    assert "[Green]" in result.stdout and "[red]x[/red]" in result.stdout and "[bold]Mayor" in result.stdout


def test_no_colour_when_not_a_terminal() -> None:
    result = run(["tally", AL_PRIMARY], env={"NO_COLOR": ""})
    assert "\x1b[" not in result.stdout


def test_colour_follows_no_color(tmp_path: Path) -> None:
    forced = run(["tally", AL_PRIMARY], env={"NO_COLOR": "", "FORCE_COLOR": "1", "TERM": "xterm"})
    assert "\x1b[" in forced.stdout
    plain = run(["tally", AL_PRIMARY], env={"NO_COLOR": "1", "FORCE_COLOR": "1", "TERM": "xterm"})
    assert not re.search(r"\x1b\[[0-9;]*3[0-9]m", plain.stdout)  # no colour codes (bold may stay)


# -- check --------------------------------------------------------------------------------------


def test_check_passes_on_the_shipped_samples() -> None:
    result = run(["check", str(SAMPLES)])
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stderr == ""
    assert "PASS" in result.stdout and "FAIL" not in result.stdout
    assert re.search(r"checked (\d+) contests in \1 files: \1 passed, 0 failed, 0 unchecked, 0 invalid", result.stdout)


def test_check_failure_shows_expected_and_actual(race) -> None:  # type: ignore[no-untyped-def]
    path = race(
        """\
        name: Senate
        rule: runoff
        candidates: [{name: A, votes: 45}, {name: B, votes: 35}, {name: C, votes: 20}]
        expected:
          outcome: winner
          winners: [A]
          advancing: [A, C]
        """
    )
    result = run(["check", path])
    assert result.exit_code == 1
    assert result.stderr == ""
    assert f"FAIL {path}:4:1: Senate" in result.stdout
    assert "  outcome: expected winner, got runoff" in result.stdout
    assert "  winners (in finishing order): expected [A], got []" in result.stdout
    assert "  advancing (in finishing order): expected [A, C], got [A, B]" in result.stdout
    assert "0 passed, 1 failed" in result.stdout


def test_check_compares_tied_as_a_set(race) -> None:  # type: ignore[no-untyped-def]
    path = race(
        "name: S\ncandidates: [{name: A, votes: 5}, {name: B, votes: 5}]\nexpected: {outcome: tie, tied: [B, A]}\n"
    )
    assert run(["check", path]).exit_code == 0


def test_check_lists_unchecked_contests(race) -> None:  # type: ignore[no-untyped-def]
    path = race(
        "contests:\n  - name: S\n    candidates: [{name: A, votes: 5}]\n    expected: {outcome: winner}\n"
        "  - name: T\n    candidates: [{name: A, votes: 5}]\n"
    )
    result = run(["check", path])
    assert result.exit_code == 0
    assert f"UNCHECKED {path}: T" in result.stdout


def test_check_with_no_expectations_is_an_error(race) -> None:  # type: ignore[no-untyped-def]
    path = race("name: S\ncandidates: [{name: A, votes: 5}]\n")
    result = run(["check", path])
    assert result.exit_code == 2
    assert "no contest has an `expected:` block" in result.stderr


def test_check_invalid_file_makes_status_2_whatever_else_failed(race, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    race("name: S\ncandidates: [{name: A, votes: 5}, {name: B, votes: 1}]\nexpected: {winners: [B]}\n", "fails.yaml")
    race("name: S\ncandidates: [{name: A, votes: x}]\n", "broken.yaml")
    result = run(["check", str(tmp_path)])
    assert result.exit_code == 2
    assert "FAIL" in result.stdout  # the other file was still checked
    assert "broken.yaml:2:31" in result.stderr


def test_check_searches_folders_but_skips_hidden_ones(race, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    race("name: S\ncandidates: [{name: A, votes: 5}]\nexpected: {outcome: winner}\n", "ok.yml")
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / "junk.yaml").write_text("not: a race\n")
    result = run(["check", str(tmp_path)])
    assert result.exit_code == 0 and "1 passed" in result.stdout


def test_check_empty_folder_and_missing_path(tmp_path: Path) -> None:
    result = run(["check", str(tmp_path)])
    assert result.exit_code == 2 and "holds no race files" in result.stderr
    result = run(["check", str(tmp_path / "missing")])
    assert result.exit_code == 2 and "no such file or folder" in result.stderr


@pytest.mark.parametrize("columns", ["0", "5", "-5", "abc", "", "99999999999"])
def test_nonsense_width_falls_back_to_80(columns: str) -> None:
    """COLUMNS=0 printed no table at all, COLUMNS=5 folded every word: they mean 80."""
    for args in (["tally", AL_PRIMARY], ["rules"]):
        expected = run(args, env={"COLUMNS": "80"})
        result = run(args, env={"COLUMNS": columns})
        assert result.exit_code == 0
        assert result.stdout == expected.stdout
