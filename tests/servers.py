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


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def fpkg_server(root: Path, *options: str) -> Iterator[str]:
    """`fpkg serve --root root` with ``options`` on a free port: its base URL once it answers."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "fpkg.cli",
            "serve",
            "--root",
            str(root),
            "--port",
            str(port),
            *options,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(f"server exited: {process.stdout.read().decode()}")
            try:
                httpx.get(url + "/", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "server did not start within 60 s"
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextlib.contextmanager
def curate_server(root: Path) -> Iterator[str]:
    """`fpkg curate serve --root root` on a free port: its base URL once it answers."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "fpkg.cli", "curate", "serve", "--root", str(root), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(f"curation server exited: {process.stdout.read().decode()}")
            try:
                httpx.get(url + "/curate/", timeout=10)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "curation server did not start within 60 s"
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
