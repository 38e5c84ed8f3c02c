"""Incomplete counts (shared/spec/output.md, "Incomplete counts"): no call before the count allows it.

A contest with precincts still to report, or ballots still outstanding, is not called: its outcome
is ``leading``, with the outcome the current counts would give kept as ``projected``. The one
exception needs a known bound on the ballots still to come (``outstanding``): when no way of
casting them can change the outcome, the contest is decided, and says it was decided with votes
outstanding. Every test here is exact and errs towards ``leading``: a call that the remaining
ballots could overturn is the plausible wrong answer this module exists to prevent.
"""

from __future__ import annotations

from dataclasses import replace

from electcli.model import MEASURE, RUNOFF, Contest
from electcli.tabulate.result import FAIL, LEADING, PASS, TIE, TIED, TRAILING, WINNER, Result


def is_incomplete(contest: Contest) -> bool:
    """Whether the contest's own figures say that votes are still to come."""
    reporting, outstanding = contest.reporting, contest.outstanding
    return bool((reporting is not None and not reporting.complete) or (outstanding is not None and outstanding > 0))


def settle(result: Result) -> Result:
    """``result`` as the count's completeness allows: final, decided with votes outstanding, or leading."""
    contest = result.contest
    if not is_incomplete(contest):
        return result
    if contest.outstanding is not None and contest.ballots is None and _cannot_change(result, contest.outstanding):
        return replace(result, decided_with_outstanding=True)
    # Who is ahead: the places that would win or advance (tied ones included), in finishing order.
    ahead = {*result.winners, *result.advancing, *result.tied}
    leaders = tuple(s.candidate.name for s in result.standings if s.candidate.name in ahead)
    leading = set(leaders)
    standings = tuple(
        s._replace(status=None if s.status is None else LEADING if s.candidate.name in leading else TRAILING)
        for s in result.standings
    )
    return replace(
        result,
        outcome=LEADING,
        projected=result.outcome,
        leaders=leaders,
        winners=(),
        advancing=(),
        tied=(),
        standings=standings,
    )


def _cannot_change(result: Result, outstanding: int) -> bool:
    """Whether no way of casting ``outstanding`` more ballots can change the projected outcome.

    Each ballot gives any one candidate at most one vote (a vote-for-N ballot spreads its N votes
    over N different candidates), so the worst case for any pair is all of them going to the one
    behind; for a threshold, all of them going elsewhere (the total grows, the leader's votes do
    not), or all to the one who would cross it. A recount is part of the outcome: the margin
    must stay clear of it too.
    """
    if outstanding == 0:
        return True
    contest = result.contest
    threshold = contest.rule.threshold
    total = result.total_votes + outstanding * contest.seats
    if contest.rule.method == MEASURE:
        assert threshold is not None
        yes = next(s.candidate.votes for s in result.standings if s.candidate.name == "Yes")
        if result.outcome == PASS:
            return threshold.met(yes, total)
        if result.outcome == FAIL:
            return not threshold.met(yes + outstanding, total)
        return False
    if result.outcome == TIE or any(s.status == TIED for s in result.standings):
        return False
    # A tie the law sent on whole (more through than places): one more ballot breaks it.
    if len(result.advancing) > contest.rule.advance:
        return False
    # Whoever is through must stay ahead of whoever is not, by more than the outstanding ballots.
    if result.cutoff is not None and result.cutoff.votes <= outstanding:
        return False
    # Nor may the margin at the line come within a recount: at worst it shrinks by every
    # outstanding ballot while the total grows by all of their votes.
    if (
        contest.recount is not None
        and result.cutoff is not None
        and contest.recount.applies(result.cutoff.votes - outstanding, total)
    ):
        return False
    if contest.rule.method == RUNOFF:
        assert threshold is not None
        if result.outcome == WINNER:
            return threshold.met(result.standings[0].candidate.votes, total)
        # No runoff if anyone could still cross the threshold.
        return not any(threshold.met(s.candidate.votes + outstanding, total) for s in result.standings)
    return True
