"""Incomplete counts (shared/spec/output.md, "Incomplete counts"): no call before the count allows it.

The safe-call rule is checked against brute force: for small contests, every way of casting the
outstanding ballots is tried, and a contest may be decided early only if none changes the outcome.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import replace

import pytest

from electcli.errors import Location, ModelError
from electcli.model import Contest, Reporting
from electcli.tabulate import tabulate
from electcli.values import parse_recount
from tests.conftest import contest, run

RACE = """\
election: {name: Night}
contests:
  - name: Mayor
    %s
    candidates:
      - {name: Ana, votes: 300}
      - {name: Ben, votes: 200}
"""


def _record(race, extra: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    result = run(["tally", race(RACE % extra), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    record: dict[str, object] = json.loads(result.stdout)["contests"][0]
    return record


def test_precincts_still_to_report_mean_leading(race) -> None:  # type: ignore[no-untyped-def]
    record = _record(race, "reporting: {reported: 17, expected: 6089}")
    assert record["outcome"] == "leading"
    assert record["projected"] == "winner"
    assert record["leaders"] == ["Ana"]
    assert record["winners"] == [] and record["advancing"] == []
    assert record["reporting"] == {"reported": 17, "expected": 6089, "complete": False, "outstanding": None}
    assert [c["status"] for c in record["candidates"]] == ["leading", "trailing"]  # type: ignore[attr-defined]


def test_complete_reporting_is_final(race) -> None:  # type: ignore[no-untyped-def]
    record = _record(race, "reporting: {reported: 6089, expected: 6089}")
    assert record["outcome"] == "winner" and record["winners"] == ["Ana"]
    assert record["reporting"] == {"reported": 6089, "expected": 6089, "complete": True, "outstanding": None}
    assert "projected" not in record and "leaders" not in record


def test_no_reporting_figures_keep_todays_behaviour(race) -> None:  # type: ignore[no-untyped-def]
    record = _record(race, "write_ins: 0")
    assert record["outcome"] == "winner"
    assert "reporting" not in record and "decided_with_outstanding" not in record


@pytest.mark.parametrize(("outstanding", "outcome"), [(99, "winner"), (100, "leading"), (101, "leading")])
def test_outstanding_ballots_decide_only_when_they_cannot_change_it(race, outstanding: int, outcome: str) -> None:  # type: ignore[no-untyped-def]
    # Ana leads by 100: 100 ballots all for Ben would tie it, so 100 outstanding is not decided.
    record = _record(race, f"outstanding: {outstanding}")
    assert record["outcome"] == outcome
    assert record["decided_with_outstanding"] is (outcome == "winner")


def test_table_says_leading_in_words(race) -> None:  # type: ignore[no-untyped-def]
    result = run(["tally", race(RACE % "reporting: {reported: 17, expected: 6089}")], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    # "units", not "reporting units reporting", where the file does not say what its units are
    assert "Leading: Ana (would win on the counts so far) · 17 of 6,089 units reporting (0.3%); not final" in (
        result.stdout
    )
    assert "elected" not in result.stdout


@pytest.mark.parametrize(
    ("reporting", "message"),
    [
        ("reporting: {reported: 18, expected: 17}", "more than the 17 expected"),
        ("reporting: {reported: 1, expected: 0}", "no reporting units are expected"),
        ("reporting: {reported: 1}", "expected"),
        ("reporting: {reported: -1, expected: 3}", ""),
        ("outstanding: -5", ""),
        ("outstanding: 1.5", ""),
    ],
)
def test_bad_reporting_figures_are_refused(race, reporting: str, message: str) -> None:  # type: ignore[no-untyped-def]
    result = run(["tally", race(RACE % reporting)])
    assert result.exit_code == 2
    assert "race.yaml:4:" in result.stderr
    assert message in result.stderr


def test_check_never_takes_leading_for_a_final_outcome(race) -> None:  # type: ignore[no-untyped-def]
    text = RACE % "reporting: {reported: 1, expected: 2}" + "    expected: {outcome: winner, winners: [Ana]}\n"
    result = run(["check", race(text)])
    assert result.exit_code == 1
    assert "FAIL" in result.stdout
    text = RACE % "reporting: {reported: 1, expected: 2}" + "    expected: {outcome: leading, leaders: [Ben]}\n"
    result = run(["check", race(text)])
    assert result.exit_code == 1  # the wrong leader
    text = RACE % "reporting: {reported: 1, expected: 2}" + "    expected: {outcome: leading, leaders: [Ana]}\n"
    assert run(["check", race(text)]).exit_code == 0


def test_diff_reports_leading_to_final_and_a_change_of_leader(race, tmp_path) -> None:  # type: ignore[no-untyped-def]
    first = race(RACE % "reporting: {reported: 1, expected: 3}", "a.yaml")
    swapped = (RACE % "reporting: {reported: 2, expected: 3}").replace("300", "100")
    second = race(swapped, "b.yaml")
    final = race(RACE % "reporting: {reported: 3, expected: 3}", "c.yaml")
    same_leader = race((RACE % "reporting: {reported: 2, expected: 3}").replace("300", "310"), "d.yaml")
    changed = run(["diff", first, second])
    assert changed.exit_code == 1 and "leaders: [Ana] -> [Ben]" in changed.stdout
    assert run(["diff", first, final]).exit_code == 1  # leading -> winner
    assert run(["diff", first, same_leader]).exit_code == 0  # more votes, same leader, still incomplete


# --- the safe-call rule, against brute force ------------------------------------------------------


def _every_outcome(
    votes: list[int], method: str, seats: int, outstanding: int, **rule: object
) -> set[tuple[object, ...]]:
    """Every outcome some casting of ``outstanding`` more ballots could give (each ballot: up to
    ``seats`` votes for different candidates, or none)."""
    names = [f"C{i}" for i in range(len(votes))]
    choices = [()] + [combo for k in range(1, seats + 1) for combo in itertools.combinations(range(len(votes)), k)]
    seen = set()
    for cast in itertools.combinations_with_replacement(choices, outstanding):
        added = list(votes)
        for ballot in cast:
            for index in ballot:
                added[index] += 1
        result = tabulate(contest(dict(zip(names, added, strict=True)), method=method, seats=seats, **rule))  # type: ignore[arg-type]
        # who wins or advances is a set: the order among them is not the outcome
        seen.add((result.outcome, frozenset(result.winners), frozenset(result.advancing), frozenset(result.tied)))
    return seen


@pytest.mark.parametrize("method", ["plurality", "runoff", "top"])
def test_decided_early_only_when_no_casting_changes_the_outcome(method: str) -> None:
    cases = 0
    for votes in itertools.product(range(0, 7, 2), repeat=3):
        for outstanding in range(0, 4):
            for seats in (1, 2) if method == "plurality" else (1,):
                base = contest({f"C{i}": v for i, v in enumerate(votes)}, method=method, seats=seats)
                settled = tabulate(replace(base, outstanding=outstanding))
                possible = _every_outcome(list(votes), method, seats, outstanding)
                if settled.outcome != "leading":
                    cases += 1
                    assert settled.decided_with_outstanding == (outstanding > 0)  # 0 outstanding: simply final
                    sets = (frozenset(settled.winners), frozenset(settled.advancing), frozenset(settled.tied))
                    assert possible == {(settled.outcome, *sets)}, (votes, outstanding, seats)
                elif outstanding == 0:
                    pytest.fail("no outstanding ballots can never leave a count leading")
    assert cases > 20  # the rule does decide some contests early


def test_measure_decided_early_only_when_no_casting_changes_it() -> None:
    for yes, no in itertools.product(range(0, 9), repeat=2):
        for outstanding in range(0, 4):
            base = contest({"Yes": yes, "No": no}, method="measure", threshold=">=60%")
            settled = tabulate(replace(base, outstanding=outstanding))
            outcomes = {
                tabulate(
                    contest({"Yes": yes + k, "No": no + (outstanding - k - blank)}, method="measure", threshold=">=60%")
                ).outcome
                for k in range(outstanding + 1)
                for blank in range(outstanding - k + 1)
            }
            if settled.outcome != "leading":
                assert outcomes == {settled.outcome}, (yes, no, outstanding)


def test_reporting_complete_needs_reported_equal_expected() -> None:
    assert Reporting(3, 3).complete and not Reporting(2, 3).complete
    with pytest.raises(ModelError):  # the model's own check: an input error, whoever built it
        Reporting(4, 3)


def test_a_nist_report_keeps_an_incomplete_count_incomplete(race, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Written as NIST SP 1500-100 (CountStatus in-process, SubUnitsReported of TotalSubUnits) and
    read back, a leading contest is still leading: a round trip never turns it into a call."""
    text = RACE % "reporting: {reported: 17, expected: 6089}"
    written = run(["tally", race(text), "--format", "nist"])
    assert written.exit_code == 0
    report = json.loads(written.stdout)
    contest_record = report["Election"][0]["Contest"][0]
    assert contest_record["CountStatus"] == [
        {"@type": "ElectionResults.CountStatus", "Status": "in-process", "Type": "total"}
    ]
    assert (contest_record["SubUnitsReported"], contest_record["TotalSubUnits"]) == (17, 6089)
    path = tmp_path / "report.json"
    path.write_text(written.stdout)
    (back,) = json.loads(run(["tally", str(path), "--format", "json"]).stdout)["contests"]
    assert back["outcome"] == "leading" and back["reporting"]["reported"] == 17
    # a report that says the count is in process but not how far it has got is refused, not called
    del contest_record["SubUnitsReported"], contest_record["TotalSubUnits"]
    path.write_text(json.dumps(report))
    refused = run(["tally", str(path)])
    assert refused.exit_code == 2 and "in-process (CountStatus), with no SubUnitsReported" in refused.stderr


