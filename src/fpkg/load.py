"""Load: the published named graphs into any SPARQL 1.1 store, replacing what it held of them.

Each named graph of ``graph/fpkg.trig`` is sent with the Graph Store HTTP Protocol (``PUT``,
which replaces the graph), or, when no graph store URL is given or the store refuses the
protocol, with SPARQL Update (``DROP SILENT GRAPH`` then ``INSERT DATA`` in chunks). Either
way a second load leaves the store as the first did. The store's triple count per graph is
checked afterwards through the query endpoint.
"""

from __future__ import annotations

import contextlib
import html
import re
import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
from pyoxigraph import NamedNode, RdfFormat, Triple, parse, serialize

from fpkg.errors import FpkgError, at

REFUSED_PROTOCOL = {403, 404, 405, 415, 501}
"""Answers to a graph store ``PUT`` that mean "not this way here": fall back to SPARQL Update."""

CHUNK_TRIPLES = 1000
"""Triples per ``INSERT DATA`` (Virtuoso fails on very long generated SQL past a few thousand)."""

COUNT_QUERY = (
    "SELECT ?g (COUNT(*) AS ?n) WHERE { VALUES ?g { GRAPHS } GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
)

Progress = Callable[[str, int], None]
"""Told the graph IRI and how many more of its triples the store now holds."""


@dataclass(frozen=True)
class NamedGraph:
    """One named graph of the published dataset."""

    iri: str
    triples: list[Triple]

    def ntriples(self, triples: list[Triple] | None = None) -> bytes:
        """The graph (or some of its triples) as N-Triples, which is also Turtle and SPARQL."""
        return serialize(self.triples if triples is None else triples, format=RdfFormat.N_TRIPLES)


@dataclass(frozen=True)
class Endpoints:
    """Where the store answers: SPARQL query, and optionally graph store and update URLs."""

    query: str
    graph_store: str | None = None
    update: str | None = None

    @property
    def update_url(self) -> str:
        """The update endpoint: the query endpoint itself unless another is given."""
        return self.update or self.query


@dataclass(frozen=True)
class Loaded:
    """What was done for one graph."""

    iri: str
    triples: int
    method: str
    seconds: float


def read_graphs(trig: Path) -> list[NamedGraph]:
    """The named graphs of a TriG file, in IRI order (default-graph triples are refused)."""
    if not trig.is_file():
        raise FpkgError("no published graph here: run `fpkg build` first", at(trig))
    graphs: dict[str, list[Triple]] = {}
    for quad in parse(path=trig, format=RdfFormat.TRIG):
        if not isinstance(quad.graph_name, NamedNode):
            raise FpkgError(f"a triple outside any named graph: {quad.triple}", at(trig))
        graphs.setdefault(quad.graph_name.value, []).append(quad.triple)
    return [NamedGraph(iri, graphs[iri]) for iri in sorted(graphs)]


class ChallengeAuth(httpx.Auth):
    """HTTP Basic or Digest, whichever the server's ``WWW-Authenticate`` challenge asks for."""

    def __init__(self, user: str, password: str) -> None:
        self._basic = httpx.BasicAuth(user, password)
        self._digest = httpx.DigestAuth(user, password)
        self._chosen: httpx.Auth | None = None

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._chosen is not None:
            yield from self._chosen.auth_flow(request)
            return
        response = yield request
        challenge = response.headers.get("www-authenticate", "").lower()
        if response.status_code != 401 or not challenge:
            return
        if not challenge.startswith("digest"):
            self._chosen = self._basic
            yield from self._basic.auth_flow(request)
            return
        self._chosen = self._digest
        flow = self._digest.auth_flow(request)
        next(flow)  # the unauthenticated request, already answered by this challenge
        try:
            retry = flow.send(response)
        except StopIteration:
            return
        response = yield retry
        with contextlib.suppress(StopIteration):
            flow.send(response)


def server_reason(response: httpx.Response, limit: int = 300) -> str:
    """The server's own words for an error, as plain text on one line."""
    text = response.text
    if "html" in response.headers.get("content-type", ""):
        text = re.sub(r"(?is)<(head|style|script)\b.*?</\1>", " ", text)
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text or response.reason_phrase


