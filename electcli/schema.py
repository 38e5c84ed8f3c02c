"""A JSON Schema of the race file, for editors (``electcli schema``).

Editors read YAML with YAML's own types, so where electcli reads every name as text the schema
accepts any scalar; counts are whole numbers or digit strings. The reader remains the authority
(it also checks what a schema cannot: unique names, totals that agree); the tests keep the two in
step by validating the sample races and refusing the same typos.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from electcli.model import METHODS, RANKED_METHODS

SCHEMA_ID = "https://electcli.invalid/schema/race-file.json"

_NAME = {"type": ["string", "number", "boolean", "null"], "description": "Read as text exactly as written."}
_COUNT = {
    "description": "A non-negative whole number, or digits with comma thousands separators.",
    "anyOf": [
        {"type": "integer", "minimum": 0},
        {"type": "string", "pattern": "^(0|[1-9][0-9]*|[1-9][0-9]{0,2}(,[0-9]{3})+)$"},
    ],
}
_NAMES = {"type": "array", "items": _NAME, "uniqueItems": True}
_THRESHOLD = {
    "type": "string",
    "description": '">" or ">=" and a percentage or fraction: ">50%", ">=35%", ">=2/3"; or "majority".',
    "pattern": r"^\s*(majority|(>=|>|=>|≥)\s*([0-9]+(\.[0-9]+)?|\.[0-9]+)\s*%|(>=|>|=>|≥)\s*[0-9]+\s*/\s*[0-9]+)\s*$",
}


_LIMIT = {"anyOf": [{"type": "integer", "minimum": 0}, {"enum": ["unlimited", "all"]}]}
_OPTIONS = {
    "type": "object",
    "additionalProperties": False,
    "description": "Ranked-choice counting options (see README.md, Ranked-choice).",
    "properties": {
        "overvote": {
            "enum": ["exhaust", "skip", "exhaust_if_multiple_continuing"],
            "description": "At an overvote the ballot stops counting, skips to the next rank, or stops only when"
            " two or more of the candidates marked there are continuing (exhaust_if_multiple_continuing:"
            " an electcli extension).",
        },
        "max_skipped": {**_LIMIT, "description": "Consecutive skipped ranks tolerated (or 'unlimited')."},
        "duplicate": {"enum": ["skip", "exhaust"]},
        "max_rankings": {**_LIMIT, "description": "Ranks read per ballot (or 'all')."},
        "batch_elimination": {"type": "boolean"},
        "batch_elimination_if_equal": {
            "type": "boolean",
            "description": "With batch elimination, candidates whose votes together equal the next"
            " candidate's are out too: they could tie, not surpass (New York City).",
        },
        "continue_until_two": {"type": "boolean"},
        "first_round_determines_threshold": {
            "type": "boolean",
            "description": "irv: the votes needed to win are fixed by the first round (Minneapolis).",
        },
        "quota": {"enum": ["droop", "hare"]},
    },
}


def _ballots() -> dict[str, Any]:
    """Ranked-choice ballots: inline rankings, cast-vote-record files, or a list of both."""
    rank = {
        "anyOf": [
            {**_NAME, "description": 'A candidate\'s name; "" for a skipped rank.'},
            {"type": "array", "items": _NAME, "description": "Names marked at the same rank: an overvote."},
        ]
    }
    ranking = {
        "type": "object",
        "additionalProperties": False,
        "required": ["ranking"],
        "properties": {"ranking": {"type": "array", "items": rank}, "count": _COUNT},
    }
    column = {"type": "integer", "minimum": 1}
    cvr_file = {
        "type": "object",
        "additionalProperties": False,
        "required": ["file"],
        "properties": {
            "file": {"type": "string", "description": "A cast-vote-record file, relative to the race file."},
            "format": {"enum": ["csv", "cdf", "nist_json", "ess", "dominion", "hart", "clearBallot"]},
            "contest_id": _NAME,
            "first_vote_column": column,
            "first_vote_row": column,
            "id_column": column,
            "batch_column": column,
            "precinct_column": column,
            "overvote_delimiter": {"type": "string"},
            "overvote_label": _NAME,
            "skipped_rank_label": _NAME,
            "undeclared_write_in_label": _NAME,
            "treat_blank_as_undeclared_write_in": {"type": "boolean"},
        },
    }
    return {
        "anyOf": [
            cvr_file,
            {"type": "array", "minItems": 1, "items": {"anyOf": [ranking, cvr_file]}},
        ]
    }


def _preset_options(name: str, written: Mapping[str, object]) -> dict[str, Any]:
    """A ranked-choice preset's options (as race files write them): repeated as fixed, or left out."""
    return {
        "if": {"required": ["rule"], "properties": {"rule": {"const": name}}},
        "then": {"properties": {"options": {"properties": {key: {"const": value} for key, value in written.items()}}}},
    }


