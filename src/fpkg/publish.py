"""Publish: the validated units as standard, deterministic dumps in ``graph/``.

Same inputs give byte-identical files: graphs and statements are sorted, no blank nodes are
written, and the directory is replaced only once every file has been written (a failed
build leaves the previous ``graph/`` untouched).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pyoxigraph import RdfFormat, Triple, parse, serialize
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, RDFS, VOID, XSD

from fpkg import __version__, merge
from fpkg import namespaces as ns
from fpkg.anchoring import OFFSET_UNIT
from fpkg.corpus import Document
from fpkg.dumpparts import PREFIXES
from fpkg.errors import FpkgError, at
from fpkg.merge import EXAMPLES, Counts, write_dumps

DUMPS = {
    "fpkg.trig": ("trig", "application/trig"),
    "fpkg.nq": ("nquads", "application/n-quads"),
    "fpkg.ttl": ("turtle", "text/turtle"),
    "fpkg.nt": ("nt", "application/n-triples"),
    "fpkg.jsonld": ("json-ld", "application/ld+json"),
}
GZIPPED = tuple(f"fpkg.{suffix}" for suffix in merge.GZIPPED)
VOID_FILE = "void.ttl"
PUBLISHED = tuple(sorted([*DUMPS, *(f"{name}.gz" for name in GZIPPED), VOID_FILE]))
"""Every file a build writes to ``graph/``."""
IANA = "http://www.iana.org/assignments/media-types/"
DATASET_IRI = URIRef(ns.BASE + "dataset")


def union_graph(dataset: Dataset) -> Graph:
    """All named graphs merged into one graph, with the project's prefixes."""
    graph = Graph()
    ns.bind_prefixes(graph)
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def void_description(
    counts: Counts, documents: dict[str, Document], base_url: str, sizes: dict[str, int]
) -> Iterator[Graph]:
    """VoID + DCAT: what the dataset holds, per graph and class, where to get it (each dump
    with its media type, compression and size in ``sizes``), the licences of its sources;
    as the description of the whole, then one small graph per named graph, so that a corpus
    of ten thousand documents is described without holding it all."""
    void = Graph(bind_namespaces="none")
    d = DATASET_IRI
    void.add((d, RDF.type, VOID.Dataset))
    void.add((d, RDF.type, DCAT.Dataset))
    void.add((d, DCTERMS.title, Literal("Foreign Policy Knowledge Graph", lang="en")))
    void.add(
        (
            d,
            DCTERMS.description,
            Literal(
                "Facts on Peru's foreign policy and the Lima Group, each derived from the exact words "
                "of a source document (W3C Web Annotation selectors), with Wikidata links.",
                lang="en",
            ),
        )
    )
    void.add((d, RDFS.comment, Literal(OFFSET_UNIT, lang="en")))
    void.add((d, OWL.versionInfo, Literal(__version__)))
    void.add((d, VOID.vocabulary, URIRef(ns.FP)))
    void.add((d, VOID.uriSpace, Literal(str(ns.ID))))
    void.add((d, VOID.sparqlEndpoint, URIRef(base_url + "sparql")))
    void.add((d, VOID.triples, Literal(counts.triples, datatype=XSD.integer)))
    void.add((d, VOID.entities, Literal(counts.entities, datatype=XSD.integer)))
    for name, size in sorted(sizes.items()):
        dump = URIRef(base_url + "dumps/" + name)
        void.add((d, VOID.dataDump, dump))
        distribution = URIRef(f"{d}/distribution/{name.replace('.', '-')}")
        void.add((d, DCAT.distribution, distribution))
        void.add((distribution, RDF.type, DCAT.Distribution))
        void.add((distribution, DCAT.downloadURL, dump))
        void.add((distribution, DCAT.mediaType, URIRef(IANA + DUMPS[name.removesuffix(".gz")][1])))
        void.add((distribution, DCAT.byteSize, Literal(size, datatype=XSD.nonNegativeInteger)))
        if name.endswith(".gz"):
            void.add((distribution, DCAT.compressFormat, URIRef(IANA + "application/gzip")))
    _add_class_partitions(void, d, counts.classes)
    described = [(g, block) for g, block in sorted(counts.graphs.items()) if block["triples"]]
    for graph_term, _ in described:
        void.add((d, VOID.subset, _subset(graph_term)))
    for example in EXAMPLES:
        if example in counts.subjects:
            void.add((d, VOID.exampleResource, URIRef(example.strip("<>"))))
    yield void
    for graph_term, block in described:
        yield graph_description(graph_term, block, documents)


