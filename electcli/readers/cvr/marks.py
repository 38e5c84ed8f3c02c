"""From what a vendor CVR marks to the grouper's ranking form, shared by the vendor readers.

Every vendor format ends up saying the same thing about a ballot: a list of marks, each a rank
number and a candidate spelling (an id, a code or a name). ``CandidateIndex`` turns spellings into
the grouper's candidate indices, the way RCTab does: the source's undeclared write-in label means
the undeclared write-in candidate, its overvote label means an explicit overvote, anything else
must be a declared candidate or one of its aliases. An unknown spelling is an input error naming
where it was found, never a dropped mark. ``ranking_from_marks`` then builds the ranking: marks at
the same rank form an overvote, ranks with no mark are skipped ranks. A candidate found under an
alias or a code comes back as whatever index ``BallotGrouper.spelled`` gives, so that a grouper
that keeps ballots as read also keeps the spelling.
"""

from __future__ import annotations

from collections.abc import Iterable

from electcli.errors import InputError, Location
from electcli.ranked.ballots import OVERVOTE, BallotGrouper, Rank, Ranking
from electcli.readers.cvr.source import CandidateNames, CvrSource, quoted

# No ballot has a thousand ranks; a rank number beyond this is a corrupt file, and building a
# ranking that long for it (RCTab allocates one slot per rank up to the highest) would only waste
# memory.
MAX_RANK = 1000
# What Java's String.trim() takes off both ends of a cell (every character up to U+0020), as
# RCTab reads cells; a Unicode space or line separator around a rank is not trimmed, and refused.
JAVA_BLANKS = "".join(map(chr, range(33)))

UWI_HINT = (
    "name the source's undeclared write-in label (RCTab: undeclaredWriteInLabel) so write-ins "
    "count for the undeclared write-in candidate"
)


class CandidateIndex:
    """Resolves the spellings one source uses to candidate indices, remembering each answer."""

    def __init__(self, source: CvrSource, candidates: CandidateNames, grouper: BallotGrouper) -> None:
        self._source = source
        self._candidates = candidates
        self._grouper = grouper
        self._uwi_label = source.undeclared_write_in_label or None
        self._overvote_label = source.overvote_label or None
        self._known: dict[str, int] = {}

    @property
    def write_in_index(self) -> int | None:
        """The undeclared write-in candidate's index; None when the contest has none."""
        return self._grouper.undeclared_write_in

    def undeclared_write_in(self, where: Location) -> int:
        """The undeclared write-in candidate; an error when the contest has none."""
        index = self._grouper.undeclared_write_in
        if index is None:
            raise InputError(
                where,
                "an undeclared write-in is marked here, but the contest has no undeclared write-in candidate",
                UWI_HINT,
            )
        return index

    def lookup(self, spelling: str, where: Location, *other_spellings: str | None) -> int:
        """The index for ``spelling``; ``other_spellings`` (say, the name a manifest gives an id)
        are tried in turn when ``spelling`` itself is neither declared nor an alias."""
        known = self._known.get(spelling)
        if known is not None:
            return known
        if spelling == self._uwi_label:
            index = self.undeclared_write_in(where)
        elif spelling == self._overvote_label:
            index = OVERVOTE
        else:
            name = self._candidates.resolve(spelling)
            for other in other_spellings:
                if name is None and other:
                    name = self._candidates.resolve(other)
            if name is None:
                also = [repr(other) for other in other_spellings if other and other != spelling]
                named = f" ({', '.join(also)})" if also else ""
                raise InputError(
                    where,
                    f"candidate {quoted(spelling)}{named} is not a declared candidate of this contest",
                    "declare it, give it as an alias of a declared candidate, or set it as the "
                    "source's undeclared write-in label",
                )
            found = self._grouper.index.get(name)
            if found is None:  # declared to CandidateNames but not to the grouper: a wiring mistake
                raise InputError(self._source.location, f"candidate {name!r} is missing from the contest")
            # an alias or a code: the count needs the candidate, but a ballot written back out
            # says what its source said (RCTab's CDF report does)
            index = found if spelling == name else self._grouper.spelled(found, spelling)
        self._known[spelling] = index
        return index


def ranking_from_marks(
    marks: Iterable[tuple[int, int]],
    where: Location,
    allowed: int | None = None,
    in_order: bool = False,
    repeatable: int | None = None,
) -> Ranking:
    """The ranking for a ballot's ``(rank number, candidate index)`` marks, in any order.

    Several marks at one rank are an overvote (kept as they are, as RCTab counts them); a rank
    number with no mark is a skipped rank. One candidate marked twice at one rank is an error:
    RCTab would count an overvote, but whether the voter marked twice or the record was written
    twice cannot be known. ``repeatable`` is a candidate whose marks are distinct however alike
    (the undeclared write-in of a format that tells its write-in lines apart), and an explicit
    overvote is one whatever is repeated. A mark beyond ``allowed`` ranks (the contest's
    maxRankingsAllowed) is an error, as RCTab refuses such a ballot: it is never cut.
    The marks of one rank are sorted, so that the same ballot always groups the same way; with
    ``in_order`` (for a grouper that keeps ballots as read: it sorts them itself) they stay in the
    order given, the order RCTab lists an overvote's candidates in.
    """
    by_rank: dict[int, list[int]] = {}
    for rank, index in marks:
        if rank < 1 or rank > MAX_RANK:
            raise InputError(where, f"rank {rank} is out of range", f"ranks count from 1 to at most {MAX_RANK}")
        if allowed is not None and rank > allowed:
            raise InputError(
                where,
                f"rank {rank} is marked, but the contest allows {allowed} rankings",
                "check the ballot, or raise maxRankingsAllowed",
            )
        at_rank = by_rank.setdefault(rank, [])
        if index in at_rank and index != repeatable and index != OVERVOTE:
            raise InputError(
                where,
                f"one candidate is marked twice at rank {rank}: a mark written twice, or an overvote?",
                "a cast vote record marks each candidate once at a rank",
            )
        at_rank.append(index)
    if not by_rank:
        return ()
    empty: Rank = ()
    if in_order:
        return tuple(tuple(by_rank[r]) if r in by_rank else empty for r in range(1, max(by_rank) + 1))
    return tuple(tuple(sorted(by_rank[r])) if r in by_rank else empty for r in range(1, max(by_rank) + 1))


def single_contest(contest_id: str | None, available: list[str], where: Location, what: str) -> str:
    """The contest to read: the source's, or the only one the file has when the source names none."""
    if contest_id:  # RCTab configurations write "" for none
        return contest_id
    if len(available) == 1:
        return available[0]
    shown = ", ".join(repr(c) for c in available[:20]) or "none"
    raise InputError(
        where,
        f"the source names no contest and the {what} holds {len(available)}: {shown}",
        "name the contest (RCTab: contestId)",
    )
