"""Errors in the format the client asked for: the application answers each error as one line
of text; browsers get it as an HTML page, clients that accept JSON as JSON, others as text."""

from __future__ import annotations

import json
from html import escape
from http import HTTPStatus

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fpkg.endpoint.media import HTML, negotiate

TEXT = "text/plain"
JSON = "application/json"
OFFERS = [TEXT, JSON, HTML]
"""Text for ``*/*`` and for clients that accept none of these."""


def render_error(status: int, reason: str, media_type: str) -> bytes:
    """The body of an error answer in ``media_type``."""
    if media_type == JSON:
        return json.dumps({"status": status, "error": reason}, ensure_ascii=False).encode()
    if media_type == HTML:
        phrase = escape(HTTPStatus(status).phrase)
        return (
            f"<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>{status} {phrase}"
            f"</title></head><body><h1>{status} {phrase}</h1><p>{escape(reason)}</p>"
            '<p><a href="/">Query the graph</a> · <a href="/dumps/">Dumps</a></p></body></html>\n'
        ).encode()
    return (reason + "\n").encode()


class ErrorFormat:
    """Re-renders the application's plain-text errors (status ≥ 400) as the client prefers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        wanted = negotiate(Headers(scope=scope).get("accept"), OFFERS) or TEXT
        start: Message | None = None
        body = bytearray()

        async def formatted(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                content_type = Headers(raw=message["headers"]).get("content-type", "")
                if message["status"] >= 400 and content_type.startswith(TEXT) and wanted != TEXT:
                    start = message
                    return
            if start is None:
                await send(message)
                return
            body.extend(message.get("body", b""))
            if message.get("more_body", False):
                return
            reason = body.decode("utf-8", "replace").strip()
            rendered = render_error(start["status"], reason, wanted)
            headers = MutableHeaders(scope=start)
            headers["content-type"] = f"{wanted}; charset=utf-8"
            headers["content-length"] = str(len(rendered))
            headers.add_vary_header("Accept")
            await send(start)
            await send({"type": "http.response.body", "body": rendered})

        await self.app(scope, receive, formatted)
