"""`fpkg.load` over a mock HTTP transport: authentication, protocol fallback, count check,
error messages. (Real servers: tests/test_load_servers.py.)"""

from __future__ import annotations

import base64
from pathlib import Path

import httpx
import pytest
from pyoxigraph import NamedNode, Quad, QueryResultsFormat, RdfFormat, Store

from fpkg.errors import FpkgError
from fpkg.load import Endpoints, Loader, client, load, read_graphs, server_reason

TRIG = """\
<urn:g:a> { <urn:s> <urn:p> "one"@en , "two" . }
<urn:g:b> { <urn:s> <urn:p> <urn:o> . }
"""
ENDPOINTS = Endpoints("http://store/query", "http://store/gsp", "http://store/update")


@pytest.fixture
def trig(tmp_path: Path) -> Path:
    path = tmp_path / "fpkg.trig"
    path.write_text(TRIG, encoding="utf-8")
    return path


class FakeStore:
    """A SPARQL store behind httpx.MockTransport, backed by pyoxigraph."""

    def __init__(self, gsp_status: int | None = None, basic: tuple[str, str] | None = None):
        self.store = Store()
        self.gsp_status = gsp_status
        self.basic = basic
        self.requests: list[httpx.Request] = []
        self.challenges = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.basic:
            token = base64.b64encode(":".join(self.basic).encode()).decode()
            if request.headers.get("authorization") != f"Basic {token}":
                self.challenges += 1
                return httpx.Response(401, headers={"WWW-Authenticate": 'Basic realm="x"'})
        form = dict(httpx.QueryParams(request.content.decode())) if request.method == "POST" else {}
        if request.url.path == "/gsp":
            if self.gsp_status:
                return httpx.Response(self.gsp_status, text="no graph store here")
            graph = NamedNode(request.url.params["graph"])
            self.store.remove_graph(graph) if graph in self.store.named_graphs() else None
            self.store.load(request.content, format=RdfFormat.TURTLE, to_graph=graph)
            return httpx.Response(201)
        if "update" in form:
            self.store.update(form["update"])
            return httpx.Response(204)
        results = self.store.query(form["query"])
        return httpx.Response(
            200,
            content=results.serialize(format=QueryResultsFormat.JSON),
            headers={"Content-Type": "application/sparql-results+json"},
        )


def run(trig: Path, fake: FakeStore, endpoints: Endpoints = ENDPOINTS, **auth: str):
    with client(transport=httpx.MockTransport(fake), **auth) as http:
        return load(trig, endpoints, http)


def test_graph_store_put_replaces_each_graph(trig):
    fake = FakeStore()
    for _ in range(2):
        done, notices = run(trig, fake)
    assert [(d.iri, d.triples, d.method) for d in done] == [
        ("urn:g:a", 2, "graph store PUT"),
        ("urn:g:b", 1, "graph store PUT"),
    ]
    assert notices == []
    assert len(fake.store) == 3


@pytest.mark.parametrize("status", [404, 405, 501])
def test_a_refused_graph_store_falls_back_to_update(trig, status):
    fake = FakeStore(gsp_status=status)
    run(trig, fake)
    done, notices = run(trig, fake)
    assert {d.method for d in done} == {"SPARQL Update"}
    assert f"refused PUT (HTTP {status}: no graph store here)" in notices[0]
    assert len(fake.store) == 3
    updates = [r for r in fake.requests if r.url.path == "/update"]
    assert b"DROP+SILENT+GRAPH" in updates[0].content


def test_without_a_graph_store_url_updates_go_to_the_query_url(trig):
    fake = FakeStore()
    done, _ = run(trig, fake, Endpoints("http://store/query"))
    assert {d.method for d in done} == {"SPARQL Update"}
    assert {r.url.path for r in fake.requests} == {"/query"}
    assert len(fake.store) == 3


def test_basic_credentials_are_sent_when_the_server_asks_for_basic(trig):
    fake = FakeStore(basic=("ana", "secret"))
    run(trig, fake, user="ana", password="secret")
    assert len(fake.store) == 3
    assert fake.challenges == 1, "after the first challenge, credentials go with every request"


def test_refused_basic_credentials_are_one_clear_error(trig):
    with pytest.raises(FpkgError, match=r"^http://store/gsp refused the credentials \(HTTP 401\)$"):
        run(trig, FakeStore(basic=("ana", "secret")), user="ana", password="nope")


def test_digest_challenge_is_answered_with_digest():
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("authorization", ""))
        if not request.headers.get("authorization", "").startswith("Digest "):
            challenge = 'Digest realm="SPARQL", nonce="abc", qop="auth", algorithm="MD5"'
            return httpx.Response(401, headers={"WWW-Authenticate": challenge})
        return httpx.Response(200)

    with client("dba", "dba", transport=httpx.MockTransport(handler)) as http:
        assert http.get("http://store/x").status_code == 200
        assert http.get("http://store/y").status_code == 200
    assert seen[0] == ""
    assert seen[1].startswith('Digest username="dba", realm="SPARQL"')
    assert seen[2].startswith("Digest "), "the challenge is remembered"
    assert len(seen) == 3


def test_a_count_that_differs_after_loading_fails(trig):
    class Duplicating(FakeStore):
        def __call__(self, request: httpx.Request) -> httpx.Response:
            response = super().__call__(request)
            if request.url.path == "/gsp":
                self.store.add(
                    Quad(
                        NamedNode("urn:x"),
                        NamedNode("urn:y"),
                        NamedNode("urn:z"),
                        NamedNode("urn:g:b"),
                    )
                )
            return response

    with pytest.raises(FpkgError, match=r"<urn:g:b> holds 2, expected 1"):
        run(trig, Duplicating())


def test_a_rejected_graph_names_the_graph_and_the_servers_reason(trig):
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(400, text="Parser error at line 1: bad <urn:x> term")

    with (
        client(transport=httpx.MockTransport(handler)) as http,
        pytest.raises(FpkgError) as error,
    ):
        Loader(ENDPOINTS, http).load(read_graphs(trig))
    assert str(error.value) == (
        "http://store/gsp rejected graph <urn:g:a> (HTTP 400): "
        "Parser error at line 1: bad <urn:x> term"
    )


def test_html_error_pages_are_reduced_to_their_text():
    page = (
        "<html><head><title>failed</title></head><body><h1>HTTP/1.1 500 Request Failed</h1>"
        "<xmp>The PUT request for graph &lt;urn:g&gt; is rejected</xmp></body></html>"
    )
    response = httpx.Response(500, text=page, headers={"Content-Type": "text/html"})
    assert server_reason(response) == (
        "HTTP/1.1 500 Request Failed The PUT request for graph <urn:g> is rejected"
    )


def test_triples_outside_named_graphs_are_refused(tmp_path):
    path = tmp_path / "fpkg.trig"
    path.write_text("<urn:s> <urn:p> <urn:o> .\n", encoding="utf-8")
    with pytest.raises(FpkgError, match="outside any named graph"):
        read_graphs(path)


def test_a_missing_dump_says_to_build(tmp_path):
    with pytest.raises(FpkgError, match="run `fpkg build` first"):
        read_graphs(tmp_path / "fpkg.trig")


def test_progress_is_told_every_triple_once(trig):
    told: list[tuple[str, int]] = []
    for endpoints in (ENDPOINTS, Endpoints("http://store/query", None, "http://store/update")):
        told.clear()
        with client(transport=httpx.MockTransport(FakeStore())) as http:
            Loader(endpoints, http, lambda iri, n: told.append((iri, n))).load(read_graphs(trig))
        assert told == [("urn:g:a", 2), ("urn:g:b", 1)]
