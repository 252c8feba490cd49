"""A pool of worker processes running queries, each killed and replaced if over time.

Oxigraph cannot be interrupted from Python, so a query that runs too long is stopped by
killing its process; the other workers keep answering meanwhile. Calls block: the web
application makes them from threads, off its event loop.
"""

from __future__ import annotations

import logging
import queue
import socket
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Connection

from fpkg.endpoint.worker import Job, Reply

_START_TIMEOUT = 60.0
_LOG = logging.getLogger(__name__)


class Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, store_path: str) -> None:
        ours, theirs = socket.socketpair()
        with ours, theirs:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "fpkg.endpoint.worker", str(theirs.fileno()), store_path],
                pass_fds=[theirs.fileno()],
                stdin=subprocess.DEVNULL,
            )
            self.connection = Connection(ours.detach())

    def wait_ready(self) -> None:
        """Wait until the worker has opened the store."""
        try:
            if self.connection.poll(_START_TIMEOUT):
                self.connection.recv()
                return
        except (EOFError, OSError):
            pass
        self.stop()
        raise RuntimeError("a query worker did not start: is the store readable?")

    def stop(self) -> None:
        """Kill the process at once and reap it."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)
        self.connection.close()


class Pool:
    """``size`` workers over the read-only store at ``store_path``, and a time limit per query."""

    def __init__(self, store_path: str, size: int, time_limit: float) -> None:
        self.store_path = store_path
        self.time_limit = time_limit
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._workers: set[Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        workers = [Worker(store_path) for _ in range(size)]
        for worker in workers:
            worker.wait_ready()
            self._add(worker)

    def run(self, job: Job, time_limit: float | None = None) -> Reply:
        """Run ``job`` on the first free worker; a 503 reply if it is not done in time."""
        limit = self.time_limit if time_limit is None else time_limit
        deadline = time.monotonic() + limit
        try:
            worker = self._idle.get(timeout=limit)
        except queue.Empty:
            return Reply(503, reason=f"server busy: no query worker free within {limit:g} s")
        try:
            worker.connection.send(job)
            if worker.connection.poll(max(deadline - time.monotonic(), 0.0)):
                reply: Reply = worker.connection.recv()
                self._idle.put(worker)
                return reply
        except (EOFError, OSError):
            self._replace(worker)
            return Reply(500, reason="the query worker failed; the query was abandoned")
        self._replace(worker)
        return Reply(
            503, reason=f"query stopped: it exceeded the time limit of {limit:g} s; no result"
        )

    @property
    def pids(self) -> set[int]:
        """The process ids of the live workers."""
        with self._lock:
            return {worker.process.pid for worker in self._workers}

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            self._closed = True
            workers, self._workers = self._workers, set()
        for worker in workers:
            worker.stop()

    def _add(self, worker: Worker) -> None:
        with self._lock:
            if self._closed:
                worker.stop()
                return
            self._workers.add(worker)
        self._idle.put(worker)

    def _replace(self, worker: Worker) -> None:
        """Kill ``worker`` now; start its successor in the background."""
        with self._lock:
            self._workers.discard(worker)
        worker.stop()
        threading.Thread(target=self._start_one, daemon=True).start()

    def _start_one(self) -> None:
        worker = Worker(self.store_path)
        try:
            worker.wait_ready()
        except RuntimeError as error:
            _LOG.error("%s; the pool has one worker less", error)
            return
        self._add(worker)
