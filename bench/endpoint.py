"""Benchmark: fpkg's endpoint beside stock rdflib-endpoint and ``oxigraph serve-read-only``.

Two datasets, each served by the three servers over HTTP on loopback: the published fpkg
dump with the YASGUI example queries, and a synthetic graph (about 1M triples) with joins,
aggregates, filters and property paths. Prints the median latency per query and server,
the ratios, and the throughput of 8 concurrent clients. Stock rdflib-endpoint runs each
query on its event loop, so a query over its time-out is reported as a lower bound (">")
and the server restarted.

    .venv/bin/python bench/endpoint.py [--triples 1000000] [--runs 5] [--rdflib-timeout 20]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
EX = "http://example.org/bench/"
PREFIX = f"PREFIX ex: <{EX}>\nPREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
ACCEPT = {"Accept": "application/sparql-results+json"}

SYNTHETIC_QUERIES = {
    "join": f"SELECT ?a ?b WHERE {{ ?a ex:country <{EX}country/1> ; ex:knows ?b . ?b ex:country <{EX}country/2> }}",
    "aggregate": "SELECT ?c (COUNT(?p) AS ?n) WHERE { ?p ex:country ?c } GROUP BY ?c ORDER BY DESC(?n) ?c LIMIT 10",
    "filter": 'SELECT (COUNT(*) AS ?n) WHERE { ?p ex:age ?age ; ex:name ?name FILTER(?age >= 30 && ?age < 40 && CONTAINS(?name, "77")) }',
    "path+": "SELECT ?org (COUNT(?up) AS ?depth) WHERE { ?org a ex:Organisation ; ex:partOf+ ?up } GROUP BY ?org ORDER BY DESC(?depth) ?org LIMIT 5",
    "path/": f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ <{EX}person/1> ex:knows/ex:knows/ex:knows ?x }}",
    "join+aggregate": "SELECT ?continent (AVG(?age) AS ?mean) (COUNT(*) AS ?n) WHERE { ?e ex:participant ?p ; ex:about ?c . ?c ex:continent ?continent . ?p ex:age ?age } GROUP BY ?continent ORDER BY ?continent",
    "date-range": 'SELECT ?e ?date ?v WHERE { ?e ex:date ?date ; ex:value ?v FILTER(?date >= "2020-01-01"^^xsd:date && ?date < "2020-02-01"^^xsd:date) } ORDER BY DESC(?v) ?e LIMIT 20',
    "not-exists": "SELECT (COUNT(?p) AS ?n) WHERE { ?p a ex:Person ; ex:country ?c . FILTER NOT EXISTS { ?p ex:knows ?q . ?q ex:country ?c } }",
    "10k-rows": "SELECT ?p ?name WHERE { ?p ex:name ?name } LIMIT 10000",
    "graphs": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
}


def synthetic_graph(path: Path, triples: int, seed: int = 7) -> int:
    """Write a deterministic N-Quads graph of about ``triples`` statements; return the count."""
    rng = random.Random(seed)
    people, events = triples * 6 // 100, triples * 6 // 100
    orgs, countries = max(people // 50, 10), 200
    count = 0
    with path.open("w", encoding="utf-8") as out:

        def quad(s: str, p: str, o: str, g: str) -> None:
            nonlocal count
            out.write(f"<{EX}{s}> <{EX}{p}> {o} <{EX}graph/{g}> .\n")
            count += 1

        rdf_type = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
        for c in range(countries):
            out.write(f"<{EX}country/{c}> {rdf_type} <{EX}Country> <{EX}graph/reference> .\n")
            quad(f"country/{c}", "name", f'"Country {c}"', "reference")
            quad(f"country/{c}", "continent", f"<{EX}continent/{c % 6}>", "reference")
            count += 1
        for o in range(orgs):
            out.write(f"<{EX}org/{o}> {rdf_type} <{EX}Organisation> <{EX}graph/reference> .\n")
            count += 1
            quad(f"org/{o}", "name", f'"Organisation {o}"', "reference")
            if o:
                quad(f"org/{o}", "partOf", f"<{EX}org/{(o - 1) // 3}>", "reference")
        for p in range(people):
            out.write(f"<{EX}person/{p}> {rdf_type} <{EX}Person> <{EX}graph/people> .\n")
            count += 1
            quad(f"person/{p}", "name", f'"Person {p}"', "people")
            quad(
                f"person/{p}",
                "age",
                f'"{rng.randrange(18, 95)}"^^<http://www.w3.org/2001/XMLSchema#integer>',
                "people",
            )
            quad(f"person/{p}", "country", f"<{EX}country/{rng.randrange(countries)}>", "people")
            quad(f"person/{p}", "memberOf", f"<{EX}org/{rng.randrange(orgs)}>", "people")
            for _ in range(5):
                quad(f"person/{p}", "knows", f"<{EX}person/{rng.randrange(people)}>", "people")
        for e in range(events):
            out.write(f"<{EX}event/{e}> {rdf_type} <{EX}Event> <{EX}graph/events> .\n")
            count += 1
            day = (
                f"{2015 + rng.randrange(10)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
            )
            quad(
                f"event/{e}", "date", f'"{day}"^^<http://www.w3.org/2001/XMLSchema#date>', "events"
            )
            quad(
                f"event/{e}",
                "value",
                f'"{rng.randrange(100000) / 100}"^^<http://www.w3.org/2001/XMLSchema#decimal>',
                "events",
            )
            quad(f"event/{e}", "about", f"<{EX}country/{rng.randrange(countries)}>", "events")
            for _ in range(2):
                quad(f"event/{e}", "participant", f"<{EX}person/{rng.randrange(people)}>", "events")
    return count


def example_queries() -> dict[str, str]:
    """The example queries of the YASGUI page, less the federated one (no network here)."""
    sys.path.insert(0, str(ROOT / "src"))
    from fpkg.endpoint.examples import CHOSEN

    return {
        stem: (ROOT / "queries" / f"{stem}.rq").read_text(encoding="utf-8")
        for stem in CHOSEN
        if (ROOT / "queries" / f"{stem}.rq").is_file()
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A server started by a command, answering SPARQL at ``url``."""

    name: str
    command: list[str]
    url: str
    log: Path
    process: subprocess.Popen | None = None

    def start(self, timeout: float = 900) -> float:
        started = time.monotonic()
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(self.command, stdout=log, stderr=log)
        while time.monotonic() - started < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited: {self.log.read_text()[-2000:]}")
            try:
                if (
                    httpx.post(
                        self.url, data={"query": "ASK {}"}, headers=ACCEPT, timeout=5
                    ).status_code
                    == 200
                ):
                    return time.monotonic() - started
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"{self.name} did not start within {timeout} s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def restart(self) -> None:
        self.stop()
        self.start()


