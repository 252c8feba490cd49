"""Benchmark: the Linked Data pages and the front page before and after, side by side.

Serves the same ``graph/`` twice over HTTP on loopback: with the code of an earlier revision
(``--before``, exported from git into a temporary directory) and with the code of this
checkout. Once a server answers, it is left ``--settle`` seconds to finish starting (the
ontology's page is rendered in the background then). For each page it measures the first load
(rendered from the store), the median of the repeated loads (which the page cache answers
after) and the page's size uncompressed, and prints the ratios before/after.

    .venv/bin/python bench/pages.py [--before 9911569] [--runs 7] [--settle 5]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
BROWSER = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Encoding": "identity",
}
PAGES = [
    "/",
    "/ontology",
    "/id/state/PER",
    "/id/state/VEN",
    "/id/mechanism/lima-group",
    "/id/person/pedro-pablo-kuczynski",
    "/id/statement/kuczynski-bloomberg-interview-2016",
]
BEFORE = "9911569"
"""The last revision before the pages were reworked (issue 19)."""


def export(revision: str, into: Path) -> Path:
    """The ``src`` directory of ``revision``, written under ``into``."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", revision, "src"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(source: Path | None, settle: float) -> Iterator[str]:
    """``fpkg serve`` over this checkout's graph with the code in ``source`` (this
    checkout's if None): its base URL once it answers."""
    port = free_port()
    environment = dict(os.environ)
    if source is not None:
        environment["PYTHONPATH"] = str(source)
    command = [sys.executable, "-m", "fpkg.cli", "serve", "--root", str(ROOT), "--port", str(port)]
    process = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                httpx.get(url + "/sparql?query=ASK%7B%7D", timeout=2)
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    who = source or "this checkout"
                    raise SystemExit(f"the server for {who} did not start") from None
                time.sleep(0.2)
        time.sleep(settle)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def measure(url: str, runs: int) -> dict[str, tuple[float, float, int]]:
    """Each page's first load and median repeated load (seconds) and size (bytes)."""
    found = {}
    with httpx.Client(base_url=url, timeout=60, headers=BROWSER) as client:
        for path in PAGES:
            start = time.perf_counter()
            response = client.get(path)
            first = time.perf_counter() - start
            response.raise_for_status()
            again = []
            for _ in range(runs):
                start = time.perf_counter()
                client.get(path).raise_for_status()
                again.append(time.perf_counter() - start)
            found[path] = (first, statistics.median(again), len(response.content))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default=BEFORE, help="the revision to compare with")
    parser.add_argument("--runs", type=int, default=7, help="repeated loads per page")
    parser.add_argument("--settle", type=float, default=5, help="seconds left to start up")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fpkg-bench-pages-") as directory:
        old = export(options.before, Path(directory))
        results = {}
        for name, source in (("before", old), ("after", None)):
            with serving(source, options.settle) as url:
                results[name] = measure(url, options.runs)
    print(
        f"pages of graph/ before ({options.before}) and after (this checkout), seconds and KB; "
        f"first load {options.settle:g} s after start-up, then the median of {options.runs}"
    )
    print(
        f"{'page':<52}{'first before':>13}{'first after':>12}{'ratio':>7}"
        f"{'again before':>13}{'again after':>12}{'ratio':>7}{'KB before':>10}{'KB after':>9}"
    )
    for path in PAGES:
        (f0, a0, s0), (f1, a1, s1) = results["before"][path], results["after"][path]
        print(
            f"{path:<52}{f0:>13.3f}{f1:>12.3f}{f0 / f1:>7.1f}{a0:>13.3f}{a1:>12.4f}"
            f"{a0 / a1:>7.1f}{s0 / 1000:>10.0f}{s1 / 1000:>9.0f}"
        )


if __name__ == "__main__":
    main()
