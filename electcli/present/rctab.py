"""``--format rctab``: the detailed summary JSON RCTab writes (its ``jsonFormatVersion`` "1"), so
tools built on RCTab's output can read electcli's.

The shape follows RCTab's ResultsWriter: ``config`` (contest, date, jurisdiction, office,
generatedBy), ``results`` (one object per round: ``round``, ``tally``, ``tallyResults`` with an
``elected`` or ``eliminated`` action and its ``transfers``, ``inactiveBallots``, ``threshold``)
and ``summary``; keys sorted as RCTab's JSON writer sorts them, and the same pretty-printing
(``"key" : value``, two-space indents, ``[ {`` ... ``} ]``).

Numbers: vote figures are strings, as RCTab writes its decimals; round numbers, numCandidates,
numWinners and undervotes are JSON numbers, as in RCTab's reports. Values equal RCTab's; a whole
number is written without decimals where RCTab sometimes keeps trailing zeros ("9452.0000"),
because electcli's figures are exact values that do not carry RCTab's decimal scale. A fraction
is written with the configuration's decimal places (RCTab configurations), or exactly; an exact
stv figure with no finite decimal (a third) is cut to ``NATIVE_PLACES`` decimal places, as RCTab cuts its
own arithmetic (``--format json`` keeps the exact value).

One contest gives one document, as RCTab writes one file per contest; several ranked-choice
contests (or the passes of a multi-pass count) give a JSON array of documents.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from electcli import __version__
from electcli.errors import UsageError
from electcli.model import RaceFile
from electcli.present.ranked_records import decimal_text
from electcli.ranked.rounds import (
    EXHAUSTED_CHOICES,
    OVERVOTES,
    REPEATED_RANKINGS,
    RESIDUAL_SURPLUS,
    SKIPPED_RANKINGS,
    RankedResult,
    Round,
)
from electcli.ranked.rules import BOTTOMS_UP_PERCENTAGE, RankedRules
from electcli.tabulate.result import Result, Tallied

NATIVE_PLACES = 10
# electcli's names for inactive ballots and transfer targets -> RCTab's
INACTIVE_KEYS = {
    EXHAUSTED_CHOICES: "exhaustedChoices",
    OVERVOTES: "overvotes",
    SKIPPED_RANKINGS: "skippedRankings",
    REPEATED_RANKINGS: "repeatedRankings",
}
TRANSFER_KEYS = {RESIDUAL_SURPLUS: "residual surplus"}


def number(value: Fraction | int, decimal_places: int | None) -> str:
    """A figure as RCTab writes it (BigDecimal's plain text)."""
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    if decimal_places is not None:
        scaled = value.numerator * 10**decimal_places // value.denominator
        return _fixed_point(scaled, decimal_places)
    text = decimal_text(value)
    if text is not None and len(text.partition(".")[2]) <= NATIVE_PLACES:
        return text
    return _fixed_point(value.numerator * 10**NATIVE_PLACES // value.denominator, NATIVE_PLACES)


def _fixed_point(scaled: int, decimal_places: int) -> str:
    sign = "-" if scaled < 0 else ""
    whole, part = divmod(abs(scaled), 10**decimal_places)
    return f"{sign}{whole}.{part:0{decimal_places}d}"


def _threshold(value: Fraction, decimal_places: int | None, rules: RankedRules | None) -> str:
    """A threshold. Under bottoms-up by percentage RCTab's threshold is whole votes times the
    percentage as a decimal fraction (15% is 0.15), so it has that fraction's decimals ("3.90")."""
    share = rules.bottoms_up_threshold if rules is not None else None
    if rules is None or rules.winner_mode != BOTTOMS_UP_PERCENTAGE or share is None:
        return number(value, decimal_places)
    share_text = decimal_text(Fraction(share))
    exact_text = decimal_text(value)
    if share_text is None or exact_text is None:
        return number(value, decimal_places)
    share_places = len(share_text.partition(".")[2])
    if len(exact_text.partition(".")[2]) > share_places:
        return number(value, decimal_places)
    return (
        _fixed_point(value.numerator * 10**share_places // value.denominator, share_places)
        if share_places
        else exact_text
    )


def _camel(key: str) -> str:
    head, *rest = key.split("_")
    return head + "".join(word.capitalize() for word in rest)


def _inactive(round_: Round, decimal_places: int | None) -> dict[str, str]:
    found = {INACTIVE_KEYS[key]: number(round_.inactive.get(key, 0), decimal_places) for key in INACTIVE_KEYS}
    for key, value in round_.inactive.items():
        if key not in INACTIVE_KEYS:
            found[_camel(key)] = number(value, decimal_places)  # final_round_surplus -> finalRoundSurplus
    return found


def _actions(round_: Round, decimal_places: int | None) -> list[dict[str, Any]]:
    """The round's elections, then its eliminations; several in one round in name order, as
    RCTab 2.0 lists them."""
    actions = []
    for kind, names in (("elected", round_.elected), ("eliminated", round_.eliminated)):
        for name in sorted(names, key=_key):
            moved = round_.transfers.get(name, {})
            transfers = {
                TRANSFER_KEYS.get(target, target): number(votes, decimal_places) for target, votes in moved.items()
            }
            actions.append({kind: name, "transfers": transfers})
    return actions


def report(
    race: RaceFile,
    result: Result,
    ranked: RankedResult,
    slice_of: tuple[str, str] | None = None,
    one_pass: bool = False,
) -> dict[str, Any]:
    """One RCTab detailed summary: a contest's count (or one pass of it, ``one_pass``), or with
    ``slice_of`` (kind, id) a slice's share of it, as RCTab's "tabulate by" reports show it."""
    contest = result.contest
    rules = contest.ranked
    decimal_places = rules.decimal_places if rules is not None else None
    rounds = [
        {
            "inactiveBallots": _inactive(round_, decimal_places),
            "round": round_.number,
            "tally": {name: number(votes, decimal_places) for name, votes in round_.tally.items()},
            "tallyResults": _actions(round_, decimal_places),
            "threshold": _threshold(round_.threshold, decimal_places, rules),
        }
        for round_ in ranked.rounds
    ]
    candidates = len(contest.ballots.candidates) if contest.ballots is not None else len(contest.candidates)
    final = ranked.rounds[-1].threshold if ranked.rounds else Fraction(0)
    config = {
        "contest": contest.name,
        "date": race.election.date or "",
        "generatedBy": f"electcli {__version__}",
        "jurisdiction": race.election.jurisdiction or "",
        # An RCTab configuration's contestOffice is read as the election's name; race files have none.
        "office": (race.election.name or "") if decimal_places is not None else "",
    }
    if slice_of is not None:
        config[slice_of[0]] = slice_of[1]  # "precinct" : "W-1 P-02", as RCTab names the slice
    one_pass = one_pass or (slice_of is None and result.ranked is not ranked)
    return {
        "config": config,
        "jsonFormatVersion": "1",
        "results": rounds,
        "summary": {
            "finalThreshold": _threshold(final, decimal_places, rules),
            "numCandidates": candidates,
            # 0 for bottoms-up by share; a pass of a multi-pass count fills one seat
            "numWinners": 1 if one_pass else rules.seats if rules is not None else contest.seats,
            "totalNumBallots": str(ranked.total_ballots),
            "undervotes": ranked.undervotes,
        },
    }


def to_rctab(tallied: Sequence[Tallied]) -> str:
    """The report of every ranked-choice contest; a contest counted from vote counts is refused."""
    documents = []
    for race, results in tallied:
        for result in results:
            ranked = result.ranked
            if ranked is None:
                raise UsageError(
                    f"--format rctab is for ranked-choice contests, and {result.contest.name!r} in {race.path} "
                    f"is decided by rule {result.contest.rule.method!r} from vote counts; "
                    "use --format json, csv or table for it"
                )
            for part in ranked.passes or (ranked,):
                documents.append(report(race, result, part))
    content: Any = documents[0] if len(documents) == 1 else documents
    return jackson(content) + "\n"


def _key(text: str) -> bytes:
    # Java sorts strings by UTF-16 code units; big-endian UTF-16 bytes sort the same way.
    return text.encode("utf-16-be", "surrogatepass")


def jackson(value: Any, depth: int = 0) -> str:
    """JSON pretty-printed as Jackson's DefaultPrettyPrinter does, with keys sorted (RCTab's writer)."""
    if isinstance(value, dict):
        if not value:
            return "{ }"
        pad = "  " * (depth + 1)
        items = [
            f"{pad}{json.dumps(key, ensure_ascii=False)} : {jackson(value[key], depth + 1)}"
            for key in sorted(value, key=_key)
        ]
        return "{\n" + ",\n".join(items) + "\n" + "  " * depth + "}"
    if isinstance(value, list):
        if not value:
            return "[ ]"
        return "[ " + ", ".join(jackson(item, depth) for item in value) + " ]"
    return json.dumps(value, ensure_ascii=False)
