"""What a CVR reader is told: one cast-vote-record source as an RCTab configuration (or a race
file's ``ballots: {file: ..., format: ...}``) names it, and the candidates it may mention.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from electcli.errors import Location

# Characters of a file's text quoted in a message: a damaged cell can run to a megabyte
MAX_QUOTED = 60


def quoted(text: str) -> str:
    """``text`` quoted for a message (``repr``), cut short with its length when long."""
    if len(text) <= MAX_QUOTED:
        return repr(text)
    return f"{text[:MAX_QUOTED]!r}... ({len(text)} characters)"


@dataclass(frozen=True, slots=True)
class CandidateNames:
    """The contest's declared candidates, and the other spellings a CVR may use for them.

    ``aliases`` maps a spelling found in a CVR (an RCTab alias or candidate code) to the declared
    name. A name neither declared nor aliased is an error, never silently dropped, except the
    source's undeclared write-in label.
    """

    names: tuple[str, ...]
    aliases: Mapping[str, str] = field(default_factory=dict)

    def resolve(self, spelling: str) -> str | None:
        if spelling in self.aliases:
            return self.aliases[spelling]
        return spelling if spelling in self.names else None


@dataclass(frozen=True, slots=True)
class CvrSource:
    """One CVR file or folder and how to read it (RCTab's ``cvrFileSources`` entry).

    Column and row indices count from 1, as RCTab's configuration writes them; None when not given.
    """

    path: Path
    provider: str  # cdf | ess | dominion | hart | clearBallot | csv | nist_json | electcli_csv
    location: Location  # where the source is named (config file, line), for messages
    contest_id: str | None = None
    first_vote_column: int | None = None
    first_vote_row: int | None = None
    id_column: int | None = None
    batch_column: int | None = None
    precinct_column: int | None = None
    overvote_delimiter: str | None = None
    overvote_label: str | None = None
    skipped_rank_label: str | None = None
    undeclared_write_in_label: str | None = None
    treat_blank_as_undeclared_write_in: bool = False
    # Ranks a ballot may hold (RCTab's maxRankingsAllowed): column readers read only that many rank
    # columns, as RCTab does (ES&S sheets often carry a count column after them), and a ranking
    # beyond it is an error. None: as many as the file has.
    max_rankings: int | None = None
    file_path: str = ""  # ``path`` as the configuration writes it (RCTab's normalized CVR CSV shows it so)
