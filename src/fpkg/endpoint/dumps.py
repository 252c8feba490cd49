"""The published dumps at ``/dumps/``: a listing (size, SHA-256, format) and each file, with
a strong ETag (its SHA-256) and byte ranges.

A ``.gz`` dump is its RDF type with ``Content-Encoding: gzip``, so HTTP clients that accept
gzip (curl saves it as it is, ``curl --compressed`` and browsers unpack it) get the file's
bytes; a client that asks for no encoding (``Accept-Encoding: identity``, as Python's urllib
and so rdflib do) gets it unpacked.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from email.utils import formatdate
from html import escape
from pathlib import Path

from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, StreamingResponse
from starlette.concurrency import iterate_in_threadpool

from fpkg.endpoint.errors import ProtocolError
from fpkg.endpoint.media import HTML, negotiate, with_charset
from fpkg.endpoint.protocol import error_response
from fpkg.endpoint.store import file_sha256
from fpkg.publish import DUMPS, PUBLISHED, VOID_FILE

JSON = "application/json"
TURTLE = "text/turtle"


@dataclass(frozen=True)
class Dump:
    """One published file."""

    name: str
    path: Path
    size: int
    sha256: str
    media_type: str
    modified: float

    @property
    def gzipped(self) -> bool:
        """Whether the file is gzip-compressed."""
        return self.name.endswith(".gz")

    @property
    def format(self) -> str:
        """The RDF format of the (unpacked) file, by rdflib's name."""
        return "turtle" if self.name == VOID_FILE else DUMPS[self.name.removesuffix(".gz")][0]

    @property
    def etag(self) -> str:
        """A strong ETag: the file's SHA-256."""
        return f'"{self.sha256}"'


def find_dumps(graph_dir: Path) -> dict[str, Dump]:
    """The published files present in ``graph_dir``, by name."""
    found = {}
    for name in PUBLISHED:
        path = graph_dir / name
        if not path.is_file():
            continue
        stat = path.stat()
        media_type = TURTLE if name == VOID_FILE else DUMPS[name.removesuffix(".gz")][1]
        found[name] = Dump(name, path, stat.st_size, file_sha256(path), media_type, stat.st_mtime)
    return found


def accepts_gzip(accept_encoding: str | None) -> bool:
    """Whether ``Accept-Encoding`` allows gzip (no header at all allows any coding)."""
    if accept_encoding is None:
        return True
    for item in accept_encoding.split(","):
        coding, _, params = item.partition(";")
        if coding.strip().lower() in ("gzip", "x-gzip", "*"):
            key, _, quality = params.partition("=")
            try:
                return key.strip().lower() != "q" or float(quality) > 0
            except ValueError:
                return False
    return False


def _listing_html(dumps: dict[str, Dump]) -> str:
    rows = "\n".join(
        f'<tr><td><a href="{escape(d.name)}">{escape(d.name)}</a></td><td>{escape(d.format)}'
        f"{' (gzip)' if d.gzipped else ''}</td><td><code>{escape(d.media_type)}</code></td>"
        f"<td>{d.size:,}</td><td><code>{d.sha256}</code></td></tr>"
        for d in dumps.values()
    )
    void = (
        f'<p>The dataset\'s VoID and DCAT description: <a href="{VOID_FILE}">{VOID_FILE}</a>.</p>'
        if VOID_FILE in dumps
        else ""
    )
    return (
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>Dumps</title>"
        "<style>body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;"
        "padding:0 1rem}table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;"
        "padding:.3rem .6rem;text-align:left}code{font-size:.85em}</style></head><body>"
        "<h1>Dumps of the Foreign Policy Knowledge Graph</h1>"
        f"{void}<table><tr><th>file</th><th>format</th><th>media type</th><th>bytes</th>"
        f"<th>SHA-256</th></tr>\n{rows}\n</table>"
        '<p><a href="/">Query the graph (SPARQL)</a> · <a href="/ontology">Ontology</a></p>'
        "</body></html>"
    )


def _listing_json(dumps: dict[str, Dump]) -> bytes:
    files = [
        {
            "name": d.name,
            "url": d.name,
            "format": d.format,
            "mediaType": d.media_type,
            "contentEncoding": "gzip" if d.gzipped else None,
            "bytes": d.size,
            "sha256": d.sha256,
        }
        for d in dumps.values()
    ]
    return json.dumps({"description": VOID_FILE, "files": files}, indent=1).encode()


class Dumps:
    """The published files of ``graph_dir`` and how each is sent."""

    def __init__(self, graph_dir: Path) -> None:
        self.files = find_dumps(graph_dir)

    def unpacks(self, dump: Dump, accept_encoding: str | None) -> bool:
        """Whether ``dump`` is sent unpacked to a client with this ``Accept-Encoding``."""
        return dump.gzipped and not accepts_gzip(accept_encoding)

    def tag(self, name: str, accept_encoding: str | None) -> str | None:
        """The strong ETag of the file ``name`` as sent with this ``Accept-Encoding``."""
        dump = self.files.get(name)
        if dump is None:
            return None
        unpacked = self.unpacks(dump, accept_encoding)
        return f'"{dump.sha256}-identity"' if unpacked else f'"{dump.sha256}"'

    def router(self) -> APIRouter:
        """``/dumps/`` (the listing) and ``/dumps/{name}`` (each file)."""
        router = APIRouter()
        listing = _listing_html(self.files)

        @router.api_route("/dumps", methods=["GET", "HEAD"], include_in_schema=False)
        async def to_listing() -> Response:
            return RedirectResponse("/dumps/", status_code=301)

        @router.api_route("/dumps/", methods=["GET", "HEAD"], include_in_schema=False)
        async def dump_listing(request: Request) -> Response:
            media_type = negotiate(request.headers.get("accept"), [HTML, JSON])
            if media_type == JSON:
                body = _listing_json(self.files)
                return Response(body, media_type=JSON, headers={"Vary": "Accept"})
            return HTMLResponse(listing, headers={"Vary": "Accept"})

        @router.api_route("/dumps/{name}", methods=["GET", "HEAD"], include_in_schema=False)
        async def dump(name: str, request: Request) -> Response:
            found = self.files.get(name)
            if found is None:
                return error_response(ProtocolError(404, f"no such dump: {name}; see /dumps/"))
            accept_encoding = request.headers.get("accept-encoding")
            headers = {
                "ETag": self.tag(name, accept_encoding) or "",
                "Last-Modified": formatdate(found.modified, usegmt=True),
            }
            media_type = with_charset(found.media_type)
            if found.gzipped:
                headers["Vary"] = "Accept-Encoding"
                if self.unpacks(found, accept_encoding):
                    headers["Accept-Ranges"] = "none"
                    chunks = iterate_in_threadpool(_unpacked(found.path))
                    return StreamingResponse(chunks, media_type=media_type, headers=headers)
                headers["Content-Encoding"] = "gzip"
            return FileResponse(found.path, media_type=media_type, headers=headers)

        return router


def _unpacked(path: Path) -> Iterator[bytes]:
    """The unpacked bytes of a gzipped file, a block at a time."""
    with gzip.open(path, "rb") as stream:
        yield from iter(lambda: stream.read(1 << 16), b"")
