"""A pool of worker processes running queries, shared fairly between clients.

Oxigraph cannot be interrupted from Python, so a query that runs too long is stopped by
killing its process; the other workers keep answering meanwhile. A query is awaited on the
caller's event loop, which watches the worker's pipe: no thread is involved per query, and
any number of event loops (each in its own thread) may share one pool.

Sharing, decided under one lock when a query arrives, before it waits for anything:
a client (its address and User-Agent) may have only so many queries at once and spend only
so much query time per minute (else 429 with Retry-After); only so many queries may wait
(else 503 with Retry-After). Every query starts as a short one on any free worker; one still
running after the short time goes on in the long lane, which holds at most all workers but
one, so that a short query never waits behind long ones for more than the short time. A long
query that finds the lane full is stopped and waits for a place in it. A query whose worker
dies is answered 500 and remembered: sent again, it is refused at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import math
import os
import socket
import subprocess
import sys
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection

from fpkg.endpoint.settings import Settings
from fpkg.endpoint.worker import Job, Reply, receive_reply

_START_TIMEOUT = 60.0
_WINDOW = 60.0
_REMEMBERED = 1024
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
                receive_reply(self.connection)
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


class _Died(Exception):
    """The worker's process ended while it ran a query."""


@dataclass
class _Ticket:
    """A query waiting for a worker, in the short or the long lane."""

    long: bool
    wake: Callable[[], None]
    """Called, under the pool's lock, once the ticket has a worker or never will."""
    worker: Worker | None = None


@dataclass
class _Client:
    """One client's running and waiting queries and its budget of query time."""

    budget: float
    active: int = 0
    tokens: float = 0.0
    updated: float = field(default_factory=time.monotonic)

    def __post_init__(self) -> None:
        self.tokens = self.budget

    def refill(self, now: float) -> None:
        self.tokens = min(self.budget, self.tokens + (now - self.updated) * self.budget / _WINDOW)
        self.updated = now


