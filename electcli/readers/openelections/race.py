"""An OpenElections CSV file tallied directly: one contest, chosen on the command line.

``electcli tally FILE.csv --office "U.S. Senate" --party REP --rule runoff`` becomes a race file
with one contest built from the file's rows; ``electcli contests FILE.csv`` lists what to choose.
"""

from __future__ import annotations

import os
import re

from electcli.errors import InputError, Location, ModelError
from electcli.model import Candidate, Contest, Election, RaceFile, Results
from electcli.readers.openelections import ContestKey, list_contests, read_contest
from electcli.readers.race_file.rules import preset_recount, rule_named
from electcli.readers.selection import Selection

# OpenElections names files date__state__[party__]election__[county__]level.csv.
_FILE_NAME = r"(\d{4})(\d{2})(\d{2})__([a-z]{2})__(?:([a-z]+)__)?"
_KINDS = ("general", "primary", "special", "runoff", "municipal")


def election_from_name(path: str) -> Election:
    """What the OpenElections file name says of the election: its date, state and kind."""
    match = re.match(_FILE_NAME, os.path.basename(path).lower())
    if not match:
        return Election()
    year, month, day, state, kind = match.groups()
    date = f"{year}-{month}-{day}"
    name = f"{state.upper()} {kind} election, {date}" if kind in _KINDS else None
    return Election(name=name, date=date, jurisdiction=state.upper())


def contests_in(path: str) -> list[ContestKey]:
    return list_contests(path, path)


def read_openelections(path: str, selection: Selection) -> RaceFile:
    if not selection.office:
        offices = sorted({key.office for key in list_contests(path, path)})
        raise InputError(
            Location(path),
            "is an OpenElections file: name the contest to tally with --office (and --district, --party where needed)",
            f"offices in it: {', '.join(offices[:25])}{' ...' if len(offices) > 25 else ''}; `electcli contests {path}` lists them all",
        )
    found = read_contest(path, path, selection.office, selection.district, selection.party)
    from electcli.digest import FileDigests

    digest = FileDigests([path]).hexdigests()[0]  # read in blocks: the file is not held twice
    where = Location(path)
    rule, preset = rule_named(selection.rule, Location("--rule"))
    name = (
        found.office
        + (f", District {found.district}" if found.district else "")
        + (f" ({found.party})" if found.party else "")
    )
    candidates = tuple(
        Candidate(name=candidate, votes=votes, party=party) for candidate, party, votes in found.candidates
    )
    # The race file is the CSV itself: its digest is the input's, so the units carry none of their own.
    results = Results(found.unit_label, found.unit_column, found.name_column, found.vote_column, source=path)
    try:
        contest = Contest(
            name=name,
            rule=rule,
            candidates=candidates,
            location=where,
            seats=selection.seats,
            write_ins=found.write_ins,
            recount=preset_recount(preset),
            results=results,
            reported=found.reported,
        )
    except ModelError as exc:  # the model's refusal of --seats is the option's, not the file's
        raise exc.at(Location("--seats")) if exc.part == "seats" else exc from None
    return RaceFile(path=path, election=election_from_name(path), contests=(contest,), sha256=digest)
