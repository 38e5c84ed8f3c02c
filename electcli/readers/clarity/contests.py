"""Clarity contests as the model's contests: names verbatim, units, vote types, completeness."""

from __future__ import annotations

from typing import TYPE_CHECKING

from electcli.errors import InputError, Location
from electcli.model import MEASURE, PLURALITY, Candidate, Contest, Reporting, Results, Rule, VoteTypes
from electcli.readers.clarity.parse import HINT, ClarityFile, contest_count_key
from electcli.readers.clarity.parse import Contest as ClarityContest
from electcli.readers.race_file.rules import MAJORITY, preset_recount, rule_named
from electcli.suggest import name_hint

if TYPE_CHECKING:
    from electcli.presets import Preset
    from electcli.readers.selection import Selection

# A question's choices as Clarity spells them (case aside) -> the model's Yes and No.
_MEASURE_CHOICES = {"yes": "Yes", "no": "No"}


def chosen_contests(parsed: ClarityFile, selection: Selection | None) -> list[Contest]:
    """The contests ``selection`` names (every contest when it names none), in the file's order."""
    by_text = {contest.text: contest for contest in parsed.contests}
    wanted = list(selection.contests) if selection is not None and selection.contests else list(by_text)
    for name in wanted:
        if name not in by_text:
            raise InputError(
                Location("--contest"),
                f"{parsed.name} has no contest {name!r}",
                f"{name_hint(name, list(by_text)[:40])} (`electcli contests {parsed.name}` lists them)",
            )
    given_rule = selection.rule if selection is not None and selection.rule_given else None
    return [clarity_contest(parsed, by_text[name], _rule(by_text[name], given_rule)) for name in dict.fromkeys(wanted)]


def clarity_contest(parsed: ClarityFile, contest: ClarityContest, decided_by: tuple[Rule, Preset | None]) -> Contest:
    """One Clarity contest as the model's, decided by ``decided_by`` (a rule and its preset)."""
    where = Location(parsed.name, contest.line, contest.column)
    rule, preset = decided_by
    if contest.vote_for > 1 and rule.method != PLURALITY:
        raise InputError(
            where,
            f"contest {contest.text!r} elects {contest.vote_for} (voteFor), but rule {rule.method!r} elects one",
            "more than one seat needs rule `plurality`",
        )
    names = [_choice_name(contest, choice.text, rule, where) for choice in contest.choices]
    type_names = tuple(vote_type.name for vote_type in contest.choices[0].vote_types)
    for choice in contest.choices:
        if tuple(vote_type.name for vote_type in choice.vote_types) != type_names:
            raise InputError(
                Location(parsed.name, choice.line, choice.column),
                f"choice {choice.text!r} has the vote types {[v.name for v in choice.vote_types]}, "
                f"but {contest.choices[0].text!r} has {list(type_names)}",
                HINT,
            )
    units = _units(parsed, contest)
    _check_taking_part(parsed, contest, len(units), where)
    unit_column: list[str] = []
    name_column: list[str] = []
    vote_column: list[int] = []
    by_row: list[tuple[int, ...]] = []
    for unit in units:
        for name, choice in zip(names, contest.choices, strict=True):
            figures = tuple(vote_type.units[unit] for vote_type in choice.vote_types)
            unit_column.append(unit)
            name_column.append(name)
            vote_column.append(sum(figures))
            by_row.append(figures)
    results = None
    if units:
        results = Results(parsed.unit_kind, tuple(unit_column), tuple(name_column), tuple(vote_column))
    vote_types = None
    if type_names:
        vote_types = VoteTypes(
            names=type_names,
            by_candidate=tuple(tuple(v.votes for v in choice.vote_types) for choice in contest.choices),
            by_row=tuple(by_row) if units else (),
        )
    reported: list[tuple[str, int]] = []
    for count in contest.counts:
        key = contest_count_key(count.name)
        if key is None:
            raise InputError(
                Location(parsed.name, count.line, count.column),
                f"contest {contest.text!r} has a vote type {count.name!r} outside its choices",
                "electcli knows Undervotes and Overvotes there; any other figure could be votes it would miss",
            )
        if any(seen == key for seen, _ in reported):
            raise InputError(
                Location(parsed.name, count.line, count.column),
                f"contest {contest.text!r} gives its {key.replace('_', ' ')} twice (vote type {count.name!r})",
                HINT,
            )
        reported.append((key, count.votes))
    reporting = None
    if contest.reported is not None and contest.expected is not None:
        reporting = Reporting(contest.reported, contest.expected)
    return Contest(
        name=contest.text,
        rule=rule,
        candidates=tuple(
            Candidate(name=name, votes=choice.total, party=choice.party)
            for name, choice in zip(names, contest.choices, strict=True)
        ),
        location=where,
        seats=contest.vote_for,
        recount=preset_recount(preset),
        results=results,
        reported=tuple(sorted(reported)),
        reporting=reporting,
        unit_reporting=tuple((unit, Reporting(*figures)) for unit, figures in contest.unit_reporting.items()),
        vote_types=vote_types,
    )