def race_file_schema(
    presets: list[str] | None = None, fixed_options: Mapping[str, Mapping[str, object]] | None = None
) -> dict[str, Any]:
    """The schema; ``presets`` are extra rule names that expand to a jurisdiction's rule, and
    ``fixed_options`` the options a ranked-choice preset fixes, as race files write them (a file
    may repeat, not change them)."""
    rule_names = [*METHODS, *RANKED_METHODS, *(presets or [])]
    candidate = {
        "type": "object",
        "additionalProperties": False,
        "required": ["name"],
        "properties": {
            "name": _NAME,
            "party": _NAME,
            "votes": _COUNT,
            "write_in": {"type": "boolean", "description": "A declared write-in candidate, who can win."},
            "aliases": {**_NAMES, "description": "Ranked-choice: other spellings a CVR file uses for the candidate."},
        },
    }
    choice = {
        "type": "object",
        "additionalProperties": False,
        "required": ["name"],
        "properties": {"name": {"enum": ["Yes", "No", True, False]}, "votes": _COUNT},
    }
    unit = {"type": "object", "additionalProperties": _COUNT, "description": "Candidate name (or write_ins) to votes."}
    contest = {
        "type": "object",
        "additionalProperties": False,
        "required": ["name"],
        "oneOf": [{"required": ["candidates"]}, {"required": ["choices"]}],
        "properties": {
            "name": _NAME,
            "seats": {"type": "integer", "minimum": 1, "description": "How many are elected (vote for N)."},
            "rule": {
                "anyOf": [
                    {"enum": rule_names},
                    {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["method"],
                        "properties": {
                            "method": {"enum": rule_names},
                            "threshold": _THRESHOLD,
                            "advance": {"type": "integer", "minimum": 1},
                        },
                    },
                ]
            },
            "candidates": {"type": "array", "minItems": 1, "items": candidate},
            "choices": {"type": "array", "minItems": 2, "maxItems": 2, "items": choice},
            "write_ins": _COUNT,
            "results": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "by": _NAME,
                    "units": {"type": "object", "minProperties": 1, "additionalProperties": unit},
                    "file": {
                        "type": "string",
                        "description": "A CSV counts file with the header unit,candidate,votes.",
                    },
                },
                "oneOf": [{"required": ["units"]}, {"required": ["file"]}],
            },
            "tiebreak": {
                "anyOf": [
                    {**_NAMES, "description": "The order decided by lot, first preferred."},
                    {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["random"],
                        "properties": {"random": {**_COUNT, "description": "Ranked-choice: a seeded draw."}},
                    },
                ]
            },
            "ballots": _ballots(),
            "options": _OPTIONS,
            "recount": {
                "type": "string",
                "pattern": r"^\s*(<=|<|=<|≤)\s*(([0-9]+(\.[0-9]+)?|\.[0-9]+)\s*%|[0-9][0-9,]*)\s*$",
            },
            "reporting": {
                "type": "object",
                "additionalProperties": False,
                "required": ["reported", "expected"],
                "description": "How much of the count is in; while reported < expected no one is called.",
                "properties": {"reported": _COUNT, "expected": _COUNT},
            },
            "outstanding": {**_COUNT, "description": "An upper bound on ballots still to be counted."},
            "expected": {
                "type": "object",
                "additionalProperties": False,
                "minProperties": 1,
                "properties": {
                    "outcome": {"enum": ["winner", "runoff", "advance", "tie", "pass", "fail", "leading"]},
                    "leaders": {**_NAMES, "description": "With outcome leading: who is ahead, in order."},
                    "winners": _NAMES,
                    "advancing": _NAMES,
                    "tied": _NAMES,
                    "recount": {"type": "boolean"},
                },
            },
        },
    }
    if fixed_options:
        contest["allOf"] = [_preset_options(name, fixed) for name, fixed in fixed_options.items()]
    election = {
        "type": "object",
        "additionalProperties": False,
        "properties": {"name": _NAME, "date": {"type": ["string", "number"]}, "jurisdiction": _NAME},
    }
    single = {**contest, "properties": {**contest["properties"], "election": election}}  # type: ignore[dict-item]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "electcli race file",
        "description": "One election with one or more contests (see README.md).",
        "anyOf": [
            {
                "type": "object",
                "additionalProperties": False,
                "required": ["contests"],
                "properties": {"election": election, "contests": {"type": "array", "minItems": 1, "items": contest}},
            },
            single,
        ],
    }
