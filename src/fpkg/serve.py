"""Serve: the published graph over HTTP — YASGUI at ``/``, SPARQL at ``/sparql`` (executed by
Oxigraph worker processes), Linked Data at ``/id/…`` and ``/ontology``, dumps at ``/dumps/``."""

from __future__ import annotations

import atexit
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pyoxigraph as ox
from fastapi import FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from fpkg import __version__
from fpkg.endpoint.description import DESCRIPTION_TYPES, make_router
from fpkg.endpoint.engine import Engine
from fpkg.endpoint.errors import ProtocolError
from fpkg.endpoint.examples import STATIC, example_queries
from fpkg.endpoint.fair_use import with_fair_use_note
from fpkg.endpoint.linked_data import linked_data_router
from fpkg.endpoint.media import HTML, negotiate, with_charset
from fpkg.endpoint.protocol import CAPPED_HEADER, error_response, sparql_router
from fpkg.endpoint.settings import Settings
from fpkg.endpoint.yasgui import yasgui_page

TITLE = "Foreign Policy Knowledge Graph"
DESCRIPTION = (
    "Facts on Peru's foreign policy and the Lima Group, each linked to the words of the "
    "document that supports it. Read-only SPARQL 1.1 endpoint; the default graph is the "
    "union of the named graphs."
)


def create_app(
    graph_dir: Path,
    queries_dir: Path,
    public_url: str = "http://127.0.0.1:8000/",
    settings: Settings | None = None,
    store_dir: Path | None = None,
) -> FastAPI:
    """The web application; its query workers stop at shutdown (or at exit)."""
    settings = settings or Settings()
    engine = Engine(graph_dir, settings, store_dir)
    atexit.register(engine.close)
    store = ox.Store.read_only(str(engine.store_path))
    endpoint = public_url.rstrip("/") + "/sparql"
    router = make_router(
        store, endpoint, TITLE, DESCRIPTION, __version__, example_queries(queries_dir)
    )
    page = with_fair_use_note(yasgui_page(router, "static/yasgui/", "sparql"), settings)
    descriptions: dict[str, bytes] = {
        media_type: router.service_description.serialize(format=fmt, encoding="utf-8")
        for media_type, fmt in DESCRIPTION_TYPES.items()
    }

    def describe_service(request: Request) -> Response:
        offers = [*descriptions, HTML]
        media_type = negotiate(request.headers.get("accept"), offers)
        if media_type is None:
            return error_response(
                ProtocolError(
                    406,
                    f"cannot describe the service in any type of Accept; offered: {', '.join(offers)}",
                )
            )
        if media_type == HTML:
            return HTMLResponse(page)
        return Response(descriptions[media_type], media_type=with_charset(media_type))

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        engine.close()

    app = FastAPI(title=TITLE, description=DESCRIPTION, version=__version__, lifespan=lifespan)
    app.state.engine = engine
    app.include_router(sparql_router(engine, describe_service))
    app.include_router(linked_data_router(store))

    @app.get("/", include_in_schema=False)
    async def home() -> Response:
        return HTMLResponse(page)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, error: Exception) -> Response:
        return error_response(ProtocolError(500, "internal server error"))

    app.mount("/dumps", StaticFiles(directory=graph_dir, check_dir=True), name="dumps")
    app.mount("/static", StaticFiles(directory=STATIC, check_dir=True), name="static")
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_credentials=False,
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["*"],
        expose_headers=[CAPPED_HEADER],
    )
    return app
