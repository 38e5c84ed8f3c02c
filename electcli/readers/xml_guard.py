"""expat parsers that refuse what makes XML dangerous: one place for every XML reader.

Document type declarations are refused outright (no input electcli reads needs one, and they are
how entity-expansion "billion laughs" and external-entity attacks get in), parameter entities are
never parsed, and text comes in whole runs. A reader's handlers raise ``Refused`` to stop at
something they do not accept; ``DTD_REFUSED`` is what a declaration raises.
"""

from __future__ import annotations

from xml.parsers import expat

DTD_REFUSED = (
    "has a document type declaration (DOCTYPE), which electcli never reads (it could expand or fetch entities)"
)


class Refused(Exception):
    """Raised inside an expat handler to stop the parse at something the reader refuses."""

    def __init__(self, problem: str, hint: str = "", line: int = 0, column: int = 0) -> None:
        super().__init__(problem)
        self.problem, self.hint, self.line, self.column = problem, hint, line, column


def _refuse_dtd(*_args: object) -> None:
    raise Refused(DTD_REFUSED)


def guarded_parser(namespaces: bool = False) -> expat.XMLParserType:
    """A new expat parser with DTDs refused (``namespaces``: names come as "uri local")."""
    parser = expat.ParserCreate(namespace_separator=" ") if namespaces else expat.ParserCreate()
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    return parser


# What expat itself raises on bad input: malformed XML, and (LookupError, ValueError) an encoding
# named in the XML declaration that Python lacks, or bytes that encoding cannot decode.
PARSE_ERRORS = (expat.ExpatError, LookupError, ValueError)


def parse_problem(exc: BaseException) -> tuple[str, int, int]:
    """What went wrong in expat's terms, with its line and column (0 where unknown)."""
    if isinstance(exc, expat.ExpatError):
        return f"is not well-formed XML: {expat.ErrorString(exc.code)}", exc.lineno, exc.offset + 1
    return f"cannot be read as XML: {str(exc)[:80]}", 1, 1
