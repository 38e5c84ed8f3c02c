"""Ranked-choice benchmark against RCTab 2.0.1, the reference tabulator: one contest, both programs.

Run from the project root with the project installed:

    python bench/bench_rctab.py [--ballots 1000000] [--runs 3]

RCTab runs through the oracle wrapper (``$ELECTCLI_SHARED/tools/rctab-oracle/rctab``, built once
into ``$RCTAB_ORACLE_HOME``, default /tmp/rctab-oracle, by its ``setup``). Without the built oracle
or without ``java`` only electcli is timed, and one line says why.

The ballots are bench_ranked.py's (the same seed, the same file in bench/.data/), rewritten in the
shape RCTab's generic CSV provider reads: one column per candidate, the rank in the cell. A
candidate holds one rank there, so a name repeated at a later rank leaves that rank blank (a
skipped rank), and an overvote is two candidates with the same rank. One RCTab configuration
(``rctab_N.json``) names that file and the rules, and both programs count it:

- electcli: ``electcli tally rctab_N.json --format json`` (start-up, read, count, JSON), after one
  untimed run that writes its bytecode caches, as any installed copy has them.
- RCTab: ``rctab rctab_N.json OUTDIR`` (the wrapper: it copies the configuration, runs
  ``java ... --cli`` and copies the summary report to OUTDIR/summary.json), from a temporary folder
  (RCTab writes its log where it runs). This is what a user of RCTab's command line waits for:
  JVM start-up, reading, counting and every report RCTab writes (round-by-round CSV and JSON, its
  normalized copy of all the ballots, 190 MB for a million, and checksums). The wrapper itself
  adds 0.1 to 0.3 s: a shell and two Python start-ups around the JVM.

JVM heap: ``-Xmx4g`` (with the wrapper's usual ``-Xss16m``), the heap RCTab gets by default on
the 16 GB machine its makers name as the minimum for a million-ballot contest (the JVM takes a
quarter of the RAM); a ``RCTAB_JAVA_OPTS`` already set is used instead. The JVM grows its heap
before it collects, so RCTab's peak memory follows the heap it is allowed, not only what it needs:
on a million ballots, one run each, -Xmx2g peaked at 1.8 GB, -Xmx4g at 2.8 GB and the JVM's own
default here (a quarter of 24 GB) at 3.3 GB.

The two programs run in turn, ``--runs`` pairs (a shared machine that slows down for a while
slows both runs of a pair), each timed by wall clock with its peak memory (the child's
ru_maxrss from wait4: for the wrapper, that of the JVM it starts). The fastest of each counts;
the median of the pairs' ratios is printed too. Both results are then compared: the same winner
and the same final-round tallies (RCTab's summary.json against electcli's last round). The load
average is printed, since other work slows every program. Nothing here is a test: it prints
figures, it never fails.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import statistics
import sys
import tempfile
from fractions import Fraction
from typing import NamedTuple

from bench_ranked import CANDIDATES, RANKS, write_cvr
from processes import DATA, electcli_command, run_once

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("ELECTCLI_SHARED") or os.path.join(os.path.dirname(ROOT), "shared")
WRAPPER = os.path.join(SHARED, "tools", "rctab-oracle", "rctab")
ORACLE_HOME = os.environ.get("RCTAB_ORACLE_HOME") or os.path.join(os.environ.get("TMPDIR", "/tmp"), "rctab-oracle")
JAVA_OPTS = "-Xss16m -Xmx4g"  # the wrapper's stack size; the heap RCTab gets by default on 16 GB


# -- the contest ---------------------------------------------------------------------------------


def write_generic_csv(source: str, path: str) -> None:
    """bench_ranked's ``ballot_id,rank1..rank5`` rows as RCTab's generic CSV: ``ballot_id`` and
    one column per candidate holding the rank given to that candidate (blank: not ranked)."""
    column = {name: index for index, name in enumerate(CANDIDATES)}
    with (
        open(source, encoding="utf-8", newline="") as ranked,
        open(path, "w", encoding="utf-8", newline="") as generic,
    ):
        rows = csv.reader(ranked)
        next(rows)  # header: ballot_id,rank1..
        out = csv.writer(generic, lineterminator="\n")
        out.writerow(["ballot_id", *CANDIDATES])
        for ballot_id, *cells in rows:
            ranks = [""] * len(CANDIDATES)
            for rank, cell in enumerate(cells[:RANKS], 1):
                for name in cell.split("|") if cell else ():
                    if not ranks[column[name]]:  # a candidate's first rank: a later repeat stays blank
                        ranks[column[name]] = str(rank)
            out.writerow([ballot_id, *ranks])


def write_config(path: str, cvr: str, ballots: int) -> None:
    """The RCTab configuration both programs count: single-winner IRV on the generic CSV, with
    bench_ranked's rules (a skipped rank is passed over, a repeated name is skipped, an overvote
    ends the ballot), no batch elimination, and every ballot's id read from column 1."""
    config = {
        "tabulatorVersion": "2.0.1",
        "outputSettings": {
            "contestName": f"Benchmark Mayor ({ballots:,} ballots)",
            "outputDirectory": "output",
            "contestDate": "2025-11-04",
            "contestJurisdiction": "Benchmark (bench/bench_rctab.py, generated ballots)",
            "contestOffice": "Mayor",
            "tabulateByBatch": False,
            "tabulateByPrecinct": False,
            "generateCdfJson": False,
        },
        "cvrFileSources": [
            {
                "filePath": os.path.basename(cvr),
                "contestId": "",
                "firstVoteColumnIndex": "2",
                "firstVoteRowIndex": "2",
                "idColumnIndex": "1",
                "batchColumnIndex": "",
                "precinctColumnIndex": "",
                "overvoteDelimiter": "",
                "provider": "genericCsv",
                "overvoteLabel": "",
                "skippedRankLabel": "",
                "undeclaredWriteInLabel": "",
                "treatBlankAsUndeclaredWriteIn": False,
            }
        ],
        "candidates": [{"name": name, "excluded": False, "aliases": []} for name in CANDIDATES],
        "rules": {
            "tiebreakMode": "useCandidateOrder",
            "overvoteRule": "exhaustImmediately",
            "winnerElectionMode": "singleWinnerMajority",
            "randomSeed": "",
            "numberOfWinners": "1",
            "multiSeatBottomsUpPercentageThreshold": "",
            "decimalPlacesForVoteArithmetic": "4",
            "minimumVoteThreshold": "0",
            "maxSkippedRanksAllowed": "unlimited",
            "maxRankingsAllowed": "max",
            "nonIntegerWinningThreshold": False,
            "doesFirstRoundDetermineThreshold": False,
            "hareQuota": False,
            "batchElimination": False,
            "continueUntilTwoCandidatesRemain": False,
            "stopTabulationEarlyAfterRound": "",
            "exhaustOnDuplicateCandidate": False,
            "rulesDescription": "Benchmark: single-winner IRV",
            "treatBlankAsUndeclaredWriteIn": False,
        },
    }
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(config, handle, indent=2)
        handle.write("\n")


