"""Clarity (Scytl) election-night results: ``detail.xml``, or the ``detailxml.zip`` that holds it.

Several states and hundreds of US counties publish their results this way. ``parse`` reads the
XML and checks every figure against the ones it sums; ``archive`` takes the XML out of the zip
safely; ``contests`` turns what was read into the model: one contest per Clarity contest, its
counties or precincts as reporting units, its vote types (Election Day, absentee...) kept, its
over and under votes reported beside the votes, and its precincts reported of those expected as
the count's completeness (shared/spec/output.md, "Incomplete counts").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from electcli.model import Election, RaceFile
from electcli.readers.clarity.archive import read_clarity_bytes
from electcli.readers.clarity.contests import chosen_contests
from electcli.readers.clarity.parse import ClarityFile, parse_clarity

if TYPE_CHECKING:
    from electcli.readers.selection import Selection

__all__ = ["is_clarity_name", "list_clarity", "read_clarity"]


def is_clarity_name(name: str) -> bool:
    """Whether a file name is a Clarity results file's: ``.xml``, or ``.zip`` (detailxml.zip)."""
    return name.lower().endswith((".xml", ".zip"))


def list_clarity(name: str) -> ClarityFile:
    """Every contest of a Clarity file, read and checked (for ``electcli contests``)."""
    return parse_clarity(read_clarity_bytes(name).xml, name)


def read_clarity(name: str, selection: Selection | None) -> RaceFile:
    """The contests of a Clarity file (all, or those ``selection.contests`` names) as a race file."""
    data = read_clarity_bytes(name)
    parsed = parse_clarity(data.xml, name)
    contests = chosen_contests(parsed, selection)
    election = Election(name=parsed.election, date=parsed.date, jurisdiction=parsed.region)
    return RaceFile(path=name, election=election, contests=tuple(contests), sha256=data.sha256)
