"""Read OpenElections CSV results: one row per reporting unit, contest and candidate.

The layout is the one the OpenElections data repositories (openelections-data-XX) use and their
validation suite (openelections-data-tests) checks::

    county,precinct,office,district,party,candidate,votes[,election_day,mail,provisional...]

Columns are found by name (case-insensitive), in any order. ``office`` and ``candidate`` are
required, and ``votes`` or at least one vote-mode column; the unit is given by the location
columns present, coarsest to finest ``county`` (or ``parish``), ``town``, ``ward``, ``precinct``,
at least one of them. ``district`` and ``party`` are optional. Other columns (``winner``,
``incumbent``, ``pct``, ``totalvotes``...) are ignored.

Conventions (from docs.openelections.net, the openelections-data-tests checks and the data
repositories; tests/test_openelections.py names the real file each of its fixtures imitates):

* Counts are whole numbers; some states write them ``1808.0``, which is accepted (``1808.5``,
  negatives and anything else are refused). Quoted ``"1,808"`` is accepted too.
* An empty ``votes`` cell means the source reported no count for that row: typically a district
  contest that was not on a unit's ballot. A unit whose candidate rows are all empty did not
  report the contest and is left out of the breakdown; a unit that reports some candidates and
  leaves others empty is an error (write 0 for no votes), and so is a contest with no count at
  all. Empty over/under votes, turnout and total rows report nothing and add nothing. An empty
  vote-mode cell means that mode was not reported (it counts as 0 in the check that the modes
  do not add up to more than ``votes``).
* Pseudo-candidates (see ``PSEUDO_CANDIDATES``): write-ins ("Write-ins", "Scattering", "All
  Others"...) count in the total and cannot win; over votes, under votes ("Blanks" in New York
  and Massachusetts, "Voids" in New York count as over votes), registered voters and ballots cast
  are reported beside the result; ``Total``/``Total Votes`` rows are checked against the sum of
  the unit's rows and never counted. Named write-ins ("Mary Jo Walters (Write-In)") are
  candidates like any other.
* ``Registered Voters``, ``Ballots Cast`` and ``Ballots Cast - Blank`` in the office column are
  turnout rows, not contests: ``list_contests`` leaves them out and ``read_contest`` refuses them.
* Rows for a total over units ("Total" or "TOTALS" in a location column, as in Mississippi and
  Massachusetts files) are not counted: each one must equal the sum of the units it covers.
* A candidate on several party lines in the same unit (New York's fusion voting) gets the sum
  of the lines; the party shown is the lines' parties joined with "/".
* Party splits an office into separate contests only in a primary: when the file name says so
  (``20200303__al__primary__county.csv``, the OpenElections naming convention), or when write-in
  or over/under vote rows carry the party of the candidates beside them (one set per party).

Selection: the office matches case-insensitively after trimming; a district matches the same way
and ``02`` matches ``2``; a party matches case-insensitively, and the usual spellings of the big
parties match each other (``REP``, ``R``, ``Republican``). An empty string selects rows with no
district (or no party).

Checks, each reported with the file and line: in every row of the file, the number of cells and
the cells that decide which contest a row is in (an office; no stray spaces in office, district
and party). In every row of the contest read: no cell with stray spaces, counts as above, vote
modes adding up to no more than ``votes``, no row twice, no candidate twice in a unit, totals
that check out. A fault in another contest's rows does not stop a contest from being read.

Speed: a statewide precinct file has hundreds of thousands of rows, so cells are split with str
methods (or the csv module when the file quotes cells) and checked in bulk with sets, slices and
maps that run in C. Rows are walked one by one only in unusual layouts (a unit naming a candidate
on several party lines, rows without counts, rows totalling units) and to name a problem's line.
"""

from __future__ import annotations

import csv
import gc
import io
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, compress, repeat
from typing import NamedTuple, NoReturn

from electcli.errors import InputError, Location
from electcli.model import WRITE_INS
from electcli.readers.source import decode_text, read_bytes

# --- the format ---------------------------------------------------------------------------------

OFFICE = "office"
DISTRICT = "district"
PARTY = "party"
CANDIDATE = "candidate"
VOTES = "votes"
# Location columns, coarsest first. Ward-level files (Wisconsin) use ``ward`` alone; Massachusetts
# uses ``town,ward,precinct``; Louisiana has parishes.
UNIT_COLUMNS = ("county", "parish", "town", "ward", "precinct")

# Vote-mode columns: how the votes in ``votes`` were cast. The first five are the ones the
# OpenElections data tests check (``absentee, early_voting, election_day, mail, provisional``);
# the others occur in the data repositories. Any other column named ``..._votes`` (Georgia's
# ``advanced_votes``, New York's ``affidavit_votes``) is a vote mode too.
VOTE_MODES = frozenset(
    {
        "absentee", "early_voting", "election_day", "mail", "provisional",
        "polling", "early", "early_vote", "mail_in", "absentee_mail", "absentee_by_mail",
        "absentee_in_person", "advance_voting", "advanced_voting", "one_stop", "in_person",
        "av_counting_boards", "uocava",
    }
)  # fmt: skip
NOT_VOTE_MODES = frozenset({"total_votes", "totalvotes"})

HEADER_HINT = "an OpenElections file starts with a header such as county,precinct,office,district,party,candidate,votes"
COUNT_HINT = "a vote count is a whole number such as 1808 (OpenElections also allows 1808.0)"
MAX_COUNT_DIGITS = 30

