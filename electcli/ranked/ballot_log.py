"""Every ballot as read, one record each, for ``electcli ballots`` (cast vote records written back
out). A count never needs this: ``LoggingGrouper`` is a ``BallotGrouper`` that also keeps, in
reading order, each ballot's source, its place in that source, its ranking, precinct, batch and
the id the source gave it. Only ``electcli ballots`` builds one, so ``tally`` stays as fast.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from electcli.ranked.ballots import BallotGrouper, Ranking


@dataclass(frozen=True, slots=True)
class BallotRecord:
    source: int  # which source (0-based, in the configuration's order)
    number: int  # its place among that source's ballots, from 1
    ranking: Ranking  # trailing skipped ranks dropped, as grouped
    precinct: str | None = None
    batch: str | None = None
    supplied_id: str | None = None  # the source's own id for it (an id column), when it has one


class LoggingGrouper(BallotGrouper):
    keeps_ballots = True

    def __init__(self, candidates: Iterable[str], undeclared_write_in: str | None = None) -> None:
        super().__init__(candidates, undeclared_write_in)
        self.records: list[BallotRecord] = []
        self.source = 0
        self._number = 0

    def start_source(self, source: int) -> None:
        """The ballots added from now on come from source number ``source``."""
        self.source = source
        self._number = 0

    def _log(self, ranking: Ranking, precinct: str | None, batch: str | None, supplied_id: str | None) -> None:
        while ranking and not ranking[-1]:
            ranking = ranking[:-1]
        self._number += 1
        self.records.append(BallotRecord(self.source, self._number, ranking, precinct, batch, supplied_id))

    def add(self, ranking: Ranking, count: int = 1) -> None:
        super().add(ranking, count)
        for _ in range(count):
            self._log(ranking, None, None, None)

    def add_in(self, ranking: Ranking, precinct: str | None, batch: str | None, ballot_id: str | None = None) -> None:
        super().add_in(ranking, precinct, batch, ballot_id)
        self._log(ranking, precinct, batch, ballot_id)
