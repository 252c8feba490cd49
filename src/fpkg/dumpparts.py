"""A named graph's part of every published dump, written once by the unit that builds it.

Each dump is the parts of all graphs joined in graph order: N-Quads, N-Triples, Turtle and
TriG parts follow each other (the Turtle and TriG files start with the prefixes once), the
JSON-LD parts are the graph objects of one array, and the gzip dumps are one gzip stream
joined from each part's DEFLATE blocks (:class:`fpkg.merge.GzipJoiner`). A graph that did not
change is never serialised or compressed again.
"""

from __future__ import annotations

import functools
import itertools
import zlib

from pyoxigraph import NamedNode, Quad, RdfFormat, parse, serialize

from fpkg import namespaces as ns

PREFIXES = {prefix: str(iri) for prefix, iri in sorted(ns.PREFIXES.items())}
SYNTAXES = {"ttl": RdfFormat.TURTLE, "trig": RdfFormat.TRIG, "jsonld": RdfFormat.JSON_LD}
"""The dumps written by Oxigraph's serialisers, by the suffix of their part."""


def triple_line(line: str) -> str:
    """An N-Quads line of a named graph as the N-Triples line of its triple."""
    return line[: line.rindex(" <", 0, len(line) - 3)] + " .\n"


def graph_parts(lines: list[str]) -> dict[str, bytes]:
    """One named graph's sorted N-Quads ``lines`` as its part of every dump, by suffix:
    ``nq``, ``nt``, ``ttl``, ``trig``, ``jsonld`` and the DEFLATE blocks ``nq.deflate`` and
    ``nt.deflate``."""
    nquads = "".join(lines).encode("utf-8")
    ntriples = "".join(triple_line(line) for line in lines).encode("utf-8")
    quads = list(parse(nquads, format=RdfFormat.N_QUADS))
    return {
        "nq": nquads,
        "nt": ntriples,
        "nq.deflate": deflated(nquads),
        "nt.deflate": deflated(ntriples),
        **{suffix: serialised(quads, suffix) for suffix in SYNTAXES},
    }


def serialised(quads: list[Quad], suffix: str) -> bytes:
    """The graph of ``quads`` in the syntax of ``suffix``, without what begins or ends the
    whole file (the prefixes; the brackets of the JSON-LD array)."""
    if not quads:
        return b""
    data = serialised_whole(quads, suffix)
    if suffix == "jsonld":
        return data[1:-1]
    return data[len(prefix_lines(suffix)) :]


@functools.cache
def prefix_lines(suffix: str) -> bytes:
    """How Oxigraph's Turtle or TriG serialisation of any non-empty graph begins: the
    ``@prefix`` lines, in its order."""
    probe = Quad(NamedNode(ns.BASE + "s"), NamedNode(ns.BASE + "p"), NamedNode(ns.BASE + "o"))
    data = serialised_whole([probe], suffix)
    lines = data.splitlines(keepends=True)
    return b"".join(itertools.takewhile(lambda line: line.startswith(b"@prefix "), lines))


def serialised_whole(quads: list[Quad], suffix: str) -> bytes:
    """``quads`` as a whole file of the syntax of ``suffix`` (Turtle: their triples)."""
    if suffix == "ttl":
        return serialize([q.triple for q in quads], format=SYNTAXES[suffix], prefixes=PREFIXES)
    return serialize(quads, format=SYNTAXES[suffix], prefixes=PREFIXES)


def deflated(data: bytes) -> bytes:
    """``data`` as raw DEFLATE blocks, not final, ending on a byte boundary."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH)
