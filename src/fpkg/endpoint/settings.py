"""The endpoint's limits and allow-list, with safe defaults."""

from __future__ import annotations

from dataclasses import dataclass

WIKIDATA = "https://query.wikidata.org/sparql"


@dataclass(frozen=True)
class Settings:
    """How much a query may take, where SERVICE may go, and how the workers are shared."""

    time_limit: float = 30.0
    """Seconds a query may run before its worker is killed."""
    service_allow: tuple[str, ...] = (WIKIDATA,)
    """The only endpoints SERVICE may call (exact IRIs); empty for none."""
    max_rows: int = 100_000
    """Most solutions or triples in one result."""
    max_bytes: int = 64 * 1024 * 1024
    """Most bytes in one result body."""
    max_request_bytes: int = 1024 * 1024
    """Most bytes in a request body or a query."""
    max_nesting: int = 64
    """Most levels of nested brackets (groups, expressions, lists) in a query."""
    workers: int = 2
    """Worker processes, each running one query at a time."""
    short_time: float = 0.5
    """Seconds a query runs as a short one; past them it goes on in the long lane, which never
    holds every worker, so one is always left for short queries."""
    client_queries: int = 0
    """Queries one client may have running or waiting at once; 0 for one less than the workers."""
    client_budget: float = 60.0
    """Seconds of query time one client may use per minute."""
    max_queue: int = 32
    """Queries that may wait for a worker; more are answered 503."""

    @property
    def per_client(self) -> int:
        """The concurrent queries one client may have."""
        return self.client_queries or max(1, self.workers - 1)

    @property
    def long_slots(self) -> int:
        """The workers that may run long queries at once."""
        return max(1, self.workers - 1)
