"""An RCTab configuration's ``rules`` section, as electcli's ``RankedRules``.

Every counting rule RCTab has is mapped; values and limits follow RCTab's ContestConfig
validation, so a configuration RCTab refuses is refused here too, with the line and the fix:

| RCTab rule | RankedRules |
| --- | --- |
| winnerElectionMode | ``winner_mode`` (and ``method``: stv for the two multi-winner modes, else irv) |
| numberOfWinners | ``seats`` (0 only with bottomsUpUsingPercentageThreshold) |
| tiebreakMode, randomSeed | ``tiebreak`` (``java_random``: RCTab's draws, from java.util.Random) |
| overvoteRule | ``overvote`` |
| maxSkippedRanksAllowed ("unlimited") | ``max_skipped`` (None) |
| maxRankingsAllowed ("max": the declared candidates) | ``max_rankings`` |
| exhaustOnDuplicateCandidate | ``duplicate`` |
| decimalPlacesForVoteArithmetic | ``decimal_places`` |
| minimumVoteThreshold | ``minimum_vote_threshold`` |
| nonIntegerWinningThreshold, hareQuota | ``non_integer_threshold``, ``quota`` |
| doesFirstRoundDetermineThreshold | ``first_round_determines_threshold`` |
| batchElimination, cutoffElimination | ``batch_elimination``, ``cutoff_elimination`` |
| continueUntilTwoCandidatesRemain | ``continue_until_two`` |
| stopTabulationEarlyAfterRound | ``stop_after_round`` |
| multiSeatBottomsUpPercentageThreshold | ``bottoms_up_threshold`` (a share, cut to the decimal places as RCTab divides) |

Older configurations are read as RCTab's ContestConfigMigration reads them: the winner modes
``standard``, ``singleSeatContinueUntilTwoCandidatesRemain``, ``multiSeatAllowOnlyOneWinnerPerRound``,
``multiSeatBottomsUp`` and ``multiSeatSequentialWinnerTakesAll``, the booleans
``sequentialMultiSeat``/``bottomsUpMultiSeat`` of the first versions, the tiebreak modes
``interactive``, ``previousRoundCountsThenInteractive`` and ``usePermutationInConfig``, and the
labels RCTab's documentation once gave as values ("Random", "Exhaust immediately", ...).
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal
from fractions import Fraction
from typing import Any

from electcli.errors import InputError, ModelError
from electcli.ranked.rules import (
    BOTTOMS_UP,
    BOTTOMS_UP_PERCENTAGE,
    EXHAUST,
    EXHAUST_IF_MULTIPLE_CONTINUING,
    IRV,
    MAJORITY,
    MULTI_PASS_IRV,
    MULTI_WINNER,
    MULTI_WINNER_ONE_PER_ROUND,
    SKIP,
    STV,
    TIE_GENERATE_PERMUTATION,
    TIE_ORDER,
    TIE_PREVIOUS_ROUND_THEN_ORDER,
    TIE_PREVIOUS_ROUND_THEN_RANDOM,
    TIE_RANDOM,
    TIE_STOP,
    RankedRules,
    Tiebreak,
)
from electcli.readers.rctab.values import CONFIG_HINT, INTEGER, MAX_SETTING_DIGITS, ConfigValues, shortened

PATH = ("rules",)
_DECIMAL = re.compile(r"[0-9]+(\.[0-9]+)?|\.[0-9]+")

WINNER_MODES = {
    "singleWinnerMajority": MAJORITY,
    "multiWinnerAllowOnlyOneWinnerPerRound": MULTI_WINNER_ONE_PER_ROUND,
    "multiWinnerAllowMultipleWinnersPerRound": MULTI_WINNER,
    "bottomsUp": BOTTOMS_UP,
    "bottomsUpUsingPercentageThreshold": BOTTOMS_UP_PERCENTAGE,
    "multiPassIrv": MULTI_PASS_IRV,
    # RCTab's labels for them, which its documentation once gave as the values
    "Single-winner majority determines winner": MAJORITY,
    "Multi-winner allow only one winner per round": MULTI_WINNER_ONE_PER_ROUND,
    "Multi-winner allow multiple winners per round": MULTI_WINNER,
    "Bottoms-up": BOTTOMS_UP,
    "Bottoms-up using percentage threshold": BOTTOMS_UP_PERCENTAGE,
    "Multi-pass IRV": MULTI_PASS_IRV,
    # ContestConfigMigration's older names (the ones that depend on other settings are below)
    "multiSeatAllowOnlyOneWinnerPerRound": MULTI_WINNER_ONE_PER_ROUND,
    "multiSeatSequentialWinnerTakesAll": MULTI_PASS_IRV,
}
STV_MODES = (MULTI_WINNER, MULTI_WINNER_ONE_PER_ROUND)

TIEBREAK_MODES = {
    "random": TIE_RANDOM,
    "useCandidateOrder": TIE_ORDER,
    "stopCountingAndAsk": TIE_STOP,
    "previousRoundCountsThenRandom": TIE_PREVIOUS_ROUND_THEN_RANDOM,
    "generatePermutation": TIE_GENERATE_PERMUTATION,
    # RCTab then asks the operator; electcli has no one to ask, so a tie the previous rounds
    # leave standing is reported as the outcome ``tie`` (an order with no names settles nothing).
    "previousRoundCountsThenAsk": TIE_PREVIOUS_ROUND_THEN_ORDER,
    "previousRoundCountsThenInteractive": TIE_PREVIOUS_ROUND_THEN_ORDER,
    # labels, and older names (ContestConfigMigration)
    "Random": TIE_RANDOM,
    "Stop counting and ask": TIE_STOP,
    "Previous round counts (then random)": TIE_PREVIOUS_ROUND_THEN_RANDOM,
    "Use candidate order in the config file": TIE_ORDER,
    "Generate permutation": TIE_GENERATE_PERMUTATION,
    "interactive": TIE_STOP,
    "usePermutationInConfig": TIE_ORDER,
}
RANDOM_MODES = (TIE_RANDOM, TIE_PREVIOUS_ROUND_THEN_RANDOM, TIE_GENERATE_PERMUTATION)

OVERVOTE_RULES = {
    "alwaysSkipToNextRank": SKIP,
    "exhaustImmediately": EXHAUST,
    "exhaustIfMultipleContinuing": EXHAUST_IF_MULTIPLE_CONTINUING,
    "Always skip to next rank": SKIP,
    "Exhaust immediately": EXHAUST,
    "Exhaust if multiple continuing": EXHAUST_IF_MULTIPLE_CONTINUING,
}

MAX_RANDOM_SEED = 140737488355327  # RCTab's bounds: 2**47 - 1
MIN_RANDOM_SEED = -140737488355328
BIG = 2**31 - 1  # Java's Integer.MAX_VALUE, RCTab's "no limit" for counts


def read_rules(values: ConfigValues, rules: dict[str, Any], candidates: tuple[str, ...]) -> RankedRules:
    """The counting rules; ``candidates`` are the declared names, in the configuration's order."""
    # more seats than candidates is allowed: everyone is elected (RCTab's more_winners_than_candidates)
    seats = values.integer(rules, PATH, "numberOfWinners", 0, BIG, required=True)
    assert seats is not None
    decimal_places = values.integer(rules, PATH, "decimalPlacesForVoteArithmetic", 1, 20, required=True)
    percentage = _percentage(values, rules)
    mode = _winner_mode(values, rules, seats, percentage)
    flag = _Flags(values, rules)
    given: dict[str, Any] = dict(
        method=STV if mode in STV_MODES else IRV,
        seats=seats,
        winner_mode=mode,
        overvote=_choice(values, rules, "overvoteRule", OVERVOTE_RULES),
        max_skipped=_count_or(values, rules, "maxSkippedRanksAllowed", "unlimited", None),
        duplicate=EXHAUST if flag("exhaustOnDuplicateCandidate") else SKIP,
        # "max": RCTab 2.0.1 reads every rank a ballot has (ContestConfig.isRankingAllowed), even one
        # above the number of declared candidates (a ballot may rank them all and a write-in)
        max_rankings=_count_or(values, rules, "maxRankingsAllowed", "max", None, low=1),
        batch_elimination=flag("batchElimination"),
        continue_until_two=flag("continueUntilTwoCandidatesRemain"),
        quota="hare" if flag("hareQuota") else "droop",
        tiebreak=_tiebreak(values, rules, candidates),
        decimal_places=decimal_places,
        non_integer_threshold=flag("nonIntegerWinningThreshold"),
        first_round_determines_threshold=flag("doesFirstRoundDetermineThreshold"),
        minimum_vote_threshold=values.integer(rules, PATH, "minimumVoteThreshold", 0, 1_000_000, False) or 0,
        stop_after_round=values.integer(rules, PATH, "stopTabulationEarlyAfterRound", 1, BIG, required=False),
        bottoms_up_threshold=None if percentage is None else percentage / 100,
        cutoff_elimination=flag("cutoffElimination"),
    )
    if rules.get("winnerElectionMode") == "singleSeatContinueUntilTwoCandidatesRemain":
        given["continue_until_two"] = True
    try:
        rule = RankedRules(**given)
    except ModelError as exc:  # the model's checks, said in RCTab's words at RCTab's key
        raise _in_rctab_terms(values, given, exc) from None
    _check_combinations(values, rules, rule)
    return rule


