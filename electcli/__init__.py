"""electcli: turn vote counts into election outcomes, from the command line or from Python.

The library in five names (README.md, "Python", shows each at work):

- ``read(path)``: any input ``electcli tally`` reads (race file, NIST results report, RCTab
  contest configuration, OpenElections CSV), checked, as a ``RaceFile``.
- ``tally(source)``: a path, a ``RaceFile`` or a ``Contest`` in; a list of ``Result``s out, one per
  contest in the order of the input.
- ``contest(name, votes, *, rule="plurality", seats=1, ...)``: a checked ``Contest`` from plain
  Python: ``votes`` maps names to counts (any mapping, or a pandas Series of counts indexed by
  name), or, for ``rule="irv"`` or ``"stv"``, is the ballots' rankings. Rule names, presets,
  thresholds and tiebreaks are those of race files.
- ``Result.to_dict()``: exactly the record ``--format json`` writes for that contest.
- ``ElectcliError``: the one base class to catch. ``InputError`` (an input is not valid) carries
  ``location`` (file, line, column), ``problem`` and ``hint``; ``UsageError`` is a request that
  cannot be met.

Importing electcli is cheap: the readers, the counts and the presentation load when a function
first needs them (``python -X importtime -c 'import electcli'``).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from electcli.errors import ElectcliError, InputError, Location, UsageError

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from electcli.model import Candidate, Contest, RaceFile
    from electcli.tabulate.result import Result

__version__ = "0.1.0"

__all__ = [
    "Candidate",
    "Contest",
    "ElectcliError",
    "InputError",
    "Location",
    "RaceFile",
    "Result",
    "UsageError",
    "__version__",
    "contest",
    "read",
    "tally",
]

# The model's and the results' classes, imported when first asked for (start-up time).
_LAZY = {
    "Candidate": "electcli.model",
    "Contest": "electcli.model",
    "RaceFile": "electcli.model",
    "Result": "electcli.tabulate.result",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'electcli' has no attribute {name!r}")


def read(
    path: str | os.PathLike[str],
    *,
    input_format: str | None = None,
    office: str | None = None,
    district: str | None = None,
    party: str | None = None,
    by_unit: bool = False,
) -> RaceFile:
    """Read one input, as ``electcli tally`` does, into a checked ``RaceFile``.

    The format is told by the extension (``.yaml``/``.yml``, ``.json``, ``.csv``) or named by
    ``input_format`` (``"yaml"``, ``"json"``, ``"csv"``). ``office``, ``district`` and ``party``
    choose the contest of an OpenElections file, as ``--office``, ``--district`` and ``--party``
    do. ``by_unit`` keeps each ranked ballot's precinct and batch from Dominion, Hart and Clear
    Ballot records, as ``--by-unit`` does, for ``Result.to_dict(by_unit=True)`` (memory in
    proportion to the ballots; without it that call refuses such a contest). Raises
    ``InputError`` naming the file, line and column of the first problem.
    """
    from electcli.readers import read_input

    selection = None
    if office is not None or district is not None or party is not None:
        from electcli.readers.selection import Selection

        selection = Selection(office=office, district=district, party=party)
    if not by_unit:
        return read_input(os.fspath(path), input_format, selection)
    from electcli.readers.cvr.kept_ids import slices_wanted  # only then: it loads the ranked code

    with slices_wanted():
        return read_input(os.fspath(path), input_format, selection)


def tally(source: str | os.PathLike[str] | RaceFile | Contest) -> list[Result]:
    """Decide every contest of ``source``: one ``Result`` per contest, in the input's order.

    ``source`` is a path (read as ``read`` reads it), a ``RaceFile`` or a single ``Contest``.
    """
    from dataclasses import replace

    from electcli.model import Contest, Election, RaceFile
    from electcli.tabulate import tabulate

    if isinstance(source, Contest):
        race = RaceFile(path="<python>", election=Election(), contests=(source,))
    elif isinstance(source, RaceFile):
        race = source
    elif isinstance(source, str | os.PathLike):
        race = read(source)
    else:
        raise UsageError(f"tally takes a path, a RaceFile or a Contest, not {type(source).__name__}")
    return [replace(tabulate(contest), race=race) for contest in race.contests]


def contest(
    name: str,
    votes: Any,
    *,
    rule: str = "plurality",
    seats: int = 1,
    threshold: str | None = None,
    advance: int | None = None,
    write_ins: int = 0,
    parties: Mapping[str, str] | None = None,
    tiebreak: Sequence[str] | Mapping[str, int] | None = None,
    recount: str | None = None,
    options: Mapping[str, object] | None = None,
    candidates: Sequence[str] | None = None,
    reporting: tuple[int, int] | None = None,
    outstanding: int | None = None,
) -> Contest:
    """A checked ``Contest`` built from plain Python values.

    ``votes``: for a vote count, a mapping of name to count (anything with ``items()``, such as a
    pandas Series of counts indexed by name; counts must be whole numbers). For ``rule="irv"`` or
    ``"stv"`` (or a ranked-choice preset such as ``"us-me-rcv"``), the ballots: a list of rankings (one ballot each) or a mapping of ranking to number
    of ballots; a ranking lists names first choice first, ``None`` for a skipped rank, several
    names together for an overvote.

    ``rule`` is a race file's rule: ``plurality``, ``runoff``, ``top``, ``measure`` (votes for
    ``Yes`` and ``No``), ``irv``, ``stv``, or a preset's name (``electcli rules``). ``threshold``
    (``">50%"``, ``">=2/3"``) and ``advance`` adjust runoff, top and measure rules; ``recount`` is a
    margin (``"<=0.5%"``); ``tiebreak`` the order decided by lot, or ``{"random": SEED}`` for a
    ranked-choice draw; ``options`` a ranked-choice count's options (race-file names: overvote,
    max_skipped, duplicate, max_rankings, batch_elimination, batch_elimination_if_equal,
    continue_until_two, first_round_determines_threshold, quota; a preset's own may be repeated,
    not contradicted);
    ``candidates`` a ranked-choice contest's candidates in declared order (default: in order of
    first appearance in the rankings). ``reporting`` (units reported, units expected) and
    ``outstanding`` (at most this many ballots still to count) say the count is not complete: no
    one is then called (outcome ``leading``) unless the outstanding ballots cannot change it.

    Raises ``InputError`` (at ``<python>``, or naming the argument at fault) for anything a race
    file would be refused for.
    """
    from electcli.build import build_contest

    return build_contest(
        name,
        votes,
        rule=rule,
        seats=seats,
        threshold=threshold,
        advance=advance,
        write_ins=write_ins,
        parties=parties,
        tiebreak=tiebreak,
        recount=recount,
        options=options,
        candidates=candidates,
        reporting=reporting,
        outstanding=outstanding,
    )
