"""SHA-256 digests of input files for the audit trail (electcli/digest.py)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from electcli import digest
from electcli.digest import FileDigests, sha256_hex
from electcli.errors import InputError


def test_file_digests_match_hashlib_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(digest, "CHUNK", 7)  # several reads per file
    paths = []
    for n, content in enumerate([b"", b"id,r1\n1,Ana\n", os.urandom(1000)]):
        path = tmp_path / f"cvr{n}.csv"
        path.write_bytes(content)
        paths.append(str(path))
    expected = [hashlib.sha256(Path(p).read_bytes()).hexdigest() for p in paths]
    assert FileDigests(paths).hexdigests() == expected
    assert sha256_hex(Path(paths[1]).read_bytes()) == expected[1]


def test_pipes_folders_and_missing_paths_have_no_digest(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)  # opening it would wait for a writer: it must not be opened
    assert FileDigests([str(fifo), str(tmp_path), str(tmp_path / "gone.csv")]).hexdigests() == ["", "", ""]


def test_a_file_that_cannot_be_read_is_an_input_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "cvr.csv"
    path.write_bytes(b"id,r1\n")

    def refuse(name: str, mode: str) -> None:
        raise PermissionError(13, "Permission denied", name)

    monkeypatch.setattr(digest, "open", refuse, raising=False)
    with pytest.raises(InputError) as caught:
        FileDigests([str(path)]).hexdigests()
    assert caught.value.location.file == str(path)
    assert caught.value.problem == "cannot be read for its SHA-256: Permission denied"
