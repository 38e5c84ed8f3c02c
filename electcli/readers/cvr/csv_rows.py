"""Rows of a vendor CVR CSV (RCTab's generic CSV, Clear Ballot), with every read or decoding
problem turned into an input error that names the file and line."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from electcli.errors import InputError, Location


def csv_rows(path: Path, shown: str, kind: str, missing_hint: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) for each row of the UTF-8 CSV at ``path``; ``kind`` names the format."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle, strict=True)
            try:
                for row in reader:
                    yield reader.line_num, row
            except csv.Error as exc:
                raise InputError(Location(shown, reader.line_num), f"is not valid CSV: {exc}") from None
            except UnicodeDecodeError:
                raise InputError(
                    Location(shown, reader.line_num + 1), "is not UTF-8 text", "save the CVR file as UTF-8"
                ) from None
    except FileNotFoundError:
        raise InputError(Location(shown), "no such file", missing_hint) from None
    except IsADirectoryError:
        raise InputError(Location(shown), f"is a folder, not {kind}") from None
    except OSError as exc:
        raise InputError(Location(shown), f"cannot be read: {exc.strerror or exc}") from None
