"""OpenElections files through the CLI and in race files: the contest chosen, the rule applied,
units kept, and every problem reported with its file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "openelections"
AL_PRECINCT = str(FIXTURES / "20201103__al__general__precinct.csv")


def test_tally_an_office_straight_from_the_file() -> None:
    result = run(["tally", AL_PRECINCT, "--office", "U.S. Senate", "--format", "json", "--by-unit"])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    (contest,) = document["contests"]
    assert contest["name"] == "U.S. Senate" and contest["election"] == "AL general election, 2020-11-03"
    assert contest["winners"] == ["Tommy Tuberville"]
    assert contest["write_ins"] == 3
    units = contest["units"]
    assert sum(u["total_votes"] for u in units) == contest["total_votes"]
    assert contest["units_by"] == "precinct"
    assert document["inputs"] == [{"file": AL_PRECINCT, "sha256": document["inputs"][0]["sha256"]}]


def test_rule_and_party_options() -> None:
    primary = str(FIXTURES / "20080304__tx__primary__county.csv")
    listing = json.loads(run(["contests", primary, "--format", "json"]).stdout)["contests"]
    key = next(k for k in listing if k["party"])
    args = [
        "tally",
        primary,
        "--office",
        key["office"],
        "--party",
        key["party"],
        "--rule",
        "us-tx-primary",
        "--format",
        "json",
    ]
    if key["district"]:
        args += ["--district", key["district"]]
    result = run(args)
    assert result.exit_code == 0, result.stderr
    contest = json.loads(result.stdout)["contests"][0]
    assert contest["rule"]["preset"]["name"] == "us-tx-primary"
    assert contest["outcome"] in ("winner", "runoff", "tie")


def test_without_an_office_the_offices_are_listed() -> None:
    result = run(["tally", AL_PRECINCT])
    assert result.exit_code == 2 and result.stdout == ""
    assert "--office" in result.stderr and "U.S. Senate" in result.stderr


def test_unknown_office_suggests() -> None:
    result = run(["tally", AL_PRECINCT, "--office", "US Senate"])
    assert result.exit_code == 2 and "U.S. Senate" in result.stderr


def test_options_only_for_csv(race) -> None:  # type: ignore[no-untyped-def]
    result = run(["tally", race("name: S\ncandidates: [{name: A, votes: 1}]\n"), "--office", "Mayor"])
    assert result.exit_code == 2 and "OpenElections" in result.stderr


def test_contests_command_table() -> None:
    result = run(["contests", AL_PRECINCT], env={"COLUMNS": "120"})
    assert result.exit_code == 0
    assert "U.S. Senate" in result.stdout and "U.S. House" in result.stdout


def test_race_file_points_at_an_openelections_file(race, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "al.csv").write_bytes(Path(AL_PRECINCT).read_bytes())
    path = race(
        """\
        election: {name: 2020 Alabama General Election}
        contests:
          - name: United States Senator
            rule: us-al-general
            results: {openelections: al.csv, office: U.S. Senate}
            expected: {outcome: winner, winners: [Tommy Tuberville]}
        """
    )
    result = run(["check", path])
    assert result.exit_code == 0, result.stdout + result.stderr
    document = json.loads(run(["tally", path, "--format", "json"]).stdout)
    contest = document["contests"][0]
    assert contest["recount_rule"] == "<=0.5%" and contest["write_ins"] == 3
    assert [
        i["file"].endswith(suffix) for i, suffix in zip(document["inputs"], ("race.yaml", "al.csv"), strict=True)
    ] == [True, True]


def test_race_file_candidates_must_match_the_file(race, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "al.csv").write_bytes(Path(AL_PRECINCT).read_bytes())
    missing = race(
        "name: S\ncandidates: [{name: Tommy Tuberville}]\nresults: {openelections: al.csv, office: U.S. Senate}\n"
    )
    result = run(["tally", missing])
    assert result.exit_code == 2 and "'Doug Jones'" in result.stderr
    extra = race(
        "name: S\ncandidates: [{name: Tommy Tuberville}, {name: Doug Jones}, {name: Zed}]\nresults: {openelections: al.csv, office: U.S. Senate}\n",
        "extra.yaml",
    )
    result = run(["tally", extra])
    assert result.exit_code == 2 and "extra.yaml:2:" in result.stderr and "'Zed'" in result.stderr


def test_bad_rows_are_reported_with_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "20201103__al__general__county.csv"
    bad.write_text(
        "county,office,district,party,candidate,votes\nAutauga,U.S. Senate,,REP,Tommy Tuberville,100\nAutauga,U.S. Senate,,DEM,Doug Jones,-5\n"
    )
    result = run(["tally", str(bad), "--office", "U.S. Senate"])
    assert result.exit_code == 2 and f"{bad}:3" in result.stderr


# Found by the fuzzer (OpenElections seeds 90, 170, 248, 507, 589, 618, 660): a garbled district
# header cell was passed over, so State House districts 1 and 2 were added up as one contest and
# Ben "won" over Ana, who was alone in her district.
@pytest.mark.parametrize(
    ("district", "column", "message"),
    [
        ("distric", 24, "header cell 'distric' is not a column electcli reads"),
        ("dis\x00trict", 27, "holds a NUL byte"),
        ('"dis\ttrict"', 24, "holds a control character"),
        ("seat", 24, "header cell 'seat' is not a column electcli reads"),
        ("", 24, "header cell 4 is empty"),
    ],
)
def test_a_header_cell_the_reader_does_not_read_is_refused(
    district: str, column: int, message: str, tmp_path: Path
) -> None:
    path = tmp_path / "20201103__xx__general__precinct.csv"
    path.write_bytes(
        f"county,precinct,office,{district},party,candidate,votes\n"
        "A,P1,State House,1,DEM,Ana,10\nA,P1,State House,2,REP,Ben,20\n".encode()
    )
    result = run(["tally", str(path), "--office", "State House"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"{path}:1:{column}: " in result.stderr
    assert message in result.stderr
    assert "Ben" not in result.stderr


def test_a_near_miss_header_cell_names_the_column_meant(tmp_path: Path) -> None:
    path = tmp_path / "20201103__xx__general__precinct.csv"
    path.write_text("county,precinct,office,distric,party,candidate,votes\nA,P1,Mayor,,DEM,Ana,10\n")
    result = run(["tally", str(path), "--office", "Mayor"])
    assert result.exit_code == 2
    assert "did you mean 'district'?" in result.stderr


def test_columns_known_to_hold_nothing_that_counts_are_read_past(tmp_path: Path) -> None:
    path = tmp_path / "20201103__xx__general__precinct.csv"
    path.write_text(
        "county,precinct,office,district,party,candidate,votes,pct,winner\n"
        "A,P1,Mayor,,DEM,Ana,10,33.3,\nA,P1,Mayor,,REP,Ben,20,66.7,X\n"
    )
    result = run(["tally", str(path), "--office", "Mayor", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert "Ben" in result.stdout
