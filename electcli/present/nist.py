"""NIST SP 1500-100 v2 election results reports (JSON): one ``ElectionReport`` for everything tallied.

The report follows the JSON schema ``NIST_V2_election_results_reporting.json`` (draft-04). How
electcli's terms become NIST's, and why:

Report
    One ``Election`` per race file, in the order given. ``Format`` is ``summary-contest``, or
    ``precinct-level`` when some contest gives counts by reporting unit. ``Status`` is
    ``unofficial-complete``: electcli counts what it is given and certifies nothing.
    ``Issuer``/``IssuerAbbreviation`` are ``electcli``, ``VendorApplicationId`` is
    ``electcli <version>``, ``SequenceStart``/``SequenceEnd`` are 1 (one report of one). ``Notes``
    holds each contest's verdict in words, since NIST has no field for a tie or a measure's pass.

GeneratedDate
    Required by the schema, but a clock time would make output differ from run to run. It is the
    latest election date among the files at ``T00:00:00Z`` (``1970-01-01T00:00:00Z`` when no file
    gives a date); ``generated=`` (for ``--timestamp``) gives a real time instead.

Election
    ``Name`` is the election's name (the file name when there is none); ``StartDate`` and
    ``EndDate`` are its date when the date reads as a calendar date with the year in full
    (``2020-03-03``, ``March 3, 2020``, ``3/3/2020`` month first); otherwise ``1970-01-01`` stands in and ``Notes`` says so. ``Type`` is
    read from the name: ``runoff``, ``special``, ``primary`` or ``general`` when the name has that
    word (checked in that order), otherwise ``other``. ``ElectionScopeId`` is the jurisdiction.

GpUnit (ReportingUnit)
    One for each jurisdiction (type ``other``, OtherType ``jurisdiction``, named after it), the
    ``ElectionDistrictId`` of its contests and the unit every total is counted for. One for each
    reporting unit of a contest's ``results`` (shared by contests of the same jurisdiction with the
    same ``by`` and name), listed in the jurisdiction's ``ComposingGpUnitIds``. Its ``Type`` is
    ``by`` when ``by`` is a NIST unit type exactly as written (``precinct``, ``county``, ``ward``...),
    otherwise ``other`` with ``OtherType`` = ``by`` (none when there is no ``by``).

Contest
    A candidate contest is a ``CandidateContest``; a measure a ``BallotMeasureContest`` with the
    ``BallotMeasureSelection`` Yes and No and its threshold in ``PassageThreshold``. Each candidate
    is a ``Candidate`` (``BallotName``, ``PartyId``, ``PostElectionStatus``) and a
    ``CandidateSelection``; a declared write-in candidate's selection has ``IsWriteIn`` true, and
    the anonymous ``write_ins`` are one more ``CandidateSelection`` with ``IsWriteIn`` true and no
    candidate. Every selection has a ``VoteCounts`` of ``Type`` ``total`` for the jurisdiction, and
    one for each reporting unit it has votes in. NIST has no contest-level vote count: the contest
    total is the sum of its selections' totals for the jurisdiction. Over and under votes (the
    contest's ``reported`` ``over_votes``/``under_votes``) go to ``OtherCounts``.

VoteVariation
    ``plurality`` (one seat) or ``n-of-m`` (``seats`` > 1); a runoff with ``>50%`` is ``majority``;
    a measure with ``>50%`` is ``majority``, with a higher share ``super-majority``. Anything else
    is ``other`` with ``OtherVoteVariation``: ``runoff <threshold>`` (``runoff >=40%``),
    ``top-<advance>`` (``top-2``), or ``measure <threshold>`` (``measure >=50%``). Ranked-choice
    rules (``irv``, ``stv``) are ``rcv``.

NumberElected, NumberRunoff, VotesAllowed
    ``NumberElected`` is the "n" of n-of-m: a property of the contest, not of this count. It is
    ``seats``, so a runoff rule that sent two candidates on still elects 1 (the candidates'
    ``advanced-to-runoff`` tells who goes on), and ``NumberRunoff`` ("the number of candidates in a
    runoff contest") is ``advance``. A top-N primary elects no one: ``NumberElected`` is left out
    and ``top-N`` says how many advance. ``VotesAllowed`` is ``seats``. Measures have neither.

PostElectionStatus
    ``elected`` -> ``winner``; ``advances`` -> ``advanced-to-runoff`` (for top-N primaries too: the
    enumeration has nothing closer, and ``top-N`` tells the contest apart); ``defeated`` (and
    ranked-choice ``eliminated``) -> ``defeated``. A ``tied`` candidate has no status: the enumeration has no value for an
    undecided place (there is no ``other`` and no ``OtherPostElectionStatus`` in v2), and ``Notes``
    names the tie. A tie decided by lot is reported as decided.

Ids
    Derived from names, never random: ``ru-<slug>`` for a jurisdiction, ``ru-<by>-<unit>`` for a
    reporting unit (``ru-<unit>`` when its name starts with ``by``: ``ru-precinct-1``),
    ``party-<slug>``, ``contest-<slug>``, ``cand-<slug>`` for a candidate and ``sel-<slug>`` for
    their selection, ``<contest id>-write-ins`` for anonymous write-ins, ``<contest id>-yes`` and
    ``-no`` for a measure's choices. A slug is the name in lower-case ASCII letters and digits
    joined by ``-`` (``x`` and a hash of the name when nothing is left). When two things would get
    the same id, the later one in input order gets ``-2``, ``-3``... The same input always gives
    the same bytes.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from electcli import __version__
from electcli.model import MEASURE, PLURALITY, RANKED_METHODS, RUNOFF, TOP, WRITE_INS, Contest, RaceFile, Threshold
from electcli.present.verdict import verdict
from electcli.tabulate.incomplete import is_incomplete
from electcli.tabulate.result import ADVANCES, DEFEATED, ELECTED, Result, Tallied

__all__ = ["nist_json", "to_nist"]

JSON = dict[str, Any]
NS = "ElectionResults."
LANGUAGE = "en"
ISSUER = "electcli"
PLACEHOLDER_DATE = "1970-01-01"
JURISDICTION_TYPE = "jurisdiction"  # the OtherType of a jurisdiction's ReportingUnit

# ElectionResults.ReportingUnitType: a `by` written exactly as one of these is used as the type.
REPORTING_UNIT_TYPES = frozenset(
    (
        "ballot-batch", "ballot-style-area", "borough", "city", "city-council", "combined-precinct",
        "congressional", "country", "county", "county-council", "drop-box", "judicial", "municipality",
        "other", "polling-place", "precinct", "school", "special", "split-precinct", "state", "state-house",
        "state-senate", "town", "township", "utility", "village", "vote-center", "ward", "water",
    )
)  # fmt: skip

POST_ELECTION_STATUS = {
    ELECTED: "winner",
    ADVANCES: "advanced-to-runoff",
    DEFEATED: "defeated",
    "eliminated": "defeated",  # ranked-choice (shared/spec/output.md)
}

# Contest.reported keys that NIST's OtherCounts has a field for.
OTHER_COUNTS = (("over_votes", "Overvotes"), ("under_votes", "Undervotes"))

# Words in an election's name that tell its ElectionType, first match wins.
ELECTION_TYPES = (("runoff", "runoff"), ("special", "special"), ("primary", "primary"), ("general", "general"))

HALF = Fraction(1, 2)

DATE_FORMATS = ("%Y-%m-%d", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%m/%d/%Y", "%Y/%m/%d")


def nist_json(tallied: Sequence[Tallied], *, generated: str | None = None) -> str:
    """The report as JSON text, the same bytes for the same input."""
    return json.dumps(to_nist(tallied, generated=generated), indent=2, ensure_ascii=False) + "\n"


def to_nist(tallied: Sequence[Tallied], *, generated: str | None = None) -> JSON:
    """One ``ElectionReport`` for every race file and its results, in the order given.

    ``generated``: a ``DateTimeWithZone`` for ``GeneratedDate`` (such as
    ``2024-11-05T21:00:00+00:00``); by default it is derived from the election dates.
    """
    report = _Report()
    elections = [report.election(index, race, results) for index, (race, results) in enumerate(tallied)]
    dates = [d for d in report.dates if d != PLACEHOLDER_DATE]
    document: JSON = {
        "@type": NS + "ElectionReport",
        "Election": elections,
        "Format": "precinct-level" if report.by_unit else "summary-contest",
        "GeneratedDate": generated or f"{max(dates, default=PLACEHOLDER_DATE)}T00:00:00Z",
        "GpUnit": list(report.gpunits.values()),
        "Issuer": ISSUER,
        "IssuerAbbreviation": ISSUER,
    }
    if report.notes:
        document["Notes"] = "\n".join(report.notes)
    if report.parties:
        document["Party"] = list(report.parties.values())
    document.update(
        {
            "SequenceEnd": 1,
            "SequenceStart": 1,
            "Status": "unofficial-complete",
            "VendorApplicationId": f"electcli {__version__}",
        }
    )
    return document


def slug(name: str) -> str:
    """``Doug Jones`` -> ``doug-jones``: lower-case ASCII letters and digits, for ids."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:48].strip("-")
    if text:
        return text
    import hashlib  # only for names with no ASCII letter or digit: it costs start-up time

    return "x" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:10]


