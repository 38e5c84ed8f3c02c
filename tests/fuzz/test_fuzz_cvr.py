"""Fuzzing cast vote records: electcli's rank-columns CSV (named by a race file) and, through RCTab
configurations, RCTab's generic CSV, Clear Ballot, Hart, Dominion, CDF (XML and JSON) and ES&S.

Each case mutates the CVR file (or one file of a folder) of a valid seed from tests/fixtures and
compares electcli's first round with cvr_count.py's independent reading.
"""

from __future__ import annotations

import datetime
import io
import json
import random
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.conftest import ROOT
from tests.fuzz import cvr_count
from tests.fuzz.cvr_count import UWI, Ballot, electcli_first_round, first_round
from tests.fuzz.harness import Case, NotModelled, Undecidable, judge, seeds
from tests.fuzz.mutate import mutate, mutate_json_text
from tests.test_cvr_vendor_readers import (  # the vendor fixtures' names, as the readers' tests have them
    CLEAR_BALLOT_CONTEST,
    DOMINION_IDS,
    HART_IDS,
    HART_MAYOR,
    HART_WRITE_IN,
)

FIXTURES = ROOT / "tests" / "fixtures"
VENDOR = FIXTURES / "cvr_vendor"
FIXTURE_NAMES = ["Ana Alvarez", "Ben Baker", "Cy Chen"]


def rctab_config(
    source: dict[str, Any], candidates: list[dict[str, Any]], rules: dict[str, Any] | None = None
) -> bytes:
    """An RCTab configuration with rules whose first round cvr_count.first_round describes."""
    entry = {
        "contestId": "", "idColumnIndex": "", "batchColumnIndex": "", "precinctColumnIndex": "",
        "overvoteDelimiter": "", "overvoteLabel": "", "skippedRankLabel": "", "undeclaredWriteInLabel": "",
        "treatBlankAsUndeclaredWriteIn": False, **source,
    }  # fmt: skip
    config = {
        "tabulatorVersion": "TEST",
        "outputSettings": {"contestName": "Fuzz", "outputDirectory": "output", "contestDate": "2026-11-03"},
        "cvrFileSources": [entry],
        "candidates": [{"excluded": False, "aliases": [], **candidate} for candidate in candidates],
        "rules": {
            "tiebreakMode": "random", "overvoteRule": "exhaustImmediately",
            "winnerElectionMode": "singleWinnerMajority", "randomSeed": "7", "numberOfWinners": "1",
            "decimalPlacesForVoteArithmetic": "4", "minimumVoteThreshold": "0", "maxSkippedRanksAllowed": "unlimited",
            "maxRankingsAllowed": "max", "nonIntegerWinningThreshold": False, "doesFirstRoundDetermineThreshold": False,
            "hareQuota": False, "batchElimination": False, "continueUntilTwoCandidatesRemain": False,
            "stopTabulationEarlyAfterRound": "", "exhaustOnDuplicateCandidate": False, "rulesDescription": "fuzz",
            **(rules or {}),
        },
    }  # fmt: skip
    return json.dumps(config, indent=2).encode()


def names_with(aliases: dict[str, str], uwi_label: str | None = None) -> dict[str, str]:
    names = {name: name for name in FIXTURE_NAMES} | aliases
    if uwi_label is not None:
        names[uwi_label] = UWI
    return names


def folder_files(folder: Path, prefix: str) -> dict[str, bytes]:
    return {f"{prefix}/{path.name}": path.read_bytes() for path in sorted(folder.iterdir())}


class Kind:
    """A CVR format: its seed files, the command that reads them, and its independent reading."""

    def __init__(
        self,
        files: dict[str, bytes],
        args: list[str],
        ballots: Callable[[Path], list[Ballot]],
        candidates: list[str],
        mutable: list[str] | None = None,
        structural: bool = False,
    ) -> None:
        self.files, self.args, self.ballots, self.candidates = files, args, ballots, candidates
        self.mutable = mutable or [name for name in files if not name.endswith((".yaml", "config.json"))]
        self.structural = structural

    def count(self, folder: Path) -> dict[str, Any]:
        return first_round(self.ballots(folder), self.candidates)