def _subset(graph_term: str) -> URIRef:
    return URIRef(f"{DATASET_IRI}/graph/{graph_term.strip('<>').rsplit('/', 1)[1]}")


def graph_description(
    graph_term: str, block: dict[str, Any], documents: dict[str, Document]
) -> Graph:
    """The VoID subset of one named graph: its triples and classes, its source document."""
    void = Graph(bind_namespaces="none")
    graph_iri = URIRef(graph_term.strip("<>"))
    subset = _subset(graph_term)
    void.add((subset, RDF.type, VOID.Dataset))
    void.add((subset, RDFS.label, Literal(f"named graph {graph_iri}", lang="en")))
    void.add((subset, FOAF.page, graph_iri))
    void.add((subset, VOID.triples, Literal(block["triples"], datatype=XSD.integer)))
    _add_class_partitions(void, subset, block["classes"])
    doc_id = str(graph_iri).rsplit("/", 1)[1]
    if doc_id in documents:
        source = documents[doc_id]
        void.add((subset, DCTERMS.source, ns.document(doc_id)))
        if source.license:
            void.add((subset, DCTERMS.license, URIRef(source.license)))
        if source.rights:
            void.add((subset, DCTERMS.rights, Literal(source.rights, lang="en")))
    return void


def _add_class_partitions(void: Graph, dataset_iri: URIRef, classes: dict[str, int]) -> None:
    for class_term, count in classes.items():
        cls = URIRef(class_term.strip("<>"))
        partition = URIRef(f"{dataset_iri}/class/{_slug(cls)}")
        void.add((dataset_iri, VOID.classPartition, partition))
        void.add((partition, VOID["class"], cls))
        void.add((partition, VOID.entities, Literal(count, datatype=XSD.integer)))


def _slug(iri: URIRef) -> str:
    text = str(iri)
    for prefix, namespace in sorted(ns.PREFIXES.items()):
        if text.startswith(str(namespace)):
            return f"{prefix}-{text[len(str(namespace)) :]}"
    return text.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def publish(
    cache_dir: Path,
    metas: list[dict[str, Any]],
    keys: list[str],
    documents: dict[str, Document],
    out_dir: Path,
    base_url: str = ns.BASE,
) -> Counts:
    """Write every dump and the VoID description from the units in the cache; ``out_dir``
    is replaced by one rename once all are written (a reader sees the old build or the new).
    Returns what the dumps hold."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        counts = write_dumps(cache_dir, metas, keys, staging)
        sizes = {name: (staging / name).stat().st_size for name in PUBLISHED if name != VOID_FILE}
        parts = void_description(counts, documents, base_url, sizes)
        serialize(
            (triple for part in parts for triple in sorted_triples(part)),
            staging / VOID_FILE,
            RdfFormat.TURTLE,
            prefixes=PREFIXES,
        )
        _swap(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return counts


def sorted_triples(graph: Graph) -> Iterator[Triple]:
    """``graph``'s statements, sorted, as Oxigraph triples (for its streaming Turtle writer:
    rdflib's takes seconds on the VoID description of a thousand documents)."""
    lines = sorted(graph.serialize(format="nt", encoding="utf-8").splitlines(keepends=True))
    return parse(b"".join(lines), format=RdfFormat.N_TRIPLES)


def _swap(new: Path, target: Path) -> None:
    """Put ``new`` in place of ``target`` with renames only."""
    if not target.exists():
        new.rename(target)
        return
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    target.rename(old)
    try:
        new.rename(target)
    except OSError:
        old.rename(target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def read_published(graph_dir: Path) -> Dataset:
    """The published TriG, with the union of its named graphs as default graph."""
    path = graph_dir / "fpkg.trig"
    if not path.is_file():
        raise FpkgError("no published graph here: run `fpkg build` first", at(path))
    dataset = Dataset(default_union=True)
    dataset.parse(path, format="trig")
    return dataset
