"""Cast-vote-record readers: each reads one ``CvrSource`` into a shared ``BallotGrouper``.

Several sources (an RCTab configuration may name many) feed one grouper, so identical rankings
from different files group together. Readers are imported only when their format is used.
"""

from __future__ import annotations

import importlib
from typing import Protocol

from electcli.errors import InputError
from electcli.progress import progress
from electcli.ranked.ballots import BallotGrouper
from electcli.readers.cvr.source import CandidateNames, CvrSource


class CvrReader(Protocol):
    def __call__(self, source: CvrSource, candidates: CandidateNames, grouper: BallotGrouper) -> None: ...


# provider -> (module under electcli.readers.cvr, function name)
READERS: dict[str, tuple[str, str]] = {
    "cdf": ("cdf", "read_cdf"),  # NIST SP 1500-103 CDF, JSON or XML (by extension)
    "nist_json": ("cdf", "read_cdf"),
    "ess": ("ess", "read_ess"),  # ES&S xlsx
    "csv": ("generic_csv", "read_generic_csv"),  # RCTab's generic CSV
    "dominion": ("dominion", "read_dominion"),
    "hart": ("hart", "read_hart"),
    "clearBallot": ("clear_ballot", "read_clear_ballot"),
    "electcli_csv": ("rank_columns", "read_rank_columns"),  # ranked-choice.md: one column per rank
}


def read_cvr(source: CvrSource, candidates: CandidateNames, grouper: BallotGrouper) -> None:
    """Read one source into ``grouper``; an unknown provider is an input error."""
    if source.provider not in READERS:
        known = ", ".join(sorted(READERS))
        raise InputError(source.location, f"unknown CVR provider {source.provider!r}", f"use one of: {known}")
    module_name, function_name = READERS[source.provider]
    module = importlib.import_module(f"electcli.readers.cvr.{module_name}")
    reader: CvrReader = getattr(module, function_name)
    progress(f"reading {source.path.name}")
    reader(source, candidates, grouper)