RANK_COLUMNS_RACE = b"""name: Mayor
rule: irv
candidates: [{name: Ana Alvarez}, {name: Ben Baker, aliases: [B. Baker]}, {name: Cy Chen}]
ballots: {file: cvr.csv}
"""
RANK_COLUMNS_CSV = b"""ballot_id,rank1,rank2,rank3
0001,Ana Alvarez,Ben Baker,Cy Chen
0002,B. Baker,,Ana Alvarez
0003,Cy Chen
0004,"Ana Alvarez|Ben Baker",Cy Chen,
0005,,,
0006, Cy Chen ,Ana Alvarez,Ben Baker

0007,Ben Baker,Ben Baker,Ana Alvarez
"""

GENERIC_NAMES = {"Lettuce": "Lettuce", "Broccoli": "Broccoli", "Cucumber": "Cucumber", "Write-In": UWI}
GENERIC_CANDIDATES = [{"name": "Lettuce"}, {"name": "Broccoli"}, {"name": "Cucumber"}, {"name": "Cauliflower"}]

CDF_XML_CONTEST = "Mayor, City of Fixture"
CDF_NAMES = {"Alice": "Alice", "Bob": "Bob", "Carol": "Carol", "Carol C.": "Carol"}


def aliased(ids: dict[str, str]) -> list[dict[str, Any]]:
    return [{"name": name, "aliases": [key for key, value in ids.items() if value == name]} for name in FIXTURE_NAMES]


def config_kind(source: dict[str, Any], candidates: list[dict[str, Any]], files: dict[str, bytes], **kw: Any) -> Kind:
    counted = [candidate["name"] for candidate in candidates]
    return Kind({"config.json": rctab_config(source, candidates), **files}, ["config.json"], candidates=counted, **kw)


KINDS: dict[str, Kind] = {
    "rank-columns": Kind(
        {"race.yaml": RANK_COLUMNS_RACE, "cvr.csv": RANK_COLUMNS_CSV},
        ["race.yaml"],
        lambda folder: cvr_count.rank_columns(folder / "cvr.csv", names_with({"B. Baker": "Ben Baker"})),
        FIXTURE_NAMES,
    ),
    "generic-csv": config_kind(
        {
            "filePath": "cvr.csv",
            "provider": "genericCsv",
            "firstVoteColumnIndex": "4",
            "firstVoteRowIndex": "2",
            "idColumnIndex": "1",
            "undeclaredWriteInLabel": "Write-In",
        },
        GENERIC_CANDIDATES,
        {"cvr.csv": (FIXTURES / "cvr" / "generic_small.csv").read_bytes()},
        ballots=lambda folder: cvr_count.generic_csv(folder / "cvr.csv", GENERIC_NAMES),
    ),
    "clear-ballot": config_kind(
        {
            "filePath": "cvr.csv",
            "provider": "clearBallot",
            "contestId": CLEAR_BALLOT_CONTEST,
            "undeclaredWriteInLabel": "Write-in",
        },
        [{"name": name} for name in FIXTURE_NAMES],
        {"cvr.csv": (VENDOR / "clear_ballot" / "cvr.csv").read_bytes()},
        ballots=lambda folder: cvr_count.clear_ballot(
            folder / "cvr.csv", names_with({}, "Write-in"), CLEAR_BALLOT_CONTEST
        ),
    ),
    "hart": config_kind(
        {"filePath": "hart", "provider": "hart", "contestId": HART_MAYOR, "undeclaredWriteInLabel": HART_WRITE_IN},
        aliased(HART_IDS),
        folder_files(VENDOR / "hart", "hart"),
        ballots=lambda folder: cvr_count.hart(folder / "hart", names_with(HART_IDS, HART_WRITE_IN), HART_MAYOR),
    ),
    "dominion": config_kind(
        {"filePath": "dominion", "provider": "dominion", "contestId": "1", "undeclaredWriteInLabel": "9"},
        aliased(DOMINION_IDS),
        folder_files(VENDOR / "dominion", "dominion"),
        ballots=lambda folder: cvr_count.dominion(folder / "dominion", names_with(DOMINION_IDS, "9"), 1),
        structural=True,
    ),
    "cdf-json": config_kind(
        {"filePath": "cvr.json", "provider": "cdf", "contestId": "Mayor", "undeclaredWriteInLabel": "UWI"},
        [{"name": "Alice"}, {"name": "Bob"}, {"name": "Carol", "aliases": ["Carol C."]}],
        {"cvr.json": (FIXTURES / "cvr" / "cdf_small.json").read_bytes()},
        ballots=lambda folder: cvr_count.cdf_json(folder / "cvr.json", CDF_NAMES, "Mayor"),
        structural=True,
    ),
    "cdf-xml": config_kind(
        {"filePath": "cvr.xml", "provider": "cdf", "contestId": CDF_XML_CONTEST, "undeclaredWriteInLabel": "UWI"},
        [{"name": name} for name in FIXTURE_NAMES],
        {"cvr.xml": (VENDOR / "cdf_xml" / "cvr.xml").read_bytes()},
        ballots=lambda folder: cvr_count.cdf_xml(folder / "cvr.xml", names_with({}), CDF_XML_CONTEST),
    ),
}


