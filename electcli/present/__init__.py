"""Presentation: results as text for people (Rich, in ``table``) or as JSON and CSV for machines."""
