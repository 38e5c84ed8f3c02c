"""A NIST results report's values read with their types checked, and its GpUnits and parties by id.

JSON has no line numbers, so every error names the report and says which value is at fault:
the accessors here take a description of the value (``what``) for that.
"""

from __future__ import annotations

from typing import Any

from electcli.errors import InputError, Location

NS = "ElectionResults."
REPORT_TYPE = NS + "ElectionReport"
REPORT_HINT = "a NIST SP 1500-100 v2 report is an ElectionResults.ElectionReport with Election, Contest and GpUnit"

JSON = dict[str, Any]


class ReportValues:
    """The report, checked to be one, with its GpUnits and parties by @id, and typed access to its values."""

    def __init__(self, document: object, name: str) -> None:
        self.name = name
        self.location = Location(name)
        if not isinstance(document, dict):
            raise self.error(
                f"is not a NIST election results report: the top level is {describe_json(document)}", REPORT_HINT
            )
        if document.get("@type") != REPORT_TYPE:
            raise self.error(
                f"is not a NIST election results report: its @type is {document.get('@type')!r}, not {REPORT_TYPE!r}",
                REPORT_HINT,
            )
        self.document: JSON = document
        self.gpunits = self.by_id(document.get("GpUnit"), "GpUnit", (NS + "ReportingUnit", NS + "ReportingDevice"))
        self.parties = self.by_id(document.get("Party"), "Party", (NS + "Party", NS + "Coalition"))

    def by_id(self, value: object, what: str, kinds: tuple[str, ...]) -> dict[str, JSON]:
        found: dict[str, JSON] = {}
        for item in self.sequence(value, what):
            # Checks written inline, messages built only on failure: reports hold 100,000s of units.
            record = item if type(item) is dict else self.mapping(item, f"an entry of {what}")
            if "@id" not in record:
                raise self.error(f"an entry of {what} has no @id", "every GpUnit, Party and Candidate needs an @id")
            key = record["@id"]
            if type(key) is not str:
                key = self.string(key, f"an @id in {what}")
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
            raise self.error(f"{what} is {describe_json(value)}, not an object")
        return value

    def sequence(self, value: object, what: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.error(f"{what} is {describe_json(value)}, not a list")
        return value

    def string(self, value: object, what: str) -> str:
        if not isinstance(value, str):
            raise self.error(f"{what} is {describe_json(value)}, not text")
        return value

    def named(self, value: str, what: str) -> str:
        if not value.strip():
            raise self.error(f"{what} is empty", "every contest, candidate and unit needs a name")
        return value

    def text(self, value: object, what: str) -> str:
        """The content of an ``InternationalizedText``: English when there is a choice, else the first."""
        if type(value) is dict:  # the usual single LanguageString, checked without building lists
            strings = value.get("Text")
            if type(strings) is list and len(strings) == 1 and type(strings[0]) is dict:
                content = strings[0].get("Content")
                if type(content) is str:
                    return content
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
            raise self.error(
                f"{what} is {describe_json(value)}, not a vote count", "a count is a whole number such as 239616"
            )
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
        return f"the text {value!r}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    return type(value).__name__
