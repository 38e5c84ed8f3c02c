"""Hostile and broken input through the command line.

Every invalid input must be refused the same way (shared/spec/race-file.md, "Errors"; output.md,
"Exit status"): exit status 2, nothing at all on stdout, and on stderr a message starting
``electcli: error: FILE:LINE:COLUMN: `` (line and column where there is one), with no traceback.
Large but valid input must work, in reasonable time.

Each test here was written against the behaviour a user needs; the ones that first failed
(bugs and unhelpful messages found by this file) were fixed in electcli, and stay as regressions.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import CLI_ENV, run

# -- helpers -------------------------------------------------------------------------------------


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in a fresh folder, so that files are named as a user would name them."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(name: str, content: str | bytes) -> str:
    """Write a file in the current folder (text exactly as given: no dedent) and return its name."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    Path(name).write_bytes(data)
    return name


def refused(result: Result, file: str, line: int | None = None, column: int | None = None) -> str:
    """Check that the input was refused properly; return the message (stderr)."""
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, result.stderr
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    assert result.stdout == "", result.stdout
    assert result.stderr.startswith("electcli: error: "), result.stderr
    first = result.stderr.splitlines()[0]
    where = f"electcli: error: {file}"
    if line is None:
        assert first.startswith(where + ":"), (where, result.stderr)
        return result.stderr
    where += f":{line}"
    if column is not None:
        where += f":{column}"
    assert first.startswith(where + ": "), (where, result.stderr)
    return result.stderr


def located(message: str) -> tuple[int, int] | None:
    """The line and column a message names, if any."""
    match = re.match(r"electcli: error: [^\n]*?:(\d+):(\d+): ", message)
    return (int(match.group(1)), int(match.group(2))) if match else None


def tally(*args: str) -> Result:
    return run(["tally", *args])


def tally_json(name: str) -> dict:  # type: ignore[type-arg]
    result = tally(name, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)  # type: ignore[no-any-return]


ONE_CONTEST = "name: A\ncandidates:\n  - {name: X, votes: 1}\n"


