"""Media types of the results and content negotiation by the ``Accept`` header."""

from __future__ import annotations

from dataclasses import dataclass

JSON_RESULTS = "application/sparql-results+json"
XML_RESULTS = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
N_TRIPLES = "application/n-triples"
JSON_LD = "application/ld+json"
RDF_XML = "application/rdf+xml"
HTML = "text/html"

RESULT_TYPES: dict[str, str] = {
    JSON_RESULTS: "json",
    XML_RESULTS: "xml",
    CSV: "csv",
    TSV: "tsv",
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
}
"""Media types of SELECT and ASK results, by preference (then aliases), and the serialization
of each."""

GRAPH_TYPES: dict[str, str] = {
    TURTLE: "turtle",
    N_TRIPLES: "n-triples",
    JSON_LD: "json-ld",
    RDF_XML: "rdf-xml",
}
"""Media types of CONSTRUCT and DESCRIBE results, by preference, and the serialization of each."""

FORMAT_NAMES: dict[str, str] = {
    "json": JSON_RESULTS,
    "xml": XML_RESULTS,
    "csv": CSV,
    "tsv": TSV,
    "turtle": TURTLE,
    "ttl": TURTLE,
    "nt": N_TRIPLES,
    "n-triples": N_TRIPLES,
    "json-ld": JSON_LD,
    "jsonld": JSON_LD,
    "rdf-xml": RDF_XML,
    "xml-rdf": RDF_XML,
}
"""Short format names (``fpkg query --format``) and the media type each stands for."""


@dataclass(frozen=True)
class _Range:
    type: str
    subtype: str
    quality: float
    index: int

    def matches(self, media_type: str) -> int:
        """How specifically this range matches ``media_type``: 0 not at all, 1 to 3."""
        kind, _, sub = media_type.partition("/")
        if self.type == "*" and self.subtype == "*":
            return 1
        if self.type == kind and self.subtype == "*":
            return 2
        return 3 if (self.type, self.subtype) == (kind, sub) else 0


def _ranges(accept: str) -> list[_Range]:
    ranges = []
    for index, item in enumerate(accept.split(",")):
        name, *params = (part.strip() for part in item.split(";"))
        kind, slash, sub = name.lower().partition("/")
        if not slash or not kind or not sub:
            continue
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    quality = 0.0
        ranges.append(_Range(kind, sub, quality, index))
    return ranges


def negotiate(accept: str | None, offers: list[str]) -> str | None:
    """The offer the client prefers, the first offer if it says nothing, None if none will do.

    The most specific range matching an offer gives its quality; among offers of equal
    quality the client's order wins, then the server's.
    """
    if not accept or not accept.strip():
        return offers[0]
    ranges = _ranges(accept)
    if not ranges:
        return offers[0]
    best: tuple[float, int, int, int] | None = None
    chosen = None
    for rank, offer in enumerate(offers):
        matching = [(r.matches(offer), r) for r in ranges]
        matching = [(s, r) for s, r in matching if s]
        if not matching:
            continue
        specificity, match = max(matching, key=lambda pair: (pair[0], -pair[1].index))
        if match.quality <= 0:
            continue
        key = (match.quality, specificity, -match.index, -rank)
        if best is None or key > best:
            best, chosen = key, offer
    return chosen


def with_charset(media_type: str) -> str:
    """The ``Content-Type`` value of ``media_type``: text types say they are UTF-8."""
    return f"{media_type}; charset=utf-8" if media_type.startswith("text/") else media_type
