"""Random ranked-choice contests, counted by RCTab 2.0.1 (the shared oracle) and by electcli.

A contest is a random RCTab configuration (every rule electcli reads from one: winner mode, seats,
tiebreak mode and seed, overvote rule, skipped and maximum ranks, duplicates, decimal places,
minimum vote threshold, non-integer and Hare thresholds, first-round threshold, batch and cutoff
elimination, continue until two, stop after a round, the bottoms-up percentage, excluded
candidates and aliases) and random ballots written in one of the CVR formats both read (ES&S
workbook, generic CSV, CDF JSON), with overvotes, skipped ranks, repeated candidates and
undeclared write-ins. RCTab counts a batch of them in one JVM (tests/oracle/RctabBatch.java);
electcli counts each as ``electcli tabulate CONFIG`` would, and :func:`compare` says whether the
two agree and, if not, how (a ``kind``).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from electcli.errors import InputError
from electcli.ranked.engine import count_ranked
from electcli.ranked.errors import CountAbortedError
from electcli.ranked.rules import MULTI_PASS_IRV
from electcli.readers import read_input

HERE = Path(__file__).resolve().parent
INACTIVE_KEYS = {
    "exhaustedChoices": "exhausted_choices",
    "overvotes": "overvotes",
    "skippedRankings": "skipped_rankings",
    "repeatedRankings": "repeated_rankings",
    "finalRoundSurplus": "final_round_surplus",
}
TRANSFER_TARGETS = {"residual_surplus": "residual surplus"}
NAMES = ["Ann", "Bo", "Cy", "Di", "Ed", "Flo", "Gus", "Hal"]
UWI_LABEL = "UWI"
UWI_NAME = "Undeclared Write-ins"  # RCTab's (and electcli's) name for them in a count
OVERVOTE_LABEL = "overvote"
SKIP_LABEL = "undervote"
FORMATS = ("ess", "genericCsv", "cdf")
# the modes that take nonIntegerWinningThreshold and hareQuota (others: both refuse the config)
SURPLUS_MODES = ("multiWinnerAllowOnlyOneWinnerPerRound", "multiWinnerAllowMultipleWinnersPerRound")


# -- the oracle --------------------------------------------------------------------------------------


def build_oracle(shared: Path) -> tuple[Path, str] | str:
    """(RCTab's classes folder, its classpath) with the batch launcher compiled in, or why not."""
    setup = shared / "tools" / "rctab-oracle" / "setup"
    if not setup.exists():
        return f"the RCTab oracle is not at {setup.parent}"
    if shutil.which("java") is None and shutil.which("javac") is None and os.geteuid() != 0:
        return "no Java to build the RCTab oracle with (its setup needs root apt-get)"
    done = subprocess.run([str(setup)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return f"the RCTab oracle did not build: {done.stderr.strip().splitlines()[-1:]}"
    home = Path(done.stdout.strip().splitlines()[-1])
    classpath = (home / "classpath.txt").read_text(encoding="utf-8").strip()
    batch = home / "batch"
    launcher = HERE / "oracle" / "RctabBatch.java"
    compiled = batch / "network" / "brightspots" / "rcv" / "RctabBatch.class"
    if not compiled.exists() or compiled.stat().st_mtime < launcher.stat().st_mtime:
        batch.mkdir(exist_ok=True)
        javac = subprocess.run(
            ["javac", "-nowarn", "-d", str(batch), "-cp", f"{home / 'classes'}:{classpath}", str(launcher)],
            capture_output=True,
            text=True,
            check=False,
        )
        if javac.returncode != 0:
            return f"the batch launcher did not compile: {javac.stderr.strip()[:300]}"
    return home, f"{batch}:{home / 'classes'}:{classpath}"


def run_rctab(classpath: str, configs: list[Path], work: Path) -> dict[Path, str]:
    """Count ``configs`` in one JVM; each config's outcome: "done" or "failed" (an exception)."""
    listing = work / "configs.txt"
    listing.write_text("".join(f"{c}\n" for c in configs), encoding="utf-8")
    options = os.environ.get("RCTAB_JAVA_OPTS", "-Xss16m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC").split()
    done = subprocess.run(
        [
            "java",
            *options,
            "-Djava.awt.headless=true",
            "-cp",
            classpath,
            "network.brightspots.rcv.RctabBatch",
            str(listing),
        ],
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
        cwd=work,
    )
    outcome: dict[Path, str] = {}
    for line in done.stdout.splitlines():
        if line.startswith(("DONE ", "FAIL ")):
            outcome[Path(line[5:])] = "done" if line.startswith("DONE") else "failed"
    for config in configs:
        outcome.setdefault(config, "failed")  # the JVM died on it (its log says why)
    return outcome


def rctab_reports(config: Path) -> list[dict[str, Any]] | None:
    """RCTab's detailed reports for a counted config (one per pass), or None if it wrote none."""
    found = sorted((config.parent / "output").glob("*/*_detailed_report.json"))
    if not found:
        return None

    def order(path: Path) -> int:
        parts = path.name.split("_")
        return int(parts[-3]) if len(parts) >= 3 and parts[-3].isdigit() else 0

    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(found, key=order)]


# -- a random contest --------------------------------------------------------------------------------


@dataclass
class Contest:
    folder: Path
    config: Path
    description: str


def _ballots(rng: random.Random, names: list[str], ranks: int, fmt: str) -> list[list[list[str]]]:
    """Random ballots: per rank, the marks in it ([] a skipped rank, UWI_LABEL a write-in)."""
    # a few popular orders, so that counts go several rounds and ties happen
    popular = [rng.sample(names, len(names)) for _ in range(3)]
    ballots = []
    for _ in range(rng.randint(5, 40)):
        order = list(rng.choice(popular)) if rng.random() < 0.6 else rng.sample(names, len(names))
        depth = rng.randint(0, ranks)
        cells: list[list[str]] = []
        for position in range(depth):
            roll = rng.random()
            if roll < 0.08:
                cells.append([])  # skipped
            elif roll < 0.14 and fmt != "cdf":
                cells.append([UWI_LABEL])
            elif roll < 0.2:
                cells.append(rng.sample(names, 2))  # overvote
            elif roll < 0.26 and cells and fmt != "genericCsv":
                cells.append([rng.choice(names)])  # possibly a repeat
            else:
                cells.append([order[position % len(order)]])
        if fmt == "genericCsv":
            cells = _one_rank_each(cells)
        ballots.append(cells)
    return ballots


def _one_rank_each(cells: list[list[str]]) -> list[list[str]]:
    """A generic CSV has one cell per candidate: each candidate keeps only its first rank."""
    seen: set[str] = set()
    kept = []
    for cell in cells:
        cell = [mark for mark in cell if mark not in seen]
        seen.update(cell)
        kept.append(cell)
    return kept


def _rules(rng: random.Random, candidates: int) -> dict[str, Any]:
    mode = rng.choice(
        [
            "singleWinnerMajority",
            "singleWinnerMajority",
            "multiWinnerAllowOnlyOneWinnerPerRound",
            "multiWinnerAllowMultipleWinnersPerRound",
            "bottomsUp",
            "bottomsUpUsingPercentageThreshold",
            "multiPassIrv",
        ]
    )
    single = mode == "singleWinnerMajority"
    seats = 1 if single else 0 if mode == "bottomsUpUsingPercentageThreshold" else rng.randint(2, max(2, candidates))
    tiebreak = rng.choice(["useCandidateOrder", "random", "previousRoundCountsThenRandom", "generatePermutation"])
    rules: dict[str, Any] = {
        "tiebreakMode": tiebreak,
        "overvoteRule": rng.choice(["exhaustImmediately", "alwaysSkipToNextRank", "exhaustIfMultipleContinuing"]),
        "winnerElectionMode": mode,
        "randomSeed": str(rng.randint(0, 10**6)) if tiebreak != "useCandidateOrder" else "",
        "numberOfWinners": str(seats),
        "multiSeatBottomsUpPercentageThreshold": "",
        "decimalPlacesForVoteArithmetic": str(rng.randint(1, 6) if rng.random() > 0.03 else 0),  # 0: both refuse
        "minimumVoteThreshold": str(rng.choice([0] * 9 + [2])),  # RCTab 2.0.1 ignores it: see KNOWN
        "maxSkippedRanksAllowed": rng.choice(["unlimited", "0", "1", "2"]),
        "maxRankingsAllowed": rng.choice(["max", "max", str(rng.randint(1, candidates))]),
        "nonIntegerWinningThreshold": rng.random() < 0.3 and (mode in SURPLUS_MODES or rng.random() < 0.1),
        "doesFirstRoundDetermineThreshold": single and rng.random() < 0.3,
        "hareQuota": rng.random() < 0.3 and (mode in SURPLUS_MODES or rng.random() < 0.1),
        "batchElimination": rng.random() < 0.25 and mode in ("singleWinnerMajority", "multiPassIrv"),
        "cutoffElimination": rng.random() < 0.3 and mode == "bottomsUpUsingPercentageThreshold",
        "continueUntilTwoCandidatesRemain": rng.random() < 0.2 and mode in ("singleWinnerMajority", "multiPassIrv"),
        "stopTabulationEarlyAfterRound": rng.choice(["", "", "", str(rng.randint(1, 4))]),
        "exhaustOnDuplicateCandidate": rng.random() < 0.4,
    }
    if mode == "bottomsUpUsingPercentageThreshold":
        rules["multiSeatBottomsUpPercentageThreshold"] = rng.choice(["10", "25", "12.5", "30", "33.3333"])
    return rules


def make_contest(seed: int, folder: Path) -> Contest:
    """The random contest number ``seed``, written into ``folder`` (a config and its CVR file)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    fmt = rng.choice(FORMATS)
    names = NAMES[: rng.randint(2, 6)]
    ranks = rng.randint(1, len(names) + 1)
    rules = _rules(rng, len(names))
    if rules["maxRankingsAllowed"] != "max" and rng.random() < 0.9:
        ranks = min(ranks, int(rules["maxRankingsAllowed"]))  # else a ballot ranks too many: both refuse
    ballots = _ballots(rng, names, ranks, fmt)
    if rng.random() < 0.2:
        names = [*names, "Zed"]  # a declared candidate no ballot ranks: ties at zero votes
    candidates: list[dict[str, Any]] = [{"name": n, "excluded": False, "aliases": []} for n in names]
    if len(names) > 2 and rng.random() < 0.15:
        rng.choice(candidates)["excluded"] = True
    source: dict[str, Any] = {"provider": fmt, "treatBlankAsUndeclaredWriteIn": False}
    delimiter = fmt == "ess" and rng.random() < 0.5
    if fmt == "ess":
        source.update(
            filePath=str(folder / "cvr.xlsx"),
            firstVoteColumnIndex="2",
            firstVoteRowIndex="2",
            idColumnIndex="1",
            overvoteLabel="" if delimiter else OVERVOTE_LABEL,
            overvoteDelimiter="|" if delimiter else "",
            skippedRankLabel=SKIP_LABEL,
            undeclaredWriteInLabel=UWI_LABEL,
        )
        _write_ess(folder / "cvr.xlsx", ballots, ranks, delimiter)
        if not delimiter and rules["overvoteRule"] == "exhaustIfMultipleContinuing":
            rules["overvoteRule"] = "exhaustImmediately"  # both refuse it without a delimiter
    elif fmt == "genericCsv":
        source.update(
            filePath=str(folder / "cvr.csv"),
            firstVoteColumnIndex="2",
            firstVoteRowIndex="2",
            idColumnIndex="1",
            undeclaredWriteInLabel=UWI_LABEL,
        )
        _write_csv(folder / "cvr.csv", ballots, names)
    else:
        source.update(filePath=str(folder / "cvr.json"), contestId="Contest")
        _write_cdf(folder / "cvr.json", ballots, names)
    config = {
        "tabulatorVersion": "TEST",
        "outputSettings": {
            "contestName": "Contest",
            "outputDirectory": str(folder / "output"),
            "contestDate": "",
            "contestJurisdiction": "",
            "contestOffice": "",
            "tabulateByPrecinct": False,
            "generateCdfJson": False,
        },
        "cvrFileSources": [source],
        "candidates": candidates,
        "rules": rules,
    }
    path = folder / "config.json"
    path.write_text(json.dumps(config, indent=2), encoding="utf-8")
    described = f"seed {seed}: {fmt}, {len(names)} candidates, {len(ballots)} ballots, {json.dumps(rules)}"
    return Contest(folder, path, described)


def _write_ess(path: Path, ballots: list[list[list[str]]], ranks: int, delimiter: bool) -> None:
    rows: list[list[str | int]] = [["Cast Vote Record", *(f"Rank {n}" for n in range(1, ranks + 1))]]
    for number, cells in enumerate(ballots, start=1):
        row: list[str | int] = [number]
        for cell in cells:
            if not cell:
                row.append(SKIP_LABEL)
            elif len(cell) > 1:
                row.append("|".join(cell) if delimiter else OVERVOTE_LABEL)
            else:
                row.append(cell[0])
        row += [SKIP_LABEL] * (ranks + 1 - len(row))
        rows.append(row)
    write_xlsx(path, rows)


def write_xlsx(path: Path, rows: list[list[str | int]]) -> None:
    """A minimal workbook with its text in a shared-strings table, as ES&S exports are written
    (openpyxl writes inline strings, which the oracle's POI, without compiled schemas, cannot read)."""
    strings: dict[str, int] = {}
    sheet_rows = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(row):
            ref = f"{chr(ord('A') + c)}{r}"
            if isinstance(value, int):
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            else:
                index = strings.setdefault(value, len(strings))
                cells.append(f'<c r="{ref}" t="s"><v>{index}</v></c>')
        sheet_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006"
    parts = {
        "[Content_Types].xml": f'<Types xmlns="{pkg}/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        "</Types>",
        "_rels/.rels": f'<Relationships xmlns="{pkg}/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
        '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{pkg}/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{main}"><sheetData>{"".join(sheet_rows)}</sheetData></worksheet>',
        "xl/sharedStrings.xml": f'<sst xmlns="{main}" count="{len(strings)}" uniqueCount="{len(strings)}">'
        + "".join(f"<si><t>{escape(text)}</t></si>" for text in strings)
        + "</sst>",
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, text in parts.items():
            book.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + text)


def _write_csv(path: Path, ballots: list[list[list[str]]], names: list[str]) -> None:
    columns = [*names, UWI_LABEL]
    lines = ["id," + ",".join(columns)]
    for number, cells in enumerate(ballots, start=1):
        rank_of = {mark: str(rank) for rank, cell in enumerate(cells, start=1) for mark in cell}
        lines.append(f"{number}," + ",".join(rank_of.get(c, "") for c in columns))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_cdf(path: Path, ballots: list[list[list[str]]], names: list[str]) -> None:
    ids = {name: f"cs-{n}" for n, name in enumerate(names)}
    records = []
    for number, cells in enumerate(ballots, start=1):
        positions: dict[str, list[int]] = {}
        for rank, cell in enumerate(cells, start=1):
            for mark in cell:
                positions.setdefault(mark, []).append(rank)
        selections = [
            {
                "@type": "CVR.CVRContestSelection",
                "ContestSelectionId": ids[name],
                "SelectionPosition": [
                    {
                        "@type": "CVR.SelectionPosition",
                        "HasIndication": "yes",
                        "IsAllocable": "yes",
                        "NumberVotes": 1,
                        "Rank": r,
                    }
                    for r in ranks
                ],
            }
            for name, ranks in positions.items()
        ]
        records.append(
            {
                "@type": "CVR.CVR",
                "BallotPrePrintedId": str(number),
                "CurrentSnapshotId": f"b-{number}",
                "ElectionId": "election",
                "CVRSnapshot": [
                    {
                        "@id": f"b-{number}",
                        "@type": "CVR.CVRSnapshot",
                        "Type": "original",
                        "CVRContest": [
                            {"@type": "CVR.CVRContest", "ContestId": "contest", "CVRContestSelection": selections}
                        ],
                    }
                ],
            }
        )
    document = {
        "@type": "CVR.CastVoteRecordReport",
        "Election": [
            {
                "@id": "election",
                "@type": "CVR.Election",
                "ElectionScopeId": "gpu",
                "Candidate": [{"@id": f"c-{n}", "Name": name} for n, name in enumerate(names)],
                "Contest": [
                    {
                        "@id": "contest",
                        "@type": "CandidateContest",
                        "Name": "Contest",
                        "ContestSelection": [
                            {"@id": ids[name], "@type": "CandidateSelection", "CandidateIds": [f"c-{n}"]}
                            for n, name in enumerate(names)
                        ],
                    }
                ],
            }
        ],
        "GpUnit": [{"@id": "gpu", "@type": "CVR.GpUnit", "Type": "other", "OtherType": "x", "Name": "x"}],
        "ReportGeneratingDeviceIds": ["rd"],
        "ReportingDevice": [
            {"@id": "rd", "@type": "CVR.ReportingDevice", "Application": "test", "Manufacturer": "test"}
        ],
        "CVR": records,
        "GeneratedDate": "2024-01-01T00:00:00Z",
        "Version": "1.0.0",
    }
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")


# -- comparing ---------------------------------------------------------------------------------------


def _exact(text: str) -> Fraction:
    return Fraction(Decimal(text))


def electcli_count(config: Path) -> tuple[str, Any]:
    """("refused", message), ("aborted", message) or ("counted", result)."""
    try:
        (contest,) = read_input(str(config)).contests  # as `electcli tally CONFIG` reads it
        rules, ballots = contest.ranked, contest.ballots
        assert rules is not None and ballots is not None
    except InputError as error:
        return "refused", str(error)
    try:
        return "counted", (rules, count_ranked(ballots, rules))
    except CountAbortedError as error:
        return "aborted", str(error)


# Differences that are RCTab's, not electcli's (README, "Agreement with RCTab"): the kind the
# comparison gives them. The test expects these and fails on any other difference.
KNOWN_MINIMUM = "known: minimumVoteThreshold, which RCTab 2.0.1 does not read"
KNOWN_LONE_PASS = "known: RCTab fails on a multi-pass IRV pass with one candidate (continue until two)"
KNOWN_SEATS_LEFT = (
    "known: multi-pass IRV with more seats than candidates who can win: RCTab elects the write-ins or stops short"
)
KNOWN_CUTOFF_ALL = "known: RCTab's cutoff elimination eliminates every candidate (then fails, or stops there)"
KNOWN = (KNOWN_MINIMUM, KNOWN_LONE_PASS, KNOWN_SEATS_LEFT, KNOWN_CUTOFF_ALL)


def compare(config: Path, rctab_outcome: str) -> tuple[str, str]:
    """("agree", ...), ("agree: both refuse", ...) or (a kind of difference, details)."""
    kind, detail = _compare_counts(config, rctab_outcome)
    if kind.startswith("agree"):
        return kind, detail
    rules = json.loads(config.read_text(encoding="utf-8"))["rules"]
    if rules.get("minimumVoteThreshold", "0") not in ("", "0"):
        return KNOWN_MINIMUM, f"{kind}: {detail}"
    if kind == "electcli aborted, rctab counted" and "every candidate has won or is excluded" in detail:
        # RCTab reports fewer winners than seats, or the write-in placeholder elected to one
        return KNOWN_SEATS_LEFT, detail
    if (rctab_outcome == "failed" or kind == "eliminated") and _cutoff_takes_all(config, rules):
        # RCTab fails on the empty round after, unless stopTabulationEarlyAfterRound ends the
        # count at that round: its report then has every candidate eliminated
        return KNOWN_CUTOFF_ALL, detail
    if rctab_outcome == "failed" and _lone_pass(config, rules):
        return KNOWN_LONE_PASS, detail
    return kind, detail


def _cutoff_takes_all(config: Path, rules: Mapping[str, Any]) -> bool:
    """Bottoms-up by percentage with cutoff elimination, and a round where every candidate is under
    the threshold: RCTab eliminates them all and fails on the empty round after, or reports
    them all eliminated when the count stops there (electcli eliminates the last-place candidate
    instead, as without cutoff elimination)."""
    if rules.get("winnerElectionMode") != "bottomsUpUsingPercentageThreshold" or not rules.get("cutoffElimination"):
        return False
    ours, value = electcli_count(config)
    if ours != "counted":
        return False
    return any(r.tally and all(v < r.threshold for v in r.tally.values()) for r in value[1].rounds)


def _lone_pass(config: Path, rules: Mapping[str, Any]) -> bool:
    """A multi-pass, continue-until-two count with a pass that started with one candidate."""
    if rules.get("winnerElectionMode") != "multiPassIrv" or not rules.get("continueUntilTwoCandidatesRemain"):
        return False
    ours, value = electcli_count(config)
    if ours != "counted":
        return False
    passes = value[1].passes
    return any(len([name for name in p.rounds[0].tally if name != UWI_NAME]) == 1 for p in passes if p.rounds)


def _compare_counts(config: Path, rctab_outcome: str) -> tuple[str, str]:
    reports = rctab_reports(config)
    ours, value = electcli_count(config)
    if reports is None:
        theirs = "rctab failed" if rctab_outcome == "failed" else "rctab refused"
        if ours in ("refused", "aborted"):
            return "agree: both refuse", f"{theirs}; electcli {ours}: {value}"
        return f"{theirs}, electcli counted", _log_tail(config)
    if ours != "counted":
        return f"electcli {ours}, rctab counted", str(value)
    rules, result = value
    try:
        if rules.winner_mode == MULTI_PASS_IRV:
            if len(result.passes) != len(reports):
                return "passes", f"{len(result.passes)} passes, RCTab {len(reports)}"
            for number, (one, report) in enumerate(zip(result.passes, reports, strict=True), start=1):
                _compare(one, report, f"pass {number}: ")
        else:
            _compare(result, reports[0], "")
    except _Differ as differ:
        return differ.kind, differ.detail
    return "agree", ""


class _Differ(Exception):
    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(kind, detail)
        self.kind, self.detail = kind, detail


def _check(same: bool, kind: str, detail: str) -> None:
    if not same:
        raise _Differ(kind, detail)


def _compare(result: Any, report: Mapping[str, Any], where: str) -> None:
    expected = report["results"]
    _check(len(result.rounds) == len(expected), "rounds", f"{where}{len(result.rounds)} rounds, RCTab {len(expected)}")
    for ours, theirs in zip(result.rounds, expected, strict=True):
        at = f"{where}round {theirs['round']}: "
        tally = {name: _exact(v) for name, v in theirs["tally"].items()}
        _check(dict(ours.tally) == tally, "tally", f"{at}{dict(ours.tally)} vs {tally}")
        threshold = _exact(theirs["threshold"])
        _check(ours.threshold == threshold, "threshold", f"{at}{ours.threshold} vs {threshold}")
        inactive = {INACTIVE_KEYS[k]: _exact(v) for k, v in theirs["inactiveBallots"].items() if _exact(v)}
        mine = {k: Fraction(v) for k, v in ours.inactive.items() if v}
        _check(mine == inactive, "inactive", f"{at}{mine} vs {inactive}")
        results = theirs["tallyResults"]
        elected = [e["elected"] for e in results if "elected" in e]
        eliminated = [e["eliminated"] for e in results if "eliminated" in e]
        _check(sorted(ours.elected) == sorted(elected), "elected", f"{at}{ours.elected} vs {elected}")
        _check(sorted(ours.eliminated) == sorted(eliminated), "eliminated", f"{at}{ours.eliminated} vs {eliminated}")
        for entry in results:
            name = entry.get("elected") or entry.get("eliminated")
            theirs_moved = {k: _exact(v) for k, v in entry.get("transfers", {}).items() if _exact(v)}
            mine_moved = {TRANSFER_TARGETS.get(k, k): Fraction(v) for k, v in ours.transfers.get(name, {}).items() if v}
            _check(mine_moved == theirs_moved, "transfers", f"{at}{name}: {mine_moved} vs {theirs_moved}")
    winners = [e["elected"] for r in expected for e in r["tallyResults"] if "elected" in e]
    _check(sorted(result.winners) == sorted(winners), "winners", f"{where}{result.winners} vs {winners}")


def _log_tail(config: Path) -> str:
    logs = sorted((config.parent / "output").glob("*/*.log")) + sorted((config.parent / "output").glob("*.log"))
    lines = [line for log in logs for line in log.read_text(errors="replace").splitlines() if "SEVERE" in line]
    return " | ".join(lines[-3:])
