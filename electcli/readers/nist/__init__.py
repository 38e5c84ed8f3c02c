"""NIST SP 1500-100 election results reports (JSON, version 2).

``report`` walks the document; ``counts`` reads the vote counts, ``rules`` the contests' rules,
``values`` the typed values.
"""
