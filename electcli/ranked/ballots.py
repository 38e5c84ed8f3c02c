"""Ranked ballots, grouped: one entry per distinct ranking with how many ballots carry it.

Readers never build one object per ballot. They intern candidate names to small integers and
count identical rankings in a dict as they read (``BallotGrouper``), so a million ballots with
ten candidates become a few tens of thousands of entries.

A ranking is a tuple of ranks, first choice first. Each rank is a tuple of the candidate indices
marked at that rank, sorted:

- ``()`` is a skipped rank (nothing marked),
- one index is an ordinary choice,
- two or more indices are an overvote at that rank,
- ``OVERVOTE`` among them is an explicit overvote marker (some CVR formats write a label such as
  "overvote" instead of the names).

Trailing skipped ranks carry no meaning (a ballot with nothing after them is exhausted either way)
and are dropped, so rankings that differ only there group together.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

OVERVOTE = -1  # an explicit overvote marker at a rank

Rank = tuple[int, ...]
Ranking = tuple[Rank, ...]


@dataclass(frozen=True, slots=True, eq=False)  # a container: compared by identity
class BallotGroups:
    """Every ballot of one contest, grouped by ranking.

    ``candidates`` are the contest's candidates in declared order; indices in ``rankings`` point
    into it. ``counts[i]`` ballots carry ``rankings[i]``. ``undeclared_write_in`` is the index of
    the pseudo-candidate standing for undeclared write-ins, when the source has one (RCTab
    counts them like a candidate who can be eliminated but, in its rules, never elected).
    """

    candidates: tuple[str, ...]
    rankings: tuple[Ranking, ...]
    counts: tuple[int, ...]
    source: str = ""  # the file the ballots came from, for messages ("" when inline)
    undeclared_write_in: int | None = None
    # ballots by slice (RCTab's "tabulate by"), when the source says which precinct or batch each
    # ballot is from: kind ("precinct" or "batch") -> slice id -> {index into rankings: ballots}
    slices: Mapping[str, Mapping[str, Mapping[int, int]]] = field(default_factory=dict)
    # the source says where each ballot is from, but the reader was not asked for it (kept_ids):
    # results by slice would be empty, so they are refused rather than given
    slices_unread: bool = False
    # what the readers found worth saying but not refusing (a CVR whose last line has no line end),
    # each naming its file; the CLI prints them on stderr
    warnings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if len(self.rankings) != len(self.counts):
            raise ValueError("rankings and counts must be parallel")

    @property
    def total(self) -> int:
        return sum(self.counts)

    def slice(self, kind: str, slice_id: str) -> BallotGroups:
        """The ballots of one slice (a precinct, a batch), with the contest's candidates."""
        members = self.slices[kind][slice_id]
        return BallotGroups(
            candidates=self.candidates,
            rankings=tuple(self.rankings[i] for i in members),
            counts=tuple(members.values()),
            source=self.source,
            undeclared_write_in=self.undeclared_write_in,
        )


class BallotGrouper:
    """Builds ``BallotGroups`` as ballots are read, counting identical rankings once."""

    # whether each ballot is kept as read (electcli.ranked.ballot_log): readers then pass ids to
    # ``add_in`` that a count never needs
    keeps_ballots = False

    def __init__(self, candidates: Iterable[str], undeclared_write_in: str | None = None) -> None:
        self.candidates: list[str] = list(candidates)
        self.index: dict[str, int] = {name: i for i, name in enumerate(self.candidates)}
        self._uwi = undeclared_write_in
        if undeclared_write_in is not None and undeclared_write_in not in self.index:
            self.index[undeclared_write_in] = len(self.candidates)
            self.candidates.append(undeclared_write_in)
        self.groups: dict[Ranking, int] = {}
        # kind -> slice id -> ranking -> ballots, for sources that say where each ballot is from
        self.slices: dict[str, dict[str, dict[Ranking, int]]] = {}
        self.slices_unread = False  # see BallotGroups.slices_unread
        self.warnings: list[str] = []

    @property
    def ballots(self) -> int:
        """How many ballots were added so far."""
        return sum(self.groups.values())

    def warn(self, text: str) -> None:
        """Keep a warning for the user (readers never print); once per text."""
        if text not in self.warnings:
            self.warnings.append(text)

    @property
    def undeclared_write_in(self) -> int | None:
        """Index of the undeclared write-in pseudo-candidate; None when the contest has none.

        CVR readers map a source's undeclared write-in label (or a format's own write-in flag) here.
        """
        return None if self._uwi is None else self.index[self._uwi]

    def add(self, ranking: Ranking, count: int = 1) -> None:
        """Count ``count`` ballots with ``ranking`` (already in index form)."""
        while ranking and not ranking[-1]:
            ranking = ranking[:-1]
        groups = self.groups
        groups[ranking] = groups.get(ranking, 0) + count

    def spelled(self, index: int, spelling: str) -> int:
        """The index a reader puts in a ranking for candidate ``index`` found as ``spelling`` (an
        alias, a vendor's candidate code). A count needs only the candidate: ``index`` itself. A
        grouper that keeps each ballot as read (ballot_log) gives a code that also keeps the
        spelling, and turns it back into ``index`` as the ballot is added."""
        return index

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
        """Count one ballot with ``ranking``, from a precinct and batch (None: the source does not say).

        Readers whose source has a precinct, batch or id column call this instead of ``add``, so
        that results can be broken down by slice; the grouping itself is the same. ``ballot_id``
        (the source's id for the ballot) and the other ids a vendor's record carries (the
        tabulator, the precinct portion, the contest's id in the file) are kept only when
        ballots are written back out (electcli.ranked.ballot_log).
        """
        while ranking and not ranking[-1]:
            ranking = ranking[:-1]
        groups = self.groups
        groups[ranking] = groups.get(ranking, 0) + 1
        for kind, slice_id in (("precinct", precinct), ("batch", batch)):
            if slice_id is not None:
                members = self.slices.setdefault(kind, {}).setdefault(slice_id, {})
                members[ranking] = members.get(ranking, 0) + 1

    def build(self, source: str = "") -> BallotGroups:
        rankings = tuple(self.groups)
        position = {ranking: i for i, ranking in enumerate(rankings)} if self.slices else {}
        return BallotGroups(
            candidates=tuple(self.candidates),
            rankings=rankings,
            counts=tuple(self.groups.values()),  # in the order of rankings
            source=source,
            undeclared_write_in=None if self._uwi is None else self.index[self._uwi],
            slices={
                kind: {
                    slice_id: {position[ranking]: n for ranking, n in members.items()}
                    for slice_id, members in by_id.items()
                }
                for kind, by_id in self.slices.items()
            },
            warnings=tuple(self.warnings),
            slices_unread=self.slices_unread,
        )
