"""Parse a Clarity (Scytl) ``detail.xml`` into plain records, checking every figure on the way.

The file nests ``ElectionResult > Contest > Choice > VoteType > Precinct|County``: a choice's
``totalVotes``, each vote type's ``votes`` and each unit's ``votes`` all say the same thing at three
levels. Every level is checked against the one below it, and a disagreement is an error naming
the line and both figures: a reader that silently picked one of them would pick a side in a
contradiction (Atkinson County's 2020 file holds one). Unknown elements and attributes are
refused, so a newer layout is never half read.

expat is driven directly (no tree is built): the file is read once, element by element, and only
numbers and names are kept. A document type declaration is refused outright (no entities, no
external references).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction

from electcli.errors import InputError, Location
from electcli.readers.xml_guard import PARSE_ERRORS, Refused, guarded_parser, parse_problem
from electcli.values import MAX_COUNT_DIGITS

HINT = "give the detail.xml (or detailxml.zip) exactly as the results site published it"

# Attributes each element may carry; anything else is refused. Values kept are named in the code.
_UNIT_ATTRS = frozenset(
    {
        "name",
        "totalVoters",
        "ballotsCast",
        "voterTurnout",
        "percentReporting",
        "precinctsParticipating",
        "precinctsReported",
        "precinctsReportingPercent",
    }
)
_ATTRIBUTES: dict[str, frozenset[str]] = {
    "ElectionResult": frozenset(),
    "Timestamp": frozenset(),
    "ElectionName": frozenset(),
    "ElectionDate": frozenset(),
    "Region": frozenset(),
    "VoterTurnout": frozenset({"totalVoters", "ballotsCast", "voterTurnout"}),
    "ElectionVoterTurnout": frozenset({"totalVoters", "ballotsCast", "voterTurnout"}),
    "Precincts": frozenset(),
    "Counties": frozenset(),
    "ParticipatingCounties": frozenset(),
    "Contest": frozenset(
        {
            "key",
            "text",
            "voteFor",
            "isQuestion",
            "precinctsReporting",
            "precinctsReported",
            "precinctsParticipating",
            "precinctsReportingPercent",
            "countiesParticipating",
            "countiesReported",
        }
    ),
    "Choice": frozenset({"key", "text", "party", "totalVotes"}),
    "VoteType": frozenset({"name", "votes"}),
    "Precinct": _UNIT_ATTRS | {"votes"},
    "County": _UNIT_ATTRS | {"votes"},
}
# Where each element may stand: its parent's name.
_PARENTS: dict[str, frozenset[str]] = {
    "Timestamp": frozenset({"ElectionResult"}),
    "ElectionName": frozenset({"ElectionResult"}),
    "ElectionDate": frozenset({"ElectionResult"}),
    "Region": frozenset({"ElectionResult"}),
    "VoterTurnout": frozenset({"ElectionResult"}),
    "ElectionVoterTurnout": frozenset({"ElectionResult"}),
    "Precincts": frozenset({"VoterTurnout", "ElectionVoterTurnout"}),
    "Counties": frozenset({"VoterTurnout", "ElectionVoterTurnout"}),
    "ParticipatingCounties": frozenset({"Contest"}),
    "Contest": frozenset({"ElectionResult"}),
    "Choice": frozenset({"Contest"}),
    "VoteType": frozenset({"Contest", "Choice"}),
    "Precinct": frozenset({"Precincts", "VoteType"}),
    "County": frozenset({"Counties", "ParticipatingCounties", "VoteType"}),
}
_TEXT_ELEMENTS = frozenset({"Timestamp", "ElectionName", "ElectionDate", "Region"})
# Contest-level vote types: counts beside the choices, outside the total.
_CONTEST_COUNTS = {"undervotes": "under_votes", "overvotes": "over_votes"}
MAX_NAME = 1000  # characters in a name: a longer one is not a name


@dataclass(slots=True)
class VoteType:
    """One way votes were cast (Election Day, absentee by mail...), with its units' figures."""

    name: str
    votes: int
    line: int
    column: int
    units: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class Choice:
    key: str
    text: str
    party: str | None
    total: int
    line: int
    column: int
    vote_types: list[VoteType] = field(default_factory=list)


