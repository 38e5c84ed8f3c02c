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

Errors name the report as given (``name``), with the contest and the id at fault: JSON has no line
numbers to give here.
"""

from __future__ import annotations

import re
from dataclasses import replace
from fractions import Fraction
from typing import Any

from electcli.errors import InputError, Location
from electcli.model import (
    MEASURE,
    PLURALITY,
    RUNOFF,
    TOP,
    WRITE_INS,
    Candidate,
    Contest,
    Election,
    RaceFile,
    Results,
    Rule,
    Threshold,
)
from electcli.values import parse_threshold

__all__ = ["is_nist_report", "read_nist_report"]

NS = "ElectionResults."
REPORT_TYPE = NS + "ElectionReport"
MAJORITY = Threshold(strict=True, share=Fraction(1, 2), text=">50%")
DEFAULT_ADVANCE = 2
UNCOUNTED_VARIATIONS = ("approval", "borda", "cumulative", "proportional", "range", "rcv")
MEASURE_CHOICES = {"yes": "Yes", "for": "Yes", "no": "No", "against": "No"}
OTHER_COUNTS = (("Overvotes", "over_votes"), ("Undervotes", "under_votes"))
THRESHOLD_WORDS = (
    ("two-thirds", "2/3"), ("two thirds", "2/3"), ("three-fifths", "3/5"), ("three fifths", "3/5"),
    ("three-fourths", "3/4"), ("three fourths", "3/4"), ("three-quarters", "3/4"), ("three quarters", "3/4"),
)  # fmt: skip
TOP_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
REPORT_HINT = "a NIST SP 1500-100 v2 report is an ElectionResults.ElectionReport with Election, Contest and GpUnit"

JSON = dict[str, Any]


def is_nist_report(document: object) -> bool:
    """Whether a JSON document is a NIST election results report (by its ``@type``)."""
    return isinstance(document, dict) and document.get("@type") == REPORT_TYPE


def read_nist_report(document: JSON, name: str) -> RaceFile:
    """The report's contests as a checked ``RaceFile``; ``name`` is how errors and output name it."""
    return _Reader(document, name).race_file()


