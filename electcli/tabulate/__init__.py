"""Tabulation: pure functions from a ``Contest`` to a ``Result``. No I/O, no printing."""

from __future__ import annotations

from dataclasses import replace

from electcli.model import MEASURE, PLURALITY, RUNOFF, Contest
from electcli.tabulate.cutoff import Split, finishing_order, split_at
from electcli.tabulate.reconcile import gaps
from electcli.tabulate.result import (
    ADVANCE,
    ADVANCES,
    DEFEATED,
    ELECTED,
    FAIL,
    PASS,
    RUNOFF_OUTCOME,
    TIE,
    TIED,
    WINNER,
    Margin,
    Result,
    Standing,
    share_of,
)

__all__ = ["Result", "tabulate"]


def tabulate(contest: Contest) -> Result:
    """Decide one contest by its rule (shared/spec/race-file.md, "Rules")."""
    if contest.ballots is not None:  # ranked-choice: counted from the ballots (ranked-choice.md)
        from electcli.tabulate.ranked import tabulate_ranked_contest

        result = tabulate_ranked_contest(contest)
    else:
        result = _measure(contest) if contest.rule.method == MEASURE else _candidate_contest(contest)
        if contest.reported:
            found = gaps(contest)
            if found:
                result = replace(result, gaps=found)
    if contest.reporting is not None or contest.outstanding is not None:
        from electcli.tabulate.incomplete import settle

        result = settle(result)
    return result


def _margin(votes: int, total: int) -> Margin:
    return Margin(votes=votes, share=share_of(votes, total))


def _lead(split: Split, total: int) -> Margin | None:
    order = split.order
    return _margin(order[0].votes - order[1].votes, total) if len(order) > 1 else None


def _candidate_contest(contest: Contest) -> Result:
    total = contest.total_votes
    order = finishing_order(contest.candidates)
    method = contest.rule.method
    threshold = contest.rule.threshold
    threshold_met: bool | None = None
    short: int | None = None
    if method == PLURALITY:
        line_after, elects = contest.seats, True
    elif method == RUNOFF:
        assert threshold is not None
        leader = order[0].votes
        threshold_met = threshold.met(leader, total)
        short = 0 if threshold_met else threshold.votes_needed(total) - leader
        line_after, elects = (1, True) if threshold_met else (contest.rule.advance, False)
    else:  # top
        line_after, elects = contest.rule.advance, False
    # A law that sends every tied candidate on applies to places to advance, not to seats won.
    ties_advance = contest.rule.ties_advance and not elects
    split = split_at(order, line_after, contest.tiebreak, contest.tiebreak_location, ties_advance)

    through = tuple(candidate.name for candidate in split.through)
    tied = tuple(candidate.name for candidate in split.tied)
    if tied:
        outcome = TIE
    elif elects:
        outcome = WINNER
    else:
        outcome = RUNOFF_OUTCOME if method == RUNOFF else ADVANCE
    status_through = ELECTED if elects else ADVANCES
    through_set, tied_set = set(through), set(tied)
    standings = tuple(
        Standing(
            rank=rank,
            candidate=candidate,
            share=share_of(candidate.votes, total),
            status=status_through
            if candidate.name in through_set
            else TIED
            if candidate.name in tied_set
            else DEFEATED,
        )
        for rank, candidate in enumerate(split.order, start=1)
    )
    # Where the law sent every tied candidate on, the line falls after the last of them.
    line_after = max(line_after, len(split.through))
    cutoff = None
    if line_after < len(split.order):
        cutoff = _margin(split.order[line_after - 1].votes - split.order[line_after].votes, total)
    recount = bool(contest.recount and cutoff is not None and contest.recount.applies(cutoff.votes, total))
    return Result(
        contest=contest,
        outcome=outcome,
        total_votes=total,
        standings=standings,
        winners=through if elects else (),
        advancing=() if elects else through,
        tied=tied,
        line_after=line_after,
        decided_by_lot=split.decided_by_lot,
        recount=recount,
        lead=_lead(split, total),
        cutoff=cutoff,
        short_of_threshold=short,
        threshold_met=threshold_met,
    )


def _measure(contest: Contest) -> Result:
    threshold = contest.rule.threshold
    assert threshold is not None
    total = contest.total_votes
    yes = next(choice.votes for choice in contest.candidates if choice.name == "Yes")
    passed = threshold.met(yes, total)
    order = finishing_order(contest.candidates)
    standings = tuple(
        Standing(rank=rank, candidate=choice, share=share_of(choice.votes, total), status=None)
        for rank, choice in enumerate(order, start=1)
    )
    return Result(
        contest=contest,
        outcome=PASS if passed else FAIL,
        total_votes=total,
        standings=standings,
        winners=(),
        advancing=(),
        tied=(),
        line_after=1,
        decided_by_lot=False,
        recount=False,
        lead=_margin(order[0].votes - order[1].votes, total),
        cutoff=None,
        short_of_threshold=0 if passed else threshold.votes_needed(total) - yes,
        threshold_met=passed,
    )
