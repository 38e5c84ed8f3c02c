"""Tables for people at every width from 40 columns up: no figure is ever cut, empty columns are
dropped, share bars mark the threshold, and narrow terminals get a stacked layout.

Golden files (tests/golden/tables/*.txt) hold each kind of table at 40, 50, 60, 80 and 120
columns; ELECTCLI_UPDATE_GOLDEN=1 rewrites them (read them before committing: they are what a
voter sees).
"""

from __future__ import annotations

import io
import json
import re
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from electcli.pipeline import tally_file
from electcli.present.cells import cell_len
from electcli.present.grid import Cell, Column, fit
from electcli.present.ranked_verdict import figure_text
from electcli.present.table import make_console, render
from electcli.present.terminal import ASCII, UNICODE, bar, marker_at
from tests.conftest import SAMPLES, golden, run

WIDTHS = (40, 50, 60, 80, 120)
FIGURE = re.compile(r"\d[\d,.]*\d|\d")  # a figure, without the comma or full stop after it
SPRINGFIELD = "tests/fixtures/ranked/springfield.yaml"

BY_COUNTY = """\
name: Senate
rule: runoff
write_ins: 4
candidates: [{name: Tommy Tuberville, party: REP}, {name: Jeff Sessions, party: REP}, {name: Bradley Byrne, party: REP}]
results:
  by: county
  units:
    Autauga: {Tommy Tuberville: 4329, Jeff Sessions: 3713, Bradley Byrne: 100, write_ins: 3}
    Baldwin: {Tommy Tuberville: 15021, Jeff Sessions: 13302, Bradley Byrne: 20000, write_ins: 1}
    Bibb: {Tommy Tuberville: 10, Jeff Sessions: 10}
"""

# A plurality contest (long names, one without a party, an accent) and a measure, by precinct.
BY_PRECINCT = """\
election: {name: 2024 County General}
contests:
  - name: County Commissioner, District 2
    rule: plurality
    candidates: [{name: Maria de la Cruz-Fernández, party: DEM}, {name: Robert "Bob" Whitfield III, party: REP}, {name: Lee Park}]
    results:
      by: precinct
      units:
        Precinct 101 - Riverside Elementary School: {Maria de la Cruz-Fernández: 1204, Robert "Bob" Whitfield III: 1188, Lee Park: 97}
        Precinct 102 - Oak Hill: {Maria de la Cruz-Fernández: 389912, Robert "Bob" Whitfield III: 402311, Lee Park: 12000}
  - name: Measure B (library bond)
    rule: {method: measure, threshold: ">=55%"}
    choices: [{name: Yes}, {name: No}]
    results:
      by: precinct
      units:
        Precinct 101 - Riverside Elementary School: {Yes: 1500, No: 990}
        Precinct 102 - Oak Hill: {Yes: 450000, No: 352000}
"""


def _at_widths(args: list[str]) -> str:
    parts = []
    for width in WIDTHS:
        result = run(args, env={"COLUMNS": str(width)})
        assert result.exit_code == 0, result.stderr
        assert result.stderr == ""
        parts.append(f"=== {width} columns ===\n{result.stdout}")
    return "\n".join(parts)


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("runoff", [str(SAMPLES / "al-2020-senate-gop-primary.yaml")]),
        ("plurality", [str(SAMPLES / "council-vote-for-3.yaml"), str(SAMPLES / "top-two-primary.yaml")]),
        ("measure", [str(SAMPLES / "measure-two-thirds.yaml")]),
        ("ranked", [SPRINGFIELD]),
    ],
)
def test_golden_tables_at_every_width(name: str, args: list[str]) -> None:
    golden(f"tables/{name}.txt", _at_widths(["tally", *args]))


def test_golden_by_unit_at_every_width(race) -> None:  # type: ignore[no-untyped-def]
    golden("tables/by-unit.txt", _at_widths(["tally", race(BY_COUNTY), "--by-unit"]))
    golden("tables/by-unit-plurality-measure.txt", _at_widths(["tally", race(BY_PRECINCT), "--by-unit"]))


def test_measure_by_unit_has_no_leader_or_margin(race) -> None:  # type: ignore[no-untyped-def]
    for width in WIDTHS:
        out = run(["tally", race(BY_PRECINCT), "--by-unit"], env={"COLUMNS": str(width)}).stdout
        measure_units = out[out.index("Measure B (library bond) by precinct") :]
        assert "Leader" not in measure_units and "margin" not in measure_units.lower()


