"""Named rule presets: a real jurisdiction's rule, checked against its statute.

A race file can name one (``rule: us-al-primary``) instead of spelling out ``{method, threshold,
advance}``. Each preset records where its rule comes from (``citation``, ``source_url``, a short
verbatim ``quote``), the day it was checked (``as_of``), and in ``notes`` everything a tally
cannot know by itself: offices it covers, requests a candidate must make, tie rules, recount
rules that do not fit one race-file margin, and any part of the statute that could not be read.

``recount`` is the margin, written as race files write it, at or under which the law gives a
recount by the margin alone: automatically, or as of right on a defeated candidate's request
(the notes say which). It is ``None`` when the law ties no recount to the margin for this
election, or when its rule cannot be written as one race-file margin (the notes then say so).

Pure data: importing this module reads no file and compiles no pattern.
"""

from __future__ import annotations

from dataclasses import dataclass

from electcli.model import MEASURE, PLURALITY, RUNOFF, TOP
from electcli.ranked.rules import EXHAUST, IRV, SKIP

AS_OF = "2026-11-26"
# The ballot-measure and Mississippi presets were checked later.
AS_OF_DECEMBER = "2026-12-06"


@dataclass(frozen=True, slots=True)
class Preset:
    """A jurisdiction's rule for one kind of election, with its legal source."""

    name: str  # e.g. "us-al-primary"
    title: str  # e.g. "Alabama primary election"
    method: str  # "runoff" | "plurality" | "top" | "measure" (Yes against No) | "irv" (ranked-choice)
    threshold: str | None  # e.g. ">50%" (runoff and measure only), written as race files write it
    advance: int  # runoff/top: how many go on; 0 for plurality and measure
    recount: str | None  # see the module docstring; e.g. "<=0.5%"
    citation: str  # the statute(s)
    source_url: str  # where the statute text can be read
    as_of: str  # ISO date the rule was checked against the text
    notes: tuple[str, ...]  # what depends on the office, on a request, or on anything a tally cannot know
    quote: str  # a short verbatim quote of the operative wording; "" only when the text could not be read
    ties_advance: bool = False  # the law sends every candidate tied at the line on (no lot)
    # A ranked-choice preset (method irv): the race-file ``options:`` its law fixes, as
    # ``RankedRules`` holds them (None: no limit). A race file may add the options not listed here
    # (``max_rankings``, the ballot's design), and may not contradict one that is.
    options: tuple[tuple[str, object], ...] = ()

    def written_options(self) -> dict[str, object]:
        """The options the law fixes as a race file writes them ('unlimited' or 'all' for no limit)."""
        from electcli.ranked.rules import NO_LIMIT

        return {key: NO_LIMIT.get(key) if value is None else value for key, value in self.options}

    def rule_text(self) -> str:
        """The rule in a few words: ``runoff >50%, top 2``; ``irv (overvote: skip, ...)``."""
        if self.options:
            from electcli.ranked.rules import option_text

            return f"{self.method} ({', '.join(f'{key}: {option_text(key, value)}' for key, value in self.options)})"
        return (
            self.method
            + (f" {self.threshold}" if self.threshold else "")
            + (f", top {self.advance}" if self.advance else "")
        )


