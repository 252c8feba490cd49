"""Rendered HTML pages kept per dump: a page is rendered once for each build of the graph.

The cache is keyed by the dump's identity (its SHA-256, the store's freshness mark) besides
what was asked, so a server that swaps in a new build serves fresh pages without being told.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

MAX_PAGES = 1024
"""Pages kept; the least recently used goes first (a page is some tens of KB)."""


class PageCache:
    """Pages rendered from the dump that ``identity`` names now, the most recently used kept."""

    def __init__(self, identity: Callable[[], str], size: int = MAX_PAGES) -> None:
        self.identity = identity
        self.size = size
        self._pages: OrderedDict[tuple[str, Hashable], str] = OrderedDict()
        self._rendering: dict[tuple[str, Hashable], threading.Lock] = {}
        self._lock = threading.Lock()

    def page(self, key: Hashable, render: Callable[[], str]) -> str:
        """The page for ``key`` from the current dump, rendered by ``render`` if not kept;
        a request for a page being rendered waits for it rather than rendering it again."""
        entry = (self.identity(), key)
        with self._lock:
            if entry in self._pages:
                self._pages.move_to_end(entry)
                return self._pages[entry]
            rendering = self._rendering.setdefault(entry, threading.Lock())
        with rendering:
            with self._lock:
                if entry in self._pages:
                    return self._pages[entry]
            try:
                html = render()
            finally:
                with self._lock:
                    self._rendering.pop(entry, None)
            with self._lock:
                for kept in [kept for kept in self._pages if kept[0] != entry[0]]:
                    del self._pages[kept]
                self._pages[entry] = html
                while len(self._pages) > self.size:
                    self._pages.popitem(last=False)
        return html