class _Reader:
    def __init__(self, document: object, name: str) -> None:
        self.name = name
        self.location = Location(name)
        if not isinstance(document, dict):
            raise self.error(f"is not a NIST election results report: the top level is {_kind(document)}", REPORT_HINT)
        if document.get("@type") != REPORT_TYPE:
            raise self.error(
                f"is not a NIST election results report: its @type is {document.get('@type')!r}, not {REPORT_TYPE!r}",
                REPORT_HINT,
            )
        self.document: JSON = document
        self.gpunits = self.by_id(document.get("GpUnit"), "GpUnit", (NS + "ReportingUnit", NS + "ReportingDevice"))
        self.parties = self.by_id(document.get("Party"), "Party", (NS + "Party", NS + "Coalition"))
        self.candidates: dict[str, JSON] = {}
        self.descendants: dict[str, set[str]] = {}

    # -- the report ----------------------------------------------------------------------------

    def race_file(self) -> RaceFile:
        elections = self.sequence(self.document.get("Election"), "the report's Election")
        if not elections:
            raise self.error("holds no Election", REPORT_HINT)
        metas: list[Election] = []
        found: list[tuple[Election, Contest]] = []
        for number, item in enumerate(elections, start=1):
            election = self.mapping(item, f"Election {number}")
            listed = self.by_id(election.get("Candidate"), f"Election {number}'s Candidate", (NS + "Candidate",))
            for key, candidate in listed.items():
                if key in self.candidates:
                    raise self.error(f"the candidate @id {key!r} is used twice", "give each candidate its own @id")
                self.candidates[key] = candidate
        for number, item in enumerate(elections, start=1):
            election = self.mapping(item, f"Election {number}")
            meta = self.election_meta(election, number)
            metas.append(meta)
            for index, entry in enumerate(self.sequence(election.get("Contest"), f"Election {number}'s Contest"), 1):
                found.append((meta, self.contest(self.mapping(entry, f"contest {index} of Election {number}"))))
        if not found:
            raise self.error("holds no contests", "a report to tally needs a CandidateContest or BallotMeasureContest")
        return RaceFile(path=self.name, election=_common(metas), contests=self.unique_names(found))

    def election_meta(self, election: JSON, number: int) -> Election:
        what = f"Election {number}"
        name = self.text(election["Name"], f"{what}'s Name") if "Name" in election else None
        start = election.get("StartDate")
        if start is not None and not isinstance(start, str):
            raise self.error(f'{what}\'s StartDate is {_kind(start)}, not a date such as "2020-03-03"')
        jurisdiction = None
        scope = election.get("ElectionScopeId")
        if scope is not None:
            unit = self.gpunit(scope, f"{what}'s ElectionScopeId")
            if "Name" in unit:
                jurisdiction = self.text(unit["Name"], f"GpUnit {scope!r}'s Name")
        return Election(name=name, date=start, jurisdiction=jurisdiction)

    def unique_names(self, found: list[tuple[Election, Contest]]) -> tuple[Contest, ...]:
        counts: dict[str, int] = {}
        for _, contest in found:
            counts[contest.name] = counts.get(contest.name, 0) + 1
        contests: list[Contest] = []
        seen: set[str] = set()
        for meta, contest in found:
            name = contest.name
            if counts[name] > 1 and meta.name:
                name = f"{name} ({meta.name})"
            if name in seen:
                raise self.error(
                    f"contest name {contest.name!r} is used by two contests",
                    "give each contest its own Name (contests of different elections are told apart by the election's Name)",
                )
            seen.add(name)
            contests.append(contest if name == contest.name else _renamed(contest, name))
        return tuple(contests)

    # -- contests ------------------------------------------------------------------------------

    def contest(self, contest: JSON) -> Contest:
        kind = contest.get("@type")
        contest_id = contest.get("@id")
        label = f"contest {contest_id!r}" if isinstance(contest_id, str) else "a contest"
        if "Name" not in contest:
            raise self.error(f"{label} has no Name", "every contest needs a Name, unique in its election")
        name = self.named(self.string(contest["Name"], f"{label}'s Name"), f"{label}'s Name")
        where = f"contest {name!r}" + (f" ({contest_id})" if isinstance(contest_id, str) else "")
        if kind == NS + "PartyContest":
            raise self.error(f"{where} is a PartyContest (straight-party), which electcli does not count")
        if kind not in (NS + "CandidateContest", NS + "BallotMeasureContest", NS + "RetentionContest"):
            raise self.error(
                f"{where} has @type {kind!r}",
                "contests are ElectionResults.CandidateContest or ElectionResults.BallotMeasureContest",
            )
        is_measure = kind != NS + "CandidateContest"
        if "ElectionDistrictId" not in contest:
            raise self.error(f"{where} has no ElectionDistrictId", "name the GpUnit its totals are counted for")
        district = self.string(contest["ElectionDistrictId"], f"{where}'s ElectionDistrictId")
        self.gpunit(district, f"{where}'s ElectionDistrictId")
        rule, seats = self.rule(contest, where, is_measure)
        entries = [
            self.selection(self.mapping(item, f"a selection of {where}"), where, is_measure)
            for item in self.sequence(contest.get("ContestSelection"), f"{where}'s ContestSelection")
        ]
        self.check_names([entry.name for entry in entries if entry.name is not None], where, is_measure)
        counted = self.counts(entries, district, where)
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
        return Contest(
            name=name,
            rule=rule,
            candidates=tuple(candidates),
            location=self.location,
            seats=seats,
            write_ins=write_ins,
            results=counted.results,
            reported=tuple(other.items()),
        )

    def selection(self, selection: JSON, where: str, is_measure: bool) -> _Entry:
        kind = selection.get("@type")
        selection_id = selection.get("@id")
        label = f"selection {selection_id!r} of {where}" if isinstance(selection_id, str) else f"a selection of {where}"
        if is_measure:
            if kind != NS + "BallotMeasureSelection":
                raise self.error(
                    f"{label} has @type {kind!r}", "a ballot measure's selections are BallotMeasureSelection"
                )
            if "Selection" not in selection:
                raise self.error(f"{label} has no Selection", "give its text: Yes or No")
            written = self.text(selection["Selection"], f"{label}'s Selection")
            choice = MEASURE_CHOICES.get(written.strip().lower())
            if choice is None:
                raise self.error(f"{label} is {written!r}, not Yes or No", "a measure's selections are Yes and No")
            return _Entry(label, selection, choice)
        if kind != NS + "CandidateSelection":
            raise self.error(f"{label} has @type {kind!r}", "a candidate contest's selections are CandidateSelection")
        write_in = selection.get("IsWriteIn", False)
        if not isinstance(write_in, bool):
            raise self.error(f"{label}'s IsWriteIn is {_kind(write_in)}, not true or false")
        ids = self.sequence(selection.get("CandidateIds"), f"{label}'s CandidateIds")
        if not ids:
            if not write_in:
                raise self.error(
                    f"{label} names no candidate", "give its CandidateIds, or IsWriteIn: true for write-ins"
                )
            return _Entry(label, selection, None)
        names: list[str] = []
        party: str | None = None
        for number, candidate_id in enumerate(ids):
            key = self.string(candidate_id, f"{label}'s CandidateIds")
            candidate = self.candidates.get(key)
            if candidate is None:
                raise self.error(f"{label} names candidate {key!r}, which no Election's Candidate defines")
            if "BallotName" not in candidate:
                raise self.error(f"candidate {key!r} has no BallotName")
            what = f"candidate {key!r}'s BallotName"
            names.append(self.named(self.text(candidate["BallotName"], what), what))
            if number == 0 and "PartyId" in candidate:
                party = self.party(candidate["PartyId"], f"candidate {key!r}'s PartyId")
        return _Entry(label, selection, " / ".join(names), party, write_in)

    def check_names(self, names: list[str], where: str, is_measure: bool) -> None:
        if not names:
            raise self.error(f"{where} has no candidates", "a contest needs at least one CandidateSelection")
        seen: set[str] = set()
        for name in names:
            if name in seen:
                what = "selection" if is_measure else "candidate"
                raise self.error(f"{where} lists the {what} {name!r} twice", f"list each {what} once")
            if name == WRITE_INS:
                raise self.error(f"{where} has a candidate named {WRITE_INS!r}, a name electcli keeps for write-ins")
            seen.add(name)
        if is_measure and sorted(seen) != ["No", "Yes"]:
            given = ", ".join(names)
            raise self.error(f"{where} has the selections {given}", "a ballot measure has exactly Yes and No")

    # -- counts --------------------------------------------------------------------------------

    def counts(self, entries: list[_Entry], district: str, where: str) -> _Counted:
        totals: list[int | None] = []
        by_unit: list[dict[str, int]] = []
        for entry in entries:
            total, units = self.selection_counts(entry, district)
            totals.append(total)
            by_unit.append(units)
        counted_units = {unit for units in by_unit for unit in units}
        # The finest level: a unit that composes other counted units would count their votes twice.
        finest = [u for u in self.gpunits if u in counted_units and not (self.below(u) & counted_units)]
        keep = set(finest)
        final: list[int] = []
        for entry, total, units in zip(entries, totals, by_unit, strict=True):
            kept = [votes for unit, votes in units.items() if unit in keep]
            if total is None and not kept:
                raise self.no_total(entry, district)
            if not keep or (not kept and entry.name is None):
                # no units at all; or write-ins without a breakdown by unit, as a race file allows
                assert total is not None
                final.append(total)
                continue
            summed = sum(kept)
            if total is not None and total != summed:
                raise self.error(
                    f"{entry.label} has a total of {total} for {district!r}, "
                    f"but its counts by reporting unit add up to {summed}",
                    "correct the total or the units' counts so that they agree",
                )
            final.append(summed)
        if not keep:
            return _Counted(final, None)
        names = self.unit_names(finest)
        rows: dict[tuple[str, str], int] = {}
        for unit in finest:
            for entry, units in zip(entries, by_unit, strict=True):
                if unit in units:
                    key = (names[unit], entry.name if entry.name is not None else WRITE_INS)
                    rows[key] = rows.get(key, 0) + units[unit]  # anonymous write-in selections add up
        by_units = sum(votes for (_, name), votes in rows.items() if name == WRITE_INS)
        write_ins = sum(total for entry, total in zip(entries, final, strict=True) if entry.name is None)
        if by_units != write_ins and any(name == WRITE_INS for _, name in rows):
            raise self.error(
                f"{where} has {write_ins} write-in votes, but its write-ins by reporting unit add up to {by_units}",
                "give every write-in selection's counts by unit, or none of them",
            )
        unit_column = tuple(unit for unit, _ in rows)
        name_column = tuple(name for _, name in rows)
        return _Counted(final, Results(self.unit_by(finest), unit_column, name_column, tuple(rows.values())))

    def selection_counts(self, entry: _Entry, district: str) -> tuple[int | None, dict[str, int]]:
        total: int | None = None
        units: dict[str, int] = {}
        other_types: list[str] = []
        for item in self.sequence(entry.selection.get("VoteCounts"), f"{entry.label}'s VoteCounts"):
            count = self.mapping(item, f"a VoteCounts of {entry.label}")
            kind = count.get("Type")
            if kind != "total" or "Round" in count or "DeviceClass" in count:
                other_types.append(str(kind))
                continue
            if "GpUnitId" not in count:
                raise self.error(f"a VoteCounts of {entry.label} has no GpUnitId")
            unit = self.string(count["GpUnitId"], f"a VoteCounts' GpUnitId in {entry.label}")
            self.gpunit(unit, f"a VoteCounts of {entry.label}")
            votes = self.count(count.get("Count"), f"the total of {entry.label} for {unit!r}")
            if unit == district:
                if total is not None:
                    raise self.error(
                        f"{entry.label} has two totals for {unit!r}", "give one count of Type total per GpUnit"
                    )
                total = votes
            else:
                if unit in units:
                    raise self.error(
                        f"{entry.label} has two totals for {unit!r}", "give one count of Type total per GpUnit"
                    )
                units[unit] = votes
        entry.other_types = other_types
        return total, units

    def no_total(self, entry: _Entry, district: str) -> InputError:
        if entry.other_types:
            kinds = ", ".join(sorted(set(entry.other_types)))
            return self.error(
                f"{entry.label} has counts of Type {kinds} but no total",
                f"give a VoteCounts of Type total for {district!r} (or for each reporting unit)",
            )
        return self.error(
            f"{entry.label} has no vote counts",
            f"give a VoteCounts of Type total for {district!r} (or for each reporting unit)",
        )

    def below(self, unit: str) -> set[str]:
        """Every GpUnit that ``unit`` is composed of, at any depth."""
        if unit not in self.descendants:
            found: set[str] = set()
            stack = [unit]
            while stack:
                current = stack.pop()
                record = self.gpunits.get(current, {})
                for child in self.sequence(
                    record.get("ComposingGpUnitIds"), f"GpUnit {current!r}'s ComposingGpUnitIds"
                ):
                    if isinstance(child, str) and child not in found:
                        found.add(child)
                        stack.append(child)
            found.discard(unit)
            self.descendants[unit] = found
        return self.descendants[unit]

    def unit_names(self, units: list[str]) -> dict[str, str]:
        names: dict[str, str] = {}
        for unit in units:
            record = self.gpunits[unit]
            what = f"GpUnit {unit!r}'s Name"
            names[unit] = self.named(self.text(record["Name"], what), what) if "Name" in record else unit
        seen: dict[str, int] = {}
        for name in names.values():
            seen[name] = seen.get(name, 0) + 1
        return {unit: f"{name} ({unit})" if seen[name] > 1 else name for unit, name in names.items()}

    def unit_by(self, units: list[str]) -> str | None:
        kinds = {str(self.gpunits[u].get("Type")) for u in units}
        others = {_text_or_none(self.gpunits[u].get("OtherType")) for u in units}
        if len(kinds) != 1:
            return None
        kind = kinds.pop()
        if kind != "other":
            return kind
        return others.pop() if len(others) == 1 else None

    def other_counts(self, contest: JSON, district: str, where: str) -> dict[str, int]:
        found: dict[str, int] = {}
        for item in self.sequence(contest.get("OtherCounts"), f"{where}'s OtherCounts"):
            counts = self.mapping(item, f"an OtherCounts of {where}")
            if counts.get("GpUnitId") != district:
                continue
            for field, key in (*OTHER_COUNTS, ("WriteIns", "write_ins")):
                if field in counts:
                    found[key] = self.count(counts[field], f"{where}'s OtherCounts {field}")
        return found

    # -- rules ---------------------------------------------------------------------------------

    def rule(self, contest: JSON, where: str, is_measure: bool) -> tuple[Rule, int]:
        variation = contest.get("VoteVariation")
        other = contest.get("OtherVoteVariation")
        if other is not None:
            other = self.string(other, f"{where}'s OtherVoteVariation")
        if variation is not None:
            variation = self.string(variation, f"{where}'s VoteVariation")
        if variation in UNCOUNTED_VARIATIONS:
            raise self.error(
                f"{where} is decided by VoteVariation {variation!r}, which electcli does not count",
                "electcli counts plurality, n-of-m, majority (runoff), super-majority and top-N contests",
            )
        if is_measure:
            return Rule(MEASURE, self.measure_threshold(contest, variation, other, where), 0), 1
        elected = self.positive(contest.get("NumberElected"), f"{where}'s NumberElected")
        if variation in (None, "plurality", "n-of-m") or (variation == "other" and other == "plurality"):
            seats = elected
            if seats is None and variation == "n-of-m":
                seats = self.positive(contest.get("VotesAllowed"), f"{where}'s VotesAllowed")
            return Rule(PLURALITY, None, 0), seats or 1
        if variation == "majority":
            threshold = MAJORITY
        elif variation == "super-majority":
            if other is None:
                raise self.error(
                    f"{where} is decided by VoteVariation super-majority, but the report does not say which share",
                    'state it in OtherVoteVariation, e.g. ">=60%" or "runoff >=60%"',
                )
            threshold = self.threshold(other, f"{where}'s OtherVoteVariation", lenient=True)
        elif variation == "other":
            top = _top(other or "")
            if top is not None:
                if top < 1:
                    raise self.error(f"{where} sends {top} on ({other!r})", "top-N sends at least 1 on")
                if elected is not None and elected not in (1, top):
                    raise self.error(
                        f"{where} has NumberElected {elected} with {other!r}",
                        f"a top-{top} primary elects no one: leave NumberElected out (or give {top})",
                    )
                return Rule(TOP, None, top), 1
            if other is None or not other.strip().lower().startswith("runoff"):
                raise self.error(
                    f"{where} has VoteVariation other, with OtherVoteVariation {other!r}, which electcli cannot count",
                    'electcli reads "runoff <threshold>" (such as "runoff >=40%"), "top-<n>" and "plurality"',
                )
            threshold = self.threshold(other, f"{where}'s OtherVoteVariation", lenient=False)
        else:
            raise self.error(f"{where} has the unknown VoteVariation {variation!r}")
        advance = self.positive(contest.get("NumberRunoff"), f"{where}'s NumberRunoff")
        if advance is not None and advance < 2:
            raise self.error(f"{where} has NumberRunoff {advance}", "a runoff takes at least 2 candidates")
        if elected is not None and elected > 1:
            raise self.error(
                f"{where} has NumberElected {elected} with a runoff rule, which electcli decides for one seat",
                "more than one seat needs VoteVariation plurality or n-of-m",
            )
        return Rule(RUNOFF, threshold, advance or DEFAULT_ADVANCE), 1

    def measure_threshold(self, contest: JSON, variation: str | None, other: str | None, where: str) -> Threshold:
        passage = None
        if "PassageThreshold" in contest:
            passage = self.text(contest["PassageThreshold"], f"{where}'s PassageThreshold")
        if variation in ("majority", "plurality"):
            return MAJORITY
        if variation is None:
            if passage is None:
                return MAJORITY
            return self.threshold(passage, f"{where}'s PassageThreshold", lenient=True)
        if variation not in ("super-majority", "other"):
            raise self.error(f"{where} has the VoteVariation {variation!r}, which does not decide a ballot measure")
        if passage is not None:
            return self.threshold(passage, f"{where}'s PassageThreshold", lenient=variation == "super-majority")
        if other is not None:
            return self.threshold(other, f"{where}'s OtherVoteVariation", lenient=variation == "super-majority")
        raise self.error(
            f"{where} is decided by VoteVariation {variation}, but the report does not say which share passes it",
            'state it in PassageThreshold, e.g. ">=2/3" or ">=60%"',
        )

    def threshold(self, written: str, what: str, lenient: bool) -> Threshold:
        textual = written.strip()
        for method in (RUNOFF, MEASURE):
            if textual.lower().startswith(method + " "):
                textual = textual[len(method) + 1 :].strip()
        try:
            return parse_threshold(textual, self.location)
        except InputError as exc:
            refused = exc
        guess = _lenient_threshold(textual) if lenient else None
        if guess is not None:
            try:
                return parse_threshold(guess, self.location)
            except InputError as exc:
                refused = exc
        raise self.error(f"{what} {written!r}: {refused.problem}", refused.hint)

    # -- values --------------------------------------------------------------------------------

    def by_id(self, value: object, what: str, kinds: tuple[str, ...]) -> dict[str, JSON]:
        found: dict[str, JSON] = {}
        for item in self.sequence(value, what):
            record = self.mapping(item, f"an entry of {what}")
            if "@id" not in record:
                raise self.error(f"an entry of {what} has no @id", "every GpUnit, Party and Candidate needs an @id")
            key = self.string(record["@id"], f"an @id in {what}")
            if record.get("@type") not in kinds:
                raise self.error(
                    f"{key!r} in {what} has @type {record.get('@type')!r}", f"expected: {', '.join(kinds)}"
                )
            if key in found:
                raise self.error(f"the @id {key!r} is used twice in {what}", "give each its own @id")
            found[key] = record
        return found

    def gpunit(self, value: object, what: str) -> JSON:
        key = self.string(value, what)
        unit = self.gpunits.get(key)
        if unit is None:
            raise self.error(f"{what} refers to GpUnit {key!r}, which the report does not define", "list it in GpUnit")
        return unit

    def party(self, value: object, what: str) -> str:
        key = self.string(value, what)
        party = self.parties.get(key)
        if party is None:
            raise self.error(f"{what} refers to party {key!r}, which the report does not define", "list it in Party")
        for field in ("Abbreviation", "Name"):
            if field in party:
                return self.text(party[field], f"party {key!r}'s {field}")
        return key

    def mapping(self, value: object, what: str) -> JSON:
        if not isinstance(value, dict):
            raise self.error(f"{what} is {_kind(value)}, not an object")
        return value

    def sequence(self, value: object, what: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.error(f"{what} is {_kind(value)}, not a list")
        return value

    def string(self, value: object, what: str) -> str:
        if not isinstance(value, str):
            raise self.error(f"{what} is {_kind(value)}, not text")
        return value

    def named(self, value: str, what: str) -> str:
        if not value.strip():
            raise self.error(f"{what} is empty", "every contest, candidate and unit needs a name")
        return value

    def text(self, value: object, what: str) -> str:
        """The content of an ``InternationalizedText``: English when there is a choice, else the first."""
        record = self.mapping(value, what)
        strings = [
            self.mapping(item, f"a Text of {what}") for item in self.sequence(record.get("Text"), f"{what}'s Text")
        ]
        if not strings:
            raise self.error(f"{what} has no Text", "give at least one LanguageString with its Content")
        english = [s for s in strings if str(s.get("Language", "")).lower().split("-")[0] == "en"]
        chosen = (english or strings)[0]
        return self.string(chosen.get("Content"), f"{what}'s Content")

    def count(self, value: object, what: str) -> int:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.error(f"{what} is {_kind(value)}, not a vote count", "a count is a whole number such as 239616")
        if isinstance(value, float) and not value.is_integer():
            raise self.error(f"{what} is {value!r}, not a whole number", "a count is a whole number such as 239616")
        if value < 0:
            raise self.error(f"{what} is {value!r}, a negative count", "a count is 0 or more")
        return int(value)

    def positive(self, value: object, what: str) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise self.error(f"{what} is {value!r}", "give a whole number, 1 or more")
        return value

    def error(self, problem: str, hint: str = "") -> InputError:
        return InputError(self.location, problem, hint)


class _Entry:
    """A contest selection as read: its name (``None`` for anonymous write-ins) and its record."""

    def __init__(
        self, label: str, selection: JSON, name: str | None, party: str | None = None, write_in: bool = False
    ) -> None:
        self.label = label
        self.selection = selection
        self.name = name
        self.party = party
        self.write_in = write_in
        self.other_types: list[str] = []


class _Counted:
    def __init__(self, totals: list[int], results: Results | None) -> None:
        self.totals = totals
        self.results = results


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    return type(value).__name__


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _top(other: str) -> int | None:
    match = re.fullmatch(r"\s*top[- ]?(\d+|one|two|three|four|five)\s*", other.lower())
    if match is None:
        return None
    word = match.group(1)
    return int(word) if word.isdigit() else TOP_WORDS[word]


def _lenient_threshold(written: str) -> str | None:
    """A supermajority's share written in words or without a comparison, as a threshold."""
    lowered = written.lower()
    strict = re.search(r"\b(more than|greater than|over|exceed|exceeds|exceeding)\b", lowered) is not None
    op = ">" if strict else ">="
    for words, share in THRESHOLD_WORDS:
        if words in lowered:
            return op + share
    fraction = re.search(r"(\d+)\s*/\s*(\d+)", lowered)
    if fraction:
        return f"{op}{fraction.group(1)}/{fraction.group(2)}"
    percent = re.search(r"(\d+(?:\.\d+)?)\s*(%|percent)", lowered)
    if percent:
        return f"{op}{percent.group(1)}%"
    return None


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
