"""``electcli check`` reports: plain text for people, JSON for scripts, JUnit XML for CI systems,
and GitHub Actions annotations that point at the failing file and line."""

from __future__ import annotations

import json

from electcli.check import FAILED, PASSED, UNCHECKED, Entry, Report
from electcli.errors import ElectcliError, InputError
from electcli.present.safe_text import escaped, escaped_lines


def shown(value: object) -> str:
    """An expected or actual value as text; names' control characters escaped (present/safe_text.py)."""
    if isinstance(value, list):
        return "[" + ", ".join(escaped(str(item)) for item in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return escaped(str(value))


def _mismatch_lines(entry: Entry) -> list[str]:
    order = _RANKED_ORDER if entry.ranked else _ORDER
    return [
        f"{m.field}{order.get(m.field, '')}: expected {shown(m.expected)}, got {shown(m.actual)}"
        for m in entry.mismatches
    ]


# How each list is compared (shared/spec/race-file.md): in finishing order, except `tied`.
_ORDER = {"winners": " (in finishing order)", "advancing": " (in finishing order)", "tied": " (in any order)"}
# A ranked-choice count's winners are listed in the order elected (README, "Ranked-choice").
_RANKED_ORDER = {**_ORDER, "winners": " (in the order elected)"}


def summary(report: Report) -> str:
    checked = report.count(PASSED) + report.count(FAILED)
    contests = "contest" if checked == 1 else "contests"
    files = "file" if report.files == 1 else "files"
    return (
        f"checked {checked} {contests} in {report.files} {files}: {report.count(PASSED)} passed, "
        f"{report.count(FAILED)} failed, {report.count(UNCHECKED)} unchecked, {len(report.errors)} invalid"
    )


def text_lines(report: Report) -> list[str]:
    """The report for people, one line per contest (mismatches indented under a failure)."""
    lines = []
    for entry in report.entries:
        file, contest = escaped(entry.file), escaped(entry.contest)
        if entry.status == PASSED:
            lines.append(f"PASS {file}: {contest}")
        elif entry.status == FAILED:
            lines.append(f"FAIL {escaped(str(entry.location))}: {contest}")
            lines += [f"  {line}" for line in _mismatch_lines(entry)]
    lines += [
        f"UNCHECKED {escaped(entry.file)}: {escaped(entry.contest)} (no expected block)"
        for entry in report.entries
        if entry.status == UNCHECKED
    ]
    return lines


def _error_record(error: ElectcliError) -> dict[str, object]:
    if isinstance(error, InputError):
        where = error.location
        return {
            "file": where.file,
            "line": where.line or None,
            "column": where.column or None,
            "problem": error.problem,
            "hint": error.hint or None,
        }
    return {"file": None, "line": None, "column": None, "problem": str(error), "hint": None}


def to_json(report: Report) -> str:
    document = {
        "summary": {
            "files": report.files,
            "passed": report.count(PASSED),
            "failed": report.count(FAILED),
            "unchecked": report.count(UNCHECKED),
            "invalid": len(report.errors),
        },
        "contests": [
            {
                "file": entry.file,
                "contest": entry.contest,
                "status": entry.status,
                "line": entry.location.line or None,
                "column": entry.location.column or None,
                "mismatches": [
                    {"field": m.field, "expected": m.expected, "actual": m.actual} for m in entry.mismatches
                ],
            }
            for entry in report.entries
        ],
        "errors": [_error_record(error) for error in report.errors],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def to_junit(report: Report) -> str:
    """JUnit XML: one test case per contest; unchecked contests are skipped, invalid files errors."""
    import xml.etree.ElementTree as ET

    suite = ET.Element(
        "testsuite",
        name="electcli check",
        tests=str(len(report.entries) + len(report.errors)),
        failures=str(report.count(FAILED)),
        errors=str(len(report.errors)),
        skipped=str(report.count(UNCHECKED)),
    )
    for entry in report.entries:
        # XML 1.0 cannot hold most control characters at all: escaped, the report stays well-formed
        case = ET.SubElement(
            suite,
            "testcase",
            classname=escaped(entry.file),
            name=escaped(entry.contest),
            file=escaped(entry.location.file),
            line=str(entry.location.line),
        )
        if entry.status == FAILED:
            details = _mismatch_lines(entry)
            failure = ET.SubElement(case, "failure", message="; ".join(details), type="expectation")
            failure.text = f"{escaped(str(entry.location))}: {escaped(entry.contest)}\n" + "\n".join(details)
        elif entry.status == UNCHECKED:
            ET.SubElement(case, "skipped", message="no expected block")
    for error in report.errors:
        record = _error_record(error)
        classname = escaped(str(record["file"] or "electcli"))
        case = ET.SubElement(suite, "testcase", classname=classname, name="invalid input")
        element = ET.SubElement(case, "error", message=escaped(str(record["problem"])), type="invalid-input")
        element.text = escaped_lines(str(error))
    suites = ET.Element(
        "testsuites",
        name="electcli",
        tests=suite.get("tests", "0"),
        failures=suite.get("failures", "0"),
        errors=suite.get("errors", "0"),
    )
    suites.append(suite)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotations(report: Report) -> list[str]:
    """Workflow commands (``::error file=...,line=...::message``) for failures and invalid files."""
    lines = []
    for entry in report.entries:
        if entry.status != FAILED:
            continue
        where = entry.location
        message = f"{entry.contest}: " + "; ".join(_mismatch_lines(entry))
        lines.append(
            f"::error file={_escape_property(where.file)},line={where.line},col={where.column},title={_escape_property('electcli check')}::{_escape_data(message)}"
        )
    for error in report.errors:
        record = _error_record(error)
        props = [f"file={_escape_property(str(record['file']))}"] if record["file"] else []
        props += [f"line={record['line']}"] if record["line"] else []
        props += [f"col={record['column']}"] if record["column"] else []
        props.append(f"title={_escape_property('electcli: invalid input')}")
        lines.append(f"::error {','.join(props)}::{_escape_data(str(record['problem']))}")
    return lines
