"""ES&S workbook benchmark (issue 13, point 6): the whole Maine 2018 count against reading the same
workbooks with python-calamine alone.

Run from the project root with the project installed, and python-calamine (and, for the record,
openpyxl) in another virtual environment:

    python -m venv /tmp/xlsxpeers && /tmp/xlsxpeers/bin/pip install python-calamine openpyxl
    python bench/bench_xlsx.py [--peers /tmp/xlsxpeers] [--runs 3]

The data are the Maine Secretary of State's official cast vote records for the 2nd Congressional
District, 2018 (296,077 ballots in 8 ES&S workbooks, ../shared/data/maine-2018-cd2 or
$ELECTCLI_SHARED/data/maine-2018-cd2; not copied into the repository).

- electcli: ``electcli tally CONFIG --format json`` on an RCTab configuration naming the 8
  workbooks with Maine's rules (the whole command: start-up, read, count, JSON), after one untimed
  run that writes its bytecode caches.
- calamine: a process that opens each workbook with python-calamine and walks every row of its
  first sheet (``iter_rows``): reading alone, no counting. The target: electcli within 1.5 times it.
- openpyxl: the same with openpyxl's read-only mode (what electcli used before), for the record.

Every program runs in a fresh process, timed by wall clock; then electcli and calamine run in turn
(``--runs`` pairs) and the median of the pairs' ratios is printed: the fairest figure on a shared
machine. Nothing here is a test: it prints figures, it never fails.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import NamedTuple

from processes import DATA, child_env, electcli_command

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("ELECTCLI_SHARED") or ROOT.parent / "shared")
MAINE = SHARED / "data" / "maine-2018-cd2"
TARGET_RATIO = 1.5

READERS = {
    "calamine": """
import sys
from python_calamine import CalamineWorkbook
rows = 0
for path in sys.argv[1:]:
    sheet = CalamineWorkbook.from_path(path).get_sheet_by_index(0)
    for row in sheet.iter_rows():
        rows += 1
print(rows)
""",
    "openpyxl": """
import sys, warnings
warnings.simplefilter("ignore")
import openpyxl
rows = 0
for path in sys.argv[1:]:
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for row in workbook.worksheets[0].iter_rows(values_only=True):
        rows += 1
    workbook.close()
print(rows)
""",
}


def write_config(path: Path, workbooks: list[Path]) -> None:
    """Maine's count as an RCTab configuration (as tests/test_maine_2018_cd2.py writes it)."""
    sources = [
        {
            "filePath": str(workbook),
            "provider": "ess",
            "firstVoteColumnIndex": "4",
            "firstVoteRowIndex": "2",
            "idColumnIndex": "1",
            "precinctColumnIndex": "2",
            "overvoteLabel": "overvote",
            "skippedRankLabel": "undervote",
        }
        for workbook in workbooks
    ]
    candidates = [
        {"name": "Poliquin, Bruce", "aliases": ["REP Poliquin, Bruce (5931)", "REP Poliquin, Bruce"]},
        {"name": "Golden, Jared F.", "aliases": ["DEM Golden, Jared F. (5471)", "DEM Golden, Jared F."]},
        {"name": "Bond, Tiffany L."},
        {"name": "Hoar, William R.S."},
    ]
    rules = {
        "tiebreakMode": "useCandidateOrder",
        "overvoteRule": "exhaustImmediately",
        "winnerElectionMode": "singleWinnerMajority",
        "numberOfWinners": "1",
        "decimalPlacesForVoteArithmetic": "4",
        "maxSkippedRanksAllowed": "1",
        "maxRankingsAllowed": "5",
        "batchElimination": True,
        "exhaustOnDuplicateCandidate": False,
    }
    config = {
        "tabulatorVersion": "TEST",
        "outputSettings": {"contestName": "Representative to Congress, District 2"},
        "cvrFileSources": sources,
        "candidates": candidates,
        "rules": rules,
    }
    path.write_text(json.dumps(config, indent=1), encoding="utf-8")