def electcli_process(args: list[str], timeout: float, **kwargs) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    """Run electcli in its own process: for what an in-process run cannot bound (time, memory)."""
    env = {**os.environ, **CLI_ENV}
    return subprocess.run(
        [sys.executable, "-m", "electcli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        check=False,
        **kwargs,
    )


# -- broken YAML -----------------------------------------------------------------------------------

BROKEN_YAML = [
    pytest.param(
        "contests:\n  - name: A\n    candidates: [{name: X, votes: 1}\n", 4, 1, "not valid YAML", id="unclosed-bracket"
    ),
    pytest.param(
        "contests:\n  - name: A\n   candidates:\n      - {name: X, votes: 1}\n",
        3,
        4,
        "not valid YAML",
        id="bad-indentation",
    ),
    pytest.param(
        "name: A\ncandidates:\n  - {name: X, votes: 1}\n  name: B\n", 4, 3, "not valid YAML", id="dedent-into-list"
    ),
    pytest.param("name: A: B\ncandidates: []\n", 1, 8, "not valid YAML", id="colon-in-value"),
    pytest.param("contests:\n\t- name: A\n", 2, 1, "not valid YAML", id="tab-before-dash"),
    pytest.param("name: A\ncandidates:\n  - name: X\n\t votes: 1\n", 4, 1, "tab", id="tab-in-block"),
]


@pytest.mark.parametrize(("text", "line", "column", "says"), BROKEN_YAML)
def test_broken_yaml(here: Path, text: str, line: int, column: int, says: str) -> None:
    message = refused(tally(write("race.yaml", text)), "race.yaml", line, column)
    assert says in message
    assert "\n  " in message  # a hint about what would be right


def test_tab_indentation_message_says_tabs(here: Path) -> None:
    message = refused(tally(write("race.yaml", "contests:\n\t- name: A\n")), "race.yaml", 2, 1)
    assert "tab" in message.lower()


def test_unclosed_quote_is_refused(here: Path) -> None:
    text = 'contests:\n  - name: "Senate\n    candidates:\n      - {name: X, votes: 1}\n  - name: House\n'
    refused(tally(write("race.yaml", text)), "race.yaml")


def test_unclosed_quote_names_where_the_quote_opens(here: Path) -> None:
    text = 'contests:\n  - name: "Senate\n    candidates:\n      - {name: X, votes: 1}\n  - name: House\n'
    message = refused(tally(write("race.yaml", text)), "race.yaml")
    assert located(message) == (2, 11) or "line 2" in message


# -- wrong shapes and types ----------------------------------------------------------------------------

WRONG_SHAPES = [
    pytest.param("- a\n- b\n", 1, 1, "the top level is a list, not a mapping", id="list-at-top"),
    pytest.param("hello\n", 1, 1, "not a mapping", id="scalar-at-top"),
    pytest.param(
        "name: A\ncandidates:\n  - {name: X, votes: [1]}\n", 3, 22, "must be a number, not a list", id="votes-list"
    ),
    pytest.param(
        "name: A\ncandidates:\n  - {name: {a: 1}, votes: 1}\n", 3, 12, "must be text, not a mapping", id="name-mapping"
    ),
    pytest.param(
        "name: [A]\ncandidates:\n  - {name: X, votes: 1}\n", 1, 7, "must be text, not a list", id="contest-name-list"
    ),
    pytest.param("name: A\ncandidates:\n  X: 1\n", 3, 3, "must be a list, not a mapping", id="candidates-mapping"),
    pytest.param("name: A\ncandidates:\n  - X\n", 3, 5, "must be a mapping", id="candidate-scalar"),
    pytest.param("name: A\ncandidates: []\n", 2, 13, "empty", id="no-candidates"),
    pytest.param(
        "name: A\ncandidates:\n  - {name: X, votes: 1, write_in: yes}\n", 3, 35, "true or false", id="write-in-yes"
    ),
    pytest.param("contests: {A: 1}\n", 1, 11, "must be a list", id="contests-mapping"),
    pytest.param("name: A\ncandidates:\n  - {name: X}\n", 3, 5, "has no `votes:`", id="no-votes"),
]


@pytest.mark.parametrize(("text", "line", "column", "says"), WRONG_SHAPES)
def test_wrong_shapes_and_types(here: Path, text: str, line: int, column: int, says: str) -> None:
    message = refused(tally(write("race.yaml", text)), "race.yaml", line, column)
    assert says in message


# -- vote counts -------------------------------------------------------------------------------------

COUNT_TEMPLATE = "name: A\ncandidates:\n  - {{name: X, votes: {}}}\n  - {{name: Y, votes: 3}}\n"

BAD_COUNTS = [
    pytest.param("-5", "negative", id="negative"),
    pytest.param("10.5", "not a whole number", id="fraction"),
    pytest.param("10.0", "not a whole number", id="point-zero"),
    pytest.param('"10.0"', "not a whole number", id="quoted-point-zero"),
    pytest.param("1e3", "exponent", id="exponent"),
    pytest.param("1E+3", "exponent", id="exponent-upper"),
    pytest.param("abc", "not a number", id="words"),
    pytest.param("'ten'", "not a number", id="quoted-words"),
    pytest.param('"239,61"', "thousands separators", id="bad-thousands"),
    pytest.param('"1,0000"', "thousands separators", id="long-group"),
    pytest.param('",123"', "thousands separators", id="leading-comma"),
    pytest.param('"1,000,"', "thousands separators", id="trailing-comma"),
    pytest.param("0x10", "not a number", id="hex"),
    pytest.param("0o17", "not a number", id="octal"),
    pytest.param("+5", "not a number", id="plus-sign"),
    pytest.param("1_000", "not a number", id="underscore"),
    pytest.param("010", "leading zero", id="leading-zero"),
    pytest.param(".inf", "not a number", id="infinity"),
    pytest.param(".nan", "not a number", id="nan"),
    pytest.param("true", "not a number", id="boolean"),
    pytest.param('""', "empty", id="empty-string"),
    pytest.param("' 5'", "spaces", id="padded"),
    pytest.param('"٣"', "not a number", id="arabic-indic-digit"),
    pytest.param('"５"', "not a number", id="fullwidth-digit"),
]


@pytest.mark.parametrize(("value", "says"), BAD_COUNTS)
def test_bad_counts(here: Path, value: str, says: str) -> None:
    message = refused(tally(write("race.yaml", COUNT_TEMPLATE.format(value))), "race.yaml", 3, 22)
    assert says in message
    hint = message.splitlines()[1]
    assert "239616" in hint or "without leading zeros: 10" in hint  # says what would be right


def test_empty_count(here: Path) -> None:
    text = "name: A\ncandidates:\n  - name: X\n    votes:\n  - {name: Y, votes: 3}\n"
    message = refused(tally(write("race.yaml", text)), "race.yaml", 4, 11)
    assert "empty" in message


@pytest.mark.parametrize(
    ("value", "total"), [('"239,616"', 239619), ('"1,000,000"', 1000003), ("0", 3), ("239616", 239619)]
)
def test_good_counts(here: Path, value: str, total: int) -> None:
    output = tally_json(write("race.yaml", COUNT_TEMPLATE.format(value)))
    assert output["contests"][0]["total_votes"] == total


def test_bad_count_in_a_reporting_unit_is_located(here: Path) -> None:
    text = "name: A\ncandidates:\n  - {name: X}\nresults:\n  units:\n    U1: {X: 4}\n    U2: {X: -4}\n"
    assert "negative" in refused(tally(write("race.yaml", text)), "race.yaml", 7, 13)


def test_a_very_long_count_is_refused_cleanly(here: Path) -> None:
    # The contract sets no upper limit on counts; electcli refuses more than 30 digits, and says so.
    message = refused(tally(write("race.yaml", COUNT_TEMPLATE.format("9" * 100))), "race.yaml", 3, 22)
    assert "100 digits" in message and "at most 30" in message
    assert len(message) < 400  # the count is not echoed in full


def test_thirty_digit_counts_are_exact(here: Path) -> None:
    big = 10**30 - 1
    output = tally_json(write("race.yaml", COUNT_TEMPLATE.format(big)))
    assert output["contests"][0]["total_votes"] == big + 3
    assert output["contests"][0]["candidates"][0]["votes"] == big


# -- keys, names and totals ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        pytest.param("name: A\ncandidates:\n  - {name: X, vots: 1}\n", 3, 15, id="flow"),
        pytest.param("name: A\ncandidates:\n  - name: X\n    vots: 1\n", 4, 5, id="block"),
        pytest.param("contests:\n  - name: A\n    candidates:\n      - name: X\n        vots: 1\n", 5, 9, id="nested"),
    ],
)
def test_typo_in_a_key_suggests_the_right_one(here: Path, text: str, line: int, column: int) -> None:
    message = refused(tally(write("race.yaml", text)), "race.yaml", line, column)
    assert "'vots'" in message and "did you mean 'votes'?" in message


