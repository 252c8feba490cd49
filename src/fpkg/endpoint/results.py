"""Serialize query results within the caps on rows and bytes, and say which cap was hit."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import islice
from json.encoder import encode_basestring
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "n-triples": ox.RdfFormat.N_TRIPLES,
    "json-ld": ox.RdfFormat.JSON_LD,
    "rdf-xml": ox.RdfFormat.RDF_XML,
}
RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}


@dataclass(frozen=True)
class Caps:
    """The most rows (solutions or triples) and bytes a result may have."""

    rows: int
    bytes: int


@dataclass(frozen=True)
class Serialized:
    """A serialized result, and the cap (``rows`` or ``bytes``) that cut it short, if any."""

    body: bytes
    capped: str | None = None


class _OverCap(Exception):
    """Raised by :class:`_Sink` when a result grows past the byte cap."""


class _Sink:
    """A binary output for Oxigraph's serializers that refuses to grow past ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self.chunks: list[bytes] = []

    def write(self, chunk: bytes) -> int:
        self.size += len(chunk)
        if self.size > self.limit:
            raise _OverCap
        self.chunks.append(chunk)
        return len(chunk)

    def flush(self) -> None:
        """Nothing to flush: the chunks are kept in memory."""


def serialize_native(result: object, fmt: str, caps: Caps) -> Serialized | None:
    """The whole result serialized by Oxigraph at native speed, or None if that would pass a
    cap (then the query is to be run again through :func:`serialize_capped`).

    The byte cap stops the serializer as soon as it is passed; rows are counted in the
    serialized result only when it is long enough to hold more than the row cap.
    """
    if isinstance(result, ox.QueryBoolean):
        return serialize_boolean(result, fmt)
    if not isinstance(result, ox.QuerySolutions):
        return serialize_triples(result, fmt, caps)  # type: ignore[arg-type]
    sink = _Sink(caps.bytes)
    try:
        result.serialize(sink, RESULT_FORMATS[fmt])
    except _OverCap:
        return None
    body = b"".join(sink.chunks)
    if len(body) > caps.rows and count_rows(body, fmt) > caps.rows:
        return None
    return Serialized(body)


def count_rows(body: bytes, fmt: str) -> int:
    """The number of solutions in a SELECT result Oxigraph serialized as ``fmt``."""
    if fmt == "json":
        return len(json.loads(body)["results"]["bindings"])
    if fmt == "xml":
        return body.count(b"<result>")  # text and attributes escape "<"
    if fmt == "tsv":
        return body.count(b"\n") - 1  # terms escape line breaks; one header line
    # CSV quotes a field with a line break: count the breaks outside quotes, less the header.
    return sum(part.count(b"\n") for part in body.split(b'"')[::2]) - 1


def serialize_capped(result: object, fmt: str, caps: Caps) -> Serialized:
    """A SELECT, CONSTRUCT or DESCRIBE result cut short before it passes a cap."""
    if isinstance(result, ox.QuerySolutions):
        return serialize_solutions(result, fmt, caps)
    return serialize_triples(result, fmt, caps)  # type: ignore[arg-type]


def serialize_boolean(result: ox.QueryBoolean, fmt: str) -> Serialized:
    """An ASK result."""
    return Serialized(result.serialize(format=RESULT_FORMATS[fmt]))


