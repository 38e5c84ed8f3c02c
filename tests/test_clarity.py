"""Clarity (Scytl) detail XML and detailxml.zip: real files, cross-checked, and damaged ones refused.

The real files live in the shared folder (``data/clarity``, see its PROVENANCE.md); the damaged
ones are made here from a small valid document.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import defaultdict
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, run
from tests.shared_data import shared_path

NIGHT = SAMPLES / "election-night"


def _json(*args: str) -> dict[str, object]:
    result = run(["tally", *args, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    document: dict[str, object] = json.loads(result.stdout)
    return document


def _contests(*args: str) -> list[dict[str, object]]:
    contests: list[dict[str, object]] = _json(*args)["contests"]  # type: ignore[assignment]
    return contests


# --- real files -----------------------------------------------------------------------------------


def test_west_virginia_statewide_totals_are_the_published_ones() -> None:
    path = shared_path("data/clarity/wv_counties_11-3.xml")
    president, senate = _contests(str(path))
    # PROVENANCE.md: President: Trump 545,382, Biden 235,984, Jorgensen 10,687, Hawkins 2,599.
    assert [(c["name"], c["votes"]) for c in president["candidates"]] == [  # type: ignore[attr-defined]
        ("DONALD J. TRUMP", 545382),
        ("JOSEPH R. BIDEN", 235984),
        ("JO JORGENSEN", 10687),
        ("HOWIE HAWKINS", 2599),
    ]
    assert [(c["name"], c["votes"]) for c in senate["candidates"]] == [  # type: ignore[attr-defined]
        ("SHELLEY MOORE CAPITO", 547454),
        ("PAULA JEAN SWEARENGIN", 210309),
        ("DAVID MORAN", 21155),
    ]
    assert president["reporting"] == {"reported": 1706, "expected": 1706, "complete": True, "outstanding": None}
    assert president["outcome"] == "winner" and president["winners"] == ["DONALD J. TRUMP"]


@pytest.mark.parametrize(("clarity_name", "office"), [("PRESIDENT", "President"), ("U.S. SENATOR", "U.S. Senate")])
def test_west_virginia_every_county_agrees_with_the_openelections_file(clarity_name: str, office: str) -> None:
    """Each county's figure for each candidate, read from the Clarity file by electcli, equals the
    independent OpenElections county file's (read here with the csv module); so do the statewide rows."""
    xml = shared_path("data/clarity/wv_counties_11-3.xml")
    openelections = shared_path("data/clarity/20201103__wv__general__county.csv")
    (record,) = _contests(str(xml), "--contest", clarity_name, "--by-unit")
    by_county: dict[str, dict[str, int]] = defaultdict(dict)
    statewide: dict[str, int] = {}
    with open(openelections, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["office"] != office:
                continue
            if row["county"]:
                by_county[row["county"]][row["candidate"]] = int(row["votes"])
            else:
                statewide[row["candidate"]] = int(row["votes"])
    units = {unit["name"]: {c["name"]: c["votes"] for c in unit["candidates"]} for unit in record["units"]}  # type: ignore[attr-defined]
    assert len(units) == 55
    assert units == dict(by_county)
    assert {c["name"]: c["votes"] for c in record["candidates"]} == statewide  # type: ignore[attr-defined]


def test_gwinnett_by_precinct_with_four_vote_types() -> None:
    path = shared_path("data/clarity/ga_gwinnett_precincts_11-3.xml")
    (president,) = _contests(
        str(path), "--contest", "President of the United States/Presidentede los Estados Unidos", "--by-unit"
    )
    assert president["units_by"] == "precinct" and len(president["units"]) == 156  # type: ignore[arg-type]
    trump = president["candidates"][1]  # type: ignore[index]
    assert trump["name"] == "Donald J. Trump (I) (Rep)" and trump["votes"] == 166413
    assert set(trump["vote_types"]) == {
        "Election Day Votes",
        "Absentee by Mail Votes",
        "Advanced Voting Votes",
        "Provisional Votes",
    }
    assert sum(trump["vote_types"].values()) == trump["votes"]
    # every unit's figures add up to the candidate's, vote type by vote type
    for name in trump["vote_types"]:
        per_unit = sum(
            c["vote_types"][name]
            for unit in president["units"]  # type: ignore[attr-defined]
            for c in unit["candidates"]
            if c["name"] == trump["name"]
        )
        assert per_unit == trump["vote_types"][name]
    assert president["reported"]["over_votes"] >= 0 and "under_votes" in president["reported"]  # type: ignore[index]


def test_bacon_county_reads_every_contest() -> None:
    path = shared_path("data/clarity/ga_bacon_precincts_11-3.xml")
    listed = run(["contests", str(path), "--format", "json"])
    assert listed.exit_code == 0
    names = [c["name"] for c in json.loads(listed.stdout)["contests"]]
    assert len(names) == 20
    assert [c["name"] for c in _contests(str(path))] == names


def test_atkinson_county_contradicts_itself_and_is_refused() -> None:
    path = shared_path("data/clarity/ga_atkinson_precincts_11-3.xml")
    result = run(["tally", str(path)])
    assert result.exit_code == 2 and result.stdout == ""
    assert (
        f"{path}:31:13: vote type 'Election Day Votes' of choice 'Donald J. Trump (I) (Rep)' has votes=716"
        in result.stderr
    )
    assert "add up to 492" in result.stderr


def test_the_zip_reads_as_the_xml_it_holds(tmp_path: Path) -> None:
    path = shared_path("data/clarity/wv_counties_11-3.xml")
    archive = tmp_path / "detailxml.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as handle:
        handle.write(path, "detail.xml")
    from_zip, from_xml = _json(str(archive)), _json(str(path))
    for record in (*from_zip["contests"], *from_xml["contests"]):  # type: ignore[misc]
        record.pop("file")
    assert from_zip["contests"] == from_xml["contests"]
    assert from_zip["inputs"][0]["file"] == str(archive)  # type: ignore[index]


# --- an election night of our own ---------------------------------------------------------------


def test_election_night_sequence_is_never_called_early() -> None:
    night = [_contests(str(NIGHT / f"night-{n}.yaml"))[0] for n in (1, 2, 3)]
    assert [r["outcome"] for r in night] == ["leading", "leading", "winner"]
    assert [r.get("leaders") for r in night] == [["Ana Ruiz"], ["Ben Okafor"], None]
    assert [r["reporting"]["reported"] for r in night] == [4, 9, 12]  # type: ignore[index]
    assert night[2]["winners"] == ["Ben Okafor"]
    assert run(["check", str(NIGHT)]).exit_code == 0


def test_election_night_diff_exits_1_on_a_new_leader_and_on_the_final_call() -> None:
    first, second, third = (str(NIGHT / f"night-{n}.yaml") for n in (1, 2, 3))
    changed = run(["diff", first, second])
    assert changed.exit_code == 1 and "leaders: [Ana Ruiz] -> [Ben Okafor]" in changed.stdout
    final = run(["diff", second, third])
    assert final.exit_code == 1 and "outcome: leading -> winner" in final.stdout
    assert run(["diff", third, third]).exit_code == 0


def test_snapshot_tallied_directly_says_leading_in_words() -> None:
    result = run(["tally", str(NIGHT / "snapshot-1.xml")], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert (
        "Leading: Ana Ruiz (would win on the counts so far) · 4 of 12 precincts reporting (33.3%); not final"
        in result.stdout
    )


# --- damaged and hostile files ------------------------------------------------------------------

VALID = """<?xml version="1.0"?>
<ElectionResult>
    <ElectionName>Test</ElectionName>
    <Contest key="1" text="Mayor" voteFor="1" isQuestion="false" precinctsReporting="2" precinctsReported="2">
        <Choice key="1" text="Ana" party="NP" totalVotes="7">
            <VoteType name="Election Day" votes="7">
                <Precinct name="P1" votes="3" />
                <Precinct name="P2" votes="4" />
            </VoteType>
        </Choice>
        <Choice key="2" text="Ben" party="NP" totalVotes="5">
            <VoteType name="Election Day" votes="5">
                <Precinct name="P1" votes="5" />
                <Precinct name="P2" votes="0" />
            </VoteType>
        </Choice>
    </Contest>
</ElectionResult>
"""


def _tally_text(tmp_path: Path, text: str | bytes, name: str = "detail.xml") -> tuple[int, str]:
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    result = run(["tally", str(path), "--format", "json"])
    return result.exit_code, result.stderr if result.exit_code else result.stdout


def test_the_valid_document_reads(tmp_path: Path) -> None:
    status, out = _tally_text(tmp_path, VALID)
    assert status == 0
    (record,) = json.loads(out)["contests"]
    assert [(c["name"], c["votes"]) for c in record["candidates"]] == [("Ana", 7), ("Ben", 5)]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('totalVotes="7"', 'totalVotes="8"', "totalVotes=8, but its vote types add up to 7"),
        ('<Precinct name="P2" votes="4" />', '<Precinct name="P2" votes="5" />', "votes=7, but its units add up to 8"),
        ('<Precinct name="P2" votes="0" />', "", "gives no figure for precinct 'P2'"),
        ('votes="3"', 'votes="-3"', "is not a whole number"),
        ('votes="3"', 'votes="3.0"', "is not a whole number"),
        ('votes="3"', 'votes="1e3"', "is not a whole number"),
        ('votes="3"', 'votes="' + "9" * 5000 + '"', "at most 30 digits"),
        ('text="Ben"', 'text="Ana"', "choice 'Ana' appears twice"),
        ('<Precinct name="P2" votes="0" />', '<Precinct name="P1" votes="0" />', "appears twice"),
        ('isQuestion="false"', 'isQuestion="no"', "neither true nor false"),
        ('precinctsReported="2"', 'precinctsReported="3"', "3 precincts reported, more than the 2"),
        ("<ElectionName>", "<Mystery/><ElectionName>", "unexpected element <Mystery>"),
        ('party="NP"', 'party="NP" extra="1"', "unexpected attribute 'extra'"),
        ('<?xml version="1.0"?>', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]>', "DOCTYPE"),
        ("</Contest>", "", "not well-formed XML"),
        ('<Precinct name="P1" votes="3" />', '<Precinct name="P1" votes="3">12</Precinct>', "unexpected text '12'"),
        ('<Precinct name="P1" votes="3" />', '<Precinct name="P1" votes="3"><X/></Precinct>', "unexpected element <X>"),
        ("</Choice>", "</Choice>stray", "unexpected text 'stray'"),
        ('<Precinct name="P2" votes="4" />', '<County name="P2" votes="4" />', "<County> figures in a file"),
        ("<ElectionResult>", "<Results>", "not <ElectionResult>"),
    ],
)
def test_damaged_documents_are_refused_with_a_place(tmp_path: Path, old: str, new: str, message: str) -> None:
    assert old in VALID
    status, err = _tally_text(tmp_path, VALID.replace(old, new, 1))
    assert status == 2
    assert message in err
    assert "detail.xml:" in err and "Traceback" not in err