@pytest.mark.parametrize(
    ("text", "says"),
    [
        pytest.param(
            "contests:\n  - name: A\n    candidates: [{name: X, votes: 1}]\n    rule: {method: runof}\n",
            "did you mean 'runoff'?",
            id="runof",
        ),
    ],
)
def test_other_typos_suggest(here: Path, text: str, says: str) -> None:
    message = refused(tally(write("race.yaml", text)), "race.yaml")
    assert says in message


@pytest.mark.parametrize(
    ("text", "right"),
    [
        pytest.param("contest:\n  - name: A\n    candidates: [{name: X, votes: 1}]\n", "contests", id="contest"),
        pytest.param(
            "election: {name: E}\ncontets:\n  - name: A\n    candidates: [{name: X, votes: 1}]\n",
            "contests",
            id="contets",
        ),
        pytest.param("name: A\ncandidate:\n  - {name: X, votes: 1}\n", "candidates", id="candidate"),
        pytest.param("name: A\ncandidats:\n  - {name: X, votes: 1}\n", "candidates", id="candidats"),
    ],
)
def test_typo_in_a_top_level_key_suggests_the_right_one(here: Path, text: str, right: str) -> None:
    message = refused(tally(write("race.yaml", text)), "race.yaml")
    assert f"did you mean '{right}'?" in message


@pytest.mark.parametrize(
    ("text", "line", "column", "says"),
    [
        pytest.param(
            "name: A\ncandidates:\n  - {name: X, votes: 1, votes: 2}\n", 3, 25, "duplicate key 'votes'", id="candidate"
        ),
        pytest.param(
            "name: A\nname: B\ncandidates:\n  - {name: X, votes: 1}\n", 2, 1, "duplicate key 'name'", id="contest"
        ),
        pytest.param(
            "contests:\n  - name: A\n    candidates: [{name: X, votes: 1}]\ncontests: []\n",
            4,
            1,
            "duplicate key 'contests'",
            id="top",
        ),
        pytest.param(
            "name: A\ncandidates:\n  - {name: X}\nresults:\n  units:\n    U1: {X: 4}\n    U1: {X: 5}\n",
            7,
            5,
            "'U1' is given twice",
            id="unit",
        ),
        pytest.param(
            "name: A\ncandidates:\n  - {name: X}\nresults:\n  units:\n    U1: {X: 4, X: 5}\n",
            6,
            16,
            "'X' twice",
            id="unit-candidate",
        ),
        pytest.param(
            "name: A\ncandidates:\n  - {name: X, votes: 1}\nrule: {method: runoff, method: top}\n",
            4,
            24,
            "duplicate key 'method'",
            id="rule",
        ),
    ],
)
def test_duplicate_keys(here: Path, text: str, line: int, column: int, says: str) -> None:
    message = refused(tally(write("race.yaml", text)), "race.yaml", line, column)
    assert says in message


