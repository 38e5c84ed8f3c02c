"""Read an RCTab contest configuration (JSON) and the cast vote records it names.

RCTab (the Ranked Choice Voting Resource Center's tabulator) describes a contest in one JSON
file: ``outputSettings`` (the contest's name, date, jurisdiction, office), ``cvrFileSources`` (the
CVR files and how to read each), ``candidates`` and ``rules``. ``read_rctab_config`` (the input
format dispatcher's, so ``electcli tally config.json``) reads it into a ``RankedContestSpec``,
reads every source through electcli's CVR readers into one ``BallotGroups``, and gives a race file
with its one contest, counted by the configuration's own rules. ``parse_rctab_config`` reads the
configuration alone, without the ballots.

Both the current format and older ones are read, as RCTab's ContestConfigMigration reads them:
candidates with a ``code`` (now an alias), labels kept in ``rules`` (now per source), older names
of the winner and tiebreak modes (rctab.rules, rctab.sources).

Output settings other than the contest's description (``outputDirectory``, ``generateCdfJson``)
are not read: electcli writes its results to standard output, in the format the user asks for.
``tabulateByPrecinct`` and ``tabulateByBatch`` are kept for ``electcli ballots`` (RCTab's CDF
report names precincts only when the first is set); results by slice are asked for on the
command line (``--by-unit``, ``--slices-to``).

Every problem is an ``InputError`` at the line of the key at fault, saying what is wrong and what
would be right.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from electcli.digest import FileDigests
from electcli.errors import Location
from electcli.model import Candidate, Contest, Election, RaceFile, Rule
from electcli.ranked.ballots import BallotGrouper, BallotGroups
from electcli.ranked.rules import RankedRules
from electcli.readers.cvr import read_cvr
from electcli.readers.cvr.source import CandidateNames, CvrSource
from electcli.readers.json_text import load_json
from electcli.readers.rctab.keys import check_duplicates, check_keys
from electcli.readers.rctab.rules import read_rules
from electcli.readers.rctab.sources import read_cvr_sources
from electcli.readers.rctab.values import ConfigValues
from electcli.readers.source import Source, read_source

if TYPE_CHECKING:
    from electcli.ranked.ballot_log import LoggingGrouper

# The name RCTab gives undeclared write-ins in its results (Tabulator.UNDECLARED_WRITE_IN_OUTPUT_LABEL)
UNDECLARED_WRITE_INS = "Undeclared Write-ins"
KIND = "an RCTab contest configuration is UTF-8 JSON"
# Keys of the results' transfers beside the candidates' names (ballots leaving the count, an stv
# surplus left over): no candidate may take them
RESERVED_NAMES = ("exhausted", "residual surplus", "residual_surplus")
SHAPE_HINT = "an RCTab contest configuration has outputSettings, cvrFileSources, candidates and rules"


@dataclass(frozen=True, slots=True)
class RankedContestSpec:
    """A ranked-choice contest as an RCTab configuration describes it (its ballots are read apart)."""

    name: str  # outputSettings.contestName
    candidates: tuple[str, ...]  # declared names, in the configuration's order
    rules: RankedRules
    sources: tuple[CvrSource, ...]
    aliases: Mapping[str, str] = field(default_factory=dict)  # alias or code -> declared name
    excluded: frozenset[str] = frozenset()
    undeclared_write_in: str | None = None  # UNDECLARED_WRITE_INS when a source has write-ins
    date: str | None = None
    jurisdiction: str | None = None
    office: str | None = None
    description: str | None = None  # rules.rulesDescription
    path: str = ""  # the configuration file, as given
    # outputSettings.tabulateByPrecinct / tabulateByBatch: the slices RCTab would report on
    tabulate_by: frozenset[str] = frozenset()

    @property
    def names(self) -> CandidateNames:
        """The candidates and their other spellings, as CVR readers resolve them."""
        return CandidateNames(self.candidates, self.aliases)


def read_rctab_ballots(path: str | Path) -> tuple[RankedContestSpec, BallotGroups, LoggingGrouper]:
    """``load_rctab_config``, and every ballot as read, one record each (``electcli ballots``):
    the grouper holds the records and the sources' spellings of the candidates."""
    from electcli.ranked.ballot_log import LoggingGrouper

    spec = parse_rctab_config(path)
    grouper = LoggingGrouper(spec.candidates, spec.undeclared_write_in)
    for number, source in enumerate(spec.sources):
        grouper.start_source(number)
        read_cvr(source, spec.names, grouper)
    return spec, grouper.build(spec.path), grouper