# Cases that fail today in readers other branches are fixing: kind -> seed -> symptom (xfail, not strict).
KNOWN: dict[str, dict[int, str]] = {}


def run_case(name: str, seed: int, tmp_path: Path, valid: bool = False) -> None:
    kind = KINDS[name]
    case = Case(name, seed, tmp_path, kind.files)
    if not valid:
        rng = case.rng
        target = rng.choice(sorted(kind.mutable))
        structural = (mutate_json_text,) if kind.structural and target.endswith(".json") else ()
        case.files[target], said = mutate(rng, kind.files[target], structural)
        case.mutations.append(f"{target}: {said}")
    args = ["tally", *(str(tmp_path / arg) for arg in kind.args), "--format", "json"]
    judge(case, args, kind.count, electcli_first_round, valid=valid)


@pytest.mark.parametrize("name", sorted(KINDS))
def test_the_seeds_are_read_as_the_counter_reads_them(name: str, tmp_path: Path) -> None:
    run_case(name, 0, tmp_path, valid=True)


@pytest.mark.parametrize("seed", seeds("rank-columns", KNOWN.get("rank-columns")))
def test_rank_columns_csv(seed: int, tmp_path: Path) -> None:
    run_case("rank-columns", seed, tmp_path)


@pytest.mark.parametrize("seed", seeds("generic-csv", KNOWN.get("generic-csv")))
def test_rctab_generic_csv(seed: int, tmp_path: Path) -> None:
    run_case("generic-csv", seed, tmp_path)


@pytest.mark.parametrize("seed", seeds("clear-ballot", KNOWN.get("clear-ballot")))
def test_clear_ballot(seed: int, tmp_path: Path) -> None:
    run_case("clear-ballot", seed, tmp_path)


@pytest.mark.parametrize("seed", seeds("hart", KNOWN.get("hart")))
def test_hart(seed: int, tmp_path: Path) -> None:
    run_case("hart", seed, tmp_path)


@pytest.mark.parametrize("seed", seeds("dominion", KNOWN.get("dominion")))
def test_dominion(seed: int, tmp_path: Path) -> None:
    run_case("dominion", seed, tmp_path)


@pytest.mark.parametrize("seed", seeds("cdf-json", KNOWN.get("cdf-json")))
def test_cdf_json(seed: int, tmp_path: Path) -> None:
    run_case("cdf-json", seed, tmp_path)


@pytest.mark.parametrize("seed", seeds("cdf-xml", KNOWN.get("cdf-xml")))
def test_cdf_xml(seed: int, tmp_path: Path) -> None:
    run_case("cdf-xml", seed, tmp_path)


# -- ES&S: mutations of the sheet's rows and cells, written with openpyxl; now and then of the bytes ------