# Pseudo-candidates by their normalised spelling (lower case, runs of anything but letters and
# digits made one space: "Write-In Totals" is "write in totals"). Spellings from the data
# repositories: Write-ins (AL, PA, NY), Write-In (PA, MI), Write-In Totals (PA), WRITE-IN (TX),
# Unresolved Write-In (MI), Scattering (WI), All Others (MA), Over Votes / Under Votes (AL),
# Blanks and Voids (NY), Registered Voters - Total and Ballots Cast - Total (AL, TX), Total (TX),
# Total Votes (MI), Total Votes Cast (MA).
WRITE_IN = "write_ins"
OVER = "over_votes"
UNDER = "under_votes"
REGISTERED = "registered_voters"
BALLOTS = "ballots_cast"
TOTAL = "total"
REPORTED_KEYS = (OVER, UNDER, REGISTERED, BALLOTS)
PSEUDO_CANDIDATES: dict[str, str] = {
    **dict.fromkeys(
        (
            "write in", "write ins", "writein", "writeins", "write in votes", "write in vote",
            "write in total", "write in totals", "total write in", "total write ins",
            "write in miscellaneous", "miscellaneous write ins", "unresolved write in",
            "unresolved write ins", "scattering", "scattered", "scatter", "all others",
        ),
        WRITE_IN,
    ),
    **dict.fromkeys(
        ("over votes", "over vote", "overvotes", "overvote", "over voted", "voids", "void"), OVER
    ),
    **dict.fromkeys(
        ("under votes", "under vote", "undervotes", "undervote", "under voted", "blanks", "blank", "blank votes"),
        UNDER,
    ),
    **dict.fromkeys(("registered voters", "registered voters total"), REGISTERED),
    **dict.fromkeys(("ballots cast", "ballots cast total", "total ballots cast", "total ballots"), BALLOTS),
    **dict.fromkeys(("total", "totals", "total votes", "total votes cast", "votes cast"), TOTAL),
}  # fmt: skip
# Offices that report turnout rather than a contest.
TURNOUT_OFFICES = frozenset(
    {"registered voters", "registered voters total", "ballots cast", "ballots cast total", "total ballots cast",
     "ballots cast blank", "blank ballots"}
)  # fmt: skip
# Location names of rows that total other units rather than being one.
TOTAL_UNITS = frozenset({"total", "totals", "grand total", "grand totals", "county total", "county totals"})
# Kinds that tell a primary's per-party rows apart.
PER_PARTY_KINDS = frozenset({WRITE_IN, OVER, UNDER})
PARTY_ALIASES = {
    "r": "rep", "republican": "rep", "gop": "rep",
    "d": "dem", "democrat": "dem", "democratic": "dem",
    "l": "lib", "lbt": "lib", "libertarian": "lib",
    "g": "grn", "gre": "grn", "green": "grn",
}  # fmt: skip


class ContestKey(NamedTuple):
    """One contest in a file."""

    office: str
    district: str | None
    party: str | None
    rows: int  # data rows for it
    candidates: int  # distinct real candidates


class OpenElectionsContest(NamedTuple):
    """One contest read, checked and totalled."""

    office: str
    district: str | None
    party: str | None
    unit_label: str  # the finest location column the contest's rows fill: "precinct", "county"...
    candidates: tuple[tuple[str, str | None, int], ...]  # (name, party, total), first-appearance order
    write_ins: int  # write-in pseudo-candidate rows: counted in the total, cannot win
    reported: tuple[tuple[str, int], ...]  # over_votes, under_votes, registered_voters, ballots_cast
    unit_column: tuple[str, ...]  # long form by unit, as electcli.model.Results holds
    name_column: tuple[str, ...]  # candidate name per entry ("write_ins" for write-in rows)
    vote_column: tuple[int, ...]


# --- public functions ---------------------------------------------------------------------------


def list_contests(path: str, shown: str) -> list[ContestKey]:
    """Every contest in the file, in the order they first appear (turnout rows left out)."""
    with _CollectionPaused():
        table = _load(path, shown)
        table.check_keys()
        offices = table.cells(OFFICE)
        districts = table.cells_or_blank(DISTRICT)
        parties = table.cells_or_blank(PARTY)
        rows_by_key = Counter(zip(offices, districts, parties, strict=True))
        combos = set(zip(offices, districts, parties, table.cells(CANDIDATE), strict=True))
        kinds = {name: _kind(name) for name in {combo[3] for combo in combos}}
        primary = _named_primary(path, shown)

        places: dict[tuple[str, str], _Place] = {}
        for office, district, _ in rows_by_key:
            place_key = (office.casefold(), _district_key(district))
            if place_key not in places:
                places[place_key] = _Place(office, district)
        for office, district, party, name in combos:
            places[(office.casefold(), _district_key(district))].add(party, name, kinds[name])

        counts: dict[tuple[str, str, str], int] = {}
        shown_as: dict[tuple[str, str, str], tuple[str, str, str | None]] = {}
        for (office, district, party), count in rows_by_key.items():
            if _normal(office) in TURNOUT_OFFICES:
                continue
            place = places[(office.casefold(), _district_key(district))]
            contest_party = place.contest_party(party, primary)
            key = (office.casefold(), _district_key(district), _party_key(contest_party or ""))
            counts[key] = counts.get(key, 0) + count
            shown_as.setdefault(key, (place.office, place.district, contest_party))
        names: dict[tuple[str, str, str], set[str]] = {key: set() for key in counts}
        for (folded, district_key), place in places.items():
            for party, name in place.real:
                contest_key = (folded, district_key, _party_key(place.contest_party(party, primary) or ""))
                if contest_key in names:
                    names[contest_key].add(name)
        return [
            ContestKey(office, district or None, party, counts[key], len(names[key]))
            for key, (office, district, party) in shown_as.items()
        ]


def read_contest(
    path: str, shown: str, office: str, district: str | None = None, party: str | None = None
) -> OpenElectionsContest:
    """One contest's candidates, totals and votes by unit, every row of it checked."""
    with _CollectionPaused():
        table = _load(path, shown)
        table.check_keys()
        rows, contest_party = _select(table, _named_primary(path, shown), office, district, party)
        return _tabulate(table, rows, contest_party)