def parse_rctab_config(path: str | Path) -> RankedContestSpec:
    """The configuration at ``path``, checked, without reading its sources' ballots."""
    source = read_source(str(path))
    return _spec(source, load_json(source.text, source.name))  # keys.py names a key given twice


def read_rctab_config(source: Source, document: object) -> RaceFile:
    """The configuration already read as ``source`` (and parsed as ``document``), as a race file
    with its one ranked-choice contest, ballots read (for the input format dispatcher)."""
    spec = _spec(source, document)
    grouper = BallotGrouper(spec.candidates, spec.undeclared_write_in)
    files = _files(spec.sources)
    digests = FileDigests([str(path) for path in files])  # hashed while the ballots are read
    for cvr in spec.sources:
        read_cvr(cvr, spec.names, grouper)
    ballots = grouper.build(spec.path)
    candidates = [Candidate(name=name, votes=0) for name in spec.candidates]
    if ballots.undeclared_write_in is not None:
        # the pseudo-candidate takes part in the count (it can be eliminated), so it is listed
        candidates.append(Candidate(name=UNDECLARED_WRITE_INS, votes=0))
    contest = Contest(
        name=spec.name,
        rule=Rule(method=spec.rules.method, threshold=None, advance=0),
        candidates=tuple(candidates),
        location=Location(spec.path),
        seats=max(spec.rules.seats, 1),  # 0 (bottoms-up by percentage): the count finds how many
        tiebreak=spec.rules.tiebreak.order or None,
        ballots=ballots,
        ranked=spec.rules,
        sources=tuple(zip(map(str, files), digests.hexdigests(), strict=True)),
    )
    election = Election(name=spec.office, date=spec.date, jurisdiction=spec.jurisdiction)
    return RaceFile(path=source.name, election=election, contests=(contest,), sha256=source.sha256)


def _files(sources: tuple[CvrSource, ...]) -> list[Path]:
    """Every file the sources name, for the audit trail; a folder's files one by one."""
    found: list[Path] = []
    for cvr in sources:
        found.extend(sorted(p for p in cvr.path.rglob("*") if p.is_file()) if cvr.path.is_dir() else [cvr.path])
    return found


def _spec(source: Source, document: object) -> RankedContestSpec:
    values = ConfigValues(source.name, source.text)
    # The dispatcher (electcli.readers.is_rctab_config) sends what looks meant as a configuration;
    # one without the two sections a count needs is refused here, at the top of the file.
    if not isinstance(document, dict) or "cvrFileSources" not in document or "rules" not in document:
        raise values.error((), "is not an RCTab contest configuration", SHAPE_HINT)
    check_duplicates(values)
    check_keys(values, document)
    return _Config(values, document, Path(source.folder)).spec()


