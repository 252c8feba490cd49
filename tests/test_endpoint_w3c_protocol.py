"""The query cases of the W3C SPARQL 1.1 Protocol test suite, each written here from the
suite's description of it, over this endpoint's own graphs (the suite's data files name
graphs on the web; here the protocol's dataset names graphs of the store).

The cases of the manifest that apply to a read-only endpoint: the 20 query cases and the
update cases whose expected outcome is a refusal (a read-only endpoint refuses them all).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Literal, URIRef

from fpkg.serve import create_app

GRAPH = "https://w3id.org/fpkg/graph/"
CATALOG, LINKS = GRAPH + "catalog", GRAPH + "links"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
DIRECT = {"Content-Type": "application/sparql-query"}
RESULTS = ("application/sparql-results+xml", "application/sparql-results+json")
RDF = ("text/turtle", "application/rdf+xml", "application/n-triples", "application/ld+json")


@pytest.fixture(scope="module")
def client(root) -> Iterator[TestClient]:
    with TestClient(create_app(root / "graph", root / "queries")) as client:
        yield client


def boolean(response) -> bool:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(RESULTS)
    return response.json()["boolean"]


def a_triple(client: TestClient, graph: str) -> str:
    """One triple of ``graph`` as a SPARQL pattern (subject and predicate are IRIs)."""
    response = client.get(
        "/sparql",
        params={
            "query": f"SELECT * {{ GRAPH <{graph}> {{ ?s ?p ?o FILTER(isIRI(?s)) }} }} LIMIT 1"
        },
        headers={"Accept": "application/sparql-results+json"},
    )
    row = response.json()["results"]["bindings"][0]
    obj = row["o"]
    term = f"<{obj['value']}>" if obj["type"] == "uri" else None
    if term is None:
        term = Literal(obj["value"], lang=obj.get("xml:lang"), datatype=obj.get("datatype")).n3()
    return f"<{row['s']['value']}> <{row['p']['value']}> {term}"


@pytest.fixture(scope="module")
def in_catalog(client) -> str:
    return a_triple(client, CATALOG)


@pytest.fixture(scope="module")
def in_links(client) -> str:
    return a_triple(client, LINKS)


def test_query_post_form(client):
    assert boolean(client.post("/sparql", content="query=ASK%20%7B%7D", headers=FORM)) is True


def test_query_get(client):
    assert boolean(client.get("/sparql", params={"query": "ASK {}"})) is True


def test_query_post_direct(client):
    assert boolean(client.post("/sparql", content=b"ASK {}", headers=DIRECT)) is True


def _both_default(in_catalog: str, in_links: str) -> str:
    return f"ASK {{ {in_catalog} . {in_links} }}"


def test_query_dataset_default_graphs_get(client, in_catalog, in_links):
    params = [
        ("query", _both_default(in_catalog, in_links)),
        ("default-graph-uri", CATALOG),
        ("default-graph-uri", LINKS),
    ]
    assert boolean(client.get("/sparql", params=params)) is True
    # Without one of them the merged default graph lacks its triple.
    assert boolean(client.get("/sparql", params=params[:2])) is False


def test_query_dataset_default_graphs_post(client, in_catalog, in_links):
    data = {"query": _both_default(in_catalog, in_links), "default-graph-uri": [CATALOG, LINKS]}
    assert boolean(client.post("/sparql", data=data)) is True


def _both_named(in_catalog: str, in_links: str) -> str:
    return f"ASK {{ GRAPH ?a {{ {in_catalog} }} GRAPH ?b {{ {in_links} }} FILTER(?a != ?b) }}"


def test_query_dataset_named_graphs_post(client, in_catalog, in_links):
    data = {"query": _both_named(in_catalog, in_links), "named-graph-uri": [CATALOG, LINKS]}
    assert boolean(client.post("/sparql", data=data)) is True


def test_query_dataset_named_graphs_get(client, in_catalog, in_links):
    params = [
        ("query", _both_named(in_catalog, in_links)),
        ("named-graph-uri", CATALOG),
        ("named-graph-uri", LINKS),
    ]
    assert boolean(client.get("/sparql", params=params)) is True
    assert boolean(client.get("/sparql", params=params[:2])) is False


def test_query_dataset_full(client, in_catalog, in_links):
    query = f"SELECT ?g WHERE {{ {in_catalog} GRAPH ?g {{ {in_links} }} }}"
    params = [("query", query), ("default-graph-uri", CATALOG), ("named-graph-uri", LINKS)]
    response = client.get("/sparql", params=params, headers={"Accept": RESULTS[1]})
    rows = response.json()["results"]["bindings"]
    assert [row["g"]["value"] for row in rows] == [LINKS]


def test_query_multiple_dataset(client, in_catalog):
    # The protocol's dataset wins over the query's FROM.
    query = f"ASK FROM <{LINKS}> {{ {in_catalog} }}"
    assert boolean(client.get("/sparql", params={"query": query})) is False
    params = {"query": query, "default-graph-uri": CATALOG}
    assert boolean(client.get("/sparql", params=params)) is True


def test_query_content_type_select(client):
    response = client.get("/sparql", params={"query": "SELECT (1 AS ?x) {}"})
    assert response.status_code == 200 and response.headers["content-type"].startswith(RESULTS)


def test_query_content_type_ask(client):
    response = client.get("/sparql", params={"query": "ASK {}"})
    assert response.status_code == 200 and response.headers["content-type"].startswith(RESULTS)


def test_query_content_type_describe(client):
    response = client.get("/sparql", params={"query": "DESCRIBE <http://example.org/>"})
    assert response.status_code == 200 and response.headers["content-type"].startswith(RDF)


def test_query_content_type_construct(client):
    """Relative IRIs resolve against the endpoint's URL."""
    response = client.get("/sparql", params={"query": "CONSTRUCT { <s> <p> 1 } WHERE {}"})
    assert response.status_code == 200 and response.headers["content-type"].startswith(RDF)
    graph = Graph().parse(data=response.text, format="turtle")
    base = str(response.url).split("?")[0]
    subject = URIRef(base.rsplit("/", 1)[0] + "/s")
    assert set(graph) == {(subject, URIRef(subject[:-1] + "p"), Literal(1))}


