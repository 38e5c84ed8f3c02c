"""electcli against RCTab 2.0.1 on random contests (tests/rctab_differential.py makes and compares them).

Needs the RCTab oracle (``$ELECTCLI_SHARED/tools/rctab-oracle``, which compiles RCTab with javac;
``.ci/run`` builds it first): without it the module skips with one line saying why.

``ELECTCLI_RCTAB_CONTESTS`` sets how many contests (default 300, counted by RCTab in one JVM: a few
seconds), ``ELECTCLI_RCTAB_SEED`` the first contest's number (default 0), so that a run of any
size can be repeated. Each contest is compared round by round: tallies, thresholds, inactive
ballots by reason, who is elected and eliminated, the votes each one's ballots move, and the
winners (a multi-pass count pass by pass); two that both refuse to count agree. The only
differences allowed are RCTab's known ones (``KNOWN``, README "Agreement with RCTab").
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from tests.rctab_differential import KNOWN, build_oracle, compare, make_contest, run_rctab
from tests.shared_data import SHARED

CONTESTS = int(os.environ.get("ELECTCLI_RCTAB_CONTESTS", "300"))
FIRST = int(os.environ.get("ELECTCLI_RCTAB_SEED", "0"))

_built = build_oracle(SHARED)
if isinstance(_built, str):
    pytest.skip(f"RCTab differential test skipped: {_built}", allow_module_level=True)
CLASSPATH = _built[1]


def test_electcli_counts_random_contests_as_rctab_does(tmp_path: Path) -> None:
    contests = [make_contest(seed, tmp_path / f"c{seed}") for seed in range(FIRST, FIRST + CONTESTS)]
    outcome = run_rctab(CLASSPATH, [contest.config for contest in contests], tmp_path)
    kinds: Counter[str] = Counter()
    unexplained = []
    for contest in contests:
        kind, detail = compare(contest.config, outcome[contest.config])
        kinds[kind] += 1
        if not kind.startswith("agree") and kind not in KNOWN:
            unexplained.append(f"{kind}: {contest.description}\n    {detail}")
    summary = ", ".join(f"{kind}: {n}" for kind, n in sorted(kinds.items()))
    print(f"\nRCTab differential, contests {FIRST}..{FIRST + CONTESTS - 1}: {summary}")
    assert not unexplained, f"{len(unexplained)} of {CONTESTS} differ from RCTab ({summary}):\n" + "\n".join(
        unexplained[:10]
    )
    # the contests must be worth comparing: most are counted by both, not refused by both
    assert kinds["agree"] >= CONTESTS * 0.7, summary