def test_duplicate_candidate_names(here: Path) -> None:
    text = "name: A\ncandidates:\n  - {name: X, votes: 1}\n  - {name: X, votes: 2}\n"
    message = refused(tally(write("race.yaml", text)), "race.yaml", 4, 12)
    assert "'X' is listed twice" in message and "line 3" in message


def test_duplicate_contest_names(here: Path) -> None:
    text = "contests:\n  - name: A\n    candidates: [{name: X, votes: 1}]\n  - name: A\n    candidates: [{name: X, votes: 1}]\n"
    message = refused(tally(write("race.yaml", text)), "race.yaml", 4, 5)
    assert "'A' is used twice" in message and "line 2" in message


def test_unit_totals_that_disagree_name_both_numbers(here: Path) -> None:
    text = "name: A\ncandidates:\n  - {name: X, votes: 10}\n  - {name: Y}\nresults:\n  units:\n    U1: {X: 4, Y: 1}\n    U2: {X: 5}\n"
    message = refused(tally(write("race.yaml", text)), "race.yaml", 3, 22)
    assert "10" in message and "9" in message and "'X'" in message


def test_write_ins_that_disagree_name_both_numbers(here: Path) -> None:
    text = "name: A\ncandidates:\n  - {name: X}\nwrite_ins: 3\nresults:\n  units:\n    U1: {X: 4, write_ins: 2}\n"
    message = refused(tally(write("race.yaml", text)), "race.yaml", 4, 12)
    assert "3" in message and "2" in message


def test_unknown_candidate_in_a_unit(here: Path) -> None:
    text = "name: A\ncandidates:\n  - {name: Xavier}\n  - {name: Yolanda}\nresults:\n  units:\n    U1: {Xavir: 4, Yolanda: 1}\n"
    message = refused(tally(write("race.yaml", text)), "race.yaml", 7, 10)
    assert "'Xavir'" in message and "did you mean 'Xavier'?" in message


# -- thresholds -------------------------------------------------------------------------------------

THRESHOLD_TEMPLATE = "name: A\nrule: {{method: runoff, threshold: {}}}\ncandidates:\n  - {{name: X, votes: 1}}\n  - {{name: Y, votes: 3}}\n"


@pytest.mark.parametrize(
    ("threshold", "says"),
    [
        pytest.param('"50%"', "ambiguous", id="50%"),
        pytest.param("50%", "ambiguous", id="50%-unquoted"),
        pytest.param('"=50%"', "ambiguous", id="=50%"),
        pytest.param('">50"', "no % sign", id=">50"),
        pytest.param('">0%"', "0 or less", id=">0%"),
        pytest.param('">=0%"', "0 or less", id=">=0%"),
        pytest.param('">=0/3"', "0 or less", id=">=0/3"),
        pytest.param('">101%"', "more than 100%", id=">101%"),
        pytest.param('">=101%"', "more than 100%", id=">=101%"),
        pytest.param('">100%"', "more than 100%", id=">100%"),
        pytest.param('">1/0"', "divides by zero", id="by-zero"),
        pytest.param('"<50%"', "from below", id="<50%"),
        pytest.param('">-5%"', "not a share", id="negative"),
        pytest.param("[50]", "must be text", id="list"),
    ],
)
def test_bad_thresholds(here: Path, threshold: str, says: str) -> None:
    message = refused(tally(write("race.yaml", THRESHOLD_TEMPLATE.format(threshold))), "race.yaml", 2, 35)
    assert says in message


@pytest.mark.parametrize("threshold", ['"0%"', '"101%"'])
def test_zero_and_over_100_without_comparison_are_refused(here: Path, threshold: str) -> None:
    refused(tally(write("race.yaml", THRESHOLD_TEMPLATE.format(threshold))), "race.yaml", 2, 35)


@pytest.mark.parametrize("threshold", ['"0%"', '"101%"'])
def test_zero_and_over_100_hint_is_not_itself_invalid(here: Path, threshold: str) -> None:
    message = refused(tally(write("race.yaml", THRESHOLD_TEMPLATE.format(threshold))), "race.yaml", 2, 35)
    assert "0 or less" in message or "more than 100%" in message


# -- files that are not race files ------------------------------------------------------------------


def test_empty_file(here: Path) -> None:
    assert "is empty" in refused(tally(write("race.yaml", "")), "race.yaml")


