"""RCTab's own regression cases, read and counted by electcli, and its CVR formats read directly.

The cases (RCTab's test_data: a contest configuration, its cast vote records and the detailed
report RCTab 2.0 wrote, MPL-2.0) are not in this repository: they live in the shared folder, in
``conformance/rctab``. Set ``ELECTCLI_SHARED`` to that shared folder; by default it is the
``shared`` folder beside the repository. When it is absent the module skips with one line saying
where it looked; ``.ci/run`` sets ``ELECTCLI_REQUIRE_SHARED=1``, which turns that skip into a
failure, because a conformance suite that skipped itself in CI would look like one that passed.

For every case with an ``*_expected_detailed_report.json``, read and counted by the function
``electcli tally`` runs (``pipeline.tally_file``: the input dispatcher, the RCTab reader, the
model's checks, ``tabulate``), not by a loader of the tests' own:

- reading: the configuration and all its cast vote records load, the ballot total is the report's
  ``totalNumBallots``, and the first round, counted here from the grouped ballots independently of
  the engine, is the report's first-round tally;
- counting: winners, and for every round the tally,
  threshold, inactive ballots by reason, and who was elected or eliminated, equal the report's,
  compared as exact decimals. Multi-pass IRV cases have one report per pass.

Two cases name CVR files that the shared copy does not include; they are expected failures while
those files are absent, and turn strict the moment the files appear.

The reader tests at the end use small files in tests/fixtures/cvr that imitate each format (the
README there says what each imitates), including malformed ones.
"""

from __future__ import annotations

import json
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from electcli.errors import InputError, Location
from electcli.model import Contest
from electcli.pipeline import tally_file
from electcli.ranked.ballots import OVERVOTE, BallotGrouper, BallotGroups
from electcli.ranked.engine import count_ranked
from electcli.ranked.errors import CountAbortedError
from electcli.ranked.rounds import RankedResult
from electcli.ranked.rules import (
    EXHAUST,
    EXHAUST_IF_MULTIPLE_CONTINUING,
    MAJORITY,
    MULTI_PASS_IRV,
    MULTI_WINNER,
    SKIP,
    TIE_GENERATE_PERMUTATION,
    TIE_ORDER,
    TIE_RANDOM,
    TIE_STOP,
    RankedRules,
)
from electcli.readers import is_rctab_config, read_input
from electcli.readers.cvr import read_cvr
from electcli.readers.cvr.source import CandidateNames, CvrSource
from electcli.readers.named_paths import allowed_folders
from electcli.readers.rctab.config import (
    UNDECLARED_WRITE_INS,
    parse_rctab_config,
)
from electcli.tabulate.result import Tallied
from tests.shared_data import shared_path

CONFORMANCE = shared_path("conformance/rctab", whole_module=True)
SCHEMA = shared_path("schemas/NIST_V0_cast_vote_records.json", whole_module=True)
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "cvr"


@pytest.fixture(autouse=True)
def _shared_sources_allowed() -> Iterator[None]:
    """RCTab's cases name their CVR files in a sibling folder (``../_shared``), as `--allow-path` allows."""
    with allowed_folders([str(CONFORMANCE)]):
        yield


# Cases whose cast vote records the shared copy leaves out (RCTab keeps them compressed): the path
# that is missing, relative to the case folder.
MISSING_DATA = {
    "2018_maine_governor_primary": "2018_maine_governor_primary_cvr.xlsx",
    "dominion_kansas": "kansas_input_data/CvrExport.json",
}

# RCTab's names for the inactive-ballot reasons -> electcli's (Round.inactive keys)
INACTIVE_KEYS = {
    "exhaustedChoices": "exhausted_choices",
    "overvotes": "overvotes",
    "skippedRankings": "skipped_rankings",
    "repeatedRankings": "repeated_rankings",
    "finalRoundSurplus": "final_round_surplus",
}


def _cases() -> list[str]:
    return sorted(
        folder.name
        for folder in CONFORMANCE.iterdir()
        if folder.is_dir() and any(folder.glob("*_expected_detailed_report.json"))
    )


CASES = _cases()


def test_conformance_cases_are_there() -> None:
    assert len(CASES) >= 60, f"only {len(CASES)} cases with an expected report under {CONFORMANCE}"


# -- one case ---------------------------------------------------------------------------------------

_tallied: dict[str, Tallied] = {}


def _config_of(case: str) -> Path:
    configs = sorted((CONFORMANCE / case).glob("*config.json"))
    assert len(configs) == 1, f"{case}: expected one configuration, found {configs}"
    return configs[0]


def _reports(case: str) -> list[dict[str, Any]]:
    paths = sorted((CONFORMANCE / case).glob("*_expected_detailed_report.json"))
    return [json.loads(path.read_text(encoding="utf-8")) for path in paths]


def _tally(case: str) -> Tallied:
    """The case read and counted by the function ``electcli tally`` runs (pipeline.tally_file):
    the production path, every source read; an expected failure while its data is missing."""
    if case in _tallied:
        return _tallied[case]
    missing = MISSING_DATA.get(case)
    if missing and not (CONFORMANCE / case / missing).exists():
        pytest.xfail(f"the shared copy of this case lacks {missing}")
    _tallied[case] = tally_file(str(_config_of(case)))
    return _tallied[case]


def counted_case(case: str) -> tuple[RankedRules, BallotGroups, RankedResult]:
    """The case's rules, ballots and count, as ``electcli tally`` reads and counts it."""
    try:
        (result,) = _tally(case).results
    except InputError as error:
        if "cannot be counted" in str(error):
            pytest.skip("RCTab stops this count with an error, and so does electcli")
        raise
    contest = result.contest
    assert contest.ranked is not None and contest.ballots is not None and result.ranked is not None
    return contest.ranked, contest.ballots, result.ranked