# --- reading the table --------------------------------------------------------------------------


class _CollectionPaused:
    """Cyclic garbage collection waits while hundreds of thousands of cells are made: none of
    them can be in a cycle, so its passes would only re-scan them."""

    def __enter__(self) -> None:
        self.collecting = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc: object) -> None:
        if self.collecting:
            gc.enable()


class _Blank(Sequence[str]):
    """A column the file does not have: every cell empty."""

    def __init__(self, size: int) -> None:
        self.size = size

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, index: int) -> str:  # type: ignore[override]
        return ""

    def __iter__(self) -> Iterator[str]:
        return repeat("", self.size)


class _Table:
    """The file's cells by column, and how to find the line a row is on."""

    def __init__(self, shown: str, text: str, header: list[str], columns: list[list[str]], plain: bool) -> None:
        self.shown = shown
        self.text = text
        self.columns = columns
        self.plain = plain  # one line per row and no blank line: data row i is on line i + 2
        self.count = len(columns[0]) if columns else 0
        self.index: dict[str, int] = {}
        self._starts: list[int] | None = None
        for position, cell in enumerate(header):
            if cell != cell.strip():
                raise InputError(
                    Location(shown, 1), f"header cell {cell!r} has spaces around it", f"write it {cell.strip()!r}"
                )
            name = cell.lower()
            if name in self.index:
                raise InputError(Location(shown, 1), f"header names the column {cell!r} twice", HEADER_HINT)
            if name:
                self.index[name] = position
        missing = [name for name in (OFFICE, CANDIDATE) if name not in self.index]
        if not any(name in self.index for name in UNIT_COLUMNS):
            missing.append("county or precinct")
        self.modes = [name for name in self.index if _is_mode(name)]
        if VOTES not in self.index and not self.modes:
            missing.append(VOTES)
        if missing:
            raise InputError(
                Location(shown, 1), f"header {','.join(header)!r} has no {' and no '.join(missing)} column", HEADER_HINT
            )

    def has(self, name: str) -> bool:
        return name in self.index

    def cells(self, name: str) -> list[str]:
        return self.columns[self.index[name]]

    def cells_or_blank(self, name: str) -> Sequence[str]:
        return self.columns[self.index[name]] if name in self.index else _Blank(self.count)

    def line(self, row: int) -> int:
        """The line data row ``row`` starts on."""
        if self.plain:
            return row + 2
        if self._starts is None:
            self._starts = _row_starts(self.text)[1:]
        return self._starts[row]

    def error(self, row: int, problem: str, hint: str = "") -> InputError:
        return InputError(Location(self.shown, self.line(row)), problem, hint)

    def check_keys(self) -> None:
        """The cells that decide which contest a row is in are checked in every row."""
        offices = self.cells(OFFICE)
        if "" in offices:
            raise self.error(offices.index(""), "row has no office", "every row names its office (its contest)")
        for name in (OFFICE, DISTRICT, PARTY):
            if name in self.index:
                self.check_spaces(name, range(self.count), self.cells(name))

    def check_spaces(self, name: str, rows: Iterable[int], cells: Sequence[str]) -> None:
        """No cell of the column in these rows (``cells``) has spaces around it."""
        values = set(cells)
        if not any(map(str.__ne__, values, map(str.strip, values))):
            return
        column = self.cells(name)
        for row in rows:
            cell = column[row]
            if cell != cell.strip():
                raise self.error(row, f"{name} {cell!r} has spaces around it", f"remove them: {cell.strip()!r}")