ESS_NAMES = {"ANNIE YOUNG": "ANNIE YOUNG", "JOHN ERWIN": "JOHN ERWIN", "TOM NORDYKE": "TOM NORDYKE", "UWI": UWI}
ODD_CELLS: tuple[Any, ...] = (
    None, " ", 0, 1, -1, 1.5, 10**20, True, datetime.datetime(2026, 11, 3), "john erwin", "JOHN ERWIN|TOM NORDYKE",
    "overvote", "undervote", "UWI", "=B2", "JOHN  ERWIN", "\u00a0JOHN ERWIN", "JOHN ERWIN\u200b", "x" * 40000, "#N/A",
)  # fmt: skip


def ess_seed_rows() -> list[list[Any]]:
    sheet = openpyxl.load_workbook(FIXTURES / "cvr" / "ess_minneapolis_style.xlsx").worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def write_xlsx(rows: list[list[Any]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return reproducible(out.getvalue())


def reproducible(workbook: bytes) -> bytes:
    """The same bytes for the same rows: openpyxl stamps the time into docProps/core.xml and the zip."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2026-11-03T00:00:00Z", data)
            target.writestr(
                zipfile.ZipInfo(info.filename, date_time=(2026, 11, 3, 0, 0, 0)), data, zipfile.ZIP_DEFLATED
            )
    return out.getvalue()


def mutate_rows(rng: random.Random, rows: list[list[Any]]) -> str:
    said = []
    for _ in range(rng.choice((1, 1, 2, 3))):
        index = rng.randrange(len(rows))
        choice = rng.randrange(6)
        if choice == 0:
            del rows[index]
            said.append(f"delete row {index + 1}")
        elif choice == 1:
            rows.insert(index, list(rows[index]))
            said.append(f"duplicate row {index + 1}")
        elif choice == 2:
            other = rng.randrange(len(rows))
            rows[index], rows[other] = rows[other], rows[index]
            said.append(f"swap rows {index + 1} and {other + 1}")
        elif choice == 3:
            column = rng.randrange(len(rows[index]) + 1)
            value = rng.choice(ODD_CELLS)
            rows[index].insert(column, value)
            said.append(f"row {index + 1}: {value!r:.40} inserted at column {column + 1}")
        else:
            column = rng.randrange(len(rows[index]) + 1)
            value = rng.choice(ODD_CELLS)
            rows[index][column : column + 1] = [value]
            said.append(f"row {index + 1} column {column + 1} -> {value!r:.40}")
        if not rows:
            rows.append([None])
    return "; ".join(said)


# The parts of a workbook that hold the first sheet's cells; the others (document properties, theme,
# styles) say nothing about a ballot.
SHEET_PARTS = (
    "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
    "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
)  # fmt: skip


def count_xlsx(path: Path, rows: list[list[Any]], written: bytes) -> dict[str, Any]:
    """The first round of the rows written into the workbook, while the file still holds what was
    written in the parts that hold the cells (a byte mutation may touch only what is not read)."""
    if path.read_bytes() != written:
        with zipfile.ZipFile(io.BytesIO(written)) as then:
            parts = [name for name in SHEET_PARTS if name in then.namelist()]
            before = {name: then.read(name) for name in parts}
        try:
            with zipfile.ZipFile(path) as now:
                same = all(now.read(name) == before[name] for name in parts)
        except Exception as error:  # a zip whose sheet cannot be read: not decidable
            raise Undecidable(f"the sheet cannot be read: {error!r:.100}") from None
        if not same:
            raise Undecidable("the bytes mutation changed the sheet")
    return first_round(cvr_count.ess_rows(rows, ESS_NAMES), ["ANNIE YOUNG", "JOHN ERWIN", "TOM NORDYKE"])


ESS_CONFIG = rctab_config(
    {"filePath": "cvr.xlsx", "provider": "ess", "firstVoteColumnIndex": "2", "firstVoteRowIndex": "2",
     "undeclaredWriteInLabel": "UWI", "overvoteLabel": "overvote", "skippedRankLabel": "undervote"},
    [{"name": name} for name in ("ANNIE YOUNG", "JOHN ERWIN", "TOM NORDYKE")],
    {"maxRankingsAllowed": "3"},
)  # fmt: skip


@pytest.mark.parametrize("seed", seeds("ess", KNOWN.get("ess")))
def test_ess_xlsx(seed: int, tmp_path: Path) -> None:
    case = Case("ess", seed, tmp_path, {"config.json": ESS_CONFIG})
    rows = ess_seed_rows()
    case.originals["cvr.xlsx"] = write_xlsx(rows)
    rng = case.rng
    case.mutations.append(mutate_rows(rng, rows))
    data = written = write_xlsx(rows)
    if rng.random() < 0.15:
        data, said = mutate(rng, data)
        case.mutations.append(f"bytes: {said}")
    case.files["cvr.xlsx"] = data
    args = ["tally", str(tmp_path / "config.json"), "--format", "json"]
    judge(case, args, lambda folder: count_xlsx(folder / "cvr.xlsx", rows, written), electcli_first_round)


def test_the_ess_seed_is_read_as_the_counter_reads_it(tmp_path: Path) -> None:
    rows = ess_seed_rows()
    written = write_xlsx(rows)
    case = Case("ess", 0, tmp_path, {"config.json": ESS_CONFIG, "cvr.xlsx": written})
    args = ["tally", str(tmp_path / "config.json"), "--format", "json"]
    judge(case, args, lambda folder: count_xlsx(folder / "cvr.xlsx", rows, written), electcli_first_round, valid=True)


# -- the RCTab configuration itself, naming the generic CSV source ------------------------------------

COUNTED_RULES = ("overvoteRule", "maxSkippedRanksAllowed", "maxRankingsAllowed", "exhaustOnDuplicateCandidate")
# missing or null is false, as RCTab reads a configuration: Jackson sets a primitive boolean from null to
# false (DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES is off in RCTab's plain ObjectMapper)
BOOLEAN_RULES = ("exhaustOnDuplicateCandidate",)


def count_config(folder: Path) -> dict[str, Any]:
    """The seed's first round while the configuration still says what the seed's says about what is
    counted; a rule that changes the count to another valid value is not modelled; a rule or key
    missing, misspelt or of a wrong kind (a list, an object, null where text should be) is undecidable."""
    seed = json.loads(KINDS["generic-csv"].files["config.json"])
    config = cvr_count.strict_json(folder / "config.json")
    rules = cvr_count.field(config, "rules", dict)
    if set(rules) - set(seed["rules"]):
        raise Undecidable(f"unknown rules {sorted(set(rules) - set(seed['rules']))}")
    for key in COUNTED_RULES:
        if key in BOOLEAN_RULES and rules.get(key) is None:
            rules[key] = False
        if key not in rules:
            raise Undecidable(f"rule {key} missing")
        if isinstance(rules[key], list | dict) or rules[key] is None:
            raise Undecidable(f"rule {key}: {rules[key]!r:.40}")
    for section, keys in (
        ("cvrFileSources", set(seed["cvrFileSources"][0])),
        ("candidates", {"name", "excluded", "aliases", "code"}),
    ):
        entries = cvr_count.field(config, section, list)
        for entry in entries:
            if not isinstance(entry, dict) or set(entry) - keys:
                raise Undecidable(f"a {section} entry {entry!r:.60}")
    changed = [key for key in COUNTED_RULES if rules[key] != seed["rules"][key]]
    changed += [section for section in ("cvrFileSources", "candidates") if config[section] != seed[section]]
    if changed:
        raise NotModelled(f"changed: {changed}")
    return KINDS["generic-csv"].count(folder)


@pytest.mark.parametrize("seed", seeds("rctab-config", KNOWN.get("rctab-config")))
def test_rctab_configuration(seed: int, tmp_path: Path) -> None:
    kind = KINDS["generic-csv"]
    case = Case("rctab-config", seed, tmp_path, kind.files)
    case.files["config.json"], said = mutate(case.rng, kind.files["config.json"], (mutate_json_text,))
    case.mutations.append(f"config.json: {said}")
    judge(case, ["tally", str(tmp_path / "config.json"), "--format", "json"], count_config, electcli_first_round)
