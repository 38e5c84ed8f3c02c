"""A NIST report contest's rule: its VoteVariation (and OtherVoteVariation, PassageThreshold)
read as one of the rules electcli counts, with the number of seats (the table in nist_json's
docstring). The majority and default advance are a race file's, from race_file.rules.
"""

from __future__ import annotations

import re

from electcli.errors import InputError
from electcli.model import MEASURE, PLURALITY, RUNOFF, TOP, Rule, Threshold
from electcli.readers.nist.values import JSON, At, ReportValues
from electcli.readers.race_file.rules import DEFAULT_ADVANCE, MAJORITY
from electcli.values import parse_threshold

UNCOUNTED_VARIATIONS = ("approval", "borda", "cumulative", "proportional", "range", "rcv")
THRESHOLD_WORDS = (
    ("two-thirds", "2/3"), ("two thirds", "2/3"), ("three-fifths", "3/5"), ("three fifths", "3/5"),
    ("three-fourths", "3/4"), ("three fourths", "3/4"), ("three-quarters", "3/4"), ("three quarters", "3/4"),
)  # fmt: skip
TOP_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


def contest_rule(report: ReportValues, contest: JSON, where: str, is_measure: bool) -> tuple[Rule, int]:
    """The contest's rule and seats, or an error that says what electcli cannot count."""
    variation = contest.get("VoteVariation")
    other = contest.get("OtherVoteVariation")
    if other is not None:
        other = report.string(other, f"{where}'s OtherVoteVariation", (contest, "OtherVoteVariation"))
    if variation is not None:
        variation = report.string(variation, f"{where}'s VoteVariation", (contest, "VoteVariation"))
    if variation in UNCOUNTED_VARIATIONS:
        raise report.error(
            f"{where} is decided by VoteVariation {variation!r}, which electcli does not count",
            "electcli counts plurality, n-of-m, majority (runoff), super-majority and top-N contests",
            (contest, "VoteVariation"),
        )
    if is_measure:
        return Rule(MEASURE, measure_threshold(report, contest, variation, other, where), 0), 1
    elected = report.positive(contest.get("NumberElected"), f"{where}'s NumberElected", (contest, "NumberElected"))
    if variation in (None, "plurality", "n-of-m") or (variation == "other" and other == "plurality"):
        seats = elected
        if seats is None and variation == "n-of-m":
            seats = report.positive(contest.get("VotesAllowed"), f"{where}'s VotesAllowed", (contest, "VotesAllowed"))
        return Rule(PLURALITY, None, 0), seats or 1
    if variation == "majority":
        threshold = MAJORITY
    elif variation == "super-majority":
        if other is None:
            raise report.error(
                f"{where} is decided by VoteVariation super-majority, but the report does not say which share",
                'state it in OtherVoteVariation, e.g. ">=60%" or "runoff >=60%"',
            )
        threshold = read_threshold(
            report, other, f"{where}'s OtherVoteVariation", True, (contest, "OtherVoteVariation")
        )
    elif variation == "other":
        top = _top(other or "")
        if top is not None:
            if top < 1:
                raise report.error(
                    f"{where} sends {top} on ({other!r})", "top-N sends at least 1 on", (contest, "OtherVoteVariation")
                )
            if elected is not None and elected not in (1, top):
                raise report.error(
                    f"{where} has NumberElected {elected} with {other!r}",
                    f"a top-{top} primary elects no one: leave NumberElected out (or give {top})",
                )
            return Rule(TOP, None, top), 1
        if other is None or not other.strip().lower().startswith("runoff"):
            raise report.error(
                f"{where} has VoteVariation other, with OtherVoteVariation {other!r}, which electcli cannot count",
                'electcli reads "runoff <threshold>" (such as "runoff >=40%"), "top-<n>" and "plurality"',
            )
        threshold = read_threshold(
            report, other, f"{where}'s OtherVoteVariation", False, (contest, "OtherVoteVariation")
        )
    else:
        raise report.error(f"{where} has the unknown VoteVariation {variation!r}", at=(contest, "VoteVariation"))
    advance = report.positive(contest.get("NumberRunoff"), f"{where}'s NumberRunoff", (contest, "NumberRunoff"))
    if advance is not None and advance < 2:
        raise report.error(
            f"{where} has NumberRunoff {advance}", "a runoff takes at least 2 candidates", (contest, "NumberRunoff")
        )
    if elected is not None and elected > 1:
        raise report.error(
            f"{where} has NumberElected {elected} with a runoff rule, which electcli decides for one seat",
            "more than one seat needs VoteVariation plurality or n-of-m",
            (contest, "NumberElected"),
        )
    return Rule(RUNOFF, threshold, advance or DEFAULT_ADVANCE), 1


