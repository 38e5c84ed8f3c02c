"""Read a NIST SP 1500-100 v2 election results report (JSON) into the model.

Reports electcli writes (electcli/present/nist.py) come back with every count they hold; other
producers' reports are read when they give summary counts (``VoteCounts`` of ``Type`` ``total``).

What is read, and how:

- One contest for each ``CandidateContest``, ``BallotMeasureContest`` and ``RetentionContest``
  (read as a measure) of every ``Election``; a ``PartyContest`` (straight-party) is refused. When
  contests of different elections share a name, each is named ``Contest (Election name)``.
- Candidates, in the order of the contest's selections: a ``CandidateSelection``'s name is its
  candidates' ``BallotName`` (English text when there is a choice; a ticket's names are joined by
  `` / ``), its party the first candidate's party (its ``Abbreviation``, else its ``Name``). A
  selection with ``IsWriteIn`` and candidates is a declared write-in candidate; one with
  ``IsWriteIn`` and no candidate holds anonymous write-ins (the contest's ``write_ins``; without
  one, ``OtherCounts.WriteIns`` for the contest's district is used). A measure's two
  ``BallotMeasureSelection`` are Yes and No (``yes``/``for`` and ``no``/``against``, any case).
- Counts: only ``VoteCounts`` of ``Type`` ``total`` without ``Round`` or ``DeviceClass`` (those are
  parts of a total). A selection's total is its count for the contest's ``ElectionDistrictId``;
  counts for other GpUnits are counts by reporting unit (filling ``results``, ``by`` the units'
  type), keeping the finest level when a unit composes others (``ComposingGpUnitIds``). Without a
  district total, the total is the sum over units; with both, they must agree, as in a race file.
  Counts are whole non-negative numbers (``12`` or ``12.0``). ``OtherCounts`` ``Overvotes`` and
  ``Undervotes`` for the district become ``reported`` ``over_votes``/``under_votes``.
- The rule, from ``VoteVariation``:

  | VoteVariation | rule |
  | --- | --- |
  | absent, ``plurality``, ``n-of-m`` | ``plurality``, ``seats`` = ``NumberElected`` (``n-of-m``: else ``VotesAllowed``), else 1 |
  | ``majority`` | ``runoff`` ``>50%``: NIST's majority voting needs more than half to elect, and a contest where no one has it goes to a runoff; ``advance`` = ``NumberRunoff``, else 2 |
  | ``super-majority`` | ``runoff`` with the threshold in ``OtherVoteVariation`` |
  | ``other`` | ``OtherVoteVariation`` ``runoff <threshold>``, ``top-<n>`` or ``plurality`` |
  | approval, borda, cumulative, proportional, range, rcv | refused: not counted by electcli |

  For a measure: absent, ``majority`` or ``plurality`` is ``>50%`` (absent: the
  ``PassageThreshold`` when there is one); ``super-majority`` and ``other`` take the threshold from
  ``PassageThreshold`` or ``OtherVoteVariation`` (``measure >=2/3``, ``>=2/3``, ``two-thirds``).
  A super-majority whose share is not stated cannot be known, and is an error that says where to
  state it. Written without a comparison (``2/3``, ``60%``, ``two-thirds``), a super-majority is
  "at least" that share (``more than 60%`` is ``>60%``).
- The election's name, date (``StartDate``) and jurisdiction (the ``ElectionScopeId`` unit's
  name) when there is one election, or when all agree.

Errors name the report as given (``name``) with the line and column of the value at fault (when
the reader is given the report's text), and say which contest and id it is.
"""

from __future__ import annotations

from dataclasses import replace

from electcli.errors import ModelError
from electcli.model import Candidate, Contest, Election, RaceFile, Reporting, check_names
from electcli.readers.nist.counts import ReportCounts, SelectionEntry
from electcli.readers.nist.rules import contest_rule
from electcli.readers.nist.values import JSON, NS, REPORT_HINT, REPORT_TYPE, _shown, describe_json

__all__ = ["is_nist_report", "read_nist_report"]

MEASURE_CHOICES = {"yes": "Yes", "for": "Yes", "no": "No", "against": "No"}


def is_nist_report(document: object) -> bool:
    """Whether a JSON document is a NIST election results report (by its ``@type``)."""
    return isinstance(document, dict) and document.get("@type") == REPORT_TYPE


