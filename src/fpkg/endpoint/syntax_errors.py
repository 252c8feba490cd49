"""A SPARQL syntax error in plain words: where it is (line, column), what was found there and
what the query could have had instead, as one line, from Oxigraph's parser message
(``error at 1:26: expected one of LATERAL, SERVICE, [_]``)."""

from __future__ import annotations

import re

_POSITION = re.compile(r"^error at (\d+):(\d+): (.*)$", re.DOTALL)
_FOUND = re.compile(r'<[^<>\s]*>?|"[^"\n]*"?|\'[^\'\n]*\'?|[?$]?[\w-]*:?[\w.-]*|\S')
_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')
_ITEM = re.compile(r'"(?:[^"\\]|\\.)*"|\[(?:[^\]\\]|\\.)*\]|[^,\s][^,]*')
_UNHELPFUL = {"LATERAL", "SERVICE"}
"""Keywords the parser offers wherever a group may go on, rarely what a query lacks."""
_LONGEST = 30
MISSING_PREFIX = "Prefix not found"


def _items(expected: str) -> list[str]:
    """The alternatives of the parser's ``expected …`` list, in plain words, each once."""
    expected = expected.removeprefix("expected ").removeprefix("one of ")
    words: list[str] = []
    for part in _ITEM.findall(expected):
        part = " ".join(part.split())
        if part in ("[_]", MISSING_PREFIX) or part in _UNHELPFUL:
            continue
        if part.startswith("["):
            if "'0'" in part and "'A'" not in part:
                word = "a digit"
            elif "'A'" in part or "'a'" in part:
                word = "a letter"
            else:
                continue
        elif quoted := _QUOTED.fullmatch(part):
            word = f"“{quoted.group(1).encode().decode('unicode_escape')}”"
        else:
            word = part
        if word not in words:
            words.append(word)
    return words


def _found(query: str, line: int, column: int) -> str:
    """What stands at ``line``:``column`` (both from 1) of ``query``, in words."""
    lines = query.split("\n")
    if line > len(lines) or (line == len(lines) and column > len(lines[-1])):
        return "the end of the query"
    text = lines[line - 1]
    if column > len(text):
        return f"the end of line {line}"
    if text[column - 1].isspace():
        return "a space"
    token = _FOUND.match(text, column - 1)
    found = token.group(0) if token and token.group(0) else text[column - 1]
    if len(found) > _LONGEST:
        found = found[: _LONGEST - 1] + "…"
    return f"“{found}”"


def _prefix_before(query: str, line: int, column: int) -> str | None:
    """The prefix of the prefixed name that ends at ``line``:``column``, if any."""
    lines = query.split("\n")
    if line > len(lines):
        return None
    before = lines[line - 1][: column - 1]
    name = re.search(r"([A-Za-z][\w.-]*)?:[\w.-]*$", before)
    return None if name is None else (name.group(1) or "")


def plain(message: str, query: str) -> str:
    """Oxigraph's syntax error ``message`` about ``query`` as one line in plain words; the
    message as it is, on one line, if it is not of the usual form."""
    position = _POSITION.match(message.strip())
    if position is None:
        return " ".join(message.split())
    line, column, expected = int(position.group(1)), int(position.group(2)), position.group(3)
    where = f"syntax error at line {line}, column {column}"
    if MISSING_PREFIX in expected:
        prefix = _prefix_before(query, line, column)
        if prefix is not None:
            return f"{where}: the prefix “{prefix}:” is not declared: add PREFIX {prefix}: <…>"
    found = _found(query, line, column)
    items = _items(expected)
    if found == "the end of the query" and not items:
        return (
            f"{where}: the query cannot end here: check that each “{{” and “(” is closed "
            "once, each string is closed and each triple has its object"
        )
    if not items:
        return f"{where}: found {found}, which cannot come there"
    wanted = items[0] if len(items) == 1 else "one of " + ", ".join(items)
    return f"{where}: found {found} where the query needs {wanted}"
