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
  ``007``, negatives and anything else are refused). Quoted ``"1,808"`` is accepted too.
* An empty ``votes`` cell means the source reported no count for that row: typically a district
  contest that was not on a unit's ballot. A unit whose candidate and write-in rows are all empty
  did not report the contest and is left out of the breakdown; a unit that reports some of them
  and leaves others empty is an error (write 0 for no votes: write-ins count in the total), and so
  is a contest with no count at all. Empty over/under votes, turnout and total rows report nothing
  and add nothing. An empty
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

Modules, in the order a contest is read: ``conventions`` (column names and the spellings of
pseudo-candidates, turnout offices and parties), ``table`` (the file's cells by column, and the line
of a row), ``contests`` (``list_contests`` and ``read_contest``: how an office splits into contests,
and the rows of the one asked for), ``contest_rows`` (one contest's units, candidates and totals),
``counts`` (vote cells read and checked) and ``totals`` (the long form by unit and the checks of
empty counts and total rows).
"""

from __future__ import annotations

from electcli.readers.openelections.contest_rows import OpenElectionsContest
from electcli.readers.openelections.contests import ContestKey, list_contests, read_contest
from electcli.readers.openelections.conventions import PSEUDO_CANDIDATES

__all__ = ["PSEUDO_CANDIDATES", "ContestKey", "OpenElectionsContest", "list_contests", "read_contest"]
