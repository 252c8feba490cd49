"""The lexer finds every SERVICE target, dataset clause and update, however the query hides it."""

from __future__ import annotations

import pytest

from fpkg.endpoint.lexer import inspect

EVIL = "http://127.0.0.1:9/sparql"


@pytest.mark.parametrize(
    "query",
    [
        f"SELECT * WHERE {{ SERVICE <{EVIL}> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{EVIL}> {{ ?s ?p ?o }} }}",
        "PREFIX e: <http://127.0.0.1:9/> SELECT * { SERVICE e:sparql { ?s ?p ?o } }",
        f"SELECT * {{ ?s ?p ?o # comment\n SERVICE<{EVIL}>{{?a ?b ?c}} }}",
        f'SELECT * {{ ?s ?p "x}}" . SERVICE <{EVIL}> {{ ?a ?b ?c }} }}',
        f"SELECT * {{ ?s ?p '''a\n'b''' . SERVICE <{EVIL}> {{ ?a ?b ?c }} }}",
        "SELECT * { SERVICE <http://127.0.0.1:9/\\u0073parql> { ?s ?p ?o } }",
        f"SELECT * {{ \\u0053ERVICE <{EVIL}> {{ ?s ?p ?o }} }}",
        "PREFIX e: <http://127.0.0.1:9/> SELECT * { SERVICE e:sp\\~arql { ?s ?p ?o } }",
    ],
)
def test_service_targets_are_found(query):
    info = inspect(query)
    assert any(iri.startswith("http://127.0.0.1:9/") for iri in info.services), info


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * { SERVICE ?endpoint { ?s ?p ?o } }",
        "BASE <http://127.0.0.1:9/> SELECT * { SERVICE <sparql> { ?s ?p ?o } }",
        "SELECT * { SERVICE undeclared:x { ?s ?p ?o } }",
        "SELECT * { SERVICE }",
    ],
)
def test_service_targets_that_are_no_absolute_iri_are_reported(query):
    assert inspect(query).unresolved_services


@pytest.mark.parametrize(
    "query",
    [
        'SELECT * { ?s ?p "SERVICE <http://127.0.0.1:9/> { }" }',
        "SELECT * { ?s ?p ?o } # SERVICE <http://127.0.0.1:9/> { }",
        "PREFIX service: <http://x/> SELECT * { ?s service:p ?service }",
        "SELECT * { ?s <http://x/SERVICE> ?o }",
    ],
)
def test_no_service_where_there_is_none(query):
    info = inspect(query)
    assert info.services == [] and info.unresolved_services == []


@pytest.mark.parametrize(
    ("query", "form", "update"),
    [
        ("PREFIX a: <http://a/> BASE <http://b/> select * { ?s ?p ?o }", "SELECT", False),
        ("ASK {}", "ASK", False),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT", False),
        ("DESCRIBE <http://a>", "DESCRIBE", False),
        ("INSERT DATA { <a:a> <a:b> <a:c> }", "INSERT", True),
        ("PREFIX a: <http://a/> DELETE WHERE { ?s ?p ?o }", "DELETE", True),
        ("LOAD <http://127.0.0.1:9/data.ttl>", "LOAD", True),
        ("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH", True),
        ("DROP ALL", "DROP", True),
        ("nonsense", None, False),
    ],
)
def test_form_and_updates(query, form, update):
    info = inspect(query)
    assert info.form == form and info.is_update is update


def test_dataset_clauses():
    assert inspect("SELECT * FROM <http://g> { ?s ?p ?o }").has_dataset_clause
    assert inspect("SELECT * FROM NAMED <http://g> { ?s ?p ?o }").has_dataset_clause
    assert not inspect("SELECT * { ?s <http://x/from> ?o }").has_dataset_clause


@pytest.mark.parametrize(
    "query, nesting",
    [
        ("ASK {}", 1),
        ("SELECT * WHERE { { ?s ?p ?o FILTER((?o > 1)) } }", 4),
        ("SELECT * WHERE { ?s ?p '{{{{((((' } # {{{{{{{{", 1),
        ('SELECT * WHERE { ?s ?p """{\n{{{""" }', 1),
        ("SELECT * WHERE { ?s ?p ( [ ?q ( 1 ) ] ) }", 4),
        ("SELECT * WHERE " + "{" * 300 + "}" * 300, 300),
    ],
)
def test_nesting_counts_brackets_outside_strings_and_comments(query, nesting):
    assert inspect(query).nesting == nesting