def test_a_greater_than_sign_in_a_name_is_not_text(tmp_path: Path) -> None:
    status, out = _tally_text(tmp_path, VALID.replace('text="Mayor"', 'text="Mayor > Deputy"'))
    assert status == 0 and json.loads(out)["contests"][0]["name"] == "Mayor > Deputy"


def test_a_zip_bomb_is_refused_before_it_inflates(tmp_path: Path) -> None:
    archive = tmp_path / "detailxml.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as handle:
        handle.writestr("detail.xml", VALID + " " * 50_000_000)
    assert archive.stat().st_size < 200_000
    result = run(["tally", str(archive)])
    assert result.exit_code == 2 and "zip bomb" in result.stderr


@pytest.mark.parametrize(
    ("members", "message"),
    [({"detail.xml": VALID, "other.xml": VALID}, "not a single detail.xml"), ({}, "not a single detail.xml")],
)
def test_a_zip_must_hold_one_xml(tmp_path: Path, members: dict[str, str], message: str) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as handle:
        for name, text in members.items():
            handle.writestr(name, text)
    status, err = _tally_text(tmp_path, buffer.getvalue(), "detailxml.zip")
    assert status == 2 and message in err


def test_a_corrupt_zip_is_an_input_error(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as handle:
        handle.writestr("detail.xml", VALID * 20)
    data = bytearray(buffer.getvalue())
    data[60:90] = b"\x00" * 30  # inside the compressed stream
    status, err = _tally_text(tmp_path, bytes(data), "detailxml.zip")
    assert status == 2 and "detailxml.zip" in err and "Traceback" not in err


def test_a_question_is_a_measure(tmp_path: Path) -> None:
    text = VALID.replace('isQuestion="false"', 'isQuestion="true"').replace('"Ana"', '"YES"').replace('"Ben"', '"NO"')
    status, out = _tally_text(tmp_path, text)
    assert status == 0
    (record,) = json.loads(out)["contests"]
    assert record["method"] == "measure" and record["outcome"] == "pass"
    text = text.replace('"YES"', '"FOR"').replace('"NO"', '"AGAINST"')
    status, err = _tally_text(tmp_path, text)
    assert status == 2 and "not Yes and No" in err and "--rule plurality" in err


def test_contest_names_are_chosen_exactly(tmp_path: Path) -> None:
    path = tmp_path / "detail.xml"
    path.write_text(VALID)
    result = run(["tally", str(path), "--contest", "Mayr"])
    assert result.exit_code == 2 and "did you mean 'Mayor'?" in result.stderr
    assert run(["tally", str(path), "--contest", "Mayor", "--rule", "runoff"]).exit_code == 0
    wrong = run(["tally", str(SAMPLES / "al-2020-senate-gop-primary.yaml"), "--contest", "Mayor"])
    assert wrong.exit_code == 2 and "--contest chooses contests of a Clarity results file" in wrong.stderr


def test_race_file_candidates_must_be_the_files(tmp_path: Path) -> None:
    (tmp_path / "detail.xml").write_text(VALID)
    race = tmp_path / "race.yaml"
    race.write_text(
        "name: Mayor\nresults: {clarity: detail.xml, contest: Mayor}\ncandidates: [{name: Ana}, {name: Bob}]\n"
    )
    result = run(["tally", str(race)])
    assert result.exit_code == 2 and "'Bob' is not a choice of 'Mayor'" in result.stderr
    race.write_text(
        "name: Mayor\nresults: {clarity: detail.xml, contest: Mayor}\nreporting: {reported: 1, expected: 2}\n"
    )
    result = run(["tally", str(race)])
    assert (
        result.exit_code == 2
        and "`reporting:` does not apply when the results come from a Clarity file" in result.stderr
    )


def test_statewide_counties_carry_their_own_reporting_and_must_add_up(tmp_path: Path) -> None:
    text = shared_path("data/clarity/wv_counties_11-3.xml").read_text(encoding="utf-8")
    barbour = '<County name="Barbour" precinctsParticipating="13" precinctsReported="13"'
    partial = text.replace(barbour, barbour.replace('Reported="13"', 'Reported="7"'))
    partial = partial.replace(
        'precinctsParticipating="1706" precinctsReported="1706" precinctsReportingPercent="100.00"',
        'precinctsParticipating="1706" precinctsReported="1700" precinctsReportingPercent="99.65"',
    )
    status, _ = _tally_text(tmp_path, partial)
    assert status == 0
    president = json.loads(run(["tally", str(tmp_path / "detail.xml"), "--by-unit", "--format", "json"]).stdout)[
        "contests"
    ][0]
    assert president["outcome"] == "leading" and president["leaders"] == ["DONALD J. TRUMP"]
    units = {unit["name"]: unit["reporting"] for unit in president["units"]}
    assert units["Barbour"] == {"reported": 7, "expected": 13, "complete": False}
    assert units["Berkeley"] == {"reported": 66, "expected": 66, "complete": True}
    # the contest's own figure must be the sum of its counties'
    contradicts = text.replace(barbour, barbour.replace('Reported="13"', 'Reported="7"'), 1)
    status, err = _tally_text(tmp_path, contradicts)
    assert status == 2 and "has 1,706 of 1,706 precincts reported, but its counties add up to 1,700 of 1,706" in err


@pytest.mark.parametrize("columns", [40, 50, 60, 80, 120])
def test_vote_types_table_shows_every_figure_whole(columns: int) -> None:
    path = shared_path("data/clarity/ga_bacon_precincts_11-3.xml")
    contest = "US Senate (Perdue)"
    result = run(["tally", str(path), "--contest", contest, "--vote-types"], env={"COLUMNS": str(columns)})
    assert result.exit_code == 0
    (record,) = _contests(str(path), "--contest", contest)
    words = result.stdout.replace("\n", " ").split()
    for candidate in record["candidates"]:  # type: ignore[attr-defined]
        for figure in candidate["vote_types"].values():
            assert f"{figure:,}" in words
    assert all(len(line) <= columns for line in result.stdout.splitlines())
    assert "By vote type" in result.stdout


@pytest.mark.parametrize(("clarity_name", "office"), [("PRESIDENT", "President"), ("U.S. SENATOR", "U.S. Senate")])
def test_west_virginia_openelections_file_read_by_electcli_agrees_with_clarity(clarity_name: str, office: str) -> None:
    """The OpenElections county file, statewide rows included (read as totals and reconciled with
    the counties, never counted twice), gives the Clarity file's figures, county by county."""
    xml = shared_path("data/clarity/wv_counties_11-3.xml")
    openelections = shared_path("data/clarity/20201103__wv__general__county.csv")
    (clarity,) = _contests(str(xml), "--contest", clarity_name, "--by-unit")
    (from_csv,) = _contests(str(openelections), "--office", office, "--by-unit")

    def by_unit(record: dict[str, object]) -> dict[str, dict[str, int]]:
        return {u["name"]: {c["name"]: c["votes"] for c in u["candidates"]} for u in record["units"]}  # type: ignore[attr-defined]

    assert by_unit(from_csv) == by_unit(clarity)
    assert [(c["name"], c["votes"]) for c in from_csv["candidates"]] == [  # type: ignore[attr-defined]
        (c["name"], c["votes"])
        for c in clarity["candidates"]  # type: ignore[attr-defined]
    ]
    assert from_csv["total_votes"] == clarity["total_votes"]


def test_openelections_statewide_rows_must_match_their_counties(tmp_path: Path) -> None:
    source = shared_path("data/clarity/20201103__wv__general__county.csv").read_text(encoding="utf-8")
    path = tmp_path / "20201103__wv__general__county.csv"
    path.write_text(source.replace(",President,,REP,DONALD J. TRUMP,545382", ",President,,REP,DONALD J. TRUMP,545383"))
    result = run(["tally", str(path), "--office", "President"])
    assert result.exit_code == 2
    assert (
        f"{path}:2:33: this row names no unit, so it is the contest's total: it gives 'DONALD J. TRUMP' 545383 votes, "
        "but the units add up to 545382" in result.stderr
    )


# --- hostile review: what the fast path and the completeness figures let through ------------------

_P1 = '<Precinct name="P1" votes="3" />'


@pytest.mark.parametrize(
    ("document", "message"),
    [
        # text hidden from the byte scan: in a CDATA section, or in a document the scan cannot read
        (
            VALID.replace(_P1, '<Precinct name="P1" votes="3"><![CDATA[12]]></Precinct>').encode(),
            "unexpected text '12'",
        ),
        (
            VALID.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>')
            .replace(_P1, '<Precinct name="P1" votes="3">12</Precinct>')
            .encode("utf-16"),
            "unexpected text '12'",
        ),
    ],
)
def test_text_is_refused_however_it_is_written(tmp_path: Path, document: bytes, message: str) -> None:
    status, err = _tally_text(tmp_path, document)
    assert status == 2 and message in err and "detail.xml:" in err


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        # the counts say every precinct is in, the percentage says a third: no call on a contradiction
        ('precinctsReported="2"', 'precinctsReported="2" precinctsReportingPercent="33.33"', "33.33"),
        ('precinctsReported="2"', 'precinctsReported="1" precinctsReportingPercent="100.00"', "100.00"),
        ('precinctsReported="2"', 'precinctsReported="2" precinctsReportingPercent="lots"', "lots"),
        ('precinctsReported="2"', 'precinctsReported="2" countiesParticipating="3" countiesReported="1"', "counties"),
        ('precinctsReported="2"', 'precinctsReported="2" countiesParticipating="3" countiesReported="4"', "counties"),
        ('precinctsReported="2"', 'precinctsReported="2" countiesReported="3"', "counties"),
    ],
)
def test_completeness_figures_that_disagree_are_refused(tmp_path: Path, old: str, new: str, message: str) -> None:
    status, err = _tally_text(tmp_path, VALID.replace(old, new, 1))
    assert status == 2 and message in err and "detail.xml:4:" in err, err


