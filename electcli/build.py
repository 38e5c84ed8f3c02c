"""A checked ``Contest`` from plain Python values: what ``electcli.contest`` builds.

Rule names, presets, thresholds, recount margins and tiebreaks mean what they mean in a race file
(the race-file reader's own functions read them); the model checks the rest as it does for every
reader. Problems are ``InputError``s at ``<python>``, naming the argument at fault.

Counts are taken through ``operator.index``: Python ints, and anything that is a whole number the
same way (NumPy and pandas integers), are counts; floats, text and ``bool`` are refused, never
rounded.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

from electcli.errors import InputError, Location, ModelError
from electcli.model import MEASURE, PYTHON, RANKED_METHODS, Candidate, Contest, Reporting, Rule, Threshold

if TYPE_CHECKING:
    from electcli.presets import Preset

Built = TypeVar("Built")


def build_contest(
    name: str,
    votes: Any,
    *,
    rule: str = "plurality",
    seats: int = 1,
    threshold: str | None = None,
    advance: int | None = None,
    write_ins: int = 0,
    parties: Mapping[str, str] | None = None,
    tiebreak: Sequence[str] | Mapping[str, int] | None = None,
    recount: str | None = None,
    options: Mapping[str, object] | None = None,
    candidates: Sequence[str] | None = None,
    reporting: tuple[int, int] | None = None,
    outstanding: int | None = None,
) -> Contest:
    contest = _build(
        name, votes, rule, seats, threshold, advance, write_ins, parties, tiebreak, recount, options, candidates
    )
    if reporting is None and outstanding is None:
        return contest
    figures = None
    if reporting is not None:
        if not isinstance(reporting, tuple | list) or len(reporting) != 2:
            raise InputError(Location("reporting"), "reporting is (units reported, units expected)")
        figures = _placed(
            lambda: Reporting(
                _count(reporting[0], "reported", "reporting"), _count(reporting[1], "expected", "reporting")
            )
        )
    still = None if outstanding is None else _count(outstanding, "outstanding")
    return replace(contest, reporting=figures, outstanding=still)


def _build(
    name: str,
    votes: Any,
    rule: str,
    seats: int,
    threshold: str | None,
    advance: int | None,
    write_ins: int,
    parties: Mapping[str, str] | None,
    tiebreak: Sequence[str] | Mapping[str, int] | None,
    recount: str | None,
    options: Mapping[str, object] | None,
    candidates: Sequence[str] | None,
) -> Contest:
    from electcli.readers.race_file.rules import ranked_preset

    preset = ranked_preset(rule)
    if rule in RANKED_METHODS or preset is not None:
        for given, what in ((threshold, "threshold"), (advance, "advance"), (recount, "recount"), (parties, "parties")):
            if given is not None:
                raise InputError(
                    Location(what),
                    f"a ranked-choice contest takes no {what}",
                    "the rule and its options decide it: leave it out (options= for the count's options)",
                )
        if write_ins:
            raise InputError(
                Location("write_ins"),
                "a ranked-choice contest has no unnamed write-ins",
                "a write-in on ranked ballots is a candidate: name it in the rankings",
            )
        return _ranked(name, votes, rule, _count(seats, "seats"), tiebreak, options, candidates, preset)
    if candidates is not None:
        raise InputError(Location("candidates"), "the candidates of a vote count are the names in `votes`")
    if options is not None:
        raise InputError(Location("options"), f"options are for ranked-choice rules (irv, stv), not {rule!r}")
    counts = _vote_counts(votes)
    parties = parties or {}
    for party_of in parties:
        if party_of not in counts:
            raise InputError(Location("parties"), f"parties names {party_of!r}, who has no votes entry")
    listed = tuple(
        Candidate(name=candidate, votes=count, party=parties.get(candidate)) for candidate, count in counts.items()
    )
    built, preset = _rule(rule, threshold, advance)
    if isinstance(tiebreak, Mapping):
        raise InputError(
            Location("tiebreak"), "a seeded draw is for ranked-choice contests", "give the order decided by lot"
        )
    the_recount = None
    if recount is not None:
        from electcli.values import parse_recount

        the_recount = parse_recount(recount, Location("recount"))
    elif preset is not None:
        from electcli.readers.race_file.rules import preset_recount

        the_recount = preset_recount(preset)
    return _placed(
        lambda: Contest(
            name=name,
            rule=built,
            candidates=listed,
            location=PYTHON,
            seats=_count(seats, "seats"),
            write_ins=_count(write_ins, "write_ins"),
            tiebreak=None if tiebreak is None else _names(tiebreak, "tiebreak"),
            recount=the_recount,
        )
    )


def _placed(build: Callable[[], Built]) -> Built:
    """What ``build`` makes, or the model's refusal at the argument it names."""
    try:
        return build()
    except ModelError as exc:
        raise exc.at(Location(exc.part or "<python>")) from None


