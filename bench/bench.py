"""Benchmarks for electcli: each target measured side by side with its baseline, as ratios.

Run from the project root with the project installed:  python bench/bench.py [--quick]

Start-up figures are medians of whole processes; file figures are the best of several in-process
runs (read + check + tabulate for electcli, read + parse for the baseline). Inputs are generated
with a fixed seed into bench/.data/. Nothing here is a test: it prints figures, it never fails.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

from processes import DATA, child_env, electcli_command

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "sample_races", "al-2020-senate-gop-primary.yaml")

MINIMAL_TABLE = """
import sys, click, yaml
from rich.console import Console
from rich.table import Table

@click.command()
@click.argument("path")
def main(path):
    with open(path) as f:
        race = yaml.load(f, Loader=yaml.CSafeLoader)
    console = Console()
    for contest in race["contests"]:
        total = sum(c["votes"] for c in contest["candidates"])
        table = Table(title=contest["name"])
        for column in ("#", "Candidate", "Party", "Votes", "Share"):
            table.add_column(column)
        ranked = sorted(contest["candidates"], key=lambda c: -c["votes"])
        for rank, c in enumerate(ranked, 1):
            table.add_row(str(rank), c["name"], c.get("party", ""), f"{c['votes']:,}", f"{c['votes'] / total:.2%}")
        console.print(table)