def test_bad_query_method(client):
    assert client.put("/sparql?query=ASK%20%7B%7D").status_code == 405


def test_bad_multiple_queries(client):
    response = client.get("/sparql?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D")
    assert response.status_code == 400


def test_bad_query_wrong_media_type(client):
    response = client.post("/sparql", content=b"ASK {}", headers={"Content-Type": "text/plain"})
    assert 400 <= response.status_code < 500


def test_bad_query_missing_form_type(client):
    response = client.post("/sparql", content=b"query=ASK%20%7B%7D")
    assert 400 <= response.status_code < 500


def test_bad_query_missing_direct_type(client):
    assert 400 <= client.post("/sparql", content=b"ASK {}").status_code < 500


def test_bad_query_non_utf8(client):
    headers = {"Content-Type": "application/sparql-query; charset=UTF-16"}
    response = client.post("/sparql", content="ASK {}".encode("utf-16"), headers=headers)
    assert 400 <= response.status_code < 500


def test_bad_query_syntax(client):
    assert client.get("/sparql", params={"query": "ASK {"}).status_code == 400


UPDATE = "CLEAR ALL"


@pytest.mark.parametrize(
    ("case", "request_args"),
    [
        ("bad_update_get", {"method": "GET", "url": "/sparql", "params": {"update": UPDATE}}),
        (
            "bad_multiple_updates",
            {"method": "POST", "url": "/sparql", "data": {"update": [UPDATE, UPDATE]}},
        ),
        (
            "bad_update_wrong_media_type",
            {
                "method": "POST",
                "url": "/sparql",
                "content": UPDATE,
                "headers": {"Content-Type": "text/plain"},
            },
        ),
        (
            "bad_update_missing_form_type",
            {"method": "POST", "url": "/sparql", "content": "update=CLEAR%20ALL"},
        ),
        (
            "bad_update_non_utf8",
            {
                "method": "POST",
                "url": "/sparql",
                "content": UPDATE.encode("utf-16"),
                "headers": {"Content-Type": "application/sparql-update; charset=UTF-16"},
            },
        ),
        (
            "bad_update_syntax",
            {"method": "POST", "url": "/sparql", "data": {"update": "CLEAR XYZ"}},
        ),
        (
            "bad_update_dataset_conflict",
            {
                "method": "POST",
                "url": f"/sparql?using-graph-uri={CATALOG}",
                "data": {"update": f"WITH <{LINKS}> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}"},
            },
        ),
    ],
)
def test_updates_are_refused(client, case, request_args):
    response = client.request(**request_args)
    assert 400 <= response.status_code < 500, case
