"""HEAD on every GET route: the GET answer's status and headers, without its body."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadAsGet:
    """Answers HEAD as GET with the body left out, so that both have the same headers.

    Paths under ``native`` already answer HEAD themselves (files: no body is read).
    """

    def __init__(self, app: ASGIApp, native: tuple[str, ...] = ("/dumps/", "/static/")) -> None:
        self.app = app
        self.native = native

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "HEAD"
            or scope["path"].startswith(self.native)
        ):
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] != "http.response.body":
                await send(message)
            elif not message.get("more_body", False):
                await send({"type": "http.response.body", "body": b"", "more_body": False})

        await self.app({**scope, "method": "GET"}, receive, headers_only)
