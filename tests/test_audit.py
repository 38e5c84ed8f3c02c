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
    counts = tmp_path / "counts.csv"
    assert document["inputs"] == [
        {"file": path, "sha256": hashlib.sha256(Path(path).read_bytes()).hexdigest()},
        {"file": str(counts), "sha256": hashlib.sha256(counts.read_bytes()).hexdigest(), "for": "S"},
    ]
    # The whole record of the rules applied: a field added or dropped is a change to decide on.
    assert document["contests"][0]["rule"] == {
        "method": "runoff",
        "threshold": ">=40%",
        "advance": 2,
        "seats": 1,
        "recount": "<=1%",
        "tiebreak": None,
        "ties_advance": False,
        "preset": None,
    }


def test_json_records_the_preset_whole(race) -> None:  # type: ignore[no-untyped-def]
    from electcli.presets import PRESETS

    preset = PRESETS["us-al-primary"]
    path = race("name: S\nrule: us-al-primary\ncandidates: [{name: A, votes: 5}, {name: B, votes: 3}]\n")
    rule = json.loads(run(["tally", path, "--format", "json"]).stdout)["contests"][0]["rule"]
    assert rule == {
        "method": preset.method,
        "threshold": preset.threshold,
        "advance": preset.advance,
        "seats": 1,
        "recount": preset.recount,
        "tiebreak": None,
        "ties_advance": preset.ties_advance,
        "preset": {
            "name": preset.name,
            "title": preset.title,
            "method": preset.method,
            "threshold": preset.threshold,
            "advance": preset.advance or None,
            "recount": preset.recount,
            "citation": preset.citation,
            "source_url": preset.source_url,
            "as_of": preset.as_of,
            "notes": list(preset.notes),
            "quote": preset.quote,
            "ties_advance": preset.ties_advance,
            "options": None,  # a ranked-choice preset's fixed options (tests/test_ranked_presets.py)
        },
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
