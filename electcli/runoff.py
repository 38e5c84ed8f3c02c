"""``electcli runoff``: the race file for a runoff, from a contest that sends candidates to one.

Pure: takes tabulated results, returns YAML text. Names and labels are written as JSON strings,
which YAML reads back as exactly the same text (so ``Yes`` or ``0x1F`` stay names).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from electcli.errors import UsageError
from electcli.model import RaceFile
from electcli.tabulate.result import ADVANCE, RUNOFF_OUTCOME, TIE, WINNER, Result


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def pick(results: Sequence[Result], contest: str | None, path: str) -> list[Result]:
    """The contests to write runoffs for: the one named, or every one that goes to a runoff."""
    if contest is not None:
        chosen = [result for result in results if result.contest.name == contest]
        if not chosen:
            names = ", ".join(repr(result.contest.name) for result in results)
            raise UsageError(f"{path} has no contest named {contest!r} (its contests: {names})")
        result = chosen[0]
        if result.ranked is not None:
            raise UsageError(
                f"{contest!r} is a ranked-choice contest ({result.contest.rule.method}): its rounds decide it "
                "(an instant runoff), so it sends no one to a separate runoff"
            )
        if result.outcome == WINNER:
            raise UsageError(f"{contest!r} needs no runoff: {', '.join(result.winners)} won outright")
        if result.outcome == TIE:
            raise UsageError(
                f"{contest!r} has a tie for the last runoff place ({', '.join(result.tied)}): settle it (add a `tiebreak:` order decided by lot) before writing the runoff"
            )
        if result.outcome not in (RUNOFF_OUTCOME, ADVANCE):
            raise UsageError(
                f"{contest!r} is a {result.contest.rule.method} contest with outcome {result.outcome!r}; it sends no one to a runoff"
            )
        return chosen
    chosen = [result for result in results if result.outcome in (RUNOFF_OUTCOME, ADVANCE)]
    if not chosen:
        raise UsageError(f"no contest in {path} sends candidates to a runoff (name one with --contest to see why)")
    return chosen


def runoff_yaml(race: RaceFile, results: Sequence[Result], version: str) -> str:
    first = results[0].contest.name if len(results) == 1 else f"{len(results)} contests"
    lines = [
        f"# Runoff race file for {first}, written by electcli {version}",
        f"# from {race.path} (sha256 {race.sha256}).",
        "# Fill in each candidate's votes, then: electcli tally THIS_FILE",
        "election:",
        f"  name: {_q(_election_name(race.election.name, results))}",
    ]
    if race.election.jurisdiction:
        lines.append(f"  jurisdiction: {_q(race.election.jurisdiction)}")
    lines.append("contests:")
    for result in results:
        lines += [
            f"  - name: {_q(result.contest.name)}",
            "    rule: plurality  # between the candidates sent on, the most votes win",
            "    candidates:",
        ]
        for name in result.advancing:
            candidate = next(c for c in result.contest.candidates if c.name == name)
            party = f", party: {_q(candidate.party)}" if candidate.party else ""
            lines.append(f"      - {{name: {_q(name)}{party}, votes: 0}}  # fill in")
    return "\n".join(lines) + "\n"


def _election_name(name: str | None, results: Sequence[Result]) -> str:
    """ "2020 Alabama Primary Election (runoff)", or "Runoff" for a file that names no election."""
    kind = "runoff" if any(r.outcome == RUNOFF_OUTCOME for r in results) else "general election"
    return f"{name} ({kind})" if name else kind.capitalize()


def unfilled_notes(tallied: Sequence[tuple[RaceFile, Sequence[Result]]]) -> list[str]:
    """A note for each contest whose counts are all 0, such as a runoff file just written by
    ``electcli runoff``: its "tie at 0 votes" is votes not yet entered, not a result."""
    notes = []
    for race, results in tallied:
        for result in results:
            if result.total_votes == 0 and result.ranked is None:
                notes.append(
                    f"electcli: note: {race.path}: no votes have been entered for {result.contest.name!r} "
                    "(every count is 0): what it shows is not a result yet; fill in the votes and tally it again"
                )
    return notes
