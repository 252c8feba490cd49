"""Publish: the validated dataset as standard, deterministic dumps in ``graph/``.

Same inputs give byte-identical files: statements are sorted, no blank nodes are written,
and the directory is replaced only once every file has been written (a failed build leaves
the previous ``graph/`` untouched).
"""

from __future__ import annotations

import gzip
import json
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, RDFS, VOID, XSD

from fpkg import __version__
from fpkg import namespaces as ns
from fpkg.anchoring import OFFSET_UNIT
from fpkg.corpus import Document
from fpkg.errors import FpkgError, at

DUMPS = {
    "fpkg.trig": ("trig", "application/trig"),
    "fpkg.nq": ("nquads", "application/n-quads"),
    "fpkg.ttl": ("turtle", "text/turtle"),
    "fpkg.nt": ("nt", "application/n-triples"),
    "fpkg.jsonld": ("json-ld", "application/ld+json"),
}
GZIPPED = ("fpkg.nq", "fpkg.nt")
"""Dumps also published gzip-compressed (``<name>.gz``): the largest, and the line formats that
bulk loaders read."""
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


def check_no_blank_nodes(dataset: Dataset) -> None:
    """Published data names every node, so that dumps diff and merge cleanly."""
    for quad in dataset.quads((None, None, None, None)):
        if any(isinstance(term, BNode) for term in quad[:3]):
            raise FpkgError(f"blank node in published data: {quad[:3]}")


def sorted_lines(text: str) -> str:
    """Line-based formats (N-Triples, N-Quads) sorted, so that order never depends on a hash."""
    lines = sorted({line for line in text.splitlines() if line.strip()})
    return "\n".join(lines) + "\n"


def canonical_jsonld(text: str) -> str:
    """JSON-LD with nodes sorted by @id and keys sorted."""

    def sort_nodes(value: object) -> object:
        if isinstance(value, list):
            items = [sort_nodes(v) for v in value]
            return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
        if isinstance(value, dict):
            return {k: sort_nodes(v) for k, v in value.items()}
        return value

    return (
        json.dumps(sort_nodes(json.loads(text)), indent=1, sort_keys=True, ensure_ascii=False)
        + "\n"
    )


def trig(dataset: Dataset) -> str:
    """TriG with the named graphs in IRI order (rdflib's own writer orders them by hash)."""
    header: list[str] = []
    blocks: list[str] = []
    for graph in sorted(dataset.graphs(), key=lambda g: str(g.identifier)):
        if not len(graph):
            continue
        named = Graph()
        ns.bind_prefixes(named)
        named += graph
        lines = named.serialize(format="turtle").splitlines()
        header += [line for line in lines if line.startswith("@prefix")]
        # Not indented: a line may continue a multi-line string literal.
        body = "\n".join(line for line in lines if not line.startswith("@prefix"))
        blocks.append(f"<{graph.identifier}> {{\n{body.strip(chr(10))}\n}}\n")
    return "\n".join(sorted(set(header))) + "\n\n" + "\n".join(blocks)


def render_dumps(dataset: Dataset) -> dict[str, str]:
    """Every uncompressed dump file's text, by file name."""
    check_no_blank_nodes(dataset)
    merged = union_graph(dataset)
    context = {prefix: str(iri) for prefix, iri in ns.PREFIXES.items()}
    renderers: dict[str, Callable[[], str]] = {
        "fpkg.trig": lambda: trig(dataset),
        "fpkg.nq": lambda: sorted_lines(dataset.serialize(format="nquads")),
        "fpkg.ttl": lambda: merged.serialize(format="turtle"),
        "fpkg.nt": lambda: sorted_lines(merged.serialize(format="nt")),
        "fpkg.jsonld": lambda: canonical_jsonld(
            dataset.serialize(format="json-ld", context=context, auto_compact=True)
        ),
    }
    return {name: render() for name, render in renderers.items()}


def gzipped(data: bytes) -> bytes:
    """``data`` gzip-compressed, the same bytes on every run (no time stamp, no file name)."""
    return gzip.compress(data, compresslevel=9, mtime=0)


def void_description(
    dataset: Dataset, documents: dict[str, Document], base_url: str, sizes: dict[str, int]
) -> Graph:
    """VoID + DCAT: what the dataset holds, per graph and class, where to get it (each dump
    with its media type, compression and size in ``sizes``), the licences of its sources."""
    void = Graph()
    ns.bind_prefixes(void)
    d = DATASET_IRI
    merged = union_graph(dataset)
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
    void.add((d, VOID.triples, Literal(len(merged), datatype=XSD.integer)))
    void.add((d, VOID.entities, Literal(len(set(merged.subjects(RDF.type))), datatype=XSD.integer)))
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
    _add_class_partitions(void, d, merged)
    for graph in sorted(dataset.graphs(), key=lambda g: str(g.identifier)):
        if not len(graph):
            continue
        subset = URIRef(f"{d}/graph/{str(graph.identifier).rsplit('/', 1)[1]}")
        void.add((d, VOID.subset, subset))
        void.add((subset, RDF.type, VOID.Dataset))
        void.add((subset, RDFS.label, Literal(f"named graph {graph.identifier}", lang="en")))
        void.add((subset, FOAF.page, graph.identifier))
        void.add((subset, VOID.triples, Literal(len(graph), datatype=XSD.integer)))
        _add_class_partitions(void, subset, graph)
        doc_id = str(graph.identifier).rsplit("/", 1)[1]
        if doc_id in documents:
            source = documents[doc_id]
            void.add((subset, DCTERMS.source, ns.document(doc_id)))
            if source.license:
                void.add((subset, DCTERMS.license, URIRef(source.license)))
            if source.rights:
                void.add((subset, DCTERMS.rights, Literal(source.rights, lang="en")))
    for example in ("state/PER", "mechanism/lima-group"):
        if (ns.entity(example), None, None) in merged:
            void.add((d, VOID.exampleResource, ns.entity(example)))
    return void


def _add_class_partitions(void: Graph, dataset_iri: URIRef, graph: Graph) -> None:
    counts = Counter(o for o in graph.objects(None, RDF.type) if isinstance(o, URIRef))
    for cls, count in counts.items():
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
    dataset: Dataset, documents: dict[str, Document], out_dir: Path, base_url: str = ns.BASE
) -> list[Path]:
    """Write every dump and the VoID description, replacing ``out_dir`` only when all are written."""
    files: dict[str, bytes] = {
        name: text.encode("utf-8") for name, text in render_dumps(dataset).items()
    }
    files.update({f"{name}.gz": gzipped(files[name]) for name in GZIPPED})
    sizes = {name: len(data) for name, data in files.items()}
    void = void_description(dataset, documents, base_url, sizes)
    files[VOID_FILE] = void.serialize(format="turtle").encode("utf-8")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        for name, data in files.items():
            (staging / name).write_bytes(data)
        _swap(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [out_dir / name for name in sorted(files)]


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
