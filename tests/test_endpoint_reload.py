"""A running `fpkg serve` follows the builds published into graph/: a new build is served
without a restart while queries keep being answered; a dump that cannot be read is never
served (the previous build keeps answering)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from servers import free_port

from fpkg.sources import Paths

MARK = '<https://w3id.org/fpkg/id/test/reload-{n}> <http://www.w3.org/2000/01/rdf-schema#label> "reload {n}" <https://w3id.org/fpkg/graph/test> .\n'
ASK = 'ASK {{ GRAPH ?g {{ ?s <http://www.w3.org/2000/01/rdf-schema#label> "reload {n}" }} }}'


def publish(graph: Path, dump: bytes) -> None:
    """Publish ``dump`` as a build does: a whole new directory renamed into place."""
    new, old = graph.with_name("graph.new"), graph.with_name("graph.old")
    shutil.copytree(graph, new)
    (new / "fpkg.nq").write_bytes(dump)
    graph.rename(old)
    new.rename(graph)
    shutil.rmtree(old)


def ask(url: str, n: int) -> bool:
    response = httpx.post(
        url + "/sparql",
        data={"query": ASK.format(n=n)},
        headers={"Accept": "application/sparql-results+json"},
        timeout=60,
    )
    assert response.status_code == 200, response.text
    return bool(response.json()["boolean"])


@pytest.fixture
def server(scratch: Paths, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    port, log = free_port(), tmp_path / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "fpkg.cli", "serve", "--root", str(scratch.root), "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            assert process.poll() is None, log.read_text()
            try:
                httpx.get(url + "/", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield url, log
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_a_new_build_is_served_without_restart_and_a_broken_one_never(scratch, server):
    url, log = server
    graph = scratch.graph
    original = (graph / "fpkg.nq").read_bytes()
    assert not ask(url, 1)
    statuses: list[int] = []
    stop = threading.Event()

    def keep_asking(name: str) -> None:  # each its own client of the fair-use rules
        with httpx.Client(timeout=60, headers={"User-Agent": name}) as client:
            while not stop.is_set():
                response = client.get(
                    url + "/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o } LIMIT 5"}
                )
                statuses.append(response.status_code)

    askers = [threading.Thread(target=keep_asking, args=(f"asker {n}",)) for n in range(3)]
    for asker in askers:
        asker.start()
    try:
        publish(graph, original + MARK.format(n=1).encode())
        published = time.monotonic()
        while not ask(url, 1):
            assert time.monotonic() - published < 120, "the new build was not served"
            time.sleep(0.1)
        print(f"new build served {time.monotonic() - published:.1f} s after it was published")
        publish(graph, original + b"this is no N-Quads line\n")
        while b"is not served" not in log.read_bytes():
            assert time.monotonic() - published < 120, log.read_text()
            time.sleep(0.1)
        assert ask(url, 1), "the previous build keeps answering"
    finally:
        stop.set()
        for asker in askers:
            asker.join()
    assert statuses and set(statuses) == {200}, sorted(set(statuses))
    publish(graph, original + MARK.format(n=2).encode())
    published = time.monotonic()
    while not ask(url, 2):
        assert time.monotonic() - published < 120, "a build after a broken one is served"
        time.sleep(0.1)
    assert not ask(url, 1)
