"""SPARQL 1.1 Protocol conformance: methods, result formats, dataset parameters, errors."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph

from fpkg.serve import create_app

FP = "https://w3id.org/fpkg/ontology#"
GRAPH = "https://w3id.org/fpkg/graph/"
SELECT = f"SELECT ?state ?label WHERE {{ ?state a <{FP}State> ; <http://www.w3.org/2000/01/rdf-schema#label> ?label }} ORDER BY ?label LIMIT 3"
ASK = f"ASK {{ ?s a <{FP}State> }}"
CONSTRUCT = "CONSTRUCT WHERE { <https://w3id.org/fpkg/id/state/PER> ?p ?o }"
DESCRIBE = "DESCRIBE <https://w3id.org/fpkg/id/state/PER>"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
NAMED = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
SPARQL_QUERY = {"Content-Type": "application/sparql-query"}


@pytest.fixture(scope="module")
def client(root) -> Iterator[TestClient]:
    with TestClient(create_app(root / "graph", root / "queries")) as client:
        yield client


def get(client: TestClient, query: str, accept: str = "application/sparql-results+json", **params):
    return client.get("/sparql", params={"query": query, **params}, headers={"Accept": accept})


def count(response) -> int:
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def one_line_error(response, status: int, words: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text.count("\n") == 1 and words in response.text
    assert "Traceback" not in response.text


def test_get_post_form_and_post_direct_agree(client):
    accept = {"Accept": "application/sparql-results+json"}
    answers = [
        client.get("/sparql", params={"query": SELECT}, headers=accept),
        client.post("/sparql", data={"query": SELECT}, headers=accept),
        client.post("/sparql", content=SELECT.encode(), headers={**accept, **SPARQL_QUERY}),
        client.post(
            "/sparql",
            content=SELECT.encode(),
            headers={**accept, "Content-Type": "application/sparql-query; charset=UTF-8"},
        ),
    ]
    assert all(a.status_code == 200 for a in answers)
    assert len({a.content for a in answers}) == 1
    assert len(answers[0].json()["results"]["bindings"]) == 3


def test_select_in_every_result_format(client):
    as_json = get(client, SELECT).json()
    labels = [b["label"]["value"] for b in as_json["results"]["bindings"]]
    assert as_json["head"]["vars"] == ["state", "label"]
    assert as_json["results"]["bindings"][0]["label"]["xml:lang"] == "en"

    response = get(client, SELECT, "application/sparql-results+xml")
    assert response.headers["content-type"] == "application/sparql-results+xml"
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    tree = ET.fromstring(response.content)
    assert [e.text for e in tree.findall(".//r:binding[@name='label']/r:literal", ns)] == labels

    response = get(client, SELECT, "text/csv")
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == ["state", "label"] and [r[1] for r in rows[1:]] == labels

    response = get(client, SELECT, "text/tab-separated-values")
    assert response.headers["content-type"] == "text/tab-separated-values; charset=utf-8"
    lines = response.text.splitlines()
    assert lines[0] == "?state\t?label"
    assert lines[1].split("\t")[1] == f'"{labels[0]}"@en'


def test_ask_in_json_and_xml(client):
    assert get(client, ASK).json() == {"head": {}, "boolean": True}
    response = get(client, ASK, "application/sparql-results+xml")
    assert b"<boolean>true</boolean>" in response.content


@pytest.mark.parametrize("query", [CONSTRUCT, DESCRIBE])
@pytest.mark.parametrize(
    ("media_type", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_graph_results_in_every_rdf_format(client, query, media_type, rdflib_format):
    response = get(client, query, media_type)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    graph = Graph().parse(data=response.content, format=rdflib_format)
    assert len(graph) >= 3


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
        ("text/*", "text/csv"),
        ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/tab-separated-values, text/csv", "text/tab-separated-values"),
        ("application/json", "application/json"),
        (
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "application/xml",
        ),
    ],
)
def test_accept_is_negotiated(client, accept, expected):
    headers = {"Accept": accept} if accept else {}
    response = client.get("/sparql", params={"query": SELECT}, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == expected


def test_graph_results_default_to_turtle(client):
    response = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": "*/*"})
    assert response.headers["content-type"] == "text/turtle; charset=utf-8"


def test_unsupported_accept_is_406(client):
    one_line_error(get(client, SELECT, "image/png"), 406, "Accept")
    one_line_error(get(client, CONSTRUCT, "text/csv"), 406, "text/turtle")
    one_line_error(get(client, SELECT, "application/sparql-results+json;q=0"), 406, "Accept")


def test_default_graph_is_the_union_of_the_named_graphs(client):
    total = count(get(client, COUNT))
    per_graph = get(client, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert total == count(per_graph) > 20000


def test_default_graph_uri_and_named_graph_uri(client):
    catalog = count(
        get(client, f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{GRAPH}catalog> {{ ?s ?p ?o }} }}")
    )
    assert count(get(client, COUNT, **{"default-graph-uri": GRAPH + "catalog"})) == catalog
    both = client.get(
        "/sparql",
        params=[
            ("query", COUNT),
            ("default-graph-uri", GRAPH + "catalog"),
            ("default-graph-uri", GRAPH + "links"),
        ],
        headers={"Accept": "application/sparql-results+json"},
    )
    assert count(both) > catalog
    named = get(client, NAMED, **{"named-graph-uri": GRAPH + "links"}).json()
    assert [b["g"]["value"] for b in named["results"]["bindings"]] == [GRAPH + "links"]
    # Only named graphs given: the default graph is empty.
    assert count(get(client, COUNT, **{"named-graph-uri": GRAPH + "links"})) == 0
    # By POST direct, the dataset comes in the URL.
    response = client.post(
        f"/sparql?default-graph-uri={GRAPH}catalog",
        content=COUNT.encode(),
        headers={**SPARQL_QUERY, "Accept": "application/sparql-results+json"},
    )
    assert count(response) == catalog


def test_from_and_from_named_select_graphs_of_the_store(client):
    catalog = count(
        get(client, f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{GRAPH}catalog> {{ ?s ?p ?o }} }}")
    )
    assert (
        count(get(client, f"SELECT (COUNT(*) AS ?n) FROM <{GRAPH}catalog> {{ ?s ?p ?o }}"))
        == catalog
    )
    named = get(
        client, f"SELECT DISTINCT ?g FROM NAMED <{GRAPH}links> {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    )
    assert [b["g"]["value"] for b in named.json()["results"]["bindings"]] == [GRAPH + "links"]
    # The protocol's dataset overrides the query's.
    overridden = get(
        client,
        f"SELECT (COUNT(*) AS ?n) FROM <{GRAPH}links> {{ ?s ?p ?o }}",
        **{"default-graph-uri": GRAPH + "catalog"},
    )
    assert count(overridden) == catalog


def test_bad_syntax_is_400(client):
    one_line_error(get(client, "SELECT WHERE {"), 400, "bad query")
    one_line_error(get(client, "SELECT * { ?s ?p ?o } SELECT * { ?s ?p ?o }"), 400, "bad query")


def test_a_syntax_error_says_where_and_what_was_found_in_plain_words(client):
    response = get(client, "SELECT * WHERE {\n  ?s ?p ?o\n} LIMIT ten", accept="text/csv")
    one_line_error(response, 400, "bad query")
    assert response.text == (
        "bad query: syntax error at line 3, column 9: found “ten” where the query needs "
        "one of HAVING, OFFSET, OPTIONAL, VALUES, a digit\n"
    )
    response = get(client, "SELECT * WHERE {\n  ?s foaf:name ?o }", accept="text/csv")
    assert response.text == (
        "bad query: syntax error at line 2, column 15: the prefix “foaf:” is not declared: "
        "add PREFIX foaf: <…>\n"
    )


def test_several_queries_are_400(client):
    response = client.get("/sparql", params=[("query", ASK), ("query", ASK)])
    one_line_error(response, 400, "several queries")
    response = client.post("/sparql", data={"query": [ASK, ASK]})
    one_line_error(response, 400, "several queries")
    response = client.post(
        "/sparql", params={"query": ASK}, content=ASK.encode(), headers=SPARQL_QUERY
    )
    one_line_error(response, 400, "several queries")


def test_post_without_query_is_400(client):
    one_line_error(client.post("/sparql", data={"other": "x"}), 400, "no query")


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/json", "multipart/form-data; boundary=x", None]
)
def test_wrong_media_type_is_415(client, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    response = client.post("/sparql", content=ASK.encode(), headers=headers)
    one_line_error(response, 415, "Content-Type")


def test_other_charset_is_415(client):
    response = client.post(
        "/sparql",
        content=ASK.encode("latin-1"),
        headers={"Content-Type": "application/sparql-query; charset=ISO-8859-1"},
    )
    one_line_error(response, 415, "charset")


def test_non_utf8_is_400(client):
    latin = 'ASK { ?s ?p "Perú" }'.encode("latin-1")
    one_line_error(client.post("/sparql", content=latin, headers=SPARQL_QUERY), 400, "UTF-8")
    form = b"query=" + latin.replace(b" ", b"+")
    response = client.post(
        "/sparql", content=form, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    one_line_error(response, 400, "UTF-8")
    one_line_error(client.get("/sparql?query=ASK%7B%3Fs%3Fp%22Per%FA%22%7D"), 400, "UTF-8")


def test_unicode_queries_work(client):
    query = 'ASK { ?s ?p ?o FILTER(CONTAINS(STR(?o), "Guaidó")) }'
    assert get(client, query).json()["boolean"] is True
    response = client.post(
        "/sparql",
        content=query.encode(),
        headers={**SPARQL_QUERY, "Accept": "application/sparql-results+json"},
    )
    assert response.json()["boolean"] is True


def test_other_methods_are_405(client):
    assert client.put("/sparql", content=ASK.encode()).status_code == 405
    assert client.delete("/sparql").status_code == 405


def test_service_description(client):
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    graph = Graph().parse(data=response.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    names = {str(o) for s, p, o in graph if str(p) == sd + "name"}
    assert GRAPH + "catalog" in names and GRAPH + "ontology" in names
    features = {str(o) for s, p, o in graph if str(p) == sd + "feature"}
    assert sd + "UnionDefaultGraph" in features
    languages = {str(o) for s, p, o in graph if str(p) == sd + "supportedLanguage"}
    assert languages == {sd + "SPARQL11Query"}
    for media_type, fmt in [("application/rdf+xml", "xml"), ("application/ld+json", "json-ld")]:
        other = client.get("/sparql", headers={"Accept": media_type})
        assert len(Graph().parse(data=other.content, format=fmt)) == len(graph)
    html = client.get("/sparql", headers={"Accept": "text/html"})
    assert "Yasgui" in html.text


def test_cors_any_origin_without_credentials(client):
    response = client.get(
        "/sparql", params={"query": ASK}, headers={"Origin": "https://example.org"}
    )
    assert response.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in response.headers
    preflight = client.options(
        "/sparql",
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "*"


def test_json_results_are_valid_json_with_special_characters(client):
    query = 'SELECT ?x WHERE { VALUES ?x { "a \\"quoted\\" \\\\ line\\nbreak"@es <http://x/y?a=1&b=2> "1"^^<http://www.w3.org/2001/XMLSchema#integer> } }'
    bindings = json.loads(get(client, query).content)["results"]["bindings"]
    assert bindings[0]["x"] == {
        "type": "literal",
        "value": 'a "quoted" \\ line\nbreak',
        "xml:lang": "es",
    }
    assert bindings[1]["x"] == {"type": "uri", "value": "http://x/y?a=1&b=2"}
    assert bindings[2]["x"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"
    xml = get(client, query, "application/sparql-results+xml")
    ET.fromstring(xml.content)
    rows = list(csv.reader(io.StringIO(get(client, query, "text/csv").text)))
    assert rows[1] == ['a "quoted" \\ line\nbreak']


def test_bad_graph_names_are_400(client):
    response = get(client, COUNT, **{"default-graph-uri": "not an iri"})
    one_line_error(response, 400, "default-graph-uri")
    response = get(client, COUNT, **{"named-graph-uri": "<bad>"})
    one_line_error(response, 400, "named-graph-uri")
