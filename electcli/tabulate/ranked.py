"""A ranked-choice contest's count, in the terms every other contest is reported in.

The engine (electcli.ranked.engine) gives the rounds; this module turns them into a ``Result``
with a finishing order, statuses and margins, so that check, diff and every output format treat
ranked contests like the others. Pure: no I/O.

Each candidate is reported with one figure, from the round that decided about them: the round
they were elected in, the round they were eliminated in, or (for a candidate still counted at the
end: tied, or beaten in the final round) the last round. ``total_votes`` is the first round's
continuing votes (every ballot that counted for a candidate), so shares are fractions of it.
"""

from __future__ import annotations

from fractions import Fraction
from typing import NamedTuple

from electcli.errors import InputError
from electcli.model import Candidate, Contest
from electcli.ranked.rounds import RankedResult
from electcli.ranked.rules import TIE_ORDER
from electcli.tabulate.result import DEFEATED, ELECTED, TIE, TIED, WINNER, Margin, Result, Standing, share_of

ELIMINATED = "eliminated"
CONTINUING = "continuing"  # still in a count that stopped on a tie for elimination


class Figure(NamedTuple):
    """A candidate's reported votes and the round they come from (0: never counted)."""

    round: int
    votes: Fraction
    continuing: Fraction  # every candidate's votes in that round together


def tabulate_ranked_contest(contest: Contest) -> Result:
    """Count a contest's ballots by its ranked-choice rules."""
    from electcli.ranked.engine import CountAbortedError, count_ranked  # only for ranked contests

    assert contest.ballots is not None and contest.ranked is not None
    try:
        ranked = count_ranked(contest.ballots, contest.ranked)
    except CountAbortedError as exc:  # the rules cannot carry this count on: the input's problem
        raise InputError(
            contest.location, f"contest {contest.name!r} cannot be counted: {exc}", "check its rules and ballots"
        ) from None
    _check_tiebreak_order(contest, ranked)
    return ranked_result(contest, ranked)


def _check_tiebreak_order(contest: Contest, ranked: RankedResult) -> None:
    """An order decided by lot must name every candidate in a tie it settles (race-file.md,
    "Ties"): one that leaves a tied candidate out does not say who goes, so it is an error."""
    rules = contest.ranked
    if rules is None or rules.tiebreak.mode != TIE_ORDER:
        return
    listed = set(rules.tiebreak.order)
    ballots = contest.ballots
    if rules.tiebreak.java_random and ballots is not None and ballots.undeclared_write_in is not None:
        # an RCTab configuration's candidate order never holds the undeclared write-ins; RCTab
        # settles a tie with them by the candidates its order holds (Tiebreak.doPermutationSelection),
        # and so does the count: that tie is decided, not left open
        listed.add(ballots.candidates[ballots.undeclared_write_in])
    ties = [(tie.round, tie.tied) for tie in ranked.ties if tie.how == "order"]
    if ranked.tied:
        ties.append((ranked.rounds[-1].number if ranked.rounds else 0, ranked.tied))
    for round_number, tied in ties:
        missing = [name for name in tied if name not in listed]
        if missing:
            raise InputError(
                contest.tiebreak_location or contest.location,
                f"the tiebreak order leaves out {', '.join(repr(name) for name in missing)}, tied with "
                f"{', '.join(repr(name) for name in tied if name not in missing) or 'each other'} in round {round_number}",
                "list every tied candidate in `tiebreak:` in the order decided by lot (or give {random: SEED})",
            )


def figures(ranked: RankedResult) -> dict[str, Figure]:
    """Each candidate's figure: from the round that elected or eliminated them, else the last."""
    found: dict[str, Figure] = {}
    decided: dict[str, int] = {}  # name -> the pass it was decided in (multi-pass counts start again)
    for round_ in ranked.rounds:
        active = round_.active
        for name, votes in round_.tally.items():
            if decided.get(name, 0) != round_.pass_number:
                found[name] = Figure(round_.number, votes, active)
        for name in (*round_.elected, *round_.eliminated):
            if name not in round_.tally:  # eliminated with no votes at all
                found[name] = Figure(round_.number, Fraction(0), active)
            decided[name] = round_.pass_number
    return found


def first_round_total(ranked: RankedResult) -> int:
    """The first round's continuing votes: whole, as every ballot counts 1 before any transfer."""
    if not ranked.rounds:
        return 0
    active = ranked.rounds[0].active
    return active.numerator // active.denominator


