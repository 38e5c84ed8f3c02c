"""electcli as a real process (``python -m electcli``): what CliRunner cannot show.

Pipes closed early, Ctrl-C, standard streams closed or full, output encodings and output files,
as electcli/__main__.py and electcli/output_file.py handle them. Every process has a timeout.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CLI_ENV, SAMPLES, run

AL_PRIMARY = str(SAMPLES / "al-2020-senate-gop-primary.yaml")
TIMEOUT = 60  # seconds; a process that hangs fails its test instead of the suite
ENV = {**os.environ, **CLI_ENV}
POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX signals and file descriptors")


def electcli(args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    streams = {"stdin": subprocess.DEVNULL, "stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **kwargs}
    return subprocess.run(
        [sys.executable, "-m", "electcli", *args], text=True, timeout=TIMEOUT, env=ENV, check=False, **streams
    )


def with_fd_closed(fd: int, args: list[str]) -> subprocess.CompletedProcess[str]:
    """electcli started with file descriptor ``fd`` (0 or 1) closed, as ``<&-`` or ``>&-`` would."""
    script = (
        f"import os, sys; os.close({fd}); os.execv(sys.executable, [sys.executable, '-m', 'electcli', *sys.argv[1:]])"
    )
    return subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=TIMEOUT, env=ENV, check=False
    )


# -- the process keeps click's statuses, writes whole output ---------------------------------------


@pytest.mark.parametrize("args", [["tally", AL_PRIMARY, "--format", "json"], ["check", str(SAMPLES)]])
def test_python_dash_m(args: list[str]) -> None:
    completed = electcli(args)
    assert completed.returncode == 0, completed.stderr
    # the process ends with os._exit (electcli/__main__.py): its output must be whole all the same
    assert completed.stdout == run(args).stdout


@pytest.mark.parametrize(
    ("args", "status", "stderr"),
    [
        (["tally", "missing.yaml"], 2, "electcli: error: missing.yaml: no such file"),
        (["tally", "--no-such-option"], 2, "No such option '--no-such-option'"),
        (["--version"], 0, ""),
    ],
)
def test_process_exit_status_and_streams(args: list[str], status: int, stderr: str) -> None:
    """The console script's process keeps click's exit statuses and flushes both streams."""
    completed = electcli(args)
    assert completed.returncode == status
    assert stderr in completed.stderr
    assert "Traceback" not in completed.stderr
    if args == ["--version"]:
        assert completed.stdout.startswith("electcli")


def test_process_writes_its_files_whole(tmp_path: Path) -> None:
    """Files written by a command are closed before the process ends with os._exit."""
    junit = tmp_path / "report.xml"
    output = tmp_path / "runoff.yaml"
    for args in (["check", str(SAMPLES), "--junit", str(junit)], ["runoff", AL_PRIMARY, "-o", str(output)]):
        completed = electcli(args)
        assert completed.returncode == 0, completed.stderr
    assert ElementTree.parse(junit).getroot().tag in ("testsuites", "testsuite")
    assert output.read_text(encoding="utf-8") == run(["runoff", AL_PRIMARY]).stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.xml", "runoff.yaml"]  # no temporary file left


def test_console_script_is_the_process_entry() -> None:
    """pyproject's console script and ``python -m`` both go through ``electcli.__main__.main``."""
    import tomllib

    project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    assert project["project"]["scripts"] == {"electcli": "electcli.__main__:main"}


# -- a reader that stops early: no message, never status 1 or 2 -----------------------------------

PIPED = [["check", str(SAMPLES)], ["tally", AL_PRIMARY], ["rules"], ["tally", AL_PRIMARY, "-f", "json"]]


