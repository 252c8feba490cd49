"""Decide, before anything runs, whether a query may run and how its result is serialized."""

from __future__ import annotations

from functools import lru_cache

import pyoxigraph as ox

from fpkg.endpoint.errors import ProtocolError
from fpkg.endpoint.lexer import QueryInfo, inspect
from fpkg.endpoint.media import GRAPH_TYPES, RESULT_TYPES, negotiate
from fpkg.endpoint.results import Caps
from fpkg.endpoint.settings import Settings
from fpkg.endpoint.worker import Job

_CACHED_LENGTH = 16 * 1024


@lru_cache(maxsize=512)
def _inspect_cached(query: str) -> QueryInfo:
    return inspect(query)


def _inspected(query: str) -> QueryInfo:
    """:func:`inspect`, read once for a query of ordinary size sent again and again."""
    return _inspect_cached(query) if len(query) <= _CACHED_LENGTH else inspect(query)


def check_query(query: str, settings: Settings) -> QueryInfo:
    """The query's form and clauses; a :class:`ProtocolError` if it may not run here."""
    if len(query.encode("utf-8", "surrogatepass")) > settings.max_request_bytes:
        raise ProtocolError(413, f"query too large: over {settings.max_request_bytes} bytes")
    info = _inspected(query)
    if info.nesting > settings.max_nesting:
        raise ProtocolError(
            400,
            f"query nested too deeply: {info.nesting} levels of brackets, at most {settings.max_nesting}",
        )
    if info.is_update:
        raise ProtocolError(
            403, "SPARQL Update (and LOAD) is not allowed: this endpoint is read-only"
        )
    if info.unresolved_services:
        target = info.unresolved_services[0]
        raise ProtocolError(
            403,
            f"SERVICE {target or '(nothing)'} refused: SERVICE needs an absolute IRI on the allow-list",
        )
    for iri in info.services:
        if iri not in settings.service_allow:
            allowed = ", ".join(f"<{a}>" for a in settings.service_allow) or "none"
            raise ProtocolError(
                403, f"SERVICE <{iri}> refused: not on the allow-list (allowed: {allowed})"
            )
    return info


def result_formats(info: QueryInfo) -> dict[str, str]:
    """The media types a result of this query can be had in (the default first), each with
    its serialization."""
    return GRAPH_TYPES if info.form in ("CONSTRUCT", "DESCRIBE") else RESULT_TYPES


def check_graph_names(names: list[str], parameter: str) -> None:
    """A ProtocolError unless every name is an absolute IRI."""
    for name in names:
        try:
            ox.NamedNode(name)
        except ValueError:
            raise ProtocolError(400, f"bad {parameter}: {name!r} is not an IRI") from None


def plan(
    query: str,
    accept: str | None,
    settings: Settings,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
    base_iri: str | None = None,
) -> tuple[Job, str]:
    """The job to run for ``query`` and the media type of its result, or a ProtocolError.

    Relative IRIs in the query resolve against ``base_iri`` (the endpoint's URL).
    """
    info = check_query(query, settings)
    check_graph_names(default_graphs or [], "default-graph-uri")
    check_graph_names(named_graphs or [], "named-graph-uri")
    formats = result_formats(info)
    media_type = negotiate(accept, list(formats))
    if media_type is None:
        raise ProtocolError(
            406, f"cannot answer in any type of Accept: {accept}; offered: {', '.join(formats)}"
        )
    protocol_dataset = bool(default_graphs or named_graphs)
    job = Job(
        query=query,
        fmt=formats[media_type],
        caps=Caps(settings.max_rows, settings.max_bytes),
        union_default_graph=not (protocol_dataset or info.has_dataset_clause),
        default_graphs=tuple(default_graphs or ()) if protocol_dataset else None,
        named_graphs=tuple(named_graphs or ()) if protocol_dataset else None,
        base_iri=base_iri,
    )
    return job, media_type
