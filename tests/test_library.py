"""electcli as a Python library: the README's examples, the API's promises, and what it imports."""

from __future__ import annotations

import doctest
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import electcli
from electcli.errors import ModelError
from tests.conftest import run

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SAMPLES = ROOT / "sample_races"


def _python_examples() -> list[str]:
    """The ```pycon blocks of the README's "Python" section, in order."""
    section = README.split("\n## Python\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```pycon\n(.*?)```", section, flags=re.DOTALL)


EXAMPLES = _python_examples()


def test_the_readme_has_a_python_section_with_examples() -> None:
    assert len(EXAMPLES) >= 5
    assert any("import pandas" in example for example in EXAMPLES)


@pytest.mark.parametrize("number", range(len(EXAMPLES)))
def test_readme_python_examples_run(number: int, monkeypatch: pytest.MonkeyPatch) -> None:
    example = EXAMPLES[number]
    if "import pandas" in example:
        pytest.importorskip("pandas")
    monkeypatch.chdir(ROOT)  # the examples name sample_races/ from the repository's root
    globs: dict[str, object] = {}
    for earlier in EXAMPLES[:number]:  # one session: later blocks may use earlier names
        if "import pandas" not in earlier:
            _run(earlier, globs, check=False)
    _run(example, globs, check=True)


def _run(example: str, globs: dict[str, object], check: bool) -> None:
    test = doctest.DocTestParser().get_doctest(example, globs, "README", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test, clear_globs=False)
    globs.update(test.globs)  # the parser ran on a copy
    if check:
        assert runner.failures == 0, f"README example {example!r} failed (see the output above)"


# -- the API's promises -------------------------------------------------------------------------------


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.glob("*.yaml")))
def test_to_dict_is_exactly_the_json_record(sample: str) -> None:
    path = str(SAMPLES / sample)
    written = json.loads(run(["tally", path, "--format", "json"]).stdout)["contests"]
    assert [result.to_dict() for result in electcli.tally(path)] == written


def test_tally_takes_a_path_a_race_file_or_a_contest() -> None:
    path = SAMPLES / "council-vote-for-3.yaml"
    race = electcli.read(path)
    by_path, by_race = electcli.tally(path), electcli.tally(race)
    assert [r.contest.name for r in by_path] == [c.name for c in race.contests]
    assert [r.to_dict() for r in by_path] == [r.to_dict() for r in by_race]
    (single,) = electcli.tally(race.contests[0])
    assert single.winners == by_race[0].winners
    with pytest.raises(electcli.UsageError):
        electcli.tally(42)  # type: ignore[arg-type]


def test_an_openelections_contest_is_chosen_as_on_the_command_line() -> None:
    path = str(ROOT / "tests" / "fixtures" / "openelections" / "20201103__al__general__precinct.csv")
    written = json.loads(run(["tally", path, "--office", "U.S. Senate", "--format", "json"]).stdout)["contests"]
    assert [r.to_dict() for r in electcli.tally(electcli.read(path, office="U.S. Senate"))] == written


def test_a_contest_from_python_decides_as_its_race_file_does(tmp_path: Path) -> None:
    race_file = tmp_path / "race.yaml"
    race_file.write_text(
        "name: Mayor\nrule: {method: runoff, threshold: '>=40%'}\n"
        "candidates: [{name: Ana, votes: 4000}, {name: Ben, votes: 3990}, {name: Cy, votes: 2010}]\n"
        "recount: '<=0.5%'\n",
        encoding="utf-8",
    )
    from_file = electcli.tally(race_file)[0].to_dict()
    built = electcli.contest(
        "Mayor", {"Ana": 4000, "Ben": 3990, "Cy": 2010}, rule="runoff", threshold=">=40%", recount="<=0.5%"
    )
    from_python = electcli.tally(built)[0].to_dict()
    assert from_file.pop("file") == str(race_file) and from_python.pop("file") == "<python>"
    assert from_python == from_file
    assert from_python["outcome"] == "winner" and from_python["winners"] == ["Ana"]


def test_presets_and_tiebreaks_are_the_race_files() -> None:
    tied = electcli.contest("Seat", {"Ana": 10, "Ben": 10}, tiebreak=["Ben", "Ana"])
    assert electcli.tally(tied)[0].winners == ("Ben",) and electcli.tally(tied)[0].decided_by_lot
    drawn = electcli.contest("Chair", [["A"], ["B"]], rule="irv", tiebreak={"random": 7})
    assert electcli.tally(drawn)[0].decided_by_lot
    with pytest.raises(electcli.InputError, match="unknown rule"):
        electcli.contest("Seat", {"Ana": 1}, rule="plurallity")


def test_a_measure_preset_decides_a_measure_as_its_race_file_does(tmp_path: Path) -> None:
    # `rule="us-fl-amendment"` was refused ("is for ballot measures (Yes and No), not
    # candidates") even with Yes and No given: the presets for measures could not be used here.
    bond = tmp_path / "bond.yaml"
    bond.write_text(
        "name: Amendment 1\nrule: us-fl-amendment\nchoices: [{name: Yes, votes: 599}, {name: No, votes: 401}]\n"
    )
    [from_file] = electcli.tally(electcli.read(str(bond)))
    [built] = electcli.tally(electcli.contest("Amendment 1", {"Yes": 599, "No": 401}, rule="us-fl-amendment"))
    assert built.outcome == from_file.outcome == "fail"  # 59.9% of the votes, 60% needed
    assert built.to_dict()["rule"] == from_file.to_dict()["rule"]
    assert built.to_dict()["rule"]["preset"]["name"] == "us-fl-amendment"
    with pytest.raises(electcli.InputError, match="exactly Yes and No"):
        electcli.contest("Amendment 1", {"Ana": 599, "Ben": 401}, rule="us-fl-amendment")
    with pytest.raises(electcli.InputError, match="fixes the threshold"):
        electcli.contest("Amendment 1", {"Yes": 599, "No": 401}, rule="us-fl-amendment", threshold=">50%")


