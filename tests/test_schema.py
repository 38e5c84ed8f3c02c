"""`electcli schema`: a JSON Schema that editors can use, in step with the reader."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from tests.conftest import SAMPLES, run


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    result = run(["schema"])
    assert result.exit_code == 0
    document: dict[str, Any] = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(document)
    return document


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_every_sample_race_is_valid(schema: dict[str, Any], path: Path) -> None:
    # Editors read YAML with YAML's own types (2020 is a number, dates may be dates): so do we.
    document = yaml.safe_load(path.read_text())
    document = json.loads(json.dumps(document, default=str))
    jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize(
    "text",
    [
        "name: S\ncandidates: [{name: A, vots: 1}]\n",
        "name: S\ncandidates: [{name: A, votes: -1}]\n",
        "name: S\ncandidates: [{name: A, votes: 1.5}]\n",
        "name: S\ncandidates: [{name: A, votes: '1,23'}]\n",
        "name: S\nrule: majority\ncandidates: [{name: A, votes: 1}]\n",
        "name: S\nrule: {method: runoff, threshold: '50%'}\ncandidates: [{name: A, votes: 1}]\n",
        "name: S\ncandidates: [{name: A, votes: 1}]\nrecount: '0.5%'\n",
        "name: S\ncandidates: [{name: A, votes: 1}]\nexpected: {outcome: won}\n",
        "contests: []\n",
        "contests: [{name: S, candidates: [{name: A, votes: 1}]}]\ncandidates: []\n",
        "name: S\n",
    ],
)
def test_typos_the_reader_refuses_are_refused(schema: dict[str, Any], text: str) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(yaml.safe_load(text), schema, cls=jsonschema.Draft202012Validator)


def test_valid_forms(schema: dict[str, Any]) -> None:
    for text in [
        "name: S\ncandidates: [{name: A, votes: '239,616'}, {name: 2020, votes: 0}]\nseats: 2\n",
        "name: Q\nrule: {method: measure, threshold: '>=2/3'}\nchoices: [{name: Yes, votes: 1}, {name: No, votes: 2}]\n",
        "name: S\ncandidates: [{name: A}]\nresults: {by: county, units: {X: {A: 3, write_ins: 1}}}\n",
        "election: {name: E, date: '2020-03-03'}\ncontests: [{name: S, rule: top, candidates: [{name: A, votes: 1}]}]\n",
    ]:
        jsonschema.validate(yaml.safe_load(text), schema, cls=jsonschema.Draft202012Validator)


def test_a_ranked_presets_options_may_be_repeated_not_changed(schema: dict[str, Any]) -> None:
    head = "name: M\nrule: us-ny-nyc-rcv\ncandidates: [{name: A}]\nballots: [{ranking: [A]}]\n"
    for options in ["", "options: {max_skipped: unlimited, max_rankings: 5}\n", "options: {overvote: exhaust}\n"]:
        jsonschema.validate(yaml.safe_load(head + options), schema, cls=jsonschema.Draft202012Validator)
    for options in [
        "options: {max_skipped: 1}\n",
        "options: {overvote: skip}\n",
        "options: {batch_elimination: false}\n",
    ]:
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(yaml.safe_load(head + options), schema, cls=jsonschema.Draft202012Validator)