def _contest_of(path: Path) -> Contest:
    """A configuration's one contest, read as ``electcli tally`` reads it."""
    (contest,) = read_input(str(path)).contests
    return contest


def _exact(text: str) -> Fraction:
    return Fraction(Decimal(text))


@pytest.mark.parametrize("case", CASES)
def test_case_reads_every_ballot(case: str) -> None:
    (contest,) = _tally(case).race.contests
    report = _reports(case)[0]
    assert contest.ballots is not None
    assert contest.ballots.total == int(report["summary"]["totalNumBallots"])
    assert contest.name == report["config"]["contest"]


@pytest.mark.parametrize("case", CASES)
def test_case_first_round(case: str) -> None:
    """The first round, counted here from the ballots as read, is the report's: a check of the
    readers that does not depend on the engine."""
    (contest,) = _tally(case).race.contests
    assert contest.ballots is not None and contest.ranked is not None
    report = _reports(case)[0]
    first = report["results"][0]
    tally, inactive = first_round(contest.ballots, contest.ranked)
    expected = {name: _exact(votes) for name, votes in first["tally"].items()}
    assert {name: Fraction(tally.get(name, 0)) for name in expected} == expected
    assert not set(tally) - set(expected), f"counted for candidates RCTab does not list: {set(tally) - set(expected)}"
    for key, value in first["inactiveBallots"].items():
        if key in ("exhaustedChoices", "overvotes", "skippedRankings"):
            assert Fraction(inactive.get(INACTIVE_KEYS[key], 0)) == _exact(value), key


def first_round(ballots: BallotGroups, rules: RankedRules) -> tuple[Counter[str], Counter[str]]:
    """Round one by RCTab's rules, written out plainly: each ballot's first usable rank."""
    excluded = {i for i, name in enumerate(ballots.candidates) if name in rules.excluded}
    tally: Counter[str] = Counter()
    inactive: Counter[str] = Counter()
    for ranking, count in zip(ballots.rankings, ballots.counts, strict=True):
        ranks = ranking[: rules.max_rankings] if rules.max_rankings else ranking
        last = 0
        outcome: str | None = None
        for position, rank in enumerate(ranks, start=1):
            if not rank:
                continue
            if rules.max_skipped is not None and position - last - 1 > rules.max_skipped:
                outcome = "skipped_rankings"
                break
            last = position
            if len(rank) > 1 or OVERVOTE in rank:
                if rules.overvote == EXHAUST or (OVERVOTE in rank and rules.overvote != SKIP):
                    outcome = "overvotes"
                    break
                if rules.overvote == EXHAUST_IF_MULTIPLE_CONTINUING:
                    continuing = [c for c in set(rank) if c not in excluded]
                    if len(continuing) > 1:
                        outcome = "overvotes"
                        break
                    if continuing:
                        outcome = ballots.candidates[continuing[0]]
                        break
                continue
            if rank[0] not in excluded:
                outcome = ballots.candidates[rank[0]]
                break
        if outcome in (None, "overvotes", "skipped_rankings"):
            if last or outcome:  # a ballot that marked no rank at all is an undervote, not inactive
                inactive[outcome or "exhausted_choices"] += count
        else:
            assert outcome is not None
            tally[outcome] += count
    return tally, inactive


# -- the count -------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES)
def test_case_matches_rctab(case: str) -> None:
    (counted,) = _tally(case).results  # as `electcli tally` counts it
    result = counted.ranked
    assert result is not None and counted.contest.ranked is not None
    reports = _reports(case)
    if counted.contest.ranked.winner_mode == MULTI_PASS_IRV:
        assert len(result.passes) == len(reports), f"{len(result.passes)} passes, RCTab ran {len(reports)}"
        for number, (one_pass, report) in enumerate(zip(result.passes, reports, strict=True), start=1):
            _compare(one_pass, report, f"pass {number}: ")
        assert list(result.winners) == [_winners(report)[0] for report in reports]
    else:
        assert len(reports) == 1
        _compare(result, reports[0], "")


def _winners(report: dict[str, Any]) -> list[str]:
    return [entry["elected"] for r in report["results"] for entry in r["tallyResults"] if "elected" in entry]


def _compare(result: Any, report: dict[str, Any], where: str) -> None:
    expected_rounds = report["results"]
    got = [(r.number, dict(r.tally)) for r in result.rounds]
    assert len(result.rounds) == len(expected_rounds), (
        f"{where}{len(result.rounds)} rounds, RCTab had {len(expected_rounds)}; ours: {got}"
    )
    for ours, theirs in zip(result.rounds, expected_rounds, strict=True):
        at = f"{where}round {theirs['round']}: "
        assert dict(ours.tally) == {name: _exact(v) for name, v in theirs["tally"].items()}, f"{at}tally"
        assert ours.threshold == _exact(theirs["threshold"]), f"{at}threshold"
        inactive = {INACTIVE_KEYS[key]: _exact(value) for key, value in theirs["inactiveBallots"].items()}
        mine = {key: Fraction(value) for key, value in ours.inactive.items() if value or key in inactive}
        assert mine == inactive, f"{at}inactive ballots"
        # RCTab's report lists a round's elected (and eliminated) candidates by name, not in the
        # order it decided them: compare who, round by round
        results = theirs["tallyResults"]
        assert sorted(ours.elected) == [e["elected"] for e in results if "elected" in e], f"{at}elected"
        assert sorted(ours.eliminated) == [e["eliminated"] for e in results if "eliminated" in e], f"{at}eliminated"
    assert sorted(result.winners) == sorted(_winners(report)), f"{where}winners"


