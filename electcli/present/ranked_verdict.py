"""The one-line verdict for a ranked-choice contest ("Ana wins in round 3 with 61 of 113
continuing votes (53.98%)"), shared by the table and the JSON."""

from __future__ import annotations

from fractions import Fraction

from electcli.present.words import join_names, percent
from electcli.ranked.rounds import TieDecision
from electcli.tabulate.ranked import Figure, elimination_tie, figures
from electcli.tabulate.result import Result

# Figures past the decimal point are shown to at most this many places (RCTab uses up to 4 or so).
SHOWN_PLACES = 4


def figure_text(value: Fraction) -> str:
    """A vote figure for people: whole numbers with separators, fractions rounded to a few places
    (JSON output has the exact values)."""
    if value.denominator == 1:
        return f"{value.numerator:,}"
    scaled = round(value * 10**SHOWN_PLACES)
    whole, part = divmod(abs(scaled), 10**SHOWN_PLACES)
    digits = f"{part:0{SHOWN_PLACES}d}".rstrip("0")
    text = f"{whole:,}" + (f".{digits}" if digits else "")
    return ("-" if scaled < 0 else "") + text


HOW = {
    "order": "by the tiebreak order",
    "permutation": "by a seeded permutation",
    "generate_permutation": "by a seeded permutation",
    "previous_round": "by the previous round's counts",
}


def _settled(tie: TieDecision) -> str:
    how = HOW.get(tie.how) or (f"by a draw (seed {tie.seed})" if tie.how == "random" else f"by {tie.how}")
    outcome = "eliminated" if tie.purpose == "elimination" else "elected"
    return f"round {tie.round}: {join_names(tie.tied)} tied, {join_names(tie.chosen)} {outcome} {how}"


# How a tie was settled by lot, in the verdict of a seat decided that way.
LOT = {
    "order": "the tiebreak order",
    "permutation": "a seeded permutation",
    "generate_permutation": "a seeded permutation",
}


def seat_by_lot(result: Result) -> TieDecision | None:
    """The tie that decided a single seat by lot, if one did: a tie settled by the tiebreak order
    or a draw that elected the winner, or whose elimination left the winner alone (the last two
    tied). A tie further down, or one the previous round's counts settled, is only listed."""
    ranked = result.ranked
    if ranked is None or result.contest.seats != 1 or len(ranked.winners) != 1 or ranked.passes:
        return None
    winner = ranked.winners[0]
    for tie in reversed(ranked.ties):
        if tie.how == "previous_round" or winner not in tie.tied:
            continue
        if tie.purpose != "elimination":
            return tie if winner in tie.chosen else None
        tally = next((round_.tally for round_ in ranked.rounds if round_.number == tie.round), {})
        if set(tally) - set(tie.chosen) == {winner}:  # the draw left the winner alone
            return tie
    return None


def _lot_text(result: Result, tie: TieDecision) -> str:
    ranked = result.ranked
    assert ranked is not None
    tally = next((round_.tally for round_ in ranked.rounds if round_.number == tie.round), {})
    votes = tally.get(tie.tied[0], Fraction(0))
    how = LOT.get(tie.how) or (f"a draw, seed {tie.seed}" if tie.how == "random" else tie.how)
    outcome = "eliminated" if tie.purpose == "elimination" else "elected"
    return (
        f"{ranked.winners[0]} wins: the seat was decided by lot ({how}) after {join_names(tie.tied)} tied at "
        f"{figure_text(votes)} votes each in round {tie.round} ({join_names(tie.chosen)} {outcome})"
    )


def ranked_verdict(result: Result) -> str:
    ranked = result.ranked
    assert ranked is not None
    found = figures(ranked)
    lot = seat_by_lot(result)
    text = _lot_text(result, lot) if lot is not None else _decision(result, found)
    if result.total_votes == 0 and ranked.rounds:
        text = f"No votes counted: {text}"
    others = [tie for tie in ranked.ties if tie is not lot]
    if others:
        text += " (ties settled: " + "; ".join(_settled(tie) for tie in others) + ")"
    return text


def _decision(result: Result, found: dict[str, Figure]) -> str:
    ranked = result.ranked
    assert ranked is not None
    winners = list(ranked.winners)
    if not ranked.rounds:
        return "No votes counted: no ballot ranked a candidate"
    if ranked.tied:
        tied = list(ranked.tied)
        figure = found[tied[0]]
        open_seats = result.contest.seats - len(winners)
        if elimination_tie(ranked):
            # tied at the bottom: the count cannot eliminate one of them without a rule for it
            return (
                f"Tie: {join_names(tied)} are tied at {figure_text(figure.votes)} votes in round {figure.round} "
                "for elimination, and the count cannot go on until it is settled, by lot or as the law "
                "provides (a `tiebreak:` in the race file settles it)"
            )
        done = f"{join_names(winners)} {'is' if len(winners) == 1 else 'are'} elected; " if winners else ""
        seats = (
            "the seat" if result.contest.seats == 1 else f"the last {open_seats} seat{'s' if open_seats != 1 else ''}"
        )
        return (
            f"Tie: {done}{join_names(tied)} are tied at {figure_text(figure.votes)} votes in round {figure.round} "
            f"for {seats}, to be decided by lot or as the law provides"
        )
    if len(result.contest.candidates) == 1 and winners:
        return f"{winners[0]} is elected unopposed"
    if result.contest.seats == 1 and len(winners) == 1:
        figure = found[winners[0]]
        share = percent(figure.votes / figure.continuing) if figure.continuing else "0.00%"
        needed = ranked.rounds[figure.round - 1].threshold
        # a threshold fixed in round 1 (Minneapolis) may stay out of reach as ballots exhaust
        short = (
            f", short of the {figure_text(needed)} needed: elected as the leader of the last"
            f" {'two' if len(ranked.rounds[figure.round - 1].tally) == 2 else 'candidates'}"
            if figure.votes < needed
            else ""
        )
        return (
            f"{winners[0]} wins in round {figure.round} with {figure_text(figure.votes)} of "
            f"{figure_text(figure.continuing)} continuing votes ({share}){short}"
        )
    final = ranked.rounds[-1]
    rounds = len(ranked.rounds)
    return (
        f"Elected: {join_names(winners)} (quota {figure_text(final.threshold)}; "
        f"{rounds} round{'s' if rounds != 1 else ''})"
    )