@POSIX
@pytest.mark.parametrize("args", PIPED)
def test_reader_that_stops_after_one_line(args: list[str]) -> None:
    """`electcli ... | head -1`: the first line arrives, then the process ends as coreutils do."""
    process = subprocess.Popen(
        [sys.executable, "-m", "electcli", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()  # what head does after its line
    status = process.wait(timeout=TIMEOUT)
    stderr = process.stderr.read()
    process.stderr.close()
    assert first
    assert status in (0, -signal.SIGPIPE), (status, stderr)  # 0 if it had written everything already
    assert stderr == b""


@POSIX
@pytest.mark.parametrize("args", PIPED)
def test_reader_gone_before_the_first_line(args: list[str]) -> None:
    """Standard output is a pipe nobody reads: SIGPIPE ends the process (the shell says 141)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        completed = electcli(args, stdout=write_end)
    finally:
        os.close(write_end)
    assert completed.returncode == -signal.SIGPIPE
    assert completed.stderr == ""


# -- Ctrl-C: one line, status 130 ----------------------------------------------------------------


def started(args: list[str], **kwargs: Any) -> subprocess.Popen[str]:
    """electcli started, and past Python's own start-up: its signal handlers are set.

    Before electcli.__main__ runs, Ctrl-C is Python's (a KeyboardInterrupt in start-up, which no
    package can change). The sign that electcli has taken the signals: SIGPIPE, which the process
    inherits ignored (restore_signals=False) and Python ignores too, is back to its default.
    """
    process = subprocess.Popen(
        [sys.executable, "-m", "electcli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
        text=True,
        restore_signals=False,
        **kwargs,
    )
    status = Path(f"/proc/{process.pid}/status")
    deadline = time.monotonic() + TIMEOUT
    while status.exists() and time.monotonic() < deadline:
        ignored = next((line for line in status.read_text().splitlines() if line.startswith("SigIgn:")), "")
        if ignored and not int(ignored.split()[1], 16) & (1 << (signal.SIGPIPE - 1)):
            break
        time.sleep(0.002)
    return process


PROC = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc/PID/status")


@POSIX
@PROC
def test_ctrl_c_while_reading_standard_input() -> None:
    process = started(["tally", "-"], stdin=subprocess.PIPE)
    time.sleep(0.3)  # waiting for standard input by now
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=TIMEOUT)
    assert process.returncode == 130
    assert stderr == "electcli: interrupted\n"
    assert stdout == ""


@POSIX
@PROC
@pytest.mark.parametrize("delay", [0, 0.01, 0.03, 0.06, 0.1, 0.2, 0.4, 0.8])
def test_ctrl_c_at_any_moment(delay: float, tmp_path: Path) -> None:
    """Whenever it comes once electcli runs, Ctrl-C gives one line and 130, or the command had
    finished whole."""
    junit = tmp_path / "report.xml"
    args = ["check", str(SAMPLES), "--junit", str(junit)]
    process = started(args, stdin=subprocess.DEVNULL)
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=TIMEOUT)
    if process.returncode == 130:
        assert stderr == "electcli: interrupted\n"
        assert not junit.exists() or ElementTree.parse(junit).getroot().tag == "testsuites"
    else:
        assert process.returncode == 0, stderr
        assert stdout == run(args[:2]).stdout
    assert [p.name for p in tmp_path.iterdir()] in ([], ["report.xml"])  # never a temporary file left


# -- closed streams --------------------------------------------------------------------------------


@POSIX
@pytest.mark.parametrize("args", [["--version"], ["tally", AL_PRIMARY], ["check", str(SAMPLES)], ["rules"]])
def test_output_to_a_closed_stdout_is_an_error(args: list[str]) -> None:
    completed = with_fd_closed(1, args)
    assert completed.returncode == 2
    assert completed.stderr == "electcli: error: cannot write the output: standard output is closed\n"


@POSIX
def test_closed_stdout_is_no_error_when_nothing_is_written_to_it(tmp_path: Path) -> None:
    completed = with_fd_closed(1, ["runoff", AL_PRIMARY, "-o", str(tmp_path / "runoff.yaml")])
    assert completed.returncode == 0, completed.stderr
    assert (tmp_path / "runoff.yaml").exists()


@POSIX
def test_closed_stderr_keeps_the_status() -> None:
    script = "import os, sys; os.close(2); os.execv(sys.executable, [sys.executable, '-m', 'electcli', *sys.argv[1:]])"
    completed = subprocess.run(
        [sys.executable, "-c", script, "tally", "missing.yaml"],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env=ENV,
        check=False,
    )
    assert completed.returncode == 2
    assert completed.stdout == ""


@POSIX
def test_closed_stdin() -> None:
    completed = with_fd_closed(0, ["tally", "-"])
    assert completed.returncode == 2
    assert completed.stderr.startswith("electcli: error: -: standard input is closed")
    assert "Traceback" not in completed.stderr
    assert with_fd_closed(0, ["tally", AL_PRIMARY]).returncode == 0  # not read: no matter


# -- full disks --------------------------------------------------------------------------------------

FULL = pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")


@FULL
@pytest.mark.parametrize("args", [["tally", AL_PRIMARY, "-f", "json"], ["tally", AL_PRIMARY], ["check", str(SAMPLES)]])
def test_stdout_on_a_full_disk(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        completed = electcli(args, stdout=full)
    assert completed.returncode == 2
    assert completed.stderr == "electcli: error: cannot write the output: No space left on device\n"


@FULL
@pytest.mark.parametrize(
    "args", [["runoff", AL_PRIMARY, "-o", "/dev/full"], ["check", str(SAMPLES), "--junit", "/dev/full"]]
)
def test_output_file_on_a_full_disk(args: list[str]) -> None:
    completed = electcli(args)
    assert completed.returncode == 2
    assert "electcli: error: cannot write /dev/full: No space left on device\n" in completed.stderr
    assert "Traceback" not in completed.stderr


# -- encodings, odd paths, odd widths -----------------------------------------------------------------

NON_ASCII = (
    "name: Sénat\nrule: {method: runoff, threshold: '>50%'}\n"
    "candidates: [{name: Zoë, votes: 4}, {name: 東京, votes: 3}, {name: Ana, votes: 2}]\n"
    "expected: {advancing: [Zoë, 東京]}\n"
)


@pytest.mark.parametrize("args", [["tally"], ["tally", "-f", "json"], ["tally", "-f", "csv"], ["check"], ["runoff"]])
def test_ascii_output_encoding(args: list[str], tmp_path: Path) -> None:
    """PYTHONIOENCODING=ascii: names print (click writes UTF-8) or are escaped (\\xeb), never a crash."""
    race = tmp_path / "race.yaml"
    race.write_text(NON_ASCII, encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, "-m", "electcli", *args, str(race)],
        capture_output=True,
        timeout=TIMEOUT,
        env={**ENV, "PYTHONIOENCODING": "ascii"},
        check=False,
    )
    assert b"Traceback" not in completed.stderr
    assert completed.returncode == 0, completed.stderr
    output = completed.stdout.decode("utf-8")
    name = "Sénat" if args == ["check"] else "Zoë"
    assert any(shown in output for shown in (name, name.encode("ascii", "backslashreplace").decode(), "\\u00e"))


def test_path_too_long_for_the_system(tmp_path: Path) -> None:
    name = str(tmp_path / ("a" * 300 + ".yaml"))
    for args in (["tally", name], ["check", name]):
        completed = electcli(args)
        assert completed.returncode == 2
        assert "too long" in completed.stderr and "Traceback" not in completed.stderr
    completed = electcli(["tally", "/".join(["a" * 200] * 30) + ".yaml"])
    assert completed.returncode == 2 and "too long" in completed.stderr


# -- output files -------------------------------------------------------------------------------------


def test_runoff_never_writes_over_its_input(tmp_path: Path) -> None:
    race = tmp_path / "race.yaml"
    original = Path(AL_PRIMARY).read_bytes()
    race.write_bytes(original)
    (tmp_path / "hard.yaml").hardlink_to(race)
    (tmp_path / "soft.yaml").symlink_to(race)
    for target in (
        race,
        tmp_path / "hard.yaml",
        tmp_path / "soft.yaml",
        tmp_path / "." / ".." / tmp_path.name / "race.yaml",
    ):
        for force in ([], ["--force"]):
            completed = electcli(["runoff", str(race), "-o", str(target), *force])
            assert completed.returncode == 2
            assert "will not write over" in completed.stderr and "inputs" in completed.stderr
            assert race.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hard.yaml", "race.yaml", "soft.yaml"]


def test_no_workflow_command_from_an_input_in_a_real_process(tmp_path: Path) -> None:
    """Under GitHub Actions the line filter sits on the process's own streams; the annotation stays."""
    import re

    race = tmp_path / "race.yaml"
    race.write_text(
        'name: "::warning::x ##[error]y"\ncandidates: [{name: "A\\n::add-mask::m", votes: 5}, {name: B, votes: 1}]\n'
        "expected: {outcome: tie}\n"
    )
    for args in (["check", str(race)], ["tally", str(race)], ["tally", str(race), "-f", "csv"]):
        completed = subprocess.run(
            [sys.executable, "-m", "electcli", *args],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            env={**ENV, "GITHUB_ACTIONS": "true"},
            check=False,
        )
        lines = (completed.stdout + completed.stderr).splitlines()
        commands = [line for line in lines if re.search(r"^\s*::|##\[", line)]
        if args[0] == "check":
            assert completed.returncode == 1
            assert len(commands) == 1 and commands[0].startswith("::error file=")
        else:
            assert completed.returncode == 0 and commands == []