class _Flags:
    def __init__(self, values: ConfigValues, rules: dict[str, Any]) -> None:
        self.values = values
        self.rules = rules

    def __call__(self, key: str) -> bool:
        return self.values.flag(self.rules, PATH, key)


def _in_rctab_terms(values: ConfigValues, given: dict[str, Any], exc: ModelError) -> InputError:
    """A ``ModelError`` from RankedRules at the key it comes from, in RCTab's words."""
    seats = given["seats"]
    if exc.part == "seats" and seats == 0:
        key, problem, hint = (
            "numberOfWinners",
            "numberOfWinners is 0, which only bottomsUpUsingPercentageThreshold allows",
            "give the number of seats",
        )
    elif exc.part == "seats":
        key, problem, hint = (
            "winnerElectionMode",
            f"singleWinnerMajority elects one candidate, but numberOfWinners is {seats}",
            "choose a multi-winner winnerElectionMode",
        )
    elif exc.part == "continue_until_two":
        key, problem, hint = (
            "continueUntilTwoCandidatesRemain",
            "continueUntilTwoCandidatesRemain is only for single-seat contests (or multiPassIrv)",
            "set it to false",
        )
    else:
        return values.error(PATH, exc.problem, exc.hint)
    return values.error((*PATH, key), problem, hint)