def test_alabama_at_40_columns_keeps_every_figure_and_drops_nothing() -> None:
    """The bug this replaces: at 40 columns counts were cut to `389,9…` and statuses to `advanc…`."""
    out = run(["tally", str(SAMPLES / "al-2020-senate-gop-primary.yaml")], env={"COLUMNS": "40"}).stdout
    for figure in ("239,616", "227,088", "717,665", "33.39%", "advances", "defeated", "REP"):
        assert figure in out
    assert "…" not in out
    assert max(len(line) for line in out.splitlines()) <= 40


def test_an_empty_party_column_is_dropped() -> None:
    out = run(["tally", str(SAMPLES / "council-vote-for-3.yaml")]).stdout
    assert "Party" not in out
    out = run(["tally", str(SAMPLES / "al-2020-senate-gop-primary.yaml")]).stdout
    assert "Party" in out


def test_measure_shows_passes_or_fails_and_what_yes_needed_not_a_lead() -> None:
    out = run(["tally", str(SAMPLES / "measure-two-thirds.yaml")]).stdout
    assert "lead" not in out.lower()
    # 2/3 of 2,863,951 is 1,909,300 2/3: 1,909,301 needed, 1,893,340 had (the sample's comments)
    assert "1,909,301 of 2,863,951 votes" in out and "15,961 votes short" in out
    assert "Fails:" in out


def test_passing_measure_says_votes_to_spare(race) -> None:  # type: ignore[no-untyped-def]
    path = race(
        "name: M\nrule: {method: measure, threshold: '>50%'}\nchoices: [{name: Yes, votes: 60}, {name: No, votes: 40}]\n"
    )
    out = run(["tally", path]).stdout
    # more than half of 100 is 51: 9 to spare
    assert "51 of 100 votes" in out and "9 votes to spare" in out and "Passes:" in out
    assert "lead" not in out.lower()


def test_threshold_marked_on_the_bars() -> None:
    out = run(["tally", str(SAMPLES / "al-2020-senate-gop-primary.yaml")], env={"COLUMNS": "120"}).stdout
    rows = [line for line in out.splitlines() if "defeated" in line or "advances" in line]
    marks = {line.index("│") for line in rows}
    assert len(marks) == 1  # one line down the table at the threshold
    header = next(line for line in out.splitlines() if ">50%" in line)
    assert header.index(">50%") == marks.pop()


def test_bars_are_plain_characters_where_the_terminal_has_no_unicode() -> None:
    assert bar(Fraction(1, 2), 10, UNICODE) == "█████"
    assert bar(Fraction(1, 2), 10, ASCII) == "#####"
    assert bar(Fraction(1, 16), 10, UNICODE) == "▋"  # 5/8 of a cell
    assert bar(Fraction(0), 10, UNICODE) == ""
    assert bar(Fraction(1), 10, ASCII) == "#" * 10
    assert marker_at(Fraction(2, 3), 30) == 20 and marker_at(Fraction(1), 30) == 29


def test_ascii_terminal_gets_no_block_characters() -> None:
    (tallied,) = [tally_file(str(SAMPLES / "al-2020-senate-gop-primary.yaml"))]
    buffer = io.BytesIO()
    stream = io.TextIOWrapper(buffer, encoding="ascii", errors="strict")
    console = make_console(stream)
    console.width = 100
    render([(tallied.race, tallied.results)], console)
    stream.flush()
    text = buffer.getvalue().decode("ascii")  # every character is ASCII, or the write would have failed
    assert "#" in text and "|" in text and "239,616" in text


@pytest.mark.parametrize("glyphs", [UNICODE, ASCII], ids=["unicode", "ascii"])
def test_a_bar_agrees_with_the_threshold_whatever_the_rounding(glyphs) -> None:  # type: ignore[no-untyped-def]
    """Measure J had 66.11% against 2/3: rounded to whole cells its bar would reach the mark."""
    from electcli.errors import Location
    from electcli.values import parse_threshold

    for text in (">=2/3", ">50%", ">=55%", ">=60%"):
        threshold = parse_threshold(text, Location("test"))
        line = threshold.share
        for width in range(10, 41):
            at = marker_at(line, width)
            for share in (line - Fraction(1, 10**6), line, line + Fraction(1, 10**6), Fraction(1893340, 2863951)):
                met = share > line if threshold.strict else share >= line
                drawn = bar(share, width, glyphs, threshold)
                assert (len(drawn) > at) == met, (text, width, share, drawn)


