"""Merge: the units' graphs, in IRI order, joined into every published dump.

A document's graph comes with its part of every dump, serialised and compressed by its unit
(:mod:`fpkg.dumpparts`); a graph several units add to (the catalog, which holds the instants
and relations documents share) is the sorted union of their lines, serialised here. Joining
the parts is all the merge does: nothing holds more than one graph at a time, and the VoID
counts come from the units' own counts, not from a second pass over the corpus.
"""

from __future__ import annotations

import contextlib
import itertools
import struct
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from fpkg import cache
from fpkg import namespaces as ns
from fpkg.dumpparts import graph_parts, prefix_lines
from fpkg.units import graph_blocks


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
GZIPPED = ("nq", "nt")
"""The dumps also published gzip-compressed: the largest, and the line formats that bulk
loaders read."""


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


def parts(
    cache_dir: Path, metas: list[dict[str, Any]], keys: list[str]
) -> Iterator[tuple[str, dict[str, Any], dict[str, bytes]]]:
    """Each graph in IRI order: its counts and its part of every dump."""
    sources_of: dict[str, list[tuple[dict[str, Any], str]]] = {}
    for meta, key in zip(metas, keys, strict=True):
        for graph in meta["graphs"]:
            sources_of.setdefault(graph, []).append((meta, key))
    for graph in sorted(sources_of):
        sources = sources_of[graph]
        if len(sources) == 1 and sources[0][0].get("own") == graph:
            meta, key = sources[0]
            stored = {
                suffix: cache.member_path(cache_dir, key, suffix).read_bytes()
                for suffix in meta["members"]
            }
            yield graph, meta["graphs"][graph], stored
            continue
        union: set[str] = set()
        for meta, key in sources:
            start, end = meta["graphs"][graph]["lines"]
            union.update(itertools.islice(cache.entry_lines(cache_dir, key), start, end))
        lines = sorted(union)
        yield graph, graph_blocks(lines)[graph], graph_parts(lines)


DUMP_SUFFIXES = ("nq", "nt", "ttl", "trig", "jsonld")
"""The dumps ``fpkg.{suffix}``, each the graphs' parts of that suffix joined."""


def write_dumps(
    cache_dir: Path, metas: list[dict[str, Any]], keys: list[str], out_dir: Path
) -> Counts:
    """Write N-Quads, N-Triples (each also gzipped), Turtle, TriG and JSON-LD into
    ``out_dir`` from the graphs' parts; return the counts for the VoID description."""
    counts = Counts()
    with contextlib.ExitStack() as stack:
        files = {
            suffix: stack.enter_context((out_dir / f"fpkg.{suffix}").open("wb"))
            for suffix in DUMP_SUFFIXES
        }
        gzipped = {
            suffix: GzipJoiner(stack.enter_context((out_dir / f"fpkg.{suffix}.gz").open("wb")))
            for suffix in GZIPPED
        }
        for suffix in ("ttl", "trig"):
            files[suffix].write(prefix_lines(suffix))
        files["jsonld"].write(b"[")
        for index, (graph, block, part) in enumerate(parts(cache_dir, metas, keys)):
            counts.graphs[graph] = block
            if index:
                files["jsonld"].write(b",")
            for suffix, handle in files.items():
                handle.write(part[suffix])
            for suffix, joiner in gzipped.items():
                joiner.add(part[f"{suffix}.deflate"], part[suffix])
            lines = b"\n" + part["nq"]
            counts.subjects.update(e for e in EXAMPLES if f"\n{e} ".encode() in lines)
        files["jsonld"].write(b"]")
        for joiner in gzipped.values():
            joiner.close()
    return counts
