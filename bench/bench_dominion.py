"""Peak memory of ``electcli tally`` and ``electcli ballots`` on a big Dominion export (issue 13).

Run from the project root with the project installed:

    python bench/bench_dominion.py [--ballots 1000000] [--runs 1] [--ballots-command]

It writes, once, a Dominion Democracy Suite JSON export into bench/.data/dominion_<N>/: the
manifests (8 candidates and a write-in, 300 precincts of 2 portions each, one ranked contest of 5
ranks) and ``CvrExport_<n>.json`` files of 20,000 sessions, each session a ballot sheet of a
tabulator (60), batch (of 200 sheets) and record, its precinct and portion, and its marks
(rankings drawn as bench_ranked.py draws them: unequal support, varied lengths, some skipped and
repeated ranks, rare overvotes; 1% of sheets adjudicated: a Modified record that counts). Then
an RCTab configuration for it, with the candidate ids as aliases.

It times ``electcli tally CONFIG --format json`` (and, with ``--by-unit``, the same with
``--by-unit``, which keeps the ballots by precinct and batch; with ``--ballots-command``,
``electcli ballots CONFIG --format csv``) in a fresh process, printing wall time and the child's
own peak RSS. Nothing here is a test: it prints figures, it never fails.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys

from processes import DATA, electcli_command, run_once

SEED = 20240613  # fixed: the same export every time
CANDIDATES = {  # Dominion's candidate ids -> names (the write-in is 12, as in RCTab's Alaska case)
    1: "Maria Alvarez",
    3: "Ben Okafor",
    4: "Chen Wei",
    5: "Dana Kowalski",
    7: "Elif Demir",
    8: "Farid Haddad",
    9: "Grace O'Neill",
    11: "Hiro Tanaka",
}
WRITE_IN = 12
RANKS = 5
PRECINCTS = 300
PORTIONS_PER_PRECINCT = 2
TABULATORS = 60
BATCH_SIZE = 200
FILE_SESSIONS = 20_000


def _manifest(path: str, entries: list[dict[str, object]]) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        json.dump({"Version": "5.10.11.24", "List": entries}, handle)


def _marks(rng: random.Random) -> list[tuple[int, int]]:
    """(candidate id, rank) for one ballot."""
    ids = [*CANDIDATES, WRITE_IN]
    support = [24, 19, 16, 11, 9, 7, 5, 4, 2]
    roll = rng.random()
    if roll < 0.01:
        return []
    length = rng.choices([1, 2, 3, 4, 5], [22, 17, 17, 14, 30])[0]
    chosen = [rng.choices(range(len(ids)), support)[0]]
    while len(chosen) < length:
        pick = (
            (chosen[-1] + rng.choice((-2, -1, 1, 2))) % len(ids)
            if rng.random() < 0.6
            else rng.choices(range(len(ids)), support)[0]
        )
        if pick not in chosen:
            chosen.append(pick)
    marks = [(ids[c], rank) for rank, c in enumerate(chosen, start=1)]
    if roll < 0.03 and length < RANKS:  # a skipped rank: the later marks move down one
        at = rng.randrange(1, length + 1)
        marks = [(c, rank if rank < at else rank + 1) for c, rank in marks]
    elif roll < 0.04 and length < RANKS:  # a repeated name
        marks.append((marks[0][0], length + 1))
    elif roll < 0.043:  # an overvote at one rank
        at = rng.randrange(length)
        marks.append((ids[(chosen[at] + 1) % len(ids)], at + 1))
    return marks


def _session(tabulator: int, batch: int, record: int, precinct: int, portion: int, marks: str, current: bool) -> str:
    contest = f'{{"Id":1,"Undervotes":0,"Overvotes":0,"OutstackConditionIds":[],"Marks":[{marks}]}}'
    card = f'{{"Id":1,"KeyInId":1,"PaperIndex":0,"Contests":[{contest}],"OutstackConditionIds":[]}}'
    record_text = (
        f'"PrecinctPortionId":{portion},"PrecinctId":{precinct},"BallotTypeId":1,"IsCurrent":{{}},"Cards":[{card}]'
    )
    head = (
        f'{{"TabulatorId":{tabulator},"BatchId":{batch},"RecordId":{record},"CountingGroupId":1,'
        f'"SessionType":"ScannedVote","VotingSessionIdentifier":"","UniqueVotingIdentifier":"",'
    )
    if current:
        return head + '"Original":{' + record_text.replace("{}", "true") + "}}"
    # adjudicated: the original, not current, and the modified record that counts
    return (
        head
        + '"Original":{'
        + record_text.replace("{}", "false")
        + '},"Modified":{'
        + record_text.replace("{}", "true")
        + "}}"
    )


def write_export(folder: str, ballots: int, seed: int = SEED) -> None:
    os.makedirs(folder, exist_ok=True)
    _manifest(
        os.path.join(folder, "ContestManifest.json"),
        [{"Description": "MAYOR", "Id": 1, "ExternalId": "", "DistrictId": 1, "VoteFor": 1, "NumOfRanks": RANKS}],
    )
    _manifest(
        os.path.join(folder, "CandidateManifest.json"),
        [
            {"Description": name, "Id": key, "ExternalId": "", "ContestId": 1, "Type": "Regular"}
            for key, name in [*CANDIDATES.items(), (WRITE_IN, "Write-in")]
        ],
    )
    _manifest(
        os.path.join(folder, "PrecinctManifest.json"),
        [{"Description": f"Precinct {p:03d}", "Id": p, "ExternalId": ""} for p in range(1, PRECINCTS + 1)],
    )
    _manifest(
        os.path.join(folder, "PrecinctPortionManifest.json"),
        [
            {"Description": f"Precinct {p:03d} Part {k}", "Id": p * 10 + k, "ExternalId": "", "PrecinctId": p}
            for p in range(1, PRECINCTS + 1)
            for k in range(1, PORTIONS_PER_PRECINCT + 1)
        ],
    )
    rng = random.Random(seed)
    batches: dict[int, int] = {}  # tabulator -> its current batch
    records: dict[int, int] = {}  # tabulator -> records in the current batch
    sessions: list[str] = []
    number = 0
    for ballot in range(ballots):
        tabulator = rng.randrange(1, TABULATORS + 1)
        if records.get(tabulator, BATCH_SIZE) >= BATCH_SIZE:
            batches[tabulator] = batches.get(tabulator, 0) + 1
            records[tabulator] = 0
        records[tabulator] += 1
        precinct = rng.randrange(1, PRECINCTS + 1)
        portion = precinct * 10 + rng.randrange(1, PORTIONS_PER_PRECINCT + 1)
        marks = ",".join(
            f'{{"CandidateId":{c},"ManifestationId":1,"PartyId":0,"Rank":{rank},"MarkDensity":100,'
            f'"IsAmbiguous":false,"IsVote":{"true" if rank == 1 else "false"},"OutstackConditionIds":[]}}'
            for c, rank in _marks(rng)
        )
        current = rng.random() >= 0.01
        sessions.append(_session(tabulator, batches[tabulator], records[tabulator], precinct, portion, marks, current))
        if len(sessions) == FILE_SESSIONS or ballot == ballots - 1:
            number += 1
            with open(os.path.join(folder, f"CvrExport_{number}.json"), "w", encoding="utf-8") as handle:
                handle.write('{"Version":"5.10.11.24","ElectionId":"Benchmark","Sessions":[')
                handle.write(",".join(sessions))
                handle.write("]}")
            sessions = []


def write_config(path: str, export: str) -> None:
    config = {
        "tabulatorVersion": "2.0.1",
        "outputSettings": {
            "contestName": "Benchmark Mayor",
            "outputDirectory": "output",
            "contestDate": "2024-06-13",
            "contestJurisdiction": "Benchmark",
            "contestOffice": "Mayor",
            "tabulateByBatch": False,
            "tabulateByPrecinct": False,
            "generateCdfJson": False,
        },
        "cvrFileSources": [
            {
                "filePath": os.path.basename(export),
                "contestId": "1",
                "idColumnIndex": "",
                "batchColumnIndex": "",
                "precinctColumnIndex": "",
                "overvoteDelimiter": "",
                "provider": "dominion",
                "overvoteLabel": "",
                "skippedRankLabel": "",
                "undeclaredWriteInLabel": str(WRITE_IN),
                "treatBlankAsUndeclaredWriteIn": False,
            }
        ],
        "candidates": [{"name": name, "excluded": False, "aliases": [str(key)]} for key, name in CANDIDATES.items()],
        "rules": {
            "tiebreakMode": "useCandidateOrder",
            "overvoteRule": "exhaustImmediately",
            "winnerElectionMode": "singleWinnerMajority",
            "randomSeed": "",
            "numberOfWinners": "1",
            "decimalPlacesForVoteArithmetic": "4",
            "minimumVoteThreshold": "0",
            "maxSkippedRanksAllowed": "1",
            "maxRankingsAllowed": str(RANKS),
            "nonIntegerWinningThreshold": False,
            "doesFirstRoundDetermineThreshold": False,
            "hareQuota": False,
            "batchElimination": False,
            "continueUntilTwoCandidatesRemain": False,
            "exhaustOnDuplicateCandidate": False,
            "rulesDescription": "Benchmark",
        },
    }
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(config, handle, indent=2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ballots", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=1, help="runs per command; the fastest counts")
    parser.add_argument("--by-unit", action="store_true", help="also time `tally --by-unit`")
    parser.add_argument("--ballots-command", action="store_true", help="also time `ballots --format csv`")
    args = parser.parse_args()
    export = os.path.join(DATA, f"dominion_{args.ballots}")
    if not os.path.exists(os.path.join(export, "ContestManifest.json")):
        print(f"writing {args.ballots:,} Dominion sessions to {export} ...", flush=True)
        write_export(export + ".tmp", args.ballots)
        os.replace(export + ".tmp", export)
    config = os.path.join(DATA, f"dominion_{args.ballots}_config.json")
    write_config(config, export)
    size = sum(os.path.getsize(os.path.join(export, name)) for name in os.listdir(export)) / 1e6
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"load average {load}; python {sys.version.split()[0]}; {args.ballots:,} ballots, export {size:.0f} MB")
    commands = {"tally --format json": ["tally", config, "--format", "json"]}
    if args.by_unit:
        commands["tally --by-unit --format json"] = ["tally", config, "--by-unit", "--format", "json"]
    if args.ballots_command:
        commands["ballots --format csv"] = ["ballots", config, "--format", "csv"]
    for label, tail in commands.items():
        command = [*electcli_command(), *tail]
        best: tuple[float, float] | None = None
        for _ in range(args.runs):
            seconds, peak, _, _ = run_once(command, electcli=True)
            best = (seconds, peak) if best is None or seconds < best[0] else best
        assert best is not None
        print(f"electcli {label}: {best[0]:.1f} s, peak RSS {best[1]:.0f} MB", flush=True)


if __name__ == "__main__":
    main()
