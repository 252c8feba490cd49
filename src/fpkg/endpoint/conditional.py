"""Validators and conditional GET: every answer derives from one build of the graph, so its
ETag is the dump's hash with the request, and its Last-Modified is the dump's time."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from urllib.parse import unquote_plus

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

TAGGED_HEADERS = ("accept", "accept-encoding", "host")
"""The request headers an answer may depend on, beside the method's target."""


@dataclass(frozen=True)
class Build:
    """The build the answers come from: the dump's SHA-256 and modification time."""

    digest: str
    modified: float

    @property
    def last_modified(self) -> str:
        """The modification time as an HTTP date."""
        return formatdate(self.modified, usegmt=True)

    def request_tag(self, scope: Scope) -> str | None:
        """A weak ETag for the answer to this request: the build and what the request asks;
        None if the answer may depend on more than the build (a query naming SERVICE)."""
        if "service" in unquote_plus(scope.get("query_string", b"").decode("latin-1")).lower():
            return None
        headers = Headers(scope=scope)
        asked = [scope["path"], scope.get("query_string", b"").decode("latin-1")]
        asked += [headers.get(name, "") for name in TAGGED_HEADERS]
        request = hashlib.sha256("\0".join(asked).encode("utf-8", "surrogateescape"))
        return f'W/"{self.digest[:16]}-{request.hexdigest()[:16]}"'


def _opaque(tag: str) -> str:
    return tag.removeprefix("W/")


def not_modified(headers: Headers, tag: str, build: Build) -> bool:
    """Whether a GET with these headers may be answered 304 (If-None-Match wins over
    If-Modified-Since, compared weakly, as RFC 9110 says)."""
    if_none_match = headers.get("if-none-match")
    if if_none_match is not None:
        tags = {_opaque(each.strip()) for each in if_none_match.split(",")}
        return "*" in tags or _opaque(tag) in tags
    if_modified_since = headers.get("if-modified-since")
    if if_modified_since is None:
        return False
    try:
        since = parsedate_to_datetime(if_modified_since).timestamp()
    except (TypeError, ValueError):
        return False
    return int(build.modified) <= since


class ConditionalGet:
    """ETag, Last-Modified and Cache-Control on successful GETs and HEADs; 304 before any
    work when the client's copy is current.

    ``tag_of`` gives a request's ETag (the dumps have the file's own), or None for an answer
    that is not to be validated; paths under ``skipped`` are left alone (assets that carry
    their own validators).
    """

    def __init__(
        self,
        app: ASGIApp,
        build: Build,
        tag_of: Callable[[Scope], str | None],
        cache_control: str = "public, max-age=600",
        skipped: tuple[str, ...] = ("/static/",),
    ) -> None:
        self.app = app
        self.build = build
        self.tag_of = tag_of
        self.cache_control = cache_control
        self.skipped = skipped

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] not in ("GET", "HEAD")
            or scope["path"].startswith(self.skipped)
        ):
            await self.app(scope, receive, send)
            return
        tag = self.tag_of(scope)
        if tag is None:
            await self.app(scope, receive, send)
            return
        validators = {
            "etag": tag,
            "last-modified": self.build.last_modified,
            "cache-control": self.cache_control,
        }
        if not_modified(Headers(scope=scope), tag, self.build):
            await send(
                {
                    "type": "http.response.start",
                    "status": 304,
                    "headers": [
                        (k.encode(), v.encode())
                        for k, v in {**validators, "vary": "Accept, Accept-Encoding"}.items()
                    ],
                }
            )
            await send({"type": "http.response.body", "body": b""})
            return

        async def validated(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] in (200, 206):
                headers = MutableHeaders(scope=message)
                for name, value in validators.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, validated)
