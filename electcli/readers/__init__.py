"""Readers: turn input files into the model. Only readers know about file formats (and yaml).

The format of an input is told by its extension (``.yaml``/``.yml`` race file, ``.json`` NIST
results report or RCTab contest configuration, ``.csv`` OpenElections file), or named with
``--input-format`` for standard input and unusual names. JSON documents are told apart by their
keys.
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import TYPE_CHECKING

from electcli.errors import InputError, Location
from electcli.model import RaceFile
from electcli.readers.race_file.reader import read_race_file
from electcli.readers.source import MAX_YAML_BYTES, STDIN, Source, path_problem, read_source

if TYPE_CHECKING:
    from electcli.readers.selection import Selection

YAML_EXTENSIONS = (".yaml", ".yml")
INPUT_FORMATS = ("yaml", "json", "csv", "clarity")
# A results report with a hundred thousand units is tens of megabytes of JSON.
MAX_JSON_BYTES = 512 * 1024 * 1024


def input_format_of(name: str, given: str | None) -> str:
    """The format of an input: as given by ``--input-format``, else from its extension."""
    if given:
        return given
    if name == STDIN:
        return "yaml"
    extension = os.path.splitext(name)[1].lower()
    if extension in YAML_EXTENSIONS:
        return "yaml"
    problem = path_problem(name)
    if problem:  # said before "cannot tell the format": what the path is (missing, a folder, a FIFO...)
        raise InputError(Location(name), *problem)
    if extension == ".json":
        return "json"
    if extension == ".csv":
        return "csv"
    if extension in (".xml", ".zip"):
        return "clarity"
    raise InputError(
        Location(name),
        f"cannot tell the format of this file from its name ({extension or 'no extension'})",
        "race files end in .yaml or .yml, NIST results reports and RCTab configurations in .json, "
        "OpenElections files in .csv, Clarity results in .xml or .zip; or name the format with --input-format",
    )


def read_input(name: str, given_format: str | None = None, selection: Selection | None = None) -> RaceFile:
    """Read one input (a path, or ``-`` for standard input) into a checked ``RaceFile``.

    ``selection`` chooses the contest of an OpenElections CSV file (and its rule).
    """
    if name == STDIN and given_format is None:
        return _read_stdin()
    found = input_format_of(name, given_format)
    if found == "json":
        return read_json(read_source(name, MAX_JSON_BYTES))
    if found == "csv":
        if name == STDIN:
            raise InputError(
                Location(name),
                "OpenElections files are read from a file, not standard input",
                "save it to a file and name that",
            )
        from electcli.readers.openelections.race import read_openelections
        from electcli.readers.selection import Selection as Chosen

        return read_openelections(name, selection or Chosen())
    if found == "clarity":
        if name == STDIN:
            raise InputError(
                Location(name),
                "Clarity results are read from a file, not standard input",
                "save it to a file (detail.xml or detailxml.zip) and name that",
            )
        from electcli.readers.clarity import read_clarity

        return read_clarity(name, selection)
    return read_race_file(read_source(name))


def _read_stdin() -> RaceFile:
    """Standard input without --input-format: a race file, unless its content is JSON that is a
    NIST report, an RCTab configuration or electcli's own output (a race file may be written in
    JSON syntax, which YAML reads: that stays a race file)."""
    source = read_source(STDIN, MAX_JSON_BYTES)
    if source.text.lstrip().startswith("{"):
        import json

        from electcli.readers.bulk import CollectionPaused

        with CollectionPaused():
            try:
                document = json.loads(source.text)
            except (ValueError, RecursionError):
                document = None  # not JSON: YAML (a flow mapping), or an error the race-file reader names
        if isinstance(document, dict) and ("electcli" in document or is_rctab_config(document) or _is_nist(document)):
            return read_json(source)  # parsed again the one way JSON inputs are: exact numbers, limits
    if len(source.text.encode("utf-8")) > MAX_YAML_BYTES:
        raise InputError(
            Location(STDIN),
            f"is larger than {MAX_YAML_BYTES // (1024 * 1024)} MiB",
            "give units in bulk as a CSV counts file (results: {file: counts.csv})",
        )
    return read_race_file(source)


def _is_nist(document: object) -> bool:
    from electcli.readers.nist.report import is_nist_report

    return is_nist_report(document)


def is_rctab_config(document: object) -> bool:
    """Whether a JSON document is an RCTab contest configuration (told by its keys)."""
    return isinstance(document, dict) and (
        "cvrFileSources" in document
        or "tabulatorVersion" in document
        or ("rules" in document and "candidates" in document)
    )


def read_json(source: Source) -> RaceFile:
    """A JSON input: a NIST SP 1500-100 results report or an RCTab contest configuration (other
    JSON is named and refused)."""
    from electcli.readers.bulk import CollectionPaused
    from electcli.readers.json_text import DuplicateMember, load_json

    with CollectionPaused():
        # Exact numbers, a nesting limit and no member given twice (JSON would keep the last).
        try:
            document = load_json(source.text, source.name, duplicates=False)
        except DuplicateMember as duplicate:
            document = load_json(source.text, source.name)
            if not is_rctab_config(document):
                raise duplicate from None
            # an RCTab configuration: its reader names a setting given twice in its own words
        return _read_json_document(source, document)


def _read_json_document(source: Source, document: object) -> RaceFile:
    """A parsed JSON input (parsed by ``load_json``): a NIST report, an RCTab configuration, or
    refused by name."""
    from electcli.readers.bulk import CollectionPaused

    with CollectionPaused():
        from electcli.readers.nist.report import is_nist_report, read_nist_report

        if is_nist_report(document):
            assert isinstance(document, dict)  # is_nist_report says so
            return replace(read_nist_report(document, source.name, source.text), sha256=source.sha256)
    if isinstance(document, dict) and isinstance(document.get("contests"), list):
        raise InputError(
            Location(source.name),
            "is electcli's own JSON output, not an input",
            "tally the race file it came from; `electcli diff` compares such snapshots",
        )
    if is_rctab_config(document):
        from electcli.readers.rctab.config import read_rctab_config  # only for RCTab configurations

        return read_rctab_config(source, document)
    raise InputError(
        Location(source.name),
        "is JSON but neither a NIST SP 1500-100 results report nor an RCTab contest configuration",
        'a report has "@type": "ElectionResults.ElectionReport"; an RCTab configuration has "cvrFileSources"',
    )
