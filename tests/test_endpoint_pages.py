"""The HTML pages: every link and fragment resolves, values carry their language, an
organisation's page lists its members."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from fpkg.endpoint.resource import Description
from fpkg.endpoint.resource_page import render
from fpkg.serve import create_app

ID = "https://w3id.org/fpkg/id/"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
LIMA_GROUP = ID + "mechanism/lima-group"


class Page(HTMLParser):
    """The links and the ids of one HTML page, and the elements that carry ``lang``."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        for name in ("href", "src"):
            if values.get(name):
                self.links.append(values[name])


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


@pytest.fixture(scope="module")
def client(root) -> Iterator[TestClient]:
    with TestClient(create_app(root / "graph", root / "queries")) as client:
        yield client


def select(client: TestClient, query: str) -> list[dict]:
    response = client.get(
        "/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"}
    )
    return response.json()["results"]["bindings"]


def every_page(client: TestClient) -> list[str]:
    """The front page, the ontology, the dumps and the page of every IRI under /id/."""
    rows = select(
        client,
        f"SELECT DISTINCT ?r {{ {{ ?r ?p ?o }} UNION {{ ?s ?p ?r }} "
        f"FILTER(isIRI(?r) && STRSTARTS(STR(?r), '{ID}')) }}",
    )
    return ["/", "/ontology", "/dumps/", *("/id/" + r["r"]["value"][len(ID) :] for r in rows)]


def test_every_link_and_fragment_of_every_page_resolves(client):
    pages = every_page(client)
    assert len(pages) > 5000
    ids: dict[str, set[str]] = {}
    links: Counter[str] = Counter()
    for path in pages:
        response = client.get(path, headers={"Accept": BROWSER})
        assert response.status_code == 200, path
        page = parse(response.text)
        ids[path] = page.ids
        for link in page.links:
            target = urljoin("http://testserver" + path, link)
            if urlsplit(target).netloc == "testserver":
                links[target.removeprefix("http://testserver")] += 1
    assert links["/ontology#Evidence"] > 100
    broken = []
    for link in links:
        path, _, fragment = link.partition("#")
        if path not in ids:
            response = client.get(path, headers={"Accept": BROWSER})
            if response.status_code != 200:
                broken.append(f"{link}: {response.status_code}")
                continue
            ids[path] = (
                parse(response.text).ids if "html" in response.headers["content-type"] else set()
            )
        if fragment and fragment not in ids[path]:
            broken.append(f"{link}: no such fragment")
    assert broken == []


@pytest.mark.parametrize(
    "term", ["Evidence", "State", "Mechanism", "Person", "Document", "unlinkedReason"]
)
def test_ontology_terms_at_their_local_names(client, term):
    page = parse(client.get("/ontology", headers={"Accept": BROWSER}).text)
    assert term in page.ids


def test_the_ontology_page_has_the_ontology_title(client):
    html = client.get("/ontology", headers={"Accept": BROWSER}).text
    assert "<title>Foreign Policy Knowledge Graph ontology</title>" in html


def test_the_ontology_page_names_the_ontology_itself(client):
    html = client.get("/ontology", headers={"Accept": BROWSER}).text
    metadata = html.split('id="metadata"', 1)[1].split("</dl>", 1)[0]
    assert "<code>https://w3id.org/fpkg/ontology</code>" in metadata
    assert "/id/scheme/" not in metadata.split("Vocabularies", 1)[0]
    title = metadata.split("Title</a>", 1)[1].split("</dd>", 1)[0]
    assert re.sub(r"<[^>]+>|\s", "", title) == "ForeignPolicyKnowledgeGraphontology"
    assert "creativecommons.org/licenses/by/4.0/" in metadata and "Version Info" in metadata
    schemes = select(
        client, "SELECT ?s { ?s a <http://www.w3.org/2004/02/skos/core#ConceptScheme> }"
    )
    vocabularies = metadata.split("Vocabularies", 1)[1]
    assert len(schemes) > 5
    for row in schemes:
        assert f'href="/id/{row["s"]["value"].removeprefix(ID)}"' in vocabularies


def test_values_carry_their_language_and_no_raw_tags(client):
    html = client.get("/id/mechanism/lima-group", headers={"Accept": BROWSER}).text
    assert "@en" not in html
    assert '<h1><span lang="en">Lima Group</span></h1>' in html
    cells = re.findall(r"<td>(.*?)</td>", html, flags=re.DOTALL)
    assert len(cells) > 20
    for cell in cells:
        if cell:
            assert re.match(
                r'<(span|a) [^>]*\blang=|<a href="[^"]*" title="[^"]*"><span lang=', cell
            ), cell
    # A badge marks exactly the values not in the page's English: here the Spanish alias.
    badges = re.findall(
        r'<span lang="([^"]+)">[^<]*</span><span class=lang[^>]*>([^<]*)</span>', html
    )
    assert badges == [("es", "es")]
    assert html.count("class=lang") == 1


