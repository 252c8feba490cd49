"""Linked Data: every ``https://w3id.org/fpkg/id/…`` IRI at ``/id/…`` and the ontology at
``/ontology``, as HTML for browsers and as RDF by content negotiation."""

from __future__ import annotations

import functools
import threading
from pathlib import Path

import pyoxigraph as ox
from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from fpkg.endpoint.asof_page import answer_asof
from fpkg.endpoint.errors import ProtocolError
from fpkg.endpoint.media import HTML, JSON_LD, N_TRIPLES, TURTLE, negotiate, with_charset
from fpkg.endpoint.ontology_page import ontology_triples, pylode_html
from fpkg.endpoint.protocol import error_response
from fpkg.endpoint.resource import Description, describe
from fpkg.endpoint.resource_page import render
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


def linked_data_router(store: ox.Store, queries_dir: Path) -> APIRouter:
    """``/id/{path}`` and ``/ontology`` over the read-only ``store``; ``/id/{path}?asof=…``
    answers the as-of questions of ``queries_dir``."""
    router = APIRouter()
    documentation_lock = threading.Lock()

    @functools.cache
    def documentation() -> str:
        with documentation_lock:
            return pylode_html(ontology_triples(store))

    @router.get("/id/{path:path}", include_in_schema=False)
    async def resource(path: str, request: Request) -> Response:
        try:
            asof = "asof" in request.query_params
            media_type = "" if asof else _choose(request)
            iri = str(ID) + path
            try:
                node = ox.NamedNode(iri)
            except ValueError:
                raise ProtocolError(404, f"no such resource: {iri}") from None
            description: Description = await run_in_threadpool(describe, store, node)
            if description.is_empty:
                raise ProtocolError(404, f"no such resource: {iri}")
            if asof:
                return await run_in_threadpool(answer_asof, store, queries_dir, iri, request)
        except ProtocolError as error:
            return error_response(error)
        if media_type == HTML:
            timelines = await run_in_threadpool(timeline_section, store, description.node)
            return HTMLResponse(render(description, timelines), headers={"Vary": "Accept"})
        return _rdf(description.triples(), media_type)

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
