"""Where the shared test data lives (``../shared`` beside the checkout, or ``$ELECTCLI_SHARED``).

Tests that read it call ``shared_path("conformance/rctab")``: on a fresh clone with nothing beside
it they skip with one line saying what to set; under ``ELECTCLI_REQUIRE_SHARED=1`` (``.ci/run``
sets it) a missing folder fails the test instead, so CI can never pass by skipping them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("ELECTCLI_SHARED") or ROOT.parent / "shared")
REQUIRED = os.environ.get("ELECTCLI_REQUIRE_SHARED") == "1"


def shared_path(relative: str, *, whole_module: bool = False) -> Path:
    """The path of ``relative`` inside the shared folder; skip (or fail under CI) when it is absent.

    ``whole_module=True`` is for a call at a test module's top level: it skips the whole module.
    """
    path = SHARED / relative
    if not path.exists():
        message = f"shared test data not found at {path}: set ELECTCLI_SHARED to the shared/ folder"
        if REQUIRED:
            pytest.fail(message + " (ELECTCLI_REQUIRE_SHARED=1 makes it mandatory)", pytrace=False)
        pytest.skip(message, allow_module_level=whole_module)
    return path