# -- configurations --------------------------------------------------------------------------------


def test_rctab_configuration_is_recognised() -> None:
    document = json.loads(_config_of("test_set_8_multi_cdf").read_text(encoding="utf-8"))
    assert is_rctab_config(document)
    assert not is_rctab_config({"@type": "CVR.CastVoteRecordReport"})
    assert not is_rctab_config([])


def test_rules_and_metadata_of_a_current_configuration() -> None:
    spec = parse_rctab_config(_config_of("2013_minneapolis_park"))
    rules = spec.rules
    assert (spec.name, spec.jurisdiction, spec.office, spec.date) == (
        "2013 Minneapolis Park Board",
        "Minneapolis",
        "Park and Recreation Commissioner",
        None,
    )
    assert (rules.winner_mode, rules.method, rules.seats) == (MULTI_WINNER, "stv", 3)
    assert (rules.overvote, rules.max_skipped, rules.max_rankings, rules.decimal_places) == (SKIP, 2, 3, 4)
    assert (rules.tiebreak.mode, rules.tiebreak.seed, rules.tiebreak.java_random) == (TIE_RANDOM, 0, True)
    assert spec.undeclared_write_in == UNDECLARED_WRITE_INS
    (source,) = spec.sources
    assert source.path == CONFORMANCE / "_shared" / "2013_minneapolis_park_cvr.xlsx"
    assert (source.provider, source.first_vote_column, source.first_vote_row, source.precinct_column) == (
        "ess",
        2,
        2,
        1,
    )
    assert (source.overvote_label, source.skipped_rank_label, source.undeclared_write_in_label) == (
        "overvote",
        "undervote",
        "UWI",
    )
    assert source.max_rankings == 3


def test_older_configuration_with_candidate_codes() -> None:
    spec = parse_rctab_config(_config_of("tiebreak_use_permutation_in_config_test"))  # numbers, `code`
    assert spec.rules.tiebreak.mode == TIE_ORDER
    assert spec.rules.tiebreak.order == spec.candidates
    spec = parse_rctab_config(CONFORMANCE / "invalid_output_directory" / "config.json")
    assert spec.aliases["1"] == "Joseph R. Biden"  # the candidate's code is an alias


def test_output_settings_are_not_read() -> None:
    # RCTab refuses to write under C:/Users; electcli writes nothing, so the setting does not matter
    spec = parse_rctab_config(CONFORMANCE / "invalid_output_directory" / "config.json")
    assert spec.name == "Invalid output directory"


def _write_config(tmp_path: Path, **changes: Any) -> Path:
    """A small valid configuration (a generic CSV source) with ``changes`` to its sections."""
    (tmp_path / "cvr.csv").write_text("id,A,B,C\n1,1,2,\n2,2,1,3\n", encoding="utf-8")
    config: dict[str, Any] = {
        "tabulatorVersion": "1.3.0",
        "outputSettings": {"contestName": "Test", "outputDirectory": "output", "contestDate": "2024-11-05"},
        "cvrFileSources": [
            {"filePath": "cvr.csv", "provider": "genericCsv", "firstVoteColumnIndex": "2", "firstVoteRowIndex": "2"}
        ],
        "candidates": [{"name": "A"}, {"name": "B"}, {"name": "C"}],
        "rules": {
            "tiebreakMode": "useCandidateOrder",
            "overvoteRule": "exhaustImmediately",
            "winnerElectionMode": "singleWinnerMajority",
            "numberOfWinners": "1",
            "decimalPlacesForVoteArithmetic": "4",
            "maxSkippedRanksAllowed": "unlimited",
            "maxRankingsAllowed": "max",
        },
    }
    for section, value in changes.items():
        if isinstance(value, dict):
            config[section] = {**config[section], **value}
        else:
            config[section] = value
    path = tmp_path / "config.json"
    path.write_text(json.dumps(config, indent=2), encoding="utf-8")
    return path


def _line_of_key(path: Path, key: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), start=1) if f'"{key}"' in line)


def test_unlimited_and_max(tmp_path: Path) -> None:
    # "max": every rank a ballot has is read (RCTab 2.0.1's isRankingAllowed has no upper bound)
    contest = _contest_of(_write_config(tmp_path))
    ballots = contest.ballots
    assert contest.ranked is not None and ballots is not None
    assert contest.ranked.max_skipped is None and contest.ranked.max_rankings is None
    assert ballots.total == 2
    assert dict(zip(ballots.rankings, ballots.counts, strict=True)) == {((0,), (1,)): 1, ((1,), (0,), (2,)): 1}


def test_older_names_are_migrated(tmp_path: Path) -> None:
    path = _write_config(
        tmp_path,
        rules={
            "winnerElectionMode": "standard",
            "tiebreakMode": "interactive",
            "overvoteLabel": "OVER",
            "undervoteLabel": "SKIP",
        },
        cvrFileSources=[
            {
                "filePath": "cvr.csv",
                "provider": "ess",
                "firstVoteColumnIndex": 2,
                "firstVoteRowIndex": 2,
                "undervoteLabel": "blank",
            }
        ],
        candidates=[{"name": "A", "code": "a1"}, {"name": "B", "code": ""}, {"name": "C"}],
    )
    spec = parse_rctab_config(path)
    assert spec.rules.winner_mode == MAJORITY and spec.rules.tiebreak.mode == TIE_STOP
    (source,) = spec.sources
    assert (source.overvote_label, source.skipped_rank_label) == ("OVER", "blank")
    assert spec.aliases == {"a1": "A"}


