"""HTML report benchmark (issue 14, point 6): a 500-contest report against the same as JSON.

Run from the project root with the project installed:

    python bench/bench_html.py [--contests 500] [--runs 5]

It writes one race file of ``--contests`` contests into bench/.data/ (a fixed seed: plurality
contests of 3 to 12 candidates, some vote-for-3, runoffs, two-thirds measures, and one contest in
twenty ranked-choice with 8 to 15 candidates and inline ballots), then times the whole process,
``electcli tally RACE --format json`` and ``--format html`` in turn, ``--runs`` pairs, after one
untimed run of each (bytecode caches). It prints each pair's ratio, their median (the target is at
most 2), and both outputs' sizes. Nothing here is a test: it prints figures, it never fails.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics

from processes import DATA, electcli_command, run_once


def race_file(contests: int, seed: int = 14) -> str:
    chooser = random.Random(seed)
    entries = []
    for number in range(1, contests + 1):
        name = f"Contest {number:03d} <{chooser.choice(['Mayor', 'Council', 'Judge', 'Board'])}>"
        if number % 20 == 0:
            names = [f"Ranked {number} candidate {n}" for n in range(chooser.randint(8, 15))]
            ballots = [
                {"ranking": chooser.sample(names, chooser.randint(1, 5)), "count": chooser.randint(1, 300)}
                for _ in range(120)
            ]
            entries.append(
                {"name": name, "rule": "irv", "candidates": [{"name": n} for n in names], "ballots": ballots}
            )
        elif number % 10 == 5:
            entries.append(
                {
                    "name": name,
                    "rule": {"method": "measure", "threshold": ">=2/3"},
                    "choices": [
                        {"name": "Yes", "votes": chooser.randint(1000, 90000)},
                        {"name": "No", "votes": chooser.randint(1000, 90000)},
                    ],
                }
            )
        else:
            count = chooser.randint(3, 12)
            candidates = [
                {"name": f"Candidate {number}-{n}", "party": chooser.choice(["DEM", "REP", "IND"]), "votes": v}
                for n, v in enumerate(chooser.sample(range(100, 200000), count))
            ]
            entry: dict[str, object] = {"name": name, "rule": "plurality", "candidates": candidates}
            if number % 10 == 3:
                entry["rule"] = {"method": "runoff", "threshold": ">50%", "advance": 2}
            elif number % 10 == 7:
                entry["seats"] = 3
            entries.append(entry)
    return json.dumps({"election": {"name": "Benchmark general election", "date": "2026-11-03"}, "contests": entries})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contests", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.makedirs(DATA, exist_ok=True)
    path = os.path.join(DATA, f"html-{args.contests}.yaml")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(race_file(args.contests))
    print(f"load average {os.getloadavg()[0]:.2f}; {args.contests} contests in {path}")
    commands = {form: [*electcli_command(), "tally", path, "--format", form] for form in ("json", "html")}
    sizes = {form: len(run_once(command, electcli=True)[2].encode()) for form, command in commands.items()}
    ratios, times = [], {"json": [], "html": []}
    for _ in range(args.runs):
        pair = {form: run_once(command, electcli=True)[0] for form, command in commands.items()}
        for form, seconds in pair.items():
            times[form].append(seconds)
        ratios.append(pair["html"] / pair["json"])
    for form in ("json", "html"):
        print(
            f"{form:5} fastest {min(times[form]):.3f} s, median {statistics.median(times[form]):.3f} s, {sizes[form]:,} bytes"
        )
    print("html/json per pair: " + ", ".join(f"{ratio:.2f}" for ratio in ratios))
    print(f"median ratio {statistics.median(ratios):.2f} (target: at most 2)")


if __name__ == "__main__":
    main()
