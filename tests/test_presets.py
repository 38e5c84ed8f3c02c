"""Rule presets: each one matches its jurisdiction's statute, and every field is well formed."""

from __future__ import annotations

import datetime
import re

import pytest

from electcli.errors import Location
from electcli.model import MEASURE, METHODS, PLURALITY, RUNOFF, TOP
from electcli.presets import ALL_PRESETS, PRESETS, Preset
from electcli.ranked.rules import IRV
from electcli.values import parse_recount, parse_threshold

HERE = Location("test")

# Presets whose statute text could not be read, so they carry no quote (their notes say so).
UNREAD_TEXT = {"us-ak-top-four", "us-nh-amendment", "us-az-tax-measure"}


def rule(name: str) -> tuple[str, str | None, int, str | None]:
    preset = PRESETS[name]
    return preset.method, preset.threshold, preset.advance, preset.recount


# --- each preset against its statute --------------------------------------------------------


def test_alabama_primary() -> None:
    # Code of Alabama 1975 § 17-13-18(b): "If no candidate receives a majority of all of the votes
    # cast in such primary election ... then there shall be held a second primary election", between
    # "the two candidates ... to receive the highest number of votes". The automatic recount of
    # § 17-16-20 is for general elections (AGO 2010-72: "not applicable in a primary election").
    assert rule("us-al-primary") == (RUNOFF, ">50%", 2, None)
    assert any("2010-72" in note for note in PRESETS["us-al-primary"].notes)


def test_alabama_general() -> None:
    # Code of Alabama 1975 § 17-16-20(a): "When, in a general election, ... a candidate is defeated
    # ... by not more than one half of one percent of the votes cast for the office, ... a recount
    # shall be held unless the defeated candidate submits a written waiver".
    assert rule("us-al-general") == (PLURALITY, None, 0, "<=0.5%")


@pytest.mark.parametrize("name", ["us-ga-primary", "us-ga-general"])
def test_georgia_primary_and_general(name: str) -> None:
    # O.C.G.A. § 21-2-501(a)(1): no candidate is nominated "in any primary" or elected "in any
    # election" unless they receive "a majority of the votes cast"; otherwise a runoff "between the
    # candidates receiving the two highest numbers of votes". § 21-2-495(c): a candidate may request
    # a recount when the margin is 0.5% or less (on request, not automatic: the notes say so).
    assert rule(name) == (RUNOFF, ">50%", 2, "<=0.5%")
    assert any("on request" in note and "not automatic" in note for note in PRESETS[name].notes)


def test_north_carolina_primary() -> None:
    # N.C. Gen. Stat. § 163-111(a)(1): "multiplying the total vote cast for all aspirants by thirty
    # percent (30%). Any excess of the sum so ascertained shall be a substantial plurality" -- more
    # than 30%, so exactly 30% is not enough. § 163-111(b): a second primary between the top two,
    # only if the runner-up requests it.
    assert rule("us-nc-primary") == (RUNOFF, ">30%", 2, None)
    threshold = parse_threshold(">30%", HERE)
    assert not threshold.met(30, 100)
    assert threshold.met(30_000_001, 100_000_000)
    assert any("requests" in note for note in PRESETS["us-nc-primary"].notes)


def test_south_dakota_primary() -> None:
    # SDCL 12-6-51.1: "If no candidate for United States Senate, United States House of
    # Representatives, or Governor ... receives thirty-five percent of the votes ..., a runoff
    # election shall be held", between "the two candidates receiving the highest number of votes".
    # Receiving 35% is enough, so ">=35%". SDCL 12-21-12: a recount on petition when the margin
    # "does not exceed one-fourth of one percent of the total vote".
    assert rule("us-sd-primary") == (RUNOFF, ">=35%", 2, "<=0.25%")
    assert parse_threshold(">=35%", HERE).met(35, 100)
    assert any("only primaries for United States Senate" in note for note in PRESETS["us-sd-primary"].notes)


def test_texas_primary() -> None:
    # Texas Election Code § 172.003: "a candidate in a primary election must receive a majority of
    # the total number of votes received by all the candidates for the nomination"; § 172.004(a): if
    # no candidate does, "a runoff primary election" (between the top two).
    assert rule("us-tx-primary") == (RUNOFF, ">50%", 2, None)


def test_louisiana_open_primary() -> None:
    # La. R.S. 18:511(A): "A candidate who receives a majority of the votes cast for an office in a
    # primary election is elected." R.S. 18:481: the general election candidates "are those who
    # received the two highest numbers of votes ... among those not elected in the primary election".
    assert rule("us-la-open-primary") == (RUNOFF, ">50%", 2, None)