main()
"""


def process_time(command: list[str], runs: int) -> float:
    env = child_env()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env)  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def best_time(work: Callable[[], object], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def write_contests(path: str, contests: int, candidates: int, rng: random.Random) -> None:
    lines = ["election: {name: Benchmark election}", "contests:"]
    for c in range(contests):
        lines += [f"  - name: Contest {c}", "    rule: runoff", "    candidates:"]
        lines += [
            f"      - {{name: Candidate {k}, party: P{k % 3}, votes: {rng.randint(0, 10**6)}}}"
            for k in range(candidates)
        ]
    with open(path, "w") as handle:
        handle.write("\n".join(lines) + "\n")


def write_precincts(
    yaml_path: str, csv_path: str, race_path: str, units: int, candidates: int, rng: random.Random
) -> None:
    names = [f"Candidate {k}" for k in range(candidates)]
    counts = [[rng.randint(0, 5000) for _ in names] for _ in range(units)]
    header = ["contests:", "  - name: Governor", "    rule: runoff", "    candidates:"]
    header += [f"      - {{name: {name}}}" for name in names]
    lines = [*header, "    results:", "      by: precinct", "      units:"]
    for u, row in enumerate(counts):
        inner = ", ".join(f"{name}: {votes}" for name, votes in zip(names, row, strict=True))
        lines.append(f"        Precinct {u:05d}: {{{inner}}}")
    with open(yaml_path, "w") as handle:
        handle.write("\n".join(lines) + "\n")
    with open(csv_path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["unit", "candidate", "votes"])
        for u, row in enumerate(counts):
            writer.writerows((f"Precinct {u:05d}", name, votes) for name, votes in zip(names, row, strict=True))
    with open(race_path, "w") as handle:
        handle.write(
            "\n".join([*header, "    results:", "      by: precinct", f"      file: {os.path.basename(csv_path)}"])
            + "\n"
        )


def report(label: str, ours: float, base: float, target: float, unit: str = "ms") -> None:
    ratio = ours / base
    verdict = "within target" if ratio <= target else "OVER TARGET"
    print(
        f"{label:<58} {ours * 1000:8.1f} {unit} vs {base * 1000:8.1f} {unit}  ratio {ratio:5.2f}x (target {target}x) {verdict}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    runs = 7 if args.quick else 21
    os.makedirs(DATA, exist_ok=True)
    rng = random.Random(20200303)

    import yaml

    from electcli.pipeline import tally_file

    print(f"python {sys.version.split()[0]}, electcli at {electcli_command()[0]}")
    print("-- start-up (median of whole processes)")
    tally = [*electcli_command(), "tally", SAMPLE]
    baseline = process_time([sys.executable, "-c", "import click, yaml"], runs)
    report(
        "tally Alabama sample --format json  vs  import click, yaml",
        process_time([*tally, "--format", "json"], runs),
        baseline,
        1.4,
    )
    minimal = os.path.join(DATA, "minimal_table.py")
    with open(minimal, "w") as handle:
        handle.write(MINIMAL_TABLE)
    report(
        "tally Alabama sample (table)  vs  minimal click+rich table",
        process_time(tally, runs),
        process_time([sys.executable, minimal, SAMPLE], runs),
        1.3,
    )

    print("-- big tables (median of whole processes, start-up included)")
    statewide_races = os.path.join(DATA, "contests_3000x8.yaml")
    if not os.path.exists(statewide_races):
        write_contests(statewide_races, 3000, 8, random.Random(3000))
    big_runs = 3 if args.quick else 5
    report(
        "3,000 contests x 8: table  vs  --format json",
        process_time([*electcli_command(), "tally", statewide_races], big_runs),
        process_time([*electcli_command(), "tally", statewide_races, "--format", "json"], big_runs),
        3.0,
        "ms",
    )

    print("-- files (best of in-process runs: read, check and tabulate vs parse)")
    many = os.path.join(DATA, "contests_500x10.yaml")
    write_contests(many, 500, 10, rng)
    precincts = os.path.join(DATA, "precincts_5000x8.yaml")
    counts = os.path.join(DATA, "precincts_5000x8.csv")
    race = os.path.join(DATA, "precincts_5000x8_counts.yaml")
    write_precincts(precincts, counts, race, 5000, 8, rng)
    file_runs = 3 if args.quick else 7

    def yaml_load(path: str) -> Callable[[], object]:
        def work() -> object:
            with open(path, encoding="utf-8") as handle:
                return yaml.load(handle.read(), Loader=yaml.CSafeLoader)

        return work

    def read_csv() -> object:
        with open(counts, newline="", encoding="utf-8") as handle:
            return list(csv.reader(handle))

    report(
        "500 contests x 10 candidates  vs  yaml.load(CSafeLoader)",
        best_time(lambda: tally_file(many), file_runs),
        best_time(yaml_load(many), file_runs),
        1.2,
    )
    report(
        "1 contest, 5,000 precincts x 8 (inline)  vs  yaml.load",
        best_time(lambda: tally_file(precincts), file_runs),
        best_time(yaml_load(precincts), file_runs),
        1.2,
    )
    report(
        "1 contest, 5,000 precincts x 8 (counts CSV)  vs  csv.reader",
        best_time(lambda: tally_file(race), file_runs),
        best_time(read_csv, file_runs),
        2.0,
    )

    print("-- results as they arrive (best of in-process runs)")
    from electcli.readers.openelections.race import Selection

    statewide = os.path.join(DATA, "20241105__zz__general__precinct.csv")
    if not os.path.exists(statewide):
        write_openelections(statewide, 500_000, random.Random(20241105))

    def read_statewide() -> object:
        with open(statewide, newline="", encoding="utf-8") as handle:
            return list(csv.reader(handle))

    one_office = Selection(office="U.S. Senate")
    report(
        "OpenElections 500,000 rows, one office  vs  csv.reader",
        best_time(lambda: tally_file(statewide, selection=one_office), file_runs),
        best_time(read_statewide, file_runs),
        2.0,
    )
    nist = os.path.join(DATA, "nist_100000_units.json")
    if not os.path.exists(nist):
        write_nist_report(nist, 100_000, random.Random(1500100))

    def json_load() -> object:
        with open(nist, encoding="utf-8") as handle:
            return json.load(handle)

    report(
        "NIST SP 1500-100 report, 100,000 units  vs  json.load",
        best_time(lambda: tally_file(nist), file_runs),
        best_time(json_load, file_runs),
        2.0,
    )


def write_openelections(path: str, rows: int, rng: random.Random) -> None:
    """A statewide precinct file: 10 offices, 5 candidates each plus write-ins and over/under votes."""
    offices = [("U.S. Senate", ""), ("Governor", "")] + [("U.S. House", str(d)) for d in range(1, 9)]
    per_precinct = len(offices) * 8
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["county", "precinct", "office", "district", "party", "candidate", "votes"])
        written = 0
        precinct = 0
        while written < rows:
            county = f"County {precinct % 67:02d}"
            for office, district in offices:
                for k in range(5):
                    writer.writerow(
                        [
                            county,
                            f"P{precinct:06d}",
                            office,
                            district,
                            "REP" if k % 2 else "DEM",
                            f"{office} Candidate {k}",
                            rng.randint(0, 900),
                        ]
                    )
                writer.writerow([county, f"P{precinct:06d}", office, district, "", "Write-ins", rng.randint(0, 5)])
                writer.writerow([county, f"P{precinct:06d}", office, district, "", "Over Votes", rng.randint(0, 5)])
                writer.writerow([county, f"P{precinct:06d}", office, district, "", "Under Votes", rng.randint(0, 50)])
            written += per_precinct
            precinct += 1


def write_nist_report(path: str, units: int, rng: random.Random) -> None:
    """A results report with one contest counted in ``units`` reporting units, written by electcli."""
    from electcli.errors import Location
    from electcli.model import Candidate, Contest, Election, RaceFile, Results, Rule
    from electcli.present.nist import nist_json
    from electcli.tabulate import tabulate

    names = ["Ana", "Ben", "Cy"]
    unit_column = tuple(f"Precinct {u:06d}" for u in range(units) for _ in names)
    name_column = tuple(name for _ in range(units) for name in names)
    vote_column = tuple(rng.randint(0, 500) for _ in name_column)
    totals = {name: sum(v for n, v in zip(name_column, vote_column, strict=True) if n == name) for name in names}
    contest = Contest(
        name="Governor",
        rule=Rule("plurality", None, 0),
        candidates=tuple(Candidate(name, totals[name]) for name in names),
        location=Location(path),
        results=Results("precinct", unit_column, name_column, vote_column),
    )
    race = RaceFile(path, Election("Benchmark", "2024-11-05", "Benchland"), (contest,))
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(nist_json([(race, [tabulate(contest)])]))


if __name__ == "__main__":
    main()
