"""A NIST results report's values read with their types checked, and its GpUnits and parties by id.

Every error says which value is at fault (the accessors take a description of it, ``what``) and
where: the file, line and column of the value (``at``: the list or object, or an object and a
member name), else of the object being read (``context``). The parsed document has no positions,
so the place is found only when there is an error: the object's path by identity, then the path
in the text (json_where).
"""

from __future__ import annotations

from typing import Any

from electcli.errors import InputError, Location
from electcli.readers.json_text import JsonDecimal
from electcli.values import parse_count

NS = "ElectionResults."
REPORT_TYPE = NS + "ElectionReport"
REPORT_HINT = "a NIST SP 1500-100 v2 report is an ElectionResults.ElectionReport with Election, Contest and GpUnit"

JSON = dict[str, Any]
# Where a value is: a list or object of the document, or an object and one of its member names.
At = object | tuple[object, str | int] | None

# ElectionResults.CountItemType: ``total`` is counted; the others are parts of a total (or seats).
COUNT_TYPES = frozenset(
    {"absentee", "absentee-fwab", "absentee-in-person", "absentee-mail", "early", "election-day", "other",
     "provisional", "seats", "total", "uocava", "write-in"}
)  # fmt: skip
# ElectionResults.ReportingUnitType: a unit's Type names the level of the counts by unit.
REPORTING_UNIT_TYPES = frozenset(
    {"ballot-batch", "ballot-style-area", "borough", "city", "city-council", "combined-precinct", "congressional",
     "country", "county", "county-council", "drop-box", "judicial", "municipality", "other", "polling-place",
     "precinct", "school", "special", "split-precinct", "state", "state-house", "state-senate", "town",
     "township", "utility", "village", "vote-center", "ward", "water"}
)  # fmt: skip


