"""Stats: what the published graph holds — per class and document, links, table rows."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import RdfFormat, Store

from fpkg.errors import FpkgError, at

LINKABLE = (
    "State",
    "Person",
    "Mechanism",
    "StateBody",
    "Office",
    "Place",
    "Treaty",
    "Company",
    "Event",
)

PER_CLASS_AND_GRAPH = """
SELECT ?graph ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?graph { ?s a ?class } }
GROUP BY ?graph ?class"""

LINKS = """
PREFIX fp: <https://w3id.org/fpkg/ontology#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?entity ?class ?qid ?reason WHERE {
  VALUES ?class { %s }
  ?entity a ?class .
  OPTIONAL { ?entity owl:sameAs ?qid }
  OPTIONAL { ?entity fp:unlinkedReason ?reason }
}"""

TABLE_ROWS = """
PREFIX fp: <https://w3id.org/fpkg/ontology#>
SELECT DISTINCT ?relation (BOUND(?unresolved) AS ?isUnresolved) WHERE {
  ?relation a fp:DiplomaticRelation .
  FILTER EXISTS { ?event fp:ofRelation ?relation ; fp:tableRow ?row }
  OPTIONAL { ?relation fp:partnerUnresolved ?unresolved FILTER (?unresolved) }
}"""


SLUG_LABEL = r"^[a-z][a-z -]*: "
"""A machine label, "kind: key words" ("relation event: table oceania row 9 established 1")."""

LANGUAGES = """
SELECT ?lang (COUNT(*) AS ?n) WHERE {
  GRAPH ?g { ?s ?p ?o FILTER (isLiteral(?o) && LANG(?o) != "") BIND (LANG(?o) AS ?lang) }
} GROUP BY ?lang"""

IN_TWO_GRAPHS = """
SELECT (COUNT(*) AS ?n) WHERE {
  { SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?s ?p ?o HAVING (COUNT(?g) > 1) }
}"""

SLUGS = f"""
SELECT (COUNT(*) AS ?n) WHERE {{
  GRAPH ?g {{ ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label }}
  FILTER REGEX(STR(?label), "{SLUG_LABEL}")
}}"""


@dataclass
class Stats:
    """Counts of the published graph."""

    per_class: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    linked: list[tuple[str, str, str]] = field(default_factory=list)
    unlinked: list[tuple[str, str, str]] = field(default_factory=list)
    rows_resolved: int = 0
    rows_unresolved: int = 0
    literals_per_language: dict[str, int] = field(default_factory=dict)
    triples_in_two_graphs: int = 0
    slug_labels: int = 0


def load_store(graph_dir: Path) -> Store:
    path = graph_dir / "fpkg.nq"
    if not path.is_file():
        raise FpkgError("no published graph here: run `fpkg build` first", at(path))
    store = Store()
    store.bulk_load(path=str(path), format=RdfFormat.N_QUADS)
    return store


def compute(store: Store) -> Stats:
    stats = Stats()
    for row in store.query(PER_CLASS_AND_GRAPH):
        graph = row["graph"].value.rsplit("/", 1)[1]
        stats.per_class[_short(row["class"].value)][graph] = int(row["n"].value)
    classes = " ".join(f"fp:{name}" for name in LINKABLE)
    for row in store.query(LINKS % classes, use_default_graph_as_union=True):
        entity = row["entity"].value.removeprefix("https://w3id.org/fpkg/id/")
        kind = _short(row["class"].value)
        if row["qid"] is not None:
            stats.linked.append((entity, kind, row["qid"].value.rsplit("/", 1)[1]))
        else:
            reason = row["reason"].value if row["reason"] is not None else "no reason recorded"
            stats.unlinked.append((entity, kind, reason))
    for row in store.query(TABLE_ROWS, use_default_graph_as_union=True):
        if row["isUnresolved"].value == "true":
            stats.rows_unresolved += 1
        else:
            stats.rows_resolved += 1
    for row in store.query(LANGUAGES):
        stats.literals_per_language[row["lang"].value] = int(row["n"].value)
    stats.triples_in_two_graphs = _count(store, IN_TWO_GRAPHS)
    stats.slug_labels = _count(store, SLUGS)
    stats.linked.sort()
    stats.unlinked.sort()
    return stats


def _count(store: Store, query: str) -> int:
    return int(next(iter(store.query(query)))["n"].value)


def render(stats: Stats) -> str:
    """A plain-text report: one table per question."""
    graphs = sorted({g for counts in stats.per_class.values() for g in counts})
    lines = ["Instances per class and named graph", ""]
    header = ["class", *graphs, "total"]
    rows = [
        [cls, *(str(counts.get(g, "")) for g in graphs), str(sum(counts.values()))]
        for cls, counts in sorted(stats.per_class.items())
    ]
    lines += _table([header, *rows])
    lines += ["", f"Wikidata links: {len(stats.linked)} linked, {len(stats.unlinked)} unlinked", ""]
    lines += _table([["unlinked entity", "class", "reason"], *map(list, stats.unlinked)])
    lines += [
        "",
        f"Bilateral-relations table: {stats.rows_resolved} relations with a resolved partner, "
        f"{stats.rows_unresolved} rows unresolved",
        "",
        "Language-tagged literals: "
        + ", ".join(f"{n} @{lang}" for lang, n in sorted(stats.literals_per_language.items())),
        f"Triples in more than one named graph: {stats.triples_in_two_graphs}",
        f"Machine-slug labels (kind: key): {stats.slug_labels}",
    ]
    return "\n".join(lines)


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


def _short(iri: str) -> str:
    for namespace, prefix in (
        ("https://w3id.org/fpkg/ontology#", "fp:"),
        ("http://www.w3.org/ns/oa#", "oa:"),
        ("http://www.w3.org/2006/time#", "time:"),
        ("http://www.w3.org/2002/07/owl#", "owl:"),
        ("http://www.w3.org/2004/02/skos/core#", "skos:"),
        ("http://www.w3.org/ns/org#", "org:"),
        ("http://www.w3.org/ns/prov#", "prov:"),
        ("http://xmlns.com/foaf/0.1/", "foaf:"),
    ):
        if iri.startswith(namespace):
            return prefix + iri[len(namespace) :]
    return iri