def test_completeness_figures_that_agree_read(tmp_path: Path) -> None:
    status, out = _tally_text(
        tmp_path,
        VALID.replace(
            'precinctsReporting="2" precinctsReported="2"',
            'precinctsParticipating="3" precinctsReported="2" precinctsReportingPercent="66.67" '
            'countiesParticipating="1" countiesReported="1"',
        ),
    )
    assert status == 0 and json.loads(out)["contests"][0]["outcome"] == "leading"


def test_counties_still_out_keep_a_contest_without_its_own_figures_leading(tmp_path: Path) -> None:
    text = shared_path("data/clarity/wv_counties_11-3.xml").read_text(encoding="utf-8")
    barbour = '<County name="Barbour" precinctsParticipating="13" precinctsReported="13"'
    partial = text.replace(barbour, barbour.replace('Reported="13"', 'Reported="7"'))
    partial = partial.replace(
        'countiesParticipating="55" countiesReported="55" precinctsParticipating="1706" precinctsReported="1706" '
        'precinctsReportingPercent="100.00"',
        "",
    )
    status, out = _tally_text(tmp_path, partial)
    assert status == 0, out
    president = json.loads(out)["contests"][0]
    assert president["outcome"] == "leading"
    assert president["reporting"]["reported"] == 1700 and president["reporting"]["expected"] == 1706


