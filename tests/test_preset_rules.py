"""Presets in race files (`rule: us-al-primary`) and the `electcli rules` command."""

from __future__ import annotations

import json

import pytest

from electcli.presets import PRESETS
from electcli.readers import read_input
from tests.conftest import run

THREE = "candidates: [{name: A, votes: 45}, {name: B, votes: 35}, {name: C, votes: 20}]\n"


def test_preset_expands_to_its_rule_and_recount(race) -> None:  # type: ignore[no-untyped-def]
    contest = read_input(race("name: S\nrule: us-fl-general\n" + THREE)).contests[0]
    assert contest.rule.method == "plurality" and contest.rule.preset == "us-fl-general"
    assert contest.recount is not None and contest.recount.text == "<=0.5%"
    nc = read_input(race("name: S\nrule: us-nc-primary\n" + THREE)).contests[0]
    assert nc.rule.threshold is not None and nc.rule.threshold.text == ">30%" and nc.rule.advance == 2


def test_preset_decides_like_the_statute(race) -> None:  # type: ignore[no-untyped-def]
    # 45% is more than 30%: North Carolina nominates A without a second primary; Alabama sends
    # A and B to a runoff.
    nc = json.loads(run(["tally", race("name: S\nrule: us-nc-primary\n" + THREE), "--format", "json"]).stdout)
    assert nc["contests"][0]["outcome"] == "winner" and nc["contests"][0]["winners"] == ["A"]
    al = json.loads(
        run(["tally", race("name: S\nrule: us-al-primary\n" + THREE, "al.yaml"), "--format", "json"]).stdout
    )
    assert al["contests"][0]["outcome"] == "runoff"


def test_json_records_the_preset_with_citation_and_date(race) -> None:  # type: ignore[no-untyped-def]
    document = json.loads(run(["tally", race("name: S\nrule: us-ga-primary\n" + THREE), "--format", "json"]).stdout)
    preset = document["contests"][0]["rule"]["preset"]
    assert preset["name"] == "us-ga-primary"
    assert preset["citation"] == PRESETS["us-ga-primary"].citation
    assert preset["as_of"] == PRESETS["us-ga-primary"].as_of
    assert any("request" in note for note in preset["notes"])  # on request, said rather than guessed


def test_table_shows_the_preset_and_its_notes(race) -> None:  # type: ignore[no-untyped-def]
    result = run(["tally", race("name: S\nrule: us-sd-primary\n" + THREE)], env={"COLUMNS": "200"})
    assert "Preset: us-sd-primary" in result.stdout and "Note:" in result.stdout


def test_file_recount_overrides_the_preset(race) -> None:  # type: ignore[no-untyped-def]
    contest = read_input(race('name: S\nrule: us-al-general\nrecount: "<=100"\n' + THREE)).contests[0]
    assert contest.recount is not None and contest.recount.text == "<=100"


def test_preset_threshold_cannot_be_overridden(race) -> None:  # type: ignore[no-untyped-def]
    result = run(["tally", race('name: S\nrule: {method: us-al-primary, threshold: ">40%"}\n' + THREE)])
    assert result.exit_code == 2 and "fixes the threshold by law" in result.stderr


def test_unknown_preset_suggests(race) -> None:  # type: ignore[no-untyped-def]
    result = run(["tally", race("name: S\nrule: us-al-primery\n" + THREE)])
    assert result.exit_code == 2 and "did you mean 'us-al-primary'" in result.stderr


def test_rules_command() -> None:
    listing = run(["rules"], env={"COLUMNS": "250"})
    assert listing.exit_code == 0
    for name in PRESETS:
        assert name in listing.stdout
    one = run(["rules", "us-ak-top-four"], env={"COLUMNS": "200"})
    assert one.exit_code == 0 and PRESETS["us-ak-top-four"].citation in one.stdout
    document = json.loads(run(["rules", "--format", "json"]).stdout)
    assert [p["name"] for p in document["presets"]] == list(PRESETS)
    assert all(p["citation"] and p["as_of"] for p in document["presets"])
    missing = run(["rules", "us-xx"])
    assert missing.exit_code == 2 and "no preset named" in missing.stderr


@pytest.mark.parametrize("width", [40, 60, 80])
def test_rules_listing_fits_the_terminal(width: int) -> None:
    # The listing was padded to the longest name (27 columns) and left to Rich to wrap, so at 40
    # or 60 columns the summary and citation ran past the edge and wrapped back to column 0.
    listing = run(["rules"], env={"COLUMNS": str(width)})
    assert listing.exit_code == 0 and listing.stderr == ""
    lines = listing.stdout.splitlines()
    assert all(len(line) <= width for line in lines), [line for line in lines if len(line) > width]
    starts = [line.split()[0] for line in lines if line and not line[0].isspace()]
    assert starts[: len(PRESETS)] == list(PRESETS)  # each name starts its entry, whole
    flat = " ".join(" ".join(lines).split())
    for preset in PRESETS.values():
        assert preset.citation in flat and preset.title in flat


