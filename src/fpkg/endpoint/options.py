"""Command-line options shared by ``fpkg serve`` and ``fpkg query``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from fpkg.endpoint.connections import ConnectionLimits
from fpkg.endpoint.settings import Settings


def endpoint_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the store, time limit, allow-list and cap options to ``command``."""
    defaults = Settings()
    options = [
        click.option(
            "--graph",
            "graph_dir",
            type=click.Path(file_okay=False, path_type=Path),
            default=None,
            help="Directory of the published dumps, read from its fpkg.nq (default: graph/ of the project).",
        ),
        click.option(
            "--store",
            "store_dir",
            type=click.Path(file_okay=False, path_type=Path),
            default=None,
            help="Keep the Oxigraph store in this directory, reloaded only when the dump changes (default: a temporary one).",
        ),
        click.option(
            "--time-limit",
            type=click.FloatRange(min=0.1),
            default=defaults.time_limit,
            show_default=True,
            help="Seconds a query may run; then it is stopped and answered with an error.",
        ),
        click.option(
            "--service-allow",
            multiple=True,
            metavar="IRI",
            help=f"An endpoint SERVICE may call; repeat for several, --service-allow '' for none (default: {', '.join(defaults.service_allow)}).",
        ),
        click.option(
            "--max-rows",
            type=click.IntRange(min=1),
            default=defaults.max_rows,
            show_default=True,
            help="Most solutions or triples in a result.",
        ),
        click.option(
            "--max-bytes",
            type=click.IntRange(min=1024),
            default=defaults.max_bytes,
            show_default=True,
            help="Most bytes in a result.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def settings_from(
    time_limit: float,
    service_allow: tuple[str, ...],
    max_rows: int,
    max_bytes: int,
    workers: int = Settings.workers,
) -> Settings:
    """The settings the options ask for; no ``--service-allow`` keeps the default allow-list."""
    allow = Settings.service_allow if not service_allow else tuple(i for i in service_allow if i)
    return Settings(
        time_limit=time_limit,
        service_allow=allow,
        max_rows=max_rows,
        max_bytes=max_bytes,
        workers=workers,
    )


def serve_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the options of fair sharing and of connections to ``fpkg serve``."""
    defaults, connections = Settings(), ConnectionLimits()
    options = [
        click.option(
            "--short-time",
            type=click.FloatRange(min=0.01),
            default=defaults.short_time,
            show_default=True,
            help="Seconds a query runs as a short one; longer ones go on in a lane that always leaves one worker to short queries.",
        ),
        click.option(
            "--client-queries",
            type=click.IntRange(min=0),
            default=defaults.client_queries,
            show_default=True,
            help="Queries one client (address and User-Agent) may have at once; more are answered 429. 0: one less than the workers.",
        ),
        click.option(
            "--client-budget",
            type=click.FloatRange(min=0.1),
            default=defaults.client_budget,
            show_default=True,
            help="Seconds of query time one client may use per minute; past them it is answered 429.",
        ),
        click.option(
            "--queue",
            "max_queue",
            type=click.IntRange(min=0),
            default=defaults.max_queue,
            show_default=True,
            help="Queries that may wait for a worker; more are answered 503.",
        ),
        click.option(
            "--header-timeout",
            type=click.FloatRange(min=0.1),
            default=connections.header_timeout,
            show_default=True,
            help="Seconds a request's headers may take to arrive.",
        ),
        click.option(
            "--body-timeout",
            type=click.FloatRange(min=0.1),
            default=connections.body_timeout,
            show_default=True,
            help="Seconds a request's body may take to arrive.",
        ),
        click.option(
            "--keep-alive",
            type=click.IntRange(min=1),
            default=connections.keep_alive,
            show_default=True,
            help="Seconds an idle connection stays open.",
        ),
        click.option(
            "--max-connections",
            type=click.IntRange(min=1),
            default=connections.max_connections,
            show_default=True,
            help="Connections served at once; past them, requests are answered 503.",
        ),
        click.option(
            "--trust-forwarded",
            multiple=True,
            metavar="ADDRESS",
            help="A proxy's address whose X-Forwarded-For names the client; repeat for several (default: none, the peer's address is the client's).",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def serve_settings_from(
    workers: int,
    short_time: float,
    client_queries: int,
    client_budget: float,
    max_queue: int,
    header_timeout: float,
    body_timeout: float,
    keep_alive: int,
    max_connections: int,
    trust_forwarded: tuple[str, ...],
    **limits: Any,
) -> tuple[Settings, ConnectionLimits]:
    """The engine's settings and the connection limits ``fpkg serve``'s options ask for."""
    settings = replace(
        settings_from(workers=workers, **limits),
        short_time=short_time,
        client_queries=client_queries,
        client_budget=client_budget,
        max_queue=max_queue,
    )
    connections = ConnectionLimits(
        header_timeout=header_timeout,
        body_timeout=body_timeout,
        keep_alive=keep_alive,
        max_connections=max_connections,
        trust_forwarded=trust_forwarded,
    )
    return settings, connections
