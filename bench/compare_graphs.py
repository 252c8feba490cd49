"""Check: two published ``graph/`` directories hold the same quads in every format.

Each dump is parsed with pyoxigraph and compared with the other directory's dump of the same
format as a set of statements, graph by graph for the dataset formats (TriG, N-Quads,
JSON-LD) and as one set for the triple formats (Turtle, N-Triples); gzipped copies must
unpack to their dump. Byte layout is not compared: this is the check that a change of
writer keeps the data.

    .venv/bin/python bench/compare_graphs.py OLD_GRAPH_DIR NEW_GRAPH_DIR
"""

from __future__ import annotations

import gzip
import sys
from collections import defaultdict
from pathlib import Path

from pyoxigraph import RdfFormat, parse

DATASET_DUMPS = {
    "fpkg.trig": RdfFormat.TRIG,
    "fpkg.nq": RdfFormat.N_QUADS,
    "fpkg.jsonld": RdfFormat.JSON_LD,
}
TRIPLE_DUMPS = {"fpkg.ttl": RdfFormat.TURTLE, "fpkg.nt": RdfFormat.N_TRIPLES}


def graphs_of(path: Path, rdf_format: RdfFormat) -> dict[str, set[str]]:
    """The statements of a dump, by graph name (``""`` for the default graph)."""
    graphs: dict[str, set[str]] = defaultdict(set)
    for statement in parse(path=path, format=rdf_format):
        graph = getattr(statement, "graph_name", None)
        name = "" if graph is None or not hasattr(graph, "value") else graph.value
        graphs[name].add(str(statement.triple if hasattr(statement, "triple") else statement))
    return dict(graphs)


def differences(old: Path, new: Path) -> list[str]:
    """What differs between the two directories' dumps, one line per graph and format."""
    problems = []
    for name, rdf_format in {**DATASET_DUMPS, **TRIPLE_DUMPS}.items():
        before, after = graphs_of(old / name, rdf_format), graphs_of(new / name, rdf_format)
        for graph in sorted(before.keys() | after.keys()):
            lost = before.get(graph, set()) - after.get(graph, set())
            gained = after.get(graph, set()) - before.get(graph, set())
            if lost or gained:
                problems.append(f"{name} <{graph}>: {len(lost)} lost, {len(gained)} new")
        print(f"{name}: {sum(map(len, before.values()))} statements in {len(before)} graph(s)")
    for name in ("fpkg.nq", "fpkg.nt"):
        if gzip.decompress((new / f"{name}.gz").read_bytes()) != (new / name).read_bytes():
            problems.append(f"{name}.gz does not unpack to {name}")
    return problems


def main() -> int:
    old, new = (Path(arg) for arg in sys.argv[1:3])
    problems = differences(old, new)
    for line in problems:
        print(line)
    print("same quads in every format" if not problems else f"{len(problems)} difference(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
