"""electcli: turn vote counts into election outcomes."""

__version__ = "0.1.0"
