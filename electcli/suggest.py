"""'Did you mean ...?' hints for misspelt keys and names."""

from __future__ import annotations

from collections.abc import Collection


def did_you_mean(word: str, options: Collection[str]) -> str:
    import difflib  # only when there is an error to explain

    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else ""


# Keys of an `expected:` block that are not also contest keys (`recount` is both).
EXPECTED_ONLY = frozenset({"outcome", "winners", "advancing", "tied", "leaders"})


def key_hint(word: str, allowed: Collection[str]) -> str:
    if word.isdigit():
        return 'a count with a comma inside { } must be quoted: votes: "12,345" (or write 12345)'
    listing = ", ".join(dict.fromkeys(allowed))
    if word in EXPECTED_ONLY and "expected" in allowed:  # a line of `expected:` left unindented
        return f"`{word}:` belongs inside `expected:`: indent it under `expected:` by two spaces"
    if word == "reported" and "reporting" in allowed:
        return "write reporting: {reported: 17, expected: 20} (units reported, of those expected)"
    guess = did_you_mean(word, allowed)
    return f"{guess} allowed keys: {listing}" if guess else f"allowed keys: {listing}"


def name_hint(word: str, names: Collection[str]) -> str:
    return did_you_mean(word, names) or f"the names are: {', '.join(names)}"