def prepare(ballots: int) -> str:
    """The configuration for ``ballots`` ballots, writing the CSVs it needs when they are missing."""
    os.makedirs(DATA, exist_ok=True)
    ranked = os.path.join(DATA, f"ranked_{ballots}.csv")  # bench_ranked.py's file: shared with it
    if not os.path.exists(ranked):
        print(f"writing {ballots:,} ballots to {os.path.relpath(ranked, ROOT)} ...", flush=True)
        write_cvr(ranked + ".tmp", ballots)
        os.replace(ranked + ".tmp", ranked)
    generic = os.path.join(DATA, f"rctab_{ballots}.csv")
    if not os.path.exists(generic) or os.path.getmtime(generic) < os.path.getmtime(ranked):
        print(f"rewriting them as RCTab's generic CSV in {os.path.relpath(generic, ROOT)} ...", flush=True)
        write_generic_csv(ranked, generic + ".tmp")
        os.replace(generic + ".tmp", generic)
    config = os.path.join(DATA, f"rctab_{ballots}.json")
    write_config(config, generic, ballots)
    return config


# -- the two programs ----------------------------------------------------------------------------


class Result(NamedTuple):
    winners: list[str]
    rounds: int
    final: dict[str, Fraction]  # the last round's tally, candidates with no votes left out


def votes(tally: dict[str, object]) -> dict[str, Fraction]:
    """A round's tally with exact numbers (RCTab writes "123" or "123.5000", electcli ints or text)."""
    exact = {name: Fraction(str(value)) for name, value in tally.items()}
    return {name: value for name, value in exact.items() if value}


def electcli_result(stdout: str) -> Result:
    contest = json.loads(stdout)["contests"][0]
    rounds = contest["rounds"]
    return Result(list(contest["winners"]), len(rounds), votes(rounds[-1]["tally"]))


def rctab_result(summary_path: str) -> Result:
    with open(summary_path, encoding="utf-8") as handle:
        rounds = json.load(handle)["results"]
    winners = [step["elected"] for one in rounds for step in one["tallyResults"] if "elected" in step]
    return Result(winners, len(rounds), votes(rounds[-1]["tally"]))


def oracle_missing() -> str | None:
    """Why RCTab cannot be timed here, or None when it can."""
    if not os.path.exists(WRAPPER):
        return f"the RCTab oracle's wrapper is not at {WRAPPER} (set ELECTCLI_SHARED)"
    if not os.path.isdir(ORACLE_HOME):
        return f"the RCTab oracle is not built at {ORACLE_HOME} (run {os.path.dirname(WRAPPER)}/setup once)"
    if shutil.which("java") is None:
        return "no java on PATH"
    return None


