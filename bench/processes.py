"""What the benchmark scripts share: how electcli is started, and the environment every timed
process runs in."""

from __future__ import annotations

import os
import shutil
import sys

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
