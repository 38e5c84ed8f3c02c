"""Clarity detail XML: tally a statewide-sized file against merely parsing it with ElementTree.

Run from the project root with the project installed:  python bench/bench_clarity.py [--runs N]

Generates (with a fixed seed) a ~50 MB detail.xml like a statewide precinct-level file: many
contests x thousands of precincts x 4 vote types, with over and under votes, into bench/.data/.
Then times whole processes, start-up included, best of N:

- electcli:  electcli tally detail.xml --format json   (read, check every figure, tabulate, print)
- baseline:  python -c "...xml.etree.ElementTree.iterparse, each element cleared..."

and prints the ratio (target: within 2x) and electcli's peak memory against the file's size
(target: under 5x). Nothing here is a test: it prints figures, it never fails.
"""

from __future__ import annotations

import argparse
import os
import random
import sys

from processes import DATA, electcli_command, run_once

VOTE_TYPES = ("Election Day Votes", "Absentee by Mail Votes", "Advanced Voting Votes", "Provisional Votes")
ITERPARSE = (
    "import sys, xml.etree.ElementTree as ET\n"
    "n = 0\n"
    "for _, element in ET.iterparse(sys.argv[1]):\n"
    "    n += 1\n"
    "    element.clear()\n"
    "print(n)\n"
)


def write_detail_xml(path: str, contests: int, precincts: int, rng: random.Random) -> None:
    names = [f"Precinct {i:04d}" for i in range(precincts)]
    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0"?>\n<ElectionResult>\n    <ElectionName>Benchmark General</ElectionName>\n')
        out.write('    <VoterTurnout totalVoters="5000000" ballotsCast="3000000" voterTurnout="60.00">\n')
        out.write("        <Precincts>\n")
        for name in names:
            out.write(
                f'            <Precinct name="{name}" totalVoters="2500" ballotsCast="1500" percentReporting="4" />\n'
            )
        out.write("        </Precincts>\n    </VoterTurnout>\n")
        for c in range(contests):
            out.write(
                f'    <Contest key="{c}" text="Contest {c}" voteFor="1" isQuestion="false" '
                f'precinctsReporting="{precincts}" precinctsReported="{precincts - c % 3}">\n'
            )
            for label in ("Undervotes", "Overvotes"):
                figures = [rng.randint(0, 30) for _ in names]
                out.write(f'        <VoteType name="{label}" votes="{sum(figures)}">\n')
                out.writelines(
                    f'            <Precinct name="{n}" votes="{v}" />\n' for n, v in zip(names, figures, strict=True)
                )
                out.write("        </VoteType>\n")
            for k in range(3):
                table = [[rng.randint(0, 400) for _ in names] for _ in VOTE_TYPES]
                total = sum(map(sum, table))
                out.write(f'        <Choice key="{k}" text="Candidate {c}-{k}" party="P{k}" totalVotes="{total}">\n')
                for label, figures in zip(VOTE_TYPES, table, strict=True):
                    out.write(f'            <VoteType name="{label}" votes="{sum(figures)}">\n')
                    out.writelines(
                        f'                <Precinct name="{n}" votes="{v}" />\n'
                        for n, v in zip(names, figures, strict=True)
                    )
                    out.write("            </VoteType>\n")
                out.write("        </Choice>\n")
            out.write("    </Contest>\n")
        out.write("</ElectionResult>\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each program; the best counts")
    args = parser.parse_args()
    os.makedirs(DATA, exist_ok=True)
    path = os.path.join(DATA, "clarity-detail.xml")
    if not os.path.exists(path):
        write_detail_xml(path, contests=25, precincts=2500, rng=random.Random(1500))
    size_mb = os.path.getsize(path) / 1e6
    ours = [run_once([*electcli_command(), "tally", path, "--format", "json"], electcli=True) for _ in range(args.runs)]
    base = [run_once([sys.executable, "-c", ITERPARSE, path]) for _ in range(args.runs)]
    best_ours, best_base = min(r[0] for r in ours), min(r[0] for r in base)
    peak = max(r[1] for r in ours)
    print(f"detail.xml: {size_mb:.1f} MB, 25 contests x 2,500 precincts x 4 vote types")
    print(f"electcli tally --format json: {best_ours:.2f} s, peak {peak:.0f} MB ({peak / size_mb:.1f}x the file)")
    print(f"ElementTree.iterparse:        {best_base:.2f} s, peak {max(r[1] for r in base):.0f} MB")
    print(
        f"ratio: {best_ours / best_base:.2f}x (target within 2x); memory {peak / size_mb:.1f}x the file (target under 5x)"
    )


if __name__ == "__main__":
    main()
