"""A ranked-choice contest's JSON record: the contract's fields, its ``rounds`` and the tiebreak
record (shared/spec/ranked-choice.md, "Output"). Plain dicts of JSON types.

Numbers are lossless. A vote figure is a JSON integer when it is whole, and otherwise a string
holding its exact value: a decimal ("7.2501") when it has one, else a fraction ("22/7"), since
stv's exact transfers give thirds and sevenths that no float or decimal can hold.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from electcli.ranked.rounds import EXHAUSTED_CHOICES, INACTIVE_REASONS, RankedResult, Round, TieDecision
from electcli.ranked.rules import RankedRules
from electcli.tabulate.ranked import figures
from electcli.tabulate.result import Result

# How many decimal places a fraction may need before it is written as a fraction instead.
MAX_DECIMALS = 40


def exact(value: Fraction | int) -> int | str:
    """A whole number as an int; otherwise the exact value as a decimal or fraction string."""
    value = Fraction(value)
    if value.denominator == 1:
        return value.numerator
    return decimal_text(value) or f"{value.numerator}/{value.denominator}"


def decimal_text(value: Fraction) -> str | None:
    """The exact decimal expansion of ``value`` when it terminates (None when it does not)."""
    denominator = value.denominator
    twos = fives = 0
    while denominator % 2 == 0:
        denominator //= 2
        twos += 1
    while denominator % 5 == 0:
        denominator //= 5
        fives += 1
    decimal_places = max(twos, fives)
    if denominator != 1 or decimal_places > MAX_DECIMALS:
        return None
    scaled = abs(value.numerator) * 10**decimal_places // value.denominator
    whole, part = divmod(scaled, 10**decimal_places)
    sign = "-" if value < 0 else ""
    return f"{sign}{whole}.{part:0{decimal_places}d}" if decimal_places else f"{sign}{whole}"


def round_record(round_: Round, with_pass: bool = False) -> dict[str, Any]:
    """One round as ranked-choice.md shows it, with `active` (the continuing votes) added."""
    inactive = {reason: exact(round_.inactive.get(reason, Fraction(0))) for reason in INACTIVE_REASONS}
    inactive.update({key: exact(value) for key, value in round_.inactive.items() if key not in inactive})
    record: dict[str, Any] = {"round": round_.number}
    if with_pass:
        record["pass"] = round_.pass_number
    record.update(
        {
            "tally": {name: exact(votes) for name, votes in round_.tally.items()},
            "threshold": exact(round_.threshold),
            "eliminated": list(round_.eliminated),
            "elected": list(round_.elected),
            "transfers": {
                source: {target: exact(votes) for target, votes in moved.items()}
                for source, moved in round_.transfers.items()
            },
            "inactive": inactive,
            # exhausted_choices split as official reports count them: ballots that marked every
            # rank, and ballots that left ranks unused (Maine counts these among its undervotes)
            "exhausted_choices_by_ranks": {
                "all_ranks_used": exact(round_.exhausted_all_ranks),
                "ranks_left_unused": exact(
                    round_.inactive.get(EXHAUSTED_CHOICES, Fraction(0)) - round_.exhausted_all_ranks
                ),
            },
            "active": exact(round_.active),
        }
    )
    if round_.residual_surplus:
        record["residual_surplus"] = exact(round_.residual_surplus)
    return record


def tie_record(tie: TieDecision) -> dict[str, Any]:
    return {
        "round": tie.round,
        "purpose": tie.purpose,
        "tied": list(tie.tied),
        "chosen": list(tie.chosen),
        "how": tie.how,
        "seed": tie.seed,
    }


def options_record(rules: RankedRules) -> dict[str, Any]:
    """The counting options applied (defaults included), for the audit trail."""
    record: dict[str, Any] = {
        "overvote": rules.overvote,
        "max_skipped": rules.max_skipped,
        "duplicate": rules.duplicate,
        "max_rankings": rules.max_rankings,
        "batch_elimination": rules.batch_elimination,
        "batch_elimination_if_equal": rules.batch_elimination_if_equal,
        "continue_until_two": rules.continue_until_two,
        "first_round_determines_threshold": rules.first_round_determines_threshold,
        "quota": rules.quota if rules.method == "stv" else None,
        "winner_mode": rules.winner_mode,
        "decimal_places": rules.decimal_places,
    }
    if rules.decimal_places is not None:  # an RCTab configuration's own rules
        record.update(
            non_integer_threshold=rules.non_integer_threshold,
            minimum_vote_threshold=rules.minimum_vote_threshold,
            stop_after_round=rules.stop_after_round,
            excluded=sorted(rules.excluded),
        )
    return record


def tiebreak_record(rules: RankedRules, ranked: RankedResult) -> dict[str, Any]:
    """How ties were to be settled, and every tie that was (the draws, with their seed)."""
    tiebreak = rules.tiebreak
    return {
        "mode": tiebreak.mode,
        "order": list(tiebreak.order) or None,
        "seed": tiebreak.seed,
        "draws": [tie_record(tie) for tie in ranked.ties],
    }


def add_ranked(record: dict[str, Any], result: Result) -> None:
    """Complete a contest record for a ranked-choice contest (``result.ranked`` is set)."""
    ranked = result.ranked
    rules = result.contest.ranked
    ballots = result.contest.ballots
    assert ranked is not None and rules is not None
    found = figures(ranked)
    for candidate in record["candidates"]:
        figure = found.get(candidate["name"])
        candidate["votes"] = exact(figure.votes) if figure else 0
        # `share` is of `total_votes` (the first round's continuing votes), as the contract has it;
        # `round_share` is of the continuing votes in the round the figure is from.
        candidate["share"] = float(figure.votes / result.total_votes) if figure and result.total_votes else 0.0
        candidate["round"] = figure.round if figure else None
        candidate["round_share"] = float(figure.votes / figure.continuing) if figure and figure.continuing else 0.0
    record["rule"]["ranked"] = options_record(rules)
    record["rule"]["tiebreak"] = list(rules.tiebreak.order) or None
    record["tiebreak"] = tiebreak_record(rules, ranked)
    # `counted` is what every round accounts for: its `active` plus its `inactive` figures (plus
    # `residual_surplus`, where RCTab's decimal arithmetic lost votes) equal it, round by round;
    # ballots that rank no one never enter the count, so `total` = `counted` + `ranked_no_one`.
    record["ballots"] = {
        "total": ranked.total_ballots,
        "counted": ranked.total_ballots - ranked.undervotes,
        "ranked_no_one": ranked.undervotes,
        "distinct_rankings": len(ballots.rankings) if ballots is not None else None,
        "source": (ballots.source or None) if ballots is not None else None,
    }
    with_pass = bool(ranked.passes)
    record["rounds"] = [round_record(round_, with_pass) for round_ in ranked.rounds]
    record["residual_surplus"] = exact(ranked.residual_surplus)


def csv_figures(result: Result) -> dict[str, tuple[int | str, int | str]]:
    """Each candidate's exact figure and the round it is from ("" when never counted), for CSV."""
    assert result.ranked is not None
    found = figures(result.ranked)
    return {
        standing.candidate.name: (
            (exact(found[standing.candidate.name].votes), found[standing.candidate.name].round)
            if standing.candidate.name in found
            else (0, "")
        )
        for standing in result.standings
    }


def slice_records(result: Result) -> tuple[str | None, list[dict[str, Any]]]:
    """``--by-unit`` for a ranked-choice contest: (what a unit is, one record per slice).

    Each precinct's (or batch's) ballots follow the contest's count (electcli.ranked.slices): its
    ``rounds`` have the contest's shape, and round by round the units' figures add up to the
    contest's (its residual surplus aside). A unit is a precinct or a batch, as ``by`` says.
    """
    from electcli.ranked.slices import slice_results

    ranked = result.ranked
    contest = result.contest
    assert ranked is not None
    if contest.ballots is None or contest.ranked is None:
        return None, []
    by_kind = slice_results(contest.ballots, contest.ranked, ranked)
    with_pass = bool(ranked.passes)
    records = [
        {
            "name": slice_id,
            "by": kind,
            "ballots": {
                "total": part.total_ballots,
                "counted": part.total_ballots - part.undervotes,
                "ranked_no_one": part.undervotes,
            },
            "rounds": [round_record(round_, with_pass) for round_ in part.rounds],
        }
        for kind, parts in by_kind.items()
        for slice_id, part in parts.items()
    ]
    return (", ".join(by_kind) or None), records
