"""Starting servers in tests: a free loopback port, and `fpkg serve` running until the block ends."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest


def select(url: str, query: str) -> list[dict]:
    """The rows of a SELECT ``query`` POSTed to the server at ``url`` (its SPARQL JSON bindings)."""
    response = httpx.post(
        url + "/sparql",
        data={"query": query},
        headers={"Accept": "application/sparql-results+json"},
        timeout=60,
    )
    assert response.status_code == 200, response.text
    return response.json()["results"]["bindings"]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def fpkg_server(root: Path, *options: str) -> Iterator[str]:
    """`fpkg serve --root root` with ``options`` on a free port: its base URL once it answers."""
    with fpkg_command(["serve", "--root", str(root), *options], "/") as url:
        yield url


@contextlib.contextmanager
def curate_server(root: Path) -> Iterator[str]:
    """`fpkg curate serve --root root` on a free port: its base URL once it answers."""
    with fpkg_command(["curate", "serve", "--root", str(root)], "/curate/") as url:
        yield url


@contextlib.contextmanager
def fpkg_command(arguments: list[str], probe: str) -> Iterator[str]:
    """An `fpkg` server command with ``--port`` a free port, until the block ends: its base
    URL once ``probe`` answers (within 60 s, else the test fails with what it printed)."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "fpkg.cli", *arguments, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(f"fpkg {arguments[0]} exited: {process.stdout.read().decode()}")
            try:
                httpx.get(url + probe, timeout=10)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, f"fpkg {arguments[0]} did not start within 60 s"
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
