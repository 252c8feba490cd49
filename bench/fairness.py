"""Benchmark: can one heavy client shut out the rest? And throughput under many clients.

On the published dump, three servers side by side: fpkg with its fair sharing (the
defaults), fpkg with sharing switched off (as it was before: no per-client cap or budget, no
short lane), and ``oxigraph serve-read-only --union-default-graph``.

1. A light client sends ``ASK`` queries one after the other while a heavy client keeps 2, 4
   and 8 expensive queries going at once (retrying after ``Retry-After`` when told to);
   prints the light client's latency, p50 and p99, per server and level.
2. 32 clients (each its own User-Agent) send the example queries as fast as they are
   answered, in three rounds alternating between fpkg and Oxigraph; prints requests per second, p50 and p99 latency, and fpkg's share of Oxigraph's.
3. 1,500 connections send headers that never end; prints how many the server closes and its
   memory before, with them open, and after.

    .venv/bin/python bench/fairness.py [--duration 15] [--clients 32] [--workers 2]
"""

from __future__ import annotations

import argparse
import shutil
import signal
import socket
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from endpoint import (
    ACCEPT,
    BIN,
    ROOT,
    Server,
    example_queries,
    fpkg_server,
    oxigraph_server,
    started,
)

HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a a ?t . ?b a ?t }"
LIGHT = "ASK { ?s a <https://w3id.org/fpkg/ontology#State> }"
UNFAIR = ["--client-queries", "1000", "--client-budget", "1000000", "--short-time", "1000"]


def post(client: httpx.Client, server: Server, query: str) -> httpx.Response:
    return client.post(server.url, data={"query": query}, headers=ACCEPT, timeout=600)


def heavy_client(server: Server, concurrent: int, stop: threading.Event) -> list[threading.Thread]:
    """``concurrent`` threads of one client, each sending HEAVY again and again."""

    def loop() -> None:
        with httpx.Client(headers={"User-Agent": "heavy-client"}) as client:
            while not stop.is_set():
                try:
                    response = post(client, server, HEAVY)
                except httpx.HTTPError:
                    continue
                if response.status_code in (429, 503):
                    stop.wait(float(response.headers.get("retry-after", "1")))

    threads = [threading.Thread(target=loop, daemon=True) for _ in range(concurrent)]
    for thread in threads:
        thread.start()
    return threads


def percentiles(seconds: list[float]) -> tuple[float, float]:
    """p50 and p99 of ``seconds``."""
    cuts = statistics.quantiles(seconds, n=100, method="inclusive")
    return statistics.median(seconds), cuts[98]


def light_latency(server: Server, concurrent: int, duration: float) -> tuple[float, float, int]:
    """The light client's p50 and p99 latency and its count of answers while the heavy client
    keeps ``concurrent`` queries going."""
    stop = threading.Event()
    threads = heavy_client(server, concurrent, stop)
    time.sleep(1.0)  # let the heavy queries start
    times, failed = [], 0
    with httpx.Client(headers={"User-Agent": "light-client"}) as client:
        end = time.monotonic() + duration
        while time.monotonic() < end or len(times) < 3:
            started_at = time.perf_counter()
            response = post(client, server, LIGHT)
            times.append(time.perf_counter() - started_at)
            failed += response.status_code != 200
            time.sleep(0.05)
    stop.set()
    for thread in threads:
        thread.join()
    p50, p99 = percentiles(times)
    return p50, p99, failed


@dataclass
class Load:
    """Answers timed under load, over one or more rounds."""

    times: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0

    def rate(self) -> float:
        """Answers (200) per second."""
        return (len(self.times) - self.errors) / self.seconds

    def summary(self) -> str:
        p50, p99 = percentiles(self.times)
        return (
            f"{self.rate():.0f} req/s, p50 {p50 * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, "
            f"{self.errors} errors"
        )


