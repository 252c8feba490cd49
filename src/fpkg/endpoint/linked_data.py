"""Linked Data: every ``https://w3id.org/fpkg/id/…`` IRI at ``/id/…`` and the ontology at
``/ontology``, as HTML for browsers and as RDF by content negotiation."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from fpkg.endpoint.asof_page import answer_asof
from fpkg.endpoint.errors import ProtocolError
from fpkg.endpoint.media import HTML, JSON_LD, N_TRIPLES, TURTLE, negotiate, with_charset
from fpkg.endpoint.ontology_page import ontology_triples, pylode_html
from fpkg.endpoint.page_cache import PageCache
from fpkg.endpoint.protocol import error_response
from fpkg.endpoint.resource import Description, describe
from fpkg.endpoint.resource_page import mention_pages, render
from fpkg.endpoint.search import find, fold, names, search_page
from fpkg.endpoint.timeline import timeline_section
from fpkg.namespaces import ID, PREFIXES

RDF_TYPES = {
    TURTLE: ox.RdfFormat.TURTLE,
    JSON_LD: ox.RdfFormat.JSON_LD,
    N_TRIPLES: ox.RdfFormat.N_TRIPLES,
}
OFFERS = [TURTLE, HTML, JSON_LD, N_TRIPLES, "application/json"]
"""Turtle for ``*/*``; browsers say they prefer HTML; plain JSON clients get JSON-LD."""
_PREFIXES = {name: str(namespace) for name, namespace in PREFIXES.items()}


def _rdf(triples: list[ox.Triple], media_type: str) -> Response:
    prefixes = _PREFIXES if media_type == TURTLE else None
    body = ox.serialize(triples, format=RDF_TYPES[media_type], prefixes=prefixes)
    return Response(body, media_type=with_charset(media_type), headers={"Vary": "Accept"})


def _choose(request: Request) -> str:
    media_type = negotiate(request.headers.get("accept"), OFFERS)
    if media_type is None:
        raise ProtocolError(
            406, f"cannot answer in any type of Accept; offered: {', '.join(OFFERS)}"
        )
    return JSON_LD if media_type == "application/json" else media_type


def _page_number(request: Request) -> int:
    """The page of a resource's mentions asked for (``?page=N``, from 1)."""
    text = request.query_params.get("page", "1")
    if not text.isdigit() or int(text) < 1:
        raise ProtocolError(400, f"page={text} is not a page number: give a whole number from 1")
    return int(text)


def _resource_page(store: ox.Store, description: Description, page: int) -> str:
    """The HTML page of a resource, or a 404 for a page of mentions past the last."""
    pages = mention_pages(description)
    if page > pages:
        raise ProtocolError(404, f"no page {page}: the mentions take {pages} page(s)")
    return render(description, timeline_section(store, description.node), page)


def linked_data_router(
    store: ox.Store, queries_dir: Path, identity: Callable[[], str]
) -> APIRouter:
    """``/id/{path}`` and ``/ontology`` over the read-only ``store``; ``/id/{path}?asof=…``
    answers the as-of questions of ``queries_dir``. HTML pages are rendered once per dump,
    ``identity`` naming the dump the store holds now (its SHA-256)."""
    router = APIRouter()
    pages = PageCache(identity)

    def documentation() -> str:
        return pages.page("/ontology", lambda: pylode_html(ontology_triples(store)))

    # pyLODE takes a second or two: the ontology's page is rendered while the server starts,
    # not when its first reader asks.
    threading.Thread(target=documentation, name="ontology-page", daemon=True).start()

    def search_results(query: str) -> str:
        known = pages.page("names", lambda: names(store))  # type: ignore[arg-type, return-value]
        return search_page(query, find(known, query))  # type: ignore[arg-type]

    @router.get("/search", include_in_schema=False)
    async def search(request: Request, q: str = "") -> Response:
        if not q.strip():
            return error_response(ProtocolError(400, "no name to find: give one as ?q=…"))
        key = ("search", fold(q))
        html = await run_in_threadpool(pages.page, key, lambda: search_results(q))
        return HTMLResponse(html)

    @router.get("/id/{path:path}", include_in_schema=False)
    async def resource(path: str, request: Request) -> Response:
        try:
            asof = "asof" in request.query_params
            media_type = "" if asof else _choose(request)
            page = _page_number(request)
            iri = str(ID) + path
            try:
                node = ox.NamedNode(iri)
            except ValueError:
                raise ProtocolError(404, f"no such resource: {iri}") from None
            if media_type == HTML and not asof:
                html = await run_in_threadpool(
                    pages.page, (iri, page), lambda: html_page(node, page)
                )
                return HTMLResponse(html, headers={"Vary": "Accept"})
            description: Description = await run_in_threadpool(describe, store, node)
            if description.is_empty:
                raise ProtocolError(404, f"no such resource: {iri}")
            if asof:
                return await run_in_threadpool(answer_asof, store, queries_dir, iri, request)
        except ProtocolError as error:
            return error_response(error)
        return _rdf(description.triples(), media_type)

    def html_page(node: ox.NamedNode, page: int) -> str:
        description = describe(store, node)
        if description.is_empty:
            raise ProtocolError(404, f"no such resource: {node.value}")
        return _resource_page(store, description, page)

    @router.get("/ontology", include_in_schema=False)
    async def ontology(request: Request) -> Response:
        try:
            media_type = _choose(request)
        except ProtocolError as error:
            return error_response(error)
        if media_type == HTML:
            html = await run_in_threadpool(documentation)
            return HTMLResponse(html, headers={"Vary": "Accept"})
        return _rdf(await run_in_threadpool(ontology_triples, store), media_type)

    return router
