"""Every command's --help exists and ends with examples of the command itself."""

from __future__ import annotations

import pytest

from electcli.cli import cli
from tests.conftest import run


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_each_command_help_ends_with_an_example(command: str) -> None:
    result = run([command, "--help"])
    assert result.exit_code == 0 and result.stderr == ""
    help_text = result.stdout
    assert help_text.startswith("Usage: ") and f" {command} [OPTIONS]" in help_text.splitlines()[0]
    assert "Examples:" in help_text
    examples = help_text.split("Examples:", 1)[1].strip().splitlines()
    assert 1 <= len(examples) <= 2
    # The examples come last, and one of them runs this very command.
    assert all(line.strip().startswith("electcli ") for line in examples)
    assert any(line.strip().startswith(f"electcli {command}") for line in examples)


def test_the_main_help_ends_with_examples() -> None:
    result = run(["--help"])
    assert result.exit_code == 0
    examples = result.stdout.split("Examples:", 1)[1].strip().splitlines()
    assert [line.strip() for line in examples] == ["electcli tally race.yaml", "electcli check sample_races"]


def test_every_command_is_covered() -> None:
    # A command added later gets this test through the parametrize above; this guards the list itself.
    assert {"tally", "check", "diff", "runoff", "contests", "rules", "schema"} <= set(cli.commands)