def _percentage(values: ConfigValues, rules: dict[str, Any]) -> Fraction | None:
    """multiSeatBottomsUpPercentageThreshold: a decimal from 1 to 100 ("12.5" too), exactly.

    RCTab 2.0.1 divides it by 100 with two more decimals than it was written with
    (ContestConfig.getPercentageFromStringWithAccurateSigFigs): the exact share, never cut to the
    decimal places of the vote arithmetic."""
    text = values.text_value(rules, PATH, "multiSeatBottomsUpPercentageThreshold")
    if text is None:
        return None
    hint = "multiSeatBottomsUpPercentageThreshold must be a number from 1 to 100, such as 25 or 12.5"
    if not _DECIMAL.fullmatch(text.strip()):
        raise values.error(
            (*PATH, "multiSeatBottomsUpPercentageThreshold"), f"multiSeatBottomsUpPercentageThreshold is {text!r}", hint
        )
    value = Fraction(Decimal(text.strip()))
    if not 1 <= value <= 100:
        raise values.error(
            (*PATH, "multiSeatBottomsUpPercentageThreshold"), f"multiSeatBottomsUpPercentageThreshold is {text!r}", hint
        )
    return value


def _choice(values: ConfigValues, rules: dict[str, Any], key: str, known: dict[str, str]) -> str:
    text = values.text_value(rules, PATH, key)
    if text is None:
        raise values.error((*PATH, key), f"{key} is required", f"use one of: {_names(known)}")
    if text not in known:
        raise values.error((*PATH, key), f"{key} {text!r} is not an RCTab {key}", f"use one of: {_names(known)}")
    return known[text]


def _names(known: dict[str, str]) -> str:
    """The current values: each table lists them first, then labels (with spaces), then old names;
    a label that differs from a value only in case ("Random") is not listed again."""
    current = list(itertools.takewhile(lambda name: " " not in name, known))
    values = {name.casefold() for name in current if name[:1].islower()}
    return ", ".join(name for name in current if name[:1].islower() or name.casefold() not in values)


def _count_or(
    values: ConfigValues, rules: dict[str, Any], key: str, word: str, meaning: int | None, low: int = 0
) -> int | None:
    """A count, or ``word`` (any case) standing for ``meaning``."""
    text = values.text_value(rules, PATH, key)
    if text is not None and text.strip().lower() == word:
        return meaning
    hint = f'{key} is "{word}" or a whole number from {low}'
    if text is None:
        raise values.error((*PATH, key), f"{key} is required", hint)
    # digits only (int() would take "1_000" or " 5"); a long number is out of range however it
    # reads, and is never converted (Python refuses past 4,300 digits)
    count = int(text) if INTEGER.fullmatch(text) and len(text) <= MAX_SETTING_DIGITS else low - 1
    if count < low or count > BIG:
        raise values.error((*PATH, key), f"{key} is {shortened(text)}", hint)
    return count