def serialize_triples(triples: Iterable[ox.Triple], fmt: str, caps: Caps) -> Serialized:
    """A CONSTRUCT or DESCRIBE result, by Oxigraph's serializers; fewer triples if over a cap."""
    kept = list(islice(triples, caps.rows + 1))
    capped = None
    if len(kept) > caps.rows:
        kept, capped = kept[: caps.rows], "rows"
    body = ox.serialize(kept, format=RDF_FORMATS[fmt])
    while len(body) > caps.bytes and kept:
        kept, capped = kept[: len(kept) * caps.bytes // len(body) * 9 // 10], "bytes"
        body = ox.serialize(kept, format=RDF_FORMATS[fmt])
    return Serialized(body, capped)


def serialize_solutions(solutions: ox.QuerySolutions, fmt: str, caps: Caps) -> Serialized:
    """A SELECT result, row by row, stopping before a cap is exceeded."""
    names = [variable.value for variable in solutions.variables]
    head, row, separator, tail = _WRITERS[fmt](names)
    pieces = [head]
    size = len(head) + len(tail)
    capped = None
    for count, solution in enumerate(solutions):
        if count == caps.rows:
            capped = "rows"
            break
        piece = (separator if count else b"") + row(solution)
        if size + len(piece) > caps.bytes:
            capped = "bytes"
            break
        pieces.append(piece)
        size += len(piece)
    pieces.append(tail)
    return Serialized(b"".join(pieces), capped)


Row = Callable[[ox.QuerySolution], bytes]


def _cached(encode: Callable[[object], str]) -> Callable[[object], str]:
    cache: dict[object, str] = {}

    def cached(term: object) -> str:
        text = cache.get(term)
        if text is None:
            text = cache[term] = encode(term)
        return text

    return cached


def _json_term(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return '{"type":"uri","value":' + encode_basestring(term.value) + "}"
    if isinstance(term, ox.BlankNode):
        return '{"type":"bnode","value":' + encode_basestring(term.value) + "}"
    if isinstance(term, ox.Literal):
        value = '{"type":"literal","value":' + encode_basestring(term.value)
        if term.language:
            return value + ',"xml:lang":' + encode_basestring(term.language) + "}"
        if term.datatype.value != XSD_STRING:
            return value + ',"datatype":' + encode_basestring(term.datatype.value) + "}"
        return value + "}"
    if isinstance(term, ox.Triple):
        parts = (
            f'"{k}":{_json_term(getattr(term, k))}' for k in ("subject", "predicate", "object")
        )
        return '{"type":"triple","value":{' + ",".join(parts) + "}}"
    raise TypeError(f"not an RDF term: {term!r}")


def _json(names: list[str]) -> tuple[bytes, Row, bytes, bytes]:
    keys = [encode_basestring(name) + ":" for name in names]
    term = _cached(_json_term)

    def row(solution: ox.QuerySolution) -> bytes:
        items = [
            key + term(value)
            for key, value in zip(keys, solution, strict=True)
            if value is not None
        ]
        return ("{" + ",".join(items) + "}").encode()

    head = '{"head":{"vars":' + json.dumps(names) + '},"results":{"bindings":['
    return head.encode(), row, b",", b"]}}"


def _xml_term(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            datatype = quoteattr(term.datatype.value)
            return f"<literal datatype={datatype}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    if isinstance(term, ox.Triple):
        return (
            f"<triple><subject>{_xml_term(term.subject)}</subject>"
            f"<predicate>{_xml_term(term.predicate)}</predicate>"
            f"<object>{_xml_term(term.object)}</object></triple>"
        )
    raise TypeError(f"not an RDF term: {term!r}")


def _xml(names: list[str]) -> tuple[bytes, Row, bytes, bytes]:
    openings = [f"<binding name={quoteattr(name)}>" for name in names]
    term = _cached(_xml_term)

    def row(solution: ox.QuerySolution) -> bytes:
        items = [
            opening + term(value) + "</binding>"
            for opening, value in zip(openings, solution, strict=True)
            if value is not None
        ]
        return ("<result>" + "".join(items) + "</result>").encode()

    variables = "".join(f"<variable name={quoteattr(name)}/>" for name in names)
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
        f"<head>{variables}</head><results>"
    )
    return head.encode(), row, b"", b"</results></sparql>"


def _csv_field(text: str) -> str:
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _csv_term(term: object) -> str:
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    if isinstance(term, ox.NamedNode | ox.Literal):
        return _csv_field(term.value)
    return _csv_field(str(term))


def _csv(names: list[str]) -> tuple[bytes, Row, bytes, bytes]:
    term = _cached(_csv_term)

    def row(solution: ox.QuerySolution) -> bytes:
        return (",".join("" if v is None else term(v) for v in solution) + "\r\n").encode()

    return (",".join(names) + "\r\n").encode(), row, b"", b""


def _tsv(names: list[str]) -> tuple[bytes, Row, bytes, bytes]:
    def row(solution: ox.QuerySolution) -> bytes:
        return ("\t".join("" if v is None else str(v) for v in solution) + "\n").encode()

    return ("\t".join("?" + name for name in names) + "\n").encode(), row, b"", b""


_WRITERS: dict[str, Callable[[list[str]], tuple[bytes, Row, bytes, bytes]]] = {
    "json": _json,
    "xml": _xml,
    "csv": _csv,
    "tsv": _tsv,
}
