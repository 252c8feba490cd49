"""``fpkg curate serve``: the curation web app, a local app apart from the public endpoint
(its routes are never mounted on ``fpkg serve``). Pages are rendered here; the document page
is driven by ``static/curate/curate.js`` (no network but this server).

Every POST needs this run's token (``X-Curate-Token``, written into the pages) and comes
from the app's own origin (``Origin``, or else ``Referer``) to a host name the app answers
to, so that another site open in the same browser cannot make decisions."""

from __future__ import annotations

import html
import json
import re
import secrets
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from fpkg.curation import (
    Change,
    add_fact,
    attach_time,
    check_date,
    new_entity,
    not_a_time,
    set_state,
)
from fpkg.curation_state import Workspace, entity_fields, path_inside, record_fields
from fpkg.errors import FpkgError
from fpkg.sources import Paths
from fpkg.wikidata_search import API, confirm, search

STATIC = Path(__file__).parent / "static" / "curate"
TOKEN_HEADER = "x-curate-token"
LOCATION = re.compile(r"((?:data|corpus)/[\w./-]+\.(?:yaml|txt)):(\d+)")


class BuildRun:
    """One `fpkg build` at a time, run as a child process; its state for the page."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._lock = threading.Lock()
        self.state: dict[str, Any] = {"state": "idle"}

    def start(self) -> bool:
        with self._lock:
            if self.state["state"] == "running":
                return False
            self.state = {"state": "running", "started": time.time()}
        threading.Thread(target=self._run, daemon=True).start()
        return True

    def _run(self) -> None:
        command = [sys.executable, "-m", "fpkg.cli", "build", "--root", str(self.root)]
        done = subprocess.run(command, cwd=self.root, capture_output=True, text=True)
        seconds = time.time() - self.state["started"]
        if done.returncode == 0:
            result = {
                "state": "built",
                "line": done.stdout.splitlines()[0] if done.stdout else "built",
            }
        else:
            error = done.stderr.strip().splitlines() or ["the build failed"]
            line = next((x for x in error if x.startswith("fpkg: error:")), error[-1])
            result = {"state": "failed", "line": line, "details": "\n".join(error[1:])[:4000]}
            found = LOCATION.search(done.stderr)
            if found:
                result["link"] = f"/curate/source?path={quote(found[1])}&line={found[2]}"
        with self._lock:
            self.state = {**result, "seconds": round(seconds, 1)}

    def status(self) -> dict[str, Any]:
        with self._lock:
            state = dict(self.state)
        if state["state"] == "running":
            state["seconds"] = round(time.time() - state["started"], 1)
        return state


def create_curation_app(
    paths: Paths, allowed_hosts: set[str], token: str | None = None, wikidata_api: str = API
) -> FastAPI:
    """The curation app over ``paths``; ``allowed_hosts`` are the ``host:port`` values it
    answers POSTs for (the address it listens on); ``wikidata_api`` is asked only when the
    curator clicks "find on Wikidata"."""
    token = token or secrets.token_urlsafe(24)
    workspace = Workspace(paths)
    builds = BuildRun(paths.root)
    undo: dict[str, list[Change]] = {}
    app = FastAPI(title="fpkg curation", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.token = token

    @app.middleware("http")
    async def same_origin(request: Request, call_next: Any) -> Response:
        if request.method not in ("GET", "HEAD"):
            refusal = _refusal(request, token, allowed_hosts)
            if refusal:
                return JSONResponse({"error": refusal}, status_code=403)
        return await call_next(request)

    @app.exception_handler(FpkgError)
    async def curation_error(request: Request, error: FpkgError) -> Response:
        return JSONResponse({"error": str(error)}, status_code=400)

    @app.get("/curate/", response_class=HTMLResponse)
    def index() -> str:
        return _index_page(workspace, token)

    @app.get("/curate/source", response_class=HTMLResponse)
    def source(path: str, line: int = 0) -> Response:
        found = path_inside(paths.root, path)
        if found is None:
            return HTMLResponse(
                _page("Not found", f"<p>No file {html.escape(path)} here.</p>", token), 404
            )
        return HTMLResponse(_source_page(path, found.read_text(encoding="utf-8"), line, token))

    @app.get("/curate/build")
    def build_status() -> dict[str, Any]:
        return builds.status()

    @app.post("/curate/build")
    def build_start() -> dict[str, Any]:
        builds.start()
        return builds.status()

    @app.get("/curate/{doc_id}", response_class=HTMLResponse)
    def document(doc_id: str) -> Response:
        try:
            state = workspace.document(doc_id)
        except KeyError:
            return HTMLResponse(
                _page("Not found", f"<p>No document {html.escape(doc_id)}.</p>", token), 404
            )
        data = {
            **state,
            "catalog": workspace.catalog(),
            "concepts": workspace.concepts(),
            "fields": record_fields(),
            "entityFields": entity_fields(),
            "undo": len(undo.get(doc_id, [])),
        }
        return HTMLResponse(_document_page(data, token))

    @app.get("/curate/{doc_id}/data")
    def document_data(doc_id: str) -> dict[str, Any]:
        return {
            **workspace.document(doc_id),
            "undo": len(undo.get(doc_id, [])),
            "catalog": workspace.catalog(),
        }

    def done(doc_id: str, change: Change) -> dict[str, Any]:
        undo.setdefault(doc_id, []).append(change)
        return {"done": change.description, **document_data(doc_id)}

    @app.post("/curate/{doc_id}/decide")
    def decide(doc_id: str, body: dict[str, Any]) -> dict[str, Any]:
        status = body.get("status")
        if status not in ("accepted", "rejected", "proposed"):
            raise FpkgError("status must be accepted, rejected or proposed")
        record = body.get("record")
        if record is not None:
            record = _checked_record(record)
        return done(doc_id, set_state(paths, doc_id, str(body.get("signature")), status, record))

    @app.post("/curate/{doc_id}/add")
    def add(doc_id: str, body: dict[str, Any]) -> dict[str, Any]:
        start, end = _offsets(body)
        entities = [
            new_entity(
                str(e["kind"]),
                str(e["label"]),
                str(e.get("language") or "en"),
                _checked_record(e.get("fields") or {}, need_id=False),
            )
            for e in body.get("entities") or []
        ]
        fields = _checked_record(
            {"id": body.get("id") or None, **(body.get("fields") or {})}, need_id=False
        )
        text = workspace.document(doc_id)["text"]
        if body.get("quote") is not None and text[start:end] != body["quote"]:
            raise FpkgError(
                f"offsets {start}-{end} do not hold the selected words {body['quote']!r}"
            )
        return done(
            doc_id, add_fact(paths, doc_id, str(body.get("kind")), fields, start, end, entities)
        )

    @app.post("/curate/{doc_id}/not-a-time")
    def not_time(doc_id: str, body: dict[str, Any]) -> dict[str, Any]:
        start, end = _offsets(body)
        change = not_a_time(paths, doc_id, start, end, str(body.get("reason") or ""))
        return done(doc_id, change)

    @app.post("/curate/{doc_id}/attach")
    def attach(doc_id: str, body: dict[str, Any]) -> dict[str, Any]:
        times = _checked_record(body.get("times") or {}, need_id=False)
        start, end = _offsets(body)
        change = attach_time(paths, doc_id, str(body.get("fact")), start, end, times)
        return done(doc_id, change)

    @app.post("/curate/wikidata/search")
    def wikidata_search(body: dict[str, Any]) -> dict[str, Any]:
        request, items = search(
            str(body.get("name") or ""), str(body.get("language") or "en"), wikidata_api
        )
        return {"request": request, "items": items}

    @app.post("/curate/{doc_id}/wikidata-confirm")
    def wikidata_confirm(doc_id: str, body: dict[str, Any]) -> dict[str, Any]:
        request = str(body.get("request") or "")
        if not request.startswith(wikidata_api + "?"):
            raise FpkgError("the confirmation must name the search request that found the item")
        change = confirm(
            paths,
            doc_id,
            str(body["entity"]),
            str(body["qid"]),
            str(body.get("label") or ""),
            request,
        )
        return done(doc_id, change)

    @app.post("/curate/{doc_id}/undo")
    def undo_last(doc_id: str) -> dict[str, Any]:
        stack = undo.get(doc_id, [])
        if not stack:
            raise FpkgError("nothing to undo")
        change = stack.pop()
        change.undo()
        return {"done": f"undone: {change.description}", **document_data(doc_id)}

    app.mount("/curate/static", StaticFiles(directory=STATIC), name="curate-static")
    return app


def _refusal(request: Request, token: str, allowed_hosts: set[str]) -> str | None:
    """Why a POST is refused, or None."""
    host = request.headers.get("host", "")
    if host not in allowed_hosts:
        return f"refused: this app answers for {', '.join(sorted(allowed_hosts))}, not {host!r}"
    origin = request.headers.get("origin")
    if origin is None:
        referer = request.headers.get("referer")
        if referer is None:
            return "refused: the request names no Origin or Referer"
        parts = urlsplit(referer)
        origin = f"{parts.scheme}://{parts.netloc}"
    if origin != f"http://{host}":
        return f"refused: a request from {origin} is not from this app"
    if not secrets.compare_digest(request.headers.get(TOKEN_HEADER, ""), token):
        return "refused: the request lacks this run's token; reload the page"
    return None


def _offsets(body: dict[str, Any]) -> tuple[int, int]:
    """The ``start`` and ``end`` of the words a request names, in code points."""
    try:
        return int(body["start"]), int(body["end"])
    except (KeyError, TypeError, ValueError):
        raise FpkgError("the request needs the words' `start` and `end` (whole numbers)") from None


def _checked_record(record: Any, need_id: bool = True) -> dict[str, Any]:
    """A record from the page: a mapping of fields, empty values dropped, dates checked."""
    if not isinstance(record, dict):
        raise FpkgError("the record must be a mapping of fields")
    cleaned: dict[str, Any] = {}
    for name, value in record.items():
        if isinstance(value, list):
            value = [v for v in (str(x).strip() for x in value) if v]
        elif isinstance(value, str):
            value = value.strip()
        if value in ("", [], None):
            continue
        if name in ("date", "from", "to"):
            value = check_date(str(value))
        cleaned[str(name)] = value
    if need_id and not cleaned.get("id"):
        raise FpkgError("the record needs an `id`")
    return cleaned


def _page(title: str, body: str, token: str, script: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="curate-token" content="{token}">
<title>{html.escape(title)} · fpkg curation</title>
<link rel="stylesheet" href="/curate/static/curate.css">
</head><body>
<header><a href="/curate/">fpkg curation</a> <span class="title">{html.escape(title)}</span>
<span class="build"><button id="build" type="button">Build</button> <span id="build-status"></span></span></header>
{body}
<script src="/curate/static/build.js"></script>
{script}
</body></html>"""