def test_names_wrap_figures_never() -> None:
    columns = [Column("Name", squeeze=5), Column("Votes", right=True)]
    rows = [[Cell("A very long candidate name"), Cell("1,234,567")]]
    assert fit(columns, rows, 20, 2) == [9, 9]
    assert fit(columns, rows, 15, 2) is None  # the name cannot go below 5: a narrower layout is tried


def _figures(document: dict[str, object]) -> set[str]:
    """Every vote count of a JSON output, as a table writes it."""
    found = set()
    for contest in document["contests"]:  # type: ignore[attr-defined]
        found.add(figure_text(Fraction(contest["total_votes"])))
        found |= {figure_text(Fraction(candidate["votes"])) for candidate in contest["candidates"]}
        for round_ in contest.get("rounds", ()):
            for value in round_["tally"].values():
                found.add(figure_text(Fraction(value)))
    return found


def _inputs() -> list[str]:
    return [*sorted(str(path) for path in SAMPLES.rglob("*.yaml")), SPRINGFIELD]


@pytest.mark.parametrize("path", _inputs(), ids=lambda p: p.rsplit("/", 1)[-1])
def test_every_figure_whole_at_every_width(path: str) -> None:
    """Over 40..160 columns: no digit beside an ellipsis, every vote count of the JSON output
    appears whole, and no table line is wider than the terminal."""
    tallied = tally_file(path)
    document = json.loads(run(["tally", path, "--format", "json"]).stdout)
    figures = _figures(document)
    for width in range(40, 161):
        out = io.StringIO()
        console = make_console(out)
        console.width = width
        render([(tallied.race, tallied.results)], console, by_unit=True)
        text = out.getvalue()
        assert not re.search(r"\d…|…\d", text), (width, text)
        words = set(re.findall(FIGURE, text))
        missing = {figure for figure in figures if figure not in words}
        assert not missing, (width, missing)
        assert max(len(line) for line in text.splitlines()) <= width, (width, text)


@pytest.mark.parametrize("text", [BY_COUNTY, BY_PRECINCT], ids=["county", "precinct"])
def test_by_unit_figures_whole_at_every_width(race, text: str) -> None:  # type: ignore[no-untyped-def]
    tallied = tally_file(race(text))
    contests = json.loads(run(["tally", race(text), "--by-unit", "--format", "json"]).stdout)["contests"]
    units = [unit for contest in contests for unit in contest["units"]]
    figures = {f"{unit['total_votes']:,}" for unit in units}
    figures |= {f"{c['votes']:,}" for unit in units for c in unit["candidates"]}
    for width in range(40, 161):
        out = io.StringIO()
        console = make_console(out)
        console.width = width
        render([(tallied.race, tallied.results)], console, by_unit=True)
        words = set(re.findall(FIGURE, out.getvalue()))
        assert figures <= words, (width, figures - words)
        assert max(len(line) for line in out.getvalue().splitlines()) <= width


def test_rounds_stack_when_not_one_fits_beside_the_names() -> None:
    tallied = tally_file(SPRINGFIELD)
    out = io.StringIO()
    console = make_console(out)
    console.width = 24  # narrower than any supported terminal: the stacked layout still holds every figure
    render([(tallied.race, tallied.results)], console)
    text = out.getvalue()
    assert "Round 3\n" in text and "Status:" in text
    for figure in ("23.6667", "37.6667", "113", "108"):
        assert figure in text


def test_progress_is_reported_without_rich(race) -> None:  # type: ignore[no-untyped-def]
    from electcli.progress import listening

    heard: list[tuple[str, int, int | None]] = []
    with listening(lambda what, done, total: heard.append((what, done, total))):
        tally_file(
            race(
                "contests:\n  - {name: A, candidates: [{name: X, votes: 1}]}\n  - {name: B, candidates: [{name: Y, votes: 2}]}\n"
            )
        )
    assert heard[0][0].startswith("reading ")
    assert [entry for entry in heard if entry[0] == "counting"] == [
        ("counting", 0, 2),
        ("counting", 1, 2),
        ("counting", 2, 2),
    ]


