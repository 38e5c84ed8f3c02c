"""Whether the vendor CVR readers keep each ballot's ids (precinct, batch, tabulator, record) in
this run.

Dominion, Hart and Clear Ballot records always say which precinct, batch or tabulator each ballot
is from, and give it an id of its own; an ES&S or generic CSV source names such columns only when
its configuration asks for them. Keeping every ballot's precinct and batch costs memory in
proportion to the ballots (an entry per distinct ranking in each precinct and in each batch), and
a plain count never uses them. So these readers read the ids only when something will use them:
``electcli ballots`` (a grouper that keeps every ballot as read), or a ``tally`` asked for results
by slice (``--by-unit``, ``--slices-to``), which the command line says with ``slices_wanted``. A
context variable, like ``named_paths.allowed_folders``: it is a setting of the whole run, not a
parameter of every reader.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from electcli.ranked.ballots import BallotGrouper

_SLICES_WANTED: ContextVar[bool] = ContextVar("electcli_slices_wanted", default=False)


@contextmanager
def slices_wanted() -> Iterator[None]:
    """Results by precinct and batch are wanted while the block runs: the readers keep the ids."""
    token = _SLICES_WANTED.set(True)
    try:
        yield
    finally:
        _SLICES_WANTED.reset(token)


def keeps_ids(grouper: BallotGrouper) -> bool:
    """Whether a reader adding ballots to ``grouper`` should read and pass on their ids."""
    return grouper.keeps_ballots or _SLICES_WANTED.get()
