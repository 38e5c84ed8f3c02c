"""An RCTab configuration's ``cvrFileSources``, as ``CvrSource``s for electcli's CVR readers.

Checked as RCTab's ContestConfig checks them: a path (relative to the configuration's folder)
that exists and is not named twice; a known provider; the column and row settings that the
ES&S and generic CSV providers need (and others must leave blank); a contest id for the
providers whose files hold several contests; overvote settings that fit the overvote rule; and
labels that do not clash with one another or with a candidate.

Older configurations kept the overvote, undervote and undeclared write-in labels (and
``treatBlankAsUndeclaredWriteIn``) in ``rules``; as RCTab's ContestConfigMigration does, they
apply to every source that does not set its own. A source's old ``undervoteLabel`` is its
``skippedRankLabel``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from electcli.ranked.rules import EXHAUST_IF_MULTIPLE_CONTINUING, RankedRules
from electcli.readers.cvr.files import file_identity
from electcli.readers.cvr.source import CvrSource, quoted
from electcli.readers.named_paths import check_inside
from electcli.readers.rctab.values import ConfigValues, JsonPath

# RCTab provider (and the labels its documentation once gave) -> electcli reader (cvr.READERS)
PROVIDERS = {
    "cdf": "cdf",
    "CDF": "cdf",
    "ess": "ess",
    "ES&S": "ess",
    "dominion": "dominion",
    "Dominion": "dominion",
    "hart": "hart",
    "Hart": "hart",
    "clearBallot": "clearBallot",
    "Clear Ballot": "clearBallot",
    "genericCsv": "csv",
    "CSV": "csv",
}
FOLDER_PROVIDERS = ("dominion", "hart")  # their exports are folders of files
COLUMN_PROVIDERS = ("ess", "csv")  # read by row and column
CONTEST_PROVIDERS = ("cdf", "dominion", "hart", "clearBallot")  # files with several contests
COLUMN_KEYS = ("firstVoteColumnIndex", "firstVoteRowIndex", "idColumnIndex", "batchColumnIndex", "precinctColumnIndex")
# RCTab: a delimiter with a backslash, or made only of letters, digits, spaces and . ' , - " is refused
BAD_DELIMITER = re.compile(r".*\\.*|[a-zA-Z0-9.',\-\"\s]+", re.DOTALL)
RESERVED = ("exhausted", "residual surplus")  # RCTab's own words in its results (TallyTransfers)
MIGRATED_LABELS = (
    ("overvoteLabel", "overvoteLabel"),
    ("undervoteLabel", "skippedRankLabel"),
    ("undeclaredWriteInLabel", "undeclaredWriteInLabel"),
)


def read_cvr_sources(
    values: ConfigValues,
    document: dict[str, Any],
    folder: Path,
    rules: RankedRules,
    rules_section: dict[str, Any],
    candidate_spellings: set[str],
) -> tuple[CvrSource, ...]:
    entries = values.entries(document, "cvrFileSources")
    if not entries:
        raise values.error(
            ("cvrFileSources",),
            "the configuration names no cast vote record file",
            "list at least one source under cvrFileSources",
        )
    sources: list[CvrSource] = []
    seen: dict[tuple[int, int] | str, int] = {}
    for number, entry in enumerate(entries):
        source = _source(values, entry, ("cvrFileSources", number), folder, rules, rules_section, candidate_spellings)
        resolved = file_identity(source.path)  # hard and symbolic links, other spellings: one file
        if resolved in seen:
            raise values.error(
                ("cvrFileSources", number, "filePath"),
                f"source {number + 1} reads {source.path}, which source {seen[resolved] + 1} already reads",
                "name each file once: its ballots would be counted twice",
            )
        seen[resolved] = number
        sources.append(source)
    return tuple(sources)


def _source(
    values: ConfigValues,
    entry: dict[str, Any],
    path: JsonPath,
    folder: Path,
    rules: RankedRules,
    rules_section: dict[str, Any],
    candidate_spellings: set[str],
) -> CvrSource:
    text = values.text_value
    given = text(entry, path, "provider")
    if given is None or given not in PROVIDERS:
        shown = "no provider" if given is None else f"provider {given!r}"
        raise values.error(
            (*path, "provider"),
            f"source {_number(path)} has {shown}",
            "use one of: cdf, clearBallot, dominion, ess, genericCsv, hart",
        )
    provider = PROVIDERS[given]
    file_path = text(entry, path, "filePath")
    if file_path is None:
        raise values.error(path, "a source has no filePath", "give the cast vote record file (or folder) to read")
    # relative to the configuration's folder; "../_shared/x" shown as the file it is
    resolved = Path(os.path.normpath(Path(file_path) if Path(file_path).is_absolute() else folder / file_path))
    try:
        os.stat(resolved)
        check_inside(str(resolved), str(folder), file_path, values.where((*path, "filePath")))
    except FileNotFoundError:
        raise values.error(
            (*path, "filePath"),
            f"cast vote record file not found: {quoted(str(resolved))}",
            "a relative filePath starts from the configuration file's folder",
        ) from None
    except (OSError, ValueError) as exc:  # a name too long, a NUL in it, a loop of links...
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else "it holds a NUL character"
        raise values.error(
            (*path, "filePath"), f"filePath {quoted(file_path)} cannot be used: {why}", "give the CVR file's path"
        ) from None
    if resolved.is_dir() and provider not in FOLDER_PROVIDERS:
        raise values.error(
            (*path, "filePath"),
            f"filePath {file_path!r} is a folder ({resolved}), but a {given} source is one file",
            "name the cast vote record file itself (a relative filePath starts from the configuration file's folder)",
        )
    if provider == "cdf" and resolved.suffix.lower() not in (".json", ".xml"):
        raise values.error((*path, "filePath"), f"{file_path!r} is neither .json nor .xml", "a CDF file is JSON or XML")
    columns = _columns(values, entry, path, provider)
    contest = text(entry, path, "contestId")
    if provider in CONTEST_PROVIDERS and contest is None:
        raise values.error(
            path, f"a {given} source needs a contestId", "name the contest to count, as the file names it"
        )
    if provider not in CONTEST_PROVIDERS and contest is not None:
        raise values.error((*path, "contestId"), f"a {given} source has a single contest: leave contestId blank", "")
    labels = _labels(values, entry, path, rules_section)
    delimiter = text(entry, path, "overvoteDelimiter")
    _check_overvote(values, path, provider, given, rules, labels["overvoteLabel"], delimiter)
    blank_is_write_in = values.flag(entry, path, "treatBlankAsUndeclaredWriteIn") or values.flag(
        rules_section, ("rules",), "treatBlankAsUndeclaredWriteIn"
    )
    if blank_is_write_in and provider not in COLUMN_PROVIDERS:
        raise values.error(
            (*path, "treatBlankAsUndeclaredWriteIn"),
            f"treatBlankAsUndeclaredWriteIn is for ES&S and CSV sources, not {given}",
            "set it to false",
        )
    _check_labels(values, path, labels, candidate_spellings)
    return CvrSource(
        path=resolved,
        file_path=file_path,
        provider=provider,
        location=values.where(path),
        contest_id=contest,
        first_vote_column=columns["firstVoteColumnIndex"],
        first_vote_row=columns["firstVoteRowIndex"],
        id_column=columns["idColumnIndex"],
        batch_column=columns["batchColumnIndex"],
        precinct_column=columns["precinctColumnIndex"],
        overvote_delimiter=delimiter,
        overvote_label=labels["overvoteLabel"],
        skipped_rank_label=labels["skippedRankLabel"],
        undeclared_write_in_label=labels["undeclaredWriteInLabel"],
        treat_blank_as_undeclared_write_in=blank_is_write_in,
        max_rankings=rules.max_rankings,
    )


def _number(path: JsonPath) -> int:
    """The source's number from 1, for messages."""
    return path[-1] + 1 if isinstance(path[-1], int) else 1


