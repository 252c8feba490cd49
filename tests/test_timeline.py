"""Timelines on the Linked Data pages: what is drawn, how many marks, and where they link."""

from __future__ import annotations

import html
import itertools
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


def labels(chart: str) -> list[tuple[float, float, float, str]]:
    """Each row label of a chart (not the axis' years): its y, the x where it starts and ends
    (at about 0.6 em a character, 12 px or 11 px for a document's title) and its text."""
    rows = chart.split("</g>", 1)[1]
    found = []
    for css, x, y, anchor, text in re.findall(
        r'<text( class="doc")? x="([\d.]+)" y="([\d.]+)" text-anchor=(\w+)>'
        r"(?:<title>[^<]*</title>)?([^<]+)</text>",
        rows,
    ):
        text = html.unescape(text)
        width = 0.6 * (11 if css else 12) * len(text)
        start = float(x) - width if anchor == "end" else float(x)
        found.append((float(y), start, start + width, text))
    return found


@pytest.mark.parametrize(
    ("path", "name"),
    [("/id/mechanism/lima-group", "memberships"), ("/id/state/PER", "offices")],
)
def test_row_labels_never_overlap_and_show_their_full_text_on_hover(client, path, name):
    from fpkg.endpoint.timeline import LEFT

    chart = svg(page(client, path), name)
    rows: dict[float, list[tuple[float, float, str]]] = {}
    for y, start, end, text in labels(chart):
        rows.setdefault(y, []).append((start, end, text))
        assert end <= LEFT - 28, f"{text!r} runs into the plot"
    assert len(rows) > 8
    for row in rows.values():
        row.sort()
        for (_, end, text), (start, _, following) in itertools.pairwise(row):
            assert end < start, f"{text!r} runs into {following!r}"
    cut = re.findall(r"<title>([^<]*)</title>([^<]*…)</text>", chart)
    assert cut, "long names and titles are cut"
    for full, shown in cut:
        full, shown = html.unescape(full), html.unescape(shown)
        assert full.startswith(shown[:-1].rstrip()) and len(full) > len(shown)


def test_an_open_beginning_is_drawn_from_its_first_stated_day_not_the_axis_edge(client):
    from fpkg.endpoint.timeline import LEFT, OPEN

    chart = svg(page(client, "/id/state/PER"), "offices")
    fujimori = re.search(
        r'<a class=mark href="/id/membership/fujimori-president-of-peru-wikipedia".*?</a>', chart
    )
    assert fujimori and "? – 2000-11" in fujimori.group(0)  # the end alone is stated
    xs = [float(x) for x in re.findall(r'\bx[12]?="([\d.]+)"', fujimori.group(0))]
    bar = re.search(r'<rect class=maybe x="([\d.]+)"[^>]*width="([\d.]+)"', fujimori.group(0))
    assert bar and "class=open" in fujimori.group(0)
    assert min(xs) >= float(bar.group(1)) - OPEN > LEFT + 300  # near 2000, not 1821
    assert float(bar.group(2)) < 60  # a month's doubt on its end, not a bar from the edge


def test_office_holders_are_under_their_own_heading(client, store):
    html = page(client, "/id/state/PER")
    offices = svg(html, "offices")
    held = count(
        store,
        "?fact org:organization <https://w3id.org/fpkg/id/state/PER> ; org:role ?office",
    )
    assert offices.count("<a class=mark") == held >= 10
    assert "Alberto Fujimori" in offices and '<svg class="timeline memberships"' not in html
    assert "<h3>Office holders, as each document states them</h3>" in html
    assert "<h2>Office holders</h2>" in html and "<h2>Members</h2>" not in html
    table = html.split("<h2>Office holders</h2>", 1)[1].split("</table>", 1)[0]
    assert table.count("<tr>") == held + 1 and 'href="/id/office/president-of-peru"' in table