def measure_threshold(
    report: ReportValues, contest: JSON, variation: str | None, other: str | None, where: str
) -> Threshold:
    """A ballot measure's passing share: a majority unless the report states another."""
    passage = None
    if "PassageThreshold" in contest:
        passage = report.text(contest["PassageThreshold"], f"{where}'s PassageThreshold", (contest, "PassageThreshold"))
    if variation in ("majority", "plurality"):
        return MAJORITY
    if variation is None:
        if passage is None:
            return MAJORITY
        return read_threshold(report, passage, f"{where}'s PassageThreshold", True, (contest, "PassageThreshold"))
    if variation not in ("super-majority", "other"):
        raise report.error(
            f"{where} has the VoteVariation {variation!r}, which does not decide a ballot measure",
            at=(contest, "VoteVariation"),
        )
    if passage is not None:
        lenient = variation == "super-majority"
        return read_threshold(report, passage, f"{where}'s PassageThreshold", lenient, (contest, "PassageThreshold"))
    if other is not None:
        lenient = variation == "super-majority"
        return read_threshold(report, other, f"{where}'s OtherVoteVariation", lenient, (contest, "OtherVoteVariation"))
    raise report.error(
        f"{where} is decided by VoteVariation {variation}, but the report does not say which share passes it",
        'state it in PassageThreshold, e.g. ">=2/3" or ">=60%"',
    )


def read_threshold(report: ReportValues, written: str, what: str, lenient: bool, at: At = None) -> Threshold:
    """A threshold written in the report (``lenient``: a super-majority's share in words or without
    a comparison is accepted too)."""
    textual = written.strip()
    for method in (RUNOFF, MEASURE):
        if textual.lower().startswith(method + " "):
            textual = textual[len(method) + 1 :].strip()
    try:
        return parse_threshold(textual, report.location)
    except InputError as exc:
        refused = exc
    guess = _lenient_threshold(textual) if lenient else None
    if guess is not None:
        try:
            return parse_threshold(guess, report.location)
        except InputError as exc:
            refused = exc
    shown = written if len(written) <= 60 else written[:60] + "..."
    raise report.error(f"{what} {shown!r}: {refused.problem}", refused.hint, at)


def _top(other: str) -> int | None:
    match = re.fullmatch(r"\s*top[- ]?([0-9]{1,9}|one|two|three|four|five)\s*", other.lower())
    if match is None:
        return None
    word = match.group(1)
    return int(word) if word.isdigit() else TOP_WORDS[word]


def _lenient_threshold(written: str) -> str | None:
    """A supermajority's share written in words or without a comparison, as a threshold."""
    lowered = written.lower()
    strict = re.search(r"\b(more than|greater than|over|exceed|exceeds|exceeding)\b", lowered) is not None
    op = ">" if strict else ">="
    for words, share in THRESHOLD_WORDS:
        if words in lowered:
            return op + share
    fraction = re.search(r"(\d+)\s*/\s*(\d+)", lowered)
    if fraction:
        return f"{op}{fraction.group(1)}/{fraction.group(2)}"
    percent = re.search(r"(\d+(?:\.\d+)?)\s*(%|percent)", lowered)
    if percent:
        return f"{op}{percent.group(1)}%"
    return None