def _columns(values: ConfigValues, entry: dict[str, Any], path: JsonPath, provider: str) -> dict[str, int | None]:
    found: dict[str, int | None] = {}
    for key in COLUMN_KEYS:
        if provider in COLUMN_PROVIDERS:
            required = key in ("firstVoteColumnIndex", "firstVoteRowIndex")
            high = 100_000 if key == "firstVoteRowIndex" else 1000
            found[key] = values.integer(entry, path, key, 1, high, required)
        else:
            if values.text_value(entry, path, key) is not None:
                raise values.error((*path, key), f"{key} is only for ES&S and CSV sources", "leave it blank")
            found[key] = None
    return found


def _labels(
    values: ConfigValues, entry: dict[str, Any], path: JsonPath, rules_section: dict[str, Any]
) -> dict[str, str | None]:
    labels: dict[str, str | None] = {
        "overvoteLabel": values.text_value(entry, path, "overvoteLabel"),
        "skippedRankLabel": values.text_value(entry, path, "skippedRankLabel")
        or values.text_value(entry, path, "undervoteLabel"),
        "undeclaredWriteInLabel": values.text_value(entry, path, "undeclaredWriteInLabel"),
    }
    for old, new in MIGRATED_LABELS:
        if labels[new] is None:
            labels[new] = values.text_value(rules_section, ("rules",), old)
    return labels