class Timed(NamedTuple):
    seconds: float  # wall clock
    cpu: float  # the child's user + system CPU seconds: steadier than wall time on a busy machine
    peak_mb: float
    stdout: str


def run_once(command: list[str], electcli: bool = False) -> Timed:
    """Wall time, CPU time and peak RSS (the child's own, from wait4), and its stdout."""
    out_path, err_path = os.path.join(DATA, "child.out"), os.path.join(DATA, "child.err")
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=child_env(electcli))
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
    stdout = Path(out_path).read_text(encoding="utf-8", errors="replace")
    if os.waitstatus_to_exitcode(status):
        stderr = Path(err_path).read_text(encoding="utf-8", errors="replace")
        raise RuntimeError(f"{' '.join(command[:3])}... failed: {stderr.strip()[-600:]}")
    return Timed(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--peers", default=os.environ.get("ELECTCLI_BENCH_XLSX_PEERS", "/tmp/xlsxpeers"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    workbooks = sorted(MAINE.glob("*.xlsx"))
    if len(workbooks) != 8:
        sys.exit(f"the 8 Maine workbooks are not in {MAINE}: set ELECTCLI_SHARED")
    os.makedirs(DATA, exist_ok=True)
    config = Path(DATA) / "maine_cd2_config.json"
    write_config(config, workbooks)
    peer_python = os.path.join(args.peers, "bin", "python")
    if not os.path.exists(peer_python):
        sys.exit(f"no peers at {args.peers}: see the instructions at the top of this file")
    drivers = {}
    for name, code in READERS.items():
        driver = Path(DATA) / f"xlsx_{name}.py"
        driver.write_text(code, encoding="utf-8")
        drivers[name] = [peer_python, str(driver), *map(str, workbooks)]

    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"load average {load} on {os.cpu_count()} processors (busy machines slow every program)")
    size = sum(workbook.stat().st_size for workbook in workbooks) / 1e6
    print(f"Maine 2018 CD2: {len(workbooks)} workbooks, {size:.1f} MB, 296,077 ballots")

    # the configuration is written in bench/.data and names the shared workbooks where they are
    ours = [*electcli_command(), "tally", str(config), "--format", "json", "--allow-path", str(workbooks[0].parent)]
    run_once(ours, True)  # warm-up: bytecode caches, page cache
    winners = json.loads(run_once(ours, True).stdout)["contests"][0]["winners"]
    print(f"  electcli: winner {winners[0]}")
    runs = {"electcli": [run_once(ours, True) for _ in range(args.runs)]}
    for name, command in drivers.items():
        print(f"  {name}: {int(run_once(command).stdout):,} rows read")
        runs[name] = [run_once(command) for _ in range(args.runs)]
    print(f"\nfastest of {args.runs} runs (start-up included):")
    base_wall = min(run.seconds for run in runs["calamine"])
    base_cpu = min(run.cpu for run in runs["calamine"])
    for name, timed in runs.items():
        wall, cpu = min(run.seconds for run in timed), min(run.cpu for run in timed)
        peak = max(run.peak_mb for run in timed)
        print(
            f"  {name:<9} wall {wall:6.2f} s ({wall / base_wall:.2f}x calamine)   "
            f"CPU {cpu:6.2f} s ({cpu / base_cpu:.2f}x)   peak {peak:4.0f} MB"
        )

    pairs = [(run_once(ours, True), run_once(drivers["calamine"])) for _ in range(args.runs)]
    print(f"\nhead to head, {args.runs} pairs run in turn (electcli / calamine):")
    for kind in ("seconds", "cpu"):
        ratios = sorted(getattr(mine, kind) / getattr(peer, kind) for mine, peer in pairs)
        shown = ", ".join(f"{getattr(mine, kind):.2f}/{getattr(peer, kind):.2f}" for mine, peer in pairs)
        label = "wall" if kind == "seconds" else "CPU"
        print(f"  {label}: {shown}; median ratio {statistics.median(ratios):.2f}x (target: within {TARGET_RATIO}x)")


if __name__ == "__main__":
    main()