def _count(value: object, what: str, argument: str = "") -> int:
    """A whole number (an int, or a NumPy/pandas integer); ``argument`` is named as the place."""
    if not isinstance(value, bool | float | str):
        try:
            return operator.index(value)  # type: ignore[arg-type]
        except TypeError:
            pass
    raise InputError(Location(argument or what), f"{what} is {value!r}, not a whole number")


def _names(given: object, what: str) -> tuple[str, ...]:
    if isinstance(given, str) or not isinstance(given, Iterable):
        raise InputError(Location(what), f"{what} is {given!r}, not a list of names")
    names = tuple(given)
    for name in names:
        if not isinstance(name, str):
            raise InputError(Location(what), f"{what} holds {name!r}, not a name")
    return names


def _vote_counts(votes: Any) -> dict[str, int]:
    """Name -> count from a mapping (or anything with ``items()``: a pandas Series of counts
    indexed by name). Names are text; counts are whole numbers (refused otherwise)."""
    items = getattr(votes, "items", None)
    if items is None or isinstance(votes, str):
        raise InputError(
            Location("votes"), f"votes is {type(votes).__name__}, not a mapping of name to count", 'give {"Ana": 120}'
        )
    counts: dict[str, int] = {}
    for name, count in items():
        if not isinstance(name, str):
            raise InputError(Location("votes"), f"votes names {name!r}, which is not text")
        if name in counts:  # a pandas Series may repeat an index label
            raise InputError(Location("votes"), f"votes names {name!r} twice", "give each candidate once")
        counts[name] = _count(count, f"the count of {name!r}", "votes")
    return counts


def _rule(rule: str, threshold: str | None, advance: int | None) -> tuple[Rule, Any]:
    """A rule by its race-file name (a method or a preset), with the threshold and advance given."""
    from dataclasses import replace

    from electcli.readers.race_file.rules import MAJORITY, method_named, preset_rule, rule_named

    if rule == MEASURE:
        built, preset = Rule(MEASURE, MAJORITY, 0), None
    else:
        method, preset = method_named(rule, Location("rule"))
        # A measure's preset (us-fl-amendment) is whole by itself; the votes must then be Yes and
        # No, which the contest checks. rule_named refuses measures, as race files give them
        # `choices:` rather than a rule alone.
        built, preset = (
            (preset_rule(preset), preset) if method == MEASURE and preset else rule_named(rule, Location("rule"))
        )
    if preset is not None and (threshold is not None or advance is not None):
        raise InputError(Location("rule"), f"preset {rule!r} fixes the threshold and advance by law")
    the_threshold: Threshold | None = built.threshold
    if threshold is not None:
        from electcli.values import parse_threshold

        the_threshold = parse_threshold(threshold, Location("threshold"))
    try:
        return replace(
            built,
            threshold=the_threshold,
            advance=built.advance if advance is None else _count(advance, "advance"),
        ), preset
    except ModelError as exc:
        raise exc.at(Location(exc.part or "rule")) from None


