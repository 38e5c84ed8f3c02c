"""Stream the parts of an XML file a CVR reader needs, refusing what makes XML dangerous.

CVR files come from outside and can be large, so this reads with expat directly, in chunks, and
builds small trees (``Node``) only for the elements asked for (one per ballot, say); everything
else passes by without being kept. Document type declarations are refused outright: a CVR never
needs one, and they are how entity-expansion ("billion laughs") and external-entity attacks get
in. Namespaces are dropped from names (vendors use several for the same format). Every node
remembers the line and column where it starts, so errors can point there.
"""

from __future__ import annotations

from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path

from electcli.errors import InputError, Location
from electcli.readers.cvr.files import open_regular
from electcli.readers.xml_guard import PARSE_ERRORS, Refused, guarded_parser, parse_problem

CHUNK = 1 << 16
XML_SPACE = " \t\r\n"  # XML's white space (its S production): what XML Schema values may have around them


@dataclass(slots=True, eq=False)
class Node:
    """One element: local name, attributes, text, child elements, where it starts."""

    tag: str
    attrs: dict[str, str]
    line: int
    column: int
    children: list[Node] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)  # character data, joined on demand

    @property
    def text(self) -> str:
        """The character data, without the XML whitespace around it (only that: a Unicode space
        or line separator around a value is part of it, and a rank or id holding one is refused)."""
        return "".join(self.parts).strip(XML_SPACE)

    def find(self, tag: str) -> Node | None:
        for child in self.children:
            if child.tag == tag:
                return child
        return None

    def find_all(self, tag: str) -> list[Node]:
        return [child for child in self.children if child.tag == tag]

    def find_text(self, tag: str) -> str | None:
        """The stripped text of the first child called ``tag``; None when there is none."""
        child = self.find(tag)
        return None if child is None else child.text


def _local(name: str) -> str:
    # expat gives "namespace-uri<space>local" when the name has a namespace
    return name.rsplit(" ", 1)[-1]


def iter_elements(path: Path, root: str, wanted: AbstractSet[tuple[str, ...]], shown: str) -> Iterator[Node]:
    """Yield a ``Node`` tree for each element whose path of local names from the root is in
    ``wanted`` (``("CastVoteRecordReport", "CVR")``), in document order.

    The root element must be called ``root``. Malformed XML, a DTD, or a file that cannot be read
    is an ``InputError`` naming ``shown`` and, where known, the line and column.
    """
    parser = guarded_parser(namespaces=True)
    names: list[str] = []  # local names of the open elements, root first
    building: list[Node] = []  # open elements of the subtree being built
    ready: list[Node] = []

    def here() -> Location:
        return Location(shown, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)

    def start(name: str, attrs: dict[str, str]) -> None:
        local = _local(name)
        if not names and local != root:
            raise Refused(f"the root element is <{local}>, not <{root}>")
        names.append(local)
        if building or tuple(names) in wanted:
            attributes = {_local(key): value for key, value in attrs.items()}
            node = Node(local, attributes, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)
            if building:
                building[-1].children.append(node)
            building.append(node)

    def end(_name: str) -> None:
        names.pop()
        if building:
            node = building.pop()
            if not building:
                ready.append(node)

    def data(text: str) -> None:
        if building:
            building[-1].parts.append(text)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data

    try:
        with open_regular(path, shown, "check the path in the source", "name an XML file") as handle:
            while True:
                chunk = handle.read(CHUNK)
                parser.Parse(chunk, not chunk)
                yield from ready
                ready.clear()
                if not chunk:
                    break
    except Refused as exc:
        raise InputError(here(), exc.problem, "give the CVR file as the voting system exported it") from None
    except PARSE_ERRORS as exc:
        problem, line, column = parse_problem(exc)
        raise InputError(
            Location(shown, line, column), problem, "give the CVR file as the voting system exported it"
        ) from None
    except FileNotFoundError:
        raise InputError(Location(shown), "no such file", "check the path in the source") from None
    except IsADirectoryError:
        raise InputError(Location(shown), "is a folder, not an XML file") from None
    except OSError as exc:
        raise InputError(Location(shown), f"cannot be read: {exc.strerror or exc}") from None