class Pool:
    """``settings.workers`` workers over the read-only store at ``store_path``."""

    def __init__(self, store_path: str, settings: Settings) -> None:
        self.store_path = store_path
        self.settings = settings
        self._lock = threading.Lock()
        self._idle: list[Worker] = []
        self._workers: set[Worker] = set()
        self._waiting: deque[_Ticket] = deque()
        self._long = 0
        self._clients: dict[str, _Client] = {}
        self._poison: OrderedDict[str, None] = OrderedDict()
        self._closed = False
        workers = [Worker(store_path) for _ in range(settings.workers)]
        for worker in workers:
            worker.wait_ready()
            self._add(worker)

    async def run(self, job: Job, client: str = "") -> Reply:
        """Run ``job`` for ``client``, or refuse it at once."""
        key = hashlib.sha256(job.query.encode("utf-8", "surrogatepass")).hexdigest()
        with self._lock:
            refusal = self._admit(key, client)
            if refusal is not None:
                return refusal
            state = self._clients[client]
            state.active += 1
        try:
            return await self._run(job, key, state)
        finally:
            with self._lock:
                state.active -= 1

    @property
    def pids(self) -> set[int]:
        """The process ids of the live workers."""
        with self._lock:
            return {worker.process.pid for worker in self._workers}

    @property
    def running(self) -> set[int]:
        """The process ids of the workers running a query."""
        with self._lock:
            return {w.process.pid for w in self._workers if w not in self._idle}

    def close(self) -> None:
        """Stop every worker; queries still waiting are answered 503."""
        with self._lock:
            self._closed = True
            workers, self._workers = self._workers, set()
            self._idle.clear()
            waiting, self._waiting = list(self._waiting), deque()
        for ticket in waiting:
            ticket.wake()
        for worker in workers:
            worker.stop()

    def _admit(self, key: str, client: str) -> Reply | None:
        """The refusal for a query now, if any; called under the lock."""
        settings = self.settings
        if key in self._poison:
            return Reply(400, reason="query refused: the same query made a query worker fail")
        if self._closed:
            return Reply(503, reason="server shutting down", retry_after=5)
        now = time.monotonic()
        state = self._clients.get(client)
        if state is None:
            if len(self._clients) > 4096:
                self._forget_idle_clients(now)
            state = self._clients[client] = _Client(settings.client_budget)
        state.refill(now)
        if state.active >= settings.per_client:
            return Reply(
                429,
                reason=f"too many queries at once from one client: at most {settings.per_client}; wait for one to finish",
                retry_after=1,
            )
        if state.tokens <= 0:
            wait = math.ceil(-state.tokens * _WINDOW / settings.client_budget) or 1
            return Reply(
                429,
                reason=f"query time budget spent: {settings.client_budget:g} s of query time per minute per client",
                retry_after=wait,
            )
        if not self._idle and len(self._waiting) >= settings.max_queue:
            return Reply(
                503,
                reason=f"server busy: {settings.max_queue} queries already wait for a worker",
                retry_after=math.ceil(settings.short_time) or 1,
            )
        return None

    def _forget_idle_clients(self, now: float) -> None:
        for name, state in list(self._clients.items()):
            state.refill(now)
            if state.active == 0 and state.tokens >= state.budget:
                del self._clients[name]

    async def _run(self, job: Job, key: str, client: _Client) -> Reply:
        settings = self.settings
        deadline = time.monotonic() + settings.time_limit
        worker = await self._take(long=False, deadline=deadline)
        if worker is None:
            return _busy(settings.time_limit)
        started = time.monotonic()
        try:
            worker.connection.send(job)
            if await self._wait(worker, started + settings.short_time):
                return self._finish(worker)
            with self._lock:
                promoted = self._long < settings.long_slots
                self._long += promoted
            if not promoted:
                self._replace(worker)
                self._charge(client, started)
                worker = await self._take(long=True, deadline=deadline)
                started = time.monotonic()
                if worker is None:
                    return _busy(settings.time_limit)
                worker.connection.send(job)
            try:
                if await self._wait(worker, deadline):
                    return self._finish(worker)
            finally:
                with self._lock:
                    self._long -= 1
                    self._dispatch()
        except asyncio.CancelledError:
            self._replace(worker)  # the caller is gone; the query is stopped
            raise
        except _Died:
            self._replace(worker)
            self._remember(key)
            return Reply(
                500, reason="the query worker failed on this query; it will not be run again"
            )
        except OSError:
            self._replace(worker)
            return Reply(503, reason="a query worker was lost; ask again", retry_after=1)
        finally:
            self._charge(client, started)
        self._replace(worker)
        return Reply(
            503,
            reason=f"query stopped: it exceeded the time limit of {settings.time_limit:g} s; no result",
        )

    def _charge(self, client: _Client, started: float) -> None:
        """Count the time since ``started`` against ``client``'s budget."""
        with self._lock:
            now = time.monotonic()
            client.refill(now)
            client.tokens -= now - started

    async def _take(self, long: bool, deadline: float) -> Worker | None:
        """A free worker for a query of the lane, or None if none is free by ``deadline``."""
        while True:
            worker = await self._wait_for_worker(long, deadline)
            if worker is None or worker.process.poll() is None:
                return worker
            self._release_lane(long)
            self._replace(worker)  # it died idle: no query of ours is to blame

    def _release_lane(self, long: bool) -> None:
        if long:
            with self._lock:
                self._long -= 1

    async def _wait_for_worker(self, long: bool, deadline: float) -> Worker | None:
        with self._lock:
            if not self._waiting and self._idle and not long:
                return self._idle.pop()
        loop = asyncio.get_running_loop()
        woken = loop.create_future()
        ticket = _Ticket(long, lambda: _wake(loop, woken))
        with self._lock:
            self._waiting.append(ticket)
            self._dispatch()
        try:
            await asyncio.wait_for(woken, max(deadline - time.monotonic(), 0.0))
        except TimeoutError:
            pass
        except asyncio.CancelledError:
            with self._lock:
                if ticket.worker is not None:
                    self._long -= ticket.long
                    self._idle.append(ticket.worker)
                    self._dispatch()
                elif ticket in self._waiting:
                    self._waiting.remove(ticket)
            raise
        with self._lock:
            if ticket.worker is None and ticket in self._waiting:
                self._waiting.remove(ticket)
            return ticket.worker

    def _dispatch(self) -> None:
        """Hand free workers to waiting queries, first come first served; under the lock."""
        for ticket in list(self._waiting):
            if not self._idle:
                return
            if ticket.long:
                if self._long >= self.settings.long_slots:
                    continue
                self._long += 1
            self._waiting.remove(ticket)
            ticket.worker = self._idle.pop()
            ticket.wake()

    async def _wait(self, worker: Worker, until: float) -> bool:
        """Whether ``worker`` has a reply (or has died) before ``until``."""
        loop = asyncio.get_running_loop()
        readable = loop.create_future()
        descriptor = worker.connection.fileno()
        loop.add_reader(descriptor, _settle, readable)
        try:
            await asyncio.wait_for(readable, max(until - time.monotonic(), 0.0))
        except TimeoutError:
            return False
        finally:
            loop.remove_reader(descriptor)
            os.set_blocking(descriptor, True)  # uvloop made it non-blocking; replies are read whole
        return True

    def _finish(self, worker: Worker) -> Reply:
        try:
            reply = receive_reply(worker.connection)
        except (EOFError, OSError):
            raise _Died from None
        with self._lock:
            self._idle.append(worker)
            self._dispatch()
        return reply

    def _remember(self, key: str) -> None:
        with self._lock:
            self._poison[key] = None
            while len(self._poison) > _REMEMBERED:
                self._poison.popitem(last=False)

    def _add(self, worker: Worker) -> None:
        with self._lock:
            if self._closed:
                worker.stop()
                return
            self._workers.add(worker)
            self._idle.append(worker)
            self._dispatch()

    def _replace(self, worker: Worker) -> None:
        """Kill ``worker`` now and start its successor in the background, once."""
        with self._lock:
            if worker not in self._workers:
                return  # replaced already, or the pool is closed
            self._workers.discard(worker)
        worker.stop()
        threading.Thread(target=self._start_one, daemon=True).start()

    def _start_one(self) -> None:
        if self._closed:
            return
        worker = Worker(self.store_path)
        try:
            worker.wait_ready()
        except RuntimeError as error:
            if not self._closed:
                _LOG.error("%s; the pool has one worker less", error)
            return
        self._add(worker)


def _settle(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


def _wake(loop: asyncio.AbstractEventLoop, future: asyncio.Future[None]) -> None:
    with contextlib.suppress(RuntimeError):  # a closed loop: nobody waits there any more
        loop.call_soon_threadsafe(_settle, future)


def _busy(limit: float) -> Reply:
    return Reply(503, reason=f"server busy: no query worker free within {limit:g} s", retry_after=1)