def text(content: str) -> JSON:
    """An ``InternationalizedText`` holding ``content``."""
    return {
        "@type": NS + "InternationalizedText",
        "Text": [{"@type": NS + "LanguageString", "Content": content, "Language": LANGUAGE}],
    }


def calendar_date(written: str | None) -> str | None:
    """The ISO date ``written`` stands for, or ``None`` when it does not read as one."""
    if not written or not re.search(r"[0-9]{4}", written):  # a year in full, or no date at all
        return None
    from datetime import date, datetime

    for form in DATE_FORMATS:
        try:
            return datetime.strptime(written.strip(), form).date().isoformat()
        except ValueError:
            continue
    try:
        return date.fromisoformat(written.strip()).isoformat()
    except ValueError:
        return None


def election_type(name: str | None) -> str:
    words = set(re.findall(r"[a-z]+", (name or "").lower()))
    return next((kind for word, kind in ELECTION_TYPES if word in words), "other")


def vote_variation(contest: Contest) -> tuple[str, str | None]:
    """``VoteVariation`` and, when it is ``other``, the ``OtherVoteVariation`` for a contest's rule."""
    rule = contest.rule
    if rule.method == PLURALITY:
        return ("n-of-m" if contest.seats > 1 else "plurality"), None
    if rule.method == TOP:
        return "other", f"top-{rule.advance}"
    if rule.method in RANKED_METHODS:
        return "rcv", None
    threshold = rule.threshold
    if threshold is None:  # no such rule today; named rather than refused
        return "other", rule.method
    if is_majority(threshold):
        return "majority", None
    if rule.method == MEASURE and threshold.share > HALF:
        return "super-majority", None
    return "other", f"{rule.method} {threshold.text}"


