"""Ranked-choice contests (shared/spec/ranked-choice.md): ballots in, rounds out.

``ballots`` holds the grouped ballots readers build, ``rules`` the counting options, ``rounds``
the immutable record of each counting round, and ``engine`` the pure count (``count_ranked``).
"""
