"""Cast-vote-record readers: each reads one ``CvrSource`` into a shared ``BallotGrouper``.

Several sources (an RCTab configuration may name many) feed one grouper, so identical rankings
from different files group together. Readers are imported only when their format is used.

What holds for every reader is checked here, once: a source that yields no ballot at all is an
error (a contest id that matches nothing, a CVR that is not what it says, would otherwise count
as an empty contest and leave the winner to lot), and a CSV file whose last line has no line end
(perhaps cut short, on a line end or not) is accepted with a warning naming it.
"""

from __future__ import annotations

import importlib
from typing import Protocol

from electcli.errors import InputError
from electcli.ranked.ballots import BallotGrouper
from electcli.readers.cvr.files import ends_with_line_break
from electcli.readers.cvr.read_progress import reading
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
# Providers whose files are lines of text: a missing final line end may mean a file cut short
# (JSON and XML files cut short do not parse, and ES&S sheets are not text)
LINE_PROVIDERS = ("csv", "clearBallot", "electcli_csv")


def read_cvr(source: CvrSource, candidates: CandidateNames, grouper: BallotGrouper) -> None:
    """Read one source into ``grouper``; an unknown provider is an input error."""
    if source.provider not in READERS:
        known = ", ".join(sorted(READERS))
        raise InputError(source.location, f"unknown CVR provider {source.provider!r}", f"use one of: {known}")
    module_name, function_name = READERS[source.provider]
    module = importlib.import_module(f"electcli.readers.cvr.{module_name}")
    reader: CvrReader = getattr(module, function_name)
    before = grouper.ballots
    with reading(source.path):  # the file's name, and for a large file the bytes read so far
        reader(source, candidates, grouper)
    if grouper.ballots == before:
        contest = f" for contest {source.contest_id!r}" if source.contest_id else ""
        raise InputError(
            source.location,
            f"{source.path} holds no ballot{contest}",
            "check the contest id and that the file is the contest's cast vote records",
        )
    if source.provider in LINE_PROVIDERS and not ends_with_line_break(source.path):
        grouper.warn(f"{source.path}: the last line has no line end: is the file cut short?")
