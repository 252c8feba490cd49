"""Safe by default: read-only, SERVICE only to the allow-list, FROM never fetched, queries
stopped at the time limit while others are answered, results capped."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from fpkg.endpoint.settings import Settings
from fpkg.serve import create_app

TIME_LIMIT = 3.0
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
ASK = "ASK { ?s a <https://w3id.org/fpkg/ontology#State> }"
JSON = {"Accept": "application/sparql-results+json"}
SERVICE_ANSWER = {
    "head": {"vars": ["x"]},
    "results": {"bindings": [{"x": {"type": "literal", "value": "from the service"}}]},
}


class Listener:
    """A local port that records every connection made to it and answers as a SPARQL endpoint."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.socket.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}/sparql"
        self.requests: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.socket.accept()
            except TimeoutError:
                continue
            with connection:
                connection.settimeout(5)
                request = b""
                while b"\r\n\r\n" not in request:
                    chunk = connection.recv(65536)
                    if not chunk:
                        break
                    request += chunk
                self.requests.append(request)
                body = json.dumps(SERVICE_ANSWER).encode()
                connection.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                    + f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
                    + body
                )

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.socket.close()


@pytest.fixture(scope="module")
def listeners() -> Iterator[tuple[Listener, Listener]]:
    forbidden, allowed = Listener(), Listener()
    yield forbidden, allowed
    forbidden.close()
    allowed.close()


@pytest.fixture(scope="module")
def app(root, listeners):
    settings = Settings(
        time_limit=TIME_LIMIT,
        service_allow=(listeners[1].url,),
        max_rows=5,
        max_bytes=4000,
        max_request_bytes=4096,
        workers=2,
    )
    app = create_app(root / "graph", root / "queries", settings=settings)
    yield app
    app.state.engine.close()


@pytest.fixture(scope="module")
def client(app) -> TestClient:
    return TestClient(app)


def refused(response, words: str) -> None:
    assert response.status_code == 403, response.text
    assert words in response.text and response.text.count("\n") == 1


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
        "PREFIX e: <{base}> SELECT * WHERE {{ service e:sparql {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ BIND(<{url}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
        "BASE <{base}> SELECT * WHERE {{ SERVICE <sparql> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ ?s ?p ?o . FILTER(?o != 'x') SERVICE<{url}>{{?a ?b ?c}} }}",
        "ASK {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    ],
)
def test_service_off_the_allow_list_makes_no_connection(client, listeners, query):
    forbidden, _ = listeners
    text = query.format(url=forbidden.url, base=forbidden.url.removesuffix("sparql"))
    refused(client.get("/sparql", params={"query": text}, headers=JSON), "SERVICE")
    refused(client.post("/sparql", data={"query": text}, headers=JSON), "SERVICE")
    time.sleep(0.1)
    assert forbidden.requests == []


def test_service_on_the_allow_list_is_called(client, listeners):
    _, allowed = listeners
    query = f"SELECT ?x WHERE {{ SERVICE <{allowed.url}> {{ ?x ?y ?z }} }}"
    response = client.get("/sparql", params={"query": query}, headers=JSON)
    assert response.status_code == 200, response.text
    assert response.json()["results"]["bindings"] == SERVICE_ANSWER["results"]["bindings"]
    assert len(allowed.requests) == 1


def test_from_and_dataset_parameters_never_fetch(client, listeners):
    forbidden, _ = listeners
    for params in (
        {"query": f"SELECT * FROM <{forbidden.url}> WHERE {{ ?s ?p ?o }}"},
        {"query": f"SELECT * FROM NAMED <{forbidden.url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"},
        {"query": "SELECT * WHERE { ?s ?p ?o }", "default-graph-uri": forbidden.url},
        {"query": "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": forbidden.url},
    ):
        response = client.get("/sparql", params=params, headers=JSON)
        assert response.status_code == 200 and response.json()["results"]["bindings"] == []
    time.sleep(0.1)
    assert forbidden.requests == []


def test_updates_and_load_are_refused(client, listeners):
    forbidden, _ = listeners
    insert = "INSERT DATA { <urn:x> <urn:y> <urn:z> }"
    load = f"LOAD <{forbidden.url}>"
    refused(client.get("/sparql", params={"query": insert}), "read-only")
    refused(client.get("/sparql", params={"query": load}), "read-only")
    refused(client.post("/sparql", data={"update": insert}), "read-only")
    refused(client.post("/sparql", data={"update": load}), "read-only")
    refused(
        client.post(
            "/sparql", content=load.encode(), headers={"Content-Type": "application/sparql-update"}
        ),
        "read-only",
    )
    refused(
        client.post(
            "/sparql", content=insert.encode(), headers={"Content-Type": "application/sparql-query"}
        ),
        "read-only",
    )
    time.sleep(0.1)
    assert forbidden.requests == []
    ask = client.get("/sparql", params={"query": "ASK { <urn:x> ?p ?o }"}, headers=JSON)
    assert ask.json()["boolean"] is False