@dataclass(slots=True)
class Contest:
    key: str
    text: str
    vote_for: int
    is_question: bool
    reported: int | None  # precincts reported
    expected: int | None  # precincts taking part (county files: precinctsReporting)
    line: int
    column: int
    choices: list[Choice] = field(default_factory=list)
    counts: list[VoteType] = field(default_factory=list)  # Undervotes, Overvotes
    # a statewide file's counties: precincts reported of those taking part, by county
    unit_reporting: dict[str, tuple[int, int]] = field(default_factory=dict)


@dataclass(slots=True)
class Unit:
    """A precinct or county in the turnout section."""

    name: str
    registered: int | None
    ballots_cast: int | None
    line: int


@dataclass(slots=True)
class ClarityFile:
    name: str  # as shown in messages
    election: str | None = None
    date: str | None = None
    region: str | None = None
    timestamp: str | None = None
    unit_kind: str | None = None  # "precinct" or "county": what the vote types are broken down by
    units: list[Unit] = field(default_factory=list)
    contests: list[Contest] = field(default_factory=list)


class _Refused(Refused):
    def __init__(self, problem: str, hint: str = HINT, line: int = 0, column: int = 0) -> None:
        super().__init__(problem, hint, line, column)


def _count(attrs: dict[str, str], key: str, what: str) -> int:
    text = attrs.get(key)
    if text is None:
        raise _Refused(f"{what} has no {key} attribute")
    if not (text.isascii() and text.isdigit()) or len(text) > MAX_COUNT_DIGITS:
        shown = text if len(text) <= 40 else text[:40] + "…"
        raise _Refused(f"{what}: {key}={shown!r} is not a whole number of at most {MAX_COUNT_DIGITS} digits")
    return int(text)


def _optional_count(attrs: dict[str, str], key: str, what: str) -> int | None:
    return _count(attrs, key, what) if key in attrs else None


def _name(attrs: dict[str, str], key: str, what: str) -> str:
    text = attrs.get(key)
    if text is None or not text.strip():
        raise _Refused(f"{what} has no {key}")
    if len(text) > MAX_NAME:
        raise _Refused(f"{what}: {key} is longer than {MAX_NAME} characters")
    return text


def _flag(attrs: dict[str, str], key: str, what: str) -> bool:
    value = attrs.get(key)
    if value not in ("true", "false"):
        raise _Refused(f"{what}: {key}={value!r} is neither true nor false")
    return value == "true"


# Text after a tag, from the first contest on: Clarity keeps every figure in attributes, so any is
# suspect. (It may also be an attribute value holding ">"; the exact check then decides.)
_TEXT_AFTER_TAG = re.compile(rb">[ \t\r\n]*[^ \t\r\n<]")


def parse_clarity(content: bytes, shown: str) -> ClarityFile:
    """Every contest of a Clarity detail XML document, its figures checked at every level.

    A statewide file holds millions of unit figures, so the parse skips the text between tags (a
    Python call each) and looks for text with one scan of the bytes instead; only when that scan
    finds some is the document parsed again with every piece of text checked, which refuses it
    at the exact place (or accepts it, when the scan was misled by a ">" inside an attribute).
    """
    first_contest = content.find(b"<Contest")
    # No "<Contest" in the bytes: an encoding the scan cannot read (UTF-16), or no contest at all.
    # A CDATA section hides its text from the scan (it follows "<![CDATA[", not ">").
    if first_contest < 0 or content.find(b"<![CDATA[", first_contest) >= 0:
        return _parse(content, shown, every_text=True)
    if not _TEXT_AFTER_TAG.search(content, first_contest):
        return _parse(content, shown, every_text=False)
    return _parse(content, shown, every_text=True)


