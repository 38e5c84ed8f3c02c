"""A contest whose ``results:`` name an OpenElections file: the contest read from the file, its
candidates checked against the ones listed, and the counts it reports merged with the file's.

Imported only for such contests: the OpenElections reader is large, and most race files never need it.
"""

from __future__ import annotations

from typing import NamedTuple

from electcli.digest import sha256_hex
from electcli.errors import InputError
from electcli.model import WRITE_INS, Results
from electcli.readers.openelections import OpenElectionsContest, read_contest
from electcli.readers.race_file.candidates import Listed
from electcli.readers.race_file.results import named_at, resolve_path
from electcli.readers.race_file.yaml_nodes import Entries, Node, NodeReader, ScalarNode
from electcli.readers.source import MAX_CSV_BYTES, Source, read_bytes
from electcli.suggest import name_hint

OPENELECTIONS_KEYS = ("openelections", "office", "district", "party", "by")


class OpenElectionsResults(NamedTuple):
    """The contest that `results: {openelections: FILE, office: ...}` names, as read from the file."""

    contest: OpenElectionsContest
    shown: str
    sha256: str
    by: str | None

    @classmethod
    def read(cls, reader: NodeReader, entry: tuple[ScalarNode, Node], source: Source) -> OpenElectionsResults:
        """The contest read from the file, every row of it checked."""
        node = entry[1]
        entries = reader.mapping(node, "results", OPENELECTIONS_KEYS, required=("openelections", "office"))
        relative = reader.text(entries["openelections"][1], "OpenElections file")
        where = reader.where(entries["openelections"][1])
        path, shown = resolve_path(source, relative, where)
        selection = {
            key: reader.text(entries[key][1], key) for key in ("office", "district", "party") if key in entries
        }
        try:
            contest = read_contest(path, shown, selection["office"], selection.get("district"), selection.get("party"))
            digest = sha256_hex(read_bytes(path, MAX_CSV_BYTES, shown=shown))
        except InputError as exc:
            raise named_at(exc, where) from None
        by = reader.text(entries["by"][1], "results `by`") if "by" in entries else None
        return cls(contest, shown, digest, by)

    def results(self, reader: NodeReader, listed: list[Listed], node: Node) -> tuple[Results, dict[str, int]]:
        """The contest's votes by unit, and each name's total, once the candidates listed match the file's."""
        contest = self.contest
        in_file = {name: total for name, _, total in contest.candidates}
        for entry in listed:
            if entry.name not in in_file:
                raise reader.error(
                    entry.node,
                    f"{entry.name!r} is not a candidate in {self.shown} for this office",
                    name_hint(entry.name, list(in_file)),
                )
        missing = [name for name in in_file if name not in {entry.name for entry in listed}]
        if missing:
            raise reader.error(
                node,
                f"{self.shown} has votes for {', '.join(map(repr, missing))}, who are not listed in `candidates:`",
                "list every candidate, or leave `candidates:` out to take them all from the file",
            )
        sums = dict(in_file)
        if contest.write_ins:
            sums[WRITE_INS] = contest.write_ins
        results = Results(
            self.by or contest.unit_label,
            contest.unit_column,
            contest.name_column,
            contest.vote_column,
            source=self.shown,
            sha256=self.sha256,
        )
        return results, sums

    def merge_reported(
        self, reader: NodeReader, entries: Entries, given: tuple[tuple[str, int], ...]
    ) -> tuple[tuple[str, int], ...]:
        """The counts the file reports beside the votes, with the race file's own: where both give
        one, they must agree."""
        merged = dict(self.contest.reported)
        for key, value in given:
            if key in merged and merged[key] != value:
                raise reader.error(
                    entries[key][1],
                    f"{key} is {value}, but the OpenElections file gives {merged[key]}",
                    "give it once, or make them agree",
                )
            merged[key] = value
        return tuple(merged.items())
