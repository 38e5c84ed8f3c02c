"""Progress in bytes while a large cast-vote-record file is read (electcli/readers/cvr/read_progress.py)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from electcli.progress import listening
from electcli.readers.cvr import read_progress
from electcli.readers.cvr.read_progress import reading

needs_proc = pytest.mark.skipif(not os.path.isdir("/proc/self/fdinfo"), reason="no /proc/self/fdinfo here")


def _wait_for(calls: list[tuple[str, int, int | None]], done: int) -> None:
    deadline = time.monotonic() + 5
    while not any(d == done for _, d, _ in calls) and time.monotonic() < deadline:
        time.sleep(0.01)


@needs_proc
def test_a_large_file_reports_the_bytes_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read_progress, "LARGE", 1000)
    monkeypatch.setattr(read_progress, "POLL", 0.01)
    path = tmp_path / "cvr.csv"
    path.write_bytes(b"x" * 4000)
    calls: list[tuple[str, int, int | None]] = []
    listener = listening(lambda what, done, total: calls.append((what, done, total)))
    # as a reader would: part of the file, then the rest (unbuffered, so the offset is exact)
    with listener, reading(path), open(path, "rb", buffering=0) as handle:
        handle.read(1000)
        _wait_for(calls, 1000)
        handle.read()
        _wait_for(calls, 4000)
    assert calls[0] == ("reading cvr.csv", 0, None)
    assert ("reading cvr.csv (0 of 0 MB)", 1000, 4000) in calls
    assert calls[-1][1:] == (4000, 4000)
    assert [done for _, done, _ in calls] == sorted(done for _, done, _ in calls)


def test_no_one_listening_means_no_report_and_no_thread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read_progress, "LARGE", 0)
    path = tmp_path / "cvr.csv"
    path.write_bytes(b"x" * 100)
    started = []
    monkeypatch.setattr(read_progress.threading, "Thread", lambda *a, **k: started.append(1))
    with reading(path):
        path.read_bytes()
    assert started == []


def test_a_small_file_shows_its_name_only(tmp_path: Path) -> None:
    path = tmp_path / "cvr.csv"
    path.write_bytes(b"x" * 100)
    calls: list[tuple[str, int, int | None]] = []
    with listening(lambda what, done, total: calls.append((what, done, total))), reading(path):
        path.read_bytes()
    assert calls == [("reading cvr.csv", 0, None)]