@pytest.mark.parametrize(
    ("figures", "message"),
    [
        # votes from 2 precincts in a contest that says none take part, or only 1
        ('precinctsReporting="0" precinctsReported="0"', "figures for 2 precincts, but 0 take part"),
        ('precinctsReporting="1" precinctsReported="1"', "figures for 2 precincts, but 1 take part"),
    ],
)
def test_more_precincts_with_figures_than_take_part_is_refused(tmp_path: Path, figures: str, message: str) -> None:
    status, err = _tally_text(tmp_path, VALID.replace('precinctsReporting="2" precinctsReported="2"', figures))
    assert status == 2 and message in err and "detail.xml:4:" in err, err


def test_no_precincts_taking_part_but_votes_is_refused(tmp_path: Path) -> None:
    # without units to count: 0 of 0 precincts is "complete", and would call a winner from nowhere
    document = VALID.replace(
        'precinctsReporting="2" precinctsReported="2"', 'precinctsReporting="0" precinctsReported="0"'
    )
    for unit in (
        '<Precinct name="P1" votes="3" />',
        '<Precinct name="P2" votes="4" />',
        '<Precinct name="P1" votes="5" />',
        '<Precinct name="P2" votes="0" />',
    ):
        document = document.replace(unit, "")
    status, err = _tally_text(tmp_path, document)
    assert status == 2 and "no precincts take part" in err and "detail.xml:4:" in err, err


