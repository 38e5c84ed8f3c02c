"""Real ranked-choice elections, counted from their published ballots and compared round by round
with the published count.

Burlington, Vermont, mayor, March 3, 2009 (sample_races/burlington-2009-mayor.yaml, whose comment
has the full citations and the conversion of the ballot data):

- Ballots: PrefLib dataset 00005, file 00005-00000002.toi (GitHub PrefLib/PrefLib-Data,
  "datasets/00005 - burlington/00005-00000002.toi"), every one of the 8,980 valid ballots.
- Official rounds: the City of Burlington's "2009 Burlington Mayor Detail Report" (ChoicePlus Pro
  2.3.2), published in the city's "2009 Burlington Mayor.zip",
  https://web.archive.org/web/20110725112731/http://www.burlingtonvotes.org/20090303/2009%20Burlington%20Mayor.zip
  and read as reproduced in GitHub willbarkoff/willbarkoff.github.io,
  public/img/2021-06-13-ranked-choice/burlington.md.
- Independent tabulation of the city's own ballot listing: ranked.vote, GitHub
  ranked-vote/ranked-vote-data, reports/us/vt/btv/2009/03/mayor/report.json.

Burlington, Vermont, mayor, March 7, 2006 (sample_races/burlington-2006-mayor.yaml):

- Ballots: PrefLib dataset 00005, file 00005-00000001.toi, all 9,788 ballots.
- Published rounds (no official report found): Burlington Free Press, March 8, 2006, reposted at
  https://lists.csbs.utah.edu/pipermail/marxism/2006-March/139573.html ; AP in the Times Argus,
  March 8, 2006; Wikipedia "2006 Burlington mayoral election".

The city counted with ChoicePlus Pro (the 2009 report says so), and its figures count an overvote for
the one marked candidate still continuing. Both sample race files say `overvote:
exhaust_if_multiple_continuing` (electcli's extension of the contract: RCTab's "exhaust if multiple
continuing" rule), and their counts reproduce the published rounds exactly; each is also counted
here with the contract's `overvote: exhaust`, which differs from the published figures by one ballot.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from fractions import Fraction

import pytest

from electcli.model import Contest
from electcli.ranked.engine import count_ranked
from electcli.ranked.rounds import EXHAUSTED, EXHAUSTED_CHOICES, OVERVOTES, RankedResult, Round
from electcli.ranked.rules import EXHAUST, EXHAUST_IF_MULTIPLE_CONTINUING, SKIP
from electcli.readers import read_input
from tests.conftest import SAMPLES, run

BURLINGTON_2009 = SAMPLES / "burlington-2009-mayor.yaml"
KISS, MONTROLL, SIMPSON, SMITH, WRIGHT, WRITE_IN = (
    "Bob Kiss", "Andy Montroll", "James Simpson", "Dan Smith", "Kurt Wright", "Write-in",
)  # fmt: skip

# The Detail Report's rounds: each candidate's TOTAL column and the EXHAUSTED PILE, in the report's
# words "8,980 valid ballots" (the 4 invalid ballots are outside every total).
OFFICIAL_VALID_BALLOTS = 8980
OFFICIAL_ROUNDS: list[tuple[dict[str, int], int]] = [
    ({WRIGHT: 2951, KISS: 2585, MONTROLL: 2063, SMITH: 1306, WRITE_IN: 36, SIMPSON: 35}, 4),
    ({WRIGHT: 3294, KISS: 2981, MONTROLL: 2554}, 151),
    ({KISS: 4313, WRIGHT: 4061}, 606),
]
# The report's THIS ROUND column: what each round gained from the candidates defeated before it.
OFFICIAL_GAINS: list[dict[str, int]] = [
    {WRIGHT: 343, KISS: 396, MONTROLL: 491, EXHAUSTED: 147},  # round 2, from Smith, Write-in, Simpson
    {KISS: 1332, WRIGHT: 767, EXHAUSTED: 455},  # round 3, from Montroll
]


@pytest.fixture(scope="module")
def contest() -> Contest:
    (only,) = read_input(str(BURLINGTON_2009)).contests
    return only


@pytest.fixture(scope="module")
def as_filed(contest: Contest) -> RankedResult:
    """The count under the race file's own options (overvote: exhaust_if_multiple_continuing, the rule
    the city's software applied to overvotes; batch elimination)."""
    assert contest.ballots is not None and contest.ranked is not None
    return count_ranked(contest.ballots, contest.ranked)