class Loader:
    """Sends named graphs to one store over one HTTP client."""

    def __init__(
        self, endpoints: Endpoints, client: httpx.Client, progress: Progress | None = None
    ) -> None:
        self.endpoints = endpoints
        self.client = client
        self.progress = progress or (lambda _iri, _n: None)
        self.use_graph_store = endpoints.graph_store is not None
        self.notices: list[str] = []

    def load(self, graphs: list[NamedGraph]) -> list[Loaded]:
        """Replace every graph in the store, then check the store's counts."""
        done = []
        for graph in graphs:
            started = time.perf_counter()
            method = self._put(graph) if self.use_graph_store else None
            if method is None:
                method = self._update(graph)
            done.append(
                Loaded(graph.iri, len(graph.triples), method, time.perf_counter() - started)
            )
        self.check_counts(graphs)
        return done

    def _put(self, graph: NamedGraph) -> str | None:
        url = self.endpoints.graph_store or ""
        response = self._send(
            "PUT",
            url,
            params={"graph": graph.iri},
            content=graph.ntriples(),
            headers={"Content-Type": "text/turtle; charset=utf-8"},
        )
        if response.status_code in REFUSED_PROTOCOL:
            self.use_graph_store = False
            self.notices.append(
                f"the graph store {url} refused PUT (HTTP {response.status_code}: "
                f"{server_reason(response, 120)}); using SPARQL Update at {self.endpoints.update_url}"
            )
            return None
        self._check(response, f"graph <{graph.iri}>")
        self.progress(graph.iri, len(graph.triples))
        return "graph store PUT"

    def _update(self, graph: NamedGraph) -> str:
        for index, chunk in enumerate(_chunks(graph.triples, CHUNK_TRIPLES)):
            data = graph.ntriples(chunk).decode("utf-8")
            statement = f"INSERT DATA {{ GRAPH <{graph.iri}> {{\n{data}}} }}"
            if index == 0:
                statement = f"DROP SILENT GRAPH <{graph.iri}> ;\n{statement}"
            response = self._send("POST", self.endpoints.update_url, data={"update": statement})
            self._check(response, f"graph <{graph.iri}>")
            self.progress(graph.iri, len(chunk))
        return "SPARQL Update"

    def check_counts(self, graphs: list[NamedGraph]) -> None:
        """Fail unless the store holds exactly the published number of triples per graph."""
        values = " ".join(f"<{g.iri}>" for g in graphs)
        query = COUNT_QUERY.replace("GRAPHS", values)
        held = {row["g"]: int(row["n"]) for row in self.select(query)}
        wrong = [
            f"<{g.iri}> holds {held.get(g.iri, 0)}, expected {len(g.triples)}"
            for g in graphs
            if held.get(g.iri, 0) != len(g.triples)
        ]
        if wrong:
            raise FpkgError("after loading, the store's triple counts differ: " + "; ".join(wrong))

    def select(self, query: str) -> list[dict[str, str]]:
        """A SELECT query's solutions, each term by its value (IRI or lexical form)."""
        response = self._send(
            "POST",
            self.endpoints.query,
            data={"query": query},
            headers={"Accept": "application/sparql-results+json"},
        )
        self._check(response, "a query")
        try:
            bindings = response.json()["results"]["bindings"]
        except (ValueError, KeyError, TypeError):
            raise FpkgError(
                f"{self.endpoints.query} did not answer with SPARQL JSON results "
                f"(Content-Type {response.headers.get('content-type', 'none')})"
            ) from None
        return [{name: term["value"] for name, term in row.items()} for row in bindings]

    def _send(self, method: str, url: str, **kwargs: object) -> httpx.Response:
        try:
            return self.client.request(method, url, **kwargs)  # type: ignore[arg-type]
        except httpx.TimeoutException:
            raise FpkgError(f"{url} did not answer in time") from None
        except httpx.TransportError as exc:
            raise FpkgError(f"cannot reach {url}: {exc}") from None

    def _check(self, response: httpx.Response, what: str) -> None:
        status, url = response.status_code, response.request.url.copy_with(query=None)
        if status < 400:
            return
        if status == 401:
            given = "authorization" in response.request.headers
            hint = "refused the credentials" if given else "needs credentials (--user, --password)"
            raise FpkgError(f"{url} {hint} (HTTP 401)")
        if status == 403:
            raise FpkgError(f"{url} forbids this (HTTP 403): {server_reason(response)}")
        raise FpkgError(f"{url} rejected {what} (HTTP {status}): {server_reason(response)}")


def _chunks(items: list[Triple], size: int) -> Iterator[list[Triple]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def client(
    user: str | None = None,
    password: str | None = None,
    timeout: float = 120.0,
    transport: httpx.BaseTransport | None = None,
) -> httpx.Client:
    """An HTTP client that answers Basic or Digest challenges when credentials are given."""
    auth = ChallengeAuth(user, password or "") if user is not None else None
    return httpx.Client(
        auth=auth,
        timeout=timeout,
        transport=transport,
        headers={"User-Agent": "fpkg-load"},
    )


def load(
    trig: Path,
    endpoints: Endpoints,
    http: httpx.Client,
    progress: Progress | None = None,
) -> tuple[list[Loaded], list[str]]:
    """Load every named graph of ``trig`` into the store; return what was done and notices."""
    loader = Loader(endpoints, http, progress)
    return loader.load(read_graphs(trig)), loader.notices