ALL_PRESETS: tuple[Preset, ...] = (
    Preset(
        name="us-al-primary",
        title="Alabama primary election",
        method=RUNOFF,
        threshold=">50%",
        advance=2,
        recount=None,
        citation="Code of Alabama 1975 § 17-13-18(b)",
        source_url="https://www.global-regulation.com/law/united-states/1077318/section-17-13-18.html",
        as_of=AS_OF,
        notes=(
            "Majority of all votes cast for the office, else a second primary between the two "
            "candidates with the most votes (§ 17-13-18(a), (b)). Text read from a 2015 copy; copies "
            "differ on the runoff date in (b) (sixth or fourth Tuesday), which does not change the rule.",
            "If either of the top two declines the second primary (within three days, § 17-13-19), "
            "the other is declared the nominee and no second primary is held; a tally cannot know this.",
            "No automatic recount: the 0.5% automatic recount of § 17-16-20 applies to general "
            "elections, and Attorney General opinion 2010-72 (June 8, 2010) holds it is not applicable "
            "in a primary election.",
            "A recount may be petitioned for at any margin, at the petitioner's cost (§ 17-16-21; "
            "Attorney General opinion 2010-73); it does not delay certification of the runoff pair.",
        ),
        quote=(
            "If no candidate receives a majority of all of the votes cast in such primary election for "
            "any one office or offices for the nomination to which there were more than two candidates, "
            "then there shall be held a second primary election"
        ),
    ),
    Preset(
        name="us-al-general",
        title="Alabama general election",
        method=PLURALITY,
        threshold=None,
        advance=0,
        recount="<=0.5%",
        citation="Code of Alabama 1975 § 17-16-20(a)",
        source_url="https://ebench-dev.greeninfo.org/state/alabama/opinions/251295484-ago-2010-72-june-8-2010",
        as_of=AS_OF,
        notes=(
            "Automatic recount when a candidate is defeated by not more than one half of one percent "
            "of the votes cast for the office, unless the defeated candidate submits a written waiver "
            "(§ 17-16-20(a)); a tally cannot know of a waiver.",
            "The text of § 17-16-20(a) was read as quoted in Attorney General opinion 2010-72 (2010), "
            "not from the current code. The plurality rule itself was not checked against a statute "
            "text: plurality is this preset's premise, not a verified quote.",
        ),
        quote=(
            "When, in a general election, the election returns for any public office, including a "
            "judicial office, reflect that a candidate is defeated or any ballot statewide measure is "
            "defeated by not more than one half of one percent of the votes cast for the office"
        ),
    ),
    Preset(
        name="us-ga-primary",
        title="Georgia primary election",
        method=RUNOFF,
        threshold=">50%",
        advance=2,
        recount="<=0.5%",
        citation="O.C.G.A. § 21-2-501(a)(1); § 21-2-495(c) (recount)",
        source_url="https://law.justia.com/codes/georgia/2022/title-21/chapter-2/article-12/section-21-2-501/",
        as_of=AS_OF,
        notes=(
            "Majority of the votes cast, else a run-off primary between the two candidates with the "
            "most votes (§ 21-2-501(a)(1), 2022 text). The section opens 'Except as otherwise provided "
            "in this Code section'; its other subsections were not read.",
            "If a candidate eligible for the runoff withdraws, dies or is found ineligible, the "
            "remaining candidates with the two highest numbers of votes are in the runoff "
            "(§ 21-2-501); a tally cannot know this.",
            "Recount on request of a candidate when the margin is 0.5% or less (O.C.G.A. § 21-2-495(c)); "
            "not automatic, so `recount` reports whether the margin qualifies for a request. The text of "
            "§ 21-2-495(c) was not read: the margin comes from the Secretary of State's statements and "
            "news reports. Whether it covers the line between a runoff place and elimination "
            "(second against third) was not verified.",
        ),
        quote=(
            "In instances where no candidate receives a majority of the votes cast, a run-off primary, "
            "special primary runoff, run-off election, or special election runoff between the candidates "
            "receiving the two highest numbers of votes shall be held."
        ),
    ),
    Preset(
        name="us-ga-general",
        title="Georgia general election",
        method=RUNOFF,
        threshold=">50%",
        advance=2,
        recount="<=0.5%",
        citation="O.C.G.A. § 21-2-501(a)(1); § 21-2-495(c) (recount)",
        source_url="https://law.justia.com/codes/georgia/2022/title-21/chapter-2/article-12/section-21-2-501/",
        as_of=AS_OF,
        notes=(
            "The same majority rule as primaries: no candidate is elected in any election unless they "
            "receive a majority of the votes cast, else a run-off election between the two candidates "
            "with the most votes (§ 21-2-501(a)(1), 2022 text). The section opens 'Except as otherwise "
            "provided in this Code section'; its other subsections were not read.",
            "If a candidate eligible for the runoff withdraws, dies or is found ineligible, the "
            "remaining candidates with the two highest numbers of votes are in the runoff "
            "(§ 21-2-501); a tally cannot know this.",
            "Recount on request of a candidate when the margin is 0.5% or less (O.C.G.A. § 21-2-495(c)); "
            "not automatic, so `recount` reports whether the margin qualifies for a request. The text of "
            "§ 21-2-495(c) was not read: the margin comes from the Secretary of State's statements and "
            "news reports.",
        ),
        quote=(
            "no candidate shall be nominated for public office in any primary or special primary or "
            "elected to public office in any election or special election or shall take or be sworn "
            "into such elected public office unless such candidate shall have received a majority of "
            "the votes cast to fill such nomination or public office."
        ),
    ),
    Preset(
        name="us-nc-primary",
        title="North Carolina primary election",
        method=RUNOFF,
        threshold=">30%",
        advance=2,
        recount=None,
        citation="N.C. Gen. Stat. § 163-111(a)(1), (b)",
        source_url="https://ebenchbook.org/north-carolina/statutes/%c2%a7-163-111-determination-of-primary-results-second-primaries/",
        as_of=AS_OF,
        notes=(
            "A 'substantial plurality' is any excess over 30% of the total vote cast for all aspirants, "
            "so exactly 30% is not enough (§ 163-111(a)(1)); older copies of the section read forty "
            "percent (40%).",
            "Otherwise a second primary between the top two is held only if the runner-up requests it "
            "(§ 163-111(b)), so `runoff` means 'a second primary if the runner-up asks for one'; "
            "without a request the leader is the nominee. Only the heading and opening words of (b) "
            "were read; the request condition is as described in news coverage of North Carolina "
            "second primaries (2012, 2024), not quoted from the statute.",
            "For a group of offices (vote for more than one), the threshold is 30% of the total vote "
            "divided by the number of positions (§ 163-111(a)(2)); this preset covers single offices only.",
            "No automatic recount; recounts on a candidate's demand (G.S. 163-182.7) were not checked.",
        ),
        quote=(
            "the substantial plurality shall be ascertained by multiplying the total vote cast for all "
            "aspirants by thirty percent (30%). Any excess of the sum so ascertained shall be a "
            "substantial plurality, and the aspirant who obtains a substantial plurality shall be "
            "declared the nominee."
        ),
    ),
    Preset(
        name="us-sd-primary",
        title="South Dakota primary election (U.S. Senate, U.S. House, Governor)",
        method=RUNOFF,
        threshold=">=35%",
        advance=2,
        recount="<=0.25%",
        citation="SDCL 12-6-51.1; SDCL 12-21-12 (recount)",
        source_url="https://sdlegislature.gov/api/Statutes/12-6-51.1.html",
        as_of=AS_OF,
        notes=(
            "Covers only primaries for United States Senate, United States House of Representatives "
            "and Governor with three or more candidates; other offices are nominated by plurality "
            "(SDCL 12-6-50, heading only read).",
            "The current text calls the second round a 'runoff election', held eight weeks after the first primary.",
            "The 35% is of 'the votes of the candidate's party'; this preset uses the contest total.",
            "On a tie for second place with no tie for first, every candidate tied for second goes to "
            "the runoff: electcli sends every tied candidate on (no lot), so give no `tiebreak`.",
            "Recount on petition, not automatic: a candidate voted on in more than one county and "
            "defeated by a margin not exceeding one-fourth of one percent of the total vote may petition "
            "within three days after the State Board of Canvassers' canvass (SDCL 12-21-12), so "
            "`recount` reports whether the margin qualifies for a petition.",
        ),
        quote=(
            "If no candidate for United States Senate, United States House of Representatives, or "
            "Governor in a race involving three or more candidates receives thirty-five percent of the "
            "votes of the candidate's party, a runoff election shall be held eight weeks from the date "
            "of the first primary election. At the runoff election the only persons voted for shall be "
            "the two candidates receiving the highest number of votes at the first election."
        ),
        ties_advance=True,
    ),
    Preset(
        name="us-tx-primary",
        title="Texas primary election",
        method=RUNOFF,
        threshold=">50%",
        advance=2,
        recount=None,
        citation="Texas Election Code § 172.003, § 172.004(a)",
        source_url="https://statutes.capitol.texas.gov/Docs/EL/htm/EL.172.htm",
        as_of=AS_OF,
        notes=(
            "Majority of the total votes received by all candidates for the nomination (§ 172.003), "
            "else a runoff primary (§ 172.004(a)). § 172.003 was read as quoted in a 2006 copy and as "
            "the opening words in a current index; § 172.004(a) only in its opening words.",
            "That the runoff is between the two candidates with the most votes was not read in the "
            "primary runoff sections: Election Code § 2.023(a) names 'the candidates who receive the "
            "highest and second highest' numbers of votes for runoffs generally, and official "
            "statements describe primary runoffs the same way.",
            "No automatic margin recount was found; recounts by petition (Election Code ch. 212) were not checked.",
        ),
        quote=(
            "to receive a political party's nomination, a candidate in a primary election must receive "
            "a majority of the total number of votes received by all the candidates for the nomination."
        ),
    ),
    Preset(
        name="us-la-open-primary",
        title='Louisiana open ("jungle") primary',
        method=RUNOFF,
        threshold=">50%",
        advance=2,
        recount=None,
        citation="La. R.S. 18:511(A), 18:481",
        source_url="https://legis.la.gov/Legis/Law.aspx?d=81606",
        as_of=AS_OF,
        notes=(
            "A majority of the votes cast for the office elects (R.S. 18:511(A), read from a copy); "
            "otherwise the two candidates with the most votes go to the general election "
            "(R.S. 18:481, read on the Legislature's site).",
            "Since Acts 2024, 1st Ex. Sess., No. 1 (in effect for all purposes from Jan. 1, 2026), "
            "'party primary offices' are nominated in closed party primaries (R.S. 18:410.7), not in "
            "this open primary; which offices those are was not checked.",
            "Votes for a withdrawn or deceased candidate are void and not counted for any purpose "
            "(R.S. 18:511(A)): leave them out of the race file.",
            "If a tie would send more than twice the number of seats to the general election, every "
            "tied candidate qualifies (R.S. 18:483): electcli sends every tied candidate on, so no `tiebreak` should "
            "be given.",
            "Louisiana recount law was not checked.",
        ),
        quote="A candidate who receives a majority of the votes cast for an office in a primary election is elected.",
        ties_advance=True,
    ),
    Preset(
        name="us-ca-top-two",
        title="California top-two primary (voter-nominated offices)",
        method=TOP,
        threshold=None,
        advance=2,
        recount=None,
        citation="California Elections Code § 8141.5, § 8142(b); Cal. Const. art. II, § 5",
        source_url="https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=ELEC&sectionNum=8141.5",
        as_of=AS_OF,
        notes=(
            "Applies to voter-nominated offices only; the top two advance whatever their shares, and "
            "both may prefer the same party (§ 8141.5, read from a copy). Cal. Const. art. II, § 5 "
            "was not read.",
            "Ties are never decided by lot: all candidates tied for first advance, and if one leads and "
            "others tie for second, all of those tied for second advance too (§ 8142(b)). electcli "
            "sends every tied candidate on; do not give a `tiebreak`.",
            "Nonpartisan offices follow a different rule (majority of the ballots elects outright, "
            "§ 8140), which this preset does not cover.",
            "California recount law was not checked.",
        ),
        quote=(
            "only the candidates for a voter-nominated office who receive the highest or second highest "
            "number of votes cast at the primary election shall appear on the ballot as candidates for "
            "that office at the ensuing general election."
        ),
        ties_advance=True,
    ),
    Preset(
        name="us-wa-top-two",
        title="Washington top-two primary (partisan offices)",
        method=TOP,
        threshold=None,
        advance=2,
        recount=None,
        citation="RCW 29A.52.112(2), 29A.36.170; RCW 29A.64.021 (recount)",
        source_url="https://apps.leg.wa.gov/rcw/default.aspx?cite=29A.52.112",
        as_of=AS_OF,
        notes=(
            "Washington requires 1% of the vote to advance: no candidate's name may be printed on the "
            "general election ballot unless they received at least one percent of the total votes cast "
            "for that office at the primary (RCW 29A.36.170; also WAC 434-230-055). A tally with "
            "`top` does not apply this: check by hand that each advancing candidate has at least 1%; "
            "when only one does, only one advances.",
            "Automatic recount when the gap between the last candidate through and the closest "
            "defeated opponent is less than 2,000 votes AND less than 0.5% of the votes cast for those "
            "two candidates (RCW 29A.64.021(1)); a manual recount below 1,000 votes and 0.25% "
            "(statewide) or 150 votes and 0.25% (other offices). `recount` is None not because there is "
            "no automatic recount but because this two-part rule, measured against the two candidates' "
            "votes rather than the contest total, cannot be written as one race-file margin.",
            "RCW 29A.36.170 was read in a 2005-era copy; the 1% rule is confirmed by the Secretary of "
            "State's rule WAC 434-230-055 (2014).",
        ),
        quote=(
            "Based upon votes cast at the primary, the top two candidates will be certified as qualified "
            "to appear on the general election ballot, unless only one candidate qualifies as provided "
            "in RCW 29A.36.170."
        ),
    ),
    Preset(
        name="us-ak-top-four",
        title="Alaska top-four primary",
        method=TOP,
        threshold=None,
        advance=4,
        recount=None,
        citation="Alaska Statutes § 15.25.100",
        source_url="https://www.akleg.gov/basis/statutes.asp#15.25.100",
        as_of=AS_OF,
        notes=(
            "The text of AS 15.25.100 could not be read, so no quote is given. Top four is as "
            "described by the 2020 Ballot Measure 2 summaries and election coverage: the four "
            "candidates with the most votes, of any party, go to the general election.",
            "The general election that follows is by ranked-choice voting (AS 15.15.350(c)), which "
            "this version of electcli does not count; this preset is for the primary only.",
            "A 2024 initiative to repeal the top-four primary (Ballot Measure 2, 2024) was defeated. A "
            "2025 bill (SB 179) proposed reducing four to three; its fate was not checked.",
            "Alaska recount law was not checked.",
        ),
        quote="",
    ),
    Preset(
        name="us-fl-general",
        title="Florida general election",
        method=PLURALITY,
        threshold=None,
        advance=0,
        recount="<=0.5%",
        citation=(
            "Florida Statutes § 102.141(7) (machine recount), § 102.166(1) (manual recount), § 100.181 (plurality)"
        ),
        source_url="https://www.flsenate.gov/Laws/Statutes/2024/102.166",
        as_of=AS_OF,
        notes=(
            "`recount` is the machine recount, ordered when a candidate is defeated or eliminated by "
            "one-half of a percent or less of the votes cast for the office, unless the defeated "
            "candidate asks in writing that it not be made (§ 102.141(7)). The text of § 102.141(7) "
            "was not read: the 0.5% margin comes from recount-law summaries (Verified Voting, CEIMN) "
            "and is consistent with § 102.166(1), which was read.",
            "Then a manual recount of overvotes and undervotes when the second set of unofficial "
            "returns shows a margin of one-quarter of a percent or less (`<=0.25%`), unless the "
            "defeated candidate asks in writing that it not be made or the overvotes and undervotes "
            "are fewer than the votes needed to change the outcome (§ 102.166(1)).",
            "Plurality (§ 100.181): the section text was not read; its rule is as summarized in "
            "secondary sources, which also say ties are decided by lot: give a `tiebreak`.",
        ),
        quote=(
            "If the second set of unofficial returns pursuant to s. 102.141 indicates that a candidate "
            "for any office was defeated or eliminated by one-quarter of a percent or less of the votes "
            "cast for such office"
        ),
    ),
    Preset(
        name="us-ms-primary",
        title="Mississippi party primary (state, district and county offices)",
        method=RUNOFF,
        threshold=">50%",
        advance=2,
        recount=None,
        citation="Miss. Code Ann. § 23-15-191",
        source_url="https://billstatus.ls.state.ms.us/documents/2025/html/SB/2001-2099/SB2060IN.htm",
        as_of=AS_OF_DECEMBER,
        notes=(
            "A majority of the votes cast makes the party nominee; otherwise the two candidates with "
            "the most votes go to a second primary four weeks later (§ 23-15-191). The text was read as "
            "the current section reproduced in 2025 Senate Bill 2060, which proposed to move the primary "
            "date only; the runoff rule is unchanged there.",
            "On a tie for second place (no majority), every candidate tied for second goes to the second "
            "primary with the leader (§ 23-15-191): electcli sends every tied candidate on (no lot), so "
            "give no `tiebreak`.",
            "§ 23-15-305 (named in some summaries) was not read and is not the source of this rule. "
            "Municipal primaries follow the same rule under § 23-15-171 (read); congressional primaries "
            "were not checked.",
            "Mississippi recount and contest law was not checked.",
        ),
        quote=(
            "The candidate that receives a majority of the votes cast in the election shall be the party "
            "nominee. If no candidate receives a majority vote at the election, then the two (2) candidates "
            "who receive the highest number of votes shall have their names placed on the ballot for the "
            "second primary election"
        ),
        ties_advance=True,
    ),
    Preset(
        name="us-ms-special",
        title="Mississippi special election (nonpartisan, to fill a vacancy)",
        method=RUNOFF,
        threshold=">50%",
        advance=2,
        recount=None,
        citation="Miss. Code Ann. § 23-15-833; § 23-15-855 (U.S. Senate vacancies)",
        source_url="https://ebench-dev.greeninfo.org/state/mississippi/statute/23-15-833",
        as_of=AS_OF_DECEMBER,
        notes=(
            "All special elections are held as general elections, except that when no candidate receives "
            "a majority of the votes cast, the two candidates with the most votes go to a runoff three "
            "weeks later (§ 23-15-833, text effective until Jan. 1, 2025, read on a copy; a later "
            "version was not read). The 2018 special election for U.S. Senate (Hyde-Smith, Espy) was "
            "held this way: no one passed 50% on November 6, and the top two met in a runoff on "
            "November 27 (news reports).",
            "§ 23-15-855 (read as quoted in news coverage, 2007) has the Governor call the election for "
            "a U.S. Senate vacancy; that the ballot is nonpartisan (no party labels) is from election "
            "coverage, not from a statute read.",
            "On a tie for second place (no majority), the candidates tied for second and the leader all "
            "go to the runoff (§ 23-15-833): electcli sends every tied candidate on (no lot), so give "
            "no `tiebreak`.",
            "Mississippi recount and contest law was not checked.",
        ),
        quote=(
            "All special elections, or elections to fill vacancies, shall in all respects be held, "
            "conducted and returned in the same manner as general elections, except that where no "
            "candidate receives a majority of the votes cast in the election, a runoff election shall be "
            "held three (3) weeks after the election."
        ),
        ties_advance=True,
    ),
    Preset(
        name="us-fl-amendment",
        title="Florida constitutional amendment or revision",
        method=MEASURE,
        threshold=">=60%",
        advance=0,
        recount=None,
        citation="Fla. Const. art. XI, § 5(e)",
        source_url="https://flsenate.gov/Session/Bill/2005/1723/BillText/er/HTML",
        as_of=AS_OF_DECEMBER,
        notes=(
            "An amendment or revision passes with at least 60% of the electors voting on the measure "
            "(Yes over Yes plus No), since the 2006 election (Amendment 3). The quote is from the title of "
            "the enrolled joint resolution that proposed it (HJR 1723, 2005); the section's own wording "
            "was not read. Later joint resolutions proposing to change it (SJR 866, 2017; SJR 864, 2025; "
            "a 2021 Senate amendment: 'sixty percent of the electors voting on the measure') confirm 60% "
            "as the requirement in force.",
            "A new state tax or fee imposed by constitutional amendment needs two-thirds of the voters "
            "voting in the election (art. XI, § 7, as described in news coverage, not read): that "
            "counts every ballot cast, not only the votes on the measure, so this preset does not cover it.",
        ),
        quote=(
            "any proposed amendment to or revision of the State Constitution be approved by at least "
            "60 percent of the electors voting on the measure."
        ),
    ),
    Preset(
        name="us-nh-amendment",
        title="New Hampshire constitutional amendment",
        method=MEASURE,
        threshold=">=2/3",
        advance=0,
        recount=None,
        citation="N.H. Const. pt. II, art. 100",
        source_url="https://statedemocracy.law.wisc.edu/directdemocracy50-state/2023/new-hampshire/",
        as_of=AS_OF_DECEMBER,
        notes=(
            "The text of art. 100 on the voters' approval could not be read, so no quote is given. "
            "Two-thirds of those voting on the amendment is as described by the State Democracy Research "
            "Initiative (University of Wisconsin, 2023: 'approval by a 2/3 supermajority of electors "
            "voting on the subject', citing art. 100(c)) and by other summaries, which agree.",
            "The 2024 amendment raising the judicial retirement age failed with 452,307 Yes to 237,221 "
            "No (about 65.6%), under two-thirds (Ballotpedia's results).",
        ),
        quote="",
    ),
    Preset(
        name="us-co-initiated-amendment",
        title="Colorado initiated constitutional amendment",
        method=MEASURE,
        threshold=">=55%",
        advance=0,
        recount=None,
        citation="Colo. Const., paragraph (b) added by Amendment 71 (2016)",
        source_url="https://www.direct-democracy-navigator.org/legal_designs/colorado-usa-regional-amendments-to-constitution",
        as_of=AS_OF_DECEMBER,
        notes=(
            "An initiated constitutional amendment needs at least 55% of the votes cast on it (the quote, "
            "read on a copy that sets it after art. XIX, § 2(1); which article and section hold it was "
            "not confirmed). Adopted by Amendment 71, November 2016 (news coverage and the Secretary "
            "of State's 2016 release agree on 55%).",
            "An amendment limited to repealing part of the constitution needs only a majority (the same "
            "paragraph): use `rule: measure` for it.",
            "Whether amendments referred by the General Assembly also need 55% was not verified (sources "
            "disagree); this preset is for initiated amendments only.",
        ),
        quote=(
            "an initiated constitutional amendment shall not become part of this constitution unless the "
            "amendment is approved by at least fifty-five percent of the votes cast thereon"
        ),
    ),
    Preset(
        name="us-az-tax-measure",
        title="Arizona ballot measure that enacts a tax (initiative or referendum)",
        method=MEASURE,
        threshold=">=60%",
        advance=0,
        recount=None,
        citation="Ariz. Const., as amended by Proposition 132 (2022)",
        source_url="https://ballotpedia.org/Arizona_60%25_Vote_Requirement_for_Ballot_Measures_to_Approve_Taxes_Amendment_(2022)",
        as_of=AS_OF_DECEMBER,
        notes=(
            "The text of the amended section could not be read, so no quote is given; which article and "
            "section Proposition 132 amended was not verified. The 60% is from the ballot's statement "
            "of a Yes vote ('to require at least sixty percent of votes cast to approve an initiative or "
            "referendum that enacts a tax') and election coverage; Proposition 132 itself passed in "
            "November 2022 with 1,210,702 Yes to 1,176,327 No (Ballotpedia).",
            "Only measures that enact a tax: every other measure needs a majority (`rule: measure`). "
            "Whether a measure enacts a tax is for the law to say, not the tally.",
        ),
        quote="",
    ),
    Preset(
        name="us-ut-wildlife-initiative",
        title="Utah initiative on the taking of wildlife",
        method=MEASURE,
        threshold=">=2/3",
        advance=0,
        recount=None,
        citation="Utah Const. art. VI, § 1 (as amended by Proposition 5, 1998)",
        source_url="https://le.utah.gov/~1998/bills/sbillenr/SJR010.htm",
        as_of=AS_OF_DECEMBER,
        notes=(
            "An initiative allowing, limiting or prohibiting the taking of wildlife, or the season or "
            "method of taking it, needs two-thirds of those voting. The quote is the title of the "
            "enrolled joint resolution (S.J.R. 10, 1998, in capitals there) that proposed the amendment; "
            "the amended section's own wording was not read. Voters approved it as Proposition 5 in "
            "November 1998 (summaries: 56.1% Yes).",
            "Every other initiative needs a majority (`rule: measure`).",
        ),
        quote=(
            "PROVIDING THAT ANY VOTER INITIATIVE REGARDING THE TAKING OF WILDLIFE SHALL BE ADOPTED UPON "
            "APPROVAL OF TWO-THIRDS OF THOSE VOTING"
        ),
    ),
    # --- ranked-choice (rule irv, counted from ballots): the options each law fixes ---------------
    Preset(
        name="us-me-rcv",
        title="Maine ranked-choice election (primaries; federal general elections)",
        method=IRV,
        threshold=None,
        advance=0,
        recount=None,
        citation="21-A M.R.S. § 723-A(1); 29-250 C.M.R. ch. 535 § 4(2)(A)",
        source_url=(
            "https://casetext.com/statute/maine-statutes/title-21-a-elections/chapter-9-conduct-of-elections/"
            "subchapter-3-post-election-procedure/article-1-tabulation-and-results/"
            "section-723-a-effective-892024-determination-of-winner-in-election-for-an-office-elected-by-"
            "ranked-choice-voting"
        ),
        as_of=AS_OF_DECEMBER,
        notes=(
            "§ 723-A(1)(D) (text current through the 131st Legislature, c. 684): a ballot is exhausted when "
            "it ranks no continuing candidate, has an overvote at its highest continuing ranking (overvote: "
            "exhaust) or 2 or more sequential skipped rankings before it (max_skipped: 1: one skipped "
            "ranking is passed over).",
            "Rounds run until two candidates remain, and the one with more votes wins (rule ch. 535 "
            "§ 4(2)(A), April 2022 copy: 'In the final round, when only 2 continuing candidates remain, the "
            "candidate with the most votes in that round is the winning candidate'): continue_until_two. "
            "electcli names the winner in the first round they hold more than half of the continuing "
            "votes and counts on to two for the report; the same candidate leads when two remain, as "
            "their ballots never leave them.",
            "No count in rounds is held when a candidate has more than 50% of the first choices in round "
            "1 (rule § 4(2)(A); a third party reads § 723-A(2) as 'of all ballots cast for the office'). "
            "electcli's round 1 asks for more than half of the continuing votes: where a candidate passes "
            "that but not the law's test, the law counts rounds too, and the same candidate wins.",
            "Batch elimination is not fixed: § 723-A(1)(A) defined it (used in 2018: Bond and Hoar were "
            "defeated together in the 2nd District) until P.L. 2023 c. 304 Pt. A § 14 repealed the "
            "definition; § 723-A(2) was not read, so whether it survives was not verified. Add "
            "batch_elimination: true to reproduce a count held under it; it never changes the winner.",
            "A candidate ranked again is skipped (duplicate: skip): not in the text read; from the "
            "Secretary of State's guidance as reported in 2018 and RCTab's Maine configuration "
            "(exhaustOnDuplicateCandidate false). Whether a repeat passed over counts toward the '2 "
            "sequential skipped rankings' was not found; electcli does not count it as a skip.",
            "A tie for last place is decided by lot and the result reused in a recount (§ 723-A, as quoted "
            "by a third party; the subsection was not read): give the lot's order as `tiebreak`, else a "
            "tie that decides the count is reported as a tie.",
            "Only declared write-in candidates can be ranked (rule ch. 535 § 3(2)); a CVR's undeclared "
            "write-ins are eliminated first, as RCTab does (how the law treats them was not read).",
            "Offices: primaries for U.S. Senator, U.S. Representative, Governor and the Legislature; "
            "general and special elections for U.S. Senator and U.S. Representative; general elections "
            "for presidential electors; presidential primaries (21-A M.R.S. § 1(27-C), as amended by "
            "P.L. 2019 c. 539; the subsection was later repealed and replaced by P.L. 2021 c. 273, not "
            "read). A 2025 bill to abolish ranked-choice voting (LD 668) was introduced; its outcome "
            "was not verified.",
        ),
        quote=(
            "'Exhausted ballot' means a ballot that does not rank any continuing candidate, contains an "
            "overvote at the highest continuing ranking or contains 2 or more sequential skipped rankings "
            "before its highest continuing ranking."
        ),
        options=(
            ("overvote", EXHAUST),
            ("max_skipped", 1),
            ("duplicate", SKIP),
            ("continue_until_two", True),
            ("first_round_determines_threshold", False),
        ),
    ),
    Preset(
        name="us-ak-rcv",
        title="Alaska general election (ranked-choice)",
        method=IRV,
        threshold=None,
        advance=0,
        recount=None,
        citation="AS 15.15.350(c), (d), (e) (as quoted); 6 AAC 25.071 (write-ins)",
        source_url="https://law.justia.com/codes/alaska/2022/title-15/chapter-15/section-15-15-350",
        as_of=AS_OF_DECEMBER,
        notes=(
            "(c): 'All general elections shall be conducted by ranked-choice voting.' (d): a candidate "
            "highest-ranked on more than one-half of the active ballots in the initial tabulation is "
            "elected; otherwise rounds run until two or fewer continuing candidates remain "
            "(continue_until_two), the candidate with the fewest votes defeated each round: one at a "
            "time, no batch elimination. The text of (d) after its opening was read in its reprint by "
            "HB 225 (33rd Legislature), without the two words that bill adds.",
            "electcli names the winner in the first round they hold more than half of the continuing "
            "votes and counts on to two for the report, as the Division of Elections does ('tabulation "
            "will continue until two candidates remain'); the same candidate leads when two remain.",
            "(e), as quoted by a third party from Justia: 'In the event of a tie between two candidates "
            "with the fewest votes, the tie shall be resolved by lot to determine which candidate is "
            "defeated.' Give the lot's order as `tiebreak`.",
            "Subsections (f) and (g) (overvotes, skipped rankings, the inactive ballot) could not be "
            "read. overvote: exhaust and max_skipped: 1 (two consecutive skipped rankings make a ballot "
            "inactive) follow the Division of Elections' practice as third parties describe it; "
            "duplicate: skip follows a third party's description. Re-check against the statute text.",
            "Candidates tied for last place whose votes together are fewer than the next candidate's "
            "are eliminated together when no `tiebreak` is given (no lot could change the winner: "
            "README, Ranked-choice); the statute defeats one a round: give the lot's order to follow "
            "it round by round.",
            "6 AAC 25.071: when candidates have filed as write-ins, the ballots whose highest-ranked "
            "candidate is a write-in are pooled; if the pool trails the first-round leader by 0.5% or "
            "more of the leader's and the write-ins' votes together, all write-ins are defeated, else "
            "each is counted as a candidate. electcli eliminates a CVR's undeclared write-ins first "
            "(all defeated), and counts write-ins named as candidates one by one from the start: when "
            "the pool is that close, resolve the write-ins into candidates before counting.",
            "The 2024 repeal (Ballot Measure 2) failed, 160,230 Yes to 160,973 No. A repeal initiative "
            "qualified for the November 3, 2026 ballot; its result was not found when this preset was "
            "checked, so whether this law is still in force after that vote was not verified.",
        ),
        quote=(
            "if two or fewer continuing candidates remain, the candidate with the greatest number of votes "
            "is elected and the tabulation is complete"
        ),
        options=(
            ("overvote", EXHAUST),
            ("max_skipped", 1),
            ("duplicate", SKIP),
            ("batch_elimination", False),
            ("batch_elimination_if_equal", False),
            ("continue_until_two", True),
            ("first_round_determines_threshold", False),
        ),
    ),
    Preset(
        name="us-ny-nyc-rcv",
        title="New York City ranked-choice primaries and special elections",
        method=IRV,
        threshold=None,
        advance=0,
        recount=None,
        citation="New York City Charter § 1057-g(a), (d), (e)",
        source_url="https://github.com/joshgreenman1973/nyc-charter-explorer",
        as_of=AS_OF_DECEMBER,
        notes=(
            "Mayor, public advocate, comptroller, borough president and council member, in primaries "
            "and in elections where every candidate was nominated by independent petition (§ 1057-g(a), "
            "(b): no run-off). Text read in the source above, a compilation of American Legal Publishing's "
            "code (codelibrary.amlegal.com, NYC Charter) said to be current through Local Law "
            "2026/135, not on American Legal's own page.",
            "(e)(2)(a): rounds run until two continuing candidates remain, and the one with the most "
            "votes wins (continue_until_two). electcli names the winner in the first round they hold "
            "more than half of the continuing votes and counts on to two; the same candidate leads when "
            "two remain. (e)(1) ends the count at once when a candidate has a majority of first choices: "
            "electcli then shows the rounds to two as well.",
            "(a) 'Exhausted ballot': one that 'assigns equal rank to two or more candidates and all "
            "candidates with higher ranks ... are eliminated' (overvote: exhaust).",
            "(e)(2)(b): the last-place candidate is eliminated, with 'batch elimination' of every "
            "candidate whose election is 'mathematically impossible': whose votes, with all votes of "
            "candidates with fewer or equal votes, 'would not be enough to surpass' the next candidate "
            "(batch_elimination, batch_elimination_if_equal: a group that could only tie is out). When "
            "the batch would leave one continuing candidate, none is made and the last-place candidate "
            "goes alone, as the charter says.",
            "Skipped ranks and a candidate ranked again are not addressed by the charter: a ballot counts "
            "for its 'highest ranked continuing candidate', so a blank rank is passed over with no limit "
            "and a repeat has no effect (max_skipped: unlimited, duplicate: skip), a reading of the text, "
            "not its words. Board of Elections rules were not read.",
            "(e)(3): 'A tie between two or more candidates shall be resolved in accordance with the "
            "election law', which was not read: give the order it yields as `tiebreak`.",
            "(d)(1): voters rank up to five candidates, write-in included: max_rankings: 5 belongs to "
            "the ballots, add it when a CVR holds more columns.",
        ),
        quote=(
            "If there are two continuing candidates, the candidate with the most votes shall be declared "
            "the nominee of his or her party for a primary election, or elected winner for an election for "
            "which nominations were made by independent nominating petitions."
        ),
        options=(
            ("overvote", EXHAUST),
            ("max_skipped", None),
            ("duplicate", SKIP),
            ("batch_elimination", True),
            ("batch_elimination_if_equal", True),
            ("continue_until_two", True),
            ("first_round_determines_threshold", False),
        ),
    ),
    Preset(
        name="us-mn-minneapolis-rcv",
        title="Minneapolis single-seat ranked-choice election",
        method=IRV,
        threshold=None,
        advance=0,
        recount=None,
        citation="Minneapolis Code of Ordinances §§ 167.20, 167.60(c)",
        source_url="https://github.com/FreeAndFair/Tabulator/blob/master/statutes/Minneapolis.md",
        as_of=AS_OF_DECEMBER,
        notes=(
            "Text read in a copy of Title 8.5, ch. 167 with amendments through 2013-Or-055 (the source "
            "above); the 167.20 definitions agree with a copy as of 2018-07-12. Later amendments to "
            "167.60 were not verified. The official text: library.municode.com/mn/minneapolis.",
            "167.60(c)(2): a skipped ranking, an overvote or a repeat candidate ranking is passed over, "
            "with no limit (overvote: skip, max_skipped: unlimited, duplicate: skip); a ballot stops "
            "counting when no continuing candidate is left but in overvotes or repeats.",
            "167.20 'Threshold': the total votes counted in the first round divided by one plus the "
            "seats (two, for one seat), plus one, fractions disregarded: calculated once "
            "(first_round_determines_threshold). "
            "167.60(c)(1)a, d: a candidate reaching it is elected and the count stops; otherwise it goes "
            "on until one continuing candidate remains, who is elected, the last defeated candidate's "
            "votes not transferred: electcli elects the leader of the last two in their round, as RCTab "
            "does. A candidate may hold a majority of the ballots still counting without reaching the "
            "threshold, and the count goes on.",
            "167.60(c)(1)b: every candidate for whom it is 'mathematically impossible to be elected' "
            "(167.20: their votes with all votes that could be transferred to them would not 'equal or "
            "surpass' the next candidate) is defeated at once (batch_elimination); the single last-place "
            "candidate only when there is no such group.",
            "167.60(c)(1)b defeats undeclared write-ins together with that group at the start of round 2; "
            "electcli eliminates them first, by themselves, which takes a round more and elects the same "
            "candidate.",
            "167.60(c)(1)c: a tie for fewest votes is decided by lot, and the result reused in a recount "
            "(also 167.75): give the lot's order as `tiebreak`.",
            "167.60(b), the election-night first tabulation against the 'maximum possible threshold' "
            "(all ballots cast), is not this count. 167.30(a)(1): ballots allow at least three rankings "
            "(max_rankings belongs to the ballots).",
        ),
        quote=(
            "When a skipped ranking, overvote or repeat candidate ranking is encountered on a ballot, that "
            "ballot shall count towards the highest continuing ranking that is not a skipped ranking, an "
            "overvote or repeat candidate ranking."
        ),
        options=(
            ("overvote", SKIP),
            ("max_skipped", None),
            ("duplicate", SKIP),
            ("batch_elimination", True),
            ("batch_elimination_if_equal", False),
            ("first_round_determines_threshold", True),
            ("continue_until_two", False),
        ),
    ),
)

PRESETS: dict[str, Preset] = {preset.name: preset for preset in ALL_PRESETS}