# --- the safe-call rule with the rest of a contest's rule: ties sent on, lots, recounts, write-ins --


def _all_castings(base: Contest, outstanding: int) -> set[tuple[object, ...]]:
    """Every outcome (recount included) some casting of ``outstanding`` ballots could give; a
    ballot gives up to ``seats`` votes to different candidates, one may go to a write-in."""
    n = len(base.candidates)
    picks = [combo for k in range(0, base.seats + 1) for combo in itertools.combinations(range(n + 1), k)]
    seen = set()
    for cast in itertools.combinations_with_replacement(picks, outstanding):
        added = [c.votes for c in base.candidates] + [base.write_ins]
        for ballot in cast:
            for index in ballot:
                added[index] += 1
        candidates = tuple(replace(c, votes=v) for c, v in zip(base.candidates, added, strict=False))
        result = tabulate(replace(base, candidates=candidates, write_ins=added[-1]))
        seen.add(
            (
                result.outcome,
                frozenset(result.winners),
                frozenset(result.advancing),
                frozenset(result.tied),
                result.recount,
            )
        )
    return seen


def _variants() -> list[Contest]:
    recount = parse_recount("<=2", Location("test"))
    share_recount = parse_recount("<=10%", Location("test"))
    found = []
    for votes in itertools.product(range(0, 9, 2), repeat=3):
        named = {f"C{i}": v for i, v in enumerate(votes)}
        top = contest(named, method="top", advance=1)
        found.append(replace(top, rule=replace(top.rule, ties_advance=True)))
        run_off = contest(named, method="runoff", threshold=">=40%", advance=2)
        found.append(replace(run_off, rule=replace(run_off.rule, ties_advance=True)))
        found.append(contest(named, method="runoff", threshold=">=40%", write_ins=1))
        found.append(replace(contest(named), recount=recount))
        found.append(replace(contest(named, seats=2), recount=share_recount))
        found.append(contest(named, tiebreak=["C2", "C1", "C0"]))
    return found


