"""A contest's ``reporting`` and ``outstanding`` (shared/spec/race-file.md): how much of the count is in."""

from __future__ import annotations

from electcli.model import Reporting
from electcli.readers.race_file.yaml_nodes import Entries, NodeReader

KEYS = ("reporting", "outstanding")


def read_completeness(reader: NodeReader, entries: Entries) -> tuple[Reporting | None, int | None]:
    """``reporting: {reported, expected}`` and ``outstanding: N``, each None when not given."""
    reporting = None
    if "reporting" in entries:
        node = entries["reporting"][1]
        given = reader.mapping(node, "reporting", ("reported", "expected"), required=("reported", "expected"))
        reported = reader.count(given["reported"][1], "reporting units reported")
        expected = reader.count(given["expected"][1], "reporting units expected")
        if expected == 0:
            raise reader.error(given["expected"][1], "no reporting units are expected", "give how many units report")
        if reported > expected:
            raise reader.error(
                given["reported"][1],
                f"{reported:,} reporting units reported, more than the {expected:,} expected",
                "reported counts the units in so far, expected all of them: reported <= expected",
            )
        reporting = Reporting(reported, expected)
    outstanding = reader.count(entries["outstanding"][1], "outstanding ballots") if "outstanding" in entries else None
    return reporting, outstanding