def _row_starts(text: str) -> list[int]:
    """The line each non-blank CSV row starts on (the header's first)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    starts = []
    start = 1
    for cells in reader:
        if cells:
            starts.append(start)
        start = reader.line_num + 1
    return starts


def _load(path: str, shown: str) -> _Table:
    text = decode_text(shown, read_bytes(path, shown=shown))
    if "\r" in text and '"' not in text:
        text = text.replace("\r\n", "\n")
    body = text[:-1] if text.endswith("\n") else text
    if '"' not in body and "\r" not in body and "\n\n" not in body and not body.startswith("\n"):
        # Plain text: split with str methods, which run in C and make no row lists.
        first, _, rest = body.partition("\n")
        if not first:
            raise InputError(Location(shown), "is empty", HEADER_HINT)
        header = first.split(",")
        width = len(header)
        if not rest:
            raise InputError(Location(shown), "has a header but no rows", "add one row per unit, contest and candidate")
        lines = rest.split("\n")
        if set(map(str.count, lines, repeat(","))) != {width - 1}:
            for row, line in enumerate(lines):  # pragma: no branch
                if line.count(",") != width - 1:
                    _wrong_width(shown, row + 2, line.count(",") + 1, width)
        del lines
        flat = rest.replace("\n", ",").split(",")
        return _Table(shown, text, header, [flat[position::width] for position in range(width)], True)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        rows = [cells for cells in reader if cells]
    except csv.Error as exc:
        raise InputError(
            Location(shown, reader.line_num),
            f"is not valid CSV: {exc}",
            "check the quotes: a cell that starts with a quote runs to the next lone quote",
        ) from None
    if not rows:
        raise InputError(Location(shown), "is empty", HEADER_HINT)
    header = rows[0]
    width = len(header)
    del rows[0]
    if not rows:
        raise InputError(Location(shown), "has a header but no rows", "add one row per unit, contest and candidate")
    if set(map(len, rows)) != {width}:
        starts = _row_starts(text)[1:]
        for row, cells in enumerate(rows):  # pragma: no branch
            if len(cells) != width:
                _wrong_width(shown, starts[row], len(cells), width)
    flat = list(chain.from_iterable(rows))
    del rows
    return _Table(shown, text, header, [flat[position::width] for position in range(width)], False)


def _wrong_width(shown: str, line: int, got: int, width: int) -> NoReturn:
    raise InputError(
        Location(shown, line),
        f"row has {got} field{'' if got == 1 else 's'}, but the header has {width}",
        "give one cell per header column (quote a cell that holds a comma)",
    )


# --- selecting a contest ------------------------------------------------------------------------


class _Place:
    """An office in a district: its first spellings, and who stands for which party."""

    def __init__(self, office: str, district: str) -> None:
        self.office = office
        self.district = district
        self.real: set[tuple[str, str]] = set()  # (party, name) of real candidates
        self.pseudo_parties: set[str] = set()  # parties on write-in, over and under vote rows
        self._per_party: bool | None = None
        self._sole: tuple[str] | None = None

    def add(self, party: str, name: str, kind: str | None) -> None:
        if kind is None:
            if name:
                self.real.add((party, name))
        elif kind in PER_PARTY_KINDS and party:
            self.pseudo_parties.add(_party_key(party))

    def split(self, primary: bool) -> bool:
        """Whether parties hold separate contests (a primary's) for this office (asked once every
        row has been added)."""
        if self._per_party is None:
            self._per_party = bool(self.pseudo_parties & {_party_key(party) for party, _ in self.real})
        return primary or self._per_party

    def sole_party(self) -> str | None:
        """The party of every real candidate, when they share one."""
        if self._sole is None:
            parties = {_party_key(party): party for party, _ in sorted(self.real) if party}
            self._sole = (next(iter(parties.values())),) if len(parties) == 1 else ("",)
        return self._sole[0] or None

    def contest_party(self, party: str, primary: bool) -> str | None:
        """The party of the contest a row with this party is in (None: one contest across parties)."""
        if not self.split(primary):
            return None
        return self.sole_party() or party or None


def _select(
    table: _Table, primary: bool, office: str, district: str | None, party: str | None
) -> tuple[list[int], str | None]:
    """The rows of the contest asked for and its party, or an error that lists what there is."""
    shown = table.shown
    offices = table.cells(OFFICE)
    spellings = set(offices)
    wanted = office.strip().casefold()
    chosen = {spelling for spelling in spellings if spelling.casefold() == wanted}

    def contest_offices() -> list[str]:
        return [spelling for spelling in dict.fromkeys(offices) if _normal(spelling) not in TURNOUT_OFFICES]

    if not chosen:
        from electcli.suggest import did_you_mean  # only when there is an error to explain

        known = contest_offices()
        guess = did_you_mean(office.strip(), known) or _contains_hint(office.strip(), known)
        raise InputError(
            Location(shown),
            f"has no contest for the office {office!r}",
            (guess + " " if guess else "") + f"offices in this file: {_listing(known)}",
        )
    if len(chosen) == len(spellings):
        rows = list(range(table.count))
    else:
        rows = list(compress(range(table.count), map(chosen.__contains__, offices)))
    shown_office = offices[rows[0]]
    if _normal(shown_office) in TURNOUT_OFFICES:
        raise table.error(
            rows[0],
            f"{shown_office!r} rows report turnout, not a contest",
            f"offices in this file: {_listing(contest_offices())}",
        )

    if table.has(DISTRICT):
        cells = table.cells(DISTRICT)
        values = set(_take(cells, rows))
        if district is not None:
            wanted_district = _district_key(district.strip())
            keep = {value for value in values if _district_key(value) == wanted_district}
            if not keep:
                raise InputError(
                    Location(shown),
                    f"has no {shown_office!r} contest in district {district!r}",
                    f"districts for {shown_office!r}: {_listing(_districts(values))}",
                )
            if len(keep) < len(values):
                rows = list(compress(rows, map(keep.__contains__, map(cells.__getitem__, rows))))
        elif len({_district_key(value) for value in values}) > 1:
            raise InputError(
                Location(shown),
                f"has {len(values)} contests for {shown_office!r}, in different districts",
                f"name the district: {_listing(_districts(values))}",
            )
    elif district:
        raise InputError(Location(shown, 1), f"has no district column, so no {shown_office!r} in district {district!r}")
    if not table.has(PARTY):
        if party:
            raise InputError(Location(shown, 1), f"has no party column, so no {party} contest for {shown_office!r}")
        return rows, None

    parties = table.cells(PARTY)
    row_parties = _take(parties, rows)
    place = _Place(shown_office, "")
    kinds: dict[str, str | None] = {}
    for row_party, name in _pairs(row_parties, _take(table.cells(CANDIDATE), rows)):
        if name not in kinds:
            kinds[name] = _kind(name)
        place.add(row_party, name, kinds[name])
    party_values = set(row_parties)
    split = place.split(primary)
    sole = place.sole_party() if split else None
    if party is not None:
        wanted_party = _party_key(party.strip())
        if sole is not None and _party_key(sole) == wanted_party:
            return rows, sole  # one party's contest: its rows without a party belong to it too
        keep = {value for value in party_values if _party_key(value) == wanted_party}
        if not keep:
            listed = [value for value in dict.fromkeys(row_parties) if value]
            raise InputError(
                Location(shown),
                f"has no {party} rows for {shown_office!r}",
                f"parties for {shown_office!r}: {_listing(listed) if listed else 'none'}",
            )
        if len(keep) < len(party_values):
            rows = list(compress(rows, map(keep.__contains__, row_parties)))
        return rows, parties[rows[0]] or None
    if not split:
        return rows, None
    if sole is not None:
        return rows, sole
    if len({_party_key(value) for value in party_values}) > 1:
        listed = [value or "(no party)" for value in dict.fromkeys(row_parties)]
        raise InputError(
            Location(shown),
            f"has {len(listed)} primaries for {shown_office!r}, one per party",
            f"name the party: {_listing(listed)}",
        )
    return rows, parties[rows[0]] or None


def _pairs(parties: list[str], names: list[str]) -> set[tuple[str, str]]:
    """The distinct (party, candidate) pairs. When the rows repeat one block of candidates unit
    after unit, as OpenElections files do, they are the first block's (list comparisons tell)."""
    width = len(set(names))
    blocks, rest = divmod(len(names), width)
    if not rest and names == names[:width] * blocks and parties == parties[:width] * blocks:
        return set(zip(parties[:width], names[:width], strict=True))
    return set(zip(parties, names, strict=True))