def is_majority(threshold: Threshold) -> bool:
    """Whether the threshold is ``>50%`` (more than half), NIST's ``majority``."""
    return threshold.strict and threshold.share == HALF


class _Ids:
    """Ids unique in the report, derived from names; the same key always gets the same id."""

    def __init__(self) -> None:
        self.by_key: dict[tuple[str, ...], str] = {}
        self.used: set[str] = set()

    def get(self, key: tuple[str, ...], base: str) -> str:
        found = self.by_key.get(key)
        if found is not None:
            return found
        candidate, n = base, 1
        while candidate in self.used:
            n += 1
            candidate = f"{base}-{n}"
        self.used.add(candidate)
        self.by_key[key] = candidate
        return candidate


class _Report:
    """The parts shared across elections (GpUnits, parties, ids) as they are built."""

    def __init__(self) -> None:
        self.ids = _Ids()
        self.gpunits: dict[str, JSON] = {}
        self.parties: dict[str, JSON] = {}
        self.notes: list[str] = []
        self.dates: list[str] = []
        self.by_unit = False

    def election(self, index: int, race: RaceFile, results: Sequence[Result]) -> JSON:
        meta = race.election
        name = meta.name or _file_label(race.path)
        election_key = str(index)  # an Election has no @id: its contests' ids are keyed by its place
        scope = self.jurisdiction(meta.jurisdiction)
        day = calendar_date(meta.date)
        if day is None:
            day = PLACEHOLDER_DATE
            given = f"the date {meta.date!r} does not read as a calendar date" if meta.date else "no date is given"
            self.notes.append(f"{name}: {given}, so {PLACEHOLDER_DATE} stands in for it.")
        self.dates.append(day)
        candidates: list[JSON] = []
        contests = []
        for order, result in enumerate(results, start=1):
            contests.append(self.contest(result, election_key, scope, order, candidates))
            self.notes.append(f"{result.contest.name}: {verdict(result)}")
        election: JSON = {"@type": NS + "Election"}
        if candidates:
            election["Candidate"] = candidates
        election["Contest"] = contests
        election.update(
            {
                "ElectionScopeId": scope,
                "EndDate": day,
                "Name": text(name),
                "StartDate": day,
                "Type": election_type(meta.name),
            }
        )
        if election["Type"] == "other":
            election["OtherType"] = "not stated"
        return election

    def jurisdiction(self, name: str | None) -> str:
        key = ("jurisdiction", name or "")
        unit_id = self.ids.get(key, "ru-" + (slug(name) if name else "jurisdiction"))
        if unit_id not in self.gpunits:
            unit: JSON = {"@id": unit_id, "@type": NS + "ReportingUnit"}
            if name:
                unit["Name"] = text(name)
            unit.update({"OtherType": JURISDICTION_TYPE, "Type": "other"})
            self.gpunits[unit_id] = unit
        return unit_id

    def unit(self, scope: str, by: str | None, name: str) -> str:
        named, kind = slug(name), slug(by) if by else ""
        base = "ru-" + (named if named.startswith(kind) else f"{kind}-{named}")
        unit_id = self.ids.get(("unit", scope, by or "", name), base)
        if unit_id not in self.gpunits:
            unit: JSON = {"@id": unit_id, "@type": NS + "ReportingUnit", "Name": text(name)}
            if by in REPORTING_UNIT_TYPES and by != "other":
                unit["Type"] = by
            else:
                if by:
                    unit["OtherType"] = by
                unit["Type"] = "other"
            self.gpunits[unit_id] = unit
            composing = self.gpunits[scope].setdefault("ComposingGpUnitIds", [])
            composing.append(unit_id)
        return unit_id

    def party(self, name: str) -> str:
        party_id = self.ids.get(("party", name), "party-" + slug(name))
        if party_id not in self.parties:
            self.parties[party_id] = {
                "@id": party_id,
                "@type": NS + "Party",
                "Abbreviation": text(name),
                "Name": text(name),
            }
        return party_id

    def contest(self, result: Result, election_key: str, scope: str, order: int, candidates: list[JSON]) -> JSON:
        contest = result.contest
        contest_id = self.ids.get(("contest", election_key, contest.name), "contest-" + slug(contest.name))
        unit_counts = self.unit_counts(contest, scope)

        def counts(name: str, votes: int) -> list[JSON]:
            return [_count(scope, votes)] + [_count(unit_id, n) for unit_id, n in unit_counts.get(name, [])]

        status = {standing.candidate.name: standing.status for standing in result.standings}
        selections: list[JSON] = []
        for seq, candidate in enumerate(contest.candidates, start=1):
            if contest.is_measure:
                selection_id = self.ids.get(
                    ("selection", contest_id, candidate.name), f"{contest_id}-{slug(candidate.name)}"
                )
                selections.append(
                    {
                        "@id": selection_id,
                        "@type": NS + "BallotMeasureSelection",
                        "Selection": text(candidate.name),
                        "SequenceOrder": seq,
                        "VoteCounts": counts(candidate.name, candidate.votes),
                    }
                )
                continue
            candidate_id = self.ids.get(("candidate", contest_id, candidate.name), "cand-" + slug(candidate.name))
            entity: JSON = {"@id": candidate_id, "@type": NS + "Candidate", "BallotName": text(candidate.name)}
            if candidate.party is not None:
                entity["PartyId"] = self.party(candidate.party)
            post = POST_ELECTION_STATUS.get(status.get(candidate.name) or "")
            if post is not None:
                entity["PostElectionStatus"] = post
            candidates.append(entity)
            selection_id = self.ids.get(("selection", candidate_id), "sel-" + candidate_id.removeprefix("cand-"))
            selection: JSON = {"@id": selection_id, "@type": NS + "CandidateSelection", "CandidateIds": [candidate_id]}
            if candidate.write_in:
                selection["IsWriteIn"] = True
            selection.update({"SequenceOrder": seq, "VoteCounts": counts(candidate.name, candidate.votes)})
            selections.append(selection)
        if contest.write_ins or WRITE_INS in unit_counts:
            selections.append(
                {
                    "@id": self.ids.get(("write-ins", contest_id), f"{contest_id}-write-ins"),
                    "@type": NS + "CandidateSelection",
                    "IsWriteIn": True,
                    "SequenceOrder": len(selections) + 1,
                    "VoteCounts": counts(WRITE_INS, contest.write_ins),
                }
            )
        variation, other_variation = vote_variation(contest)
        kind = "BallotMeasureContest" if contest.is_measure else "CandidateContest"
        record: JSON = {"@id": contest_id, "@type": NS + kind, "ContestSelection": selections}
        if contest.reporting is not None or contest.outstanding is not None:
            done = "in-process" if is_incomplete(contest) else "completed"
            record["CountStatus"] = [{"@type": NS + "CountStatus", "Status": done, "Type": "total"}]
        record.update({"ElectionDistrictId": scope, "Name": contest.name})
        if not contest.is_measure and contest.rule.method != TOP:
            record["NumberElected"] = contest.seats
        if contest.rule.method == RUNOFF:
            record["NumberRunoff"] = contest.rule.advance
        other_counts = _other_counts(contest, scope)
        if other_counts:
            record["OtherCounts"] = other_counts
        if other_variation is not None:
            record["OtherVoteVariation"] = other_variation
        if contest.is_measure and contest.rule.threshold is not None:
            record["PassageThreshold"] = text(contest.rule.threshold.text)
        record["SequenceOrder"] = order
        if contest.reporting is not None:  # reporting units in so far, of those expected
            record.update({"SubUnitsReported": contest.reporting.reported, "TotalSubUnits": contest.reporting.expected})
        elif contest.results is not None:
            units = len(set(contest.results.unit_column))
            record.update({"SubUnitsReported": units, "TotalSubUnits": units})
        record["VoteVariation"] = variation
        if not contest.is_measure:
            record["VotesAllowed"] = contest.seats
        return record

    def unit_counts(self, contest: Contest, scope: str) -> dict[str, list[tuple[str, int]]]:
        """Each name's counts by reporting unit (GpUnit id, votes), in the units' order."""
        found: dict[str, list[tuple[str, int]]] = {}
        results = contest.results
        if results is None:
            return found
        self.by_unit = True
        unit_ids: dict[str, str] = {}
        for unit, name, votes in zip(results.unit_column, results.name_column, results.vote_column, strict=True):
            unit_id = unit_ids.get(unit)
            if unit_id is None:
                unit_id = unit_ids[unit] = self.unit(scope, results.by, unit)
            found.setdefault(name, []).append((unit_id, votes))
        return found


def _count(unit_id: str, votes: int) -> JSON:
    return {"@type": NS + "VoteCounts", "Count": votes, "GpUnitId": unit_id, "Type": "total"}


def _other_counts(contest: Contest, scope: str) -> list[JSON]:
    reported = dict(contest.reported)
    fields = {field: reported[key] for key, field in OTHER_COUNTS if key in reported}
    if not fields:
        return []
    return [{"@type": NS + "OtherCounts", "GpUnitId": scope, **fields}]


def _file_label(path: str) -> str:
    if path == "-":
        return "Election (standard input)"
    return path.replace("\\", "/").rsplit("/", 1)[-1]
