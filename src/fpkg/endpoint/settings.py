"""The endpoint's limits and allow-list, with safe defaults."""

from __future__ import annotations

from dataclasses import dataclass

WIKIDATA = "https://query.wikidata.org/sparql"


@dataclass(frozen=True)
class Settings:
    """How much a query may take, and where SERVICE may go."""

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
    workers: int = 2
    """Worker processes, each running one query at a time."""
