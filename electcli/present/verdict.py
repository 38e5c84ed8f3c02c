"""The one-line verdict for a contest, in plain words (shared by the table and the JSON)."""

from __future__ import annotations

from electcli.model import PLURALITY, RUNOFF
from electcli.present.words import join_names, n_votes, percent, points, threshold_words, votes
from electcli.tabulate.result import FAIL, LEADING, PASS, RUNOFF_OUTCOME, TIE, WINNER, Result


def verdict(result: Result) -> str:
    if result.outcome == LEADING:
        return _leading(result)
    text = _final(result)
    if result.decided_with_outstanding:
        outstanding = result.contest.outstanding or 0
        text += f", decided with {votes(outstanding)} ballot{'' if outstanding == 1 else 's'} still outstanding"
    return text


def reporting_words(result: Result) -> str:
    """How much of the count is in: "17 of 6,089 precincts reporting (0.3%)"."""
    contest = result.contest
    parts = []
    if contest.reporting is not None:
        reported, expected = contest.reporting.reported, contest.reporting.expected
        unit = (contest.results.by if contest.results and contest.results.by else "unit") + "s"
        # a share just short of complete never rounds up to 100%: it is shown to one more place
        share = percent_reporting(reported, expected)
        parts.append(f"{votes(reported)} of {votes(expected)} {unit} reporting ({share})")
    if contest.outstanding:
        ballots = "ballot" if contest.outstanding == 1 else "ballots"
        parts.append(f"up to {votes(contest.outstanding)} {ballots} outstanding")
    return " · ".join(parts)


def percent_reporting(reported: int, expected: int) -> str:
    """The share reported to a tenth, half up (17 of 6,089 is 0.3%); short of all is never 100.0%."""
    tenths = (reported * 2000 + expected) // (2 * expected)
    if reported < expected:
        tenths = min(tenths, 999)
    return f"{tenths // 10}.{tenths % 10}%"


def _leading(result: Result) -> str:
    """No call while a count is incomplete: who leads, what the counts so far would give."""
    projected = {
        PASS: "Yes is ahead of the threshold so far (would pass)",
        FAIL: "Yes is short of the threshold so far (would fail)",
    }.get(result.projected or "")
    if projected is None:
        leaders = join_names(list(result.leaders))
        would = {WINNER: "would win", RUNOFF_OUTCOME: "would go to a runoff", TIE: "tied"}.get(
            result.projected or "", "would advance"
        )
        projected = f"Leading: {leaders} ({would} on the counts so far)"
    return f"{projected} · {reporting_words(result)}; not final"


def _final(result: Result) -> str:
    if result.ranked is not None:
        from electcli.present.ranked_verdict import ranked_verdict

        return ranked_verdict(result)
    text = _decision(result)
    if result.total_votes == 0:
        text = f"No votes counted: {text}"
    if result.decided_by_lot:
        line = _line_votes(result)
        drawn = [s.candidate.name for s in result.standings if s.candidate.votes == line]
        text += f" (the tie between {join_names(drawn)} at {votes(line)} votes was decided by lot)"
    if result.recount and result.cutoff is not None and result.contest.recount is not None:
        text += f"; the margin of {n_votes(result.cutoff.votes)} ({points(result.cutoff.points)} points) is within the recount rule {result.contest.recount.text}"
    return text


def _line_votes(result: Result) -> int:
    return result.standings[result.line_after - 1].candidate.votes


def _decision(result: Result) -> str:
    contest = result.contest
    method = contest.rule.method
    threshold = contest.rule.threshold
    if result.outcome in (PASS, FAIL):
        assert threshold is not None
        yes = next(s for s in result.standings if s.candidate.name == "Yes")
        shown = percent(yes.share, threshold)
        if result.outcome == PASS:
            return f"Passes: Yes has {shown}, needing {threshold_words(threshold)}"
        short = f", {n_votes(result.short_of_threshold or 0)} short" if result.total_votes else " (no votes were cast)"
        return f"Fails: Yes has {shown}, needing {threshold_words(threshold)}{short}"
    if result.outcome == TIE:
        return _tie(result)
    through = list(result.winners or result.advancing)
    if result.outcome == WINNER:
        if len(result.standings) == 1:
            return f"{through[0]} is elected unopposed"
        if len(through) == 1:
            leader = result.standings[0]
            shown = percent(leader.share, threshold)
            if method == RUNOFF and threshold is not None:
                verb = "passing" if threshold.strict else "reaching"
                return f"{through[0]} wins with {shown}, {verb} {threshold.text.lstrip('>=')}"
            return f"{through[0]} wins with {shown}"
        return f"Elected: {join_names(through)}"
    if result.outcome == RUNOFF_OUTCOME:
        assert threshold is not None
        verb = "passed" if threshold.strict else "reached"
        nobody = f"No candidate {verb} {threshold.text.lstrip('>=')}"
        return f"{nobody}: {join_names(through)} {'advances' if len(through) == 1 else 'advance'} to a runoff"
    return f"{join_names(through)} {'advances' if len(through) == 1 else 'advance'}"


def _tie(result: Result) -> str:
    method = result.contest.rule.method
    tied = list(result.tied)
    line = votes(_line_votes(result))
    through = list(result.winners or result.advancing)
    open_places = result.line_after - len(through)
    if method == PLURALITY or result.threshold_met:
        what = "the seat" if result.line_after == 1 else f"the last {open_places} seat{'s' if open_places > 1 else ''}"
        done = f"{join_names(through)} {'is' if len(through) == 1 else 'are'} elected; " if through else ""
        return f"Tie: {done}{join_names(tied)} are tied at {line} votes for {what}, to be decided by lot or as the law provides"
    places = "the last place" if open_places == 1 else f"the last {open_places} places"
    prefix = ""
    if method == RUNOFF:
        threshold = result.contest.rule.threshold
        assert threshold is not None
        prefix = f"No candidate {'passed' if threshold.strict else 'reached'} {threshold.text.lstrip('>=')}; "
        places += " in the runoff"
    done = f"{join_names(through)} {'advances' if len(through) == 1 else 'advance'}; " if through else ""
    return f"Tie: {prefix}{done}{join_names(tied)} are tied at {line} votes for {places}"
