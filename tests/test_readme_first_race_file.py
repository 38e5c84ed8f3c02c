"""The README's "Your first race file" works as written: the file it shows tallies to the verdict
it shows, and with its `expected:` lines `electcli check` prints what it shows."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT, run

README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_block(marker: str) -> str:
    """The fenced block right after `<!-- example: MARKER -->` in README.md."""
    found = re.search(rf"<!-- example: {re.escape(marker)} -->\n```[a-z]*\n(.*?)```\n", README, re.DOTALL)
    assert found, f"README.md has no block marked {marker!r}"
    return found.group(1)


def shown_output(marker: str, command: str) -> list[str]:
    """A README output block: its first line is the command, the rest is what it printed."""
    lines = readme_block(marker).splitlines()
    assert lines[0] == f"$ {command}"
    return lines[1:]


def test_first_race_file_tallies_as_the_readme_shows(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mayor.yaml").write_text(readme_block("mayor.yaml"), encoding="utf-8")
    result = run(["tally", "mayor.yaml"])
    assert result.exit_code == 0 and result.stderr == ""
    printed = [line.rstrip() for line in result.stdout.splitlines()]
    shown = shown_output("tally mayor.yaml", "electcli tally mayor.yaml")
    # The table's look may change; the rule and the verdict the README promises may not.
    for line in shown:
        if line.startswith(("Rule:", "Margins:", "No candidate", "Mayor of Springfield")):
            assert line in printed
    assert shown[-1] == printed[-1]  # the verdict


def test_first_race_file_checks_as_the_readme_shows(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    text = readme_block("mayor.yaml") + readme_block("mayor.yaml expected")
    (tmp_path / "mayor.yaml").write_text(text, encoding="utf-8")
    result = run(["check", "mayor.yaml"])
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.splitlines() == shown_output("check mayor.yaml", "electcli check mayor.yaml")
    # And the README's claim that a wrong expectation fails:
    (tmp_path / "mayor.yaml").write_text(text.replace("outcome: runoff", "outcome: winner"), encoding="utf-8")
    failed = run(["check", "mayor.yaml"])
    assert failed.exit_code == 1 and failed.stdout.startswith("FAIL mayor.yaml")


def test_the_first_race_file_comes_before_ci_presets_snapshots_and_editors() -> None:
    first = README.index("## Your first race file")
    assert README.index("<!-- ci: test command -->") < first
    for later in ("### In CI", "### Rule presets", "### Election night", "### Editors"):
        assert first < README.index(later), later