@pytest.mark.parametrize("text", ["   \n\n  \n", "\n", "# only a comment\n", "---\n", "\ufeff\n"])
def test_whitespace_only_file(here: Path, text: str) -> None:
    assert "is empty" in refused(tally(write("race.yaml", text)), "race.yaml")


@pytest.mark.parametrize("text", ["\t\n", "   \n\n  \t\n"])
def test_whitespace_only_file_with_tabs(here: Path, text: str) -> None:
    assert "is empty" in refused(tally(write("race.yaml", text)), "race.yaml")


def test_binary_file(here: Path) -> None:
    data = b"name: A\ncandidates: [\x00\x01\x02\xff]\n" + bytes(range(256))
    message = refused(tally(write("race.yaml", data)), "race.yaml", 2)
    assert "binary" in message and "NUL" in message


def test_utf16_file_is_refused(here: Path) -> None:
    # Refused, but called "a binary file (it contains NUL bytes)": a UTF-16 file is text in the wrong encoding.
    message = refused(tally(write("race.yaml", ONE_CONTEST.encode("utf-16"))), "race.yaml")
    assert "UTF-8" in message


def test_non_utf8_file(here: Path) -> None:
    data = b"name: A\ncandidates:\n  - {name: Jos\xe9, votes: 1}\n"
    message = refused(tally(write("race.yaml", data)), "race.yaml", 3, 15)
    assert "not UTF-8" in message and "0xe9" in message and "UTF-8" in message


def test_control_character_is_refused(here: Path) -> None:
    refused(tally(write("race.yaml", "name: A\ncandidates:\n  - {name: X\x1b[31m, votes: 1}\n")), "race.yaml")


def test_control_character_is_located(here: Path) -> None:
    message = refused(
        tally(write("race.yaml", "name: A\ncandidates:\n  - {name: X\x1b[31m, votes: 1}\n")), "race.yaml", 3, 13
    )
    assert "<unicode string>" not in message


@pytest.mark.parametrize("name", ["races", "races.yaml"])
def test_folder(here: Path, name: str) -> None:
    (here / name).mkdir()
    assert "is a folder" in refused(tally(name), name)


def test_missing_file(here: Path) -> None:
    assert "no such file" in refused(tally("nowhere.yaml"), "nowhere.yaml")


def test_missing_file_without_extension(here: Path) -> None:
    assert "no such file" in refused(tally("nowhere"), "nowhere")


# -- aliases, merge keys, documents --------------------------------------------------------------------