class Timing(NamedTuple):
    seconds: float
    peak_mb: float


def fastest(runs: list[tuple[float, float]]) -> Timing:
    return Timing(*min(runs))


def show_tally(tally: dict[str, Fraction]) -> str:
    ordered = sorted(tally.items(), key=lambda item: -item[1])
    return ", ".join(f"{name} {value}" for name, value in ordered)


def load_average() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ballots", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3, help="pairs of runs; the fastest of each program counts")
    args = parser.parse_args()

    config = prepare(args.ballots)
    cvr = os.path.join(DATA, f"rctab_{args.ballots}.csv")
    print(f"load average {load_average()} on {os.cpu_count()} processors (busy machines slow every program)")
    print(
        f"python {sys.version.split()[0]}; {args.ballots:,} ballots, {len(CANDIDATES)} candidates, up to {RANKS}"
        f" ranks; generic CSV {os.path.getsize(cvr) / 1e6:.1f} MB; configuration {os.path.relpath(config, ROOT)}"
    )

    ours = [*electcli_command(), "tally", config, "--format", "json"]
    try:
        run_once(ours, True)  # warm-up: writes the bytecode caches, reads the file into the page cache
    except RuntimeError as exc:
        print(f"electcli could not tally {os.path.relpath(config, ROOT)}: {exc}")
        return
    missing = oracle_missing()
    if missing:
        print(f"RCTab not timed: {missing}. Timing electcli alone.")
    else:
        os.environ["RCTAB_JAVA_OPTS"] = os.environ.get("RCTAB_JAVA_OPTS") or JAVA_OPTS
        print(f"RCTab 2.0.1 through {WRAPPER}, RCTAB_JAVA_OPTS={os.environ['RCTAB_JAVA_OPTS']!r}")

    mine: list[tuple[float, float]] = []
    theirs: list[tuple[float, float]] = []
    electcli_stdout = ""
    with tempfile.TemporaryDirectory(prefix="bench_rctab_") as work:
        outdir = os.path.join(work, "out")
        for _ in range(args.runs):
            seconds, peak, electcli_stdout, _ = run_once(ours, True)
            mine.append((seconds, peak))
            if missing:
                continue
            try:
                seconds, peak, _, _ = run_once([WRAPPER, config, outdir], cwd=work)
            except RuntimeError as exc:
                print(f"RCTab failed: {str(exc)[:600]}")
                missing = "it failed"
                continue
            theirs.append((seconds, peak))
        ours_result = electcli_result(electcli_stdout)
        rctab: Result | None = None
        if theirs:
            try:
                rctab = rctab_result(os.path.join(outdir, "summary.json"))
            except (OSError, ValueError, KeyError, IndexError) as exc:
                print(f"RCTab's summary.json could not be read: {exc!r}")

    electcli_time = fastest(mine)
    print(f"load average {load_average()} at the end")
    print()
    print(f"{'program':<10} {'wall s':>9} {'peak MB':>9}   winner, rounds")
    print(
        f"{'electcli':<10} {electcli_time.seconds:9.3f} {electcli_time.peak_mb:9.1f}"
        f"   {', '.join(ours_result.winners)}, {ours_result.rounds} rounds"
    )
    if rctab is None:
        return
    rctab_time = fastest(theirs)
    print(
        f"{'RCTab':<10} {rctab_time.seconds:9.3f} {rctab_time.peak_mb:9.1f}"
        f"   {', '.join(rctab.winners)}, {rctab.rounds} rounds"
    )
    print(
        f"\nRCTab / electcli: {rctab_time.seconds / electcli_time.seconds:.1f}x the time,"
        f" {rctab_time.peak_mb / electcli_time.peak_mb:.1f}x the memory (fastest against fastest)"
    )
    ratios = sorted(their[0] / my[0] for my, their in zip(mine, theirs, strict=False))
    pairs = ", ".join(f"{my[0]:.2f}/{their[0]:.2f}" for my, their in zip(mine, theirs, strict=False))
    print(f"pairs run in turn (electcli s / RCTab s): {pairs}; median time ratio {statistics.median(ratios):.1f}x")

    same_winner = ours_result.winners == rctab.winners
    same_final = ours_result.final == rctab.final
    verdict = "the same" if same_winner and same_final else "DIFFERENT"
    print(
        f"\nresults: {verdict} (winner {'same' if same_winner else 'DIFFERS'},"
        f" final round tallies {'same' if same_final else 'DIFFER'}, rounds {ours_result.rounds}/{rctab.rounds})"
    )
    print(f"  electcli final round: {show_tally(ours_result.final)}")
    if not same_final:
        print(f"  RCTab final round:    {show_tally(rctab.final)}")


if __name__ == "__main__":
    main()