def test_a_badge_names_a_language_other_than_the_pages():
    node = ox.NamedNode(ID + "state/PER")
    name = ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
    description = Description(
        node,
        outgoing=[
            (name, ox.Literal("Perú", language="es")),
            (name, ox.Literal("Peru", language="en")),
            (name, ox.Literal("PER")),
        ],
    )
    html = render(description)
    assert '<span lang="es">Perú</span><span class=lang title="language: es">es</span>' in html
    assert '<span lang="en">Peru</span></td>' in html
    assert '<span lang="">PER</span></td>' in html


def test_a_mechanism_lists_its_members_per_document(client):
    html = client.get("/id/mechanism/lima-group", headers={"Accept": BROWSER}).text
    assert "<h2>Members</h2>" in html
    section = html.split("<h2>Members</h2>", 1)[1].split("</table>", 1)[0]
    rows = select(
        client,
        f"""SELECT ?membership ?member ?document WHERE {{
          ?membership <http://www.w3.org/ns/org#organization> <{LIMA_GROUP}> ;
              <http://www.w3.org/ns/org#member> ?member ;
              <http://www.w3.org/ns/prov#wasDerivedFrom>/<http://www.w3.org/ns/oa#hasSource> ?document .
        }}""",
    )
    memberships = {r["membership"]["value"] for r in rows}
    assert len(memberships) >= 24  # twelve members in each of two documents
    assert section.count("<tr>") == len(memberships) + 1
    for row in rows:
        membership = row["membership"]["value"].removeprefix(ID)
        line = next(line for line in section.split("<tr>") if f'href="/id/{membership}"' in line)
        assert f'href="/id/{row["member"]["value"].removeprefix(ID)}"' in line
        assert f'href="/id/{row["document"]["value"].removeprefix(ID)}"' in line
    # The year the document gives, at its precision.
    assert '<td><span lang="zxx">2017</span></td>' in section


def test_a_standard_superproperty_is_shown_once_under_the_property_it_follows_from(client):
    html = client.get(
        "/id/statement/kuczynski-bloomberg-interview-2016", headers={"Accept": BROWSER}
    ).text
    rows = re.findall(r"<tr><td>(.*?)</td>", html.split("<h2>Statements</h2>", 1)[1])
    heads = [re.match(r'<a href="([^"]+)"', row).group(1) for row in rows if row.startswith("<a")]
    assert "/ontology#issuer" in heads and "/ontology#about" in heads
    assert "http://www.w3.org/ns/prov#wasAttributedTo" not in heads
    assert "http://purl.org/dc/terms/subject" not in heads
    issuer = next(row for row in rows if row.startswith('<a href="/ontology#issuer"'))
    assert "class=also" in issuer and "prov:wasAttributedTo" in issuer
    # the classes too: a state, with its standard superclasses folded
    peru = client.get("/id/state/PER", headers={"Accept": BROWSER}).text
    kinds = re.search(r"<p>A (.*?)</p>", peru).group(1)
    assert kinds.startswith('<a href="/ontology#State"') and "(also " in kinds
    linked = peru.split("<h2>Facts and links to it", 1)[1].split("</table>", 1)[0]
    assert 'href="/ontology#issuer"' in linked
    assert not re.search(r'<tr><td><a href="http://www.w3.org/ns/prov#wasAttributedTo"', linked)


@pytest.mark.parametrize("path", ["/id/person/pedro-pablo-kuczynski", "/id/state/PER"])
def test_facts_come_before_mentions_and_mentions_are_paged(client, path):
    from fpkg.endpoint.resource_page import GROUP_ROWS, MENTIONS_PER_PAGE

    html = client.get(path, headers={"Accept": BROWSER}).text
    assert html.index("<h2>Facts and links to it") < html.index("<h2 id=mentions>Mentions")
    mentions = html.split("<h2 id=mentions>", 1)[1]
    total = int(re.search(r"of (\d+) passages", mentions).group(1))
    assert 0 < mentions.count("<blockquote") == min(total, MENTIONS_PER_PAGE)
    linked = html.split("<h2>Facts and links to it", 1)[1].split("</table>", 1)[0]
    for shown in re.findall(r"<td>((?:.(?!</td>))*.)</td></tr>", linked):
        assert shown.count("<br>") <= GROUP_ROWS
    if total > MENTIONS_PER_PAGE:
        second = client.get(path + "?page=2", headers={"Accept": BROWSER}).text
        assert f"{MENTIONS_PER_PAGE + 1}–" in second and second != html
        last = -(-total // MENTIONS_PER_PAGE)
        beyond = client.get(path + f"?page={last + 1}", headers={"Accept": BROWSER})
        assert beyond.status_code == 404 and f"take {last} page(s)" in beyond.text
    wrong = client.get(path + "?page=two", headers={"Accept": BROWSER})
    assert wrong.status_code == 400 and "page=two" in wrong.text


def test_the_largest_pages_are_a_reasonable_size(client):
    for path in ("/id/state/PER", "/id/state/VEN", "/id/mechanism/lima-group", "/"):
        size = len(client.get(path, headers={"Accept": BROWSER}).content)
        assert size < 300_000, f"{path}: {size:,} bytes"