def fpkg_server(dump: Path, work: Path, name: str = "fpkg", *options: str) -> Server:
    """``fpkg serve`` over ``dump`` (an N-Quads file named fpkg.nq), with ``options``."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "fpkg.cli",
        "serve",
        "--root",
        str(ROOT),
        "--graph",
        str(dump.parent),
        "--store",
        str(work / f"{name}-store"),
        "--port",
        str(port),
        *options,
    ]
    return Server(name, command, f"http://127.0.0.1:{port}/sparql", work / f"{name}.log")


def oxigraph_server(dump: Path, work: Path) -> Server:
    """``oxigraph serve-read-only --union-default-graph`` over ``dump``, loaded first."""
    oxi_dir = work / "oxigraph-cli"
    subprocess.run(
        [str(BIN / "oxigraph"), "load", "--location", str(oxi_dir), "--file", str(dump)],
        check=True,
        capture_output=True,
    )
    port = free_port()
    command = [
        str(BIN / "oxigraph"),
        "serve-read-only",
        "--location",
        str(oxi_dir),
        "--bind",
        f"127.0.0.1:{port}",
        "--union-default-graph",
    ]
    return Server("oxigraph", command, f"http://127.0.0.1:{port}/query", work / "oxigraph.log")


@contextmanager
def started(group: list[Server]) -> Iterator[list[Server]]:
    """The servers of ``group``, started one after the other and all stopped at the end."""
    try:
        for server in group:
            seconds = server.start()
            print(f"  {server.name} ready in {seconds:.1f} s", flush=True)
        yield group
    finally:
        for server in group:
            server.stop()


@contextmanager
def servers(dump: Path, work: Path, with_rdflib: bool, fpkg_workers: int) -> Iterator[list[Server]]:
    """The three servers over ``dump`` (an N-Quads file named fpkg.nq), started and stopped."""
    limits = ["--workers", str(fpkg_workers), "--time-limit", "300", "--max-rows", "10000000"]
    limits += ["--client-budget", "1000000"]  # one client times every query, back to back
    group = [fpkg_server(dump, work, "fpkg", *limits), oxigraph_server(dump, work)]
    if with_rdflib:
        port = free_port()
        group.append(
            Server(
                "rdflib-endpoint",
                [
                    str(BIN / "rdflib-endpoint"),
                    "serve",
                    str(dump),
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(port),
                ],
                f"http://127.0.0.1:{port}/",
                work / "rdflib-endpoint.log",
            )
        )
    with started(group):
        yield group


def timed(client: httpx.Client, server: Server, query: str, timeout: float) -> tuple[float, int]:
    """Seconds for one query and the size of its answer; raises httpx.TimeoutException."""
    start = time.perf_counter()
    response = client.post(server.url, data={"query": query}, headers=ACCEPT, timeout=timeout)
    elapsed = time.perf_counter() - start
    response.raise_for_status()
    return elapsed, len(response.json().get("results", {}).get("bindings", []))


def latencies(
    group: list[Server], queries: dict[str, str], runs: int, rdflib_timeout: float
) -> dict[str, dict[str, tuple[float, bool, int]]]:
    """Median seconds per query and server (and whether it is a time-out's lower bound).

    The runs of one query alternate between the servers (run 1 on each, then run 2 on
    each…), so that a burst of load from elsewhere on a shared machine falls on all of them.
    """
    table: dict[str, dict[str, tuple[float, bool, int]]] = {}
    with httpx.Client() as client:
        for name, query in queries.items():
            times: dict[str, list[float]] = {server.name: [] for server in group}
            rows: dict[str, int] = {}
            timed_out: set[str] = set()
            for run in range(runs + 1):  # run 0 warms up
                for server in group:
                    if server.name in timed_out or sum(times[server.name]) > 4 * rdflib_timeout:
                        continue
                    timeout = rdflib_timeout if server.name == "rdflib-endpoint" else 600
                    try:
                        seconds, rows[server.name] = timed(client, server, query, timeout)
                    except httpx.TimeoutException:
                        timed_out.add(server.name)
                        print(
                            f"  {server.name}: {name} over {timeout:g} s; restarting it", flush=True
                        )
                        server.restart()
                        continue
                    if run:
                        times[server.name].append(seconds)
            table[name] = {
                server.name: (rdflib_timeout, True, -1)
                if server.name in timed_out
                else (statistics.median(times[server.name]), False, rows[server.name])
                for server in group
            }
            print(
                "  "
                + name
                + ": "
                + ", ".join(f"{s} {fmt(*v[:2])}" for s, v in table[name].items()),
                flush=True,
            )
    return table


def throughput(
    server: Server, queries: list[str], clients: int, seconds: float, timeout: float
) -> float:
    """Queries answered per second by ``clients`` concurrent clients in ``seconds``."""
    done = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client_loop(offset: int) -> None:
        nonlocal done
        with httpx.Client(headers={"User-Agent": f"bench-client-{offset}"}) as client:
            index = offset
            while time.monotonic() < stop:
                try:
                    timed(client, server, queries[index % len(queries)], timeout)
                except httpx.HTTPError:
                    continue
                with lock:
                    done += 1
                index += 1

    threads = [threading.Thread(target=client_loop, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return done / (time.monotonic() - started)


def cpu_seconds(pid: int) -> float:
    """CPU time used so far by process ``pid`` and its descendants (living ones, and the
    children it has reaped), less noisy on a shared machine than wall time."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            tasks = Path(f"/proc/{current}/task").glob("*/children")
            children = [child for task in tasks for child in task.read_text().split()]
        except OSError:
            continue
        total += sum(int(value) for value in fields[11:15]) / ticks  # utime stime cutime cstime
        pending += [int(child) for child in children]
    return total


def fmt(seconds: float, lower_bound: bool = False) -> str:
    text = f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"
    return (">" if lower_bound else "") + text


def report(
    title: str, table: dict[str, dict[str, tuple[float, bool, int]]], names: list[str]
) -> None:
    print(f"\n## {title}: median latency per query\n")
    header = ["query", *names, "fpkg/oxigraph"]
    if "rdflib-endpoint" in names:
        header.append("rdflib/fpkg")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    ratios_oxi, ratios_rdflib = [], []
    for query, row in table.items():
        cells = [query, *(fmt(*row[n][:2]) for n in names)]
        ratio = row["fpkg"][0] / row["oxigraph"][0]
        ratios_oxi.append(ratio)
        cells.append(f"{ratio:.2f}")
        if "rdflib-endpoint" in row:
            slow, bound, _ = row["rdflib-endpoint"]
            ratio = slow / row["fpkg"][0]
            ratios_rdflib.append(ratio)
            cells.append(f"{'>' if bound else ''}{ratio:.0f}x")
        print("| " + " | ".join(cells) + " |")
    totals = {n: sum(row[n][0] for row in table.values()) for n in names}
    print("\ntotal of medians: " + ", ".join(f"{n} {fmt(t)}" for n, t in totals.items()))
    worst = max(zip(ratios_oxi, table, strict=True), key=lambda pair: pair[0])
    print(
        f"fpkg/oxigraph: geometric mean {statistics.geometric_mean(ratios_oxi):.2f} (goal ≤ 1.15), "
        f"highest {worst[0]:.2f} on {worst[1]} (goal ≤ 1.40), "
        f"total {totals['fpkg'] / totals['oxigraph']:.2f}"
    )
    if ratios_rdflib:
        print(
            f"rdflib-endpoint/fpkg: geometric mean ≥{statistics.geometric_mean(ratios_rdflib):.0f}x, "
            f"total ≥{totals['rdflib-endpoint'] / totals['fpkg']:.0f}x (≥: time-outs count as their limit)"
        )
    mismatched = [
        q for q, row in table.items() if len({v[2] for v in row.values() if v[2] >= 0}) > 1
    ]
    if mismatched:
        print(f"WARNING: servers disagree on the number of rows of: {', '.join(mismatched)}")


def bench(title: str, dump: Path, queries: dict[str, str], args: argparse.Namespace) -> None:
    print(f"\n# {title}", flush=True)
    with (
        tempfile.TemporaryDirectory(prefix="fpkg-bench-") as work,
        servers(dump, Path(work), not args.skip_rdflib, args.fpkg_workers) as group,
    ):
        names = [s.name for s in group]
        table = latencies(group, queries, args.runs, args.rdflib_timeout)
        report(title, table, names)
        print(f"\nthroughput, {args.clients} concurrent clients, {args.duration:g} s each:")
        for server in group:
            usable = [queries[q] for q, row in table.items() if not row[server.name][1]]
            if not usable:
                print(f"  {server.name}: no query answered within its time-out")
                continue
            timeout = args.rdflib_timeout if server.name == "rdflib-endpoint" else 600
            pid = server.process.pid if server.process else 0
            cpu = cpu_seconds(pid)
            rate = throughput(server, usable, args.clients, args.duration, timeout)
            per_query = (cpu_seconds(pid) - cpu) / (rate * args.duration) * 1000
            print(
                f"  {server.name}: {rate:.1f} queries/s over its {len(usable)} answered queries, "
                f"{per_query:.2f} ms of CPU per query (server and its workers)",
                flush=True,
            )


def main() -> None:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("bench: terminated"))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per query and server")
    parser.add_argument("--rdflib-timeout", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of throughput test")
    parser.add_argument("--fpkg-workers", type=int, default=2)
    parser.add_argument("--skip-rdflib", action="store_true")
    parser.add_argument("--only", choices=["examples", "synthetic"], default=None)
    args = parser.parse_args()
    if not (BIN / "oxigraph").exists():
        sys.exit("bench: needs the oxigraph server: .venv/bin/pip install oxigraph")
    with tempfile.TemporaryDirectory(prefix="fpkg-bench-data-") as data:
        if args.only != "synthetic":
            examples = Path(data) / "examples"
            examples.mkdir()
            shutil.copy(ROOT / "graph" / "fpkg.nq", examples / "fpkg.nq")
            bench("fpkg dump, example queries", examples / "fpkg.nq", example_queries(), args)
        if args.only != "examples":
            synthetic = Path(data) / "synthetic"
            synthetic.mkdir()
            count = synthetic_graph(synthetic / "fpkg.nq", args.triples)
            bench(
                f"synthetic graph, {count} triples",
                synthetic / "fpkg.nq",
                {k: PREFIX + v for k, v in SYNTHETIC_QUERIES.items()},
                args,
            )


if __name__ == "__main__":
    main()
