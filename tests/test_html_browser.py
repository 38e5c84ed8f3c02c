"""The HTML report in a real browser: headless Chromium renders the sample races at a phone's
width and a desktop's, and the page must raise no console error, make no request and have nothing
stick out of the screen. Skips when Chromium is absent (`.ci/run` installs it).

Set ELECTCLI_SCREENSHOTS to a folder to keep the full-page screenshots for a look.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import browser
from tests.conftest import SAMPLES, run
from tests.html_races import hostile_race, large_ranked_race

pytestmark = pytest.mark.skipif(not browser.available(), reason="needs Chromium (Debian's chromium) and websockets")

WIDTHS = (375, 1280)
PAGES = {
    "plurality": ["al-2017-senate-special.yaml"],
    "runoff": ["la-2019-governor-primary.yaml"],
    "measure": ["measure-two-thirds.yaml"],
    "ranked": ["burlington-2009-mayor.yaml"],
    "leading": ["election-night/night-1.yaml", "--by-unit"],
    "multi-seat-and-tie": ["council-vote-for-3.yaml", "tie-by-lot.yaml", "top-two-primary.yaml"],
}


@pytest.fixture(scope="module")
def chromium() -> Iterator[browser.Browser]:
    opened = browser.Browser()
    try:
        yield opened
    finally:
        opened.close()


def write_report(folder: Path, name: str, args: list[str]) -> Path:
    files = [arg if arg.startswith("-") or os.path.isabs(arg) else str(SAMPLES / arg) for arg in args]
    result = run(["tally", *files, "--format", "html"])
    assert result.exit_code == 0, result.stderr
    path = folder / f"{name}.html"
    path.write_text(result.stdout, encoding="utf-8")
    return path


def check_page(chromium: browser.Browser, path: Path, width: int, media: str = "screen") -> browser.PageReport:
    report = chromium.visit(str(path), width, media=media)
    shots = os.environ.get("ELECTCLI_SCREENSHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        (Path(shots) / f"{path.stem}-{media}-{width}.png").write_bytes(report.screenshot)
    assert report.console_errors == []
    assert report.requests == []
    assert report.overflow["found"] == [], report.overflow
    assert report.overflow["scrollWidth"] <= width
    assert report.screenshot.startswith(b"\x89PNG")
    return report


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_sample_races_render_cleanly(chromium: browser.Browser, tmp_path: Path, name: str, width: int) -> None:
    check_page(chromium, write_report(tmp_path, name, PAGES[name]), width)


@pytest.mark.parametrize("width", WIDTHS)
def test_hostile_names_stay_text_in_the_browser(chromium: browser.Browser, tmp_path: Path, width: int) -> None:
    race = tmp_path / "hostile.yaml"
    race.write_text(hostile_race(), encoding="utf-8")
    path = write_report(tmp_path, "hostile", [str(race)])
    report = chromium.visit(str(path), width, "document.querySelectorAll('script, img').length")
    assert report.value == 0
    assert report.console_errors == [] and report.requests == []
    assert report.overflow["found"] == []


def test_a_40_candidate_ranked_count_fits_a_phone(chromium: browser.Browser, tmp_path: Path) -> None:
    race = tmp_path / "large.yaml"
    race.write_text(large_ranked_race(), encoding="utf-8")
    check_page(chromium, write_report(tmp_path, "large-ranked", [str(race)]), 375)


# The text width of A4 and of Letter paper between the print stylesheet's 12 mm side margins, in
# CSS pixels (96 to the inch): 186 mm and 191.9 mm.
PRINT_WIDTHS = (703, 725)


@pytest.mark.parametrize("width", PRINT_WIDTHS)
def test_printed_pages_fit_the_paper(chromium: browser.Browser, tmp_path: Path, width: int) -> None:
    """In print nothing scrolls: every table and chart must fit between the margins."""
    race = tmp_path / "large.yaml"
    race.write_text(large_ranked_race(), encoding="utf-8")
    args = [
        str(race),
        *(str(SAMPLES / name) for name in ("burlington-2009-mayor.yaml", "la-2019-governor-primary.yaml")),
    ]
    check_page(chromium, write_report(tmp_path, "print", args), width, media="print")
    night = write_report(tmp_path, "print-night", ["election-night/night-1.yaml", "--by-unit"])
    check_page(chromium, night, width, media="print")


def test_the_checks_can_fail(chromium: browser.Browser, tmp_path: Path) -> None:
    """A page that fetches, logs an error and is too wide is caught on all three counts."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><html><head><meta name="viewport" content="width=device-width"></head><body>'
        '<img src="http://example.com/logo.png" alt=""><div style="width:900px">wide</div>'
        '<script>console.error("broken")</script></body></html>',
        encoding="utf-8",
    )
    report = chromium.visit(str(bad), 375)
    assert report.requests == ["http://example.com/logo.png"]
    assert any("broken" in error for error in report.console_errors)
    assert report.overflow["found"] and report.overflow["scrollWidth"] > 375
