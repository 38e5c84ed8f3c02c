"""CSV rows that stand alone: each carries its contest's election, date, seats, total votes and
outcome, so rows from many files can be sorted and filtered without losing their context."""

from __future__ import annotations

import csv
import io

from tests.conftest import run

COUNCIL = """\
election: {name: City General, date: 2025-11-04}
contests:
  - name: Council
    seats: 2
    candidates: [{name: A, votes: 50}, {name: B, votes: 30}, {name: C, votes: 15}]
    write_ins: 5
"""
BARE = "name: Mayor\ncandidates: [{name: D, votes: 7}, {name: E, votes: 3}]\n"


def rows(*args: str) -> list[dict[str, str]]:
    result = run(["tally", *args, "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_every_row_carries_its_contest_context(race) -> None:  # type: ignore[no-untyped-def]
    found = rows(race(COUNCIL, "council.yaml"), race(BARE, "mayor.yaml"))
    council = [row for row in found if row["contest"] == "Council"]
    assert len(council) == 3
    for row in council:
        assert (row["election"], row["date"], row["seats"], row["total_votes"], row["outcome"]) == (
            "City General",
            "2025-11-04",
            "2",
            "100",  # write-ins count in the total
            "winner",
        )
    mayor = [row for row in found if row["contest"] == "Mayor"]
    # No `election:` in the file: empty, never borrowed from another file's rows.
    assert [(row["election"], row["date"], row["seats"], row["total_votes"]) for row in mayor] == [
        ("", "", "1", "10")
    ] * 2


def test_contract_columns_stay_first(race) -> None:  # type: ignore[no-untyped-def]
    header = run(["tally", race(BARE), "--format", "csv"]).stdout.splitlines()[0].split(",")
    assert header[:9] == ["contest", "rank", "candidate", "party", "votes", "share", "status", "outcome", "file"]
    assert header[9:] == ["election", "date", "seats", "total_votes"]


def test_unit_rows_carry_the_context_too(race) -> None:  # type: ignore[no-untyped-def]
    text = COUNCIL.replace(
        "    write_ins: 5\n",
        "    write_ins: 5\n    results: {by: ward, units: {W1: {A: 20, B: 30, C: 5, write_ins: 5}, W2: {A: 30, C: 10}}}\n",
    ).replace("{name: A, votes: 50}, {name: B, votes: 30}, {name: C, votes: 15}", "{name: A}, {name: B}, {name: C}")
    found = rows(race(text), "--by-unit")
    assert {row["unit"] for row in found} == {"W1", "W2"}
    for row in found:
        assert (row["outcome"], row["election"], row["date"], row["seats"], row["total_votes"]) == (
            "winner",
            "City General",
            "2025-11-04",
            "2",
            "100",
        )
