"""Benchmark: where fpkg's fixed cost per query goes, beside ``oxigraph serve-read-only``.

One small example query, sent again and again by one client over HTTP on loopback to:
an empty ASGI app on uvicorn (the same configuration as ``fpkg serve``), a bare FastAPI
route, ``fpkg serve`` and Oxigraph's server; then the same query given to one query worker
over its pipe, and run in-process. Prints the CPU time per request of each (server process
and its workers apart), less noisy than wall time on a shared machine: the floor any server
on this stack pays, beside Oxigraph's whole request.

    .venv/bin/python bench/endpoint_floor.py [--requests 1000] [--query migration-figures]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import httpx
from endpoint import (
    ACCEPT,
    ROOT,
    Server,
    cpu_seconds,
    example_queries,
    fpkg_server,
    free_port,
    oxigraph_server,
    started,
)
from fastapi import FastAPI, Request, Response
from starlette.types import Receive, Scope, Send

BODY = b"x" * 1333
"""About the size of the example query's answer."""


async def empty_app(scope: Scope, receive: Receive, send: Send) -> None:
    """The least an ASGI app can do: read the request, answer a fixed body."""
    if scope["type"] == "lifespan":
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})
        return
    while (await receive()).get("more_body", False):
        pass
    headers = [(b"content-type", b"application/sparql-results+json")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": BODY})


def bare_fastapi() -> FastAPI:
    """A FastAPI app with one route reading the body and answering a fixed one."""
    app = FastAPI()

    @app.post("/sparql")
    async def answer(request: Request) -> Response:
        await request.body()
        return Response(BODY, media_type="application/sparql-results+json")

    return app


def own_cpu(pid: int) -> float:
    """CPU time used so far by process ``pid`` alone."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def per_request(server: Server, query: str, requests: int) -> tuple[float, float]:
    """CPU milliseconds per request of the server's process and of its workers."""
    pid = server.process.pid if server.process else 0
    with httpx.Client() as client:
        for _ in range(50):
            client.post(server.url, data={"query": query}, headers=ACCEPT).raise_for_status()
        own, total = own_cpu(pid), cpu_seconds(pid)
        for _ in range(requests):
            client.post(server.url, data={"query": query}, headers=ACCEPT)
        own, total = own_cpu(pid) - own, cpu_seconds(pid) - total
    return own / requests * 1000, (total - own) / requests * 1000


def worker_costs(store: Path, query: str, jobs: int) -> tuple[float, float]:
    """CPU milliseconds per job of a query worker over its pipe, and of the job in-process."""
    import pyoxigraph as ox

    from fpkg.endpoint.policy import plan
    from fpkg.endpoint.pool import Worker
    from fpkg.endpoint.settings import Settings
    from fpkg.endpoint.worker import execute, receive_reply

    job, _ = plan(query, ACCEPT["Accept"], Settings(max_rows=10_000_000))
    worker = Worker(str(store))
    try:
        worker.wait_ready()
        for _ in range(50):
            worker.connection.send(job)
            receive_reply(worker.connection)
        before = own_cpu(worker.process.pid)
        for _ in range(jobs):
            worker.connection.send(job)
            receive_reply(worker.connection)
        piped = (own_cpu(worker.process.pid) - before) / jobs * 1000
    finally:
        worker.stop()
    local = ox.Store.read_only(str(store))
    for _ in range(50):
        execute(local, job)
    before = time.process_time()
    for _ in range(jobs):
        execute(local, job)
    return piped, (time.process_time() - before) / jobs * 1000


def floor_server(name: str, work: Path) -> Server:
    port = free_port()
    command = [sys.executable, __file__, "--serve", name, "--port", str(port)]
    return Server(name, command, f"http://127.0.0.1:{port}/sparql", work / f"{name}.log")


def serve(name: str, port: int) -> None:
    """Serve the empty app or the bare FastAPI one as ``fpkg serve`` serves its app."""
    import uvicorn

    from fpkg.endpoint.connections import ConnectionLimits, server_config

    app = empty_app if name == "empty ASGI" else bare_fastapi()
    uvicorn.Server(server_config(app, "127.0.0.1", port, ConnectionLimits())).run()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--query", default="migration-figures")
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    if args.serve:
        serve(args.serve, args.port)
        return
    query = example_queries()[args.query]
    dump = ROOT / "graph" / "fpkg.nq"
    with tempfile.TemporaryDirectory(prefix="fpkg-floor-") as name:
        work = Path(name)
        limits = ["--workers", "2", "--max-rows", "10000000", "--client-budget", "1000000"]
        group = [
            floor_server("empty ASGI", work),
            floor_server("bare FastAPI", work),
            fpkg_server(dump, work, "fpkg", *limits),
            oxigraph_server(dump, work),
        ]
        print(f"# CPU per request, {args.query}, {args.requests} requests, one client\n")
        with started(group):
            for server in group:
                own, workers = per_request(server, query, args.requests)
                split = f" (server {own:.3f} ms, workers {workers:.3f} ms)" if workers else ""
                print(f"  {server.name}: {own + workers:.3f} ms{split}", flush=True)
        piped, local = worker_costs(work / "fpkg-store" / "oxigraph", query, args.requests)
        print(f"  one query worker, over its pipe: {piped:.3f} ms per job")
        print(f"  the same job in-process: {local:.3f} ms per job")


if __name__ == "__main__":
    main()
