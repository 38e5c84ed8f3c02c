"""Every ballot as read, one record each, for ``electcli ballots`` (cast vote records written back
out). A count never needs this: ``LoggingGrouper`` is a ``BallotGrouper`` that also keeps, in
reading order, each ballot's source, its place in that source, its ranking, and the ids its
record carries (precinct, batch, the source's own id for it; a Dominion record's tabulator, a
precinct portion, the contest's id in the file). Only ``electcli ballots`` builds one, so
``tally`` stays as fast and as small.

It also keeps how the source spelt each candidate (an alias, a Dominion or Hart candidate code),
as RCTab keeps it for its CDF report: a reader asks ``spelled`` for a code standing for the
candidate in that spelling, and puts the code in the ranking; the grouper counts the candidate,
and keeps the ranking with its codes beside the record. The codes start at ``SPELLED``, beyond
any candidate index. Readers give it an overvote's candidates in the order the source lists them
(``ranking_from_marks(in_order=...)``), and it keeps that order beside the record too: RCTab's
normalized CSV lists them so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from electcli.ranked.ballots import BallotGrouper, Ranking

SPELLED = 1 << 24  # codes from here on stand for a candidate as a source spelt them


@dataclass(frozen=True, slots=True)
class BallotRecord:
    source: int  # which source (0-based, in the configuration's order)
    number: int  # its place among that source's ballots, from 1
    ranking: Ranking  # trailing skipped ranks dropped, as grouped
    precinct: str | None = None
    batch: str | None = None
    supplied_id: str | None = None  # the source's own id for it (an id column, a record id), when it has one
    tabulator: str | None = None  # the tabulator that read it (Dominion, Clear Ballot's scan computer)
    portion: str | None = None  # its precinct portion (Dominion's name for it; Hart's precinct split id)
    contest: str | None = None  # the contest's id in the source (Dominion, Hart, Clear Ballot), as RCTab shows it
    # the ranking as read, where it differs from ``ranking``: codes (SPELLED + k) where a candidate
    # was found under another spelling, an overvote's candidates in the order the source gives them
    as_read: Ranking | None = None


class LoggingGrouper(BallotGrouper):
    keeps_ballots = True

    def __init__(self, candidates: Iterable[str], undeclared_write_in: str | None = None) -> None:
        super().__init__(candidates, undeclared_write_in)
        self.records: list[BallotRecord] = []
        self.source = 0
        self._number = 0
        self.spellings: list[tuple[int, str]] = []  # code - SPELLED -> (candidate index, spelling)
        self._codes: dict[tuple[int, str], int] = {}
        # a ranking as a reader gave it -> (the candidates' ranking, the one with codes or None)
        self._read: dict[Ranking, tuple[Ranking, Ranking | None]] = {}

    def start_source(self, source: int) -> None:
        """The ballots added from now on come from source number ``source``."""
        self.source = source
        self._number = 0

    def spelled(self, index: int, spelling: str) -> int:
        key = (index, spelling)
        code = self._codes.get(key)
        if code is None:
            code = self._codes[key] = SPELLED + len(self.spellings)
            self.spellings.append(key)
        return code

    def _split(self, ranking: Ranking) -> tuple[Ranking, Ranking | None]:
        """The ranking a count groups (candidates, each rank's sorted) and, when it differs, the
        ranking as read (codes for spellings; an overvote's candidates in the source's order)."""
        while ranking and not ranking[-1]:
            ranking = ranking[:-1]
        known = self._read.get(ranking)
        if known is None:
            spellings = self.spellings
            canonical = tuple(
                tuple(sorted(spellings[c - SPELLED][0] if c >= SPELLED else c for c in rank)) for rank in ranking
            )
            known = (ranking, None) if canonical == ranking else (canonical, ranking)
            self._read[ranking] = known
        return known

    def _log(self, ranking: Ranking, as_read: Ranking | None, **ids: str | None) -> None:
        self._number += 1
        self.records.append(BallotRecord(self.source, self._number, ranking, as_read=as_read, **ids))

    def add(self, ranking: Ranking, count: int = 1) -> None:
        canonical, as_read = self._split(ranking)
        super().add(canonical, count)
        for _ in range(count):
            self._log(canonical, as_read)

    def add_in(
        self,
        ranking: Ranking,
        precinct: str | None,
        batch: str | None,
        ballot_id: str | None = None,
        *,
        tabulator: str | None = None,
        portion: str | None = None,
        contest: str | None = None,
    ) -> None:
        canonical, as_read = self._split(ranking)
        super().add_in(canonical, precinct, batch, ballot_id)
        self._log(
            canonical,
            as_read,
            precinct=precinct,
            batch=batch,
            supplied_id=ballot_id,
            tabulator=tabulator,
            portion=portion,
            contest=contest,
        )