def laughs(anchor: str, indent: str, levels: int = 9) -> list[str]:
    """Anchored lists under keys, each level nine aliases of the one before: 9**9 items if expanded."""
    lines = [f"{indent}{anchor}0: &{anchor}0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, levels + 1):
        lines.append(f"{indent}{anchor}{level}: &{anchor}{level} [" + ", ".join([f"*{anchor}{level - 1}"] * 9) + "]")
    return lines


def laughs_list(anchor: str, levels: int = 9) -> str:
    """The same chain as one flow list; ``*{anchor}{levels}`` then names 9**levels items."""
    chain = [f"&{anchor}0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    chain += [f"&{anchor}{level} [" + ", ".join([f"*{anchor}{level - 1}"] * 9) + "]" for level in range(1, levels + 1)]
    return "[" + ", ".join(chain) + "]"


BOMBS = {
    # Unknown top-level keys holding the chain, before the contest.
    "top": "\n".join([*laughs("a", ""), ONE_CONTEST]),
    # The chain as a candidate's party: the first place the reader looks at it.
    "party": f"name: A\ncandidates:\n  - {{name: X, votes: 1, party: {laughs_list('b')}}}\n",
    # Defined in a place read late (expected), used in places read earlier.
    "tiebreak": f"name: A\ncandidates:\n  - {{name: X, votes: 1}}\nexpected: {{winners: {laughs_list('c')}}}\ntiebreak: *c9\n",
    "candidates": f"name: A\nexpected: {{winners: {laughs_list('d')}}}\ncandidates: *d9\n",
    "contest-name": f"expected: {{winners: {laughs_list('e')}}}\nname: *e9\ncandidates:\n  - {{name: X, votes: 1}}\n",
    "units": f"name: A\nexpected: {{winners: {laughs_list('g')}}}\ncandidates:\n  - {{name: X}}\nresults: {{units: {{U1: *g9}}}}\n",
    "contests": f"election: {{jurisdiction: {laughs_list('f')}}}\ncontests: *f9\n",
}


@pytest.mark.parametrize("where", list(BOMBS))
def test_billion_laughs_is_refused_quickly(here: Path, where: str) -> None:
    name = write("race.yaml", BOMBS[where])
    start = time.perf_counter()
    result = tally(name)
    elapsed = time.perf_counter() - start
    refused(result, "race.yaml")
    assert located(result.stderr) is not None
    assert elapsed < 1.0, elapsed


def test_billion_laughs_in_the_units_is_refused_quickly(here: Path) -> None:
    lines = ["name: A", "candidates:", "  - {name: X}", "results:", "  units:"]
    lines.append("    U0: &u0 {X: 1}")
    # Nested mappings with candidate names as keys, nine levels deep: 9**9 counts if expanded.
    lines += [f"    U{n}: &u{n} {{X: *u{n - 1}}}" for n in range(1, 10)]
    name = write("race.yaml", "\n".join(lines) + "\n")
    start = time.perf_counter()
    result = tally(name)
    assert time.perf_counter() - start < 1.0
    # Located at the anchored node (line 6), not at the alias that uses it: see the report.
    assert "must be a number, not a mapping" in refused(result, "race.yaml")
    assert located(result.stderr) is not None


def test_recursive_aliases_are_refused(here: Path) -> None:
    cases = [
        "name: A\ncandidates: &c [{name: X, votes: 1}, *c]\n",
        "name: A\ncandidates:\n  - {name: X}\nresults:\n  units: &u {U1: *u}\n",
        "name: A\ncandidates:\n  - {name: X, votes: 1}\nexpected: &e {outcome: winner, winners: *e}\n",
    ]
    for text in cases:
        refused(tally(write("race.yaml", text)), "race.yaml")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("name: A\ncandidates:\n  - &c {name: X, votes: 1}\n  - *c\n", id="candidate"),
        pytest.param("contests:\n  - &c\n    name: A\n    candidates: [{name: X, votes: 1}]\n  - *c\n", id="contest"),
        pytest.param(
            "contests:\n  - name: A\n    candidates: &l [{name: X, votes: 1}]\n  - name: B\n    candidates: *l\n",
            id="list",
        ),
    ],
)
def test_alias_of_a_mapping_or_list_reused(here: Path, text: str) -> None:
    message = refused(tally(write("race.yaml", text)), "race.yaml")
    assert "alias" in message
    # The place given is the anchored original, never the `*name` that repeats it (see the report).
    assert located(message) is not None


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "name: A\ncandidates:\n  - {name: X}\n  - {name: Y}\nresults:\n  units:\n    U1: &u {X: 5, Y: 3}\n    U2: *u\n",
            id="unit",
        ),
        pytest.param(
            "contests:\n  - name: A\n    candidates: [{name: X}]\n    results: {units: &u {U1: {X: 5}}}\n"
            "  - name: B\n    candidates: [{name: X}]\n    results: {units: *u}\n",
            id="units",
        ),
    ],
)
def test_alias_of_a_mapping_in_units_is_refused(here: Path, text: str) -> None:
    assert "alias" in refused(tally(write("race.yaml", text)), "race.yaml")


def test_alias_of_a_scalar_is_just_its_text(here: Path) -> None:
    text = "election: {name: &e Spring}\nname: *e\ncandidates:\n  - {name: X, votes: 1}\n"
    output = tally_json(write("race.yaml", text))
    assert output["contests"][0]["name"] == "Spring"


MERGE = "name: A\ncandidates:\n  - &c {name: X, votes: 1}\n  - {<<: *c, name: Y}\n"


def test_merge_key_is_refused(here: Path) -> None:
    assert "<<" in refused(tally(write("race.yaml", MERGE)), "race.yaml", 4, 6)


def test_merge_key_block_style_is_refused(here: Path) -> None:
    text = "election: &d {name: E}\n<<: *d\nname: A\ncandidates:\n  - {name: X, votes: 1}\n"
    assert "<<" in refused(tally(write("race.yaml", text)), "race.yaml", 2, 1)


def test_merge_key_message_says_merge(here: Path) -> None:
    assert "merge" in refused(tally(write("race.yaml", MERGE)), "race.yaml", 4, 6)


def test_two_yaml_documents(here: Path) -> None:
    text = ONE_CONTEST + "---\n" + ONE_CONTEST.replace("A", "B")
    message = refused(tally(write("race.yaml", text)), "race.yaml", 4, 1)
    assert "more than one YAML document" in message


def test_one_document_with_markers_is_fine(here: Path) -> None:
    output = tally_json(write("race.yaml", "---\n" + ONE_CONTEST + "...\n"))
    assert output["contests"][0]["name"] == "A"


