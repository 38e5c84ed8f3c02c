"""A contest's ``results:`` in a race file: votes by reporting unit, written out or in a counts file.

``results: {openelections: ...}`` and ``results: {clarity: ...}`` are told apart here and read by
race_file.openelections and race_file.clarity, imported only for the contests that use them.
"""

from __future__ import annotations

import os

from electcli.errors import InputError, Location
from electcli.model import WRITE_INS, Results
from electcli.readers.race_file.yaml_nodes import Entries, MappingNode, Node, NodeReader, ScalarNode, describe
from electcli.readers.source import STDIN, Source
from electcli.suggest import name_hint
from electcli.values import MAX_COUNT_DIGITS

RESULTS_KEYS = ("by", "units", "file")


def names_openelections(entries: Entries) -> bool:
    """Whether the contest's `results:` name an OpenElections file (`openelections: FILE`)."""
    return _names(entries, "openelections")


def names_clarity(entries: Entries) -> bool:
    """Whether the contest's `results:` name a Clarity file (`clarity: FILE`)."""
    return _names(entries, "clarity")


def _names(entries: Entries, key: str) -> bool:
    node = entries["results"][1] if "results" in entries else None
    return isinstance(node, MappingNode) and any(isinstance(k, ScalarNode) and k.value == key for k, _ in node.value)


def resolve_path(source: Source, relative: str, where: Location) -> tuple[str, str]:
    """A path named inside a race file (at ``where``): where to open it, and how to show it to the
    user; an error if it leads out of the race file's folder (electcli/readers/named_paths.py)."""
    from electcli.readers.named_paths import check_inside  # only for race files that name other files

    path = os.path.join(source.folder, relative)
    check_inside(path, source.folder, relative, where)
    if source.name == STDIN or os.path.isabs(relative):
        return path, relative
    return path, os.path.normpath(os.path.join(os.path.dirname(source.name), relative))


def named_at(exc: InputError, where: Location) -> InputError:
    """An error in a file the race file names, its hint extended with where the race file names it
    (the path there may be relative, and the reader has the race file open)."""
    return InputError(
        exc.location,
        exc.problem,
        (exc.hint + "\n  " if exc.hint else "")
        + f"(named at {where}; a relative path there starts from that file's folder)",
    )


def read_results(reader: NodeReader, node: Node, names: list[str], source: Source) -> tuple[Results, dict[str, int]]:
    """The contest's reporting units, and each name's total over them (write-ins as ``write_ins``)."""
    entries = reader.mapping(node, "results", RESULTS_KEYS)
    by = reader.text(entries["by"][1], "results `by`") if "by" in entries else None
    if ("units" in entries) == ("file" in entries):
        raise reader.error(
            node,
            "results need either `units:` or `file:` (one of them)",
            "units: {Unit: {Candidate: votes}}, or file: counts.csv",
        )
    if "file" in entries:
        file_node = entries["file"][1]
        relative = reader.text(file_node, "results file")
        path, shown = resolve_path(source, relative, reader.where(file_node))
        from electcli.readers.race_file.counts_csv import read_counts_csv  # only for contests with a counts file

        try:
            counted = read_counts_csv(path, shown, names)
        except InputError as exc:
            raise named_at(exc, reader.where(file_node)) from None
        return Results(
            by, counted.unit_column, counted.name_column, counted.vote_column, source=shown, sha256=counted.sha256
        ), counted.sums
    units_node = entries["units"][1]
    if not isinstance(units_node, MappingNode):
        raise reader.error(
            units_node,
            f"results `units` must be a mapping of unit names to counts, not {describe(units_node)}",
            "units: {Autauga: {Tommy Tuberville: 4329, Jeff Sessions: 3713}}",
        )
    if not units_node.value:
        raise reader.error(units_node, "results `units` is empty", "give at least one unit")
    reader.visit(units_node, "results `units`")
    rows, sums = _units(reader, units_node, names)
    unit_column, name_column, vote_column = zip(*rows, strict=True) if rows else ((), (), ())
    return Results(by, unit_column, name_column, vote_column), sums


def _units(
    reader: NodeReader, units_node: MappingNode, names: list[str]
) -> tuple[list[tuple[str, str, int]], dict[str, int]]:
    """The units' rows (unit, name, votes) and each name's sum; names must be the contest's."""
    # The hot path for large files: thousands of units, so it avoids the generic helpers' overhead.
    known = set(names)
    rows: list[tuple[str, str, int]] = []
    sums: dict[str, int] = {}
    unit_lines: dict[str, int] = {}
    for unit_key, unit_value in units_node.value:
        unit = reader.text(unit_key, "unit name")
        if unit in unit_lines:
            raise reader.error(
                unit_key, f"unit {unit!r} is given twice (first at line {unit_lines[unit]})", "give each unit once"
            )
        unit_lines[unit] = unit_key.start_mark.line + 1
        if isinstance(unit_value, MappingNode):
            reader.visit(unit_value, f"unit {unit!r}")
        else:
            raise reader.error(
                unit_value,
                f"unit {unit!r} must map candidates to votes, not {describe(unit_value)}",
                "Autauga: {Tommy Tuberville: 4329, Jeff Sessions: 3713}",
            )
        counts: set[str] = set()
        for name_node, count_node in unit_value.value:
            if not isinstance(name_node, ScalarNode):
                raise reader.error(name_node, f"a key in unit {unit!r} is {describe(name_node)}, not a candidate name")
            name = name_node.value
            if name in counts:
                raise reader.error(name_node, f"unit {unit!r} gives votes for {name!r} twice")
            if name not in known and name != WRITE_INS:
                raise reader.error(
                    name_node, f"{name!r} in unit {unit!r} is not a candidate in this contest", name_hint(name, names)
                )
            text = count_node.value if isinstance(count_node, ScalarNode) else ""
            if (
                text.isdigit()
                and text.isascii()
                and (text[0] != "0" or len(text) == 1)
                and len(text) <= MAX_COUNT_DIGITS
            ):
                votes = int(text)
            else:
                votes = reader.count(count_node)
            counts.add(name)
            rows.append((unit, name, votes))
            sums[name] = sums.get(name, 0) + votes
    return rows, sums