def throughput(
    server: Server, queries: list[str], clients: int, duration: float, into: Load
) -> None:
    """``clients`` concurrent clients sending ``queries`` for ``duration`` s, timed ``into``."""
    lock = threading.Lock()
    end = time.monotonic() + duration

    def loop(index: int) -> None:
        with httpx.Client(headers={"User-Agent": f"client-{index}"}) as client:
            while time.monotonic() < end:
                started_at = time.perf_counter()
                try:
                    ok = post(client, server, queries[index % len(queries)]).status_code == 200
                except httpx.HTTPError:
                    ok = False
                with lock:
                    into.times.append(time.perf_counter() - started_at)
                    into.errors += not ok
                index += 1

    threads = [threading.Thread(target=loop, args=(i,)) for i in range(clients)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    into.seconds += time.monotonic() - began


def rss_mb(pid: int) -> float:
    """The resident memory of process ``pid``, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def slow_clients(server: Server, count: int, wait: float) -> str:
    """The server's memory before, with ``count`` connections whose headers never end, and
    after they are closed; and how many of them the server closed itself within ``wait`` s."""
    pid = server.process.pid if server.process else 0
    host, port = server.url.split("/")[2].split(":")
    before = rss_mb(pid)
    sockets, refused = [], 0
    for _ in range(count):
        try:
            connection = socket.create_connection((host, int(port)), timeout=2)
            connection.sendall(b"GET /sparql HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        except OSError:  # the server's backlog is full: it takes no more
            refused = count - len(sockets)
            break
        sockets.append(connection)
    time.sleep(1.0)
    held = rss_mb(pid)
    end = time.monotonic() + wait
    closed = 0
    for connection in sockets:
        connection.settimeout(max(end - time.monotonic(), 0.001))
        try:
            while connection.recv(4096):
                pass
            closed += 1
        except OSError:
            pass
        connection.close()
    time.sleep(2.0)
    return (
        f"{refused} not accepted, {closed}/{len(sockets)} closed by the server within {wait:g} s; "
        f"memory {before:.0f} MB before, "
        f"{held:.0f} MB with them, {rss_mb(pid):.0f} MB after"
    )


def main() -> None:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("bench: terminated"))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=15.0, help="seconds per measurement")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--slow", type=int, default=1500, help="half-open connections")
    args = parser.parse_args()
    if not (BIN / "oxigraph").exists():
        sys.exit("bench: needs the oxigraph server: .venv/bin/pip install oxigraph")
    with tempfile.TemporaryDirectory(prefix="fpkg-fairness-") as work_dir:
        work = Path(work_dir)
        dump = work / "dump" / "fpkg.nq"
        dump.parent.mkdir()
        shutil.copy(ROOT / "graph" / "fpkg.nq", dump)
        workers = ["--workers", str(args.workers)]
        group = [
            fpkg_server(dump, work, "fpkg", *workers),
            fpkg_server(dump, work, "fpkg-unshared", *workers, *UNFAIR),
            oxigraph_server(dump, work),
        ]
        with started(group):
            print(
                f"\n## light client's ASK latency while one client runs heavy queries ({args.duration:g} s each)\n"
            )
            print("| heavy queries | " + " | ".join(f"{s.name} p50 / p99" for s in group) + " |")
            print("|---|" + "---|" * len(group))
            for concurrent in (2, 4, 8):
                cells = []
                for server in group:  # one level on each server in turn, so noise falls on all
                    p50, p99, failed = light_latency(server, concurrent, args.duration)
                    note = f" ({failed} not 200)" if failed else ""
                    cells.append(f"{p50 * 1000:.0f} / {p99 * 1000:.0f} ms{note}")
                print(f"| {concurrent} | " + " | ".join(cells) + " |", flush=True)
            queries = list(example_queries().values())
            print(
                f"\n## throughput: {args.clients} clients, the example queries, {args.duration:g} s\n"
            )
            loads = {"fpkg": Load(), "oxigraph": Load()}
            for _ in range(3):  # rounds alternate, so that noise falls on both
                for server in (group[0], group[2]):
                    throughput(server, queries, args.clients, args.duration / 3, loads[server.name])
            for name, load in loads.items():
                print(f"  {name}: {load.summary()}")
            print(
                f"  fpkg/oxigraph throughput: {loads['fpkg'].rate() / loads['oxigraph'].rate():.0%}"
            )
            print(f"\n## {args.slow} connections whose headers never end\n")
            for server in (group[0], group[2]):
                print(f"  {server.name}: {slow_clients(server, args.slow, 15.0)}", flush=True)


if __name__ == "__main__":
    main()
