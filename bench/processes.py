"""What the benchmark scripts share: how electcli is started, and the environment every timed
process runs in."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), ".data")


def electcli_command() -> list[str]:
    """The electcli of the Python running the benchmark (install it there first)."""
    script = shutil.which("electcli", path=os.path.dirname(sys.executable)) or shutil.which("electcli")
    return [script] if script else [sys.executable, "-m", "electcli"]


def child_env(electcli: bool = True) -> dict[str, str]:
    """The environment for every timed program: bytecode caches on, as for any installed program.

    A development shell may set PYTHONDONTWRITEBYTECODE; electcli's own modules (an editable
    install, no caches yet) would then be compiled from source on every run, which no installed
    copy does. Caches go to bench/.data/pycache, not into the source tree; the baselines' and the
    peers' packages already have theirs from pip. Time one untimed run first, so they exist.
    """
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    if electcli:
        env["PYTHONPYCACHEPREFIX"] = os.path.join(DATA, "pycache")
    return env


def run_once(command: list[str], electcli: bool = False, cwd: str | None = None) -> tuple[float, float, str, str]:
    """Wall time, the child's own peak RSS in MB, its stdout and stderr.

    The peak is wait4's ru_maxrss, which on Linux covers the child's own waited-for children
    too (the largest of them): a wrapper script's peak is that of the program it starts.
    """
    out_path = os.path.join(DATA, "child.out")
    err_path = os.path.join(DATA, "child.err")
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.perf_counter()
        child = subprocess.Popen(
            command, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=child_env(electcli), cwd=cwd
        )
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
    with (
        open(out_path, encoding="utf-8", errors="replace") as out,
        open(err_path, encoding="utf-8", errors="replace") as err,
    ):
        stdout, stderr = out.read(), err.read()
    if child.returncode:
        raise RuntimeError(f"{' '.join(command[:3])}... exited {child.returncode}: {stderr.strip()[-600:]}")
    return seconds, usage.ru_maxrss / 1024, stdout, stderr