def test_tags_are_never_constructed(here: Path) -> None:
    text = "name: !!python/object/apply:os.system ['touch pwned']\ncandidates:\n  - {name: X, votes: 1}\n"
    refused(tally(write("race.yaml", text)), "race.yaml", 1, 7)
    text = "name: !!python/object/apply:os.system\ncandidates:\n  - {name: X, votes: 1}\n"
    tally(write("race.yaml", text))
    assert not (here / "pwned").exists()


def test_tagged_scalars_stay_text(here: Path) -> None:
    text = (
        "name: !!int 2020\ncandidates:\n  - {name: !!bool yes, votes: !!int 3}\n  - {name: !!float 1e3, votes: '1'}\n"
    )
    record = tally_json(write("race.yaml", text))["contests"][0]
    assert record["name"] == "2020"
    assert [c["name"] for c in record["candidates"]] == ["yes", "1e3"]


# -- nesting -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("name: A\ncandidates: " + "[" * 10_000 + "]" * 10_000 + "\n", id="flow-lists"),
        pytest.param("name: A\ncandidates: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n", id="flow-mappings"),
        pytest.param("name: A\ncandidates:\n" + "".join("  " * i + "-\n" for i in range(1_100)), id="block-lists"),
        pytest.param("name: A\ncandidates: " + "[" * 500 + "]" * 500 + "\n", id="under-the-yaml-limit"),
    ],
)
def test_deeply_nested_lists(here: Path, text: str) -> None:
    name = write("race.yaml", text)
    start = time.perf_counter()
    result = tally(name)
    assert time.perf_counter() - start < 2.0
    message = refused(result, "race.yaml")
    assert located(message) is not None


# -- several files -----------------------------------------------------------------------------------


@pytest.mark.parametrize("order", ["good-first", "bad-first"])
def test_one_good_and_one_bad_file_print_nothing(here: Path, order: str) -> None:
    good = write("good.yaml", ONE_CONTEST)
    bad = write("bad.yaml", COUNT_TEMPLATE.format("-1"))
    files = [good, bad] if order == "good-first" else [bad, good]
    for output_format in ("table", "json", "csv"):
        result = tally(*files, "--format", output_format)
        refused(result, "bad.yaml", 3, 22)
        assert "good.yaml" not in result.stderr


def test_every_bad_file_is_reported(here: Path) -> None:
    first = write("one.yaml", COUNT_TEMPLATE.format("-1"))
    second = write("two.yaml", "")
    result = tally(first, "missing.yaml", second)
    refused(result, "one.yaml", 3, 22)
    assert result.stderr.count("electcli: error: ") == 3
    assert "missing.yaml: no such file" in result.stderr and "two.yaml: is empty" in result.stderr


def test_bad_standard_input(here: Path) -> None:
    result = run(["tally", "-"], stdin="name: A\ncandidates: [\n")
    refused(result, "-", 3, 1)


# -- names that look like other things ------------------------------------------------------------

LOOKALIKES = [
    "Yes",
    "No",
    "Null",
    "~",
    "0x1F",
    "1e3",
    "2020",
    "On",
    "[Green]",
    "[bold red]Boom[/]",
    ":smile:",
    "2001-01-01",
    "12:30",
    "007",
    ".inf",
    "true",
    "null",
]


def lookalike_race() -> str:
    lines = ["election: {name: No}", "contests:", "  - name: 2020", "    candidates:"]
    for index, name in enumerate(LOOKALIKES):
        shown = f'"{name}"' if name.startswith(("[", ":")) else name
        party = ', party: "[bold]x[/bold]"' if name == "[Green]" else ", party: Off"
        lines.append(f"      - {{name: {shown}{party}, votes: {len(LOOKALIKES) - index}}}")
    return "\n".join(lines) + "\n"


def test_names_stay_as_written_in_json(here: Path) -> None:
    output = tally_json(write("race.yaml", lookalike_race()))
    record = output["contests"][0]
    assert record["election"] == "No"
    assert record["name"] == "2020"
    assert [candidate["name"] for candidate in record["candidates"]] == LOOKALIKES
    assert record["winners"] == ["Yes"]
    parties = {candidate["name"]: candidate["party"] for candidate in record["candidates"]}
    assert parties["[Green]"] == "[bold]x[/bold]" and parties["Yes"] == "Off"