def _parse(content: bytes, shown: str, every_text: bool) -> ClarityFile:
    result = ClarityFile(shown)
    parser = guarded_parser()
    parser.ordered_attributes = True  # [name, value, ...]: the unit figures are read without a dict
    stack: list[str] = []
    texts: dict[str, list[str]] = {}
    names: dict[str, str] = {}  # one copy of each unit name: a statewide file repeats each thousands of times
    contest: Contest | None = None
    choice: Choice | None = None
    vote_type: VoteType | None = None
    seen_contests: set[str] = set()
    # Names already given, kept as sets: a list scan per element is quadratic on a hostile file.
    choice_texts: set[str] = set()  # the open contest's choices
    count_names: set[str] = set()  # the open contest's own vote types (under and over votes)
    type_names: set[str] = set()  # the open choice's vote types

    # The hot path: a unit's figure inside a vote type (`<Precinct name="..." votes="..." />`), the
    # bulk of every file. Anything unusual about it goes to the general path, which explains.
    unit_tag: list[str] = []  # "Precinct" or "County", once the first figure has said which
    inside_unit = [False]
    units: dict[str, int] = {}  # the open vote type's

    def start(tag: str, ordered: list[str]) -> None:
        if inside_unit[0]:
            raise _Refused(f"unexpected element <{tag}> inside <{stack[-1]}>")
        if vote_type is not None and tag in unit_tag and len(ordered) == 4 and ordered[0] == "name":
            unit, votes = ordered[1], ordered[3]
            if (
                ordered[2] == "votes"
                and votes.isdigit()
                and votes.isascii()
                and len(votes) <= MAX_COUNT_DIGITS
                and 0 < len(unit) <= MAX_NAME
                and not unit.isspace()
                and unit not in units
            ):
                units[names.setdefault(unit, unit)] = int(votes)
                inside_unit[0] = True
                stack.append(tag)
                return
        _start(tag, dict(zip(ordered[::2], ordered[1::2], strict=True)))

    def _start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal contest, choice, vote_type, units
        if not stack:
            if tag != "ElectionResult":
                raise _Refused(f"the root element is <{tag}>, not <ElectionResult>: not a Clarity detail XML file")
        elif stack[-1] not in _PARENTS.get(tag, ()):
            where = f"inside <{stack[-1]}>"
            raise _Refused(
                f"unexpected element <{tag}> {where}",
                "electcli reads Clarity's detail XML layout; an element it does not know could hold votes it "
                "would miss, so the file is refused",
            )
        allowed = _ATTRIBUTES[tag]
        for key in attrs:
            if key not in allowed:
                raise _Refused(f"unexpected attribute {key!r} on <{tag}>")
        stack.append(tag)
        line, column = parser.CurrentLineNumber, parser.CurrentColumnNumber + 1
        if tag in _TEXT_ELEMENTS:
            texts[tag] = []
            parser.CharacterDataHandler = character_data
        elif tag == "Contest":
            if not every_text:  # from here on the bytes were scanned for text: no call per gap
                parser.CharacterDataHandler = None
            what = "a contest"
            text = _name(attrs, "text", what)
            what = f"contest {text!r}"
            if text in seen_contests:
                raise _Refused(f"contest {text!r} appears twice", "contest names must be unique to be chosen by name")
            seen_contests.add(text)
            choice_texts.clear()
            count_names.clear()
            vote_for = _count(attrs, "voteFor", what)
            if vote_for < 1:
                raise _Refused(f"{what}: voteFor is 0")
            reported = _optional_count(attrs, "precinctsReported", what)
            expected = _optional_count(attrs, "precinctsParticipating", what)
            if expected is None:
                expected = _optional_count(attrs, "precinctsReporting", what)
            if (reported is None) != (expected is None):
                raise _Refused(f"{what} gives precincts reported without the precincts expected, or the reverse")
            if reported is not None and expected is not None and reported > expected:
                raise _Refused(f"{what}: {reported:,} precincts reported, more than the {expected:,} taking part")
            _check_completeness(attrs, what, reported, expected)
            contest = Contest(
                key=attrs.get("key", ""),
                text=text,
                vote_for=vote_for,
                is_question=_flag(attrs, "isQuestion", what),
                reported=reported,
                expected=expected,
                line=line,
                column=column,
            )
            result.contests.append(contest)
        elif tag == "Choice":
            assert contest is not None
            what = f"a choice of contest {contest.text!r}"
            text = _name(attrs, "text", what)
            if text in choice_texts:
                raise _Refused(f"choice {text!r} appears twice in contest {contest.text!r}")
            choice_texts.add(text)
            type_names.clear()
            party = attrs.get("party") or None
            choice = Choice(
                attrs.get("key", ""), text, party, _count(attrs, "totalVotes", f"choice {text!r}"), line, column
            )
            contest.choices.append(choice)
        elif tag == "VoteType":
            owner = f"choice {choice.text!r}" if choice is not None else f"contest {contest.text!r}" if contest else ""
            name = _name(attrs, "name", f"a vote type of {owner}")
            vote_type = VoteType(name, _count(attrs, "votes", f"vote type {name!r} of {owner}"), line, column)
            units = vote_type.units
            siblings = choice.vote_types if choice is not None else contest.counts if contest is not None else []
            seen_names = type_names if choice is not None else count_names
            if name in seen_names:
                raise _Refused(f"vote type {name!r} appears twice for {owner}")
            seen_names.add(name)
            siblings.append(vote_type)
        elif tag in ("Precinct", "County"):
            kind = tag.lower()
            parent = stack[-2]
            if parent == "VoteType":
                assert vote_type is not None
                if result.unit_kind is None:
                    result.unit_kind = kind
                    unit_tag[:] = [tag]
                elif result.unit_kind != kind:
                    raise _Refused(f"<{tag}> figures in a file whose other figures are by {result.unit_kind}")
                unit = _name(attrs, "name", f"a {kind} of vote type {vote_type.name!r}")
                unit = names.setdefault(unit, unit)
                if unit in vote_type.units:
                    raise _Refused(f"{kind} {unit!r} appears twice in vote type {vote_type.name!r}")
                vote_type.units[unit] = _count(attrs, "votes", f"{kind} {unit!r}")
                inside_unit[0] = True
            elif parent == "ParticipatingCounties":
                assert contest is not None
                unit = _name(attrs, "name", f"a county of contest {contest.text!r}")
                what = f"county {unit!r} of contest {contest.text!r}"
                reported = _count(attrs, "precinctsReported", what)
                expected = _count(attrs, "precinctsParticipating", what)
                if reported > expected:
                    raise _Refused(f"{what}: {reported:,} precincts reported, more than the {expected:,} taking part")
                if unit in contest.unit_reporting:
                    raise _Refused(f"{what} appears twice")
                contest.unit_reporting[names.setdefault(unit, unit)] = (reported, expected)
            elif parent in ("Precincts", "Counties"):
                unit = _name(attrs, "name", f"a {kind} of the turnout")
                what = f"{kind} {unit!r}"
                result.units.append(
                    Unit(
                        names.setdefault(unit, unit),
                        _optional_count(attrs, "totalVoters", what),
                        _optional_count(attrs, "ballotsCast", what),
                        line,
                    )
                )

    def end(tag: str) -> None:
        nonlocal contest, choice, vote_type
        stack.pop()
        if inside_unit[0]:
            inside_unit[0] = False
            return
        if tag in _TEXT_ELEMENTS:
            value = "".join(texts.pop(tag)).strip()
            if len(value) > MAX_NAME:
                raise _Refused(f"<{tag}> is longer than {MAX_NAME} characters")
            setattr(result, {"ElectionName": "election", "ElectionDate": "date"}.get(tag, tag.lower()), value or None)
            if result.contests and not every_text:
                parser.CharacterDataHandler = None
        elif tag == "VoteType":
            assert vote_type is not None
            _check_units(vote_type, choice.text if choice is not None else None)
            vote_type = None
        elif tag == "Choice":
            assert choice is not None
            if choice.vote_types:
                summed = sum(v.votes for v in choice.vote_types)
                if summed != choice.total:
                    parts = " + ".join(f"{v.votes:,} ({v.name})" for v in choice.vote_types)
                    raise _Refused(
                        f"choice {choice.text!r} has totalVotes={choice.total:,}, but its vote types add up to "
                        f"{parts} = {summed:,}",
                        "the file contradicts itself; electcli does not pick one figure: get a corrected file "
                        "from the results site",
                        choice.line,
                        choice.column,
                    )
            choice = None
        elif tag == "Contest":
            assert contest is not None
            if not contest.choices:
                raise _Refused(f"contest {contest.text!r} has no choices", HINT, contest.line, contest.column)
            if contest.unit_reporting and contest.reported is None:
                # No figures of its own: the contest is as complete as its counties say, no more.
                contest.reported = sum(figures[0] for figures in contest.unit_reporting.values())
                contest.expected = sum(figures[1] for figures in contest.unit_reporting.values())
            elif contest.unit_reporting and contest.reported is not None and contest.expected is not None:
                reported = sum(figures[0] for figures in contest.unit_reporting.values())
                expected = sum(figures[1] for figures in contest.unit_reporting.values())
                if (reported, expected) != (contest.reported, contest.expected):
                    raise _Refused(
                        f"contest {contest.text!r} has {contest.reported:,} of {contest.expected:,} precincts "
                        f"reported, but its counties add up to {reported:,} of {expected:,}",
                        "the file contradicts itself; electcli does not pick one figure: get a corrected file "
                        "from the results site",
                        contest.line,
                        contest.column,
                    )
            contest = None

    def character_data(text: str) -> None:
        if stack and stack[-1] in texts:
            texts[stack[-1]].append(text)
        elif text.strip():
            raise _Refused(f"unexpected text {text.strip()[:40]!r} inside <{stack[-1] if stack else 'the document'}>")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = character_data
    try:
        parser.Parse(content, True)
    except Refused as exc:
        where = Location(shown, exc.line or parser.CurrentLineNumber, exc.column or parser.CurrentColumnNumber + 1)
        raise InputError(where, exc.problem, exc.hint or HINT) from None
    except PARSE_ERRORS as exc:
        problem, line, column = parse_problem(exc)
        raise InputError(Location(shown, line, column), problem, HINT) from None
    if not result.contests:
        raise InputError(Location(shown), "holds no contests", HINT)
    return result