def _index_page(workspace: Workspace, token: str) -> str:
    rows = []
    for s in workspace.summaries():
        todos = "?" if s.todos is None else str(s.todos)
        rows.append(
            f'<tr><td><a href="/curate/{quote(s.id)}">{html.escape(s.id)}</a></td>'
            f"<td>{html.escape(s.title)}</td><td class=n>{s.counts['proposed']}</td>"
            f"<td class=n>{s.counts['accepted']}</td><td class=n>{s.counts['rejected']}</td>"
            f"<td class=n>{todos}</td></tr>"
        )
    table = (
        "<table class=documents><thead><tr><th>document</th><th>title</th><th>proposed</th>"
        "<th>accepted</th><th>rejected</th><th>time to-dos</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
        "<p class=hint>A document without proposals: run <code>fpkg propose ID</code> first. "
        "Time to-dos are the dates and periods of a document that no fact carries yet.</p>"
    )
    return _page("Documents", f"<main>{table}</main>", token)


def _document_page(data: dict[str, Any], token: str) -> str:
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    body = """<main class=document>
<section id=text-pane><div id=problem hidden></div><div id=text></div></section>
<aside id=side>
  <div id=message role=status></div>
  <p class=keys><kbd>j</kbd>/<kbd>k</kbd> move · <kbd>a</kbd> accept · <kbd>r</kbd> reject ·
  <kbd>e</kbd> edit · <kbd>u</kbd> undo · select words to add a fact</p>
  <form id=editor hidden></form>
  <h2>Time to-dos <span id=todo-count></span></h2><ol id=todos></ol>
  <h2>Proposals <span id=counts></span></h2><ol id=proposals></ol>
</aside></main>"""
    script = f"""<script id=state type="application/json">{payload}</script>
<script src="/curate/static/curate.js"></script>"""
    return _page(str(data["id"]), body, token, script)


def _source_page(name: str, text: str, line: int, token: str) -> str:
    rows = []
    for number, content in enumerate(text.splitlines(), start=1):
        mark = " class=target id=target" if number == line else ""
        rows.append(
            f"<tr{mark}><td class=n>{number}</td><td><pre>{html.escape(content)}</pre></td></tr>"
        )
    body = f"<main><h1>{html.escape(name)}</h1><table class=source>{''.join(rows)}</table></main>"
    return _page(name, body, token)
