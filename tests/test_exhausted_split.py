"""Exhausted ballots split as official reports count them (issue 13, point 7): those that marked
every rank (up to the ballot's last, none skipped) and those that left ranks unused. Hand-counted."""

from __future__ import annotations

import pytest

from electcli.present.ranked_records import round_record
from electcli.ranked.engine import count_ranked
from electcli.ranked.rules import RankedRules
from tests.test_ranked_engine import contest


@pytest.mark.parametrize("max_rankings", [None, 3])
def test_exhausted_split_by_ranks_used(max_rankings: int | None) -> None:
    ballots = contest(
        "ABCDE",
        (10, ["A"]),
        (9, ["B"]),
        (4, ["C", "D", "E"]),  # every rank used: exhausted when C, D and E are out
        (2, ["D", "C"]),  # a rank left unused
        (1, ["E", None, "D"]),  # the last rank marked, but one skipped
    )
    result = count_ranked(ballots, RankedRules(max_rankings=max_rankings))
    # E out (to D), then D (to C; E's ballot exhausts), then C (all exhaust)
    assert [round_.eliminated for round_ in result.rounds] == [("E",), ("D",), ("C",), ()]
    exhausted = [round_.inactive["exhausted_choices"] for round_ in result.rounds]
    all_used = [round_.exhausted_all_ranks for round_ in result.rounds]
    assert exhausted == [0, 0, 1, 7]
    assert all_used == [0, 0, 0, 4]
    record = round_record(result.rounds[-1])
    assert record["exhausted_choices_by_ranks"] == {"all_ranks_used": 4, "ranks_left_unused": 3}
    assert result.winners == ("A",)