def test_california_top_two() -> None:
    # California Elections Code § 8141.5: "only the candidates for a voter-nominated office who
    # receive the highest or second highest number of votes cast at the primary election shall
    # appear on the ballot ... at the ensuing general election."
    assert rule("us-ca-top-two") == (TOP, None, 2, None)


def test_washington_top_two() -> None:
    # RCW 29A.52.112(2): "the top two candidates will be certified as qualified to appear on the
    # general election ballot, unless only one candidate qualifies as provided in RCW 29A.36.170",
    # which requires "at least one percent of the total votes cast for that office" (in the notes).
    assert rule("us-wa-top-two") == (TOP, None, 2, None)
    assert any("1%" in note and "29A.36.170" in note for note in PRESETS["us-wa-top-two"].notes)
    # RCW 29A.64.021's recount (under 2,000 votes and under 0.5% of the two candidates' votes) does
    # not fit one race-file margin: the notes say why `recount` is None.
    assert any("29A.64.021" in note for note in PRESETS["us-wa-top-two"].notes)


def test_alaska_top_four() -> None:
    # Alaska Statutes § 15.25.100 (top four; its text could not be read, so there is no quote and the
    # notes say so).
    assert rule("us-ak-top-four") == (TOP, None, 4, None)
    preset = PRESETS["us-ak-top-four"]
    assert preset.quote == ""
    assert any("could not be read" in note for note in preset.notes)


def test_florida_general() -> None:
    # Florida Statutes § 102.141(7): a machine recount when a candidate is defeated "by one-half of a
    # percent or less of the votes cast"; § 102.166(1): a manual recount at "one-quarter of a percent
    # or less" (in the notes).
    assert rule("us-fl-general") == (PLURALITY, None, 0, "<=0.5%")
    assert any("<=0.25%" in note and "102.166" in note for note in PRESETS["us-fl-general"].notes)


def test_mississippi_primary() -> None:
    # Miss. Code § 23-15-191: "The candidate that receives a majority of the votes cast ... shall be
    # the party nominee. If no candidate receives a majority vote ..., then the two (2) candidates who
    # receive the highest number of votes" go to a second primary; on a tie for the next highest vote,
    # those tied and the leader all go on (no lot).
    assert rule("us-ms-primary") == (RUNOFF, ">50%", 2, None)
    assert PRESETS["us-ms-primary"].ties_advance
    assert "23-15-191" in PRESETS["us-ms-primary"].citation
    # The section named in the issue (§ 23-15-305) could not be confirmed: the notes say so.
    assert any("23-15-305" in note and "not read" in note for note in PRESETS["us-ms-primary"].notes)


def test_mississippi_special_election() -> None:
    # Miss. Code § 23-15-833: special elections are held as general elections "except that where no
    # candidate receives a majority of the votes cast in the election, a runoff election shall be
    # held", between "the two (2) candidates who receive the highest popular votes"; a tie for second
    # sends those tied and the leader on. The 2018 U.S. Senate special election was held this way.
    assert rule("us-ms-special") == (RUNOFF, ">50%", 2, None)
    assert PRESETS["us-ms-special"].ties_advance
    assert any("2018" in note for note in PRESETS["us-ms-special"].notes)


def test_florida_amendment() -> None:
    # Fla. Const. art. XI, § 5(e) (since 2006): "approved by at least 60 percent of the electors
    # voting on the measure" -- 60% exactly is enough.
    assert rule("us-fl-amendment") == (MEASURE, ">=60%", 0, None)
    assert PRESETS["us-fl-amendment"].citation == "Fla. Const. art. XI, § 5(e)"
    threshold = parse_threshold(">=60%", HERE)
    assert threshold.met(60, 100) and not threshold.met(59_999_999, 100_000_000)


def test_new_hampshire_amendment() -> None:
    # N.H. Const. pt. II, art. 100: two-thirds of those voting on the amendment (text not read; the
    # notes name the summaries). 452,307 Yes to 237,221 No (2024) is under two-thirds.
    assert rule("us-nh-amendment") == (MEASURE, ">=2/3", 0, None)
    threshold = parse_threshold(">=2/3", HERE)
    assert threshold.met(2, 3) and not threshold.met(452_307, 452_307 + 237_221)


def test_colorado_initiated_amendment() -> None:
    # Amendment 71 (2016): "an initiated constitutional amendment shall not become part of this
    # constitution unless the amendment is approved by at least fifty-five percent of the votes cast
    # thereon"; repeals need only a majority (in the notes).
    assert rule("us-co-initiated-amendment") == (MEASURE, ">=55%", 0, None)
    assert any("repealing" in note for note in PRESETS["us-co-initiated-amendment"].notes)


def test_arizona_tax_measure() -> None:
    # Proposition 132 (2022): "at least sixty percent of votes cast to approve an initiative or
    # referendum that enacts a tax" (the ballot's statement; the section's text was not read).
    assert rule("us-az-tax-measure") == (MEASURE, ">=60%", 0, None)
    assert any("enacts a tax" in note for note in PRESETS["us-az-tax-measure"].notes)