class _Config:
    def __init__(self, values: ConfigValues, document: dict[str, Any], folder: Path) -> None:
        self.values = values
        self.document = document
        self.folder = folder

    def spec(self) -> RankedContestSpec:
        values = self.values
        output = values.section(self.document, "outputSettings", required=False)
        name = values.text_value(output, ("outputSettings",), "contestName")
        if name is None:
            raise values.error(
                ("outputSettings", "contestName") if output else (),
                "the contest has no name (outputSettings.contestName)",
                "give the contest's name",
            )
        candidates, aliases, excluded = self.candidates()
        rules_section = values.section(self.document, "rules")
        rules = read_rules(values, rules_section, candidates)
        spellings = set(candidates) | set(aliases)
        sources = read_cvr_sources(values, self.document, self.folder, rules, rules_section, spellings)
        with_write_ins = any(s.undeclared_write_in_label or s.treat_blank_as_undeclared_write_in for s in sources)
        if with_write_ins and UNDECLARED_WRITE_INS in spellings:
            raise values.error(
                ("candidates",),
                f"a candidate is named {UNDECLARED_WRITE_INS!r}, the name RCTab gives undeclared write-ins",
                "rename the candidate",
            )
        return RankedContestSpec(
            name=name,
            candidates=candidates,
            rules=_replace_excluded(rules, excluded),
            sources=sources,
            aliases=aliases,
            excluded=excluded,
            undeclared_write_in=UNDECLARED_WRITE_INS if with_write_ins else None,
            date=values.text_value(output, ("outputSettings",), "contestDate"),
            jurisdiction=values.text_value(output, ("outputSettings",), "contestJurisdiction"),
            office=values.text_value(output, ("outputSettings",), "contestOffice"),
            description=values.text_value(rules_section, ("rules",), "rulesDescription"),
            path=values.name,
            tabulate_by=frozenset(
                kind
                for kind, key in (("precinct", "tabulateByPrecinct"), ("batch", "tabulateByBatch"))
                if output and values.flag(output, ("outputSettings",), key)
            ),
        )

    def candidates(self) -> tuple[tuple[str, ...], dict[str, str], frozenset[str]]:
        """Declared names, aliases (codes included) -> name, and the excluded names."""
        values = self.values
        names: list[str] = []
        aliases: dict[str, str] = {}
        excluded: set[str] = set()
        owner: dict[str, int] = {}  # every spelling -> the candidate it belongs to
        entries = values.entries(self.document, "candidates")
        for number, entry in enumerate(entries):
            path = ("candidates", number)
            name = values.text_value(entry, path, "name")
            if name is None:
                raise values.error(path, f"candidate {number + 1} has no name", "give each candidate a name")
            name = name.strip()  # RCTab trims names and aliases
            if name.casefold() in RESERVED_NAMES:
                raise values.error(
                    (*path, "name"),
                    f"a candidate may not be named {name!r}: the results use that word for"
                    + (" ballots that leave the count" if name.casefold() == "exhausted" else " a surplus left over"),
                    "rename the candidate (a CVR file may still spell it so: give the name as an alias)",
                )
            spellings = [name, *self.other_spellings(entry, path)]
            for spelling in spellings:
                if owner.get(spelling, number) != number:
                    raise values.error(
                        path,
                        f"{spelling!r} names two candidates ({names[owner[spelling]]!r} and {name!r})",
                        "each name, alias and code must belong to one candidate",
                    )
                owner[spelling] = number
            names.append(name)
            aliases.update({alias: name for alias in spellings[1:] if alias != name})
            if values.flag(entry, path, "excluded"):
                excluded.add(name)
        if not names:
            raise values.error(("candidates",), "the configuration declares no candidate", "list the candidates")
        if len(excluded) == len(names):
            raise values.error(("candidates",), "every candidate is excluded", "leave at least one candidate in")
        return tuple(names), aliases, frozenset(excluded)

    def other_spellings(self, entry: dict[str, Any], path: tuple[str | int, ...]) -> list[str]:
        """A candidate's aliases, and its ``code`` (older configurations), trimmed."""
        found: list[str] = []
        code = self.values.text_value(entry, path, "code")
        if code is not None:
            found.append(code.strip())
        given = entry.get("aliases")
        if given is None:
            return found
        if not isinstance(given, list):
            raise self.values.error((*path, "aliases"), "aliases is not a list", 'write ["alias", ...]')
        for number, alias in enumerate(given):
            if not isinstance(alias, str):
                raise self.values.error((*path, "aliases", number), f"alias {alias!r} is not text", "quote it")
            if alias.strip():
                found.append(alias.strip())
        return found


def _replace_excluded(rules: RankedRules, excluded: frozenset[str]) -> RankedRules:
    from dataclasses import replace

    return replace(rules, excluded=excluded)