@pytest.mark.parametrize(
    ("votes", "kwargs", "problem"),
    [
        ({"Ana": -1}, {}, "-1 votes"),
        ({"Ana": 1.5}, {}, "not a whole number"),
        ({"Ana": True}, {}, "not a whole number"),
        ({"Ana": 1}, {"rule": "runoff", "threshold": ">0%"}, "0 or less"),
        ({"Ana": 1}, {"seats": 0}, "seats is 0"),
        ({"Ana": 1, "Ben": 2}, {"rule": "runoff", "advance": 1}, "sends at least 2"),
        ({"yes": 1, "No": 2}, {"rule": "measure"}, "exactly Yes and No"),
        ("Ana", {}, "not a mapping"),
        ({"Ana": 1}, {"tiebreak": ["Ana", "Zed"]}, "not a candidate"),
        ([["A", "B"]], {"rule": "irv", "options": {"overvote": "ignore"}}, "overvote"),
        ([["A", "B"]], {"rule": "irv", "seats": 2}, "elects one"),
    ],
)
def test_impossible_contests_are_input_errors(votes: object, kwargs: dict[str, object], problem: str) -> None:
    with pytest.raises(electcli.ElectcliError) as caught:
        electcli.contest("Mayor", votes, **kwargs)  # type: ignore[arg-type]
    assert isinstance(caught.value, electcli.InputError)
    assert problem in caught.value.problem


def test_input_errors_carry_file_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "race.yaml"
    line = "candidates: [{name: Ana, votes: 1}, {name: Ana, votes: 2}]"
    bad.write_text(f"name: Mayor\n{line}\n", encoding="utf-8")
    with pytest.raises(electcli.InputError) as caught:
        electcli.read(bad)
    assert caught.value.location == electcli.Location(str(bad), 2, line.rindex("Ana") + 1)  # the second Ana
    assert isinstance(caught.value, ModelError)  # the model's own check, at the reader's place


def test_the_public_names() -> None:
    assert set(electcli.__all__) >= {"read", "tally", "contest", "ElectcliError", "InputError", "Result"}
    for name in electcli.__all__:
        assert getattr(electcli, name) is not None
    assert electcli.Contest is __import__("electcli.model").model.Contest


# -- what importing and tallying load -----------------------------------------------------------------


def _modules_after(code: str) -> set[str]:
    """The modules loaded in a fresh interpreter after running ``code``."""
    program = f"{code}\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True, env=env, cwd=ROOT)
    return set(json.loads(out.stdout.splitlines()[-1]))


def test_importing_electcli_loads_no_cli_presentation_or_reader() -> None:
    loaded = _modules_after("import electcli")
    assert {m for m in loaded if m.startswith("electcli")} == {"electcli", "electcli.errors"}
    assert not {m for m in loaded if m.split(".")[0] in ("click", "rich", "yaml")}


def test_a_plain_race_file_tally_loads_no_ranked_nist_or_openelections_code() -> None:
    sample = SAMPLES / "al-2020-senate-gop-primary.yaml"
    loaded = _modules_after(f"import electcli\nelectcli.tally({str(sample)!r})")
    ours = {m for m in loaded if m.startswith("electcli")}
    for heavy in (
        "electcli.ranked",
        "electcli.readers.nist",
        "electcli.readers.openelections",
        "electcli.readers.rctab",
    ):
        assert not {m for m in ours if m == heavy or m.startswith(heavy + ".")}, heavy
    assert not {m for m in loaded if m.split(".")[0] in ("click", "rich")}
    # Exactly these (a new module on this path is a start-up cost to decide on, not to find later):
    assert ours == {
        "electcli",
        "electcli.digest",
        "electcli.errors",
        "electcli.model",
        "electcli.readers",
        "electcli.readers.race_file",
        "electcli.readers.race_file.candidates",
        "electcli.readers.race_file.completeness",
        "electcli.readers.race_file.expected",
        "electcli.readers.race_file.reader",
        "electcli.readers.race_file.results",
        "electcli.readers.race_file.rules",
        "electcli.readers.race_file.yaml_nodes",
        "electcli.readers.source",
        "electcli.suggest",
        "electcli.tabulate",
        "electcli.tabulate.cutoff",
        "electcli.tabulate.reconcile",
        "electcli.tabulate.result",
        "electcli.values",
    }, sorted(ours)


def test_results_by_unit_of_vendor_cvrs_need_them_read() -> None:
    """A Dominion export says where each ballot is from, but a plain read skips it (memory): asked
    for results by unit then, the library refuses, never an empty list; read with by_unit it gives
    them, as --by-unit does."""
    from electcli.errors import UsageError
    from electcli.readers.named_paths import allowed_folders
    from tests.shared_data import shared_path

    conformance = shared_path("conformance/rctab")
    config = conformance / "dominion_wyoming" / "dominion_wyoming_config.json"
    with allowed_folders([str(conformance)]):
        plain = electcli.read(config)
        sliced = electcli.read(config, by_unit=True)
    [result] = electcli.tally(plain)
    with pytest.raises(UsageError, match=r"were not read: read the input with electcli\.read"):
        result.to_dict(by_unit=True)
    assert result.to_dict()["winners"]  # the count itself needs no ids
    [by_unit] = electcli.tally(sliced)
    record = by_unit.to_dict(by_unit=True)
    cli = json.loads(
        run(["tally", "--allow-path", str(conformance), str(config), "--by-unit", "--format", "json"]).stdout
    )
    assert record["units"] and record["units"] == cli["contests"][0]["units"]