def _check_overvote(
    values: ConfigValues,
    path: JsonPath,
    provider: str,
    given: str,
    rules: RankedRules,
    label: str | None,
    delimiter: str | None,
) -> None:
    if label is not None and rules.overvote == EXHAUST_IF_MULTIPLE_CONTINUING:
        raise values.error(
            (*path, "overvoteLabel"),
            "with an overvote label the candidates of an overvote are unknown, so exhaustIfMultipleContinuing cannot apply",
            'use overvoteRule "alwaysSkipToNextRank" or "exhaustImmediately", or an overvoteDelimiter',
        )
    if delimiter is None:
        if provider == "ess" and rules.overvote == EXHAUST_IF_MULTIPLE_CONTINUING:
            raise values.error(
                path,
                "exhaustIfMultipleContinuing needs an ES&S source's overvoteDelimiter",
                'set overvoteDelimiter to what separates the names in an overvoted cell, e.g. "|"',
            )
        return
    if provider not in COLUMN_PROVIDERS:
        raise values.error((*path, "overvoteDelimiter"), f"overvoteDelimiter is not for {given} sources", "")
    if BAD_DELIMITER.fullmatch(delimiter):
        raise values.error(
            (*path, "overvoteDelimiter"),
            f"overvoteDelimiter {delimiter!r} could be part of a name",
            "use a mark no name contains, e.g. | or //, without a backslash",
        )
    if label is not None:
        raise values.error(
            (*path, "overvoteDelimiter"), "a source has both an overvoteDelimiter and an overvoteLabel", "keep one"
        )


def _check_labels(
    values: ConfigValues, path: JsonPath, labels: dict[str, str | None], candidate_spellings: set[str]
) -> None:
    seen: dict[str, str] = {}
    lowered = {spelling.lower() for spelling in candidate_spellings}
    for key, label in labels.items():
        if label is None:
            continue
        folded = label.lower()
        if folded in RESERVED:
            raise values.error((*path, key), f"{key} {label!r} is a word RCTab reserves", "choose another label")
        if folded in seen:
            raise values.error((*path, key), f"{key} {label!r} is also the {seen[folded]}", "give each its own label")
        if folded in lowered:
            raise values.error((*path, key), f"{key} {label!r} is also a candidate's name or alias", "rename one")
        seen[folded] = key