def test_every_rule_is_read(tmp_path: Path) -> None:
    path = _write_config(
        tmp_path,
        rules={
            "tiebreakMode": "generatePermutation",
            "randomSeed": "-42",
            "overvoteRule": "exhaustIfMultipleContinuing",
            "winnerElectionMode": "multiWinnerAllowOnlyOneWinnerPerRound",
            "numberOfWinners": "2",
            "decimalPlacesForVoteArithmetic": "6",
            "minimumVoteThreshold": "10",
            "maxSkippedRanksAllowed": "1",
            "maxRankingsAllowed": "2",
            "nonIntegerWinningThreshold": True,
            "doesFirstRoundDetermineThreshold": "true",
            "stopTabulationEarlyAfterRound": "5",
            "exhaustOnDuplicateCandidate": True,
            "rulesDescription": "Everything",
        },
        cvrFileSources=[
            {
                "filePath": "cvr.csv",
                "provider": "genericCsv",
                "firstVoteColumnIndex": "2",
                "firstVoteRowIndex": "2",
                "overvoteDelimiter": "|",
            }
        ],
    )
    spec = parse_rctab_config(path)
    rules = spec.rules
    assert rules.tiebreak.mode == TIE_GENERATE_PERMUTATION and rules.tiebreak.seed == -42
    assert rules.tiebreak.order == ("A", "B", "C")
    assert (rules.overvote, rules.seats, rules.decimal_places, rules.minimum_vote_threshold) == (
        EXHAUST_IF_MULTIPLE_CONTINUING,
        2,
        6,
        10,
    )
    assert (rules.max_skipped, rules.max_rankings, rules.stop_after_round) == (1, 2, 5)
    assert rules.non_integer_threshold and rules.first_round_determines_threshold
    assert rules.duplicate == EXHAUST and spec.description == "Everything"
    assert spec.sources[0].max_rankings == 2


def test_bottoms_up_share_is_exact_whatever_the_decimal_places(tmp_path: Path) -> None:
    rules = {
        "winnerElectionMode": "bottomsUpUsingPercentageThreshold",
        "numberOfWinners": "0",
        "multiSeatBottomsUpPercentageThreshold": "15",
        "decimalPlacesForVoteArithmetic": "1",
        "cutoffElimination": True,
    }
    spec = parse_rctab_config(_write_config(tmp_path, rules=rules))
    # RCTab 2.0.1 divides by 100 keeping every decimal (getPercentageFromStringWithAccurateSigFigs):
    # 0.15, not 0.1 (the differential test against it found the difference)
    assert spec.rules.bottoms_up_threshold == Fraction(15, 100)
    assert spec.rules.cutoff_elimination


@pytest.mark.parametrize(
    ("changes", "key", "problem"),
    [
        ({"rules": {"tiebreakMode": "whatever"}}, "tiebreakMode", "is not an RCTab tiebreakMode"),
        ({"rules": {"tiebreakMode": "random"}}, "tiebreakMode", "no randomSeed"),
        ({"rules": {"overvoteRule": "invalidOption"}}, "overvoteRule", "is not an RCTab overvoteRule"),
        ({"rules": {"decimalPlacesForVoteArithmetic": -1}}, "decimalPlacesForVoteArithmetic", "'-1'"),
        ({"rules": {"maxRankingsAllowed": "0"}}, "maxRankingsAllowed", "'0'"),
        ({"rules": {"maxSkippedRanksAllowed": "-3"}}, "maxSkippedRanksAllowed", "'-3'"),
        ({"rules": {"batchElimination": "yes"}}, "batchElimination", "'yes'"),
        ({"rules": {"numberOfWinners": "2"}}, "winnerElectionMode", "singleWinnerMajority elects one"),
        ({"rules": {"hareQuota": True}}, "hareQuota", "only for the multi-winner modes"),
        ({"cvrFileSources": [{"filePath": "nope.csv", "provider": "genericCsv"}]}, "filePath", "not found"),
        ({"cvrFileSources": [{"filePath": "cvr.csv", "provider": "ES and S"}]}, "provider", "provider 'ES and S'"),
        (
            {"cvrFileSources": [{"filePath": "cvr.csv", "provider": "genericCsv", "firstVoteColumnIndex": "2"}]},
            None,
            "firstVoteRowIndex is required",
        ),
        ({"candidates": [{"name": "A"}, {"name": "B", "aliases": ["A"]}]}, None, "names two candidates"),
        ({"outputSettings": {"contestName": ""}}, "contestName", "has no name"),
    ],
)
def test_invalid_configuration_names_the_line(
    tmp_path: Path, changes: dict[str, Any], key: str | None, problem: str
) -> None:
    path = _write_config(tmp_path, **changes)
    with pytest.raises(InputError) as caught:
        parse_rctab_config(path)
    assert problem in caught.value.problem
    assert caught.value.hint
    assert caught.value.location.file == str(path)
    # the key's line; for a key that is missing, the line of the object that should hold it
    assert caught.value.location.line == (_line_of_key(path, key) if key else caught.value.location.line)
    assert caught.value.location.line > 0