_PERCENT = re.compile(r"[0-9]{1,3}(?:\.([0-9]{1,6}))?")


def _check_completeness(attrs: dict[str, str], what: str, reported: int | None, expected: int | None) -> None:
    """The contest's other completeness figures (a percentage, counties) must agree with its
    precincts reported of expected: a call must never rest on one figure the file contradicts."""
    contradicts = "the file contradicts itself about how much of the count is in: " + HINT
    percent = attrs.get("precinctsReportingPercent")
    if percent is not None:
        match = _PERCENT.fullmatch(percent)
        if match is None:
            raise _Refused(f"{what}: precinctsReportingPercent={percent[:40]!r} is not a percentage")
        if reported is None or expected is None:
            raise _Refused(f"{what} gives precinctsReportingPercent={percent!r} without the precincts reported")
        if expected:
            given = Fraction(percent)
            exact = Fraction(100 * reported, expected)
            # Rounded (or cut) to its last decimal place; 100 only when every precinct is in.
            unit = Fraction(1, 10 ** len(match.group(1) or ""))
            if given != 100 if reported == expected else abs(given - exact) >= unit:
                raise _Refused(
                    f"{what}: precinctsReportingPercent={percent!r}, but {reported:,} of {expected:,} precincts "
                    f"reported is {float(exact):.2f}%",
                    contradicts,
                )
    counted = _optional_count(attrs, "countiesReported", what)
    taking_part = _optional_count(attrs, "countiesParticipating", what)
    if counted is None and taking_part is None:
        return
    if counted is None or taking_part is None:
        raise _Refused(f"{what} gives counties reported without the counties taking part, or the reverse")
    if counted > taking_part:
        raise _Refused(f"{what}: {counted:,} counties reported, more than the {taking_part:,} taking part")
    if counted < taking_part and reported is not None and reported == expected:
        raise _Refused(
            f"{what}: {counted:,} of {taking_part:,} counties reported, but every precinct ({reported:,}) reported",
            contradicts,
        )


def _check_units(vote_type: VoteType, choice: str | None) -> None:
    """A vote type's figure must be the sum of its units' figures."""
    if not vote_type.units:
        return
    summed = sum(vote_type.units.values())
    if summed != vote_type.votes:
        owner = f" of choice {choice!r}" if choice else ""
        raise _Refused(
            f"vote type {vote_type.name!r}{owner} has votes={vote_type.votes:,}, but its units add up to {summed:,}",
            "the file contradicts itself; electcli does not pick one figure: get a corrected file from the "
            "results site",
            vote_type.line,
            vote_type.column,
        )


def contest_count_key(name: str) -> str | None:
    """The reported-count key (``under_votes``...) of a contest-level vote type, or None."""
    return _CONTEST_COUNTS.get(name.strip().lower())
