"""Vendor CVR readers (Dominion, Hart, Clear Ballot, CDF XML): small imitation exports under
tests/fixtures/cvr_vendor/ (see its README), broken and hostile variants of them, and RCTab's own
regression data for these formats (read from shared/conformance/rctab/, never copied here).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from electcli.errors import InputError, Location
from electcli.ranked.ballots import OVERVOTE, BallotGrouper, BallotGroups
from electcli.readers.cvr import json_stream
from electcli.readers.cvr.cdf_xml import read_cdf_xml
from electcli.readers.cvr.clear_ballot import read_clear_ballot
from electcli.readers.cvr.dominion import read_dominion
from electcli.readers.cvr.hart import read_hart
from electcli.readers.cvr.source import CandidateNames, CvrSource
from tests.conftest import run
from tests.fuzz import cvr_count
from tests.fuzz.harness import Undecidable
from tests.shared_data import SHARED, shared_path

FIXTURES = Path(__file__).parent / "fixtures" / "cvr_vendor"
NAMES = ("Ana Alvarez", "Ben Baker", "Cy Chen")
UWI = "Undeclared Write-ins"
Reader = Callable[[CvrSource, CandidateNames, BallotGrouper], None]

DOMINION_IDS = {"1": "Ana Alvarez", "2": "Ben Baker", "3": "Cy Chen"}
HART_MAYOR = "5e0c6a2e-0001-4c1a-9f00-000000000001"
HART_IDS = {
    "a0000000-0000-4000-8000-00000000000a": "Ana Alvarez",
    "b0000000-0000-4000-8000-00000000000b": "Ben Baker",
    "c0000000-0000-4000-8000-00000000000c": "Cy Chen",
}
HART_WRITE_IN = "f0000000-0000-4000-8000-00000000000f"
CLEAR_BALLOT_CONTEST = "City of Fixture, Mayor"
CDF_CONTEST = "Mayor, City of Fixture"

# The ballots every fixture holds for its ranked contest (see the fixtures' README).
COMMON = {
    (("Ana Alvarez",), ("Ben Baker",), ("Cy Chen",)): 1,
    (("Ana Alvarez", "Ben Baker"), ("Cy Chen",)): 1,  # overvote at rank 1
    (("Cy Chen",), (), ("Ana Alvarez",)): 1,  # rank 2 skipped
    ((UWI,), ("Ben Baker",)): 1,  # a write-in first
    (): 1,  # an undervote
}


def read(
    reader: Reader,
    path: Path,
    contest_id: str | None,
    *,
    aliases: dict[str, str] | None = None,
    uwi_label: str | None = None,
    names: tuple[str, ...] = NAMES,
    uwi: bool = True,
    overvote_label: str | None = None,
) -> BallotGroups:
    source = CvrSource(
        path=path,
        provider="test",
        location=Location("race.yaml", 3),
        contest_id=contest_id,
        undeclared_write_in_label=uwi_label,
        overvote_label=overvote_label,
    )
    grouper = BallotGrouper(names, UWI if uwi else None)
    reader(source, CandidateNames(names, aliases or {}), grouper)
    return grouper.build(str(path))


def named(groups: BallotGroups) -> dict[tuple[tuple[str, ...], ...], int]:
    """Rankings with candidate names in place of indices, for readable comparisons."""

    def name(index: int) -> str:
        return "<overvote>" if index == OVERVOTE else groups.candidates[index]

    return {
        tuple(tuple(name(i) for i in rank) for rank in ranking): count
        for ranking, count in zip(groups.rankings, groups.counts, strict=True)
    }


def copy_fixture(name: str, tmp_path: Path) -> Path:
    source = FIXTURES / name
    target = tmp_path / name
    if source.is_dir():
        shutil.copytree(source, target)
    else:
        shutil.copy(source, target)
    return target


def error_from(call: Callable[[], object]) -> InputError:
    with pytest.raises(InputError) as caught:
        call()
    return caught.value


# --- Dominion ---------------------------------------------------------------------------------


def test_dominion_export_ballots() -> None:
    groups = read(read_dominion, FIXTURES / "dominion", "1", aliases=DOMINION_IDS, uwi_label="9")
    assert named(groups) == {
        **COMMON,
        (("Ben Baker",), ("Ana Alvarez",)): 1,
        ((), ("Cy Chen",)): 1,  # the ambiguous rank-1 mark is left out
        (("Cy Chen",),): 1,  # the adjudicated (Modified) record, not the original
    }
    # the superseded session without a Modified record and the measure-only sheet are no ballots
    assert groups.total == 8


def test_dominion_ids_resolve_by_manifest_name_without_aliases() -> None:
    groups = read(read_dominion, FIXTURES / "dominion", "1", uwi_label="9")
    assert groups.total == 8
    assert named(groups)[(("Ben Baker",), ("Ana Alvarez",))] == 1


def test_dominion_numbered_files_read_in_order_with_gaps_older_layout() -> None:
    groups = read(read_dominion, FIXTURES / "dominion_old_multi", "1", aliases=DOMINION_IDS)
    assert named(groups) == {(("Ana Alvarez",), ("Ben Baker",)): 2, (("Ben Baker",),): 1}


def test_dominion_streaming_in_tiny_chunks_reads_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    whole = named(read(read_dominion, FIXTURES / "dominion", "1", aliases=DOMINION_IDS, uwi_label="9"))
    monkeypatch.setattr(json_stream, "CHUNK", 7)
    assert named(read(read_dominion, FIXTURES / "dominion", "1", aliases=DOMINION_IDS, uwi_label="9")) == whole


def test_dominion_unknown_candidate_id_names_file_and_place(tmp_path: Path) -> None:
    folder = copy_fixture("dominion", tmp_path)
    export = folder / "CvrExport.json"
    export.write_text(export.read_text().replace('"CandidateId": 3,', '"CandidateId": 33,', 1))
    error = error_from(lambda: read(read_dominion, folder, "1", aliases=DOMINION_IDS, uwi_label="9"))
    assert "candidate id 33" in error.problem and "CandidateManifest.json" in error.problem
    assert error.location.file == str(export)
    assert error.location.line > 1  # the session holding the mark


def test_dominion_candidate_not_declared_is_an_error_not_a_dropped_mark() -> None:
    names = ("Ana Alvarez", "Ben Baker")
    aliases = {"1": "Ana Alvarez", "2": "Ben Baker"}
    error = error_from(lambda: read(read_dominion, FIXTURES / "dominion", "1", aliases=aliases, names=names))
    assert "'3'" in error.problem and "'Cy Chen'" in error.problem
    assert error.location.file.endswith("CvrExport.json")


def test_dominion_write_in_without_a_write_in_candidate_is_an_error() -> None:
    error = error_from(lambda: read(read_dominion, FIXTURES / "dominion", "1", aliases=DOMINION_IDS, uwi=False))
    assert "'9'" in error.problem  # the write-in id is then just an unknown candidate


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda t: t[: len(t) // 2], "is not valid JSON"),
        (lambda t: t.replace('"Rank": 2,', '"Rank": "two",', 1), "Rank is 'two', not a whole number"),
        (lambda t: t.replace('"IsCurrent": true', '"IsCurrent": "yes"', 1), "IsCurrent"),
        (
            lambda t: t.replace('"Marks": [', '"Marks": {"x": [', 1).replace("]\n       }", "]}\n       }", 1),
            "not a list",
        ),
        (lambda t: t.replace('"PrecinctId": 1,', '"PrecinctId": 77,', 1), "precinct 77 is not in"),
        (lambda t: t.replace('"Rank": 3,', '"Rank": 0,', 1), "rank 0 is out of range"),
        (lambda t: t.replace('"Sessions"', '"Sessionz"'), "no 'Sessions' array"),
        (lambda t: "[" + t + "]", "expected '{'"),
    ],
)
def test_dominion_broken_export_is_an_input_error(tmp_path: Path, edit: Callable[[str], str], expected: str) -> None:
    folder = copy_fixture("dominion", tmp_path)
    export = folder / "CvrExport.json"
    export.write_text(edit(export.read_text()))
    error = error_from(lambda: read(read_dominion, folder, "1", aliases=DOMINION_IDS, uwi_label="9"))
    assert expected in error.message
    assert error.location.file == str(export)


@pytest.mark.parametrize(
    ("manifest", "content", "expected"),
    [
        ("CandidateManifest.json", None, "CandidateManifest.json: no such file"),
        ("ContestManifest.json", '{"List": 5}', 'expected {"List": [...]}'),
        ("PrecinctPortionManifest.json", '{"List": [{"Id": "eleven"}]}', "Id is 'eleven', not a whole number"),
        ("CandidateManifest.json", '{"List": [', "is not valid JSON"),
        ("ContestManifest.json", '{"List": [{"Id": 5, "Description": "OTHER"}]}', "contest '1' is not in"),
    ],
)
def test_dominion_broken_manifest_is_an_input_error(
    tmp_path: Path, manifest: str, content: str | None, expected: str
) -> None:
    folder = copy_fixture("dominion", tmp_path)
    if content is None:
        (folder / manifest).unlink()
    else:
        (folder / manifest).write_text(content)
    error = error_from(lambda: read(read_dominion, folder, "1", aliases=DOMINION_IDS, uwi_label="9"))
    assert expected in error.message


def test_dominion_folder_problems(tmp_path: Path) -> None:
    assert "no such folder" in error_from(lambda: read(read_dominion, tmp_path / "nope", "1")).problem
    folder = copy_fixture("dominion", tmp_path)
    shutil.copy(folder / "CvrExport.json", folder / "CvrExport_1.json")
    assert "both CvrExport.json and numbered" in error_from(lambda: read(read_dominion, folder, "1")).problem
    for export in folder.glob("CvrExport*.json"):
        export.unlink()
    assert "has no CvrExport.json" in error_from(lambda: read(read_dominion, folder, "1")).problem


# --- Hart -------------------------------------------------------------------------------------


def test_hart_folder_ballots() -> None:
    groups = read(read_hart, FIXTURES / "hart", HART_MAYOR, aliases=HART_IDS, uwi_label=HART_WRITE_IN)
    assert named(groups) == COMMON  # the measure-only sheet and the signature file are no ballots


def test_hart_options_resolve_by_name_and_unlabelled_write_in_is_an_error() -> None:
    error = error_from(lambda: read(read_hart, FIXTURES / "hart", HART_MAYOR))
    assert HART_WRITE_IN in error.problem and "not a declared candidate" in error.problem
    assert error.location.file.endswith("1_00000004.xml") and error.location.line == 1


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda t: t.replace("</Contests>", ""), "is not well-formed XML"),
        (lambda t: t.replace("<Value>100</Value>", "<Value>1x0</Value>", 1), "expected only 0s and 1s"),
        (lambda t: t.replace("<Value>100</Value>", "", 1), "has no <Value>"),
        (lambda t: t.replace("Ben Baker", "Benjamin Baker", 1), "named 'Benjamin Baker' here but 'Ben Baker'"),
        (lambda t: t.replace("<Cvr ", "<Ballot ", 1).replace("</Cvr>", "</Ballot>"), "not <Cvr>"),
        (
            lambda t: t.replace(
                '<?xml version="1.0" encoding="utf-8"?>',
                '<?xml version="1.0"?><!DOCTYPE Cvr [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>',
            ),
            "document type declaration",
        ),
    ],
)
def test_hart_broken_file_is_an_input_error(tmp_path: Path, edit: Callable[[str], str], expected: str) -> None:
    folder = copy_fixture("hart", tmp_path)
    target = folder / "1_00000004.xml"
    target.write_text(edit(target.read_text(encoding="utf-8")), encoding="utf-8")
    error = error_from(lambda: read(read_hart, folder, HART_MAYOR, aliases=HART_IDS, uwi_label=HART_WRITE_IN))
    assert expected in error.message
    assert error.location.file.endswith(".xml")


def test_hart_folder_problems(tmp_path: Path) -> None:
    assert "no such folder" in error_from(lambda: read(read_hart, tmp_path / "nope", HART_MAYOR)).problem
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "holds no Hart CVR files" in error_from(lambda: read(read_hart, empty, HART_MAYOR)).problem
    assert "needs the contest's id" in error_from(lambda: read(read_hart, FIXTURES / "hart", None)).problem


# --- Clear Ballot -----------------------------------------------------------------------------


def test_clear_ballot_ballots_with_an_inline_comma_in_the_contest() -> None:
    groups = read(read_clear_ballot, FIXTURES / "clear_ballot" / "cvr.csv", CLEAR_BALLOT_CONTEST, uwi_label="Write-in")
    assert named(groups) == COMMON


def test_clear_ballot_undeclared_column_name_is_an_error_at_the_mark() -> None:
    path = FIXTURES / "clear_ballot" / "cvr.csv"
    error = error_from(lambda: read(read_clear_ballot, path, CLEAR_BALLOT_CONTEST))
    assert "'Write-in'" in error.problem
    assert error.location == Location(str(path), 5, 14)  # row 4's ballot, the rank-1 write-in column


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda t: t.replace(',"ScanStation1",0,0,1,', ',"ScanStation1",0,0,2,', 1), "choice cell holds '2'"),
        (lambda t: t.rsplit(",", 3)[0] + "\n", "rows end early"),
        (lambda t: t.replace('\n1,"BOX-01"', '\n1,000,"BOX-01"', 1), "has 24 fields, but the header has 23"),
        (lambda t: t.replace(":Number of Winners 1:Ana Alvarez:NON", ":Ana Alvarez", 1), "has 4 parts"),
        (lambda t: t.replace(":1:Number of Winners", ":first:Number of Winners", 1), "gives rank 'first'"),
        (lambda t: t.replace("City of Fixture, Mayor", "Town Mayor"), "has no columns"),
        (lambda t: "", "has no header row"),
        (lambda t: t.split("\n", 1)[0].split(',"Choice')[0] + "\n", "none of them a choice column"),
        (lambda t: t.replace('"BOX-01"', '"BOX"-01', 1), "cvr.csv:2:8: a quoted cell has text after its closing quote"),
    ],
)
def test_clear_ballot_broken_file_is_an_input_error(tmp_path: Path, edit: Callable[[str], str], expected: str) -> None:
    path = copy_fixture("clear_ballot", tmp_path) / "cvr.csv"
    path.write_text(edit(path.read_text()))
    error = error_from(lambda: read(read_clear_ballot, path, CLEAR_BALLOT_CONTEST, uwi_label="Write-in"))
    assert expected in error.message


def test_clear_ballot_row_longer_than_the_header_is_refused_through_the_cli(tmp_path: Path) -> None:
    # Found by the fuzzer (clear-ballot seeds 289, 319): a row number written 1,000 unquoted made a
    # row one cell longer than the header, and its marks were read one choice to the right.
    path = copy_fixture("clear_ballot", tmp_path) / "cvr.csv"
    path.write_text(path.read_text().replace('\n1,"BOX-01"', '\n1,000,"BOX-01"', 1))
    config = {
        "tabulatorVersion": "TEST",
        "outputSettings": {"contestName": "Mayor"},
        "cvrFileSources": [
            {"filePath": str(path), "provider": "clearBallot", "contestId": CLEAR_BALLOT_CONTEST,
             "undeclaredWriteInLabel": "Write-in"}
        ],
        "candidates": [{"name": name} for name in NAMES],
        "rules": {
            "tiebreakMode": "useCandidateOrder", "overvoteRule": "exhaustImmediately",
            "winnerElectionMode": "singleWinnerMajority", "numberOfWinners": "1",
            "decimalPlacesForVoteArithmetic": "4", "maxSkippedRanksAllowed": "1", "maxRankingsAllowed": "max",
            "batchElimination": False, "exhaustOnDuplicateCandidate": False,
        },
    }  # fmt: skip
    config_path = tmp_path / "config.json"
    config_path.write_text(json.dumps(config), encoding="utf-8")
    result = run(["tally", str(config_path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"{path}:2:24: has 24 fields, but the header has 23" in result.stderr, result.stderr


def test_clear_ballot_not_utf8_is_an_input_error(tmp_path: Path) -> None:
    path = copy_fixture("clear_ballot", tmp_path) / "cvr.csv"
    path.write_bytes(path.read_bytes().replace(b"BOX-01+10003", b"BOX-01+\xff0003"))
    assert "is not UTF-8" in error_from(lambda: read(read_clear_ballot, path, CLEAR_BALLOT_CONTEST)).message


# --- CDF XML ----------------------------------------------------------------------------------


def test_cdf_xml_ballots() -> None:
    groups = read(read_cdf_xml, FIXTURES / "cdf_xml" / "cvr.xml", CDF_CONTEST)
    expected = {key: count for key, count in COMMON.items() if key != ((UWI,), ("Ben Baker",))}
    assert named(groups) == {
        **expected,
        ((UWI,), (UWI,)): 1,  # a write-in selection, then Ben's position carrying a CVRWriteIn
        (("Ben Baker",),): 1,  # the current (interpreted) snapshot, not the original
    }


def test_cdf_xml_overvote_label_is_an_explicit_overvote() -> None:
    groups = read(read_cdf_xml, FIXTURES / "cdf_xml" / "cvr.xml", CDF_CONTEST, overvote_label="Cy Chen")
    assert named(groups)[(("Ana Alvarez",), ("Ben Baker",), ("<overvote>",))] == 1


def test_cdf_xml_write_in_without_a_write_in_candidate_is_an_error() -> None:
    error = error_from(lambda: read(read_cdf_xml, FIXTURES / "cdf_xml" / "cvr.xml", CDF_CONTEST, uwi=False))
    assert "undeclared write-in is marked here" in error.problem and "undeclaredWriteInLabel" in error.hint


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda t: t.replace("</cdf:Election>", ""), "is not well-formed XML"),
        (
            lambda t: t.replace(
                "\n<cdf:CastVoteRecordReport",
                '\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<cdf:CastVoteRecordReport',
            ),
            "document type declaration",
        ),
        (lambda t: t.replace("<cdf:ContestSelectionId>cs-ana<", "<cdf:ContestSelectionId>cs-zed<", 1), "'cs-zed'"),
        (lambda t: t.replace("<cdf:Rank>2</cdf:Rank>", "", 1), "has no Rank"),
        (lambda t: t.replace("<cdf:Rank>2</cdf:Rank>", "<cdf:Rank>two</cdf:Rank>", 1), "rank 'two'"),
        (lambda t: t.replace("Mayor, City of Fixture", "Mayor"), "is not in"),
        (lambda t: t.replace("<cdf:Name>Ben Baker</cdf:Name>", "<cdf:Name>B. Baker</cdf:Name>"), "'B. Baker'"),
        (lambda t: t.replace("<cdf:BallotStyleUnitId>gpu-101<", "<cdf:BallotStyleUnitId>gpu-9<", 1), "'gpu-9'"),
        (lambda t: t.replace("<cdf:CurrentSnapshotId>s2<", "<cdf:CurrentSnapshotId>s9<", 1), "'s9'"),
        (lambda t: t.replace('ObjectId="cand-cy"', 'ObjectId="cand-ben"'), "appears more than once"),
    ],
)
def test_cdf_xml_broken_file_is_an_input_error(tmp_path: Path, edit: Callable[[str], str], expected: str) -> None:
    path = copy_fixture("cdf_xml", tmp_path) / "cvr.xml"
    path.write_text(edit(path.read_text()))
    error = error_from(lambda: read(read_cdf_xml, path, CDF_CONTEST))
    assert expected in error.message
    assert error.location.file == str(path) or error.location.file == "race.yaml"


def test_cdf_xml_contest_chosen_when_the_source_names_none_and_the_file_has_one(tmp_path: Path) -> None:
    path = copy_fixture("cdf_xml", tmp_path) / "cvr.xml"
    error = error_from(lambda: read(read_cdf_xml, path, None))
    assert "names no contest" in error.problem and "'Measure A'" in error.problem


# --- every truncation of every fixture: an input error, or a reading an independent count agrees with --


def counted_independently(fixture: str, path: Path, contest: str, names: dict[str, str]) -> dict[Any, int]:
    """The ballots tests/fuzz/cvr_count.py reads in the (garbled) file, grouped as ``named`` groups them;
    Undecidable when the file is not one the format's rules can read."""
    if fixture == "dominion":
        ballots = cvr_count.dominion(path, names, int(contest))
    elif fixture == "hart":
        ballots = cvr_count.hart(path, names, contest)
    elif fixture == "clear_ballot":
        ballots = cvr_count.clear_ballot(path, names, contest)
    else:
        ballots = cvr_count.cdf_xml(path, names, contest)
    order = [*NAMES, UWI]
    groups: dict[Any, int] = {}
    for ballot in ballots:
        ranks = [tuple(sorted(rank, key=order.index)) for rank in ballot]
        while ranks and not ranks[-1]:
            ranks.pop()  # trailing skipped ranks are no part of a ranking
        groups[tuple(ranks)] = groups.get(tuple(ranks), 0) + 1
    return groups


