"""Live reload: the server follows ``graph/`` as new builds publish it, without a restart.

A build publishes ``graph/`` all at once (a directory rename) or not at all. Twice a second
the identity of the published dump (inode, size, modification time) is looked at; when it
has changed, its SHA-256 is compared with the served one, and a different dump is loaded into a new application (its own store, workers, pages
and validators) beside the one serving. Only once that is ready are new requests sent to it;
requests in flight finish on the old one, which is closed when the last of them is done. A
dump whose identity changed while it was loaded (still being written) is set aside and
loaded again at the next look; a dump that cannot be loaded is reported and not retried until it changes again: the old
application keeps answering.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fpkg.endpoint.store import DUMP, file_sha256

_LOG = logging.getLogger(__name__)
INTERVAL = 0.5
"""Seconds between two looks at the published dump."""

Identity = tuple[int, int, int] | None


def identity(graph_dir: Path) -> Identity:
    """What changes when a build publishes: the dump's inode, size and modification time."""
    try:
        status = (graph_dir / DUMP).stat()
    except OSError:
        return None
    return (status.st_ino, status.st_size, status.st_mtime_ns)


@dataclass
class Generation:
    """One loaded build: its application, its dump's digest, and its requests in flight."""

    app: Any
    digest: str
    close: Callable[[], None]
    in_flight: int = 0
    retired: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def enter(self) -> None:
        with self.lock:
            self.in_flight += 1

    def leave(self) -> None:
        with self.lock:
            self.in_flight -= 1
            done = self.retired and self.in_flight == 0
        if done:
            threading.Thread(target=self.close, daemon=True).start()

    def retire(self) -> None:
        with self.lock:
            self.retired = True
            done = self.in_flight == 0
        if done:
            threading.Thread(target=self.close, daemon=True).start()


class LiveApp:
    """An ASGI application answering with the newest loaded build of ``graph_dir``;
    ``load()`` makes the application of what ``graph_dir`` holds now (and its closer)."""

    def __init__(
        self,
        graph_dir: Path,
        load: Callable[[], tuple[Any, Callable[[], None]]],
        interval: float = INTERVAL,
    ) -> None:
        self.graph_dir = graph_dir
        self._load = load
        self._interval = interval
        seen = identity(graph_dir)
        app, close = load()
        self.current = Generation(app, file_sha256(graph_dir / DUMP), close)
        self._seen = seen
        self._stop = threading.Event()
        self._watcher = threading.Thread(target=self._watch, name="fpkg-reload", daemon=True)
        self._watcher.start()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        generation = self.current
        generation.enter()
        try:
            await generation.app(scope, receive, send)
        finally:
            generation.leave()

    async def _lifespan(self, receive: Any, send: Any) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                self.close()
                await send({"type": "lifespan.shutdown.complete"})
                return

    def close(self) -> None:
        """Stop watching and close the application serving now."""
        self._stop.set()
        self.current.retire()

    def _watch(self) -> None:
        while not self._stop.wait(self._interval):
            now = identity(self.graph_dir)
            if now is not None and now != self._seen:
                self._seen = now
                self._reload(now)

    def _reload(self, seen: Identity) -> None:
        try:
            digest = file_sha256(self.graph_dir / DUMP)
            if digest == self.current.digest:
                return
            app, close = self._load()
        except Exception as error:
            _LOG.error("fpkg: the new build in %s is not served: %s", self.graph_dir, error)
            return
        if identity(self.graph_dir) != seen or self._stop.is_set():
            close()  # published again while loading (the next look loads it), or stopping
            self._seen = None if not self._stop.is_set() else self._seen
            return
        old, self.current = self.current, Generation(app, digest, close)
        old.retire()
        _LOG.warning("fpkg: now serving the build of %s (dump %s)", self.graph_dir, digest[:12])