def test_a_contest_count_given_twice_in_another_case_is_refused(tmp_path: Path) -> None:
    # "Undervotes" and "undervotes" are both the under votes: keeping either would pick a side
    twice = (
        '<VoteType name="Undervotes" votes="3"><Precinct name="P1" votes="1" /><Precinct name="P2" votes="2" />'
        '</VoteType><VoteType name="undervotes" votes="5"><Precinct name="P1" votes="1" />'
        '<Precinct name="P2" votes="4" /></VoteType>'
    )
    status, err = _tally_text(tmp_path, VALID.replace('precinctsReported="2">', 'precinctsReported="2">' + twice, 1))
    assert status == 2 and "under votes twice" in err and "detail.xml:" in err, err


def test_many_choices_or_vote_types_read_in_linear_time() -> None:
    """A hostile file of one contest with tens of thousands of choices (or one choice with as many
    vote types) must not take quadratic time checking names for repeats: 1 MB took 6 s, 10 MB 10 min."""
    import time

    from electcli.readers.clarity.parse import parse_clarity

    n = 60000
    choices = "".join(f'<Choice key="{i}" text="C{i}" totalVotes="{i}"/>' for i in range(n))
    vote_types = "".join(f'<VoteType name="V{i}" votes="0"/>' for i in range(n))
    head = '<ElectionResult><Contest key="1" text="M" voteFor="1" isQuestion="false">'
    for body in (choices, f'<Choice key="1" text="A" totalVotes="0">{vote_types}</Choice>'):
        started = time.process_time()
        parse_clarity(f"{head}{body}</Contest></ElectionResult>".encode(), "x.xml")
        assert time.process_time() - started < 15  # linear: about 1 s on a loaded machine; quadratic: minutes
