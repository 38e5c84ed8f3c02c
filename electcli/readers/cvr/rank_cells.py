"""What one rank cell of electcli's CVR CSV stands for: a candidate, a skipped rank, an overvote.

A cell is read once per distinct spelling and remembered, so a million ballots cost a few dozen
look-ups here. A cell that names nobody is a ``CellProblem``; the caller knows where it is.
"""

from __future__ import annotations

from electcli.errors import InputError
from electcli.ranked.ballots import OVERVOTE, BallotGrouper, Rank
from electcli.readers.cvr.source import CandidateNames, CvrSource, quoted
from electcli.suggest import name_hint

OVERVOTE_DELIMITER = "|"  # RCTab's own examples use it for overvoteDelimiter
DIGITS = "0123456789"
MAX_HINTED = 200  # longest cell text compared with the names for a hint (a name is far shorter)


class CellProblem(Exception):
    """A rank cell that cannot be read; the caller adds where it is."""

    def __init__(self, problem: str, hint: str) -> None:
        super().__init__(problem)
        self.problem = problem
        self.hint = hint


class RankCells:
    """Turns rank cells into ranks (tuples of candidate indices, as ``BallotGrouper`` takes them)."""

    def __init__(self, source: CvrSource, candidates: CandidateNames, grouper: BallotGrouper) -> None:
        self.names = candidates.names
        self.delimiter = source.overvote_delimiter or OVERVOTE_DELIMITER
        # cell text -> rank; every plain spelling up front, so most rows never miss
        self.ranks: dict[str, Rank] = {"": ()}
        for name in candidates.names:
            self.ranks[name] = (grouper.index[name],)
        for alias, name in candidates.aliases.items():
            self.ranks[alias] = (grouper.index[name],)
        if source.overvote_label:
            self.ranks[source.overvote_label] = (OVERVOTE,)
        if source.skipped_rank_label:
            self.ranks[source.skipped_rank_label] = ()
        label = source.undeclared_write_in_label
        if label:
            if grouper.undeclared_write_in is None:  # the caller builds the grouper for the label
                raise InputError(source.location, "undeclared write-ins have no place in this contest's ballots")
            self.ranks[label] = (grouper.undeclared_write_in,)
        if source.treat_blank_as_undeclared_write_in:
            raise InputError(
                source.location,
                "treat_blank_as_undeclared_write_in does not apply to a CSV with one column per rank",
                "an empty cell here is a skipped rank; write the undeclared write-in label in the cell instead",
            )
        for spelling in self.ranks:
            parts = spelling.split(self.delimiter)
            if len(parts) > 1 and all(part.strip() in self.ranks for part in parts):
                # "Ana|Ben" would read both as this candidate and as an overvote of Ana and Ben
                raise InputError(
                    source.location,
                    f"candidate {spelling!r} contains the overvote delimiter {self.delimiter!r} between other names",
                    "rename the candidate, or choose another overvote delimiter",
                )
        # True when no valid cell can hold a digit: a digit in a rank cell is then always an error
        self.digit_free = not any(digit in spelling for spelling in (*self.ranks, self.delimiter) for digit in DIGITS)

    def rank(self, cell: str) -> Rank:
        """The rank ``cell`` stands for; ``CellProblem`` when it names no candidate."""
        known = self.ranks.get(cell)
        if known is not None:
            return known
        name = cell.strip()  # spaces around a name carry no meaning
        rank = self.ranks.get(name)
        if rank is None and self.delimiter in name:
            rank = self._overvote(name)
        if rank is None:
            raise CellProblem(f"{quoted(name)} is not a candidate in this contest", _hint(name, self.names))
        self.ranks[cell] = rank
        return rank

    def names_someone(self, cell: str) -> bool:
        # asked of header cells: a plain lookup, so that no hint is worked out for "rank1"
        name = cell.strip()
        if name in self.ranks:
            return bool(self.ranks[name])
        if not name or self.delimiter not in name:
            return False
        try:
            return bool(self.rank(cell))
        except CellProblem:
            return False

    def _overvote(self, name: str) -> Rank:
        marked: list[int] = []
        for part in (part.strip() for part in name.split(self.delimiter)):
            rank = self.ranks.get(part)
            if not part or rank is None or len(rank) != 1:
                how = f"an overvote joins names with {self.delimiter}: Ana{self.delimiter}Ben"
                if not part:
                    raise CellProblem(f"overvote {quoted(name)} has an empty name", how)
                raise CellProblem(
                    f"{quoted(part)} (in the overvote {quoted(name)}) is not a candidate in this contest",
                    f"{_hint(part, self.names)}; {how}",
                )
            marked.extend(rank)
        if len(set(marked)) != len(marked):
            raise CellProblem(f"overvote {quoted(name)} names a candidate twice", "name each candidate once")
        return tuple(sorted(marked))


def _hint(name: str, names: tuple[str, ...]) -> str:
    """Which candidate ``name`` may mean; nothing for a text far longer than a name (a damaged
    cell: comparing it letter by letter would take long and say nothing)."""
    return name_hint(name, names) if len(name) <= MAX_HINTED else "a rank cell holds a candidate's name"