@pytest.mark.parametrize(
    ("case", "problem"),
    [
        ("invalid_params_test", "declares no candidate"),
        ("invalid_sources_test", "no randomSeed"),
    ],
)
def test_rctab_invalid_cases_are_input_errors(case: str, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_rctab_config(_config_of(case))
    assert problem in caught.value.problem
    assert caught.value.location.line > 0


def test_rctab_invalid_sources_are_input_errors(tmp_path: Path) -> None:
    # invalid_sources_test with its rules made valid: the first source's file does not exist
    config = json.loads(_config_of("invalid_sources_test").read_text(encoding="utf-8"))
    config["rules"]["randomSeed"] = "0"
    path = tmp_path / "config.json"
    path.write_text(json.dumps(config, indent=2), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        parse_rctab_config(path)
    assert "not found" in caught.value.problem
    assert caught.value.location.line == _line_of_key(path, "filePath")


def test_ranking_deeper_than_allowed_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        _contest_of(_config_of("max_ranking_enforcement"))
    assert "rank 4 is out of range" in caught.value.problem
    assert caught.value.location.file.endswith("max_ranking_enforcement_cvr.csv")


# -- the readers, on small files ---------------------------------------------------------------------


def _read(source: CvrSource, names: tuple[str, ...], uwi: bool = False, **aliases: str) -> BallotGroups:
    grouper = BallotGrouper(names, UNDECLARED_WRITE_INS if uwi else None)
    read_cvr(source, CandidateNames(names, dict(aliases)), grouper)
    return grouper.build(str(source.path))


def _groups(ballots: BallotGroups) -> Mapping[tuple[tuple[str, ...], ...], int]:
    """Rankings spelled with names ('*' for an explicit overvote), for readable expectations."""
    names = [*ballots.candidates]
    return {
        tuple(tuple("*" if i == OVERVOTE else names[i] for i in rank) for rank in ranking): count
        for ranking, count in zip(ballots.rankings, ballots.counts, strict=True)
    }


def _source(path: Path, provider: str, **settings: Any) -> CvrSource:
    return CvrSource(path=path, provider=provider, location=Location("config.json", 3), **settings)


# ES&S: tests/fixtures/cvr/ess_minneapolis_style.xlsx imitates the 2013 Minneapolis export (README)

ESS_NAMES = ("ANNIE YOUNG", "JOHN ERWIN", "TOM NORDYKE")


def _ess(path: Path, **settings: Any) -> CvrSource:
    defaults: dict[str, Any] = {
        "first_vote_column": 2,
        "first_vote_row": 2,
        "precinct_column": 1,
        "overvote_label": "overvote",
        "skipped_rank_label": "undervote",
        "undeclared_write_in_label": "UWI",
        "max_rankings": 3,
    }
    return _source(path, "ess", **{**defaults, **settings})


def test_ess_reads_ranks_labels_and_rows() -> None:
    ballots = _read(_ess(FIXTURES / "ess_minneapolis_style.xlsx"), ESS_NAMES, uwi=True)
    assert _groups(ballots) == {
        (("JOHN ERWIN",), ("TOM NORDYKE",), ("ANNIE YOUNG",)): 2,  # the COUNT column is not a rank
        (("TOM NORDYKE",),): 1,  # trailing undervotes
        ((), ("ANNIE YOUNG",)): 1,  # a skipped first rank
        (("*",), ("JOHN ERWIN",)): 1,  # the overvote label
        ((UNDECLARED_WRITE_INS,), ("TOM NORDYKE",)): 1,  # "UWI", and a name with spaces around it
        (): 2,  # all undervote, and an empty row the sheet holds
    }


def _xlsx(path: Path, rows: list[str]) -> Path:
    """A minimal workbook whose one sheet holds exactly ``rows`` (raw <row> XML, inline strings)."""
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + "".join(rows)
        + "</sheetData></worksheet>"
    )
    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="xl/workbook.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
        "</Relationships>",
        "xl/workbook.xml": '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="CVR" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="worksheets/sheet1.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet,
    }
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


def _row(number: int, *cells: str | int | None) -> str:
    xml = []
    for column, value in enumerate(cells):
        ref = f"{chr(ord('A') + column)}{number}"
        if isinstance(value, int):
            xml.append(f'<c r="{ref}"><v>{value}</v></c>')
        elif value is not None:
            xml.append(f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{value}</t></is></c>')
    return f'<row r="{number}">{"".join(xml)}</row>'


def test_ess_counts_rows_the_sheet_holds_not_gaps(tmp_path: Path) -> None:
    rows = [_row(1, "id", "1st", "2nd"), _row(2, 1, "A"), _row(3), _row(7, 3, "B", "A"), _row(1048576)]
    ballots = _read(_ess(_xlsx(tmp_path / "cvr.xlsx", rows), first_vote_column=2, precinct_column=None), ("A", "B"))
    assert _groups(ballots) == {(("A",),): 1, (): 2, (("B",), ("A",)): 1}  # rows 4-6 do not exist


def test_ess_overvote_delimiter_and_blank_as_write_in(tmp_path: Path) -> None:
    rows = [_row(1, "id", "1st", "2nd", "3rd"), _row(2, 1, "A|B", "C"), _row(3, 2, None, "A")]
    path = _xlsx(tmp_path / "cvr.xlsx", rows)
    source = _ess(path, overvote_delimiter="|", overvote_label=None, treat_blank_as_undeclared_write_in=True)
    assert _groups(_read(source, ("A", "B", "C"), uwi=True)) == {
        (("A", "B"), ("C",), (UNDECLARED_WRITE_INS,)): 1,  # up to max_rankings, as RCTab does
        ((UNDECLARED_WRITE_INS,), ("A",), (UNDECLARED_WRITE_INS,)): 1,
    }


@pytest.mark.parametrize(
    ("rows", "settings", "problem", "where"),
    [
        (
            [_row(1, "id", "1st"), _row(2, 1, "A"), _row(3, 2, "Zed")],
            {},
            "sheet 'CVR', cell B3: candidate 'Zed' is not a declared candidate",
            (3, 2),
        ),
        ([_row(1, "id", "1st"), _row(2, None, "A")], {"id_column": 1}, "has no id", (2, 1)),
        ([_row(1, "id", "1st"), _row(2, 1, "A|")], {"overvote_delimiter": "|"}, "splits into a blank", (2, 2)),
        ([_row(1, "id", "1st"), _row(2, 1, "UWI")], {}, "no undeclared write-in candidate", (2, 2)),
    ],
)
def test_ess_malformed(
    tmp_path: Path, rows: list[str], settings: dict[str, Any], problem: str, where: tuple[int, int]
) -> None:
    source = _ess(_xlsx(tmp_path / "cvr.xlsx", rows), precinct_column=None, **settings)
    with pytest.raises(InputError) as caught:
        _read(source, ("A", "B"))
    assert problem in caught.value.problem
    assert caught.value.location == Location(str(source.path), *where)


def test_ess_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "cvr.xlsx"
    path.write_text("Precinct,1st\n", encoding="utf-8")
    with pytest.raises(InputError, match="not an Excel workbook"):
        _read(_ess(path), ESS_NAMES)


# CDF JSON: tests/fixtures/cvr/cdf_small.json imitates RCTab's test_set CDF files, made schema-valid


CDF_NAMES = ("Alice", "Bob", "Carol")


def _cdf(path: Path, **settings: Any) -> CvrSource:
    return _source(path, "cdf", **{"contest_id": "Mayor", "max_rankings": 3, **settings})


def _schema_errors(document: object) -> list[str]:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema)
    return [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(document)]


