"""What the differential test against RCTab 2.0.1 (tests/test_rctab_differential.py) found: each a
contest RCTab counts that electcli refused or counted differently, now counted as RCTab counts it.

The expected figures are worked out by hand in the comments, not taken from either program.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

from electcli.ranked.ballots import BallotGroups
from electcli.ranked.engine import count_ranked
from electcli.ranked.rules import RankedRules
from electcli.readers import read_input
from tests.conftest import run


def _config(tmp_path: Path, cvr: str, rules: dict[str, Any], names: str = "ABC") -> Path:
    (tmp_path / "cvr.csv").write_text(cvr, encoding="utf-8")
    config = {
        "tabulatorVersion": "TEST",
        "outputSettings": {"contestName": "Test", "outputDirectory": "output"},
        "cvrFileSources": [
            {
                "filePath": "cvr.csv",
                "provider": "genericCsv",
                "firstVoteColumnIndex": "2",
                "firstVoteRowIndex": "2",
                "undeclaredWriteInLabel": "UWI",
            }
        ],
        "candidates": [{"name": name} for name in names],
        "rules": {
            "tiebreakMode": "useCandidateOrder",
            "overvoteRule": "exhaustImmediately",
            "winnerElectionMode": "singleWinnerMajority",
            "numberOfWinners": "1",
            "decimalPlacesForVoteArithmetic": "4",
            "maxSkippedRanksAllowed": "unlimited",
            "maxRankingsAllowed": "max",
            **rules,
        },
    }
    path = tmp_path / "config.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    return path


def load_rctab_config(path: Path) -> tuple[RankedRules, BallotGroups]:
    """The configuration's rules and ballots, read as ``electcli tally CONFIG`` reads them."""
    (contest,) = read_input(str(path)).contests
    assert contest.ranked is not None and contest.ballots is not None
    return contest.ranked, contest.ballots


def test_max_rankings_max_reads_a_rank_above_the_declared_candidates(tmp_path: Path) -> None:
    # Three candidates and a write-in column: a ballot may rank all four. RCTab 2.0.1 reads rank 4
    # ("max" bounds nothing); electcli refused it as out of range.
    cvr = "id,A,B,C,UWI\n1,1,2,3,4\n2,,1,,\n3,,,1,\n4,2,,,1\n"
    rules_read, ballots = load_rctab_config(_config(tmp_path, cvr, {}))
    assert rules_read.max_rankings is None
    assert ballots.total == 4
    result = count_ranked(ballots, rules_read)
    # round 1: A 1, B 1, C 1, UWI 1 (threshold 3 of 4); the write-ins go first, to A (ballot 4)
    assert dict(result.rounds[0].tally) == {"A": 1, "B": 1, "C": 1, "Undeclared Write-ins": 1}
    assert dict(result.rounds[1].tally) == {"A": 2, "B": 1, "C": 1}


def test_a_decimal_bottoms_up_percentage_is_exact(tmp_path: Path) -> None:
    # "12.5" is a percentage RCTab accepts (a decimal from 1 to 100); the share is 1/8 exactly,
    # not cut to the vote arithmetic's decimal places (with 1 decimal place, 25% is not 0.2)
    cvr = "id,A,B,C,UWI\n" + "1,1,,,\n" * 5 + "2,,1,,\n" * 4 + "3,,,1,\n"
    rules = {"winnerElectionMode": "bottomsUpUsingPercentageThreshold", "numberOfWinners": "0"}
    rules_read, ballots = load_rctab_config(
        _config(tmp_path, cvr, {**rules, "multiSeatBottomsUpPercentageThreshold": "12.5"})
    )
    assert rules_read.bottoms_up_threshold == Fraction(1, 8)
    result = count_ranked(ballots, rules_read)
    assert result.rounds[0].threshold == Fraction(10, 8)  # 10 votes x 1/8
    rules["decimalPlacesForVoteArithmetic"] = "1"
    rules_read, ballots = load_rctab_config(
        _config(tmp_path, cvr, {**rules, "multiSeatBottomsUpPercentageThreshold": "25"})
    )
    assert count_ranked(ballots, rules_read).rounds[0].threshold == Fraction(10, 4)  # 2.5, not 10 x 0.2


def test_a_later_pass_with_one_candidate_left_elects_that_candidate(tmp_path: Path) -> None:
    # Multi-pass IRV, two seats, two candidates, continue until two: pass 1 elects A (2 of 3).
    # Pass 2 has B alone. electcli counted no round there and reported one winner for two seats;
    # RCTab 2.0.1 tabulates no round either and then fails (a NullPointerException). A pass is a
    # single-seat count, and a lone candidate holds every continuing vote: one round, B elected
    # (as RCTab counts the same pass without continueUntilTwoCandidatesRemain).
    cvr = "id,A,B,UWI\n1,1,2,\n2,1,,\n3,,1,\n"
    rules = {"winnerElectionMode": "multiPassIrv", "numberOfWinners": "2", "continueUntilTwoCandidatesRemain": True}
    rules_read, ballots = load_rctab_config(_config(tmp_path, cvr, rules, names="AB"))
    result = count_ranked(ballots, rules_read)
    assert result.winners == ("A", "B")
    second = result.passes[1]
    assert len(second.rounds) == 1
    # ballot 1 (A then B) and ballot 3; the write-in placeholder (a UWI column) holds none
    assert dict(second.rounds[0].tally) == {"B": 2, "Undeclared Write-ins": 0}
    assert second.rounds[0].elected == ("B",)


def test_a_candidate_order_tie_with_the_undeclared_write_ins_is_settled(tmp_path: Path) -> None:
    # Two seats, one per round. Round 1: A 2 of 3 (threshold 2) is elected. Round 2: B 1, C 0 and the
    # write-ins 0: C and the write-ins tie for last. RCTab's order (the candidates, A B C) never
    # holds the write-ins: it eliminates the last of the tied it holds, C. electcli refused the
    # tie as one its order leaves open.
    cvr = "id,A,B,C,UWI\n1,1,,,\n2,1,,,\n3,,1,,\n"
    rules = {"winnerElectionMode": "multiWinnerAllowOnlyOneWinnerPerRound", "numberOfWinners": "2"}
    done = run(["tally", "--format", "json", str(_config(tmp_path, cvr, rules))])
    assert done.exit_code == 0, done.stderr
    (contest,) = json.loads(done.stdout)["contests"]
    assert contest["rounds"][1]["eliminated"] == ["C"]
    assert contest["winners"] == ["A", "B"]
