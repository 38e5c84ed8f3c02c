"""The OpenElections layout's names: columns, vote modes, pseudo-candidates and party spellings.

Every other module of the reader asks these what a header cell, a candidate or a location means,
so the spellings gathered from the data repositories are kept in one place."""

from __future__ import annotations

import re

from electcli.values import MAX_COUNT_DIGITS

__all__ = ["MAX_COUNT_DIGITS"]  # the one limit on digits, values.py's

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
# Other columns OpenElections files carry that hold no votes and cannot tell two contests apart
# (a row's percentage, the winner or incumbent flag, identifiers beside the names, notes). They
# are read past; any other header cell is refused, because a column electcli does not read could
# be one that splits contests (a misspelt ``district``) or holds votes.
IGNORED_COLUMNS = frozenset(
    {
        "total_votes", "totalvotes", "pct", "percent", "percentage", "vote_percent", "winner",
        "incumbent", "candidate_id", "precinct_id", "county_id", "fips", "geoid", "notes", "note",
    }
)  # fmt: skip

HEADER_HINT = "an OpenElections file starts with a header such as county,precinct,office,district,party,candidate,votes"
COUNT_HINT = "a vote count is a whole number such as 1808 (OpenElections also allows 1808.0)"

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


def district_key(value: str) -> str:
    """A district as matched: case-folded, and ``02`` the same as ``2`` (leading zeros dropped as
    text: no int(), whatever the length)."""
    folded = value.casefold()
    return (folded.lstrip("0") or "0") if folded.isdigit() and folded.isascii() else folded


def district_order(key: str) -> tuple[int, int, str]:
    """Numbered districts first, in numeric order (shorter is smaller: keys have no leading zero)."""
    return (0, len(key), key) if key.isdigit() and key.isascii() else (1, 0, key)


def party_key(value: str) -> str:
    folded = value.casefold()
    return PARTY_ALIASES.get(folded, folded)


def normalised(name: str) -> str:
    """Lower case, every run of other characters than letters and digits one space."""
    return " ".join(re.findall(r"[0-9a-z]+", name.casefold()))


def pseudo_kind(name: str) -> str | None:
    """What a pseudo-candidate reports (None for a real candidate)."""
    return PSEUDO_CANDIDATES.get(normalised(name))


def is_vote_mode(name: str) -> bool:
    return name in VOTE_MODES or (name.endswith("_votes") and name not in NOT_VOTE_MODES)