def _winner_mode(values: ConfigValues, rules: dict[str, Any], seats: int, percentage: Fraction | None) -> str:
    text = values.text_value(rules, PATH, "winnerElectionMode")
    if text is None:  # the first configurations had booleans instead
        if values.flag(rules, PATH, "sequentialMultiSeat"):
            return MULTI_PASS_IRV
        if values.flag(rules, PATH, "bottomsUpMultiSeat"):
            return BOTTOMS_UP
        return MULTI_WINNER if seats > 1 else MAJORITY
    if text == "standard":
        return MULTI_WINNER if seats > 1 else MAJORITY
    if text == "singleSeatContinueUntilTwoCandidatesRemain":
        return MAJORITY
    if text == "multiSeatBottomsUp":
        return BOTTOMS_UP_PERCENTAGE if seats == 0 or percentage is not None else BOTTOMS_UP
    return _choice(values, rules, "winnerElectionMode", WINNER_MODES)


def _tiebreak(values: ConfigValues, rules: dict[str, Any], candidates: tuple[str, ...]) -> Tiebreak:
    text = values.text_value(rules, PATH, "tiebreakMode")
    mode = _choice(values, rules, "tiebreakMode", TIEBREAK_MODES)
    seed = values.integer(rules, PATH, "randomSeed", MIN_RANDOM_SEED, MAX_RANDOM_SEED, required=False)
    if mode in RANDOM_MODES and seed is None:
        raise values.error(
            (*PATH, "tiebreakMode"),
            f"tiebreakMode {text!r} draws lots, but no randomSeed is given",
            "set randomSeed to the whole number the draw starts from, so the draw can be repeated",
        )
    order = candidates if mode in (TIE_ORDER, TIE_GENERATE_PERMUTATION) else ()
    return Tiebreak(mode=mode, order=order, seed=seed if mode in RANDOM_MODES else None, java_random=True)


def _check_combinations(values: ConfigValues, rules: dict[str, Any], rule: RankedRules) -> None:
    """The combinations RCTab refuses (ContestConfig.validateRules)."""
    mode = rule.winner_mode

    def refuse(key: str, problem: str, hint: str) -> InputError:
        return values.error((*PATH, key), problem, hint or CONFIG_HINT)

    # RankedRules refused already (said in RCTab's words by _in_rctab_terms): 0 seats outside
    # bottomsUpUsingPercentageThreshold, singleWinnerMajority with several seats, and
    # continueUntilTwoCandidatesRemain with several seats outside multiPassIrv.
    if rule.seats == 0:
        if rule.bottoms_up_threshold is None:
            raise refuse(
                "multiSeatBottomsUpPercentageThreshold",
                "bottomsUpUsingPercentageThreshold needs multiSeatBottomsUpPercentageThreshold",
                "give the percentage (1 to 100) every winner's share must reach",
            )
    elif mode == BOTTOMS_UP_PERCENTAGE:
        raise refuse(
            "numberOfWinners",
            f"numberOfWinners is {rule.seats}, but bottomsUpUsingPercentageThreshold finds the number itself",
            "set numberOfWinners to 0",
        )
    elif rule.seats == 1 and mode != MAJORITY:
        raise refuse(
            "winnerElectionMode",
            "a single-seat contest (numberOfWinners 1) must use singleWinnerMajority",
            "set winnerElectionMode to singleWinnerMajority, or raise numberOfWinners",
        )
    if rule.seats > 1 and mode != MULTI_PASS_IRV and rule.batch_elimination:
        raise refuse(
            "batchElimination",
            "batchElimination is only for single-seat contests (or multiPassIrv)",
            "set it to false",
        )
    if mode == BOTTOMS_UP_PERCENTAGE and rule.batch_elimination:
        raise refuse("batchElimination", "batchElimination cannot be used with bottomsUpUsingPercentageThreshold", "")
    if mode not in STV_MODES:
        if rule.non_integer_threshold:
            raise refuse(
                "nonIntegerWinningThreshold", "nonIntegerWinningThreshold is only for the multi-winner modes", ""
            )
        if rule.quota == "hare":
            raise refuse("hareQuota", "hareQuota is only for the multi-winner modes", "")
    if rule.non_integer_threshold and rule.quota == "hare":
        raise refuse("hareQuota", "nonIntegerWinningThreshold and hareQuota cannot both be true", "choose one")