def test_decided_early_only_when_no_casting_changes_the_rest_of_the_rule() -> None:
    wrong = []
    for base in _variants():
        for outstanding in (1, 2, 3):
            settled = tabulate(replace(base, outstanding=outstanding))
            if settled.outcome == "leading":
                continue
            sets = (frozenset(settled.winners), frozenset(settled.advancing), frozenset(settled.tied))
            possible = _all_castings(base, outstanding)
            if possible != {(settled.outcome, *sets, settled.recount)}:
                wrong.append((base.rule, base.recount, [c.votes for c in base.candidates], outstanding, possible))
    assert not wrong, wrong[:3]


MEASURE_NIGHT = """\
election: {name: Night}
contests:
  - name: Measure A
    rule: measure
    reporting: {reported: 3, expected: 10}
    choices:
      - {name: "Yes", votes: %d}
      - {name: "No", votes: 50}
"""


def test_diff_reports_a_measure_turning_while_its_count_is_incomplete(race) -> None:  # type: ignore[no-untyped-def]
    # a measure has no leaders: what leads is the outcome it would have (pass, then fail)
    passing, failing = race(MEASURE_NIGHT % 60, "a.yaml"), race(MEASURE_NIGHT % 40, "b.yaml")
    changed = run(["diff", passing, failing])
    assert changed.exit_code == 1, changed.stdout
    assert "1 outcome change" in changed.stdout
    assert run(["diff", passing, race(MEASURE_NIGHT % 70, "c.yaml")]).exit_code == 0


def test_a_nist_report_with_any_count_still_in_process_is_never_called(race, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """CountStatus is kept by type of count: absentee ballots still in process leave the contest
    incomplete whatever the other types say, and without figures for how far it has got it is refused."""
    written = run(["tally", race(RACE % "write_ins: 0"), "--format", "nist"])
    report = json.loads(written.stdout)
    contest_record = report["Election"][0]["Contest"][0]
    contest_record["CountStatus"] = [
        {"@type": "ElectionResults.CountStatus", "Status": "in-process", "Type": "absentee"},
    ]
    path = tmp_path / "report.json"
    path.write_text(json.dumps(report))
    refused = run(["tally", str(path), "--format", "json"])
    assert refused.exit_code == 2, refused.stdout
    assert "in-process for absentee (CountStatus)" in refused.stderr
