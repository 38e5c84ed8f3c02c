"""Reconciliation of reported counts (ballots cast, over and under votes) with the votes."""

from __future__ import annotations

import json

import pytest

from electcli.readers import read_input
from electcli.tabulate import tabulate
from tests.conftest import run

BASE = "name: Mayor\ncandidates: [{name: A, votes: 500}, {name: B, votes: 470}]\n"


@pytest.mark.parametrize(
    ("extra", "expected", "actual"),
    [
        ("ballots_cast: 1000\nover_votes: 3\nunder_votes: 20\n", 1000, 993),
        ("ballots_cast: 900\n", 900, 970),  # more votes than ballots
        ("seats: 2\nballots_cast: 500\nunder_votes: 20\n", 1000, 990),
    ],
)
def test_gaps_name_both_numbers(race, extra: str, expected: int, actual: int) -> None:  # type: ignore[no-untyped-def]
    (gap,) = tabulate(read_input(race(BASE + extra)).contests[0]).gaps
    assert (gap.expected, gap.actual, gap.gap) == (expected, actual, expected - actual)
    assert f"{expected:,}" in gap.detail and f"{actual:,}" in gap.detail


@pytest.mark.parametrize(
    "extra",
    [
        "ballots_cast: 1000\nover_votes: 10\nunder_votes: 20\n",
        "ballots_cast: 1000\n",
        "ballots_cast: 970\nregistered_voters: 970\n",
        "",
    ],
)
def test_counts_that_agree_have_no_gap(race, extra: str) -> None:  # type: ignore[no-untyped-def]
    assert tabulate(read_input(race(BASE + extra)).contests[0]).gaps == ()


def test_more_ballots_than_voters(race) -> None:  # type: ignore[no-untyped-def]
    (gap,) = tabulate(read_input(race(BASE + "ballots_cast: 1000\nregistered_voters: 999\n")).contests[0]).gaps
    assert gap.check == "registered_voters"


def test_a_gap_is_a_warning_and_strict_makes_it_an_error(race) -> None:  # type: ignore[no-untyped-def]
    path = race(BASE + "ballots_cast: 1000\nover_votes: 3\nunder_votes: 20\n")
    shown = run(["tally", path])
    assert shown.exit_code == 0 and "Does not reconcile: 1,000 ballots cast, but" in shown.stdout
    document = json.loads(run(["tally", path, "--format", "json"]).stdout)
    assert document["contests"][0]["reconciliation"][0]["gap"] == 7
    assert document["contests"][0]["reported"] == {"ballots_cast": 1000, "over_votes": 3, "under_votes": 20}
    strict = run(["tally", path, "--strict"])
    assert strict.exit_code == 2 and strict.stdout == ""
    assert "do not reconcile" in strict.stderr and "993" in strict.stderr


def test_reported_counts_are_checked_as_counts(race) -> None:  # type: ignore[no-untyped-def]
    result = run(["tally", race(BASE + "ballots_cast: -5\n")])
    assert result.exit_code == 2 and ":3:15:" in result.stderr and "negative" in result.stderr