def _check_taking_part(parsed: ClarityFile, contest: ClarityContest, units: int, where: Location) -> None:
    """Votes need precincts to come from: a contest whose figures come from more precincts than
    it says take part (none, say: 0 of 0 reads as complete) contradicts its own completeness."""
    expected = contest.expected
    if expected is None:
        return
    if parsed.unit_kind == "precinct" and units > expected:
        problem = f"contest {contest.text!r} has figures for {units:,} precincts, but {expected:,} take part"
    elif expected == 0 and any(choice.total for choice in contest.choices):
        problem = f"contest {contest.text!r} has votes, but no precincts take part (0 of 0 reported)"
    else:
        return
    raise InputError(where, problem, "the file contradicts itself about how much of the count is in: " + HINT)


def default_rule(contest: ClarityContest) -> Rule:
    """Plurality, or for a question a majority of Yes."""
    if contest.is_question:
        return Rule(method=MEASURE, threshold=MAJORITY, advance=0)
    return Rule(method=PLURALITY, threshold=None, advance=0)


def _rule(contest: ClarityContest, given: str | None) -> tuple[Rule, Preset | None]:
    """``--rule`` when given (a method or a preset); else plurality, or a majority for a question."""
    if given is None:
        return default_rule(contest), None
    if contest.is_question:
        from electcli.readers.race_file.rules import method_named, preset_rule

        method, preset = method_named(given, Location("--rule"))
        if preset is not None:
            return preset_rule(preset), preset
        if method == MEASURE:
            return Rule(method=MEASURE, threshold=MAJORITY, advance=0), None
    return rule_named(given, Location("--rule"))


def _choice_name(contest: ClarityContest, text: str, rule: Rule, where: Location) -> str:
    """A choice's name: Clarity's text verbatim, except a measure's Yes and No."""
    if rule.method != MEASURE:
        return text
    name = _MEASURE_CHOICES.get(text.strip().lower())
    if name is None or len(contest.choices) != 2:
        raise InputError(
            where,
            f"question {contest.text!r} has the choices "
            f"{', '.join(repr(c.text) for c in contest.choices)}, not Yes and No",
            "tally it as a contest between its choices with --rule plurality (and --contest to choose it)",
        )
    return name


def _units(parsed: ClarityFile, contest: ClarityContest) -> list[str]:
    """The contest's units in the file's order; every vote type of every choice must give each one."""
    units: dict[str, None] = {}
    for choice in contest.choices:
        for vote_type in choice.vote_types:
            units.update(dict.fromkeys(vote_type.units))
    for choice in contest.choices:
        for vote_type in choice.vote_types:
            if len(vote_type.units) != len(units):
                missing = next(unit for unit in units if unit not in vote_type.units)
                raise InputError(
                    Location(parsed.name, vote_type.line, vote_type.column),
                    f"vote type {vote_type.name!r} of choice {choice.text!r} gives no figure for "
                    f"{parsed.unit_kind} {missing!r}, which other figures of contest {contest.text!r} have",
                    "electcli never takes a missing figure for 0: " + HINT,
                )
    return list(units)