@pytest.fixture(scope="module")
def under_exhaust(contest: Contest) -> RankedResult:
    """The count under the contract's `overvote: exhaust` (the ballot stops at any overvote)."""
    assert contest.ballots is not None and contest.ranked is not None
    return count_ranked(contest.ballots, dataclasses.replace(contest.ranked, overvote=EXHAUST))


def tally(round_: Round) -> dict[str, Fraction]:
    return {name: votes for name, votes in round_.tally.items() if votes}


def gains(round_: Round) -> dict[str, Fraction]:
    """Votes moved out of the candidates defeated in ``round_``, summed by where they went."""
    moved: dict[str, Fraction] = {}
    for targets in round_.transfers.values():
        for target, votes in targets.items():
            moved[target] = moved.get(target, Fraction(0)) + votes
    return {target: votes for target, votes in moved.items() if votes}


def test_the_file_holds_every_valid_ballot_as_published(contest: Contest) -> None:
    # 8,980 valid ballots (Detail Report; PrefLib "NUMBER VOTERS: 8980"), in PrefLib's 384 distinct
    # orders ("NUMBER UNIQUE ORDERS: 384"), six of them with two candidates marked at one rank
    # (PrefLib's "{1,6}", "{5,6}" x3, "{3,5}", "{1,2}").
    ballots = contest.ballots
    assert ballots is not None
    assert ballots.total == OFFICIAL_VALID_BALLOTS
    assert len(ballots.rankings) == 384
    pairs = zip(ballots.rankings, ballots.counts, strict=True)
    assert sum(count for ranking, count in pairs if any(len(rank) > 1 for rank in ranking)) == 6
    assert contest.ranked is not None
    assert contest.ranked.overvote == EXHAUST_IF_MULTIPLE_CONTINUING and contest.ranked.batch_elimination


@pytest.mark.parametrize("count", ["as_filed", "under_exhaust"])
def test_kiss_is_elected_in_round_3(count: str, request: pytest.FixtureRequest) -> None:
    # Detail Report, round 3: "Bob Kiss has been ELECTED because s/he has a majority of the
    # remaining votes", after Smith, Write-in and Simpson (round 1) and Montroll (round 2).
    result: RankedResult = request.getfixturevalue(count)
    assert result.outcome == "winner" and result.winners == (KISS,)
    assert result.total_ballots == OFFICIAL_VALID_BALLOTS and result.undervotes == 0
    assert len(result.rounds) == 3
    first, second, third = result.rounds
    assert set(first.eliminated) == {SMITH, WRITE_IN, SIMPSON}  # dropped together: 1,377 < 2,063
    assert second.eliminated == (MONTROLL,)
    assert third.elected == (KISS,)
    assert not result.ties
    for round_ in result.rounds:  # every ballot is counted or inactive, every round
        assert round_.active + round_.inactive_total == OFFICIAL_VALID_BALLOTS


def test_race_file_count_reproduces_every_official_round(as_filed: RankedResult) -> None:
    # The city's count (ChoicePlus) gave an overvote to the one marked candidate still continuing,
    # and exhausted it when two or more were: the race file's `overvote:
    # exhaust_if_multiple_continuing` (RCTab's "exhaust if multiple continuing"), the only one of
    # electcli's overvote rules under which every figure below comes out. Once in the exhausted pile
    # a ballot stayed there: the four rank-1 overvotes (each with Write-in) are still in round 2's
    # pile of 151 after Write-in's defeat.
    for round_, (official_tally, official_exhausted) in zip(as_filed.rounds, OFFICIAL_ROUNDS, strict=True):
        assert tally(round_) == official_tally
        assert round_.inactive_total == official_exhausted
    for round_, official in zip(as_filed.rounds[:2], OFFICIAL_GAINS, strict=True):
        assert gains(round_) == official


def test_overvote_exhaust_matches_rounds_1_and_2_and_differs_by_one_overvote_in_round_3(
    under_exhaust: RankedResult,
) -> None:
    # `overvote: exhaust` stops a ballot at its overvote even when only one marked candidate is
    # continuing. One ballot (Montroll, Smith, Simpson|Wright, Kiss) reaches its overvote in round
    # 3 with Simpson already out: the report's figures count it for Wright, this count exhausts it. So round
    # 3 has Wright 4,060 and 607 inactive instead of the report's 4,061 and 606; ranked.vote's
    # tabulation of the city's ballot listing gets the same 4,060 / 607 (its round 3: "Kurt
    # Wright" 4060, "$EXHAUSTED" 607, "overvote": 5).
    for round_, (official_tally, official_exhausted) in zip(under_exhaust.rounds[:2], OFFICIAL_ROUNDS[:2], strict=True):
        assert tally(round_) == official_tally
        assert round_.inactive_total == official_exhausted
    assert gains(under_exhaust.rounds[0]) == OFFICIAL_GAINS[0]
    third = under_exhaust.rounds[2]
    assert tally(third) == {KISS: 4313, WRIGHT: 4060}
    assert third.inactive_total == 607
    assert gains(under_exhaust.rounds[1]) == {KISS: 1332, WRIGHT: 766, EXHAUSTED: 456}


