"""`electcli tally --format html`: every contest, escaped names, reproducible bytes, audit footer."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from electcli import __version__
from tests.conftest import SAMPLES, run
from tests.html_races import HOSTILE_NAME, HOSTILE_PARTY, hostile_race, large_ranked_race

ALL_SAMPLES = sorted(str(path) for path in SAMPLES.glob("*.yaml"))


def html_of(*args: str) -> str:
    result = run(["tally", *args, "--format", "html"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def test_every_contest_of_every_input_appears() -> None:
    page = html_of(*ALL_SAMPLES)
    contests = json.loads(run(["tally", *ALL_SAMPLES, "--format", "json"]).stdout)["contests"]
    assert len(contests) > 5
    assert page.count('<section class="contest"') == len(contests)
    for contest in contests:
        heading = contest["name"].replace("&", "&amp;")
        assert f">{heading}</h2>" in page


def test_markup_in_names_is_text(tmp_path: Path) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_text(hostile_race(), encoding="utf-8")
    page = html_of(str(path))
    assert HOSTILE_NAME not in page and "alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert HOSTILE_PARTY not in page and "<img" not in page
    assert "<h1>forged" not in page and "&lt;h1&gt;forged&lt;/h1&gt;" in page
    assert "Town &amp; Country &lt;Election&gt;" in page
    assert "<script" not in page  # the report has no script of its own either


def test_a_rerun_gives_the_same_bytes() -> None:
    args = [*ALL_SAMPLES, str(SAMPLES / "election-night" / "night-2.yaml"), "--by-unit"]
    assert html_of(*args) == html_of(*args)


def test_the_footer_has_the_version_and_the_sha256_of_every_input() -> None:
    page = html_of(str(SAMPLES / "burlington-2009-mayor.yaml"), str(SAMPLES / "measure-two-thirds.yaml"))
    footer = page[page.index("<footer>") :]
    assert f"electcli {__version__}" in footer
    for name in ("burlington-2009-mayor.yaml", "burlington-2009-mayor.cvr.csv", "measure-two-thirds.yaml"):
        digest = hashlib.sha256((SAMPLES / name).read_bytes()).hexdigest()
        assert f"<code>{digest}</code>" in footer


def test_nothing_can_be_fetched() -> None:
    page = html_of(*ALL_SAMPLES, str(SAMPLES / "election-night" / "night-1.yaml"))
    for pattern in (r"<script", r"<link", r"<img", r"<iframe", r"@import", r"@font-face", r"\ssrc="):
        assert not re.search(pattern, page), pattern
    assert set(re.findall(r'href="(.)', page)) == {"#"}  # in-page links only
    assert set(re.findall(r"url\((.)", page)) == {"#"}  # SVG patterns of the page itself
    assert "default-src 'none'" in page  # and the browser is told to refuse any request


def test_a_runoff_a_measure_and_a_plurality_winner_in_words() -> None:
    runoff = html_of(str(SAMPLES / "la-2019-governor-primary.yaml"))
    assert "<strong>Runoff</strong>No candidate passed 50%: John Bel Edwards and Eddie Rispone advance" in runoff
    assert 'class="threshold" style="left:50.00%"' in runoff
    assert "Short of the threshold</dt><dd>45,771 votes" in runoff
    measure = html_of(str(SAMPLES / "measure-two-thirds.yaml"))
    assert "<strong>Result</strong>Fails: Yes has 66.11%, needing at least 2/3" in measure
    assert 'class="threshold" style="left:66.67%"' in measure
    plurality = html_of(str(SAMPLES / "al-2017-senate-special.yaml"))
    assert "<strong>Result</strong>" in plurality and 'class="threshold"' not in plurality
    assert "<table>" in plurality and '<th scope="row">Doug Jones</th>' in plurality


def test_an_incomplete_count_leads_and_never_wins() -> None:
    page = html_of(str(SAMPLES / "election-night" / "night-1.yaml"), "--by-unit")
    verdict = re.search(r'<p class="verdict verdict-leading">(.*?)</p>', page)
    assert verdict is not None
    assert "Not final" in verdict.group(1) and "Leading: Ana Ruiz" in verdict.group(1)
    assert "4 of 12 precincts reporting" in verdict.group(1)
    body = page[page.index("<body>") :]  # the stylesheet names every status, used or not
    assert " wins" not in body and "elected" not in body.lower()
    assert "<h3>By precinct</h3>" in page and '<th scope="row">Precinct 01</th>' in page


def test_a_ranked_contest_has_its_rounds_transfers_and_inactive_ballots() -> None:
    page = html_of(str(SAMPLES / "burlington-2009-mayor.yaml"))
    # The official Detail Report's figures (the sample's header): round 3 Kiss 4,313, Wright 4,061,
    # 606 exhausted; Montroll's 2,554 went 1,332 to Kiss, 767 to Wright and 455 nowhere.
    rounds = page[page.index("votes in each round</caption>") :]
    assert re.search(r"Bob Kiss</th><td[^>]*>2,585</td><td[^>]*>2,981</td><td[^>]*>4,313 <span", rounds)
    assert re.search(r"Inactive ballots</th><td[^>]*>4</td><td[^>]*>151</td><td[^>]*>606</td>", rounds)
    assert "<title>Andy Montroll → Bob Kiss: 1,332</title>" in page  # a band of the flow diagram
    assert "<title>Andy Montroll → Inactive ballots: 455</title>" in page
    assert '<td>Andy Montroll</td><td>Kurt Wright</td><td class="num">767</td>' in page
    assert page.count('class="sankey"') == 1 and page.count('class="rounds-chart"') == 1


def test_the_flow_diagram_carries_every_vote(tmp_path: Path) -> None:
    """Each band is as thick as its votes: what reaches a node in a round is that node's height."""
    path = tmp_path / "large.yaml"
    path.write_text(large_ranked_race(candidates=12, rankings=200), encoding="utf-8")
    page = html_of(str(path))
    svg = page[page.index('<svg class="sankey"') :]
    svg = svg[: svg.index("</svg>")]
    nodes = re.findall(r'<rect x="(\d+)" y="([\d.]+)" width="14" height="([\d.]+)"', svg)
    # A band: M x0 y0 C … x1 y1 L x1 y1+thickness C … Z
    bands = [
        (float(x), float(top), float(bottom))
        for x, top, _, bottom in re.findall(r"C[\d.]+ [\d.]+ [\d.]+ [\d.]+ ([\d.]+) ([\d.]+)L([\d.]+) ([\d.]+)C", svg)
    ]
    assert len(bands) > 20
    filled = 0
    for x, top, height in ((float(x), float(y), float(h)) for x, y, h in nodes):
        arriving = [
            bottom - start for end_x, start, bottom in bands if end_x == x and top - 0.2 <= start <= top + height
        ]
        if arriving:  # every node after the first round: the bands that reach it fill it exactly
            assert abs(sum(arriving) - height) <= 0.1 * len(arriving) + 0.1
            filled += 1
    assert filled > 12


