"""What bulk readers share: cyclic garbage collection paused while they build their values.

Reading a large file makes hundreds of thousands of small objects and frees almost none of
them; none can be in a reference cycle that only the collector would find, so its passes would
only re-scan them (over a third of the time on a 100,000-unit NIST report).
"""

from __future__ import annotations

import gc


class CollectionPaused:
    """``with CollectionPaused():`` the collector waits, and runs again afterwards if it ran before."""

    def __enter__(self) -> None:
        self.collecting = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc: object) -> None:
        if self.collecting:
            gc.enable()