@pytest.mark.parametrize("count", ["as_filed", "under_exhaust"])
def test_round_1_transfers_match_ranked_vote_by_defeated_candidate(count: str, request: pytest.FixtureRequest) -> None:
    # ranked.vote's report.json, round 2 "transfers" (from the city's ballot listing): Smith to
    # Kiss 370, Montroll 472, Wright 332, exhausted 132; Write-in 7, 13, 5, 11; Simpson 19, 6, 6, 4.
    # No overvote is reached in this transfer, so both overvote rules agree; the sums are the
    # Detail Report's round 2 gains (+396, +491, +343, +147).
    result: RankedResult = request.getfixturevalue(count)
    moved = {
        source: {target: votes for target, votes in targets.items() if votes}
        for source, targets in result.rounds[0].transfers.items()
    }
    assert moved == {
        SMITH: {KISS: 370, MONTROLL: 472, WRIGHT: 332, EXHAUSTED: 132},
        WRITE_IN: {KISS: 7, MONTROLL: 13, WRIGHT: 5, EXHAUSTED: 11},
        SIMPSON: {KISS: 19, MONTROLL: 6, WRIGHT: 6, EXHAUSTED: 4},
    }


def test_thresholds_are_majorities_of_continuing_votes(as_filed: RankedResult) -> None:
    # The Detail Report prints "Winning threshold is 4491 votes" (Droop: 8,980 // 2 + 1) yet elects
    # Kiss with 4,313, "a majority of the remaining votes" (4,313 of 4,313 + 4,061 = 8,374). irv
    # works the same way: each round's threshold is a majority of that round's continuing votes.
    assert [round_.threshold for round_ in as_filed.rounds] == [8976 // 2 + 1, 8829 // 2 + 1, 8374 // 2 + 1]
    assert as_filed.rounds[2].tally[KISS] >= as_filed.rounds[2].threshold


def test_overvote_exhaust_inactive_reasons_match_ranked_vote(
    as_filed: RankedResult, under_exhaust: RankedResult
) -> None:
    # ranked.vote's report.json splits its exhausted ballots by reason, round by round:
    # "overvote" 4, 4, 5 and "undervote" (no continuing choice left) 0, 147, 602. ranked.vote
    # exhausts a ballot at any overvote, as `overvote: exhaust` does.
    reasons: list[Mapping[str, Fraction]] = [round_.inactive for round_ in under_exhaust.rounds]
    assert [r.get(OVERVOTES, 0) for r in reasons] == [4, 4, 5]
    assert [r.get(EXHAUSTED_CHOICES, 0) for r in reasons] == [0, 147, 602]
    # The race file's own count differs only by that one overvoted ballot, counted for Wright.
    filed: list[Mapping[str, Fraction]] = [round_.inactive for round_ in as_filed.rounds]
    assert [r.get(OVERVOTES, 0) for r in filed] == [4, 4, 4]
    assert [r.get(EXHAUSTED_CHOICES, 0) for r in filed] == [0, 147, 602]


def test_election_night_first_round_is_the_count_with_overvotes_skipped(contest: Contest) -> None:
    # WCAX News, "Kiss Wins in Instant Runoff Voting" (March 3, 2009), reposted at
    # https://archive.fairvote.org/rtv/index.php?articlemode=showspecific&page=17&showarticle=3498 :
    # "Initial Round: Kurt Wright (R) 2952 ... Bob Kiss (P) 2585 ... Andy Montroll (D) 2065 ...
    # Dan Smith (I) 1307", one or two more than the Detail Report for three of them. Those are the
    # first-round figures these ballots give when an overvote passes on to the next rank (the four
    # rank-1 overvotes go on to Wright, Smith and Montroll twice) instead of exhausting: figures from
    # a different overvote rule, not different ballots. The report's count is the official one.
    assert contest.ballots is not None and contest.ranked is not None
    result = count_ranked(contest.ballots, dataclasses.replace(contest.ranked, overvote=SKIP))
    first = result.rounds[0]
    assert {name: first.tally[name] for name in (WRIGHT, KISS, MONTROLL, SMITH)} == {
        WRIGHT: 2952,
        KISS: 2585,
        MONTROLL: 2065,
        SMITH: 1307,
    }
    assert first.inactive_total == 0


def test_check_confirms_the_expected_winner() -> None:
    # The sample's `expected:` (Bob Kiss, outcome winner) holds, through the CLI as CI runs it.
    result = run(["check", str(BURLINGTON_2009)])
    assert result.exit_code == 0, result.output


# --- 2006 --------------------------------------------------------------------------------------

BURLINGTON_2006 = SAMPLES / "burlington-2006-mayor.yaml"
CURLEY, BEAUDIN, MILLER, PLOOF, WRITE_INS = (
    "Kevin J. Curley", "Louie The Cowman Beaudin", "Hinda Miller", "Loyal Ploof", "Write-Ins",
)  # fmt: skip
# Free Press: "Curley received 2,609 votes in the first round. Independents Louie 'The Cowman'
# Beaudin and Loyal Ploof had 119 and 57 votes"; Wikipedia: first round Kiss 3,809, Miller 3,106.
# The write-ins' first-round count was not published in any source read, so it is not checked.
PUBLISHED_2006_ROUND_1 = {KISS: 3809, MILLER: 3106, CURLEY: 2609, BEAUDIN: 119, PLOOF: 57}
# Free Press and AP: "4,761 for Kiss and 3,986 for Miller"; Free Press: the second round "gave Kiss
# an additional 952 votes and Miller an additional 880".
PUBLISHED_2006_ROUND_2 = {KISS: 4761, MILLER: 3986}
PUBLISHED_2006_GAINS = {KISS: 952, MILLER: 880}


def count_2006(overvote: str | None = None) -> RankedResult:
    """The race file's count, or (given ``overvote``) the count with that overvote rule instead."""
    (only,) = read_input(str(BURLINGTON_2006)).contests
    assert only.ballots is not None and only.ranked is not None
    assert only.ballots.total == 9788 and len(only.ballots.rankings) == 483  # PrefLib's header
    assert only.ranked.overvote == EXHAUST_IF_MULTIPLE_CONTINUING and only.ranked.batch_elimination
    rules = only.ranked if overvote is None else dataclasses.replace(only.ranked, overvote=overvote)
    return count_ranked(only.ballots, rules)


def test_burlington_2006_race_file_count_reproduces_the_published_rounds() -> None:
    # The race file's `overvote: exhaust_if_multiple_continuing` is the rule under which every
    # published figure below comes out (see the sample's comment).
    result = count_2006()
    assert result.winners == (KISS,) and len(result.rounds) == 2
    first, second = result.rounds
    # AP: "Curley and two trailing independent candidates were dropped out of the count" together
    # (with the write-ins) after the first count.
    assert set(first.eliminated) == {CURLEY, BEAUDIN, PLOOF, WRITE_INS}
    assert {name: first.tally[name] for name in PUBLISHED_2006_ROUND_1} == PUBLISHED_2006_ROUND_1
    assert tally(second) == PUBLISHED_2006_ROUND_2
    moved = gains(first)
    assert {name: moved[name] for name in PUBLISHED_2006_GAINS} == PUBLISHED_2006_GAINS
    assert second.elected == (KISS,)
    for round_ in result.rounds:
        assert round_.active + round_.inactive_total == 9788


def test_burlington_2006_overvote_exhaust_differs_by_one_overvote() -> None:
    # `overvote: exhaust` stops the ballot Curley, Beaudin|Miller, Kiss|Ploof|Write-Ins at its
    # second rank once Curley is out; the published 3,986 counts it for Miller, the only continuing candidate
    # marked there. Round 1 and Kiss's total agree with the published figures either way.
    result = count_2006(EXHAUST)
    first, second = result.rounds
    assert {name: first.tally[name] for name in PUBLISHED_2006_ROUND_1} == PUBLISHED_2006_ROUND_1
    assert tally(second) == {KISS: 4761, MILLER: 3985}
    assert result.winners == (KISS,)
    for round_ in result.rounds:
        assert round_.active + round_.inactive_total == 9788
    # exactly that one ballot: one more inactive, in round 2 only, than the race file's own count
    filed = count_2006()
    assert [r.inactive_total for r in result.rounds] == [
        filed.rounds[0].inactive_total,
        filed.rounds[1].inactive_total + 1,
    ]


def test_check_confirms_the_2006_expected_winner() -> None:
    result = run(["check", str(BURLINGTON_2006)])
    assert result.exit_code == 0, result.output