def test_schema_knows_the_presets() -> None:
    schema = json.loads(run(["schema"]).stdout)
    assert "us-al-primary" in json.dumps(schema)


def test_where_the_law_sends_every_tied_candidate_on(race) -> None:  # type: ignore[no-untyped-def]
    # SDCL 12-6-51.1: a tie for second place sends every candidate tied for second to the runoff.
    text = "name: S\nrule: us-sd-primary\ncandidates: [{name: A, votes: 3000}, {name: B, votes: 2500}, {name: C, votes: 2500}, {name: D, votes: 2000}]\n"
    contest = json.loads(run(["tally", race(text), "--format", "json"]).stdout)["contests"][0]
    assert contest["outcome"] == "runoff" and contest["advancing"] == ["A", "B", "C"] and contest["tied"] == []
    assert contest["margins"]["cutoff"]["votes"] == 500  # C minus D
    runoff = run(["runoff", race(text, "sd.yaml")])
    assert runoff.exit_code == 0 and runoff.stdout.count("fill in") == 3


def test_california_ties_for_first_all_advance(race) -> None:  # type: ignore[no-untyped-def]
    text = "name: S\nrule: us-ca-top-two\ncandidates: [{name: A, votes: 10}, {name: B, votes: 10}, {name: C, votes: 10}, {name: D, votes: 2}]\n"
    contest = json.loads(run(["tally", race(text), "--format", "json"]).stdout)["contests"][0]
    assert contest["outcome"] == "advance" and contest["advancing"] == ["A", "B", "C"]


def test_without_the_preset_the_same_counts_are_a_tie(race) -> None:  # type: ignore[no-untyped-def]
    text = "name: S\nrule: runoff\ncandidates: [{name: A, votes: 3000}, {name: B, votes: 2500}, {name: C, votes: 2500}, {name: D, votes: 2000}]\n"
    contest = json.loads(run(["tally", race(text), "--format", "json"]).stdout)["contests"][0]
    assert contest["outcome"] == "tie" and contest["tied"] == ["B", "C"]


MEASURE_60 = 'choices: [{name: "Yes", votes: %d}, {name: "No", votes: %d}]\n'


def test_florida_amendment_needs_sixty_percent(race) -> None:  # type: ignore[no-untyped-def]
    # 60 of 100 meets "at least 60 percent"; 59,999 of 100,000 does not, though a majority.
    passed = json.loads(
        run(["tally", race("name: A\nrule: us-fl-amendment\n" + MEASURE_60 % (60, 40)), "--format", "json"]).stdout
    )
    assert passed["contests"][0]["outcome"] == "pass"
    assert passed["contests"][0]["rule"]["preset"]["citation"] == "Fla. Const. art. XI, § 5(e)"
    failed = json.loads(
        run(
            ["tally", race("name: A\nrule: us-fl-amendment\n" + MEASURE_60 % (59_999, 40_001), "b.yaml"), "-f", "json"]
        ).stdout
    )
    assert failed["contests"][0]["outcome"] == "fail"


def test_measure_preset_on_candidates_is_refused(race) -> None:  # type: ignore[no-untyped-def]
    result = run(["tally", race("name: S\nrule: us-nh-amendment\n" + THREE)])
    assert result.exit_code == 2
    assert "rule 'us-nh-amendment' (a ballot measure) needs `choices:`" in result.stderr and result.stdout == ""


def test_mississippi_tie_for_second_sends_all_tied_on(race) -> None:  # type: ignore[no-untyped-def]
    tied = "candidates: [{name: A, votes: 40}, {name: B, votes: 30}, {name: C, votes: 30}]\n"
    for preset in ("us-ms-primary", "us-ms-special"):
        document = json.loads(run(["tally", race(f"name: S\nrule: {preset}\n" + tied), "-f", "json"]).stdout)
        contest = document["contests"][0]
        assert contest["outcome"] == "runoff" and contest["advancing"] == ["A", "B", "C"] and contest["tied"] == []


def test_measure_preset_is_refused_for_openelections_candidates() -> None:
    import pytest

    from electcli.errors import InputError, Location
    from electcli.readers.race_file.rules import rule_named

    with pytest.raises(InputError, match="'us-fl-amendment' is for ballot measures"):
        rule_named("us-fl-amendment", Location("x.csv"))
