"""Linked Data: /id/… and /ontology as HTML for browsers, RDF by content negotiation."""

from __future__ import annotations

import json
from collections.abc import Iterator
from html import escape

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, URIRef

from fpkg.serve import create_app

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
PERU = "https://w3id.org/fpkg/id/state/PER"


@pytest.fixture(scope="module")
def client(root) -> Iterator[TestClient]:
    with TestClient(create_app(root / "graph", root / "queries")) as client:
        yield client


def test_a_resource_page_for_browsers(client):
    response = client.get("/id/state/PER", headers={"Accept": BROWSER})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert '<h1><span lang="en">Peru</span></h1>' in page
    assert 'href="/ontology#State"' in page  # its type, linked to the ontology
    assert 'href="http://www.wikidata.org/entity/Q419"' in page
    assert "<mark>Peru</mark>" in page  # the supporting words, highlighted in their context
    assert 'href="/id/document/psg-2019"' in page  # and the document they come from
    assert "Facts and links to it" in page


def test_a_fact_page_shows_its_evidence(client):
    query = """SELECT ?fact ?exact ?prefix WHERE {
      ?fact <http://www.w3.org/ns/prov#wasDerivedFrom> ?e .
      ?e <http://www.w3.org/ns/oa#hasSelector> ?q . ?q <http://www.w3.org/ns/oa#exact> ?exact ;
         <http://www.w3.org/ns/oa#prefix> ?prefix .
    } ORDER BY ?fact LIMIT 1"""
    row = client.get(
        "/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"}
    ).json()["results"]["bindings"][0]
    path = row["fact"]["value"].removeprefix("https://w3id.org/fpkg/id/")
    page = client.get(f"/id/{path}", headers={"Accept": "text/html"}).text
    assert f"<mark>{escape(row['exact']['value'])}</mark>" in page
    assert escape(row["prefix"]["value"]) in page


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", "turtle"),
        ("application/ld+json", "json-ld"),
        ("application/n-triples", "nt"),
    ],
)
def test_a_resource_as_rdf(client, accept, fmt):
    response = client.get("/id/state/PER", headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == accept
    assert "Accept" in response.headers["vary"]
    graph = Graph().parse(data=response.content, format=fmt)
    assert (URIRef(PERU), URIRef("http://www.w3.org/2002/07/owl#sameAs"), None) in graph
    assert any(o == URIRef(PERU) for o in graph.objects())  # incoming links too


def test_turtle_when_anything_goes(client):
    response = client.get("/id/state/PER", headers={"Accept": "*/*"})
    assert response.headers["content-type"].startswith("text/turtle")


def test_unknown_resources_are_404(client):
    for path in ("/id/state/XXX", "/id/nothing/at/all", "/id/bad%20iri<>"):
        response = client.get(path, headers={"Accept": BROWSER})
        assert response.status_code == 404, path
        assert response.text.count("\n") == 1


def test_unacceptable_type_is_406(client):
    assert client.get("/id/state/PER", headers={"Accept": "image/png"}).status_code == 406


def test_the_ontology(client):
    page = client.get("/ontology", headers={"Accept": BROWSER})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "pyLODE" in page.text and "State" in page.text
    turtle = client.get("/ontology", headers={"Accept": "text/turtle"})
    graph = Graph().parse(data=turtle.text, format="turtle")
    assert (URIRef("https://w3id.org/fpkg/ontology#State"), None, None) in graph
    as_json = client.get("/ontology", headers={"Accept": "application/ld+json"})
    assert json.loads(as_json.content)
