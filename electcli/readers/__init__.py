"""Readers: turn input files into the model. Only readers know about file formats (and yaml)."""

from __future__ import annotations

import os

from electcli.errors import InputError, Location
from electcli.model import RaceFile
from electcli.readers.race_file import read_race_file
from electcli.readers.source import STDIN, read_source

YAML_EXTENSIONS = (".yaml", ".yml")
INPUT_FORMATS = ("yaml",)


def input_format_of(name: str, given: str | None) -> str:
    """The format of an input: as given by ``--input-format``, else from its extension."""
    if given:
        return given
    if name == STDIN:
        return "yaml"
    extension = os.path.splitext(name)[1].lower()
    if extension in YAML_EXTENSIONS:
        return "yaml"
    if not os.path.exists(name):
        raise InputError(
            Location(name), "no such file", "check the path (relative paths start from the current folder)"
        )
    if os.path.isdir(name):
        raise InputError(
            Location(name), "is a folder, not a file", "name a race file; `electcli check` searches folders"
        )
    if extension in (".csv", ".json"):
        raise InputError(
            Location(name),
            f"{extension} input is not supported by this version of electcli yet",
            "give a race file (.yaml or .yml); see README.md",
        )
    raise InputError(
        Location(name),
        f"cannot tell the format of this file from its name ({extension or 'no extension'})",
        "race files end in .yaml or .yml; or name the format with --input-format yaml",
    )


def read_input(name: str, given_format: str | None = None) -> RaceFile:
    """Read one input (a path, or ``-`` for standard input) into a checked ``RaceFile``."""
    input_format_of(name, given_format)
    return read_race_file(read_source(name))