def _named_primary(path: str, shown: str) -> bool:
    """Whether the file is named as a primary's (docs.openelections.net, archive
    standardization: ``date__state__{party}__{special}__election_type__...csv``)."""
    return any("primary" in re.split(r"[^a-z0-9]+", os.path.basename(name).lower()) for name in (path, shown))


def _listing(values: Sequence[str], limit: int = 25) -> str:
    listed = ", ".join(repr(value) for value in values[:limit])
    return listed + (f" and {len(values) - limit} more" if len(values) > limit else "")


def _contains_hint(word: str, options: Sequence[str]) -> str:
    folded = word.casefold()
    close = [option for option in options if folded in option.casefold()]
    return f"did you mean {close[0]!r}?" if len(close) == 1 else ""


def _districts(values: Iterable[str]) -> list[str]:
    def order(value: str) -> tuple[int, int, str]:
        key = _district_key(value)
        return (0, int(key), "") if key.isdigit() and key.isascii() else (1, 0, key)

    return [value or "(no district)" for value in sorted(values, key=order)]


def _district_key(value: str) -> str:
    folded = value.casefold()
    return str(int(folded)) if folded.isdigit() and folded.isascii() else folded


def _party_key(value: str) -> str:
    folded = value.casefold()
    return PARTY_ALIASES.get(folded, folded)


def _normal(name: str) -> str:
    """Lower case, every run of other characters than letters and digits one space."""
    return " ".join(re.findall(r"[0-9a-z]+", name.casefold()))


def _kind(name: str) -> str | None:
    """What a pseudo-candidate reports (None for a real candidate)."""
    return PSEUDO_CANDIDATES.get(_normal(name))


def _is_mode(name: str) -> bool:
    return name in VOTE_MODES or (name.endswith("_votes") and name not in NOT_VOTE_MODES)


# --- counts -------------------------------------------------------------------------------------


class _BadCount(Exception):
    pass


def _count(text: str) -> int | None:
    """A vote cell: None when empty, else a whole number (``1808``, ``1808.0``, ``"1,808"``)."""
    if text.isdigit() and text.isascii() and len(text) <= MAX_COUNT_DIGITS:
        return int(text)
    if not text:
        return None
    match = re.fullmatch(r"([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.0*)?", text)
    if match:
        digits = match.group(1).replace(",", "")
        if len(digits) > MAX_COUNT_DIGITS:
            raise _BadCount(f"{text[:40]}... has {len(digits)} digits")
        return int(digits)
    stripped = text.strip()
    if stripped != text:
        raise _BadCount(f"{text!r} has spaces around it")
    if re.fullmatch(r"-[0-9,]*(?:\.[0-9]*)?", stripped) and stripped != "-":
        raise _BadCount(f"{text!r} is negative")
    if re.fullmatch(r"\+?[0-9,]*\.[0-9]+", stripped):
        raise _BadCount(f"{text!r} is not a whole number")
    if re.fullmatch(r"[+-]?[0-9.]+[eE][+-]?[0-9]+", stripped):
        raise _BadCount(f"{text!r} uses an exponent")
    raise _BadCount(f"{text!r} is not a number")


def _counts(table: _Table, rows: list[int], name: str, cells: list[str]) -> list[int | None]:
    """A count column for these rows, every cell checked (an error names the first bad one)."""
    plain = cells
    joined = ",".join(cells)
    if joined.count(",") != len(cells) - 1:  # a cell holds a comma ("1,808")
        joined = ""
    elif ".0," in joined + ",":  # 1808.0, as some states write counts
        joined = (joined + ",").replace(".0,", ",")[:-1]
        plain = joined.split(",")
    if (
        "" not in plain
        and joined.isascii()
        and joined.replace(",", "").isdigit()
        and max(map(len, plain)) <= MAX_COUNT_DIGITS
    ):
        if re.search(",0[0-9]", "," + joined):  # leading zeros: not JSON
            return list(map(int, plain))
        # Plain digits make a valid JSON list, which json's C parser reads faster than int().
        import json

        counts: list[int | None] = json.loads(f"[{joined}]")
        return counts
    values: list[int | None] = []
    for position, cell in enumerate(cells):
        try:
            values.append(_count(cell))
        except _BadCount as exc:
            raise table.error(rows[position], f"{name} {exc}", COUNT_HINT) from None
    return values


# --- tabulating a contest -----------------------------------------------------------------------


def _take(column: Sequence[str], rows: list[int]) -> list[str]:
    """The column's cells in these rows (a slice when they are consecutive, as is common)."""
    if isinstance(column, _Blank):
        return [""] * len(rows)
    if len(rows) == len(column):
        return column  # type: ignore[return-value]  # every row: the column itself (never changed)
    if rows[-1] - rows[0] + 1 == len(rows):
        return list(column[rows[0] : rows[-1] + 1])
    return list(map(column.__getitem__, rows))


