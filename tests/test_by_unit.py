"""`--by-unit`: each unit's counts, shares, leader and margin, in the table, JSON and CSV."""

from __future__ import annotations

import csv
import io
import json

from electcli.pipeline import tally_file
from electcli.tabulate.units import unit_rows
from tests.conftest import run

RACE = """\
name: Senate
rule: runoff
write_ins: 4
candidates: [{name: Tuberville}, {name: Sessions}, {name: Byrne}]
results:
  by: county
  units:
    Autauga: {Tuberville: 4329, Sessions: 3713, Byrne: 100, write_ins: 3}
    Baldwin: {Tuberville: 15021, Sessions: 13302, Byrne: 20000, write_ins: 1}
    Bibb: {Tuberville: 10, Sessions: 10}
"""


def test_unit_rows(race) -> None:  # type: ignore[no-untyped-def]
    (result,) = tally_file(race(RACE)).results
    autauga, baldwin, bibb = unit_rows(result.contest)
    assert autauga.total_votes == 4329 + 3713 + 100 + 3
    assert autauga.leaders == ("Tuberville",) and autauga.margin == 616
    assert baldwin.leaders == ("Byrne",) and baldwin.margin == 20000 - 15021
    assert bibb.votes == (("Tuberville", 10), ("Sessions", 10), ("Byrne", 0))
    assert bibb.leaders == ("Tuberville", "Sessions") and bibb.margin == 0
    # The units add up to the contest's totals.
    for index, candidate in enumerate(result.contest.candidates):
        assert sum(row.votes[index][1] for row in (autauga, baldwin, bibb)) == candidate.votes
    assert sum(row.total_votes for row in (autauga, baldwin, bibb)) == result.total_votes


def test_json_units(race) -> None:  # type: ignore[no-untyped-def]
    document = json.loads(run(["tally", race(RACE), "--by-unit", "--format", "json"]).stdout)
    contest = document["contests"][0]
    assert contest["units_by"] == "county"
    names = [unit["name"] for unit in contest["units"]]
    assert names == ["Autauga", "Baldwin", "Bibb"]
    baldwin = contest["units"][1]
    assert baldwin["total_votes"] == 48324 and baldwin["leader"] == "Byrne" and baldwin["write_ins"] == 1
    assert baldwin["margin"] == {"votes": 4979, "points": 4979 / 48324 * 100}
    assert baldwin["candidates"][2] == {"name": "Byrne", "votes": 20000, "share": 20000 / 48324}
    assert contest["units"][2]["leader"] is None and contest["units"][2]["tied_leaders"] == ["Tuberville", "Sessions"]


def test_no_units_without_the_flag(race) -> None:  # type: ignore[no-untyped-def]
    document = json.loads(run(["tally", race(RACE), "--format", "json"]).stdout)
    assert "units" not in document["contests"][0]


def test_table_units_largest_first_with_totals(race) -> None:  # type: ignore[no-untyped-def]
    result = run(["tally", race(RACE), "--by-unit"], env={"COLUMNS": "160"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    start = lines.index(next(line for line in lines if line.startswith("Senate by county")))
    body = [
        line.split()[0] for line in lines[start + 1 :] if line.strip() and not line.strip().startswith(("─", "County"))
    ]
    assert body[:4] == ["Baldwin", "Autauga", "Bibb", "Total"]
    assert "tied (2)" in result.stdout


def test_contest_without_units_says_so(race) -> None:  # type: ignore[no-untyped-def]
    result = run(["tally", race("name: S\ncandidates: [{name: A, votes: 1}]\n"), "--by-unit"])
    assert result.exit_code == 0 and "no results by reporting unit" in result.stdout


def test_csv_units(race) -> None:  # type: ignore[no-untyped-def]
    """`--by-unit --format csv`: one row per candidate per unit, units and candidates in the file's
    order, each with its unit's total and leader (none where the lead is tied)."""
    path = race(RACE)
    result = run(["tally", path, "--by-unit", "--format", "csv"])
    assert result.exit_code == 0 and result.stderr == ""
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    found = [(r["contest"], r["unit"], r["candidate"], r["votes"], r["unit_total"], r["unit_leader"]) for r in rows]
    # Totals and leaders worked out by hand from RACE (write-ins count in a unit's total).
    assert found == [
        ("Senate", "Autauga", "Tuberville", "4329", "8145", "Tuberville"),
        ("Senate", "Autauga", "Sessions", "3713", "8145", "Tuberville"),
        ("Senate", "Autauga", "Byrne", "100", "8145", "Tuberville"),
        ("Senate", "Baldwin", "Tuberville", "15021", "48324", "Byrne"),
        ("Senate", "Baldwin", "Sessions", "13302", "48324", "Byrne"),
        ("Senate", "Baldwin", "Byrne", "20000", "48324", "Byrne"),
        ("Senate", "Bibb", "Tuberville", "10", "20", ""),
        ("Senate", "Bibb", "Sessions", "10", "20", ""),
        ("Senate", "Bibb", "Byrne", "0", "20", ""),
    ]
    assert {r["file"] for r in rows} == {path}
    assert float(rows[0]["share"]) == 4329 / 8145 and float(rows[8]["share"]) == 0.0
    assert {r["outcome"] for r in rows} == {"runoff"}
    # the CSV says what the JSON says, unit by unit
    units = json.loads(run(["tally", path, "--by-unit", "--format", "json"]).stdout)["contests"][0]["units"]
    assert [(r["unit"], r["candidate"], int(r["votes"])) for r in rows] == [
        (unit["name"], c["name"], c["votes"]) for unit in units for c in unit["candidates"]
    ]
