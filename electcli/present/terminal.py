"""The terminal: the one owner of the Rich console (markup, emoji and highlighting off, so that a
candidate named ``[Green]`` prints as ``[Green]``), the characters it can show, and how lines are
written to it.

Rich drops colour when NO_COLOR is set, and every style when stdout is not a terminal or
TERM=dumb; lines are then written as plain text, without Rich's rendering (``emit``), which is
what makes a 3,000-contest table quick.
"""

from __future__ import annotations

from fractions import Fraction
from typing import IO, NamedTuple

from rich.console import COLOR_SYSTEMS, Console
from rich.style import Style

from electcli.model import Threshold
from electcli.present.cells import name_text, wrap
from electcli.present.grid import Line


def make_console(file: IO[str] | None = None) -> Console:
    return Console(file=file, markup=False, emoji=False, highlight=False)


class Glyphs(NamedTuple):
    """The drawing characters: Unicode, or plain ASCII where the terminal's encoding has no
    block characters."""

    blocks: str  # a bar's last cell by how full it is, from empty to full
    marker: str  # the threshold, on a bar's track
    rule: str  # under a table's header
    dot: str  # between a contest's name and its election's


UNICODE = Glyphs(" ▏▎▍▌▋▊▉█", "│", "─", " · ")
ASCII = Glyphs(" #", "|", "-", " - ")


def glyphs(console: Console) -> Glyphs:
    return ASCII if console.options.ascii_only else UNICODE


def bar(share: Fraction, width: int, glyphs: Glyphs, threshold: Threshold | None = None) -> str:
    """A share of ``width`` cells, cut down to the part of a cell the glyphs can show (never
    more than the share). With a threshold the bar agrees with the decision whatever the
    rounding: a share short of it ends before the threshold's cell (``marker_at``), and one
    that meets it covers that cell."""
    steps = len(glyphs.blocks) - 1
    share = max(Fraction(0), min(share, Fraction(1)))
    filled = share.numerator * width * steps // share.denominator  # in integers: thousands of bars
    if threshold is not None:
        at = marker_at(threshold.share, width)
        met = share > threshold.share if threshold.strict else share >= threshold.share
        filled = max(filled, (at + 1) * steps) if met else min(filled, at * steps)
    whole, part = divmod(filled, steps)
    return glyphs.blocks[-1] * whole + (glyphs.blocks[part] if part else "")


def marker_at(share: Fraction, width: int) -> int:
    """The cell of a bar ``width`` cells wide where a threshold of ``share`` falls."""
    return min(width - 1, int(share * width))


def paragraph(text: str, width: int, style: str = "", indent: str = "", hang: str | None = None) -> list[Line]:
    """A line of prose broken at spaces to fit ``width`` (a word is never cut: one too long for
    the terminal is left whole, for the terminal to wrap); lines after the first start with
    ``hang`` (by default the same ``indent``)."""
    hang = indent if hang is None else hang
    room = max(1, width - max(len(indent), len(hang)))
    lines = wrap(name_text(text), room, fold=False)  # prose holds names: see cells.name_text
    return [[((hang if number else indent) + line, style)] for number, line in enumerate(lines)]


def emit(console: Console, lines: list[Line]) -> None:
    """Write lines of (text, style) pieces, as laid out (never wrapped or cropped again): plain
    text when the console shows no styles, else each style's escape codes as Rich makes them
    for this console (its colour system, NO_COLOR), looked up once per style.

    The text is written to the console's file, not rendered by Rich: whatever must happen to
    names before a terminal shows them happens earlier, in ``cells.name_text``."""
    if console.color_system is None:
        _write(console, "".join("".join(text for text, _ in line) + "\n" for line in lines))
        return
    codes = _codes(console)
    out = []
    for line in lines:
        for text, style in line:
            if style and text:
                if style not in codes:
                    codes[style] = _style_codes(console, style)
                before, after = codes[style]
                out.append(before + text + after)
            else:
                out.append(text)
        out.append("\n")
    _write(console, "".join(out))


def _write(console: Console, text: str) -> None:
    if console.options.ascii_only and not text.isascii():
        # a name the terminal's encoding cannot show is written escaped, not a crash
        text = text.encode(console.encoding, "backslashreplace").decode(console.encoding)
    console.file.write(text)
    console.file.flush()


_CODES: dict[int, dict[str, tuple[str, str]]] = {}


def _codes(console: Console) -> dict[str, tuple[str, str]]:
    return _CODES.setdefault(id(console), {})


def _style_codes(console: Console, name: str) -> tuple[str, str]:
    """The escape codes around a text in style ``name``, as Rich writes them for ``console``."""
    style = Style.parse(name)
    if console.no_color:
        style = style.without_color
    system = COLOR_SYSTEMS[console.color_system or "standard"]
    before, _, after = style.render("\x00", color_system=system).partition("\x00")
    return before, after