def test_utah_wildlife_initiative() -> None:
    # Utah Const. art. VI, § 1 (Proposition 5, 1998): a voter initiative on the taking of wildlife
    # "SHALL BE ADOPTED UPON APPROVAL OF TWO-THIRDS OF THOSE VOTING".
    assert rule("us-ut-wildlife-initiative") == (MEASURE, ">=2/3", 0, None)
    assert "TWO-THIRDS" in PRESETS["us-ut-wildlife-initiative"].quote


def test_every_preset_has_its_own_test() -> None:
    tested = {
        "us-al-primary",
        "us-al-general",
        "us-ga-primary",
        "us-ga-general",
        "us-nc-primary",
        "us-sd-primary",
        "us-tx-primary",
        "us-la-open-primary",
        "us-ca-top-two",
        "us-wa-top-two",
        "us-ak-top-four",
        "us-fl-general",
        "us-ms-primary",
        "us-ms-special",
        "us-fl-amendment",
        "us-nh-amendment",
        "us-co-initiated-amendment",
        "us-az-tax-measure",
        "us-ut-wildlife-initiative",
    }
    # the ranked-choice presets are tested against their laws in test_ranked_presets.py
    ranked = {"us-me-rcv", "us-ak-rcv", "us-ny-nyc-rcv", "us-mn-minneapolis-rcv"}
    assert set(PRESETS) == tested | ranked


# --- every preset is well formed -----------------------------------------------------------


@pytest.mark.parametrize("preset", ALL_PRESETS, ids=lambda p: p.name)
def test_threshold_and_recount_parse_as_race_files_write_them(preset: Preset) -> None:
    if preset.threshold is not None:
        assert parse_threshold(preset.threshold, HERE).text == preset.threshold
    if preset.recount is not None:
        assert parse_recount(preset.recount, HERE).text == preset.recount


@pytest.mark.parametrize("preset", ALL_PRESETS, ids=lambda p: p.name)
def test_method_threshold_and_advance_agree(preset: Preset) -> None:
    if preset.method == IRV:  # ranked-choice: the options the law fixes, no threshold or advance
        assert (preset.threshold, preset.advance, preset.recount) == (None, 0, None)
        assert preset.options
        return
    assert preset.method in METHODS
    assert not preset.options
    if preset.method == RUNOFF:
        assert preset.threshold is not None
        assert preset.advance >= 2
    elif preset.method == TOP:
        assert preset.threshold is None
        assert preset.advance >= 2
    elif preset.method == MEASURE:
        # A ballot measure: Yes against a threshold; no one advances and no recount margin
        # (race files refuse `recount:` on a measure).
        assert preset.threshold is not None
        assert preset.advance == 0
        assert preset.recount is None
    else:
        assert preset.method == PLURALITY
        assert preset.threshold is None
        assert preset.advance == 0


def test_names_are_unique_lower_case_and_index_the_presets() -> None:
    names = [preset.name for preset in ALL_PRESETS]
    assert len(names) == len(set(names))
    assert list(PRESETS) == names
    for name, preset in PRESETS.items():
        assert preset.name == name
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", name), name


@pytest.mark.parametrize("preset", ALL_PRESETS, ids=lambda p: p.name)
def test_as_of_is_an_iso_date(preset: Preset) -> None:
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", preset.as_of)
    datetime.date.fromisoformat(preset.as_of)


@pytest.mark.parametrize("preset", ALL_PRESETS, ids=lambda p: p.name)
def test_every_preset_has_a_citation_a_source_and_a_quote(preset: Preset) -> None:
    assert preset.title.strip()
    assert preset.citation.strip()
    assert preset.source_url.startswith("https://")
    assert all(note.strip() for note in preset.notes)
    if preset.name in UNREAD_TEXT:
        # Never an invented quote: the notes say the text could not be read.
        assert preset.quote == ""
        assert any("could not be read" in note for note in preset.notes)
    else:
        assert preset.quote.strip()
        assert preset.quote == preset.quote.strip()


@pytest.mark.parametrize("preset", ALL_PRESETS, ids=lambda p: p.name)
def test_on_request_recounts_say_so(preset: Preset) -> None:
    # A `recount` margin that is not automatic must say so in the notes.
    if preset.recount is None:
        return
    automatic = preset.name in {"us-al-general", "us-fl-general"}
    if not automatic:
        assert any("not automatic" in note for note in preset.notes), preset.name


def test_presets_are_frozen() -> None:
    preset = PRESETS["us-al-primary"]
    with pytest.raises(AttributeError):
        preset.threshold = ">40%"  # type: ignore[misc]
