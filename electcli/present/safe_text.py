"""Text from an input, made safe to show: no terminal escape sequences, no workflow commands.

Two dangers, one module, so that every presenter (``check`` text, tables, error messages) uses
the same rules:

- A name is data, but a terminal obeys control characters in it: ``\\x1b[2J`` clears the screen,
  ``\\x1b]0;...`` retitles the window, ``\\r`` or a right-to-left override (U+202E) can make one
  name look like another (a plausible wrong answer). ``escaped`` writes them as Python escapes.
- Under GitHub Actions the runner reads any line of a step's output as a workflow command when it
  starts, after blanks, with ``::`` (``::warning::``, ``::add-mask::``), and any line holding the
  legacy ``##[`` form. ``CommandFilter`` (installed by the CLI when ``GITHUB_ACTIONS=true``) makes
  every such line inert: ``##[`` becomes ``#\\u0023[`` and a leading ``::`` becomes ``:\\u003a``.
  In JSON output that is the same value (``##[`` can only be inside a string there, and no JSON
  line starts with ``::``); in a table, ``check`` text or CSV it is a visible escape. electcli's
  own annotations bypass the filter (``unfiltered``).
"""

from __future__ import annotations

import io
from typing import IO

# Bidirectional formatting characters: they reorder how a line is displayed (CVE-2021-42574).
_BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
# C0 controls, DEL and C1 controls, the line and paragraph separators, and the bidi characters.
_ESCAPES = {code: ascii(chr(code))[1:-1] for code in (*range(0x00, 0x20), *range(0x7F, 0xA0), 0x2028, 0x2029, *_BIDI)}


def escaped(text: str) -> str:
    """``text`` with control and bidi characters written as escapes (``\\x1b``, ``\\n``, ``\\u202e``)."""
    return text if text.isprintable() else text.translate(_ESCAPES)


def escaped_lines(text: str) -> str:
    """A message of several lines (electcli's own line breaks kept), each line's characters escaped."""
    return "\n".join(escaped(line) for line in text.split("\n"))


def inert_line(line: str) -> str:
    """``line`` as GitHub's runner will not read it as a workflow command."""
    if "##[" in line:
        line = line.replace("##[", "#\\u0023[")
    body = line.lstrip()
    if body.startswith("::"):
        line = line[: len(line) - len(body)] + ":\\u003a" + body[2:]
    return line


class CommandFilter(io.TextIOBase):
    """A text stream that writes whole lines to ``inner``, each made inert (``inert_line``).

    A line is held until its end arrives, since ``##[`` could be split between two writes.
    """

    def __init__(self, inner: IO[str]) -> None:
        super().__init__()
        self.unfiltered = inner
        self._pending = ""

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.unfiltered, "encoding", "utf-8") or "utf-8"

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self.unfiltered, "errors", "strict")

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return self.unfiltered.isatty()

    def fileno(self) -> int:
        return self.unfiltered.fileno()

    def write(self, text: str) -> int:
        lines = (self._pending + text).split("\n")
        self._pending = lines.pop()
        if lines:
            self.unfiltered.write("".join(inert_line(line) + "\n" for line in lines))
        return len(text)

    def flush(self) -> None:
        self.unfiltered.flush()

    def finish(self) -> None:
        """Write a last line without its end (output ends), and flush."""
        if self._pending:
            self.unfiltered.write(inert_line(self._pending))
            self._pending = ""
        self.unfiltered.flush()
