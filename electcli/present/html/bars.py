"""The bar chart of shares: one labelled bar per candidate, the threshold drawn across them.

HTML and CSS rather than SVG, so that long names wrap on a phone instead of shrinking with a
scaled drawing; each bar's label says the name, the share, the votes and the status in words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from electcli.present.html.markup import colour, esc, percent, votes_text


@dataclass(frozen=True)
class Bar:
    name: str
    party: str | None
    votes: Fraction
    share: float  # of the votes the chart is of, 0..1
    status: str | None
    index: int  # the candidate's place in finishing order, which picks its colour


def bar_chart(bars: Sequence[Bar], caption: str, threshold: float | None, threshold_text: str | None) -> str:
    """A figure of bars; ``threshold`` (a share, 0..1) draws a dashed line labelled in words."""
    rows = []
    for bar in bars:
        label = esc(bar.name) + (f' <span class="party">({esc(bar.party)})</span>' if bar.party else "")
        status = f' <span class="status status-{esc(bar.status)}">{esc(bar.status)}</span>' if bar.status else ""
        width = max(0.0, min(bar.share, 1.0)) * 100
        rows.append(
            f'<li><div class="bar-label">{label}{status}</div>'
            f'<div class="bar-track"><div class="bar" style="width:{width:.2f}%;background:{colour(bar.index)}"></div>'
            + _threshold_line(threshold)
            + f'</div><div class="bar-value">{percent(bar.share)} · {votes_text(bar.votes)}</div></li>'
        )
    note = ""
    if threshold is not None and threshold_text:
        note = f'<p class="threshold-note"><span class="threshold-key" aria-hidden="true"></span> {esc(threshold_text)}</p>'
    return f'<figure class="bars"><figcaption>{esc(caption)}</figcaption><ol>{"".join(rows)}</ol>{note}</figure>'


def _threshold_line(threshold: float | None) -> str:
    if threshold is None:
        return ""
    return f'<div class="threshold" style="left:{max(0.0, min(threshold, 1.0)) * 100:.2f}%" aria-hidden="true"></div>'
