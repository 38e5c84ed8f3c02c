"""What the command line chooses in a results file that holds many contests (OpenElections, Clarity)."""

from __future__ import annotations

from typing import NamedTuple

from electcli.model import PLURALITY


class Selection(NamedTuple):
    """Which contest of a results file to tally, and by what rule (from the command line).

    ``office``, ``district``, ``party`` and ``seats`` choose an OpenElections contest; ``contests``
    names Clarity contests. ``rule_given`` says the rule was named rather than defaulted (a
    Clarity question then keeps its own default, a majority of Yes).
    """

    office: str | None = None
    district: str | None = None
    party: str | None = None
    rule: str = PLURALITY
    seats: int = 1
    contests: tuple[str, ...] = ()
    rule_given: bool = False
