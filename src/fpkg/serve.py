"""Serve: the published graph over HTTP — YASGUI at ``/``, SPARQL at ``/sparql`` (executed by
Oxigraph worker processes), Linked Data at ``/id/…`` and ``/ontology``, dumps at ``/dumps/``."""

from __future__ import annotations

import atexit
import contextlib
import signal
import socket
import sys
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import pyoxigraph as ox
from fastapi import FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Scope

from fpkg import __version__
from fpkg.endpoint.compression import Compression
from fpkg.endpoint.conditional import Build, ConditionalGet
from fpkg.endpoint.connections import ConnectionLimits, server_config
from fpkg.endpoint.description import DESCRIPTION_TYPES, make_router
from fpkg.endpoint.direct import DirectRoute
from fpkg.endpoint.dumps import Dumps
from fpkg.endpoint.engine import Engine
from fpkg.endpoint.error_pages import OFFERS as ERROR_TYPES
from fpkg.endpoint.error_pages import ErrorFormat, render_error
from fpkg.endpoint.errors import ProtocolError
from fpkg.endpoint.examples import STATIC, example_queries
from fpkg.endpoint.fair_use import with_fair_use_note
from fpkg.endpoint.front_page import holdings, with_about
from fpkg.endpoint.head import HeadAsGet
from fpkg.endpoint.linked_data import linked_data_router
from fpkg.endpoint.media import HTML, negotiate, with_charset
from fpkg.endpoint.protocol import (
    CAPPED_HEADER,
    METHODS,
    error_response,
    sparql_handler,
    sparql_router,
)
from fpkg.endpoint.reload import LiveApp
from fpkg.endpoint.settings import Settings
from fpkg.endpoint.store import DUMP
from fpkg.endpoint.yasgui import yasgui_page
from fpkg.errors import FpkgError

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
    dumps = Dumps(graph_dir)
    dump = dumps.files[DUMP]
    build = Build(dump.sha256, dump.modified)

    def tag_of(scope: Scope) -> str | None:
        """The dump's own ETag for a dump, else one made of the build and the request."""
        name = scope["path"].removeprefix("/dumps/")
        if name != scope["path"]:
            accept_encoding = Headers(scope=scope).get("accept-encoding")
            return dumps.tag(name, accept_encoding) or build.request_tag(scope)
        return build.request_tag(scope)

    endpoint = public_url.rstrip("/") + "/sparql"
    router = make_router(
        store, endpoint, TITLE, DESCRIPTION, __version__, example_queries(queries_dir)
    )
    page = with_fair_use_note(
        with_about(yasgui_page(router, "static/yasgui/", "sparql"), settings, holdings(store)),
        settings,
    )
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
    sparql = sparql_handler(engine, describe_service)
    app.include_router(sparql_router(sparql))
    app.include_router(linked_data_router(store, queries_dir, lambda: build.digest))

    @app.get("/", include_in_schema=False)
    async def home() -> Response:
        return HTMLResponse(page)

    @app.exception_handler(StarletteHTTPException)
    async def framework_error(request: Request, error: StarletteHTTPException) -> Response:
        response = error_response(
            ProtocolError(error.status_code, _framework_reason(request, error))
        )
        response.headers.update(error.headers or {})
        return response

    @app.exception_handler(Exception)
    async def internal_error(request: Request, error: Exception) -> Response:
        # Answered outside the middleware (Starlette's outermost layer): formatted here.
        media_type = negotiate(request.headers.get("accept"), ERROR_TYPES) or ERROR_TYPES[0]
        body = render_error(500, "internal server error", media_type)
        return Response(body, status_code=500, media_type=with_charset(media_type))

    app.include_router(dumps.router())
    app.mount("/static", StaticFiles(directory=STATIC, check_dir=True), name="static")
    # Innermost first: queries skip the routing, errors are formatted, then compressed;
    # validators and HEAD wrap both.
    app.add_middleware(DirectRoute, path="/sparql", methods=METHODS, handler=sparql)
    app.add_middleware(ErrorFormat)
    app.add_middleware(Compression)
    app.add_middleware(ConditionalGet, build=build, tag_of=tag_of)
    app.add_middleware(HeadAsGet)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_credentials=False,
        allow_methods=["GET", "HEAD", "POST", "OPTIONS"],
        allow_headers=["*"],
        expose_headers=[CAPPED_HEADER, "ETag", "Last-Modified"],
    )
    return app


def create_live_app(
    graph_dir: Path,
    queries_dir: Path,
    public_url: str = "http://127.0.0.1:8000/",
    settings: Settings | None = None,
    store_dir: Path | None = None,
) -> LiveApp:
    """The web application of :func:`create_app`, made anew for each new build published
    into ``graph_dir`` (see :mod:`fpkg.endpoint.reload`). The first build's store may live
    in ``store_dir``; later builds load into temporary stores."""
    stores = iter([store_dir])

    def load() -> tuple[FastAPI, Callable[[], None]]:
        app = create_app(graph_dir, queries_dir, public_url, settings, next(stores, None))
        return app, app.state.engine.close

    return LiveApp(graph_dir, load)


def _framework_reason(request: Request, error: StarletteHTTPException) -> str:
    if error.status_code == 404:
        return f"no such page: {request.url.path}"
    if error.status_code == 405:
        allowed = (error.headers or {}).get("Allow", "")
        return f"method {request.method} not allowed on {request.url.path}; allowed: {allowed}"
    return f"{error.detail}"


def listen(host: str, port: int) -> socket.socket:
    """A socket bound and listening on ``host:port``; an FpkgError naming it if it cannot be."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        return socket.create_server((host, port), family=family, backlog=2048)
    except OSError as error:
        raise FpkgError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None


@contextlib.contextmanager
def stopped_by_terminate() -> Iterator[None]:
    """While the block runs, SIGTERM exits through ``SystemExit``, so clean-ups still run."""
    previous = signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(128 + number))
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run_server(app: object, server_socket: socket.socket, limits: ConnectionLimits) -> None:
    """Serve ``app`` on the already listening ``server_socket`` with the connection ``limits``
    until stopped."""
    import uvicorn

    host, port = server_socket.getsockname()[:2]
    uvicorn.Server(server_config(app, host, port, limits)).run(sockets=[server_socket])
