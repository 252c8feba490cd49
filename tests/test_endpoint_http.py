"""HTTP around the answers: validators and 304, compression, HEAD, the dumps (listing, ranges,
gzip), result formats by parameter, a smaller row cap, and errors in the client's format."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import subprocess
from collections.abc import Iterator
from urllib.parse import urlencode

import brotli
import pytest
from fastapi.testclient import TestClient
from rdflib import Dataset, Graph
from servers import fpkg_server

from fpkg.endpoint.settings import Settings
from fpkg.serve import create_app

FP = "https://w3id.org/fpkg/ontology#"
SELECT = f"SELECT ?s WHERE {{ ?s a <{FP}State> }} ORDER BY ?s"
CONSTRUCT = "CONSTRUCT WHERE { <https://w3id.org/fpkg/id/state/PER> ?p ?o }"
QUERY_URL = "/sparql?" + urlencode({"query": SELECT})
PAGES = ["/", "/id/state/PER", "/ontology", "/dumps/", QUERY_URL]


@pytest.fixture(scope="module")
def client(root) -> Iterator[TestClient]:
    with TestClient(create_app(root / "graph", root / "queries")) as client:
        yield client


@pytest.fixture(scope="module")
def server(root) -> Iterator[str]:
    with fpkg_server(root) as url:
        yield url


@pytest.mark.parametrize("path", PAGES)
def test_validators_then_304(client, path):
    first = client.get(path, headers={"Accept-Encoding": "identity"})
    assert first.status_code == 200 and first.content
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert "max-age" in first.headers["cache-control"]
    again = client.get(path, headers={"Accept-Encoding": "identity", "If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag
    since = client.get(path, headers={"Accept-Encoding": "identity", "If-Modified-Since": modified})
    assert since.status_code == 304
    stale = client.get(
        path, headers={"Accept-Encoding": "identity", "If-None-Match": 'W/"another"'}
    )
    assert stale.status_code == 200 and stale.content == first.content
    old = client.get(
        path,
        headers={
            "Accept-Encoding": "identity",
            "If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT",
        },
    )
    assert old.status_code == 200


def test_etags_differ_by_request_and_representation(client):
    tags = {
        client.get("/sparql", params={"query": SELECT}, headers=headers).headers["etag"]
        for headers in (
            {"Accept": "text/csv"},
            {"Accept": "application/sparql-results+json"},
            {"Accept": "text/csv", "Accept-Encoding": "gzip"},
        )
    }
    tags.add(client.get("/sparql", params={"query": SELECT + " LIMIT 1"}).headers["etag"])
    assert len(tags) == 4


def test_post_queries_and_errors_carry_no_validators(client):
    post = client.post("/sparql", data={"query": SELECT})
    assert post.status_code == 200 and "etag" not in post.headers
    error = client.get("/id/state/NOWHERE")
    assert error.status_code == 404 and "etag" not in error.headers


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("encoding", ["gzip", "br"])
def test_compression_is_negotiated(client, path, encoding):
    plain = client.get(path, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    with client.stream("GET", path, headers={"Accept-Encoding": encoding}) as packed:
        raw = b"".join(packed.iter_raw())
    assert packed.headers["content-encoding"] == encoding
    assert "Accept-Encoding" in packed.headers["vary"]
    unpack = gzip.decompress if encoding == "gzip" else brotli.decompress
    assert unpack(raw) == plain.content and len(raw) < len(plain.content)


@pytest.mark.parametrize(
    "path", ["/", "/id/state/PER", "/ontology", "/sparql", QUERY_URL, "/dumps/"]
)
def test_head_on_every_get_route(client, path):
    get = client.get(path, headers={"Accept-Encoding": "identity"})
    head = client.head(path, headers={"Accept-Encoding": "identity"})
    assert get.status_code == head.status_code == 200
    assert head.content == b""
    for name in ("content-type", "content-length", "etag"):
        assert head.headers[name] == get.headers[name]


def test_head_of_a_dump_and_of_a_missing_page(client, root):
    head = client.head("/dumps/fpkg.nt")
    assert head.status_code == 200 and head.content == b""
    assert int(head.headers["content-length"]) == (root / "graph" / "fpkg.nt").stat().st_size
    assert client.head("/id/state/NOWHERE").status_code == 404


def test_dump_listing(client, root):
    page = client.get("/dumps/", headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    listing = client.get("/dumps/", headers={"Accept": "application/json"}).json()
    names = {entry["name"] for entry in listing["files"]}
    assert {"fpkg.nq", "fpkg.nq.gz", "fpkg.nt.gz", "fpkg.ttl", "void.ttl"} <= names
    assert listing["description"] == "void.ttl" and 'href="void.ttl"' in page.text
    for entry in listing["files"]:
        data = (root / "graph" / entry["name"]).read_bytes()
        assert entry["bytes"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["sha256"] in page.text and f'href="{entry["name"]}"' in page.text
    assert client.get("/dumps", follow_redirects=False).headers["location"] == "/dumps/"


def test_dump_ranges(client, root):
    data = (root / "graph" / "fpkg.nq").read_bytes()
    part = client.get("/dumps/fpkg.nq", headers={"Range": "bytes=10-109"})
    assert part.status_code == 206 and part.content == data[10:110]
    assert part.headers["content-range"] == f"bytes 10-109/{len(data)}"
    tail = client.get("/dumps/fpkg.nq", headers={"Range": "bytes=-50"})
    assert tail.status_code == 206 and tail.content == data[-50:]
    beyond = client.get("/dumps/fpkg.nq", headers={"Range": f"bytes={len(data) + 10}-"})
    assert beyond.status_code == 416 and beyond.headers["content-range"] == f"bytes */{len(data)}"
    etag = client.get("/dumps/fpkg.nq").headers["etag"]
    assert etag == f'"{hashlib.sha256(data).hexdigest()}"'
    current = client.get("/dumps/fpkg.nq", headers={"Range": "bytes=0-9", "If-Range": etag})
    assert current.status_code == 206 and current.content == data[:10]
    changed = client.get("/dumps/fpkg.nq", headers={"Range": "bytes=0-9", "If-Range": '"old"'})
    assert changed.status_code == 200 and changed.content == data


def test_gzipped_dumps_are_sent_with_their_encoding(client, root):
    packed = (root / "graph" / "fpkg.nq.gz").read_bytes()
    response = client.get("/dumps/fpkg.nq.gz", headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-type"].startswith("application/n-quads")
    assert response.headers["content-encoding"] == "gzip"
    assert response.content == gzip.decompress(packed)
    identity = client.get("/dumps/fpkg.nq.gz", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in identity.headers
    assert identity.content == gzip.decompress(packed)
    assert identity.headers["etag"] != response.headers["etag"]


@pytest.mark.parametrize("name", ["fpkg.nq.gz", "fpkg.nq", "fpkg.trig"])
def test_rdflib_reads_the_dumps_by_url(server, root, name):
    expected = Dataset()
    expected.parse(root / "graph" / "fpkg.nq", format="nquads")
    loaded = Dataset()
    loaded.parse(f"{server}/dumps/{name}")
    assert len(loaded) == len(expected) > 1000


def test_rdflib_reads_the_gzipped_triples(server, root):
    graph = Graph().parse(f"{server}/dumps/fpkg.nt.gz")
    assert len(graph) == len(Graph().parse(root / "graph" / "fpkg.nt", format="nt"))


def test_curl_saves_a_gzipped_dump_as_it_is_and_unpacks_on_request(server, root, tmp_path):
    saved = tmp_path / "fpkg.nq.gz"
    subprocess.run(["curl", "-sf", "-o", str(saved), f"{server}/dumps/fpkg.nq.gz"], check=True)
    assert saved.read_bytes() == (root / "graph" / "fpkg.nq.gz").read_bytes()
    unpacked = subprocess.run(
        ["curl", "-sf", "--compressed", f"{server}/dumps/fpkg.nq.gz"],
        check=True,
        capture_output=True,
    ).stdout
    assert unpacked == (root / "graph" / "fpkg.nq").read_bytes()


@pytest.mark.parametrize(
    ("name", "media_type"),
    [
        ("json", "application/sparql-results+json"),
        ("xml", "application/sparql-results+xml"),
        ("csv", "text/csv"),
        ("tsv", "text/tab-separated-values"),
        ("text/csv", "text/csv"),
    ],
)
@pytest.mark.parametrize("parameter", ["format", "output"])
def test_format_parameter_for_solutions(client, parameter, name, media_type):
    response = client.get(
        "/sparql",
        params={"query": SELECT, parameter: name},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    if name == "csv":
        rows = list(csv.reader(io.StringIO(response.text)))
        assert rows[0] == ["s"] and "https://w3id.org/fpkg/id/state/PER" in {r[0] for r in rows}


@pytest.mark.parametrize(
    ("name", "media_type", "rdflib_format"),
    [
        ("turtle", "text/turtle", "turtle"),
        ("ntriples", "application/n-triples", "nt"),
        ("jsonld", "application/ld+json", "json-ld"),
        ("json", "application/ld+json", "json-ld"),
        ("xml", "application/rdf+xml", "xml"),
    ],
)
def test_format_parameter_for_graphs(client, name, media_type, rdflib_format):
    response = client.get("/sparql", params={"query": CONSTRUCT, "format": name})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    graph = Graph().parse(data=response.text, format=rdflib_format)
    assert len(graph) > 3


def test_bad_format_parameters(client):
    unknown = client.get("/sparql", params={"query": SELECT, "format": "yaml"})
    assert unknown.status_code == 400 and "unknown format" in unknown.text
    wrong_form = client.get("/sparql", params={"query": CONSTRUCT, "format": "csv"})
    assert wrong_form.status_code == 406
    two = client.get("/sparql", params=[("query", SELECT), ("format", "csv"), ("output", "tsv")])
    assert two.status_code == 400


def test_a_client_asks_for_a_smaller_row_cap(client):
    everything = client.get("/sparql", params={"query": SELECT}).json()["results"]["bindings"]
    assert len(everything) > 3
    capped = client.get("/sparql", params={"query": SELECT, "max-rows": "3"})
    assert capped.status_code == 200
    assert capped.json()["results"]["bindings"] == everything[:3]
    assert capped.headers["fpkg-result-capped"] == "rows; limit=3"
    roomy = client.get("/sparql", params={"query": SELECT, "max-rows": "100000000"})
    assert "fpkg-result-capped" not in roomy.headers
    assert client.get("/sparql", params={"query": SELECT, "max-rows": "0"}).status_code == 400


@pytest.mark.parametrize(
    ("path", "method", "status"),
    [
        ("/no/such/page", "GET", 404),
        ("/id/state/NOWHERE", "GET", 404),
        ("/dumps/nothing.nq", "GET", 404),
        ("/sparql", "DELETE", 405),
        ("/id/state/PER", "POST", 405),
        ("/sparql?query=SELEKT", "GET", 400),
    ],
)
def test_errors_in_the_format_asked_for(client, path, method, status):
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    html = client.request(method, path, headers={"Accept": browser})
    assert html.status_code == status and html.headers["content-type"].startswith("text/html")
    assert f"<h1>{status} " in html.text
    data = client.request(method, path, headers={"Accept": "application/json"})
    assert data.status_code == status and data.headers["content-type"].startswith(
        "application/json"
    )
    body = json.loads(data.text)
    assert body["status"] == status and body["error"]
    text = client.request(method, path, headers={"Accept": "*/*"})
    assert text.status_code == status and text.headers["content-type"].startswith("text/plain")
    assert text.text.strip() == body["error"] and text.text.count("\n") == 1
    assert body["error"] in html.text.replace("&#x27;", "'").replace("&quot;", '"')


def test_the_front_page_states_the_caps_and_parameters(root):
    settings = Settings(max_rows=1234, max_bytes=2 * 2**20, time_limit=7)
    with TestClient(create_app(root / "graph", root / "queries", settings=settings)) as client:
        page = client.get("/").text
    limits = page.split('id="fpkg-limits">', 1)[1].split("</li>", 1)[0]
    assert "1,234 rows" in limits and "2 MiB" in limits and "7 s" in limits
    assert "Fpkg-Result-Capped" in limits
    assert "max-rows=N" in page and "format=" in page
    assert 'yasgui.on("queryResponse"' in page and "fpkg-result-capped" in page


def test_federated_queries_are_not_validated(client):
    # Their answers depend on another server: no validator, so no 304 (this one is refused).
    query = "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    response = client.get("/sparql", params={"query": query}, headers={"If-None-Match": "*"})
    assert response.status_code == 403 and "etag" not in response.headers
    plain = client.get("/sparql", params={"query": SELECT}, headers={"If-None-Match": "*"})
    assert plain.status_code == 304


def test_internal_errors_in_the_format_asked_for(root):
    app = create_app(root / "graph", root / "queries")

    async def broken() -> None:
        raise ZeroDivisionError

    app.add_api_route("/broken", broken)
    with TestClient(app, raise_server_exceptions=False) as client:
        text = client.get("/broken")
        data = client.get("/broken", headers={"Accept": "application/json"})
        html = client.get("/broken", headers={"Accept": "text/html"})
    assert text.status_code == data.status_code == html.status_code == 500
    assert text.text == "internal server error\n" and "Traceback" not in text.text
    assert data.json() == {"status": 500, "error": "internal server error"}
    assert html.headers["content-type"].startswith("text/html") and "<h1>500 " in html.text