def test_names_stay_as_written_in_csv(here: Path) -> None:
    result = tally(write("race.yaml", lookalike_race()), "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["candidate"] for row in rows] == LOOKALIKES
    assert {row["contest"] for row in rows} == {"2020"}


def test_names_stay_as_written_in_the_table(here: Path) -> None:
    result = tally(write("race.yaml", lookalike_race()))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    for name in LOOKALIKES:
        assert any(re.search(rf"(^|\s){re.escape(name)}(\s|$)", line) for line in lines), name
    assert "[Green]" in result.stdout and "[bold]x[/bold]" in result.stdout
    assert "[bold red]Boom[/]" in result.stdout and ":smile:" in result.stdout
    assert "\x1b[" not in result.stdout


def test_unquoted_bracket_name_is_a_list_and_the_message_says_quote_it(here: Path) -> None:
    message = refused(
        tally(write("race.yaml", "name: A\ncandidates:\n  - {name: [Green], votes: 1}\n")), "race.yaml", 3, 12
    )
    assert "quote" in message


# -- large valid input -----------------------------------------------------------------------------


def test_ten_megabyte_file_works(here: Path) -> None:
    head = (
        "election: {name: Big}\nname: Statewide\nrule: runoff\ncandidates:\n"
        "  - {name: Alice Anderson}\n  - {name: Bob Brown}\n  - {name: Carol Chen}\n"
        "results:\n  by: precinct\n  units:\n"
    )
    totals = [0, 0, 0]
    parts = [head]
    size = len(head)
    unit = 0
    while size < 10 * 1024 * 1024:
        a, b, c = unit % 997, unit % 991, unit % 983
        totals = [totals[0] + a, totals[1] + b, totals[2] + c]
        line = f"    Precinct {unit:07d}: {{Alice Anderson: {a}, Bob Brown: {b}, Carol Chen: {c}}}\n"
        parts.append(line)
        size += len(line)
        unit += 1
    name = write("big.yaml", "".join(parts))
    assert os.path.getsize(name) >= 10 * 1024 * 1024
    start = time.perf_counter()
    output = tally_json(name)
    elapsed = time.perf_counter() - start
    record = output["contests"][0]
    assert record["total_votes"] == sum(totals)
    assert {c["name"]: c["votes"] for c in record["candidates"]} == dict(
        zip(["Alice Anderson", "Bob Brown", "Carol Chen"], totals, strict=True)
    )
    assert elapsed < 60, elapsed  # about 12 s here, nearly all of it in libyaml's composer


def many_candidates(count: int = 20_000) -> str:
    lines = ["name: Crowded", "rule: top", "candidates:"]
    lines += [f"  - {{name: Candidate {index}, votes: {index * 7 % 100_003}}}" for index in range(count)]
    return "\n".join(lines) + "\n"


def test_twenty_thousand_candidates_work(here: Path) -> None:
    name = write("crowded.yaml", many_candidates())
    for output_format in ("json", "csv"):
        start = time.perf_counter()
        result = tally(name, "--format", output_format)
        elapsed = time.perf_counter() - start
        assert result.exit_code == 0, result.stderr
        assert elapsed < 10, (output_format, elapsed)  # about 2 s here
    record = tally_json(name)["contests"][0]
    assert len(record["candidates"]) == 20_000
    top = sorted(range(20_000), key=lambda index: -(index * 7 % 100_003))[:2]
    assert record["advancing"] == [f"Candidate {index}" for index in top]


def test_twenty_thousand_candidates_table_in_reasonable_time(here: Path) -> None:
    name = write("crowded.yaml", many_candidates())
    result = electcli_process(["tally", name], timeout=10)
    assert result.returncode == 0


# -- hostile counts files ------------------------------------------------------------------------------


def test_counts_file_that_is_a_folder_or_missing(here: Path) -> None:
    (here / "counts").mkdir()
    for target, says in (("counts", "is a folder"), ("nowhere.csv", "no such file")):
        text = f"name: A\ncandidates:\n  - {{name: X}}\nresults:\n  file: {target}\n"
        message = refused(tally(write("race.yaml", text)), target)
        assert says in message and "race.yaml:5:9" in message


def test_binary_counts_file_hint(here: Path) -> None:
    write("counts.csv", b"unit,candidate,votes\nU1,X,1\x00\n")
    message = refused(
        tally(write("race.yaml", "name: A\ncandidates:\n  - {name: X}\nresults:\n  file: counts.csv\n")),
        "counts.csv",
        2,
    )
    assert "race file" not in message


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or not os.path.exists("/dev/zero"), reason="needs /dev/zero and rlimits"
)
def test_endless_counts_file_is_refused(here: Path) -> None:
    import resource

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    name = write("race.yaml", "name: A\ncandidates:\n  - {name: X}\nresults:\n  file: /dev/zero\n")
    # /dev is outside the race file's folder: allowed, to reach the reader's own refusal
    result = electcli_process(["tally", name, "--allow-path", "/dev"], timeout=30, preexec_fn=limit_memory)
    assert "Traceback" not in result.stderr
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("electcli: error: /dev/zero")
