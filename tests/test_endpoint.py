"""The SPARQL endpoint answers over HTTP: in-process, and as a real server process."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient
from servers import fpkg_server

from fpkg.endpoint.examples import example_queries
from fpkg.serve import create_app

ASK_STATE = "ASK { ?s a <https://w3id.org/fpkg/ontology#State> }"
ASK_NOTHING = "ASK { ?s a <https://w3id.org/fpkg/ontology#NoSuchClass> }"
SELECT_PERU = """
SELECT ?label WHERE {
  <https://w3id.org/fpkg/id/state/PER> <http://www.w3.org/2000/01/rdf-schema#label> ?label
}"""
JSON = {"Accept": "application/sparql-results+json"}


@pytest.fixture(scope="module")
def client(root) -> TestClient:
    return TestClient(create_app(root / "graph", root / "queries"))


def test_ask_true_and_false(client):
    assert (
        client.get("/sparql", params={"query": ASK_STATE}, headers=JSON).json()["boolean"] is True
    )
    assert (
        client.get("/sparql", params={"query": ASK_NOTHING}, headers=JSON).json()["boolean"]
        is False
    )


def test_select_by_get_and_by_post_form(client):
    for response in (
        client.get("/sparql", params={"query": SELECT_PERU}, headers=JSON),
        client.post("/sparql", data={"query": SELECT_PERU}, headers=JSON),
    ):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/sparql-results+json")
        labels = [b["label"]["value"] for b in response.json()["results"]["bindings"]]
        assert labels == ["Peru"]


def test_update_is_refused(client):
    update = "INSERT DATA { <urn:x> <urn:y> <urn:z> }"
    response = client.post(
        "/sparql", content=update, headers={"Content-Type": "application/sparql-update"}
    )
    assert response.status_code == 403
    still = client.get("/sparql", params={"query": "ASK { <urn:x> ?p ?o }"}, headers=JSON)
    assert still.json()["boolean"] is False


def test_broken_query_is_a_client_error(client):
    response = client.get("/sparql", params={"query": "SELECT WHERE {"}, headers=JSON)
    assert response.status_code == 400
    assert "Traceback" not in response.text


def test_yasgui_page_at_root(client):
    response = client.get("/", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert "yasgui" in response.text.lower()
    assert "Lima Group" in response.text  # the example queries are offered as tabs


def test_example_tabs_include_a_federated_query(root):
    tabs = example_queries(root / "queries")
    assert 8 <= len(tabs) <= 12
    federated = [
        t for t in tabs.values() if "SERVICE <https://query.wikidata.org/sparql>" in t["query"]
    ]
    assert federated, "one tab joins the graph with Wikidata"


def test_dumps_are_downloadable(client, root):
    response = client.get("/dumps/fpkg.nt")
    assert response.status_code == 200
    assert response.content == (root / "graph" / "fpkg.nt").read_bytes()


@pytest.fixture(scope="module")
def server(root) -> Iterator[str]:
    with fpkg_server(root) as url:
        yield url


def test_real_server_answers_ask_and_select(server):
    ask = httpx.post(server + "/sparql", data={"query": ASK_STATE}, headers=JSON, timeout=30)
    assert ask.status_code == 200 and ask.json()["boolean"] is True
    select = httpx.get(server + "/sparql", params={"query": SELECT_PERU}, headers=JSON, timeout=30)
    assert [b["label"]["value"] for b in select.json()["results"]["bindings"]] == ["Peru"]