def _ranked(
    name: str,
    rankings: Any,
    method: str,
    seats: int,
    tiebreak: Sequence[str] | Mapping[str, int] | None,
    options: Mapping[str, object] | None,
    declared: Sequence[str] | None,
    preset: Preset | None,
) -> Contest:
    from electcli.ranked.ballots import BallotGrouper
    from electcli.ranked.rules import NO_LIMIT, TIE_NONE, TIE_ORDER, TIE_RANDOM, Tiebreak
    from electcli.readers.race_file.options import OPTION_KEYS, preset_conflict, ranked_rules

    pairs = _ranking_pairs(rankings)
    names: list[str] = [] if declared is None else list(_names(declared, "candidates"))
    known = set(names)
    for ranking, _ in pairs:
        for rank in ranking:
            for candidate in _marked(rank):
                if candidate in known:
                    continue
                if declared is not None:
                    raise InputError(Location("votes"), f"a ranking names {candidate!r}, who is not in `candidates`")
                names.append(candidate)
                known.add(candidate)
    grouper = BallotGrouper(names)
    index = grouper.index
    for ranking, count in pairs:
        grouper.add(tuple(tuple(sorted(index[c] for c in _marked(rank))) for rank in ranking), count)
    if options is not None and not isinstance(options, Mapping):
        raise InputError(
            Location("options"),
            f"options is {type(options).__name__}, not a mapping of option name to value",
            "options={'overvote': 'skip', 'max_skipped': 1}",
        )
    # the race file's words for no limit ('unlimited', 'all') are None here too
    given = {key: None if NO_LIMIT.get(key) == value else value for key, value in (options or {}).items()}
    fixed = dict(preset.options) if preset is not None else {}
    for key, value in given.items():
        if key not in OPTION_KEYS:
            raise InputError(Location("options"), f"unknown option {key!r}", f"options: {', '.join(OPTION_KEYS)}")
        problem = preset_conflict(preset, key, value) if preset is not None else None
        if preset is not None and problem:
            raise InputError(
                Location("options"),
                problem,
                f"leave {key!r} out, or count under other rules with rule={preset.method!r} and your own options",
            )
    chosen: dict[str, object] = {**fixed, **given}
    if preset is not None:
        method = preset.method
    if tiebreak is None:
        draw = Tiebreak(TIE_NONE)
    elif isinstance(tiebreak, Mapping):
        if set(tiebreak) != {"random"}:
            raise InputError(Location("tiebreak"), "a seeded draw is {'random': SEED}")
        draw = Tiebreak(TIE_RANDOM, seed=_count(tiebreak["random"], "the seed", "tiebreak"))
    else:
        draw = Tiebreak(TIE_ORDER, order=_names(tiebreak, "tiebreak"))
    try:
        rules = ranked_rules(method, seats, chosen, draw)
    except (ModelError, TypeError) as exc:
        if isinstance(exc, ModelError):
            raise exc.at(Location(exc.part or "options")) from None
        raise InputError(Location("options"), str(exc)) from None
    return _placed(
        lambda: Contest(
            name=name,
            rule=Rule(method, None, 0, preset=preset.name if preset is not None else None),
            candidates=tuple(Candidate(candidate, 0) for candidate in names),
            location=PYTHON,
            seats=max(seats, 1),
            tiebreak=draw.order or None,
            ballots=grouper.build(),
            ranked=rules,
        )
    )


def _ranking_pairs(rankings: Any) -> list[tuple[tuple[object, ...], int]]:
    """(ranking, ballots) pairs: from a mapping ranking -> count, or one ballot per ranking."""
    if isinstance(rankings, str) or not isinstance(rankings, Iterable | Mapping):
        raise InputError(Location("votes"), "rankings are a list of rankings, or a mapping of ranking to count")
    if isinstance(rankings, Mapping):
        return [
            (_ranking(r), _count(count, f"the number of ballots ranking {r!r}", "votes"))
            for r, count in rankings.items()
        ]
    return [(_ranking(r), 1) for r in rankings]


def _ranking(ranking: object) -> tuple[object, ...]:
    if isinstance(ranking, str) or not isinstance(ranking, Iterable):
        raise InputError(Location("votes"), f"ranking {ranking!r} is not a list of names, first choice first")
    return tuple(ranking)


def _marked(rank: object) -> tuple[str, ...]:
    """The names marked at one rank: none (skipped), one, or several (an overvote)."""
    if rank is None:
        return ()
    marked = (rank,) if isinstance(rank, str) else tuple(rank) if isinstance(rank, Iterable) else (rank,)
    for candidate in marked:
        if not isinstance(candidate, str) or not candidate.strip():
            raise InputError(Location("votes"), f"a ranking holds {candidate!r}, not a candidate's name")
    return marked