@pytest.mark.parametrize(
    ("fixture", "file", "reader", "contest", "label"),
    [
        ("dominion", "CvrExport.json", read_dominion, "1", "9"),
        ("dominion", "CandidateManifest.json", read_dominion, "1", "9"),
        ("hart", "1_00000002.xml", read_hart, HART_MAYOR, HART_WRITE_IN),
        ("clear_ballot", "cvr.csv", read_clear_ballot, CLEAR_BALLOT_CONTEST, "Write-in"),
        ("cdf_xml", "cvr.xml", read_cdf_xml, CDF_CONTEST, None),
    ],
)
def test_truncated_or_garbled_files_are_refused_or_read_as_an_independent_count_reads_them(
    tmp_path: Path, fixture: str, file: str, reader: Reader, contest: str, label: str | None
) -> None:
    folder = copy_fixture(fixture, tmp_path)
    target = folder / file
    original = target.read_bytes()
    aliases = {**DOMINION_IDS, **HART_IDS}
    names = {name: name for name in NAMES} | aliases | ({label: UWI} if label is not None else {})
    variants = [original[: len(original) * k // 23] for k in range(24)]  # k = 23: the whole file
    variants += [original.replace(b"1", b"\x00", 1), original.replace(b'"', b"'", 3), b"\xef\xbb\xbf", b"\x00" * 64]
    read_some = 0
    for number, variant in enumerate(variants):
        target.write_bytes(variant)
        path = folder if fixture in ("dominion", "hart") else target
        try:
            groups = read(reader, path, contest, aliases=aliases, uwi_label=label)
        except InputError as error:
            assert error.problem
            continue
        try:
            expected = counted_independently(fixture, path, contest, names)
        except Undecidable as why:
            pytest.fail(f"variant {number} read, but the independent count cannot decide: {why}")
        assert named(groups) == expected, f"variant {number}"  # nothing silently lost or misread
        read_some += 1
    assert read_some >= 1  # at least the whole file: the comparison is made


# --- RCTab's regression data for these formats ---------------------------------------------------

RCTAB = SHARED / "conformance" / "rctab"
VENDOR_CASES = [
    "dominion_multi_file",
    "dominion_no_precinct_data",
    "dominion_wyoming",
    "hart_cedar_park_school_board",
    "hart_travis_county_officers",
    "clear_ballot_kansas_primary",
    "clear_ballot_with_inline_comma",
    "nist_xml_cdf_2",
    "unisyn_xml_cdf_city_chief_of_police",
    "unisyn_xml_cdf_city_coroner",
    "unisyn_xml_cdf_city_council_member",
    "unisyn_xml_cdf_city_mayor",
    "unisyn_xml_cdf_city_tax_collector",
    "unisyn_xml_cdf_county_coroner",
    "unisyn_xml_cdf_county_sheriff",
]
RCTAB_READERS: dict[str, Reader] = {
    "dominion": read_dominion,
    "hart": read_hart,
    "clearBallot": read_clear_ballot,
    "cdf": read_cdf_xml,
}


def rctab_case(case: str) -> tuple[BallotGroups, dict[str, object], dict[str, object]]:
    """Read a case's CVRs as its RCTab configuration names them; (ballots, rules, expected report)."""
    folder = shared_path(f"conformance/rctab/{case}")
    config = json.loads((folder / f"{case}_config.json").read_text())
    names = tuple(candidate["name"] for candidate in config["candidates"])
    aliases = {alias: c["name"] for c in config["candidates"] for alias in c.get("aliases", [])}
    sources = config["cvrFileSources"]
    grouper = BallotGrouper(names, UWI if any(s.get("undeclaredWriteInLabel") for s in sources) else None)
    for entry in sources:
        source = CvrSource(
            path=(folder / entry["filePath"]).resolve(),
            provider=entry["provider"],
            location=Location(str(folder / f"{case}_config.json")),
            contest_id=entry.get("contestId") or None,
            overvote_label=entry.get("overvoteLabel") or None,
            undeclared_write_in_label=entry.get("undeclaredWriteInLabel") or None,
        )
        RCTAB_READERS[entry["provider"]](source, CandidateNames(names, aliases), grouper)
    expected_path = folder / f"{case}_expected_detailed_report.json"
    return grouper.build(), config["rules"], json.loads(expected_path.read_text())


def replay_tallies(groups: BallotGroups, rules: dict[str, object], out: set[str]) -> dict[str, int]:
    """Each ballot's vote with the candidates in ``out`` gone, under the case's overvote and
    skipped-rank rules: enough of RCTab's counting to check that every rank was read right."""
    skips = str(rules.get("maxSkippedRanksAllowed", ""))
    max_skipped = int(skips) if skips.isdigit() else 10**9  # "unlimited"
    exhaust_on_overvote = rules["overvoteRule"] == "exhaustImmediately"
    tally = {name: 0 for name in groups.candidates if name not in out}
    for ranking, count in zip(groups.rankings, groups.counts, strict=True):
        last = 0
        for number, rank in enumerate(ranking, start=1):
            if not rank:
                continue
            if number - last > max_skipped + 1:
                break
            last = number
            if len(rank) > 1 or OVERVOTE in rank:
                if exhaust_on_overvote:
                    break
                continue
            name = groups.candidates[rank[0]]
            if name not in out:
                tally[name] += count
                break
    return tally


@pytest.mark.parametrize("case", VENDOR_CASES)
def test_rctab_case_reads_the_ballots_rctab_counted(case: str) -> None:
    groups, rules, expected = rctab_case(case)
    summary = expected["summary"]
    assert isinstance(summary, dict)
    assert groups.total == int(summary["totalNumBallots"])
    blank = sum(count for ranking, count in zip(groups.rankings, groups.counts, strict=True) if not any(ranking))
    assert blank == summary["undervotes"]
    # Replaying the report's eliminations round by round checks the later ranks too, not just
    # first choices (all these cases elect one winner, so no surplus is transferred).
    out: set[str] = set()
    results = expected["results"]
    assert isinstance(results, list)
    for round_ in results:
        want = {name: int(votes) for name, votes in round_["tally"].items()}
        have = replay_tallies(groups, rules, out)
        assert {name: votes for name, votes in have.items() if name in want or votes} == want, round_["round"]
        out.update(result["eliminated"] for result in round_["tallyResults"] if "eliminated" in result)


def test_rctab_dominion_kansas_lacks_its_cvr_export_and_says_so() -> None:
    # PROVENANCE.md: kansas_input_data/CvrExport.json was too large to bring along.
    error = error_from(lambda: rctab_case("dominion_kansas"))
    assert "has no CvrExport.json" in error.problem and "kansas_input_data" in error.problem
