"""Fail closed on numbers and JSON (issue 9): no damaged file gives a wrong answer or a traceback.

Each case runs the CLI and checks exit status 2 with the message's file:line:column (found here
from the text written, not from the code under test), or, for a file that is accepted, the exact
counts read.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run

NS = "ElectionResults."


def measure_report(yes: Any = 400, no: Any = 600, no_type: str = "total") -> dict[str, Any]:
    """A two-thirds ballot measure counted in one county."""

    def text(content: str) -> dict[str, Any]:
        return {
            "@type": NS + "InternationalizedText",
            "Text": [{"@type": NS + "LanguageString", "Content": content, "Language": "en"}],
        }

    def selection(key: str, word: str, count: Any, kind: str) -> dict[str, Any]:
        return {
            "@type": NS + "BallotMeasureSelection",
            "@id": key,
            "Selection": text(word),
            "VoteCounts": [{"@type": NS + "VoteCounts", "GpUnitId": "county", "Type": kind, "Count": count}],
        }

    return {
        "@type": NS + "ElectionReport",
        "Format": "summary-contest",
        "GeneratedDate": "2024-11-06T00:00:00Z",
        "Issuer": "Test",
        "IssuerAbbreviation": "T",
        "SequenceStart": 1,
        "SequenceEnd": 1,
        "Status": "pre-election",
        "VendorApplicationId": "test",
        "GpUnit": [{"@type": NS + "ReportingUnit", "@id": "county", "Type": "county", "Name": text("County")}],
        "Election": [
            {
                "@type": NS + "Election",
                "Name": text("General"),
                "StartDate": "2024-11-05",
                "EndDate": "2024-11-05",
                "Type": "general",
                "ElectionScopeId": "county",
                "Contest": [
                    {
                        "@type": NS + "BallotMeasureContest",
                        "@id": "m1",
                        "Name": "Measure 1",
                        "ElectionDistrictId": "county",
                        "VoteVariation": "super-majority",
                        "OtherVoteVariation": ">=2/3",
                        "ContestSelection": [
                            selection("yes", "Yes", yes, "total"),
                            selection("no", "No", no, no_type),
                        ],
                    }
                ],
            }
        ],
    }


def write(tmp_path: Path, text: str, name: str = "report.json") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return str(path)


def where(path: str, text: str, needle: str) -> str:
    """``path:line:column`` of the first ``needle`` in ``text``."""
    offset = text.index(needle)
    line = text.count("\n", 0, offset) + 1
    return f"{path}:{line}:{offset - (text.rfind(chr(10), 0, offset) + 1) + 1}"


def refused(path: str) -> str:
    result = run(["tally", path])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.stderr
    return result.stderr


def tallied(path: str) -> dict[str, Any]:
    result = run(["tally", path, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    record: dict[str, Any] = json.loads(result.stdout)["contests"][0]
    return record


# -- 1. an enumeration value the reader does not know is an error, never skipped ------------------


def test_a_count_type_in_the_wrong_case_is_refused_not_skipped(tmp_path: Path) -> None:
    # Before: the No votes (Type "Total") vanished and the measure passed with 400 to 0.
    text = json.dumps(measure_report(no_type="Total"), indent=1)
    path = write(tmp_path, text)
    error = refused(path)
    assert where(path, text, '"Type": "Total"') + ": " in error
    assert "'Total', which is not a NIST count type" in error


def test_an_unknown_reporting_unit_type_is_refused(tmp_path: Path) -> None:
    report = measure_report()
    report["GpUnit"].append({"@type": NS + "ReportingUnit", "@id": "p1", "Type": "Precinct"})
    for selection in report["Election"][0]["Contest"][0]["ContestSelection"]:
        selection["VoteCounts"].append({"@type": NS + "VoteCounts", "GpUnitId": "p1", "Type": "total", "Count": 0})
    report["GpUnit"][0]["ComposingGpUnitIds"] = ["p1"]
    for selection in report["Election"][0]["Contest"][0]["ContestSelection"]:
        del selection["VoteCounts"][0]
    text = json.dumps(report, indent=1)
    path = write(tmp_path, text)
    assert where(path, text, '"Type": "Precinct"') + ": " in refused(path)


def test_a_total_suppressed_for_privacy_is_refused(tmp_path: Path) -> None:
    report = measure_report()
    report["Election"][0]["Contest"][0]["ContestSelection"][1]["VoteCounts"][0]["IsSuppressedForPrivacy"] = True
    text = json.dumps(report, indent=1)
    path = write(tmp_path, text)
    assert where(path, text, '"IsSuppressedForPrivacy"') + ": " in refused(path)


# -- 2. counts are exact integers; fractions and exponents refused ---------------------------------


def test_a_whole_count_written_with_point_zero_is_read_exactly(tmp_path: Path) -> None:
    text = json.dumps(measure_report(yes=0, no=1), indent=1).replace('"Count": 0', '"Count": 9007199254740993.0')
    record = tallied(write(tmp_path, text))
    assert {c["name"]: c["votes"] for c in record["candidates"]} == {"Yes": 9007199254740993, "No": 1}


@pytest.mark.parametrize(
    ("written", "problem"), [("1e3", "exponent"), ("250.5", "not a whole number"), ("-0.0", "negative")]
)
def test_fractions_and_exponents_are_refused_with_their_place(tmp_path: Path, written: str, problem: str) -> None:
    text = json.dumps(measure_report(no=7), indent=1).replace('"Count": 7', f'"Count": {written}')
    path = write(tmp_path, text)
    error = refused(path)
    assert where(path, text, f'"Count": {written}') + ": " in error and problem in error


# -- 3. digit limits where numbers are parsed ------------------------------------------------------


@pytest.mark.parametrize("digits", [31, 4301, 100_000])
def test_json_numbers_with_too_many_digits_are_refused(tmp_path: Path, digits: int) -> None:
    text = json.dumps(measure_report(no=7), indent=1).replace('"Count": 7', '"Count": ' + "9" * digits)
    path = write(tmp_path, text)
    error = refused(path)
    assert where(path, text, "9" * digits) + ": " in error and f"has {digits} digits" in error


def test_a_long_fraction_is_refused(tmp_path: Path) -> None:
    text = json.dumps(measure_report(no=7), indent=1).replace('"Count": 7', '"Count": 7.' + "0" * 5000)
    path = write(tmp_path, text)
    assert where(path, text, "7." + "0" * 40) + ": " in refused(path)


@pytest.mark.parametrize("threshold", [">=2/" + "3" * 5000, ">=" + "6" * 5000 + "%", ">=1/" + "3" * 31])
def test_thresholds_with_too_many_digits_are_refused(tmp_path: Path, threshold: str) -> None:
    report = measure_report()
    report["Election"][0]["Contest"][0]["OtherVoteVariation"] = threshold
    text = json.dumps(report, indent=1)
    path = write(tmp_path, text)
    error = refused(path)
    assert where(path, text, '"OtherVoteVariation"') + ": " in error and "digits" in error


@pytest.mark.parametrize(
    ("key", "written"),
    [("threshold", ">=2/" + "3" * 5000), ("threshold", ">=" + "6" * 4400 + "%"), ("recount", "<=" + "1" * 5000)],
)
def test_race_file_thresholds_and_margins_with_too_many_digits_are_refused(race, key: str, written: str) -> None:  # type: ignore[no-untyped-def]
    rule = f'{{method: runoff, threshold: "{written}"}}' if key == "threshold" else "plurality"
    recount = f'recount: "{written}"' if key == "recount" else ""
    path = race(
        f"""
        contests:
          - name: Mayor
            rule: {rule}
            {recount}
            candidates:
              - {{name: Ana, votes: 10}}
              - {{name: Ben, votes: 5}}
        """
    )
    error = refused(path)
    line = 4 if key == "threshold" else 5  # the text starts with a blank line
    assert f"{path}:{line}:" in error and "digits" in error, error


# -- 4. nesting deeper than Python's recursion limit -----------------------------------------------


@pytest.mark.parametrize("opening", ["[", '{"a":'])
def test_deep_nesting_is_an_input_error(tmp_path: Path, opening: str) -> None:
    closing = "]" if opening == "[" else "}"
    text = (
        '{"@type": "ElectionResults.ElectionReport", "Election":\n' + opening * 100_000 + "1" + closing * 100_000 + "}"
    )
    path = write(tmp_path, text)
    error = refused(path)
    # the top-level object is the first level: the 200th bracket of the second line is the 201st
    column = 200 if opening == "[" else 199 * len(opening) + 1
    assert f"{path}:2:{column}: is nested too deeply" in error


# -- JSON that would lose a value silently ---------------------------------------------------------


def test_a_member_given_twice_is_refused(tmp_path: Path) -> None:
    text = json.dumps(measure_report(no=7), indent=1).replace('"Count": 7', '"Count": 7,\n "Count": 0')
    path = write(tmp_path, text)
    error = refused(path)
    assert where(path, text, '"Count": 0') + ": names the member 'Count' twice" in error


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused(tmp_path: Path, constant: str) -> None:
    text = json.dumps(measure_report(no=7), indent=1).replace('"Count": 7', f'"Count": {constant}')
    path = write(tmp_path, text)
    assert where(path, text, constant) + ": " in refused(path)


# -- 7. every NIST error carries file:line:column --------------------------------------------------


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        (lambda r: r["Election"][0]["Contest"][0].update(ElectionDistrictId="nowhere"), '"ElectionDistrictId"'),
        (lambda r: r["Election"][0]["Contest"][0].update(VoteVariation="Majority"), '"VoteVariation"'),
        (lambda r: r["Election"][0]["Contest"][0]["ContestSelection"][0].update(Selection=7), '"Selection": 7'),
        (
            lambda r: r["Election"][0]["Contest"][0]["ContestSelection"][1]["VoteCounts"][0].update(Count="7"),
            '"Count": "7"',
        ),
        (
            lambda r: r["Election"][0]["Contest"][0]["ContestSelection"][1]["VoteCounts"][0].update(GpUnitId="x"),
            '"GpUnitId": "x"',
        ),
        (lambda r: r["GpUnit"][0].update({"@type": [[["deep"]]]}), '"@type": ['),
        (lambda r: r["Election"][0].update(StartDate=20241105), '"StartDate"'),
    ],
)
def test_nist_errors_name_line_and_column(tmp_path: Path, change: Any, needle: str) -> None:
    report = measure_report()
    change(report)
    text = json.dumps(report, indent=1)
    path = write(tmp_path, text)
    error = refused(path)
    assert where(path, text, needle) + ": " in error, error


# -- 5. a malformed diff snapshot ------------------------------------------------------------------


def snapshot(race) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    path = race(
        """
        contests:
          - name: Mayor
            rule: plurality
            candidates:
              - {name: Ana, votes: 10}
              - {name: Ben, votes: 5}
        """
    )
    document: dict[str, Any] = json.loads(run(["tally", path, "--format", "json"]).stdout)
    return document


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        (lambda c: c.update(winners="Ana"), '"winners": "Ana"'),
        (lambda c: c.update(winners=[["Ana"]]), '"winners": ['),
        (lambda c: c["candidates"][0].update(votes="10"), '"votes": "10"'),
        (lambda c: c["candidates"][1].update(votes=5.5), '"votes": 5.5'),
        (lambda c: c.update(candidates={"Ana": 10}), '"candidates": {'),
        (lambda c: c["candidates"].append(7), "7\n"),
        (lambda c: c.update(margins=[]), '"margins": []'),
        (lambda c: c["margins"].update(lead=3), '"lead": 3'),
        (lambda c: c.update(total_votes=None), '"total_votes": null'),
        (lambda c: c.pop("name"), None),
    ],
)
def test_a_malformed_snapshot_is_refused_with_its_place(race, tmp_path: Path, change: Any, needle: str | None) -> None:  # type: ignore[no-untyped-def]
    document = snapshot(race)
    good = write(tmp_path, json.dumps(document, indent=1), "old.json")
    change(document["contests"][0])
    text = json.dumps(document, indent=1)
    path = write(tmp_path, text, "new.json")
    result = run(["diff", good, path])
    assert result.exit_code == 2 and "Traceback" not in result.stderr, result.output
    if needle is None:  # a field missing: the contest's own object
        offset = text.index("{", text.index('"contests": ['))
        expected = f"{path}:{text.count(chr(10), 0, offset) + 1}:{offset - text.rfind(chr(10), 0, offset)}"
    else:
        expected = where(path, text, needle)
    assert expected + ": " in result.stderr, result.stderr


def test_a_snapshot_that_is_not_an_object_is_refused(tmp_path: Path) -> None:
    for text in ("[1, 2]", '{"contests": 7}', '{"contests": [7]}', '"x"'):
        path = write(tmp_path, text, "snap.json")
        result = run(["diff", path, path])
        assert result.exit_code == 2 and f"{path}:1:" in result.stderr, result.stderr


# -- 6. csv cells over the csv module's limit --------------------------------------------------------


def test_a_counts_file_cell_over_128_kib_is_an_input_error(race, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "counts.csv").write_text('unit,candidate,votes\nP1,Ana,10\n"P2' + "x" * 200_000 + '",Ana,3\n')
    path = race(
        """
        contests:
          - name: Mayor
            rule: plurality
            candidates: [{name: Ana}]
            results: {file: counts.csv}
        """
    )
    result = run(["tally", path])
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert f"{tmp_path / 'counts.csv'}:3:1: has a cell longer than 128 KiB" in result.stderr


@pytest.mark.parametrize(
    ("row", "column", "problem"),
    [
        ("P2,Ana,1e3", 8, "exponent"),
        ('"P2, east",Ana,9' + "9" * 40, 16, "has 41 digits"),
        ("P2,Cy,3", 4, "not a candidate"),
        (" P2,Ana,3", 1, "spaces around it"),
        ("P1,Ana,4", 4, "twice"),
        ("P2,Ana,1808.0", 8, "not a whole number"),
    ],
)
def test_counts_file_faults_name_line_and_column(race, tmp_path: Path, row: str, column: int, problem: str) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "counts.csv").write_text("unit,candidate,votes\nP1,Ana,10\n" + row + "\n")
    path = race(
        """
        contests:
          - name: Mayor
            rule: plurality
            candidates: [{name: Ana}, {name: Ben}]
            results: {file: counts.csv}
        """
    )
    result = run(["tally", path])
    assert result.exit_code == 2 and f"{tmp_path / 'counts.csv'}:3:{column}: " in result.stderr, result.stderr
    assert problem in result.stderr


@pytest.mark.parametrize(
    ("row", "column", "problem"),
    [
        ("A,P2,Gov,,DEM,Ana,1e3,", 19, "exponent"),
        ('A,"P2, east",Gov,,DEM,Ana,1808.5,', 27, "not a whole number"),
        ("A,P2,Gov,,DEM,Ana,1808.,", 19, "not a whole number"),
        ("A,P2,Gov,,DEM,Ana,3,-1", 21, "mail '-1' is negative"),
        ("A,P2,Gov,,DEM,Ana,3,9", 19, "more than votes"),
        ("A,P1,Gov,,DEM,Ana,3,", 15, "twice"),
    ],
)
def test_openelections_faults_name_line_and_column(tmp_path: Path, row: str, column: int, problem: str) -> None:
    path = tmp_path / "20201103__xx__general__precinct.csv"
    path.write_text("county,precinct,office,district,party,candidate,votes,mail\nA,P1,Gov,,DEM,Ana,10,\n" + row + "\n")
    result = run(["tally", str(path), "--office", "Gov"])
    assert result.exit_code == 2 and f"{path}:3:{column}: " in result.stderr, result.stderr
    assert problem in result.stderr


# -- 3. OpenElections districts of any length ---------------------------------------------------


def test_an_openelections_district_with_thousands_of_digits(tmp_path: Path) -> None:
    path = tmp_path / "20201103__xx__general__precinct.csv"
    path.write_text(
        "county,precinct,office,district,party,candidate,votes\n"
        "A,P1,House,2,DEM,Ana,10\n"
        "A,P1,House," + "1" * 5000 + ",REP,Ben,1808.0\n"
    )
    for args in (["contests", str(path)], ["tally", str(path), "--office", "House", "--district", "2"]):
        result = run(args)
        assert result.exit_code == 2 and f"{path}:3:12: district 1111" in result.stderr, result.stderr
    path.write_text(
        "county,precinct,office,district,party,candidate,votes\n"
        "A,P1,House,02,DEM,Ana,10\n"
        "A,P1,House,02,REP,Ben,9007199254740993.0\n"
    )
    result = run(["tally", str(path), "--office", "House", "--district", "2", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    votes = {c["name"]: c["votes"] for c in json.loads(result.stdout)["contests"][0]["candidates"]}
    assert votes == {"Ana": 10, "Ben": 9007199254740993}


# -- 8. OpenElections files read block by block --------------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_openelections_blocks_give_exact_counts_and_lines(tmp_path: Path, monkeypatch: Any, newline: str) -> None:
    from electcli.readers.openelections import table

    monkeypatch.setattr(table, "BLOCK", 50)  # a block ends inside almost every row
    rows = [f"C{n % 3},P{n},Mayor,,,{name},{n * 7 + len(name)}" for n in range(40) for name in ("Ana", "Ben")]
    path = tmp_path / "20201103__xx__general__precinct.csv"
    path.write_bytes(newline.join(["county,precinct,office,district,party,candidate,votes", *rows, ""]).encode())
    assert table._load_streamed(str(path), str(path)) is not None  # the streamed reader read it
    result = run(["tally", str(path), "--office", "Mayor", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    votes = {c["name"]: c["votes"] for c in json.loads(result.stdout)["contests"][0]["candidates"]}
    assert votes == {"Ana": sum(n * 7 + 3 for n in range(40)), "Ben": sum(n * 7 + 3 for n in range(40))}
    rows[61] += ",extra"
    path.write_bytes(newline.join(["county,precinct,office,district,party,candidate,votes", *rows, ""]).encode())
    result = run(["tally", str(path), "--office", "Mayor"])
    assert result.exit_code == 2 and f"{path}:63: row has 8 fields" in result.stderr


def test_json_positions_point_at_every_member_and_item() -> None:
    from electcli.readers.json_where import position_of

    report = measure_report()
    for indent in (None, 1, 4):
        text = json.dumps(report, indent=indent)
        lines = text.split("\n")
        stack: list[tuple[list[str | int], Any]] = [([], report)]
        while stack:
            path, value = stack.pop()
            if path:
                line, column = position_of(text, path)
                at = lines[line - 1][column - 1 :]
                step = path[-1]
                # a member: its key's text; an item: the item's own first character
                assert at.startswith(json.dumps(step) if isinstance(step, str) else json.dumps(value)[0]), path
            if isinstance(value, dict):
                stack.extend(([*path, key], item) for key, item in value.items())
            elif isinstance(value, list):
                stack.extend(([*path, index], item) for index, item in enumerate(value))


def test_a_snapshot_holding_a_contest_twice_is_refused(race, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    document = snapshot(race)
    good = write(tmp_path, json.dumps(document, indent=1), "old.json")
    document["contests"].append(dict(document["contests"][0]))
    document["contests"][1]["candidates"] = [{"name": "Ana", "votes": 1}, {"name": "Ben", "votes": 50}]
    text = json.dumps(document, indent=1)
    path = write(tmp_path, text, "new.json")
    result = run(["diff", good, path])
    second = text.index('"name": "Mayor"', text.index('"name": "Mayor"') + 1)
    line = text.count("\n", 0, second) + 1
    assert result.exit_code == 2 and f"{path}:{line}:" in result.stderr and "twice" in result.stderr, result.stderr


def test_a_lone_surrogate_escape_is_refused(tmp_path: Path) -> None:
    text = json.dumps(measure_report(), indent=1).replace('"Content": "County"', '"Content": "Co\\ud800unty"')
    path = write(tmp_path, text)
    assert where(path, text, "\\ud800") + ": " in refused(path)
    paired = text.replace("\\ud800", "\\ud83d\\ude00")
    assert run(["tally", write(tmp_path, paired, "paired.json"), "--format", "json"]).exit_code == 0


# -- files cut short inside their last row --------------------------------------------------------


def test_a_csv_cut_inside_its_last_row_is_refused(race, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # "1808" cut to "18" would read as a count: a file that ends inside a row is refused.
    oe = tmp_path / "20201103__xx__general__precinct.csv"
    oe.write_text("county,precinct,office,district,party,candidate,votes\nA,P1,Gov,,DEM,Ana,10\nA,P1,Gov,,REP,Ben,18")
    result = run(["tally", str(oe), "--office", "Gov"])
    assert result.exit_code == 2 and f"{oe}:3:21: ends without a line end" in result.stderr, result.stderr
    (tmp_path / "counts.csv").write_text("unit,candidate,votes\r\nP1,Ana,10\r\nP1,Ben,18")
    path = race(
        """
        contests:
          - name: Mayor
            candidates: [{name: Ana}, {name: Ben}]
            results: {file: counts.csv}
        """
    )
    result = run(["tally", path])
    assert result.exit_code == 2 and f"{tmp_path / 'counts.csv'}:3:10: ends without a line end" in result.stderr


def test_openelections_quoted_files_are_streamed_too(tmp_path: Path, monkeypatch: Any) -> None:
    from electcli.readers.openelections import table

    monkeypatch.setattr(table, "CSV_ROWS", 3)
    rows = [f'C{n % 3},"P{n}, east",Mayor,,,"{name}",{n * 7 + len(name)}' for n in range(20) for name in ("Ana", "Ben")]
    path = tmp_path / "20201103__xx__general__precinct.csv"
    header = "county,precinct,office,district,party,candidate,votes"
    path.write_text("\n".join([header, *rows[:5], "", *rows[5:], ""]))  # a blank line too
    assert table._load_streamed(str(path), str(path)) is None
    assert table._load_streamed_csv(str(path), str(path)) is not None
    result = run(["tally", str(path), "--office", "Mayor", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    votes = {c["name"]: c["votes"] for c in json.loads(result.stdout)["contests"][0]["candidates"]}
    assert votes == {"Ana": sum(n * 7 + 3 for n in range(20)), "Ben": sum(n * 7 + 3 for n in range(20))}
    rows[30] = rows[30].replace('"P15, east"', '"P15\neast"').replace(",Ana,", ",Ana,").rsplit(",", 1)[0] + ",-3"
    path.write_text("\n".join([header, *rows[:5], "", *rows[5:], ""]))
    result = run(["tally", str(path), "--office", "Mayor"])
    # row 31 starts on line 33 (the header, then a blank line before it); its cell runs onto line 34
    assert result.exit_code == 2 and f"{path}:33:" in result.stderr and "negative" in result.stderr, result.stderr


def test_a_report_on_standard_input_is_read_the_same_way(tmp_path: Path) -> None:
    text = json.dumps(measure_report(no_type="Total"), indent=1)
    result = run(["tally", "-"], stdin=text)
    assert result.exit_code == 2 and where("-", text, '"Type": "Total"') + ": " in result.stderr, result.stderr
    exact = json.dumps(measure_report(yes=0, no=1), indent=1).replace('"Count": 0', '"Count": 9007199254740993.0')
    result = run(["tally", "-", "--format", "json"], stdin=exact)
    assert result.exit_code == 0, result.stderr
    votes = {c["name"]: c["votes"] for c in json.loads(result.stdout)["contests"][0]["candidates"]}
    assert votes == {"Yes": 9007199254740993, "No": 1}


def test_a_contest_name_used_twice_points_at_the_second(tmp_path: Path) -> None:
    report = measure_report()
    contests = report["Election"][0]["Contest"]
    contests.append(json.loads(json.dumps(contests[0])))
    contests[1]["@id"] = "m2"
    for selection in contests[1]["ContestSelection"]:
        selection["@id"] += "2"
    text = json.dumps(report, indent=1)
    path = write(tmp_path, text)
    second = text.index('"Name": "Measure 1"', text.index('"Name": "Measure 1"') + 1)
    line = text.count("\n", 0, second) + 1
    assert f"{path}:{line}:" in refused(path)


# Found by the fuzzer (rctab-config seed 308): a randomSeed of 4401 digits was a ValueError traceback
# (Python's int() refuses past 4,300 digits). Refused with the setting's place, as text or as a number.
@pytest.mark.parametrize(
    ("written", "column", "problem"),
    [('"' + "1" * 4401 + '"', 159, "randomSeed is '111"), ("1" * 4401, 173, "has 4401 digits")],
)
def test_an_rctab_random_seed_of_thousands_of_digits(tmp_path: Path, written: str, column: int, problem: str) -> None:
    rules = {
        "tiebreakMode": "random", "randomSeed": "SEED", "overvoteRule": "exhaustImmediately",
        "winnerElectionMode": "singleWinnerMajority", "numberOfWinners": "1", "decimalPlacesForVoteArithmetic": "4",
        "maxSkippedRanksAllowed": "1", "maxRankingsAllowed": "max", "batchElimination": False,
        "exhaustOnDuplicateCandidate": False,
    }  # fmt: skip
    config = {"tabulatorVersion": "TEST", "outputSettings": {"contestName": "T"}, "cvrFileSources": [],
              "candidates": [{"name": "A"}], "rules": rules}  # fmt: skip
    path = tmp_path / "config.json"
    path.write_text(json.dumps(config).replace('"SEED"', written), encoding="utf-8")
    result = run(["tally", str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"{path}:1:{column}: " in result.stderr and problem in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
