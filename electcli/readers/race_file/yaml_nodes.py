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
# A mapping's entries by key: the key's node (to point at) and the value's.
Entries = dict[str, tuple[ScalarNode, Node]]

_TAGS = {
    ScalarNode: "tag:yaml.org,2002:str",
    SequenceNode: "tag:yaml.org,2002:seq",
    MappingNode: "tag:yaml.org,2002:map",
}


class _Loader(getattr(yaml, "CBaseLoader", yaml.BaseLoader)):  # type: ignore[misc]
    """libyaml's loader with the resolver reduced to what the base resolver gives anyway.

    The base resolver reads every scalar as text, but asks Python for each node's tag (and walks
    an empty path-resolver table) a million times in a large file; answering directly makes
    composing about a third faster.
    """

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        return _TAGS[kind]

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


def compose(text: str, file: str) -> Node | None:
    """Parse YAML text into a node tree; ``None`` for an empty document."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise _marked_error(exc, text, file) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        character = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise InputError(
            Location(file, line, column),
            f"contains the control character U+{ord(character):04X}, which YAML does not allow",
            'remove it, or write it as an escape inside double quotes (such as "\\x1b")',
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(Location(file), f"is not valid YAML: {exc}") from None


def _marked_error(exc: yaml.MarkedYAMLError, text: str, file: str) -> InputError:
    problem = " ".join(str(part) for part in (exc.context, exc.problem) if part)
    mark = exc.problem_mark or exc.context_mark
    context = exc.context_mark
    # At the end of the file the problem is where something was opened, not where it ran out.
    if context is not None and mark is not None and "end of stream" in problem:
        problem += f" (it was opened at line {context.line + 1}, column {context.column + 1})"
        mark = context
    where = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
    if "expected a single document" in problem:
        return InputError(
            where,
            "holds more than one YAML document (a second '---')",
            "a race file is one document; put every contest in its `contests:` list",
        )
    lines = text.splitlines()
    tabbed = (
        mark is not None
        and mark.line < len(lines)
        and "\t" in lines[mark.line][: len(lines[mark.line]) - len(lines[mark.line].lstrip())]
    )
    return InputError(
        where, f"is not valid YAML: {problem}", "indent with spaces, not tabs" if tabbed else _yaml_hint(problem)
    )


def _yaml_hint(problem: str) -> str:
    if "tab" in problem:
        return "indent with spaces, not tabs"
    if "nesting depth" in problem:
        return "lists and mappings nest at most a few levels deep in a race file"
    if "mapping values are not allowed" in problem or "expected ',' or '}'" in problem:
        return "a value containing ': ' must be quoted (name: 'Smith: Jr.'), or a key is mis-indented"
    if "could not find expected ':'" in problem or "simple key" in problem:
        return "check the indentation and that each key is followed by ': '"
    return "check the indentation, quotes and brackets around this place"


def describe(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return f"{node.value!r}" if node.value else "empty"


def _comma_hint(node: MappingNode, key_node: ScalarNode, value_node: Node, entries: Entries) -> str:
    """Inside `{ }` a comma ends an entry, so `{jurisdiction: Boston, MA}` reads `MA` as a key with
    no value: say to quote the text that held the comma. "" when that is not what happened."""
    if not node.flow_style or not entries or key_node.style or not isinstance(value_node, ScalarNode):
        return ""
    if value_node.value or value_node.style or str(key_node.value).isdigit():  # counts: key_hint says it
        return ""
    previous_key, previous_value = list(entries.values())[-1]
    if not isinstance(previous_value, ScalarNode) or previous_value.style or previous_value.value.isdigit():
        return ""
    text = f"{previous_value.value}, {key_node.value}"
    if previous_key.value in NAME_LISTS:  # quoted, the names would be one text, not a list
        return f"a list of names is written in brackets: {previous_key.value}: [{text}]"
    return f'text with a comma inside {{ }} must be quoted: {previous_key.value}: "{text}"'


# How the mappings a first race file most often writes as one value (`expected: pass`,
# `reporting: 17 of 20`) are written.
MAPPING_EXAMPLES = {
    "expected": "expected: {{outcome: {word}}} (with winners: [...] or advancing: [...] as needed)",
    "reporting": "reporting: {{reported: 17, expected: 20}} (units reported, of those expected)",
}


def _mapping_example(what: str, node: Node) -> str:
    """The example for ``what``, with the word written (`expected: pass`) where it is one."""
    word = node.value if isinstance(node, ScalarNode) and str(node.value).isidentifier() else "winner"
    return MAPPING_EXAMPLES[what].format(word=word)


# Keys of race files whose value is a list of names (expected's, a tiebreak, a candidate's aliases).
NAME_LISTS = frozenset({"winners", "advancing", "tied", "leaders", "tiebreak", "aliases"})


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

    def visit(self, node: Node, what: str) -> None:
        """Note a list or mapping as read; one read twice came through a YAML alias."""
        key = id(node)
        if key in self._seen:
            raise self.error(
                node,
                f"{what} (first written here) is repeated through a YAML alias (*name)",
                "aliases of lists and mappings are not allowed in race files; write the values out",
            )
        self._seen.add(key)

    def mapping(
        self,
        node: Node,
        what: str,
        allowed: Collection[str],
        required: Collection[str] = (),
    ) -> Entries:
        """A mapping's entries by key; unknown, duplicate and missing keys are errors."""
        if not isinstance(node, MappingNode):
            raise self.error(
                node,
                f"{what} must be a mapping of keys to values, not {describe(node)}",
                (f"write {_mapping_example(what, node)}; " if what in MAPPING_EXAMPLES else "")
                + f"allowed keys: {', '.join(allowed)}",
            )
        self.visit(node, what)
        entries: Entries = {}
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
                hint = _comma_hint(node, key_node, value_node, entries) or key_hint(key, allowed)
                raise self.error(key_node, f"unknown key {key!r} in {what}", hint)
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
        if node.value == "<<" and not node.style:  # plain, not quoted
            raise self.error(node, f"YAML merge keys (<<) are not supported in {what}", "write the keys out")
        return str(node.value)

    def sequence(self, node: Node, what: str) -> list[Node]:
        if not isinstance(node, SequenceNode):
            raise self.error(
                node,
                f"{what} must be a list, not {describe(node)}",
                "write a list with one `- ` item per line, or [a, b]",
            )
        self.visit(node, what)
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
