"""``electcli ballots --format cdf``: the cast vote records as a NIST SP 1500-103 CDF JSON report, as
RCTab's ``generateCdfJson`` writes it (OutputWriter.generateCdfJson), so that tools reading RCTab's
can read electcli's.

Each ballot is a ``CVR`` with one ``original`` snapshot (its rankings) and one ``interpreted``
snapshot per round: every candidate it ranks, by best rank then name, with ``IsAllocable``
"yes" at the rank through which the ballot gives that candidate its vote (or the part a winner
kept), the whole votes in ``NumberVotes`` and the rest in ``FractionalVotes`` (".6000", with the
configuration's decimal places). Uncounted (``--no-count``: RCTab's ``--convert-to-cdf``), a
ballot has its original snapshot only, and it is the current one. Precincts, when the ballots
name them (and an RCTab configuration sets ``tabulateByPrecinct``), are ``GpUnit``s (``gpu-1``...)
numbered in the order RCTab's hash set of precinct ids gives them.

A ballot's candidates are named as its source spelt them, as RCTab keeps them: an alias, or a
Dominion or Hart candidate code (``cs-9``), while the Election lists the configuration's names.
So, as in RCTab's report, a selection under another spelling refers to no ContestSelection of
the Election, and is never "yes" in ``IsAllocable``: RCTab matches the candidate a ballot counts
for (the configuration's name) against the ballot's own spelling. The count is the same either
way (it counts the candidates); only the report says "no" where RCTab's does.

``GeneratedDate`` is the time of the run; ``ReportingDevice`` names electcli. Where RCTab's report
breaks the NIST schema (NIST_V0_cast_vote_records.json), electcli's keeps to it: the ``@type`` of
a CVR, the Election, its Contest and GpUnits carry the schema's ``CVR.`` names ("CVR.CVR", not
"CVR"), each Candidate has its ``@type``, and a contest's selections are ``CVR.CandidateSelection``
(they name candidates). Everything else is as RCTab writes it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from fractions import Fraction
from typing import Any

from electcli import __version__
from electcli.cast_ballots import CastBallots
from electcli.present.cast_ballots import EXPLICIT_OVERVOTE, ballot_id
from electcli.present.ranked_records import decimal_text
from electcli.present.rctab import jackson
from electcli.present.rctab_names import java_hash_order, java_key, safe_name
from electcli.ranked.ballots import OVERVOTE, Ranking

ELECTION_ID = "election-001"
CONTEST_ID = "contest-001"
SCOPE_ID = "gpu-election"
DEVICE_ID = "rd-001"


def _names(cast: CastBallots, ranking: Ranking) -> list[tuple[str, list[int]]]:
    """Each candidate the ranking marks (as the source spelt them) with their ranks, by best rank
    then name (RCTab's order)."""
    ranks: dict[str, list[int]] = {}
    for rank, marked in enumerate(ranking, start=1):
        for c in marked:
            ranks.setdefault(EXPLICIT_OVERVOTE if c == OVERVOTE else cast.spelling(c), []).append(rank)
    return sorted(ranks.items(), key=lambda item: (item[1][0], java_key(item[0])))


def _votes(value: Fraction, places: int | None) -> tuple[int, str | None]:
    whole = int(value)  # BigDecimal.intValue: toward zero
    rest = value - whole
    if rest <= 0:
        return whole, None
    if places is not None:
        return whole, "." + f"{rest.numerator * 10**places // rest.denominator:0{places}d}"
    text = decimal_text(rest)
    return whole, ("." + text.partition(".")[2]) if text else f"{rest.numerator}/{rest.denominator}"


def _snapshot(
    cast: CastBallots, shown_id: str, ranking: Ranking, round_number: int | None, allocation: dict[str, Fraction] | None
) -> dict[str, Any]:
    selections = []
    for name, ranks in _names(cast, ranking):
        allocable = "unknown"
        votes, fraction = 1, None
        if allocation is not None:
            if name in allocation:
                allocable = "yes"
                votes, fraction = _votes(allocation[name], cast.rules.decimal_places)
            else:
                allocable = "no"
        positions = []
        for rank in ranks:
            position: dict[str, Any] = {
                "@type": "CVR.SelectionPosition",
                "HasIndication": "yes",
                "IsAllocable": allocable,
                "NumberVotes": votes,
                "Rank": rank,
            }
            if fraction is not None:
                position["FractionalVotes"] = fraction
            positions.append(position)
            if allocable == "yes":
                allocable = "no"  # only a candidate's first rank carries the vote
        selections.append(
            {
                "@type": "CVR.CVRContestSelection",
                "ContestSelectionId": _selection_id(name),
                "SelectionPosition": positions,
            }
        )
    return {
        "@id": f"ballot-{shown_id}" + (f"-round-{round_number}" if round_number else ""),
        "@type": "CVR.CVRSnapshot",
        "CVRContest": [{"@type": "CVR.CVRContest", "CVRContestSelection": selections, "ContestId": CONTEST_ID}],
        "Type": "interpreted" if round_number else "original",
    }


def _candidate_id(name: str) -> str:
    return "c-" + safe_name(name).lower()


def _selection_id(name: str) -> str:
    return "cs-" + safe_name(name).lower()


def cdf_report(cast: CastBallots, generated: datetime | None = None) -> dict[str, Any]:
    rounds = cast.trace.rounds if cast.trace is not None else ()
    precincts = [] if not cast.precinct_units else list(dict.fromkeys(r.precinct for r in cast.records if r.precinct))
    gp_ids = {precinct: f"gpu-{k}" for k, precinct in enumerate(java_hash_order(precincts), start=1)}
    records = []
    for record, group in zip(cast.records, cast.group_of, strict=True):
        shown = safe_name(ballot_id(cast, record))
        trace = cast.trace.groups[group] if cast.trace is not None else None
        ranking = record.as_read or record.ranking
        snapshots = [_snapshot(cast, shown, ranking, None, None)]
        for number in range(len(rounds)):
            allocation = trace.allocations[number] if trace is not None else {}
            snapshots.append(_snapshot(cast, shown, ranking, number + 1, allocation))
        entry: dict[str, Any] = {
            "@type": "CVR.CVR",
            "BallotPrePrintedId": shown,
            "CVRSnapshot": snapshots,
            "CurrentSnapshotId": f"ballot-{shown}" + (f"-round-{len(rounds)}" if rounds else ""),
            "ElectionId": ELECTION_ID,
        }
        if cast.precinct_units:
            entry["BallotStyleUnitId"] = gp_ids[record.precinct] if record.precinct is not None else None
        records.append(entry)
    names = list(cast.ballots.candidates)
    if any(source.overvote_label for source in cast.sources):
        names.append(EXPLICIT_OVERVOTE)
    names.sort(key=java_key)
    gp_units: list[dict[str, Any]] = [
        {
            "@id": SCOPE_ID,
            "@type": "CVR.GpUnit",
            "Name": cast.jurisdiction or "",
            "OtherType": "Election Scope Jurisdiction",
            "Type": "other",
        }
    ]
    gp_units += [
        {"@id": gp, "@type": "CVR.GpUnit", "Name": precinct, "Type": "precinct"} for precinct, gp in gp_ids.items()
    ]
    when = generated or datetime.now(UTC)
    return {
        "@type": "CVR.CastVoteRecordReport",
        "CVR": records,
        "Election": [
            {
                "@id": ELECTION_ID,
                "@type": "CVR.Election",
                "Candidate": [{"@id": _candidate_id(name), "@type": "CVR.Candidate", "Name": name} for name in names],
                "Contest": [
                    {
                        "@id": CONTEST_ID,
                        "@type": "CVR.CandidateContest",
                        "ContestSelection": [
                            {
                                "@id": _selection_id(name),
                                "@type": "CVR.CandidateSelection",
                                "CandidateIds": [_candidate_id(name)],
                            }
                            for name in names
                        ],
                        "Name": cast.contest,
                    }
                ],
                "ElectionScopeId": SCOPE_ID,
            }
        ],
        "GeneratedDate": when.isoformat(timespec="seconds"),
        "GpUnit": gp_units,
        "ReportGeneratingDeviceIds": [DEVICE_ID],
        "ReportingDevice": [
            {
                "@id": DEVICE_ID,
                "@type": "CVR.ReportingDevice",
                "Application": f"electcli {__version__}",
                "Manufacturer": "electcli",
            }
        ],
        "Version": "1.0.0",
    }


def cdf_json(cast: CastBallots) -> str:
    return jackson(cdf_report(cast)) + "\n"
