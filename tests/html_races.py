"""Race files for the HTML report's tests and benchmark: a hostile one and a large ranked one."""

from __future__ import annotations

import json
import random

HOSTILE_NAME = "<script>alert(1)</script>"
HOSTILE_PARTY = '"><img src=x onerror=alert(2)>'
HOSTILE_CONTEST = "Mayor </section><h1>forged</h1>"


def hostile_race() -> str:
    """A plurality contest whose names are markup (JSON is YAML, and quotes them safely)."""
    return json.dumps(
        {
            "election": {"name": "Town & Country <Election>", "date": "2026-11-03"},
            "contests": [
                {
                    "name": HOSTILE_CONTEST,
                    "rule": "plurality",
                    "candidates": [
                        {"name": HOSTILE_NAME, "party": HOSTILE_PARTY, "votes": 120},
                        {"name": "Ann 'Quote' O\"Brien", "votes": 80},
                    ],
                }
            ],
        }
    )


def large_ranked_race(candidates: int = 40, rankings: int = 600, seed: int = 2026) -> str:
    """A ranked-choice contest with many candidates and long names, so one is eliminated a round."""
    chooser = random.Random(seed)
    names = [f"Candidate number {n:02d} with a rather long name" for n in range(1, candidates + 1)]
    ballots = []
    for _ in range(rankings):
        length = chooser.randint(1, 6)
        ranking = chooser.sample(names, length)
        ballots.append({"ranking": ranking, "count": chooser.randint(1, 40)})
    race = {
        "election": {"name": "A large ranked-choice count"},
        "contests": [
            {
                "name": "Council",
                "rule": "irv",
                "candidates": [{"name": n} for n in names],
                "ballots": ballots,
                "tiebreak": names,  # so that a tie for last place never stops the count early
            }
        ],
    }
    return json.dumps(race)
