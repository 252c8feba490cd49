"""A SPARQL lexer, enough to tell a query's form, its dataset clauses and its SERVICE targets.

Strings, IRIs and comments are recognised exactly as the SPARQL 1.1 grammar has them, so a
keyword can neither hide in them nor be forged out of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_PN_CHARS_BASE = r"A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF"
_PN_CHARS_U = _PN_CHARS_BASE + "_"
_PN_CHARS = _PN_CHARS_U + r"\-0-9\u00B7\u0300-\u036F\u203F-\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PN_PREFIX = rf"[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"
_PN_LOCAL = (
    rf"(?:[{_PN_CHARS_U}:0-9]|{_PLX})(?:(?:[{_PN_CHARS}.:]|{_PLX})*(?:[{_PN_CHARS}:]|{_PLX}))?"
)

_TOKEN = re.compile(
    "|".join(
        [
            r"(?P<ws>\s+)",
            r"(?P<comment>#[^\r\n]*)",
            r"(?P<iri><[^<>\"{}|^`\\\x00-\x20]*>)",
            r"(?P<string>\"\"\"(?:[^\"\\]|\\.|\"(?!\"\"))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''"
            r"|\"(?:[^\"\\\r\n]|\\.)*\"|'(?:[^'\\\r\n]|\\.)*')",
            rf"(?P<pname>(?:{_PN_PREFIX})?:(?:{_PN_LOCAL})?)",
            rf"(?P<bnode>_:(?:[{_PN_CHARS_U}0-9])(?:[{_PN_CHARS}.]*[{_PN_CHARS}])?)",
            rf"(?P<var>[?$][{_PN_CHARS_U}0-9][{_PN_CHARS_U}0-9\u00B7\u0300-\u036F\u203F-\u2040]*)",
            r"(?P<lang>@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*)",
            r"(?P<word>[A-Za-z_][A-Za-z0-9_]*)",
            r"(?P<other>.)",
        ]
    ),
    re.DOTALL,
)
_UCHAR = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_ABSOLUTE = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_LOCAL_ESCAPE = re.compile(r"\\(.)")

_OPENING = frozenset("{([")
_CLOSING = frozenset("})]")

QUERY_FORMS = frozenset({"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"})
UPDATE_OPERATIONS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)


@dataclass(frozen=True)
class Token:
    """One lexical token: its kind (a group name of the lexer) and its text."""

    kind: str
    text: str

    def is_word(self, *words: str) -> bool:
        """Whether this is one of ``words``, compared as SPARQL keywords (case-insensitive)."""
        return self.kind == "word" and self.text.upper() in words


@dataclass
class QueryInfo:
    """What the safety checks and the content negotiation need to know about a request."""

    form: str | None
    """SELECT, CONSTRUCT, DESCRIBE, ASK, an update operation keyword, or None if unknown."""
    has_dataset_clause: bool = False
    services: list[str] = field(default_factory=list)
    """The absolute IRIs of the SERVICE clauses."""
    unresolved_services: list[str] = field(default_factory=list)
    """SERVICE targets that are no absolute IRI: a variable, a relative IRI, an unknown prefix."""
    nesting: int = 0
    """The deepest nesting of brackets: ``{}``, ``()`` and ``[]``."""

    @property
    def is_update(self) -> bool:
        """Whether this is a SPARQL Update request."""
        return self.form in UPDATE_OPERATIONS


def tokenize(text: str) -> list[Token]:
    """The significant tokens of ``text`` (no whitespace, no comments)."""
    return [
        Token(match.lastgroup or "other", match.group())
        for match in _TOKEN.finditer(text)
        if match.lastgroup not in ("ws", "comment")
    ]


def decode_uchars(text: str) -> str:
    """``text`` with its ``\\uXXXX`` and ``\\UXXXXXXXX`` escapes replaced by the characters."""

    def character(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group()

    return _UCHAR.sub(character, text)


def inspect(text: str) -> QueryInfo:
    """Form, dataset clauses and SERVICE targets of a query, read from its tokens.

    Codepoint escapes are read both as written and decoded, and the findings of both merged,
    so that no SERVICE slips through however an engine treats them.
    """
    info = _inspect_tokens(tokenize(text))
    decoded = decode_uchars(text)
    if decoded != text:
        other = _inspect_tokens(tokenize(decoded))
        info.has_dataset_clause |= other.has_dataset_clause
        info.services += [iri for iri in other.services if iri not in info.services]
        info.unresolved_services += other.unresolved_services
        info.nesting = max(info.nesting, other.nesting)
        if info.form is None or other.is_update:
            info.form = other.form
    return info


def _inspect_tokens(tokens: list[Token]) -> QueryInfo:
    prefixes: dict[str, str] = {}
    position = 0
    while position < len(tokens):
        token = tokens[position]
        if token.is_word("BASE"):
            position += 2
        elif token.is_word("PREFIX") and position + 2 < len(tokens):
            name, iri = tokens[position + 1], tokens[position + 2]
            if name.kind == "pname" and iri.kind == "iri":
                prefixes[name.text[:-1] if name.text.endswith(":") else name.text] = _iri(iri)
            position += 3
        else:
            break
    first = tokens[position] if position < len(tokens) else None
    form = None
    if first is not None and first.kind == "word":
        keyword = first.text.upper()
        if keyword in QUERY_FORMS or keyword in UPDATE_OPERATIONS:
            form = keyword
    info = QueryInfo(form=form)
    depth = 0
    for index, token in enumerate(tokens):
        if token.kind == "other" and token.text in _OPENING:
            depth += 1
            info.nesting = max(info.nesting, depth)
        elif token.kind == "other" and token.text in _CLOSING:
            depth -= 1
        elif token.is_word("FROM"):
            info.has_dataset_clause = True
        elif token.is_word("SERVICE"):
            _read_service(tokens, index + 1, prefixes, info)
    return info


def _read_service(
    tokens: list[Token], index: int, prefixes: dict[str, str], info: QueryInfo
) -> None:
    if index < len(tokens) and tokens[index].is_word("SILENT"):
        index += 1
    target = tokens[index] if index < len(tokens) else None
    iri = None
    if target is not None and target.kind == "iri":
        iri = _iri(target)
    elif target is not None and target.kind == "pname":
        prefix, _, local = target.text.partition(":")
        if prefix in prefixes:
            iri = prefixes[prefix] + _LOCAL_ESCAPE.sub(r"\1", local)
    if iri is not None and _ABSOLUTE.match(iri):
        info.services.append(iri)
    else:
        info.unresolved_services.append(target.text if target is not None else "")


def _iri(token: Token) -> str:
    return decode_uchars(token.text[1:-1])