class ReportValues:
    """The report, checked to be one, with its GpUnits and parties by @id, and typed access to its values."""

    def __init__(self, document: object, name: str, text: str = "") -> None:
        self.name = name
        self.location = Location(name)
        self.text_of_report = text  # the JSON text, to find where a value is (empty: name the file only)
        self.root = document  # where paths are looked for
        self.context: At = document  # what errors point at when they are not told
        if not isinstance(document, dict):
            raise self.error(
                f"is not a NIST election results report: the top level is {describe_json(document)}", REPORT_HINT
            )
        if document.get("@type") != REPORT_TYPE:
            raise self.error(
                f"is not a NIST election results report: its @type is {_shown(document.get('@type'))}, not {REPORT_TYPE!r}",
                REPORT_HINT,
            )
        self.document: JSON = document
        self.gpunits = self.by_id(document.get("GpUnit"), "GpUnit", (NS + "ReportingUnit", NS + "ReportingDevice"))
        self.parties = self.by_id(document.get("Party"), "Party", (NS + "Party", NS + "Coalition"))

    def by_id(self, value: object, what: str, kinds: tuple[str, ...]) -> dict[str, JSON]:
        found: dict[str, JSON] = {}
        for item in self.sequence(value, what, at=(self.document, what) if what in self.document else None):
            # Checks written inline, messages built only on failure: reports hold 100,000s of units.
            record = item if type(item) is dict else self.mapping(item, f"an entry of {what}", value)
            if "@id" not in record:
                raise self.error(
                    f"an entry of {what} has no @id", "every GpUnit, Party and Candidate needs an @id", at=record
                )
            key = record["@id"]
            if type(key) is not str:
                key = self.string(key, f"an @id in {what}", at=(record, "@id"))
            if record.get("@type") not in kinds:
                raise self.error(
                    f"{key!r} in {what} has @type {_shown(record.get('@type'))}",
                    f"expected: {', '.join(kinds)}",
                    at=(record, "@type") if "@type" in record else record,
                )
            if key in found:
                raise self.error(
                    f"the @id {key!r} is used twice in {what}", "give each its own @id", at=(record, "@id")
                )
            found[key] = record
        return found

    def gpunit(self, value: object, what: str, at: At = None) -> JSON:
        key = self.string(value, what, at)
        unit = self.gpunits.get(key)
        if unit is None:
            raise self.error(
                f"{what} refers to GpUnit {key!r}, which the report does not define", "list it in GpUnit", at
            )
        return unit

    def party(self, value: object, what: str, at: At = None) -> str:
        key = self.string(value, what, at)
        party = self.parties.get(key)
        if party is None:
            raise self.error(
                f"{what} refers to party {key!r}, which the report does not define", "list it in Party", at
            )
        for field in ("Abbreviation", "Name"):
            if field in party:
                return self.text(party[field], f"party {key!r}'s {field}", at=(party, field))
        return key

    def mapping(self, value: object, what: str, at: At = None) -> JSON:
        if not isinstance(value, dict):
            raise self.error(f"{what} is {describe_json(value)}, not an object", at=at)
        return value

    def sequence(self, value: object, what: str, at: At = None) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.error(f"{what} is {describe_json(value)}, not a list", at=at)
        return value

    def string(self, value: object, what: str, at: At = None) -> str:
        if not isinstance(value, str):
            raise self.error(f"{what} is {describe_json(value)}, not text", at=at)
        return value

    def named(self, value: str, what: str, at: At = None) -> str:
        if not value.strip():
            raise self.error(f"{what} is empty", "every contest, candidate and unit needs a name", at)
        return value

    def text(self, value: object, what: str, at: At = None) -> str:
        """The content of an ``InternationalizedText``: English when there is a choice, else the first."""
        if type(value) is dict:  # the usual single LanguageString, checked without building lists
            strings = value.get("Text")
            if type(strings) is list and len(strings) == 1 and type(strings[0]) is dict:
                content = strings[0].get("Content")
                if type(content) is str:
                    return content
        record = self.mapping(value, what, at)
        texts = self.sequence(record.get("Text"), f"{what}'s Text", (record, "Text") if "Text" in record else record)
        strings = [self.mapping(item, f"a Text of {what}", texts) for item in texts]
        if not strings:
            raise self.error(f"{what} has no Text", "give at least one LanguageString with its Content", record)
        english = [s for s in strings if str(s.get("Language", "")).lower().split("-")[0] == "en"]
        chosen = (english or strings)[0]
        return self.string(
            chosen.get("Content"), f"{what}'s Content", (chosen, "Content") if "Content" in chosen else chosen
        )

    def count(self, value: object, what: str, at: At = None) -> int:
        """A whole number of votes, exact: an integer, or one written ``12.0`` (read from the text,
        so that no float stands for a count); a fraction, an exponent or a negative is refused."""
        if type(value) is int:
            if value < 0:
                raise self.error(f"{what} is {value}, a negative count", "a count is 0 or more", at)
            return value
        if isinstance(value, float):  # as written (a plain float, from a caller's dict: as repr writes it)
            written = value.text if isinstance(value, JsonDecimal) else repr(value)
            try:
                return parse_count(written, self.where(at), what, point_zero=True)
            except InputError as exc:
                raise InputError(exc.location, exc.problem, "a count is a whole number such as 239616") from None
        raise self.error(
            f"{what} is {describe_json(value)}, not a vote count", "a count is a whole number such as 239616", at
        )

    def positive(self, value: object, what: str, at: At = None) -> int | None:
        if value is None:
            return None
        if type(value) is not int or value < 1:
            shown = str(value) if type(value) is int else describe_json(value)
            raise self.error(f"{what} is {shown}", "give a whole number, 1 or more", at)
        return value

    def error(self, problem: str, hint: str = "", at: At = None) -> InputError:
        return InputError(self.where(at), problem, hint)

    def where(self, at: At = None) -> Location:
        """The file, line and column of ``at`` (else of ``context``): found only for an error."""
        if not self.text_of_report:
            return self.location
        from electcli.readers.json_where import path_to, position_of

        target = self.context if at is None else at
        key: list[str | int] = []
        if isinstance(target, tuple):
            target, member = target
            key = [member]
        path = path_to(self.root, target)
        if path is None:
            return self.location
        line, column = position_of(self.text_of_report, [*path, *key])
        return Location(self.name, line, column) if line else self.location


def _shown(value: object) -> str:
    return repr(value) if isinstance(value, str) or value is None else describe_json(value)


def describe_json(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the text {value!r}" if len(value) <= 60 else f"the text {value[:60]!r}..."
    if isinstance(value, JsonDecimal):
        return f"the number {value.text if len(value.text) <= 40 else value.text[:40] + '...'}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    return type(value).__name__