def test_cdf_fixture_is_valid_nist_json() -> None:
    assert _schema_errors(json.loads((FIXTURES / "cdf_small.json").read_text(encoding="utf-8"))) == []


def test_cdf_rctab_files_are_read_though_not_schema_valid() -> None:
    # RCTab writes CDF without parts the schema requires (candidates' @type, for one) and reads it;
    # electcli reads it too. Recorded here so a change in either is noticed.
    path = CONFORMANCE / "test_set_8_multi_cdf" / "test_set_8_multi_cdf_cvr_1.json"
    assert _schema_errors(json.loads(path.read_text(encoding="utf-8")))
    ballots = _read(_cdf(path, contest_id="Test Set 0", max_rankings=4), tuple(f"Candidate {c} Name" for c in "ABCD"))
    assert ballots.total == 12


def test_cdf_reads_snapshots_positions_and_write_ins() -> None:
    ballots = _read(_cdf(FIXTURES / "cdf_small.json"), CDF_NAMES, uwi=True, **{"Carol C.": "Carol"})
    assert _groups(ballots) == {
        (("Alice",), ("Bob",)): 1,  # ranks on the selection positions
        (("Bob",), ("Carol",)): 1,  # the current (modified) snapshot, not the original; an alias
        (("Alice", "Bob"),): 1,  # two selections at rank 1: an overvote
        ((), (UNDECLARED_WRITE_INS,), ("Alice",)): 1,  # write-ins; Rank on the selection
        (("Carol",),): 1,  # a position with HasIndication no, one with IsAllocable no
        (): 1,  # the contest with no selection: an undervote
        ((UNDECLARED_WRITE_INS,),): 1,  # a position with a CVRWriteIn
    }  # the CVR without the Mayor contest is not a ballot in it


def _cdf_file(tmp_path: Path, change: Callable[[dict[str, Any]], object]) -> Path:
    document = json.loads((FIXTURES / "cdf_small.json").read_text(encoding="utf-8"))
    change(document)
    path = tmp_path / "cvr.json"
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")
    return path


def _first_position(document: dict[str, Any]) -> dict[str, Any]:
    choice: dict[str, Any] = document["CVR"][0]["CVRSnapshot"][0]["CVRContest"][0]["CVRContestSelection"][0]
    return choice


@pytest.mark.parametrize(
    ("change", "problem", "line_has"),
    [
        (lambda d: d["Election"][0]["Candidate"][0].update(Name="Alicia"), "'Alicia' is not a declared", None),
        (lambda d: _first_position(d).update(ContestSelectionId="cs-x"), "'cs-x' is not a selection", "cs-x"),
        (lambda d: _first_position(d)["SelectionPosition"][0].update(Rank=0), "rank 0 is out of range", '"Rank": 0'),
        (lambda d: _first_position(d)["SelectionPosition"][0].update(Rank=4), "rank 4 is out of range", '"Rank": 4'),
        (lambda d: d["CVR"][1].update(CurrentSnapshotId="nope"), "is none of its snapshots", "nope"),
        (lambda d: d["CVR"][1].pop("CurrentSnapshotId"), "no CurrentSnapshotId", None),
        (lambda d: d["CVR"][0].update(BallotStyleUnitId="gpu-9"), "GpUnit 'gpu-9'", "gpu-9"),
    ],
)
def test_cdf_malformed(
    tmp_path: Path, change: Callable[[dict[str, Any]], object], problem: str, line_has: str | None
) -> None:
    path = _cdf_file(tmp_path, change)
    with pytest.raises(InputError) as caught:
        _read(_cdf(path), CDF_NAMES, uwi=True, **{"Carol C.": "Carol"})
    assert problem in caught.value.problem
    assert caught.value.location.file == str(path) and caught.value.location.line > 0
    line = path.read_text(encoding="utf-8").splitlines()[caught.value.location.line - 1]
    assert line_has is None or line_has in line, line


