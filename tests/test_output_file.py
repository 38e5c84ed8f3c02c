"""Files electcli writes (``runoff -o``, ``check --junit``): whole or not at all, never over an
input, never over an existing file without ``--force`` (electcli/output_file.py)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from electcli.errors import UsageError
from electcli.output_file import write_output
from tests.conftest import SAMPLES, run

AL_PRIMARY = str(SAMPLES / "al-2020-senate-gop-primary.yaml")


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_new_file_is_written_with_the_usual_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.yaml"
    write_output(str(target), "text\n", [])
    assert target.read_text(encoding="utf-8") == "text\n"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask  # not mkstemp's private 0600
    assert names(tmp_path) == ["out.yaml"]


def test_existing_file_needs_force_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.yaml"
    target.write_text("old\n")
    target.chmod(0o640)
    with pytest.raises(UsageError, match="already exists; give --force"):
        write_output(str(target), "new\n", [])
    assert target.read_text() == "old\n"
    write_output(str(target), "new\n", [], force=True)
    assert target.read_text() == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert names(tmp_path) == ["out.yaml"]


@pytest.mark.parametrize("force", [False, True])
def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, force: bool
) -> None:
    """A full disk in the middle of writing: the old file (or no file) stays, whole."""
    target = tmp_path / "out.yaml"
    if force:
        target.write_text("old\n")

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(UsageError, match=r"cannot write .*out.yaml: No space left on device"):
        write_output(str(target), "new\n" * 1000, [], force=force)
    assert names(tmp_path) == (["out.yaml"] if force else [])
    if force:
        assert target.read_text() == "old\n"


def test_interrupted_write_leaves_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C (electcli.__main__.Interrupted, a BaseException) while writing: nothing left behind."""

    class Interrupted(BaseException):
        pass

    def interrupt(_fd: int) -> None:
        raise Interrupted

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(Interrupted):
        write_output(str(tmp_path / "out.yaml"), "new\n", [])
    assert names(tmp_path) == []


def test_never_over_an_input_even_with_force(tmp_path: Path) -> None:
    race = tmp_path / "race.yaml"
    race.write_text("race\n")
    (tmp_path / "hard.yaml").hardlink_to(race)
    for target in (race, tmp_path / "hard.yaml", tmp_path / "sub" / ".." / "race.yaml"):
        (tmp_path / "sub").mkdir(exist_ok=True)
        with pytest.raises(UsageError, match="one of this command's inputs"):
            write_output(str(target), "runoff\n", [str(race)], force=True)
    assert race.read_text() == "race\n"


def test_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="it is a folder"):
        write_output(str(tmp_path), "text\n", [], force=True)


def test_missing_folder_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"cannot write .*nowhere/out.yaml: No such file"):
        write_output(str(tmp_path / "nowhere" / "out.yaml"), "text\n", [])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_target_that_is_not_a_file_is_written_directly(tmp_path: Path) -> None:
    """/dev/stdout or a named pipe: nothing to replace (and a rename would replace the pipe)."""
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_output(str(fifo), "through the pipe\n", [])
    reader.join(timeout=10)
    assert received == [b"through the pipe\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


# -- through the command line ----------------------------------------------------------------------


def test_runoff_output_needs_force_to_replace(tmp_path: Path) -> None:
    out = tmp_path / "runoff.yaml"
    assert run(["runoff", AL_PRIMARY, "-o", str(out)]).exit_code == 0
    written = out.read_text(encoding="utf-8")
    out.write_text("edited by hand\n")
    result = run(["runoff", AL_PRIMARY, "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr == f"electcli: error: {out} already exists; give --force to replace it\n"
    assert out.read_text() == "edited by hand\n"
    assert run(["runoff", AL_PRIMARY, "-o", str(out), "--force"]).exit_code == 0
    assert out.read_text(encoding="utf-8") == written


def test_runoff_over_its_own_race_file(tmp_path: Path) -> None:
    """`runoff race.yaml -o race.yaml` replaced the user's race file by its runoff."""
    race = tmp_path / "race.yaml"
    original = Path(AL_PRIMARY).read_text(encoding="utf-8")
    race.write_text(original, encoding="utf-8")
    result = run(["runoff", str(race), "-o", str(race), "--force"])
    assert result.exit_code == 2
    assert "will not write over" in result.stderr
    assert race.read_text(encoding="utf-8") == original


def test_junit_over_a_checked_race_file(tmp_path: Path) -> None:
    """`check races --junit races/a.yaml`: a race file found in the folder is an input too."""
    race = tmp_path / "a.yaml"
    text = "name: S\ncandidates: [{name: A, votes: 5}]\nexpected: {outcome: winner}\n"
    race.write_text(text)
    result = run(["check", str(tmp_path), "--junit", str(race), "--force"])
    assert result.exit_code == 2
    assert "will not write over" in result.stderr
    assert race.read_text() == text


def test_junit_over_a_counts_file_the_race_names(tmp_path: Path) -> None:
    counts = tmp_path / "counts.csv"
    counts.write_text("unit,candidate,votes\nNorth,A,5\n")
    race = tmp_path / "a.yaml"
    race.write_text("name: S\ncandidates: [{name: A}]\nresults: {file: counts.csv}\nexpected: {outcome: winner}\n")
    result = run(["check", str(race), "--junit", str(counts), "--force"])
    assert result.exit_code == 2, result.stderr
    assert "will not write over" in result.stderr
    assert counts.read_text() == "unit,candidate,votes\nNorth,A,5\n"


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_written_through_a_link(tmp_path: Path) -> None:
    """As the shell's `>`: the file a link leads to is written, and the link stays a link."""
    (tmp_path / "real.yaml").write_text("old\n")
    link = tmp_path / "link.yaml"
    link.symlink_to("real.yaml")
    write_output(str(link), "new\n", [], force=True)
    assert link.is_symlink() and (tmp_path / "real.yaml").read_text() == "new\n"
    dangling = tmp_path / "dangling.yaml"
    dangling.symlink_to("made.yaml")
    write_output(str(dangling), "made\n", [])
    assert (tmp_path / "made.yaml").read_text() == "made\n"
    assert names(tmp_path) == ["dangling.yaml", "link.yaml", "made.yaml", "real.yaml"]
