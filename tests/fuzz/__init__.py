"""A structure-aware fuzzer: valid inputs of every kind electcli reads, mutated, and what electcli
reads of them compared with an independent count.

Kinds: race files (plain votes, units, counts files, ranked ballots inline), NIST SP 1500-100
reports, OpenElections CSV, RCTab configurations, and the cast vote records they name (electcli's
rank-columns CSV, RCTab's generic CSV, Clear Ballot, Hart, Dominion, CDF JSON and XML, ES&S).

- ``mutate.py``: the mutations (truncate; delete, copy and swap lines; odd and huge numbers; NUL,
  byte-order marks, control characters, invalid UTF-8; deep nesting; JSON nodes and YAML values of
  another type), each case from its own ``random.Random`` seeded by kind and number.
- ``harness.py``: runs a case (in process, through click's CliRunner; a few in a process of their
  own) and judges it: no traceback or hang, status 0, 1 or 2, and when 0, the figures read equal
  the independent count; a case the counter cannot decide must be refused (status 2).
- ``race_count.py``, ``nist_count.py``, ``cvr_count.py``: the independent counters, plain code
  over PyYAML's BaseLoader, json, csv and ElementTree, never electcli's readers.
- ``test_fuzz_*.py``: the seeds and the tests, with the cases known to fail today marked xfail
  (not strict) with their symptom, until the readers are fixed.

``ELECTCLI_FUZZ_CASES=N`` (default 200) sets the cases per kind, ``ELECTCLI_FUZZ_FIRST`` the first
seed, ``ELECTCLI_FUZZ_LOG=FILE`` a file each failure is appended to as it happens. A failure says
the kind, the seed, the mutations and a diff of the mutated file; the files stay in pytest's
temporary folder, whose path it gives, with the command that runs that case alone.
"""
