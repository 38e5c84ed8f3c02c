"""Paths as the system has them: what a path really is (a loop of links, a FIFO, a folder) is what
the error says, and ``check`` never passes over a folder it could not search."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import run

RACE = "name: S\ncandidates: [{name: A, votes: 5}, {name: B, votes: 1}]\nexpected: {winners: [A]}\n"
POSIX = pytest.mark.skipif(os.name != "posix", reason="symbolic links and FIFOs")


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- what the path is ------------------------------------------------------------------------------


@POSIX
@pytest.mark.parametrize("name", ["loop.yaml", "loop.json", "loop.csv"])
@pytest.mark.parametrize("command", ["tally", "runoff"])
def test_a_loop_of_links_is_not_no_such_file(here: Path, name: str, command: str) -> None:
    os.symlink(name, name)
    result = run([command, name])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"electcli: error: {name}: is a loop of symbolic links")


@POSIX
def test_check_names_a_loop_of_links(here: Path) -> None:
    os.symlink("loop.yaml", "loop.yaml")
    result = run(["check", "loop.yaml"])
    assert result.exit_code == 2
    assert "loop.yaml: is a loop of symbolic links" in result.stderr


@POSIX
@pytest.mark.parametrize("name", ["pipe.yaml", "pipe.json"])
@pytest.mark.parametrize("command", ["tally", "check"])
def test_a_fifo_is_not_missing(here: Path, name: str, command: str) -> None:
    """A named pipe is refused by name at once (reading it would wait for a writer)."""
    os.mkfifo(name)
    result = run([command, name])
    assert result.exit_code == 2
    assert f"{name}: is a named pipe (FIFO), not a regular file" in result.stderr


@POSIX
def test_a_dangling_link(here: Path) -> None:
    os.symlink("gone.yaml", "race.yaml")
    result = run(["tally", "race.yaml"])
    assert result.exit_code == 2
    assert "race.yaml: is a symbolic link to a file that does not exist" in result.stderr


def test_a_part_of_the_path_is_a_file(here: Path) -> None:
    Path("race.yaml").write_text(RACE)
    result = run(["tally", "race.yaml/x.yaml"])
    assert result.exit_code == 2
    assert "a part of the path is a file, not a folder" in result.stderr


@POSIX
def test_a_device(here: Path) -> None:
    result = run(["tally", "/dev/null", "--input-format", "yaml"])
    assert result.exit_code == 2
    assert "/dev/null: is a character device, not a regular file" in result.stderr


# -- check searches folders, and says what it could not search -----------------------------------


def test_unreadable_subfolder_is_an_error(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder that cannot be listed (chmod 000; simulated, since root reads anything)."""
    (here / "races" / "locked").mkdir(parents=True)
    (here / "races" / "ok.yaml").write_text(RACE)
    real_scandir = os.scandir

    def scandir(path: str) -> os._ScandirIterator[str]:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = run(["check", "races"])
    assert result.exit_code == 2
    assert "races/locked: is a folder that cannot be searched: permission denied" in result.stderr
    assert "1 passed" in result.stdout  # the rest is still checked


@POSIX
def test_linked_subfolder_is_followed(here: Path) -> None:
    (here / "races").mkdir()
    (here / "races" / "real").mkdir()
    (here / "races" / "real" / "a.yaml").write_text(RACE)
    os.symlink("real", "races/link")
    result = run(["check", "races"])
    assert result.exit_code == 0, result.stderr
    assert "1 passed" in result.stdout  # through one name only: a folder is searched once


@POSIX
def test_linked_subfolder_alone_is_followed(here: Path) -> None:
    (here / "elsewhere").mkdir()
    (here / "races").mkdir()
    (here / "races" / "sub").mkdir()
    (here / "races" / "sub" / "a.yaml").write_text(RACE)
    os.symlink("sub", "races/only")  # sorts before "sub": the files are found under the link's name, once
    result = run(["check", "races"])
    assert result.exit_code == 0, result.stderr
    assert "PASS races/only/a.yaml" in result.stdout


@POSIX
def test_link_loop_ends(here: Path) -> None:
    (here / "races").mkdir()
    (here / "races" / "a.yaml").write_text(RACE)
    os.symlink("..", "races/up")  # leaves the folder: reported
    os.symlink(".", "races/self")  # back to itself: searched once
    result = run(["check", "races"])
    assert result.exit_code == 2
    assert "1 passed" in result.stdout
    assert "races/up: is a symbolic link to a folder outside races" in result.stderr
    assert "self" not in result.stderr


@POSIX
def test_links_out_of_the_folder_are_reported_not_followed(here: Path) -> None:
    (here / "secret").mkdir()
    (here / "secret" / "token.yml").write_text("oauth_token: SECRET\n")
    (here / "races").mkdir()
    (here / "races" / "a.yaml").write_text(RACE)
    os.symlink(here / "secret", "races/config")
    os.symlink(here / "secret" / "token.yml", "races/token.yml")
    result = run(["check", "races"])
    assert result.exit_code == 2
    assert "races/config: is a symbolic link to a folder outside races" in result.stderr
    assert "races/token.yml: is a symbolic link to a file outside races" in result.stderr
    assert "SECRET" not in result.stdout + result.stderr
    assert run(["check", "secret"]).exit_code == 2  # named on the command line, it is read
