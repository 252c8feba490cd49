"""``fpkg query``: one query, run by the endpoint's engine, its result on standard output."""

from __future__ import annotations

from pathlib import Path

from fpkg.endpoint.engine import Engine
from fpkg.endpoint.errors import ProtocolError
from fpkg.endpoint.policy import plan
from fpkg.endpoint.settings import Settings


def run_query(
    query: str,
    graph_dir: Path,
    settings: Settings,
    accept: str | None,
    store_dir: Path | None = None,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
) -> tuple[bytes, str | None]:
    """The serialized result and the cap it hit, if any; a ProtocolError if refused or failed."""
    job, _ = plan(query, accept, settings, default_graphs, named_graphs)
    engine = Engine(graph_dir, settings, store_dir)
    try:
        reply = engine.run(job)
    finally:
        engine.close()
    if reply.status != 200:
        raise ProtocolError(reply.status, reply.reason)
    return reply.body, reply.capped
