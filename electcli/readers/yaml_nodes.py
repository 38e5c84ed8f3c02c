"""Read YAML as a tree of nodes that remember where they are, and check its shape.

libyaml's parser and composer (``yaml.compose`` with ``CBaseLoader``) build the node tree in C.
The base resolver reads every scalar as text, so ``Yes``, ``Null``, ``0x1F`` and ``2020`` stay
exactly as written and the race-file reader decides what each value means. Nothing here ever
constructs Python objects from tags, so no tag can run code.
"""

from __future__ import annotations

from collections.abc import Collection

import yaml

from electcli.errors import InputError, Location
from electcli.suggest import key_hint
from electcli.values import parse_count

Node = yaml.Node
ScalarNode = yaml.ScalarNode
MappingNode = yaml.MappingNode
SequenceNode = yaml.SequenceNode

_Loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


def compose(text: str, file: str) -> Node | None:
    """Parse YAML text into a node tree; ``None`` for an empty document."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
        problem = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        if "expected a single document" in problem:
            raise InputError(
                where,
                "holds more than one YAML document (a second '---')",
                "a race file is one document; put every contest in its `contests:` list",
            ) from None
        raise InputError(where, f"is not valid YAML: {problem}", _yaml_hint(problem)) from None
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        raise InputError(Location(file), f"is not valid YAML: {exc}") from None


def _yaml_hint(problem: str) -> str:
    if "tab" in problem:
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return "a value containing ': ' must be quoted, or a key is mis-indented"
    if "could not find expected ':'" in problem or "simple key" in problem:
        return "check the indentation and that each key is followed by ': '"
    return "check the indentation, quotes and brackets around this place"


def describe(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return f"{node.value!r}" if node.value else "empty"


class NodeReader:
    """Shape checks on one file's nodes, producing errors that point into that file."""

    def __init__(self, file: str) -> None:
        self.file = file
        # ids of lists and mappings already read: one seen twice came through a YAML alias.
        self._seen: set[int] = set()

    def where(self, node: Node) -> Location:
        mark = node.start_mark
        return Location(self.file, mark.line + 1, mark.column + 1)

    def error(self, node: Node, problem: str, hint: str = "") -> InputError:
        return InputError(self.where(node), problem, hint)

    def _first_visit(self, node: Node, what: str) -> None:
        key = id(node)
        if key in self._seen:
            raise self.error(
                node,
                f"{what} repeats a list or mapping through a YAML alias (*name)",
                "aliases of lists and mappings are not allowed in race files; write the values out",
            )
        self._seen.add(key)

    def mapping(
        self,
        node: Node,
        what: str,
        allowed: Collection[str],
        required: Collection[str] = (),
    ) -> dict[str, tuple[ScalarNode, Node]]:
        """A mapping's entries by key; unknown, duplicate and missing keys are errors."""
        if not isinstance(node, MappingNode):
            raise self.error(
                node,
                f"{what} must be a mapping of keys to values, not {describe(node)}",
                f"allowed keys: {', '.join(allowed)}",
            )
        self._first_visit(node, what)
        entries: dict[str, tuple[ScalarNode, Node]] = {}
        for key_node, value_node in node.value:
            key = self.key(key_node, what)
            if key in entries:
                first = self.where(entries[key][0])
                raise self.error(
                    key_node,
                    f"duplicate key {key!r} in {what} (first given at line {first.line})",
                    "give each key once",
                )
            if key not in allowed:
                raise self.error(key_node, f"unknown key {key!r} in {what}", key_hint(key, allowed))
            entries[key] = (key_node, value_node)
        for key in required:
            if key not in entries:
                raise self.error(node, f"{what} has no {key!r}", f"add `{key}:`")
        return entries

    def key(self, node: Node, what: str) -> str:
        if not isinstance(node, ScalarNode):
            raise self.error(
                node, f"a key in {what} is {describe(node)}, not text", "keys are plain words such as `name:`"
            )
        if node.value == "<<" and node.style is None:
            raise self.error(node, f"YAML merge keys (<<) are not supported in {what}", "write the keys out")
        return str(node.value)

    def sequence(self, node: Node, what: str) -> list[Node]:
        if not isinstance(node, SequenceNode):
            raise self.error(
                node,
                f"{what} must be a list, not {describe(node)}",
                "write a list with one `- ` item per line, or [a, b]",
            )
        self._first_visit(node, what)
        return list(node.value)

    def text(self, node: Node, what: str) -> str:
        """A name or label: any scalar, read exactly as written, not empty, not padded."""
        if not isinstance(node, ScalarNode):
            raise self.error(
                node, f"{what} must be text, not {describe(node)}", "quote it if it contains ': ' or starts with [ or {"
            )
        value = str(node.value)
        if not value.strip():
            raise self.error(node, f"{what} is empty", f"give the {what}")
        if value != value.strip():
            raise self.error(node, f"{what} {value!r} has spaces at its start or end", f"write {value.strip()!r}")
        return value

    def count(self, node: Node, what: str = "vote count") -> int:
        if not isinstance(node, ScalarNode):
            raise self.error(
                node, f"{what} must be a number, not {describe(node)}", "a vote count is a whole number such as 239616"
            )
        return parse_count(node.value, self.where(node), what)

    def flag(self, node: Node, what: str) -> bool:
        if isinstance(node, ScalarNode) and node.value in ("true", "false"):
            return bool(node.value == "true")
        raise self.error(node, f"{what} must be true or false, not {describe(node)}", "write true or false")

    def names(self, node: Node, what: str) -> list[tuple[str, Node]]:
        """A list of names (each with its node), with no name given twice."""
        names: list[tuple[str, Node]] = []
        seen: set[str] = set()
        for item in self.sequence(node, what):
            name = self.text(item, f"a name in {what}")
            if name in seen:
                raise self.error(item, f"{name!r} is given twice in {what}", "name each candidate once")
            seen.add(name)
            names.append((name, item))
        return names
