"""Merge: the units' canonical N-Quads, graph by graph, written as every published dump.

Graphs come in IRI order, each as its sorted lines: a document's graph straight from its
unit (with the gzip members its unit compressed), a graph several units add to (the catalog,
which holds the instants and relations documents share) as the sorted union of their lines.
N-Quads and N-Triples are written line by line; Turtle, TriG and JSON-LD by pyoxigraph's
streaming writers from those files. Nothing holds more than one graph's lines at a time, and
the VoID counts come from the units' own counts, not from a second pass over the corpus. The gzip dumps are one
gzip stream each, joined from the graphs' DEFLATE blocks compressed by their units.
"""

from __future__ import annotations

import itertools
import struct
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from pyoxigraph import RdfFormat, parse, serialize

from fpkg import cache
from fpkg import namespaces as ns
from fpkg.units import block_members, graph_blocks, triple_line


@dataclass
class Counts:
    """What the VoID description states: triples and class counts per graph and in all."""

    graphs: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Graph IRI → ``{"triples": n, "classes": {class IRI: n}, "typed": n}``."""
    subjects: set[str] = field(default_factory=set)
    """Subjects seen among :data:`EXAMPLES`."""

    @property
    def triples(self) -> int:
        return sum(g["triples"] for g in self.graphs.values())

    @property
    def entities(self) -> int:
        return sum(g["typed"] for g in self.graphs.values())

    @property
    def classes(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for graph in self.graphs.values():
            total.update(graph["classes"])
        return total


EXAMPLES = tuple(f"<{ns.entity(e)}>" for e in ("state/PER", "mechanism/lima-group"))
PREFIXES = {prefix: str(iri) for prefix, iri in sorted(ns.PREFIXES.items())}


class GzipJoiner:
    """A gzip file (one member, the same bytes on every run) written from raw DEFLATE blocks
    (:func:`fpkg.units.deflated`) and the data they hold, for its checksum and length."""

    HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    """Magic, DEFLATE, no flags, no time stamp, best compression, unknown system."""
    FINAL = b"\x03\x00"
    """An empty final DEFLATE block."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self.crc = 0
        self.size = 0
        handle.write(self.HEADER)

    def add(self, block: bytes, data: bytes) -> None:
        self.handle.write(block)
        self.crc = zlib.crc32(data, self.crc)
        self.size += len(data)

    def close(self) -> None:
        self.handle.write(self.FINAL)
        self.handle.write(struct.pack("<II", self.crc, self.size & 0xFFFFFFFF))


def graph_order(metas: list[dict[str, Any]]) -> list[str]:
    return sorted({graph for meta in metas for graph in meta["graphs"]})


def blocks(
    cache_dir: Path, metas: list[dict[str, Any]], keys: list[str]
) -> Iterator[tuple[str, list[str], dict[str, Any], dict[str, bytes]]]:
    """Each graph in IRI order: its sorted lines, its counts and its gzip members."""
    for graph in graph_order(metas):
        sources = [(m, k) for m, k in zip(metas, keys, strict=True) if graph in m["graphs"]]
        if len(sources) == 1 and sources[0][0].get("own") == graph:
            meta, key = sources[0]
            start, end = meta["graphs"][graph]["lines"]
            lines = list(itertools.islice(cache.entry_lines(cache_dir, key), start, end))
            members = {
                suffix: cache.member_path(cache_dir, key, suffix).read_bytes()
                for suffix in meta["members"]
            }
            yield graph, lines, meta["graphs"][graph], members
            continue
        union: set[str] = set()
        for meta, key in sources:
            start, end = meta["graphs"][graph]["lines"]
            union.update(itertools.islice(cache.entry_lines(cache_dir, key), start, end))
        lines = sorted(union)
        yield graph, lines, graph_blocks(lines)[graph], block_members(lines)


def write_dumps(
    cache_dir: Path, metas: list[dict[str, Any]], keys: list[str], out_dir: Path
) -> Counts:
    """Write N-Quads, N-Triples (each also gzipped), Turtle, TriG and JSON-LD into
    ``out_dir``; return the counts for the VoID description."""
    counts = Counts()
    with (
        (out_dir / "fpkg.nq").open("wb") as nquads,
        (out_dir / "fpkg.nt").open("wb") as ntriples,
        (out_dir / "fpkg.nq.gz").open("wb") as nquads_gz,
        (out_dir / "fpkg.nt.gz").open("wb") as ntriples_gz,
    ):
        nquads_joined, ntriples_joined = GzipJoiner(nquads_gz), GzipJoiner(ntriples_gz)
        for graph, lines, block, members in blocks(cache_dir, metas, keys):
            counts.graphs[graph] = block
            quad_data = "".join(lines).encode("utf-8")
            triple_data = "".join(triple_line(line) for line in lines).encode("utf-8")
            nquads.write(quad_data)
            ntriples.write(triple_data)
            nquads_joined.add(members["nq.deflate"], quad_data)
            ntriples_joined.add(members["nt.deflate"], triple_data)
            counts.subjects.update(e for e in EXAMPLES if any(x.startswith(e + " ") for x in lines))
        nquads_joined.close()
        ntriples_joined.close()
    triples = parse(path=out_dir / "fpkg.nt", format=RdfFormat.N_TRIPLES)
    serialize(triples, out_dir / "fpkg.ttl", RdfFormat.TURTLE, prefixes=PREFIXES)
    for name, rdf_format in (("fpkg.trig", RdfFormat.TRIG), ("fpkg.jsonld", RdfFormat.JSON_LD)):
        quads = parse(path=out_dir / "fpkg.nq", format=RdfFormat.N_QUADS)
        serialize(quads, out_dir / name, rdf_format, prefixes=PREFIXES)
    return counts