def test_a_40_candidate_ranked_report_stays_under_1_mb(tmp_path: Path) -> None:
    path = tmp_path / "large.yaml"
    path.write_text(large_ranked_race(), encoding="utf-8")
    page = html_of(str(path))
    assert page.count("<td>Candidate number") > 39  # transfers of many rounds
    assert len(page.encode()) < 1_000_000


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_colours_pass_wcag_aa() -> None:
    from electcli.present.html.markup import INACTIVE_COLOUR, PALETTE
    from electcli.present.html.style import CSS

    for colour in (*PALETTE, INACTIVE_COLOUR):
        assert contrast(colour, "#ffffff") >= 4.5, colour
    # Every text colour the stylesheet sets, on white and on the palest background it uses.
    texts = set(re.findall(r"(?<![-\w])color:(#[0-9a-f]{6})", CSS))
    assert len(texts) > 5
    for colour in texts:
        for background in ("#ffffff", "#fff4e0", "#f3f3f3", "#f6eefa", "#fbeeee", "#edf6ee"):
            assert contrast(colour, background) >= 4.5, (colour, background)


def test_a_ranked_count_by_precinct_and_by_batch() -> None:
    from tests.shared_data import shared_path

    conformance = shared_path("conformance/rctab")
    config = conformance / "generic_csv_test" / "generic_csv_test_config.json"
    result = run(["tally", "--allow-path", str(conformance), str(config), "--by-unit", "--format", "html"])
    assert result.exit_code == 0, result.stderr
    page = result.stdout
    assert "<h3>By precinct</h3>" in page and "<h3>By batch</h3>" in page
    # p1 holds 13 ballots (the table output's test says the same of the same case).
    assert re.search(r'<th scope="row">p1</th><td class="num">13</td>', page)
    assert re.search(r'<th scope="row">no batch id</th><td class="num">3</td>', page)
