"""A Rich console that shows control characters in text as escapes (``electcli.present.safe_text``).

Names reach a table in many places (titles, cells, footers, verdicts); escaping them in one
place, as Rich joins the rendered text, means no table can forget one. Rich's own styles and
cursor controls are added after this step, so colour still works on a terminal. An escape is
wider than the character it replaces, so a row holding one may stand out of line: better than a
terminal obeying it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rich.console import Console
from rich.segment import Segment

from electcli.present.safe_text import escaped_lines


class SafeConsole(Console):
    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        return super()._render_buffer(_escaped(buffer))


def _escaped(buffer: Iterable[Segment]) -> Iterator[Segment]:
    for segment in buffer:
        text, style, control = segment
        if control or text.isprintable() or text == "\n":
            yield segment
        else:
            yield Segment(escaped_lines(text), style, control)