def _tabulate(table: _Table, rows: list[int], contest_party: str | None) -> OpenElectionsContest:
    first = rows[0]
    office = table.cells(OFFICE)[first]
    district = table.cells_or_blank(DISTRICT)[first]
    cells = {name: _take(table.columns[position], rows) for name, position in table.index.items()}
    for name in cells:  # every cell of the contest's rows: no stray spaces (keys: checked already)
        if name not in (OFFICE, DISTRICT, PARTY):
            table.check_spaces(name, rows, cells[name])
    names = cells[CANDIDATE]
    if "" in names:
        raise table.error(
            rows[names.index("")], "row has no candidate", "name the candidate (Write-ins for unnamed write-ins)"
        )
    row_parties = cells.get(PARTY) or [""] * len(rows)
    label, parts, aggregate = _units(table, rows, cells)

    modes = [_counts(table, rows, name, cells[name]) for name in table.modes]
    if table.has(VOTES):
        votes = _counts(table, rows, VOTES, cells[VOTES])
        if modes:
            _check_modes(table, rows, votes, table.modes, modes)
    elif any(None in counts for counts in modes):
        votes = [
            None if all(value is None for value in values) else sum(value or 0 for value in values)
            for values in zip(*modes, strict=True)
        ]
    else:
        votes = list(map(sum, zip(*modes, strict=True)))

    kinds = {name: _kind(name) for name in set(names)}
    ident_of = {name: kind or name for name, kind in kinds.items()}
    idents = list(map(ident_of.__getitem__, names))
    width, block_units = _regular(idents, parts) if aggregate is None and None not in votes else (0, [])
    if width:
        counted = _Counted.regular(table, rows, width, block_units, idents, votes)  # type: ignore[arg-type]
        if row_parties == row_parties[:width] * (len(rows) // width):
            lines = dict.fromkeys(zip(names[:width], row_parties[:width], strict=True))
        else:
            lines = dict.fromkeys(zip(names, row_parties, strict=True))
    else:
        units = _unit_names(parts)
        keys = list(zip(units, idents, row_parties, strict=True))
        if len(set(keys)) != len(keys):
            _duplicates(table, rows, keys, units, names, label)
        counted = _Counted.irregular(table, rows, units, names, kinds, votes, aggregate)
        lines = dict.fromkeys(zip(names, row_parties, strict=True))
        if len(lines) != len({ident_of[name] for name, _ in lines}):
            counted.merge_party_lines()

    party_lines: dict[str, list[str]] = {}
    for name, party in lines:
        if kinds[name] is None:
            listed = party_lines.setdefault(name, [])
            if party and party not in listed:
                listed.append(party)
    if not party_lines:
        raise table.error(first, f"the {office!r} contest has no candidates, only write-in, turnout or total rows")
    totals = counted.totals
    return OpenElectionsContest(
        office=office,
        district=district or None,
        party=contest_party,
        unit_label=label,
        candidates=tuple(
            (name, "/".join(parties) or None, totals.get(name, 0)) for name, parties in party_lines.items()
        ),
        write_ins=totals.get(WRITE_INS, 0),
        reported=tuple((key, counted.reported[key]) for key in REPORTED_KEYS if key in counted.reported),
        unit_column=tuple(counted.units),
        name_column=tuple(counted.names),
        vote_column=tuple(counted.votes),
    )


def _units(
    table: _Table, rows: list[int], cells: dict[str, list[str]]
) -> tuple[str, list[list[str]], list[bool] | None]:
    """The unit label, the location columns down to it, and which rows total units."""
    levels = [name for name in UNIT_COLUMNS if name in cells]
    filled = [name for name in levels if any(cells[name])]
    if not filled:
        raise table.error(rows[0], f"row names no unit: its {' and '.join(levels)} cells are empty")
    label = filled[-1]
    parts = [cells[name] for name in levels[: levels.index(label) + 1]]
    aggregate: list[bool] | None = None
    for column in parts:
        totals = {value for value in set(column) if value.casefold() in TOTAL_UNITS}
        if totals:
            marked = aggregate or [False] * len(rows)
            aggregate = [done or cell in totals for done, cell in zip(marked, column, strict=True)]
    finest = parts[-1]
    if "" in finest:
        other = next(position for position, cell in enumerate(finest) if cell)
        for position, cell in enumerate(finest):
            if not cell and not (aggregate and aggregate[position]):
                raise table.error(
                    rows[position],
                    f"row has no {label}, but other rows of this contest have one (line {table.line(rows[other])})",
                    f"give every row of the contest its {label}: rows for larger areas mixed with {label}s "
                    "would count their votes twice",
                )
    return label, parts, aggregate


def _unit_names(parts: list[list[str]]) -> list[str]:
    """Each row's unit: its location cells joined, coarsest first ("Autauga / 10 JONES")."""
    if len(parts) == 1:
        return parts[0]
    if all("" not in column for column in parts):
        return list(map(" / ".join, zip(*parts, strict=True)))
    return [" / ".join(part for part in row if part) for row in zip(*parts, strict=True)]


def _regular(idents: list[str], parts: list[list[str]]) -> tuple[int, list[str]]:
    """The block size and the blocks' units when the rows list unit after unit, each naming the
    same candidates in the same order (as OpenElections files do); 0 for any other layout.

    Such a layout can be confirmed with slices and list comparisons that run in C, and rules out
    a unit naming a candidate twice without building a key for every row.
    """
    width = len(set(idents))
    if len(idents) % width:
        return 0, []
    block = idents[:width]
    if len(set(block)) != width or idents != block * (len(idents) // width):
        return 0, []
    heads = [column[::width] for column in parts]
    for column, head in zip(parts, heads, strict=True):
        if any(column[offset::width] != head for offset in range(1, width)):
            return 0, []
    units = _unit_names(heads)
    if len(set(units)) != len(units):
        return 0, []
    return width, units


def _check_modes(
    table: _Table, rows: list[int], votes: list[int | None], modes: list[str], counts: list[list[int | None]]
) -> None:
    """The vote modes of a row add up to no more than its votes (missing modes count 0)."""
    filled = [column if None not in column else [value or 0 for value in column] for column in counts]
    sums = list(map(sum, zip(*filled, strict=True)))
    if None not in votes and not any(map(int.__gt__, sums, votes)):  # type: ignore[arg-type]
        return
    for position, (total, summed) in enumerate(zip(votes, sums, strict=True)):  # pragma: no branch
        if total is None:
            if any(column[position] is not None for column in counts):
                raise table.error(
                    rows[position],
                    "votes is empty but the vote modes are filled",
                    "give the row's total in votes (the vote modes split it by how the votes were cast)",
                )
        elif summed > total:
            detail = " + ".join(
                f"{name} {column[position]}" for name, column in zip(modes, counts, strict=True) if column[position]
            )
            raise table.error(
                rows[position],
                f"the vote modes add up to {summed} ({detail}), more than votes {total}",
                "the vote-mode columns split votes by how they were cast: their sum cannot exceed it",
            )


def _duplicates(
    table: _Table, rows: list[int], keys: list[tuple[str, str, str]], units: list[str], names: list[str], label: str
) -> NoReturn:
    """Name the first row that repeats another, or gives a unit's votes for a candidate twice."""
    seen_rows: dict[tuple[str, ...], int] = {}
    seen_keys: dict[tuple[str, str, str], int] = {}
    for position, (row, key) in enumerate(zip(rows, keys, strict=True)):  # pragma: no branch
        cells = tuple(column[row] for column in table.columns)
        if cells in seen_rows:
            raise table.error(row, f"row repeats line {table.line(seen_rows[cells])} exactly", "remove the duplicate")
        seen_rows[cells] = row
        if key in seen_keys:
            what = "write-ins" if _kind(names[position]) == WRITE_IN else names[position]
            raise table.error(
                row,
                f"{label} {units[position]!r} gives votes for {what!r} twice (first on line {table.line(seen_keys[key])})",
                "give each candidate once per unit and contest",
            )
        seen_keys[key] = row
    raise AssertionError("no duplicate found")  # pragma: no cover


class _Counted:
    """The long form by unit (candidates and write-ins), totals, and the counts reported beside."""

    def __init__(
        self,
        units: list[str],
        names: list[str],
        votes: list[int],
        reported: dict[str, int],
        totals: dict[str, int] | None = None,
    ) -> None:
        self.units = units
        self.names = names
        self.votes = votes
        self.reported = reported
        self._totals = totals

    @property
    def totals(self) -> dict[str, int]:
        """Each name's votes over the units."""
        if self._totals is None:
            totals: dict[str, int] = {}
            for name, count in zip(self.names, self.votes, strict=True):
                totals[name] = totals.get(name, 0) + count
            self._totals = totals
        return self._totals

    def merge_party_lines(self) -> None:
        """A candidate on several party lines in a unit (fusion) is one entry, their sum."""
        merged: dict[tuple[str, str], int] = {}
        for pair, count in zip(zip(self.units, self.names, strict=True), self.votes, strict=True):
            merged[pair] = merged.get(pair, 0) + count
        self.units = [unit for unit, _ in merged]
        self.names = [name for _, name in merged]
        self.votes = list(merged.values())

    @classmethod
    def regular(
        cls,
        table: _Table,
        rows: list[int],
        width: int,
        units: list[str],
        idents: list[str],
        votes: list[int],
    ) -> _Counted:
        """Blocks of ``width`` rows, one per unit: every column is sliced, nothing is looped over."""
        block = idents[:width]
        kind_of = {ident: (ident if ident in REPORTED_KEYS or ident in (WRITE_IN, TOTAL) else None) for ident in block}
        counted = [offset for offset, ident in enumerate(block) if kind_of[ident] in (None, WRITE_IN)]
        columns = [votes[offset::width] for offset in counted]
        unit_column = list(chain.from_iterable(zip(*repeat(units, len(counted)), strict=True)))
        name_column = [WRITE_INS if kind_of[block[offset]] else block[offset] for offset in counted] * len(units)
        vote_column = list(chain.from_iterable(zip(*columns, strict=True)))
        reported = {ident: sum(votes[offset::width]) for offset, ident in enumerate(block) if ident in REPORTED_KEYS}
        totals = {
            WRITE_INS if kind_of[block[offset]] else block[offset]: sum(column)
            for offset, column in zip(counted, columns, strict=True)
        }
        result = cls(unit_column, name_column, vote_column, reported, totals)
        if TOTAL in block:
            cast = list(map(sum, zip(*columns, strict=True))) if columns else [0] * len(units)
            spoiled_columns = [votes[offset::width] for offset, ident in enumerate(block) if ident in (OVER, UNDER)]
            spoiled = list(map(sum, zip(*spoiled_columns, strict=True))) if spoiled_columns else [0] * len(units)
            offset = block.index(TOTAL)
            for unit, (total, summed, extra) in enumerate(zip(votes[offset::width], cast, spoiled, strict=True)):
                if total != summed and total != summed + extra:
                    _total_mismatch(table, rows[unit * width + offset], units[unit], total, summed, extra)
        return result

    @classmethod
    def irregular(
        cls,
        table: _Table,
        rows: list[int],
        units: list[str],
        names: list[str],
        kinds: dict[str, str | None],
        votes: list[int | None],
        aggregate: list[bool] | None,
    ) -> _Counted:
        """Any other layout. Rows that total units or have no count are checked, not counted."""
        if aggregate is None and None not in votes:
            counts: list[int] = votes  # type: ignore[assignment]  # no None in it
            use = {name: kind in (None, WRITE_IN) for name, kind in kinds.items()}
            mask = list(map(use.__getitem__, names))
            entry = {name: WRITE_INS if kind else name for name, kind in kinds.items()}
            reported = {}
            for key in REPORTED_KEYS:
                spellings = {name for name, kind in kinds.items() if kind == key}
                if spellings:
                    reported[key] = sum(compress(counts, map(spellings.__contains__, names)))
            result = cls(
                list(compress(units, mask)),
                list(map(entry.__getitem__, compress(names, mask))),
                list(compress(counts, mask)),
                reported,
            )
            _check_totals(table, rows, units, names, kinds, votes, [True] * len(rows))
            return result
        unit_rows = [True] * len(rows) if aggregate is None or all(aggregate) else [not flag for flag in aggregate]
        _check_gaps(table, rows, units, names, kinds, votes, unit_rows)
        result = cls([], [], [], {})
        for position, (unit, name, count) in enumerate(zip(units, names, votes, strict=True)):
            kind = kinds[name]
            if count is None or not unit_rows[position]:
                continue
            if kind is None or kind == WRITE_IN:
                result.units.append(unit)
                result.names.append(WRITE_INS if kind else name)
                result.votes.append(count)
            elif kind in REPORTED_KEYS:
                result.reported[kind] = result.reported.get(kind, 0) + count
        _check_totals(table, rows, units, names, kinds, votes, unit_rows)
        if aggregate is not None and not all(aggregate):
            _check_aggregates(table, rows, units, names, kinds, votes, aggregate, result)
        return result


def _check_gaps(
    table: _Table,
    rows: list[int],
    units: list[str],
    names: list[str],
    kinds: dict[str, str | None],
    votes: list[int | None],
    unit_rows: list[bool],
) -> None:
    """A unit reports the contest (a count for every candidate) or does not (no count at all)."""
    reporting: dict[str, int] = {}  # unit -> a candidate row with a count
    silent: dict[str, int] = {}  # unit -> a candidate row without
    for position, (unit, name, count) in enumerate(zip(units, names, votes, strict=True)):
        if kinds[name] is None and unit_rows[position]:
            (silent if count is None else reporting).setdefault(unit, position)
    for unit, position in silent.items():
        if unit in reporting:
            raise table.error(
                rows[position],
                f"votes is empty for {names[position]!r}, while other candidates in {unit!r} have counts "
                f"(line {table.line(rows[reporting[unit]])})",
                "write 0 for no votes; leave all of a unit's votes empty only where the contest was not on its ballot",
            )
    if not reporting:
        raise table.error(
            rows[0],
            f"no unit reports votes for {table.cells(OFFICE)[rows[0]]!r}: every candidate's votes cell is empty",
            "an empty votes cell means the source gave no count",
        )


def _check_totals(
    table: _Table,
    rows: list[int],
    units: list[str],
    names: list[str],
    kinds: dict[str, str | None],
    votes: list[int | None],
    unit_rows: list[bool],
) -> None:
    """A unit's Total row equals its candidates and write-ins, with or without its over and under
    votes (states count them either way). It is checked, never counted."""
    if TOTAL not in kinds.values():
        return
    cast: dict[str, int] = {}
    spoiled: dict[str, int] = {}
    for position, (unit, name, count) in enumerate(zip(units, names, votes, strict=True)):
        kind = kinds[name]
        if count is None or not unit_rows[position]:
            continue
        if kind is None or kind == WRITE_IN:
            cast[unit] = cast.get(unit, 0) + count
        elif kind in (OVER, UNDER):
            spoiled[unit] = spoiled.get(unit, 0) + count
    for position, (unit, name, count) in enumerate(zip(units, names, votes, strict=True)):
        if kinds[name] == TOTAL and count is not None and unit_rows[position]:
            summed, extra = cast.get(unit, 0), spoiled.get(unit, 0)
            if count != summed and count != summed + extra:
                _total_mismatch(table, rows[position], unit, count, summed, extra)


def _total_mismatch(table: _Table, row: int, unit: str, total: int, summed: int, extra: int) -> NoReturn:
    with_spoiled = f" ({summed + extra} with over and under votes)" if extra else ""
    raise table.error(
        row,
        f"the total for {unit!r} is {total}, but its candidates and write-ins add up to {summed}{with_spoiled}",
        "a total row must equal the rows it totals (it is checked, never counted)",
    )


def _check_aggregates(
    table: _Table,
    rows: list[int],
    units: list[str],
    names: list[str],
    kinds: dict[str, str | None],
    votes: list[int | None],
    aggregate: list[bool],
    counted: _Counted,
) -> None:
    """Each row for a total over units ("Total" as the county) equals the units it covers."""
    scopes: dict[int, str] = {}
    for position, flag in enumerate(aggregate):
        if flag and votes[position] is not None and kinds[names[position]] in (None, WRITE_IN):
            prefix = []
            for part in units[position].split(" / "):
                if part.casefold() in TOTAL_UNITS:
                    break
                prefix.append(part)
            scopes[position] = " / ".join(prefix)
    wanted = set(scopes.values())
    sums: dict[tuple[str, str], int] = {}
    for unit, name, count in zip(counted.units, counted.names, counted.votes, strict=True):
        parts = unit.split(" / ")
        for depth in range(len(parts)):
            scope = " / ".join(parts[:depth])
            if scope in wanted:
                sums[(scope, name)] = sums.get((scope, name), 0) + count
    for position, scope in scopes.items():
        name = WRITE_INS if kinds[names[position]] else names[position]
        summed = sums.get((scope, name), 0)
        if summed != votes[position]:
            where = f"the units in {scope!r}" if scope else "the units"
            raise table.error(
                rows[position],
                f"this total row gives {names[position]!r} {votes[position]} votes, but {where} add up to {summed}",
                "a row for a total over units is checked against them, never counted",
            )
