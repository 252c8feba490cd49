"""The ``/sparql`` parameters beside the query: ``format=`` / ``output=`` (the result format,
as Fuseki and Virtuoso take it) and ``max-rows=`` (a smaller row cap than the server's)."""

from __future__ import annotations

import dataclasses

from fpkg.endpoint.errors import ProtocolError
from fpkg.endpoint.media import (
    CSV,
    JSON_LD,
    JSON_RESULTS,
    N_TRIPLES,
    RDF_XML,
    TSV,
    TURTLE,
    XML_RESULTS,
)
from fpkg.endpoint.settings import Settings

FORMAT_PARAMETERS = ("format", "output")
ROW_LIMIT_PARAMETER = "max-rows"
FORMATS: dict[str, str] = {
    "json": f"{JSON_RESULTS}, {JSON_LD}",
    "xml": f"{XML_RESULTS}, {RDF_XML}",
    "csv": CSV,
    "tsv": TSV,
    "turtle": TURTLE,
    "ttl": TURTLE,
    "ntriples": N_TRIPLES,
    "n-triples": N_TRIPLES,
    "nt": N_TRIPLES,
    "jsonld": JSON_LD,
    "json-ld": JSON_LD,
    "rdfxml": RDF_XML,
    "rdf-xml": RDF_XML,
}
"""Each format name and the media types it stands for: ``json`` and ``xml`` name the results
of SELECT and ASK and the graph of CONSTRUCT and DESCRIBE alike."""


def _one(params: list[tuple[str, str]], names: tuple[str, ...]) -> str | None:
    values = [value for key, value in params if key in names]
    if len(values) > 1:
        raise ProtocolError(400, f"several {' or '.join(names)} parameters: send one")
    return values[0] if values else None


def accept_of(params: list[tuple[str, str]], accept: str | None) -> str | None:
    """The ``Accept`` to negotiate with: ``format=`` or ``output=`` if given, else the header's.

    A media type is taken as it is; an unknown name is a 400 that lists the known ones.
    """
    name = _one(params, FORMAT_PARAMETERS)
    if name is None:
        return accept
    if "/" in name:
        return name
    if name.lower() not in FORMATS:
        known = ", ".join(FORMATS)
        raise ProtocolError(400, f"unknown format {name!r}: use one of {known} or a media type")
    return FORMATS[name.lower()]


def with_row_limit(params: list[tuple[str, str]], settings: Settings) -> Settings:
    """``settings`` with the row cap the client asked for by ``max-rows=``, if smaller."""
    asked = _one(params, (ROW_LIMIT_PARAMETER,))
    if asked is None:
        return settings
    if not asked.isdigit() or int(asked) < 1:
        raise ProtocolError(400, f"bad {ROW_LIMIT_PARAMETER}: {asked!r} is not a positive integer")
    return dataclasses.replace(settings, max_rows=min(int(asked), settings.max_rows))
