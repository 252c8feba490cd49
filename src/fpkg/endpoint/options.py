"""Command-line options shared by ``fpkg serve`` and ``fpkg query``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

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
