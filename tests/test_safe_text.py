"""Names with control characters are shown escaped; under GitHub Actions no text from an input
forms a workflow command, while electcli's own annotations stay (electcli/present/safe_text.py)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from electcli.present.safe_text import CommandFilter, escaped, inert_line
from tests.conftest import run

# what GitHub's runner reads as a command: "::" after leading blanks, or "##[" anywhere in a line
COMMAND = re.compile(r"^\s*::|##\[")

HOSTILE = (
    'name: "::warning::title ##[error]x \\e[2J"\n'
    'candidates: [{name: "A\\e]0;pwned\\a\\u202eB", votes: 5}, {name: "x\\n  ::add-mask::b", votes: 1}]\n'
    "expected: {outcome: tie}\n"
)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Zoë 東京", "Zoë 東京"),
        ("A\x1b[2JB", "A\\x1b[2JB"),
        ("A\rB", "A\\rB"),
        ("A\nB", "A\\nB"),
        ("abc\u202edcb", "abc\\u202edcb"),
        ("\x9b31m", "\\x9b31m"),
        ("क्\u200dष", "क्\u200dष"),  # a zero-width joiner belongs to the name
    ],
)
def test_escaped(text: str, shown: str) -> None:
    assert escaped(text) == shown


@pytest.mark.parametrize(
    "line", ["::warning::x", "   ::set-output name=a::b", "\t::add-mask::s", "x ##[group]y", "##[error]"]
)
def test_inert_line(line: str) -> None:
    assert COMMAND.search(line)
    assert not COMMAND.search(inert_line(line))


def test_command_filter_holds_a_line_split_between_writes() -> None:
    import io

    inner = io.StringIO()
    stream = CommandFilter(inner)
    stream.write("a #")
    stream.write("#[error] b\n::warn")
    stream.write("ing::c")
    stream.finish()
    assert not any(COMMAND.search(line) for line in inner.getvalue().splitlines())


def race(tmp_path: Path) -> str:
    path = tmp_path / "race.yaml"
    path.write_text(HOSTILE, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("args", [["tally"], ["tally", "-f", "csv"], ["tally", "-f", "json"], ["check"]])
def test_no_workflow_command_from_an_input(tmp_path: Path, args: list[str]) -> None:
    result = run([*args, race(tmp_path)], env={"GITHUB_ACTIONS": "true"})
    for line in (result.stdout + result.stderr).splitlines():
        if line.startswith("::error file="):  # electcli's own annotation: stays a command
            continue
        assert not COMMAND.search(line), line
    if args == ["check"]:
        assert result.exit_code == 1
        assert re.search(r"^::error file=.*race.yaml,line=3,col=1,", result.stdout, re.MULTILINE)
    if args[-1] == "json":  # the same values, escaped the JSON way
        document = json.loads(result.stdout)
        assert document["contests"][0]["name"] == "::warning::title ##[error]x \x1b[2J"


def test_json_is_untouched_outside_github_actions(tmp_path: Path) -> None:
    result = run(["tally", race(tmp_path), "-f", "json"], env={"GITHUB_ACTIONS": ""})  # as CI may set it
    assert '"name": "::warning::title ##[error]x \\u001b[2J"' in result.stdout


@pytest.mark.parametrize("args", [["tally"], ["check"], ["check", "-f", "json"]])
def test_no_control_characters_for_the_terminal(tmp_path: Path, args: list[str]) -> None:
    result = run([*args, race(tmp_path)])
    for char in ("\x1b", "\x07", "\u202e", "\r"):
        assert char not in result.stdout + result.stderr
    if args == ["check"]:
        assert "FAIL" in result.stdout and "\\x1b[2J" in result.stdout


def test_control_characters_in_an_error_message(tmp_path: Path) -> None:
    bad = tmp_path / "bad\x1b[31m.yaml"
    bad.write_text("name: A\ncandidates: [{name: X, votes: x}]\n")
    result = run(["tally", str(bad)])
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "bad\\x1b[31m.yaml" in result.stderr


def test_junit_stays_well_formed(tmp_path: Path) -> None:
    """XML 1.0 cannot hold \\x1b at all: the report was not well-formed XML."""
    junit = tmp_path / "report.xml"
    run(["check", race(tmp_path), "--junit", str(junit)])
    case = ElementTree.parse(junit).getroot().find("testsuite/testcase")
    assert case is not None and case.get("name") == "::warning::title ##[error]x \\x1b[2J"


def test_diff_text_escapes_names(tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    old.write_text('name: "S\\e[2J"\ncandidates: [{name: "A\\e]0;x\\a", votes: 5}, {name: B, votes: 1}]\n')
    new.write_text('name: "S\\e[2J"\ncandidates: [{name: "A\\e]0;x\\a", votes: 1}, {name: B, votes: 5}]\n')
    result = run(["diff", str(old), str(new)])
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout and "\\x1b" in result.stdout