def read_nist_report(document: JSON, name: str, text: str = "") -> RaceFile:
    """The report's contests as a checked ``RaceFile``; ``name`` is how errors and output name it,
    ``text`` the JSON it was parsed from (for the line and column of an error)."""
    return _Reader(document, name, text).race_file()


# NIST SP 1500-100 CountItemStatus
COUNT_STATUSES = ("completed", "in-process", "not-processed", "unknown")


class _Reader(ReportCounts):
    """Reads the report's elections and contests; values, counts and rules come from the modules
    nist.values, nist.counts and nist.rules."""

    def __init__(self, document: object, name: str, text: str = "") -> None:
        super().__init__(document, name, text)
        self.candidates: dict[str, JSON] = {}

    # -- the report ----------------------------------------------------------------------------

    def race_file(self) -> RaceFile:
        elections = self.sequence(self.document.get("Election"), "the report's Election")
        if not elections:
            raise self.error("holds no Election", REPORT_HINT)
        metas: list[Election] = []
        found: list[tuple[Election, Contest]] = []
        records: list[JSON] = []
        for number, item in enumerate(elections, start=1):
            election = self.mapping(item, f"Election {number}", elections)
            self.context = election
            listed = self.by_id(election.get("Candidate"), f"Election {number}'s Candidate", (NS + "Candidate",))
            for key, candidate in listed.items():
                if key in self.candidates:
                    raise self.error(
                        f"the candidate @id {key!r} is used twice",
                        "give each candidate its own @id",
                        (candidate, "@id"),
                    )
                self.candidates[key] = candidate
        for number, item in enumerate(elections, start=1):
            election = self.mapping(item, f"Election {number}", elections)
            self.context = election
            meta = self.election_meta(election, number)
            metas.append(meta)
            listed_contests = self.sequence(election.get("Contest"), f"Election {number}'s Contest", election)
            for index, entry in enumerate(listed_contests, 1):
                record = self.mapping(entry, f"contest {index} of Election {number}", listed_contests)
                found.append((meta, self.contest(record)))
                records.append(record)
        if not found:
            raise self.error("holds no contests", "a report to tally needs a CandidateContest or BallotMeasureContest")
        return RaceFile(path=self.name, election=_common(metas), contests=self.unique_names(found, records))

    def election_meta(self, election: JSON, number: int) -> Election:
        what = f"Election {number}"
        name = self.text(election["Name"], f"{what}'s Name", (election, "Name")) if "Name" in election else None
        start = election.get("StartDate")
        if start is not None and not isinstance(start, str):
            raise self.error(
                f'{what}\'s StartDate is {describe_json(start)}, not a date such as "2020-03-03"',
                at=(election, "StartDate"),
            )
        jurisdiction = None
        scope = election.get("ElectionScopeId")
        if scope is not None:
            unit = self.gpunit(scope, f"{what}'s ElectionScopeId", (election, "ElectionScopeId"))
            if "Name" in unit:
                jurisdiction = self.text(unit["Name"], f"GpUnit {scope!r}'s Name", (unit, "Name"))
        return Election(name=name, date=start, jurisdiction=jurisdiction)

    def unique_names(self, found: list[tuple[Election, Contest]], records: list[JSON]) -> tuple[Contest, ...]:
        """The contests, each named once (``records``: their objects in the report, for an error's place)."""
        counts: dict[str, int] = {}
        for _, contest in found:
            counts[contest.name] = counts.get(contest.name, 0) + 1
        contests: list[Contest] = []
        seen: set[str] = set()
        for (meta, contest), record in zip(found, records, strict=True):
            name = contest.name
            if counts[name] > 1 and meta.name:
                name = f"{name} ({meta.name})"
            if name in seen:
                raise self.error(
                    f"contest name {contest.name!r} is used by two contests",
                    "give each contest its own Name (contests of different elections are told apart by the election's Name)",
                    (record, "Name"),
                )
            seen.add(name)
            contests.append(contest if name == contest.name else _renamed(contest, name))
        return tuple(contests)

    # -- contests ------------------------------------------------------------------------------

    def contest(self, contest: JSON) -> Contest:
        self.context = contest
        kind = contest.get("@type")
        contest_id = contest.get("@id")
        label = f"contest {contest_id!r}" if isinstance(contest_id, str) else "a contest"
        if "Name" not in contest:
            raise self.error(f"{label} has no Name", "every contest needs a Name, unique in its election")
        name = self.named(
            self.string(contest["Name"], f"{label}'s Name", (contest, "Name")), f"{label}'s Name", (contest, "Name")
        )
        where = f"contest {name!r}" + (f" ({contest_id})" if isinstance(contest_id, str) else "")
        if kind == NS + "PartyContest":
            raise self.error(f"{where} is a PartyContest (straight-party), which electcli does not count")
        if kind not in (NS + "CandidateContest", NS + "BallotMeasureContest", NS + "RetentionContest"):
            raise self.error(
                f"{where} has @type {_shown(kind)}",
                "contests are ElectionResults.CandidateContest or ElectionResults.BallotMeasureContest",
            )
        is_measure = kind != NS + "CandidateContest"
        if "ElectionDistrictId" not in contest:
            raise self.error(f"{where} has no ElectionDistrictId", "name the GpUnit its totals are counted for")
        district = self.string(
            contest["ElectionDistrictId"], f"{where}'s ElectionDistrictId", (contest, "ElectionDistrictId")
        )
        self.gpunit(district, f"{where}'s ElectionDistrictId", (contest, "ElectionDistrictId"))
        rule, seats = contest_rule(self, contest, where, is_measure)
        listed = self.sequence(contest.get("ContestSelection"), f"{where}'s ContestSelection", contest)
        entries = [
            self.selection(self.mapping(item, f"a selection of {where}", listed), where, is_measure) for item in listed
        ]
        self.context = contest
        try:  # the model's check of the names, before the counts are summed by name
            named = [Candidate(entry.name, 0) for entry in entries if entry.name is not None]
            check_names(named, self.location, "selection" if is_measure else "candidate")
        except ModelError as exc:
            raise self.error(f"{where}: {exc.problem}", exc.hint, at=contest) from None
        counted = self.counts(entries, district, where)
        self.context = contest
        candidates: list[Candidate] = []
        write_ins: int | None = None
        for entry, total in zip(entries, counted.totals, strict=True):
            if entry.name is None:
                write_ins = (write_ins or 0) + total
            else:
                candidates.append(Candidate(name=entry.name, votes=total, party=entry.party, write_in=entry.write_in))
        other = self.other_counts(contest, district, where)
        other_write_ins = other.pop("write_ins", None)
        if write_ins is None:
            write_ins = other_write_ins or 0
        if is_measure and write_ins:
            raise self.error(f"{where} is a ballot measure with write-in votes", "a measure has only Yes and No")
        reporting = self.reporting(contest, where)
        try:
            return Contest(
                name=name,
                rule=rule,
                candidates=tuple(candidates),
                location=self.location,
                seats=seats,
                write_ins=write_ins,
                results=counted.results,
                reported=tuple(other.items()),
                reporting=reporting,
            )
        except ModelError as exc:  # the model's checks (no candidates, a measure's Yes and No...)
            raise self.error(f"{where}: {exc.problem}", exc.hint, at=contest) from None

    def reporting(self, contest: JSON, where: str) -> Reporting | None:
        """How much of the count is in: SubUnitsReported of TotalSubUnits, and CountStatus.

        A count the report says is not completed is never taken as final: without the figures that
        say how far it has got, it is refused rather than called.
        """
        reported = contest.get("SubUnitsReported")
        total = contest.get("TotalSubUnits")
        figures = None
        if reported is not None or total is not None:
            if reported is None or total is None:
                raise self.error(
                    f"{where} gives only one of SubUnitsReported and TotalSubUnits",
                    "give both (units reported of those expected), or neither",
                )
            done = self.count(reported, f"{where}'s SubUnitsReported")
            expected = self.count(total, f"{where}'s TotalSubUnits")
            if expected == 0 or done > expected:
                raise self.error(f"{where} has {done:,} SubUnitsReported of {expected:,} TotalSubUnits")
            figures = Reporting(done, expected)
        # Every type of count (total, absentee, provisional...) must be completed for the contest
        # to be: one still in process leaves it incomplete whatever the others say (and a type
        # listed twice cannot hide an unfinished status behind a finished one).
        total_status = None
        for item in self.sequence(contest.get("CountStatus", []), f"{where}'s CountStatus"):
            entry = self.mapping(item, f"a CountStatus of {where}")
            kind = self.string(entry.get("Type"), f"a CountStatus Type of {where}")
            status = self.string(entry.get("Status"), f"a CountStatus Status of {where}")
            if status not in COUNT_STATUSES:
                raise self.error(f"{where} has a CountStatus {status!r}", f"one of: {', '.join(COUNT_STATUSES)}")
            if status != "completed" and total_status is None:
                total_status = status if kind == "total" else f"{status} for {kind}"
        if total_status is not None:
            if figures is None:
                raise self.error(
                    f"{where}'s count is {total_status} (CountStatus), with no SubUnitsReported and TotalSubUnits",
                    "electcli calls no contest whose count is not complete, and cannot tell how far this one has got",
                )
            if figures.complete:
                raise self.error(
                    f"{where}'s count is {total_status} (CountStatus), but all {figures.expected:,} units reported",
                    "the report contradicts itself",
                )
        return figures

    def selection(self, selection: JSON, where: str, is_measure: bool) -> SelectionEntry:
        self.context = selection
        kind = selection.get("@type")
        selection_id = selection.get("@id")
        label = f"selection {selection_id!r} of {where}" if isinstance(selection_id, str) else f"a selection of {where}"
        if is_measure:
            if kind != NS + "BallotMeasureSelection":
                raise self.error(
                    f"{label} has @type {_shown(kind)}", "a ballot measure's selections are BallotMeasureSelection"
                )
            if "Selection" not in selection:
                raise self.error(f"{label} has no Selection", "give its text: Yes or No")
            written = self.text(selection["Selection"], f"{label}'s Selection", (selection, "Selection"))
            choice = MEASURE_CHOICES.get(written.strip().lower())
            if choice is None:
                raise self.error(f"{label} is {written!r}, not Yes or No", "a measure's selections are Yes and No")
            return SelectionEntry(label, selection, choice)
        if kind != NS + "CandidateSelection":
            raise self.error(
                f"{label} has @type {_shown(kind)}", "a candidate contest's selections are CandidateSelection"
            )
        write_in = selection.get("IsWriteIn", False)
        if not isinstance(write_in, bool):
            raise self.error(
                f"{label}'s IsWriteIn is {describe_json(write_in)}, not true or false", at=(selection, "IsWriteIn")
            )
        ids = self.sequence(selection.get("CandidateIds"), f"{label}'s CandidateIds", (selection, "CandidateIds"))
        if not ids:
            if not write_in:
                raise self.error(
                    f"{label} names no candidate", "give its CandidateIds, or IsWriteIn: true for write-ins"
                )
            return SelectionEntry(label, selection, None)
        names: list[str] = []
        party: str | None = None
        for number, candidate_id in enumerate(ids):
            key = self.string(candidate_id, f"{label}'s CandidateIds", (selection, "CandidateIds"))
            candidate = self.candidates.get(key)
            if candidate is None:
                raise self.error(
                    f"{label} names candidate {key!r}, which no Election's Candidate defines",
                    at=(selection, "CandidateIds"),
                )
            if "BallotName" not in candidate:
                raise self.error(f"candidate {key!r} has no BallotName", at=candidate)
            what = f"candidate {key!r}'s BallotName"
            at = (candidate, "BallotName")
            names.append(self.named(self.text(candidate["BallotName"], what, at), what, at))
            if number == 0 and "PartyId" in candidate:
                party = self.party(candidate["PartyId"], f"candidate {key!r}'s PartyId", (candidate, "PartyId"))
        return SelectionEntry(label, selection, " / ".join(names), party, write_in)


def _common(metas: list[Election]) -> Election:
    def agreed(values: list[str | None]) -> str | None:
        return values[0] if len(set(values)) == 1 else None

    return Election(
        name=agreed([m.name for m in metas]),
        date=agreed([m.date for m in metas]),
        jurisdiction=agreed([m.jurisdiction for m in metas]),
    )


def _renamed(contest: Contest, name: str) -> Contest:
    return replace(contest, name=name)
