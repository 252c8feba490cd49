"""Timelines on the Linked Data pages: what is drawn, how many marks, and where they link."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from fpkg.serve import create_app

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
PREFIXES = """PREFIX fp: <https://w3id.org/fpkg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX time: <http://www.w3.org/2006/time#>
"""


@pytest.fixture(scope="module")
def client(root) -> Iterator[TestClient]:
    with TestClient(create_app(root / "graph", root / "queries")) as client:
        yield client


@pytest.fixture(scope="module")
def store(root) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(root / "graph" / "fpkg.nq"), format=ox.RdfFormat.N_QUADS)
    return store


def count(store: ox.Store, where: str) -> int:
    query = f"{PREFIXES} SELECT (COUNT(DISTINCT ?fact) AS ?n) WHERE {{ {where} }}"
    return int(next(iter(store.query(query, use_default_graph_as_union=True)))["n"].value)


def svg(page: str, name: str) -> str:
    found = re.search(rf'<svg class="timeline {name}".*?</svg>', page, re.S)
    assert found, f"no {name} timeline"
    return found.group(0)


def page(client: TestClient, path: str) -> str:
    response = client.get(path, headers={"Accept": BROWSER})
    assert response.status_code == 200
    return response.text


def test_a_mechanism_page_charts_each_documents_memberships(client, store):
    chart = svg(page(client, "/id/mechanism/lima-group"), "memberships")
    memberships = count(
        store, "?fact org:organization <https://w3id.org/fpkg/id/mechanism/lima-group>"
    )
    assert chart.count("<a class=mark") == memberships == 24
    assert chart.count('<a class=evidence href="/id/evidence/') == memberships
    # Argentina: a bar from 2017, open-ended, in one document; no date at all in the other
    assert chart.count('<text x="8"') == 12  # one row label per member
    undated = count(
        store,
        "?fact org:organization <https://w3id.org/fpkg/id/mechanism/lima-group> "
        "FILTER NOT EXISTS { ?fact org:memberDuring ?i }",
    )
    assert chart.count("class=undated") == undated == 11
    open_ended = count(
        store,
        "?fact org:organization <https://w3id.org/fpkg/id/mechanism/lima-group> ; "
        "org:memberDuring ?i FILTER NOT EXISTS { ?i time:hasEnd ?e }",
    )
    assert chart.count("<path class=maybe") == open_ended == 13
    assert "Peru&#x27;s leadership in the Lima Group" in chart  # each bar names its document
    assert "Peru recognises Guaidó as president in Venezuela" in chart


def test_a_state_page_draws_its_relation_events(client, store):
    html = page(client, "/id/state/PER")
    events = svg(html, "events")
    dated = count(
        store,
        "?fact a fp:RelationEvent ; fp:ofRelation/fp:party <https://w3id.org/fpkg/id/state/PER> ; "
        "time:hasTime ?t",
    )
    assert events.count('data-kind="RelationEvent"') == dated > 200
    assert f"Relation events ({dated})" in events
    assert 'href="/id/relation-event/per-cub-broken-1960-12-30"' in events
    # two centuries are drawn again for the last decades, where most of the facts are
    recent = svg(html, "recent")
    assert "<h3>Since 1995</h3>" in html
    assert 0 < recent.count('data-kind="RelationEvent"') < dated
    assert 'href="/id/relation-event/per-cub-broken-1960-12-30"' not in recent
    assert 'href="/id/government/peru-2016-kuczynski"' in recent


def test_a_government_term_in_years_is_sure_only_in_between(client):
    events = svg(page(client, "/id/government/peru-2016-kuczynski"), "events")
    term = re.search(r'<a class=mark href="/id/government/peru-2016-kuczynski".*?</a>', events)
    assert term and term.group(0).count("class=sure") == 1 and "class=maybe" in term.group(0)
    assert "2016 – 2018" in term.group(0)  # the tooltip says what the document states


def test_a_person_page_has_a_timeline(client):
    events = svg(page(client, "/id/person/pedro-pablo-kuczynski"), "events")
    assert '<a class=mark href="/id/government/peru-2016-kuczynski"' in events


def test_a_page_without_dates_has_no_timeline(client):
    assert "<svg" not in page(client, "/id/document/psg-2019")
