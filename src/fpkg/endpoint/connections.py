"""The HTTP server's guard against slow and idle clients: uvicorn, plus read time-outs.

uvicorn caps open connections (``limit_concurrency``) and closes idle keep-alive
connections, but waits for ever for a request whose headers or body never finish arriving;
:class:`GuardedProtocol` closes such a connection after the header or body time-out, and
answers a URL too long for the HTTP parser with 414 and the fix (send it as POST) instead of
uvicorn's ``Invalid HTTP request received.``. It is uvicorn's fastest protocol (httptools), on
uvloop.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

_TIMED_OUT = (
    b"HTTP/1.1 408 Request Timeout\r\nContent-Type: text/plain; charset=utf-8\r\n"
    b"Connection: close\r\nContent-Length: 37\r\n\r\nrequest not received within the time\n"
)


MAX_URL_BYTES = 65535
"""The longest request target httptools parses (its URL offsets are 16-bit)."""


def _too_long(length: int) -> bytes:
    reason = (
        f"request URL too long ({length:,} bytes; at most {MAX_URL_BYTES:,}): send it as POST, "
        "the query in the body (Content-Type: application/sparql-query or "
        "application/x-www-form-urlencoded)\n"
    ).encode()
    return (
        b"HTTP/1.1 414 URI Too Long\r\nContent-Type: text/plain; charset=utf-8\r\n"
        b"Connection: close\r\nContent-Length: " + str(len(reason)).encode() + b"\r\n\r\n" + reason
    )


@dataclass(frozen=True)
class ConnectionLimits:
    """How long and how many connections the server keeps."""

    header_timeout: float = 10.0
    """Seconds a request's headers may take to arrive, from the connection or the last answer."""
    body_timeout: float = 30.0
    """Seconds a request's body may take to arrive once its headers are in."""
    keep_alive: int = 5
    """Seconds an idle keep-alive connection stays open."""
    max_connections: int = 1000
    """Connections open at once; past them, requests are answered 503."""
    trust_forwarded: tuple[str, ...] = ()
    """Proxy addresses whose X-Forwarded-For header names the client; none by default."""


class GuardedProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, closing a connection whose request arrives too slowly."""

    header_timeout = ConnectionLimits.header_timeout
    body_timeout = ConnectionLimits.body_timeout

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._reading: asyncio.TimerHandle | None = None
        self._phase = "headers"
        self._arm(self.header_timeout)

    def on_headers_complete(self) -> None:
        super().on_headers_complete()
        self._phase = "body"
        self._arm(self.body_timeout)

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._phase = "done"
        self._disarm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and self._phase == "done":
            self._phase = "headers"
            self._arm(self.timeout_keep_alive + self.header_timeout)

    def send_400_response(self, msg: str) -> None:
        """uvicorn's answer to a request its parser refuses; 414 if the URL was too long."""
        if len(getattr(self, "url", b"")) > MAX_URL_BYTES:
            self._disarm()
            self.transport.write(_too_long(len(self.url)))
            self.transport.close()
            return
        super().send_400_response(msg)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self, seconds: float) -> None:
        self._disarm()
        self._reading = self.loop.call_later(seconds, self._timed_out)

    def _disarm(self) -> None:
        if self._reading is not None:
            self._reading.cancel()
            self._reading = None

    def _timed_out(self) -> None:
        self._reading = None
        if self.transport.is_closing() or self._phase == "done":
            return
        if self._phase == "headers":
            self.transport.write(_TIMED_OUT)
        self.transport.close()


def server_config(app: object, host: str, port: int, limits: ConnectionLimits) -> uvicorn.Config:
    """uvicorn's configuration for ``app`` with ``limits``."""
    protocol = type(
        "Protocol",
        (GuardedProtocol,),
        {"header_timeout": limits.header_timeout, "body_timeout": limits.body_timeout},
    )
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        http=protocol,
        loop="uvloop",
        timeout_keep_alive=limits.keep_alive,
        limit_concurrency=limits.max_connections,
        proxy_headers=bool(limits.trust_forwarded),
        forwarded_allow_ips=list(limits.trust_forwarded) or None,
    )