def test_cdf_contest_on_no_ballot_is_an_error(tmp_path: Path) -> None:
    # CVRs that name the contest by another id would all be passed over: refused, not counted as none
    path = _cdf_file(tmp_path, lambda d: d["Election"][0]["Contest"][0].update({"@id": "contest-renamed"}))
    with pytest.raises(InputError, match="none of the 8 CVRs"):
        _read(_cdf(path), CDF_NAMES, uwi=True, **{"Carol C.": "Carol"})


def test_cdf_contest_not_in_file_and_bad_json(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="contest 'Sheriff' is not in"):
        _read(_cdf(FIXTURES / "cdf_small.json", contest_id="Sheriff"), CDF_NAMES, uwi=True)
    path = tmp_path / "cvr.json"
    path.write_text('{"CVR": [\n  {,\n]}', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        _read(_cdf(path), CDF_NAMES)
    assert caught.value.location.line == 2 and "not valid JSON" in caught.value.problem


# Generic CSV: tests/fixtures/cvr/generic_small.csv imitates RCTab's generic_csv_test (a survey export)

CSV_NAMES = ("Lettuce", "Broccoli", "Cucumber")


def _csv(path: Path, **settings: Any) -> CvrSource:
    defaults = {"first_vote_column": 4, "first_vote_row": 2, "undeclared_write_in_label": "Write-In", "max_rankings": 4}
    return _source(path, "csv", **{**defaults, **settings})


def test_generic_csv_reads_ranks_per_candidate() -> None:
    ballots = _read(_csv(FIXTURES / "generic_small.csv"), CSV_NAMES, uwi=True)
    assert _groups(ballots) == {
        (("Cucumber",), ("Broccoli",)): 1,
        (("Lettuce",), ("Broccoli",), (), (UNDECLARED_WRITE_INS,)): 1,  # a skipped third rank
        (("Broccoli", "Cucumber"), ("Lettuce",)): 1,  # two candidates ranked first: an overvote
        (): 1,  # a row with no rank
    }  # the blank line is no ballot


@pytest.mark.parametrize(
    ("text", "problem", "where"),
    [
        ("id,p,b,Lettuce,Kale\n1,p,b,1,2\n", "'Kale' is not a declared candidate", (1, 5)),
        ("id,p,b,Lettuce,\n1,p,b,1,\n", "header of column 5 is blank", (1, 5)),
        ("id,p,b,Lettuce,Broccoli\n1,p,b,first,\n", "expected a rank", (2, 4)),
        ("id,p,b,Lettuce,Broccoli\n1,p,b,1,5\n", "rank 5 is out of range", (2, 5)),
        ("id,p,b,Lettuce,Broccoli\n1,p,b,1,2,3\n", "more than the header", (2, 6)),
    ],
)
def test_generic_csv_malformed(tmp_path: Path, text: str, problem: str, where: tuple[int, int]) -> None:
    path = tmp_path / "cvr.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        _read(_csv(path), CSV_NAMES, uwi=True)
    assert problem in caught.value.problem
    assert caught.value.location == Location(str(path), *where)


def test_cvr_file_errors_name_the_cvr_file_through_the_configuration(tmp_path: Path) -> None:
    path = _write_config(tmp_path)
    (tmp_path / "cvr.csv").write_text("id,A,B,D\n1,1,2,\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        _contest_of(path)
    assert caught.value.location == Location(str(tmp_path / "cvr.csv"), 1, 4)


def test_previous_round_counts_then_ask_reports_a_tie_it_cannot_settle(tmp_path: Path) -> None:
    # RCTab would stop and ask the operator; electcli has no one to ask. B and C tie for last in
    # round 1, where there is no previous round to look at, so the outcome is the tie itself.
    path = _write_config(tmp_path, rules={"tiebreakMode": "previousRoundCountsThenAsk"})
    (tmp_path / "cvr.csv").write_text("id,A,B,C\n1,1,,\n2,1,,\n3,,1,\n4,,,1\n", encoding="utf-8")
    contest = _contest_of(path)
    assert contest.ballots is not None and contest.ranked is not None
    assert contest.ranked.tiebreak.order == ()
    result = count_ranked(contest.ballots, contest.ranked)
    assert result.outcome == "tie" and set(result.tied) == {"B", "C"} and result.winners == ()


def test_previous_round_counts_then_ask_uses_the_previous_round_when_it_settles(tmp_path: Path) -> None:
    path = _write_config(
        tmp_path,
        rules={"tiebreakMode": "previousRoundCountsThenAsk"},
        candidates=[{"name": name} for name in "ABCD"],
    )
    cvr = "id,A,B,C,D\n" + "".join(
        f"{n},{row}\n"
        for n, row in enumerate(
            # A 5 of 11, no majority. D goes out first (1 vote, to B); then B and C tie on 3, but
            # round 1 had C ahead (3 to 2), so B goes; A then has 5 of the 8 continuing votes.
            ["1,,,"] * 5 + [",1,,"] * 2 + [",,1,"] * 3 + [",2,,1"],
            start=1,
        )
    )
    (tmp_path / "cvr.csv").write_text(cvr, encoding="utf-8")
    contest = _contest_of(path)
    assert contest.ballots is not None and contest.ranked is not None
    result = count_ranked(contest.ballots, contest.ranked)
    assert [r.eliminated for r in result.rounds][:2] == [("D",), ("B",)]
    assert result.winners == ("A",)


# -- review fixes: unknown and duplicate keys, reserved names, hints -------------------------------


@pytest.mark.parametrize(
    ("section", "key", "guess"),
    [
        ("rules", "batchElimnation", "batchElimination"),
        ("cvrFileSources", "firstVoteColumIndex", "firstVoteColumnIndex"),
        ("candidates", "exclued", "excluded"),
    ],
)
def test_a_misspelt_key_is_refused_with_its_line(tmp_path: Path, section: str, key: str, guess: str) -> None:
    changes: dict[str, Any] = {}
    if section == "rules":
        changes["rules"] = {key: True}
    elif section == "cvrFileSources":
        changes["cvrFileSources"] = [
            {"filePath": "cvr.csv", "provider": "genericCsv", key: "2", "firstVoteRowIndex": "2"}
        ]
    else:
        changes["candidates"] = [{"name": "A", key: True}, {"name": "B"}, {"name": "C"}]
    path = _write_config(tmp_path, **changes)
    with pytest.raises(InputError) as caught:
        parse_rctab_config(path)
    assert caught.value.location.line == _line_of_key(path, key)
    assert f"unknown key {key!r}" in caught.value.problem
    assert caught.value.hint == f"did you mean {guess!r}?"


def test_unknown_output_settings_are_ignored(tmp_path: Path) -> None:
    # they name and file the results; none changes the count
    spec = parse_rctab_config(_write_config(tmp_path, outputSettings={"contestName": "Test", "colour": "blue"}))
    assert spec.name == "Test"


def test_a_key_given_twice_is_refused_with_its_line(tmp_path: Path) -> None:
    path = _write_config(tmp_path)
    text = path.read_text(encoding="utf-8").replace(
        '"numberOfWinners": "1",', '"numberOfWinners": "1",\n    "numberOfWinners": "2",'
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        parse_rctab_config(path)
    first = _line_of_key(path, "numberOfWinners")
    assert caught.value.location.line == first + 1
    assert caught.value.problem == f"key 'numberOfWinners' is given twice in one object (first at line {first})"


@pytest.mark.parametrize("name", ["exhausted", "residual surplus"])
def test_candidate_names_the_results_use_are_refused(tmp_path: Path, name: str) -> None:
    path = _write_config(tmp_path, candidates=[{"name": name}, {"name": "B"}, {"name": "C"}])
    with pytest.raises(InputError) as caught:
        parse_rctab_config(path)
    assert f"a candidate may not be named {name!r}" in caught.value.problem


def test_a_folder_as_file_path_is_named_a_folder(tmp_path: Path) -> None:
    path = _write_config(tmp_path, cvrFileSources=[{"filePath": ".", "provider": "cdf"}])
    with pytest.raises(InputError) as caught:
        parse_rctab_config(path)
    assert "is a folder" in caught.value.problem


def test_the_tiebreak_hint_lists_each_mode_once(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        parse_rctab_config(_write_config(tmp_path, rules={"tiebreakMode": "coin"}))
    listed = caught.value.hint.removeprefix("use one of: ").split(", ")
    assert "random" in listed and "Random" not in listed


# -- rule combinations RCTab refuses, and counts it cannot finish ----------------------------------


_RULE_OF = {"continueUntilTwoCandidatesRemain": "continue_until_two", "batchElimination": "batch_elimination"}


@pytest.mark.parametrize("key", ["continueUntilTwoCandidatesRemain", "batchElimination"])
def test_single_seat_rules_are_refused_for_several_seats(tmp_path: Path, key: str) -> None:
    # RCTab's ContestConfig.validateRules: with more than one seat, only multi-pass IRV may
    # continue until two remain or batch-eliminate (each pass is a single-seat count)
    multi = {"numberOfWinners": "2", "winnerElectionMode": "multiWinnerAllowMultipleWinnersPerRound", key: True}
    path = _write_config(tmp_path, rules=multi)
    with pytest.raises(InputError) as caught:
        parse_rctab_config(path)
    assert "only for single-seat contests (or multiPassIrv)" in caught.value.problem
    assert caught.value.location.line == _line_of_key(path, key)
    spec = parse_rctab_config(_write_config(tmp_path, rules={**multi, "winnerElectionMode": "multiPassIrv"}))
    assert spec.rules.winner_mode == MULTI_PASS_IRV and getattr(spec.rules, _RULE_OF[key])


def test_the_older_continue_until_two_mode_is_single_seat(tmp_path: Path) -> None:
    rules = {"numberOfWinners": "2", "winnerElectionMode": "singleSeatContinueUntilTwoCandidatesRemain"}
    with pytest.raises(InputError) as caught:
        parse_rctab_config(_write_config(tmp_path, rules=rules))
    assert "singleWinnerMajority elects one candidate" in caught.value.problem


def test_excluded_candidates_that_leave_a_seat_empty_cannot_be_counted(tmp_path: Path) -> None:
    # RCTab accepts the configuration, elects A in round 1, then starts a round with no
    # candidate and fails: its stop for more seats than candidates counts B and C as declared
    candidates = [{"name": "A"}, {"name": "B", "excluded": True}, {"name": "C", "excluded": True}]
    rules = {"numberOfWinners": "2", "winnerElectionMode": "multiWinnerAllowMultipleWinnersPerRound"}
    contest = _contest_of(_write_config(tmp_path, candidates=candidates, rules=rules))
    assert contest.ballots is not None and contest.ranked is not None
    assert contest.ranked.excluded == frozenset({"B", "C"})
    with pytest.raises(CountAbortedError, match=r"1 winner for 2 seats \(only 1 candidate can be elected; 2 are"):
        count_ranked(contest.ballots, contest.ranked)
    contest = _contest_of(_write_config(tmp_path, candidates=[*candidates[:2], {"name": "C"}], rules=rules))
    assert contest.ballots is not None and contest.ranked is not None
    assert set(count_ranked(contest.ballots, contest.ranked).winners) == {"A", "C"}