def elimination_tie(ranked: RankedResult) -> bool:
    """Whether the count stopped on a tie for elimination (others above the tied candidates were
    still in the count), rather than on a tie for a seat."""
    if not ranked.tied or not ranked.rounds:
        return False
    final = ranked.rounds[-1].tally
    line = min(final.get(name, Fraction(0)) for name in ranked.tied)
    return any(votes > line for name, votes in final.items() if name not in ranked.winners)


def statuses(ranked: RankedResult) -> dict[str, str]:
    """Each candidate's status at the end of the count.

    When the count stopped on a tie for elimination, the candidates above the tie are neither
    elected nor beaten: their status is ``continuing``.
    """
    status: dict[str, str] = {}
    if elimination_tie(ranked):
        for name in ranked.rounds[-1].tally:
            status[name] = CONTINUING
    for round_ in ranked.rounds:
        for name in round_.tally:  # counted again in a later pass of a multi-pass count
            if status.get(name) == ELIMINATED and name not in round_.eliminated:
                del status[name]
        for name in round_.eliminated:
            status[name] = ELIMINATED
    for name in ranked.tied:
        status[name] = TIED
    for name in ranked.winners:
        status[name] = ELECTED
    return status


def ranked_finishing_order(contest: Contest, ranked: RankedResult) -> list[str]:
    """Winners in the order elected, then those still counted at the end (tied or beaten) by their
    votes, then the eliminated, latest eliminated first; equal figures keep the file's order."""
    found = figures(ranked)
    status = statuses(ranked)
    position = {candidate.name: index for index, candidate in enumerate(contest.candidates)}
    last_out: dict[str, int] = {}
    for index, round_ in enumerate(ranked.rounds):
        for name in round_.eliminated:
            last_out[name] = index

    def key(name: str) -> tuple[int, int, Fraction, int]:
        figure = found.get(name, Figure(0, Fraction(0), Fraction(0)))
        # Tied and beaten candidates were both still counted at the end: their votes order them.
        group = {ELECTED: 0, TIED: 1, DEFEATED: 1, CONTINUING: 1, ELIMINATED: 3}[status.get(name, DEFEATED)]
        if group == 0:
            return (0, ranked.winners.index(name), Fraction(0), 0)
        return (group, -last_out.get(name, 0), -figure.votes, position.get(name, len(position)))

    names = [candidate.name for candidate in contest.candidates]
    names += [name for name in found if name not in position]
    return sorted(names, key=key)


def _whole(value: Fraction) -> int | None:
    return value.numerator if value.denominator == 1 else None


def ranked_result(contest: Contest, ranked: RankedResult) -> Result:
    total = first_round_total(ranked)
    found = figures(ranked)
    status = statuses(ranked)
    by_name = {candidate.name: candidate for candidate in contest.candidates}
    standings = []
    for rank, name in enumerate(ranked_finishing_order(contest, ranked), start=1):
        figure = found.get(name, Figure(0, Fraction(0), Fraction(0)))
        # ``Candidate.votes`` is a whole number everywhere else; a fractional stv figure is kept
        # exactly in the rounds, and rounded down here only for code that needs a count.
        votes = figure.votes.numerator // figure.votes.denominator
        base = by_name.get(name, Candidate(name=name, votes=0))
        standings.append(
            Standing(
                rank=rank,
                candidate=Candidate(name=name, votes=votes, party=base.party, write_in=base.write_in),
                share=figure.votes / total if total else Fraction(0),
                status=status.get(name, DEFEATED),
            )
        )
    lead = cutoff = None
    # Margins are the final round's gap between first and second, where one seat was filled by
    # whole votes (irv); an stv count has no one line to measure. When the final round holds one
    # candidate (a tie between the last two settled by lot eliminated the other), the gap is
    # measured in the last round that still held two: the tie's, so the lead is 0.
    compared = [round_ for round_ in ranked.rounds if len(round_.tally) > 1]
    if contest.seats == 1 and ranked.rounds:
        last = ranked.rounds[-1] if len(ranked.rounds[-1].tally) > 1 or not compared else compared[-1]
        final = sorted(last.tally.values(), reverse=True)
        if len(final) > 1 and _whole(final[0] - final[1]) is not None:
            gap = _whole(final[0] - final[1])
            assert gap is not None
            lead = cutoff = Margin(votes=gap, share=share_of(gap, total))
    return Result(
        contest=contest,
        outcome=TIE if ranked.tied else WINNER,
        total_votes=total,
        standings=tuple(standings),
        winners=ranked.winners,
        advancing=(),
        tied=ranked.tied,
        line_after=contest.seats,
        decided_by_lot=ranked.decided_by_lot,
        recount=False,
        lead=lead,
        cutoff=cutoff,
        short_of_threshold=None,
        threshold_met=None,
        ranked=ranked,
    )
