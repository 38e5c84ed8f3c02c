"""The audit trail in JSON output: version, each input's SHA-256, the rules applied, and
byte-identical output for the same input."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from electcli import __version__
from tests.conftest import SAMPLES, run


def test_json_records_version_inputs_and_rules(race, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "counts.csv").write_text("unit,candidate,votes\nP1,A,5\nP1,B,3\n")
    path = race(
        'name: S\nrule: {method: runoff, threshold: ">=40%"}\ncandidates: [{name: A}, {name: B}]\nresults: {file: counts.csv}\nrecount: "<=1%"\n'
    )
    document = json.loads(run(["tally", path, "--format", "json"]).stdout)
    assert document["electcli"] == {"version": __version__}
    race_input, counts_input = document["inputs"]
    assert race_input == {"file": path, "sha256": hashlib.sha256(Path(path).read_bytes()).hexdigest()}
    assert counts_input["sha256"] == hashlib.sha256((tmp_path / "counts.csv").read_bytes()).hexdigest()
    assert counts_input["file"].endswith("counts.csv") and counts_input["for"] == "S"
    rule = document["contests"][0]["rule"]
    assert rule == {
        "method": "runoff",
        "threshold": ">=40%",
        "advance": 2,
        "seats": 1,
        "recount": "<=1%",
        "tiebreak": None,
        **{k: rule[k] for k in rule if k not in ("method", "threshold", "advance", "seats", "recount", "tiebreak")},
    }


def test_stdin_digest() -> None:
    text = (SAMPLES / "tie-by-lot.yaml").read_bytes()
    document = json.loads(run(["tally", "-", "--format", "json"], stdin=text.decode()).stdout)
    assert document["inputs"] == [{"file": "-", "sha256": hashlib.sha256(text).hexdigest()}]


def test_same_input_gives_byte_identical_output() -> None:
    files = sorted(str(path) for path in SAMPLES.glob("*.yaml"))
    for output_format in ("json", "csv", "table"):
        first = run(["tally", *files, "--format", output_format]).stdout
        second = run(["tally", *files, "--format", output_format]).stdout
        assert first == second, output_format


def test_timestamp_only_when_asked() -> None:
    path = str(SAMPLES / "tie-by-lot.yaml")
    assert "generated" not in json.loads(run(["tally", path, "--format", "json"]).stdout)
    stamped = json.loads(run(["tally", path, "--format", "json", "--timestamp"]).stdout)
    assert stamped["generated"].endswith("+00:00")