def test_row_cap_is_marked(client):
    response = client.get(
        "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 50"}, headers=JSON
    )
    assert len(response.json()["results"]["bindings"]) == 5
    assert response.headers["fpkg-result-capped"] == "rows; limit=5"
    construct = client.get(
        "/sparql",
        params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
        headers={"Accept": "application/n-triples"},
    )
    assert len(construct.text.splitlines()) == 5
    assert construct.headers["fpkg-result-capped"] == "rows; limit=5"
    small = client.get("/sparql", params={"query": "SELECT * { ?s ?p ?o } LIMIT 5"}, headers=JSON)
    assert "fpkg-result-capped" not in small.headers


ROW_COUNTS = {
    "application/sparql-results+json": lambda body: len(json.loads(body)["results"]["bindings"]),
    "application/sparql-results+xml": lambda body: body.count(b"<result>"),
    "text/csv": lambda body: len(list(csv.reader(io.StringIO(body.decode())))) - 1,
    "text/tab-separated-values": lambda body: len(body.splitlines()) - 1,
}


@pytest.mark.parametrize("accept", ROW_COUNTS)
def test_row_cap_holds_in_every_format_and_a_result_within_it_is_oxigraphs_own(app, accept):
    client = TestClient(app)
    over = client.get(
        "/sparql", params={"query": "SELECT * { ?s ?p ?o } LIMIT 6"}, headers={"Accept": accept}
    )
    assert ROW_COUNTS[accept](over.content) == 5
    assert over.headers["fpkg-result-capped"] == "rows; limit=5"
    query = "SELECT * { ?s ?p ?o } LIMIT 5"
    within = client.get("/sparql", params={"query": query}, headers={"Accept": accept})
    assert "fpkg-result-capped" not in within.headers
    store = ox.Store.read_only(str(app.state.engine.store_path))
    fmt = ox.QueryResultsFormat.from_media_type(accept)
    assert within.content == store.query(query, use_default_graph_as_union=True).serialize(
        format=fmt
    )


@pytest.mark.parametrize(
    "accept",
    ["application/sparql-results+json", "application/sparql-results+xml", "text/csv"],
)
def test_byte_cap_is_marked_and_the_result_stays_well_formed(client, accept):
    query = "SELECT ?x WHERE { VALUES ?n { 1 2 3 4 } BIND(CONCAT(STR(?n), STRUUID(), STRUUID(), STRUUID(), STRUUID(), STRUUID(), STRUUID(), STRUUID(), STRUUID(), STRUUID(), STRUUID(), STRUUID(), STRUUID(), STRUUID(), STRUUID(), STRUUID(), STRUUID(), STRUUID(), STRUUID(), STRUUID(), STRUUID(), STRUUID(), STRUUID(), STRUUID(), STRUUID(), STRUUID(), STRUUID(), STRUUID(), STRUUID(), STRUUID(), STRUUID()) AS ?x) }"
    response = client.get("/sparql", params={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["fpkg-result-capped"] == "bytes; limit=4000"
    assert len(response.content) <= 4000
    if accept.endswith("json"):
        assert 1 <= len(response.json()["results"]["bindings"]) < 4


def test_request_size_is_capped(client):
    big = "ASK { ?s ?p ?o } #" + "x" * 5000
    assert client.post("/sparql", data={"query": big}).status_code == 413
    assert client.get("/sparql", params={"query": big}).status_code == 413
    response = client.post(
        "/sparql", content=big.encode(), headers={"Content-Type": "application/sparql-query"}
    )
    assert response.status_code == 413 and response.text.count("\n") == 1


def test_a_query_over_the_time_limit_is_stopped_while_others_are_answered(app):
    pool = app.state.engine.pool
    before = pool.pids

    async def scenario() -> tuple[httpx.Response, httpx.Response, float, bool]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://fpkg") as client:
            started = time.monotonic()
            slow = asyncio.create_task(
                client.get("/sparql", params={"query": SLOW}, headers={"User-Agent": "heavy"})
            )
            await asyncio.sleep(0.5)
            fast = await client.get("/sparql", params={"query": ASK}, headers=JSON)
            slow_still_running = not slow.done()
            slow_response = await slow
            return slow_response, fast, time.monotonic() - started, slow_still_running

    slow, fast, elapsed, slow_still_running = asyncio.run(scenario())
    assert fast.status_code == 200 and fast.json()["boolean"] is True
    assert slow_still_running, "the simple query waited for the slow one"
    assert slow.status_code == 503
    assert "time limit" in slow.text and slow.text.count("\n") == 1
    assert TIME_LIMIT <= elapsed < TIME_LIMIT + 20
    killed = before - pool.pids
    assert len(killed) == 1
    (pid,) = killed
    assert not os.path.exists(f"/proc/{pid}"), "the worker over time was not killed"
    deadline = time.monotonic() + 30
    while len(pool.pids) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(pool.pids) == 2, "the killed worker was not replaced"
    again = TestClient(app).get("/sparql", params={"query": ASK}, headers=JSON)
    assert again.json()["boolean"] is True
