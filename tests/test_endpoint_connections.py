"""Slow and idle clients: a request whose headers or body never finish arriving is closed,
and the server goes on answering others; a proxy's forwarded address is believed only when
the proxy is trusted."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import uvicorn

from fpkg.endpoint.connections import ConnectionLimits, server_config


async def hello(scope, receive, send) -> None:
    """A tiny ASGI app that reads the whole body and answers with its length."""
    if scope["type"] != "http":
        return
    size, more = 0, True
    while more:
        message = await receive()
        size += len(message.get("body", b""))
        more = message.get("more_body", False)
    body = f"{size}\n".encode()
    headers = [(b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def whoami(scope, receive, send) -> None:
    """A tiny ASGI app that answers with the client's address as the server sees it."""
    if scope["type"] != "http":
        return
    body = scope["client"][0].encode()
    headers = [(b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})


@contextmanager
def running(app, limits: ConnectionLimits) -> Iterator[tuple[str, int]]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(server_config(app, "127.0.0.1", port, limits))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        threading.Event().wait(0.05)
    try:
        yield "127.0.0.1", port
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def address() -> Iterator[tuple[str, int]]:
    with running(hello, ConnectionLimits(header_timeout=0.5, body_timeout=0.5, keep_alive=1)) as at:
        yield at


def received_until_closed(connection: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection (at most 30 s)."""
    connection.settimeout(30)
    data = b""
    while chunk := connection.recv(4096):
        data += chunk
    return data


def request(address: tuple[str, int], raw: bytes) -> bytes:
    with socket.create_connection(address) as connection:
        connection.sendall(raw)
        connection.shutdown(socket.SHUT_WR)
        return received_until_closed(connection)


def test_unfinished_headers_are_answered_408_and_closed(address):
    sockets = [socket.create_connection(address) for _ in range(20)]
    try:
        for connection in sockets:
            connection.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        answers = [received_until_closed(connection) for connection in sockets]
    finally:
        for connection in sockets:
            connection.close()
    assert all(answer.startswith(b"HTTP/1.1 408 ") for answer in answers)
    assert request(address, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").startswith(b"HTTP/1.1 200 ")


def test_a_connection_that_never_sends_is_closed(address):
    with socket.create_connection(address) as connection:
        assert received_until_closed(connection).startswith(b"HTTP/1.1 408 ")


def test_an_unfinished_body_is_closed(address):
    with socket.create_connection(address) as connection:
        connection.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789")
        assert b"200" not in received_until_closed(connection)


def test_a_complete_request_is_answered_and_an_idle_connection_closed(address):
    with socket.create_connection(address) as connection:
        connection.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc")
        answer = received_until_closed(connection)
    assert answer.startswith(b"HTTP/1.1 200 ") and answer.endswith(b"\r\n\r\n3\n")


@pytest.mark.parametrize("trusted, seen", [((), "127.0.0.1"), (("127.0.0.1",), "203.0.113.9")])
def test_the_forwarded_address_is_taken_only_from_a_trusted_proxy(trusted, seen):
    with running(whoami, ConnectionLimits(trust_forwarded=trusted)) as at:
        raw = b"GET / HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 203.0.113.9\r\nConnection: close\r\n\r\n"
        answer = request(at, raw)
    assert answer.split(b"\r\n\r\n", 1)[1].decode() == seen


def test_connections_past_the_cap_are_answered_503():
    with running(hello, ConnectionLimits(max_connections=2)) as at:
        held = [socket.create_connection(at) for _ in range(2)]
        try:
            answer = request(at, b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        finally:
            for connection in held:
                connection.close()
        assert answer.startswith(b"HTTP/1.1 503 ")
        for _ in range(100):  # until the server has seen the held connections go
            again = request(at, b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            if not again.startswith(b"HTTP/1.1 503 "):
                break
            threading.Event().wait(0.1)
    assert again.startswith(b"HTTP/1.1 200 ")


def test_a_url_too_long_to_parse_is_answered_414_send_it_as_post(address):
    query = b"SELECT%20*%20WHERE%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D%20%23" + b"x" * 70_000
    answer = request(address, b"GET /sparql?query=" + query + b" HTTP/1.1\r\nHost: x\r\n\r\n")
    head, body = answer.split(b"\r\n\r\n", 1)
    assert head.startswith(b"HTTP/1.1 414 ")
    assert body.decode().count("\n") == 1 and "send it as POST" in body.decode()
    assert "70,0" in body.decode()  # the URL's length, in bytes
    # a URL just under the limit is still parsed and answered
    fits = b"/" + b"x" * 60_000
    assert request(address, b"GET " + fits + b" HTTP/1.1\r\nHost: x\r\n\r\n").startswith(
        b"HTTP/1.1 200 "
    )
    # other malformed requests are still uvicorn's 400
    assert request(address, b"NOT HTTP AT ALL\r\n\r\n").startswith(b"HTTP/1.1 400 ")
