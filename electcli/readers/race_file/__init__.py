"""Race files (shared/spec/race-file.md): electcli's own YAML format.

``reader`` walks the file and puts each contest together from its parts: ``rules``, ``candidates``,
``ranked`` (with ``ballots`` and ``options``), ``results`` (with ``counts_csv``), ``openelections``
and ``expected``; ``yaml_nodes`` keeps every value's line and column.
"""

from electcli.readers.race_file.reader import read_race_file

__all__ = ["read_race_file"]
