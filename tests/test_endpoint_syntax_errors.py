"""Oxigraph's syntax errors retold in plain words: line, column, what was found, what fits."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from fpkg.endpoint.syntax_errors import plain


def error_of(query: str) -> str:
    with pytest.raises(SyntaxError) as raised:
        ox.Store().query(query)
    return plain(str(raised.value), query)


@pytest.mark.parametrize(
    ("query", "said"),
    [
        (
            "SELECT * WHERE { ?s ?p ?o } LIMIT x",
            "syntax error at line 1, column 35: found “x” where the query needs one of "
            "HAVING, OFFSET, OPTIONAL, VALUES, a digit",
        ),
        (
            "SELECT * WHERE {\n  ?s foo:bar ?o }",
            "syntax error at line 2, column 13: the prefix “foo:” is not declared: "
            "add PREFIX foo: <…>",
        ),
        (
            "SELECT * WHERE { ?s ?p ?o ",
            "syntax error at line 1, column 27: found the end of the query where the query "
            "needs one of “,”, “.”, “;”, “{”, “{|”, “}”, “~”",
        ),
        (
            "SELECT ?s WHERE { ?s ?p }",
            "syntax error at line 1, column 26: the query cannot end here: check that each "
            "“{” and “(” is closed once, each string is closed and each triple has its object",
        ),
        (
            "ASK { <a b> ?p ?o }",
            "syntax error at line 1, column 15: found a space where the query needs OPTIONAL",
        ),
    ],
)
def test_a_syntax_error_in_plain_words(query, said):
    assert error_of(query) == said


def test_the_parser_s_own_terms_are_left_out():
    said = error_of("SELECT * WHERE {\n  ?s ?p ?o . FILTER(?o > )\n}")
    assert said.startswith("syntax error at line ")
    for jargon in ("[_]", "LATERAL", "..=", "\\u{"):
        assert jargon not in said
    assert "\n" not in said


def test_a_message_of_another_form_is_kept_on_one_line():
    assert plain("something\n  else", "ASK {}") == "something else"
