"""The front page says what fpkg is and holds, counted in the graph, and finds an entity by
name in English or Spanish."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from fpkg.endpoint.search import Name, find, fold
from fpkg.serve import create_app

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
FP = "https://w3id.org/fpkg/ontology#"


@pytest.fixture(scope="module")
def client(root) -> Iterator[TestClient]:
    with TestClient(create_app(root / "graph", root / "queries")) as client:
        yield client


def count(client: TestClient, where: str) -> int:
    response = client.get(
        "/sparql",
        params={"query": f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {where} }}"},
        headers={"Accept": "application/sparql-results+json"},
    )
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_the_front_page_says_what_fpkg_is_and_holds(client):
    html = client.get("/", headers={"Accept": BROWSER}).text
    assert "<h1>Foreign Policy Knowledge Graph</h1>" in html
    assert html.index("<h1>") < html.index('<div id="yasgui">')
    holdings = re.sub(r"<[^>]+>|\s+", " ", html.split('id="fpkg-holdings">', 1)[1].split("</p>")[0])
    documents = count(client, f"?s a <{FP}Document>")
    facts = count(
        client, f"?c <http://www.w3.org/2000/01/rdf-schema#subClassOf>* <{FP}Fact> . ?s a ?c"
    )
    states = count(client, f"?s a <{FP}State>")
    persons = count(client, f"?s a <{FP}Person>")
    assert documents == 3 and facts > 400 and states > 50 and persons > 20
    assert f"{documents} documents" in holdings
    assert f"{facts:,} facts" in holdings
    assert f"{states} states" in holdings and f"{persons} persons" in holdings
    assert '<form class=search method=get action="search"' in html


@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("Grupo de Lima", "/id/mechanism/lima-group"),
        ("grupo de lima", "/id/mechanism/lima-group"),
        ("Perú", "/id/state/PER"),
        ("Lima Group", "/id/mechanism/lima-group"),
        ("kuczynski", "/id/person/pedro-pablo-kuczynski"),
    ],
)
def test_a_search_finds_an_entity_by_name_first(client, name, found):
    response = client.get("/search", params={"q": name}, headers={"Accept": BROWSER})
    assert response.status_code == 200
    links = re.findall(r'<tr><td><a href="([^"]+)"', response.text)
    assert links[0] == found, links[:5]
    kind = re.search(r"</a></td><td>([^<]+)</td>", response.text).group(1)
    assert kind in ("state", "multilateral mechanism", "person")  # the class's label


def test_a_search_for_nothing_known_says_so(client):
    response = client.get("/search", params={"q": "Atlantis"}, headers={"Accept": BROWSER})
    assert response.status_code == 200
    assert "Nothing in the graph is named like “Atlantis”" in response.text


def test_a_search_without_a_name_is_refused_in_one_line(client):
    response = client.get("/search", params={"q": " "}, headers={"Accept": "text/plain"})
    assert response.status_code == 400
    assert response.text == "no name to find: give one as ?q=…\n"


def test_names_match_without_case_or_accents_entities_first():
    assert fold("  Perú  del SUR ") == "peru del sur"
    names = [
        Name("https://example.org/fact", "Peru recognises Guaidó", "en", "Recognition"),
        Name("https://example.org/per", "Perú", "es", "State"),
        Name("https://example.org/body", "Congress of Peru", "en", "StateBody"),
    ]
    assert [n.iri.rsplit("/", 1)[1] for n in find(names, "peru")] == ["per", "body", "fact"]
    assert [n.iri for n in find(names, "guaido peru")] == ["https://example.org/fact"]
    assert find(names, "  ") == []
