"""The keys an RCTab configuration may hold, so that a misspelt one is refused, not ignored.

RCTab (Jackson, ``ignoreUnknown``) skips a key it does not know, so ``"batchElimnation": true``
counts by the default rule without a word: a plausible wrong answer. electcli refuses unknown
keys in ``rules``, in each ``cvrFileSources`` entry and in each ``candidates`` entry, with a "did
you mean" and the key's line. The known keys are every key RCTab's RawContestConfig and
ContestConfigMigration have read across its versions (BrightSpots/rcv), and every key of the
configurations in RCTab's regression tests.

``outputSettings`` keys are not checked: they name and file the results and change no count
(electcli reads only the contest's name, date, jurisdiction and office from them).

Duplicate keys are refused too: JSON parsers keep the last value, so one of two settings would
vanish unseen. The one exception is a whole top-level section given twice (``"rules": {...}``
twice), read as RCTab (Jackson) reads it, the last one counting: one of RCTab's own regression
configurations (invalid_output_directory) has two ``rules`` sections, and RCTab loads it.
"""

from __future__ import annotations

import json
from typing import Any

from electcli.errors import InputError, Location
from electcli.readers.json_where import first_duplicate_key
from electcli.readers.rctab.values import ConfigValues
from electcli.suggest import did_you_mean

RULE_KEYS = (
    "tiebreakMode", "overvoteRule", "winnerElectionMode", "randomSeed", "numberOfWinners",
    "multiSeatBottomsUpPercentageThreshold", "decimalPlacesForVoteArithmetic", "minimumVoteThreshold",
    "maxSkippedRanksAllowed", "maxRankingsAllowed", "nonIntegerWinningThreshold",
    "doesFirstRoundDetermineThreshold", "hareQuota", "batchElimination", "cutoffElimination",
    "continueUntilTwoCandidatesRemain", "stopTabulationEarlyAfterRound", "exhaustOnDuplicateCandidate",
    "rulesDescription",
    # older versions: labels kept in rules (now per source), the first multi-seat booleans
    "treatBlankAsUndeclaredWriteIn", "overvoteLabel", "undervoteLabel", "undeclaredWriteInLabel",
    "sequentialMultiSeat", "bottomsUpMultiSeat",
    # in RCTab's regression configurations; RCTab reads neither ("random Seed" has a space in
    # one of them), so neither changes its count
    "skippedRankLabel", "random Seed",
    # a later RCTab's rule, which electcli does not implement (refused when true, below)
    "bulkElimination",
)  # fmt: skip
SOURCE_KEYS = (
    "filePath", "provider", "contestId", "firstVoteColumnIndex", "firstVoteRowIndex", "idColumnIndex",
    "batchColumnIndex", "precinctColumnIndex", "overvoteDelimiter", "overvoteLabel", "skippedRankLabel",
    "undeclaredWriteInLabel", "treatBlankAsUndeclaredWriteIn",
    "undervoteLabel",  # older name of skippedRankLabel
    "blankInterpretation",  # a later RCTab's replacement of treatBlankAsUndeclaredWriteIn (refused, below)
)  # fmt: skip
CANDIDATE_KEYS = ("name", "aliases", "excluded", "code", "contestId")  # code: older alias; contestId: unused


def check_duplicates(values: ConfigValues) -> None:
    """Refuse a key given twice in one object (bar the top level), at the second one's line."""
    try:
        json.loads(values.text, object_pairs_hook=_no_duplicates)
    except _Duplicate:
        found = first_duplicate_key(values.text, depth=2)
        if found is None:
            # duplicates at the top level only: whole sections (objects) given twice are read as
            # RCTab reads them, the last counting; any other top-level key given twice is refused
            top = _top_level_pairs(values.text)
            names = [name for name, _ in top]
            twice = {name for name, value in top if names.count(name) > 1 and not isinstance(value, dict)}
            found = first_duplicate_key(values.text, depth=1, only=twice) if twice else None
            if found is None:
                return
        name, line, first, column = found
        raise InputError(
            Location(values.name, line, column),
            f"key {name!r} is given twice in one object" + (f" (first at line {first})" if first else ""),
            "give each setting once: only one of the two values would be used",
        ) from None


def _top_level_pairs(text: str) -> list[tuple[str, Any]]:
    """The top-level object's members, duplicates kept (the hook meets that object last)."""
    last: list[tuple[str, Any]] = []

    def keep(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        last[:] = pairs
        return dict(pairs)

    json.loads(text, object_pairs_hook=keep)
    return last


class _Duplicate(Exception):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _Duplicate
    return result


def check_keys(values: ConfigValues, document: dict[str, Any]) -> None:
    """Refuse unknown keys in rules, sources and candidates (see the module's docstring)."""
    rules = document.get("rules")
    if isinstance(rules, dict):
        _known(values, rules, ("rules",), RULE_KEYS, "rules")
        if values.flag(rules, ("rules",), "bulkElimination"):
            raise values.error(
                ("rules", "bulkElimination"),
                "bulkElimination is a rule electcli does not implement",
                "set it to false (batchElimination is supported)",
            )
    for section, known, what in (
        ("cvrFileSources", SOURCE_KEYS, "a cvrFileSources entry"),
        ("candidates", CANDIDATE_KEYS, "a candidate"),
    ):
        entries = document.get(section)
        if not isinstance(entries, list):
            continue  # the readers of the sections say what is wrong
        for number, entry in enumerate(entries):
            if isinstance(entry, dict):
                _known(values, entry, (section, number), known, what)
                if section == "cvrFileSources" and values.text_value(entry, (section, number), "blankInterpretation"):
                    raise values.error(
                        (section, number, "blankInterpretation"),
                        "blankInterpretation is a setting of a later RCTab that electcli does not read",
                        "leave it out; treatBlankAsUndeclaredWriteIn: true counts a blank rank as an undeclared write-in",
                    )


def _known(
    values: ConfigValues, record: dict[str, Any], path: tuple[str | int, ...], known: tuple[str, ...], what: str
) -> None:
    for key in record:
        if key not in known:
            raise values.error(
                (*path, key),
                f"{what} has an unknown key {key!r}: RCTab would ignore it and count by its default",
                did_you_mean(key, known) or f"the keys RCTab reads there: {', '.join(known)}",
            )