def test_no_progress_bar_when_stderr_is_not_a_terminal() -> None:
    result = run(["tally", str(SAMPLES / "al-2020-senate-gop-primary.yaml"), "--format", "json"])
    assert result.exit_code == 0 and result.stderr == ""


NAMES = (
    st.text(alphabet=st.sampled_from("abcdefghij ABC-'.éÅ中文0123456789"), min_size=1, max_size=40)
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=60, deadline=None)
@given(
    counts=st.lists(st.integers(min_value=0, max_value=10**12), min_size=1, max_size=8),
    names=st.lists(NAMES, min_size=8, max_size=8, unique=True),
    parties=st.lists(st.one_of(st.none(), NAMES), min_size=8, max_size=8),
    method=st.sampled_from(["plurality", "runoff", "measure"]),
    width=st.integers(min_value=40, max_value=160),
)
def test_any_contest_keeps_every_figure_whole(counts, names, parties, method, width) -> None:  # type: ignore[no-untyped-def]
    """Any names (wide characters, long words, digits), any counts, any width from 40: every
    count and the total appear whole, and no table line is wider than the terminal."""
    from electcli.errors import Location
    from electcli.model import Candidate, Contest, Election, RaceFile, Rule
    from electcli.tabulate import tabulate
    from electcli.values import parse_threshold

    if method == "measure":
        pairs = [("Yes", counts[0], None), ("No", counts[-1], None)]
        rule = Rule("measure", parse_threshold(">=2/3", Location("t")), 0)
    else:
        pairs = list(zip(names, counts, parties, strict=False))
        rule = Rule(
            method,
            parse_threshold(">50%", Location("t")) if method == "runoff" else None,
            2 if method == "runoff" else 0,
        )
    contest = Contest(
        name="Contest",
        rule=rule,
        candidates=tuple(Candidate(name, votes, party=party) for name, votes, party in pairs),
        location=Location("t", 1, 1),
    )
    result = tabulate(contest)
    out = io.StringIO()
    console = make_console(out)
    console.width = width
    render([(RaceFile("t", Election("E", None, None), (contest,)), [result])], console)
    text = out.getvalue()
    table = text[: text.index("Rule:")]
    words = set(re.findall(FIGURE, table))
    assert {f"{votes:,}" for _, votes, _ in pairs} | {f"{result.total_votes:,}"} <= words
    assert "…" not in text
    assert max(cell_len(line) for line in table.splitlines()) <= width


def test_progress_bar_shows_only_for_long_work(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from electcli.present import progress_bar
    from electcli.progress import progress

    quick = progress_bar._Bar()
    quick.update("reading x", 0, None)
    quick.stop()
    assert quick.shown is None  # done before the delay: no bar at all
    monkeypatch.setattr(progress_bar, "DELAY", 0.01)
    slow = progress_bar._Bar()
    slow.update("counting", 1, 4)
    time.sleep(0.3)
    assert slow.shown is not None  # long work: the bar is up
    slow.update("counting", 4, 4)
    slow.stop()
    with progress_bar.progress_bar():
        progress("counting", 1, 4)
    progress("counting", 5, 5)  # after the block no one listens: a no-op


def test_a_close_margin_never_shows_as_zero_points(race) -> None:  # type: ignore[no-untyped-def]
    # 2 votes of 50,173 is 0.004 points: "cutoff 2 votes (0.00 pts)" read like a tie for the last
    # seat. A margin that is not zero shows as many digits as it takes not to look like zero.
    text = (
        "name: Council\nseats: 3\ncandidates:\n"
        "  - {name: A, votes: 12840}\n  - {name: B, votes: 11022}\n  - {name: C, votes: 10990}\n"
        "  - {name: D, votes: 10988}\n  - {name: E, votes: 4333}\n"
    )
    result = run(["tally", race(text)])
    assert result.exit_code == 0 and result.stderr == ""
    assert "cutoff 2 votes (0.004 pts)" in result.stdout
    assert "lead 1,818 votes (3.62 pts)" in result.stdout
    tie = run(["tally", race(text.replace("10988", "10990") + "tiebreak: [C, D]\n", "tie.yaml")])
    assert "cutoff 0 votes (0.00 pts)" in tie.stdout
