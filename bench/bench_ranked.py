"""Ranked-choice benchmark (issue 5, point 5): electcli against Python ranked-choice libraries.

Run from the project root with the project installed:

    python -m venv /tmp/rcvpeers && /tmp/rcvpeers/bin/pip install rcv pyrcv pyrankvote pref-voting votekit
    python bench/bench_ranked.py [--ballots 1000000] [--peers /tmp/rcvpeers] [--runs 3]

The peers are not electcli's dependencies: they live in their own virtual environment, named by
``--peers`` or ELECTCLI_BENCH_PEERS (default /tmp/rcvpeers); without it only electcli is timed.

It writes one cast-vote-record CSV (``ballot_id,rank1..rank5``, 10 candidates, a fixed seed, with
varied ranking lengths, skipped ranks, repeated names and rare overvotes) and a race file that
points ``ballots: {file: ...}`` at it, into bench/.data/. Every program then runs end to end in a
fresh process, timed by wall clock (the fastest of ``--runs``), with its peak memory (the child's
own ru_maxrss, from wait4). Other work on the machine slows every program; the load average is
printed so that figures from a busy machine can be told apart.

- electcli: ``electcli tally RACE --format json`` (the whole command: start-up, read, count, JSON),
  after one untimed run that writes its bytecode caches (to bench/.data/pycache), as any installed
  copy has them.
- each peer: a driver that reads the same CSV with the csv module, groups identical rows, builds
  the library's ballots in the most compact form its API takes (weighted ballots where it has
  them, one shared object per distinct ranking where it needs one entry per ballot), and runs its
  instant-runoff count. The drivers apply electcli's default rules first (a skipped rank is passed
  over, a repeated name is skipped, an overvote ends the ballot), so every program counts the same
  ballots the same way; each prints its winner, and the winners are compared.

Timings on a shared machine drift: a host that slows down for a minute slows whichever program
runs then. So after the table, electcli and the fastest peer run in turn (``--runs`` pairs), and
the ratio of each pair is printed with their median: the fairest single figure for the target.

A peer too slow for the whole file (over PEER_BUDGET_SECONDS by a first try on 100,000 ballots) is
timed on the first 50,000 and 100,000 ballots and its time extended along that line to the whole
file, which it prints. Nothing here is a test: it prints figures, it never fails.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
from typing import NamedTuple

from processes import DATA, electcli_command, run_once

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = 20091303  # fixed: the same file every time
CANDIDATES = [
    "Maria Alvarez",
    "Ben Okafor",
    "Chen Wei",
    "Dana Kowalski",
    "Elif Demir",
    "Farid Haddad",
    "Grace O'Neill",
    "Hiro Tanaka",
    "Ines Moreau",
    "Jon Sorensen",
]
RANKS = 5
TARGET_SPEEDUP = 5.0
TARGET_MEMORY_MB = 250
PROBE_BALLOTS = 100_000  # a peer is first timed on this many ballots, to see whether it can take them all
PEER_BUDGET_SECONDS = 300.0  # a peer projected to take longer on the whole file stays on the prefix


# -- the cast vote records -----------------------------------------------------------------------


def write_cvr(path: str, ballots: int, seed: int = SEED) -> None:
    """One ballot per row: ``ballot_id,rank1..rank5``, rankings drawn with a realistic spread.

    Candidates have unequal support (a few strong, a long tail), first choices follow it and later
    choices lean towards the same "wing" (neighbouring candidates), ranking lengths vary from 1 to
    5, about 1% of ballots are blank, 2% skip a rank, 1% repeat a name and 0.3% overvote a rank.
    """
    rng = random.Random(seed)
    support = [24, 19, 16, 11, 9, 7, 5, 4, 3, 2]
    count = len(CANDIDATES)
    lengths = [1, 2, 3, 4, 5]
    length_weights = [22, 17, 17, 14, 30]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write("ballot_id," + ",".join(f"rank{k}" for k in range(1, RANKS + 1)) + "\n")
        rows: list[str] = []
        for number in range(1, ballots + 1):
            roll = rng.random()
            cells: list[str]
            if roll < 0.01:
                cells = []
            else:
                length = rng.choices(lengths, length_weights)[0]
                first = rng.choices(range(count), support)[0]
                chosen = [first]
                while len(chosen) < length:
                    # the next choice: usually a neighbour of the last one, else anyone by support
                    if rng.random() < 0.6:
                        pick = (chosen[-1] + rng.choice((-2, -1, 1, 2))) % count
                    else:
                        pick = rng.choices(range(count), support)[0]
                    if pick not in chosen:
                        chosen.append(pick)
                cells = [CANDIDATES[c] for c in chosen]
                if roll < 0.03 and len(cells) < RANKS:  # a skipped rank
                    cells.insert(rng.randrange(1, len(cells) + 1), "")
                elif roll < 0.04 and len(cells) < RANKS:  # a repeated name
                    cells.insert(rng.randrange(1, len(cells) + 1), cells[0])
                elif roll < 0.043:  # an overvote at one rank
                    at = rng.randrange(len(cells))
                    other = CANDIDATES[(chosen[at] + 1) % count]
                    cells[at] = "|".join(sorted((cells[at], other)))
            cells += [""] * (RANKS - len(cells))
            rows.append(f"{number:08d}," + ",".join(cells))
            if len(rows) == 50_000:
                handle.write("\n".join(rows) + "\n")
                rows = []
        if rows:
            handle.write("\n".join(rows) + "\n")


def write_prefix(source: str, path: str, ballots: int) -> None:
    with open(source, encoding="utf-8") as full, open(path, "w", encoding="utf-8") as prefix:
        for number, line in enumerate(full):
            if number > ballots:
                break
            prefix.write(line)


def write_race(path: str, cvr: str) -> None:
    names = ", ".join("{name: " + json.dumps(name) + "}" for name in CANDIDATES)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(
            "# Benchmark race: generated ballots (bench/bench_ranked.py), not a real election\n"
            "name: Benchmark Mayor\n"
            "rule: irv\n"
            f"candidates: [{names}]\n"
            f"ballots: {{file: {os.path.basename(cvr)}}}\n"
        )


# -- the drivers ---------------------------------------------------------------------------------

# Shared by every peer driver: read the CSV with the csv module, group identical rows (all in C),
# then apply electcli's default rules once per distinct row.
PEER_PRELUDE = r'''
import csv, json, sys
from collections import Counter
from operator import itemgetter

PATH = sys.argv[1]
NAMES = json.loads(sys.argv[2])


def rankings():
    """Distinct rankings (tuples of names, electcli's default rules applied) -> ballots."""
    with open(PATH, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)  # header: ballot_id,rank1..
        rows = Counter(map(tuple, map(itemgetter(slice(1, None)), reader)))
    grouped = Counter()
    for cells, count in rows.items():
        ranking = []
        for cell in cells:
            if not cell or cell in ranking:  # skipped rank / repeated name: passed over
                continue
            if "|" in cell:  # overvote: the ballot stops here
                break
            ranking.append(cell)
        grouped[tuple(ranking)] += count
    return grouped
'''

PEERS: dict[str, str] = {
    "rcv": r"""
from rcv import BallotSet, FractionalSTV, PreferenceSchedule

ballots = BallotSet((ranking, count) for ranking, count in rankings().items() if ranking)
winners = FractionalSTV(PreferenceSchedule(ballots), seats=1).elect()
print(json.dumps({"winner": sorted(winners)[0]}))
""",
    "pyrcv": r"""
import pyrcv

number = {name: i + 1 for i, name in enumerate(NAMES)}  # pyrcv numbers candidates from 1
items = [(ranking, count) for ranking, count in rankings().items() if ranking]
race = pyrcv.RaceData(
    pyrcv.RaceMetadata("bench", 1, list(NAMES)),
    [[number[name] for name in ranking] for ranking, _ in items],
    [count for _, count in items],
)
result = pyrcv.run_rcv(race)
print(json.dumps({"winner": NAMES[int(result.rounds[-1].elected[0]) - 1]}))
""",
    "pyrankvote": r"""
import pyrankvote
from pyrankvote import Ballot, Candidate

people = {name: Candidate(name) for name in NAMES}
ballots = []
for ranking, count in rankings().items():
    ballot = Ballot([people[name] for name in ranking])  # one object per distinct ranking, shared
    ballots.extend([ballot] * count)  # the library takes one entry per ballot
result = pyrankvote.instant_runoff_voting(list(people.values()), ballots)
print(json.dumps({"winner": result.get_winners()[0].name}))
""",
    "pref_voting": r"""
from pref_voting.iterative_methods import instant_runoff_for_truncated_linear_orders
from pref_voting.profiles_with_ties import ProfileWithTies

items = [(ranking, count) for ranking, count in rankings().items() if ranking]
profile = ProfileWithTies(
    [{name: rank for rank, name in enumerate(ranking, 1)} for ranking, _ in items],
    rcounts=[count for _, count in items],
    candidates=list(NAMES),
)
print(json.dumps({"winner": instant_runoff_for_truncated_linear_orders(profile)[0]}))
""",
    "votekit": r"""
from votekit.ballot import RankBallot
from votekit.elections import IRV
from votekit.pref_profile import RankProfile

ballots = [
    RankBallot(ranking=[{name} for name in ranking], weight=count)
    for ranking, count in rankings().items()
    if ranking
]
election = IRV(RankProfile(ballots=ballots, candidates=list(NAMES)))
print(json.dumps({"winner": sorted(election.get_elected()[0])[0]}))
""",
}


class Run(NamedTuple):
    seconds: float
    peak_mb: float
    winner: str
    note: str = ""


def best_of(command: list[str], runs: int, electcli: bool = False) -> tuple[float, float, str]:
    best = (float("inf"), 0.0, "")
    for _ in range(runs):
        seconds, peak, stdout, _ = run_once(command, electcli)
        if seconds < best[0]:
            best = (seconds, peak, stdout)
    return best


def time_electcli(race: str, runs: int) -> Run:
    command = [*electcli_command(), "tally", race, "--format", "json"]
    run_once(command, True)  # warm-up: writes the bytecode caches, reads the file into the page cache
    seconds, peak, stdout = best_of(command, runs, True)
    contest = json.loads(stdout)["contests"][0]
    winners = contest.get("winners") or ["(none: " + str(contest.get("outcome")) + ")"]
    return Run(seconds, peak, winners[0], "electcli tally RACE --format json")


def time_peer(python: str, name: str, cvr: str, runs: int) -> Run:
    driver = os.path.join(DATA, f"peer_{name}.py")
    with open(driver, "w", encoding="utf-8") as handle:
        handle.write(PEER_PRELUDE + PEERS[name])
    seconds, peak, stdout = best_of([python, driver, cvr, json.dumps(CANDIDATES)], runs)
    return Run(seconds, peak, json.loads(stdout)["winner"])


def head_to_head(race: str, python: str, name: str, cvr: str, runs: int) -> None:
    """electcli and one peer run in turn, ``runs`` pairs: a machine that slows down for a while (a
    shared host) then slows both runs of a pair, so each pair's ratio is a fair one."""
    ours = [*electcli_command(), "tally", race, "--format", "json"]
    driver = [python, os.path.join(DATA, f"peer_{name}.py"), cvr, json.dumps(CANDIDATES)]
    pairs = []
    for _ in range(runs):
        pair = (run_once(ours, True)[0], run_once(driver)[0])
        pairs.append(pair)
    ratios = sorted(peer / mine for mine, peer in pairs)
    print(f"\nhead to head with {name}, {runs} pairs run in turn (electcli s / {name} s: ratio):")
    print("  " + ", ".join(f"{mine:.3f}/{peer:.3f}: {peer / mine:.2f}x" for mine, peer in pairs))
    fastest = min(peer for _, peer in pairs) / min(mine for mine, _ in pairs)
    print(
        f"  median ratio {statistics.median(ratios):.2f}x, lowest {ratios[0]:.2f}x; fastest against fastest {fastest:.2f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ballots", type=int, default=1_000_000)
    parser.add_argument("--peers", default=os.environ.get("ELECTCLI_BENCH_PEERS", "/tmp/rcvpeers"))
    parser.add_argument("--runs", type=int, default=3, help="runs per program; the fastest counts")
    parser.add_argument("--only", nargs="*", default=None, help="peers to time (default: all installed)")
    args = parser.parse_args()
    os.makedirs(DATA, exist_ok=True)

    cvr = os.path.join(DATA, f"ranked_{args.ballots}.csv")
    if not os.path.exists(cvr):
        print(f"writing {args.ballots:,} ballots to {os.path.relpath(cvr, ROOT)} ...", flush=True)
        write_cvr(cvr + ".tmp", args.ballots)
        os.replace(cvr + ".tmp", cvr)
    race = os.path.join(DATA, f"ranked_{args.ballots}.yaml")
    write_race(race, cvr)
    size = os.path.getsize(cvr) / 1e6
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"load average {load} on {os.cpu_count()} processors (busy machines slow every program)")
    print(
        f"python {sys.version.split()[0]}; {args.ballots:,} ballots, {len(CANDIDATES)} candidates, {RANKS} ranks; CSV {size:.1f} MB"
    )

    try:
        ours = time_electcli(race, args.runs)
    except RuntimeError as exc:
        sys.exit(f"electcli could not tally {os.path.relpath(race, ROOT)}: {exc}")
    print(f"electcli: {ours.note} (bytecode caches warm)")
    results: dict[str, tuple[Run, str]] = {}

    python = os.path.join(args.peers, "bin", "python")
    if not os.path.exists(python):
        print(
            f"no peer environment at {args.peers}: create it with\n"
            f"  python -m venv {args.peers} && {args.peers}/bin/pip install rcv pyrcv pyrankvote pref-voting votekit\n"
            "or name another with --peers / ELECTCLI_BENCH_PEERS. Timing electcli alone."
        )
    else:
        probes = {}
        for size in (PROBE_BALLOTS // 2, PROBE_BALLOTS):
            probes[size] = os.path.join(DATA, f"ranked_{args.ballots}_first_{size}.csv")
            if args.ballots > PROBE_BALLOTS and not os.path.exists(probes[size]):
                write_prefix(cvr, probes[size], size)
        probe_winner: str | None = None
        for name in args.only or list(PEERS):
            installed = (
                subprocess.run([python, "-c", f"import {name}"], capture_output=True, check=False).returncode == 0
            )
            if not installed:
                print(f"{name}: not installed in {args.peers}; skipped")
                continue
            try:
                if args.ballots > PROBE_BALLOTS:
                    big = time_peer(python, name, probes[PROBE_BALLOTS], 1)
                    if big.seconds * args.ballots / PROBE_BALLOTS > PEER_BUDGET_SECONDS:
                        # too slow for the whole file: time two prefixes and extend the line through
                        # them, so start-up is counted once and only the per-ballot cost is scaled
                        small = time_peer(python, name, probes[PROBE_BALLOTS // 2], 1)
                        per_ballot = (big.seconds - small.seconds) / (PROBE_BALLOTS - PROBE_BALLOTS // 2)
                        projected = big.seconds + per_ballot * (args.ballots - PROBE_BALLOTS)
                        if probe_winner is None:
                            probe_race = os.path.join(DATA, f"ranked_{args.ballots}_first_{PROBE_BALLOTS}.yaml")
                            write_race(probe_race, probes[PROBE_BALLOTS])
                            probe_winner = time_electcli(probe_race, 1).winner
                        note = (
                            f"too slow for {args.ballots:,} ballots: timed on the first {PROBE_BALLOTS // 2:,}"
                            f" ({small.seconds:.1f} s) and {PROBE_BALLOTS:,} ({big.seconds:.1f} s) and EXTRAPOLATED"
                            f" linearly to {args.ballots:,}; peak memory is the {PROBE_BALLOTS:,} run's; its winner"
                            f" is checked against electcli's on the same {PROBE_BALLOTS:,} ballots ({probe_winner})"
                        )
                        results[name] = (Run(projected, big.peak_mb, big.winner, note), probe_winner)
                        print(f"{name}: {note}", flush=True)
                        continue
                results[name] = (time_peer(python, name, cvr, args.runs), ours.winner)
            except (RuntimeError, ValueError, KeyError) as exc:
                print(f"{name}: failed: {str(exc)[:300]}")
                continue
            print(f"{name}: done", flush=True)

    print()
    print(f"{'program':<14} {'wall s':>9} {'peak MB':>9} {'winner':<16} {'vs electcli':>12}")
    print(f"{'electcli':<14} {ours.seconds:9.3f} {ours.peak_mb:9.1f} {ours.winner:<16} {'1.0x':>12}")
    for name, (run, expected) in sorted(results.items(), key=lambda item: item[1][0].seconds):
        agree = "" if run.winner == expected else f"  WINNER DIFFERS (electcli: {expected})"
        scaled = " (extrapolated)" if run.note else ""
        print(
            f"{name:<14} {run.seconds:9.3f} {run.peak_mb:9.1f} {run.winner:<16}"
            f" {run.seconds / ours.seconds:11.1f}x{scaled}{agree}"
        )
    if results:
        fastest_name, (fastest, _) = min(results.items(), key=lambda item: item[1][0].seconds)
        ratio = fastest.seconds / ours.seconds
        verdict = "meets" if ratio >= TARGET_SPEEDUP else "MISSES"
        print(
            f"\nfastest peer: {fastest_name}, {fastest.seconds:.3f} s; electcli is {ratio:.2f}x faster end to end"
            f" ({verdict} the {TARGET_SPEEDUP:g}x target)"
        )
        if not fastest.note:
            head_to_head(race, python, fastest_name, cvr, args.runs)
    memory = "meets" if ours.peak_mb < TARGET_MEMORY_MB else "MISSES"
    print(f"electcli peak memory {ours.peak_mb:.1f} MB ({memory} the {TARGET_MEMORY_MB} MB target)")


if __name__ == "__main__":
    main()
