"""Serve: a read-only SPARQL endpoint (rdflib-endpoint, YASGUI at ``/``) over the published graph."""

from __future__ import annotations

from pathlib import Path

import rdflib.plugins.sparql
from fastapi import FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from rdflib_endpoint import SparqlRouter

from fpkg import __version__
from fpkg.publish import read_published

# FROM / FROM NAMED must never make the server fetch a graph from the web.
rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False

TITLE = "Foreign Policy Knowledge Graph"
DESCRIPTION = (
    "Facts on Peru's foreign policy and the Lima Group, each linked to the words of the "
    "document that supports it. Read-only SPARQL 1.1 endpoint; the default graph is the "
    "union of the named graphs."
)


def example_queries(queries_dir: Path) -> dict[str, dict[str, str]]:
    """The ``.rq`` files of ``queries/`` as YASGUI tabs, titled by their ``# title:`` line."""
    examples = {}
    for path in sorted(queries_dir.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0] if text else ""
        title = (
            first.removeprefix("# title:").strip() if first.startswith("# title:") else path.stem
        )
        examples[title] = {"query": text}
    return examples


def create_app(
    graph_dir: Path, queries_dir: Path, public_url: str = "http://127.0.0.1:8000/"
) -> FastAPI:
    """The web application: YASGUI at ``/``, SPARQL at ``/sparql``, dumps at ``/dumps/``."""
    dataset = read_published(graph_dir)
    router = SparqlRouter(
        path="/sparql",
        title=TITLE,
        description=DESCRIPTION,
        version=__version__,
        graph=dataset,
        enable_update=False,
        public_url=public_url.rstrip("/") + "/sparql",
        example_queries=example_queries(queries_dir),
    )
    app = FastAPI(title=TITLE, description=DESCRIPTION, version=__version__)
    app.include_router(router)

    @app.get("/", include_in_schema=False)
    async def home(request: Request) -> Response:
        return router.serve_yasgui()

    app.mount(
        "/dumps",
        StaticFiles(directory=graph_dir, check_dir=True),
        name="dumps",
    )
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_credentials=False,
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["*"],
    )
    return app
