"""The release description (graph/void.ttl, VoID + DCAT) tells the truth about the dumps beside
it: counts per graph and class, each source document's licence on the graph built from it,
version, example resources, endpoint, and every dump with its media type, size and compression."""

from __future__ import annotations

import gzip
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, VOID

from fpkg import __version__
from fpkg.namespaces import BASE
from fpkg.publish import DATASET_IRI, GZIPPED, PUBLISHED, union_graph

DCAT = Namespace("http://www.w3.org/ns/dcat#")  # rdflib's closed DCAT warns on pytest's probes
GZIP = URIRef("http://www.iana.org/assignments/media-types/application/gzip")


@pytest.fixture(scope="module")
def out(built) -> Path:
    return built.files[0].parent


@pytest.fixture(scope="module")
def void(out) -> Graph:
    return Graph().parse(out / "void.ttl", format="turtle")


def value(void: Graph, subject: URIRef, predicate: URIRef):
    found = list(void.objects(subject, predicate))
    assert len(found) == 1, f"{subject} {predicate}: {found}"
    return found[0]


def test_dataset_counts_version_endpoint_and_examples(built, void):
    merged = union_graph(built.dataset)
    d = DATASET_IRI
    assert value(void, d, VOID.triples).toPython() == len(merged)
    assert value(void, d, VOID.entities).toPython() == len(set(merged.subjects(RDF.type)))
    assert value(void, d, OWL.versionInfo) == Literal(__version__)
    assert value(void, d, VOID.sparqlEndpoint) == URIRef(BASE + "sparql")
    examples = set(void.objects(d, VOID.exampleResource))
    assert examples and all((e, RDF.type, None) in merged for e in examples)


def test_the_offset_unit_is_stated(void, built):
    """Web Annotation counts code points; a reader of the VoID must not have to guess, and
    the offsets published must be code points of the text (an emoji counts one)."""
    comment = str(value(void, DATASET_IRI, RDFS.comment))
    assert "count Unicode code points" in comment and "UTF-16" in comment
    spans = [
        anchor
        for record in built.sources.records.values()
        for anchor in record.anchors
        if any(ord(c) > 0xFFFF for c in anchor.document.text[: anchor.start])
    ]
    assert spans, "no evidence after a character beyond U+FFFF: the unit is not put to the test"
    for anchor in spans[:5]:
        assert anchor.document.text[anchor.start : anchor.end] == anchor.exact
        utf16 = len(anchor.document.text[: anchor.start].encode("utf-16-le")) // 2
        assert utf16 > anchor.start


def test_every_named_graph_with_its_triples_classes_and_licence(built, void):
    subsets = set(void.objects(DATASET_IRI, VOID.subset))
    graphs = [g for g in built.dataset.graphs() if len(g)]
    assert len(subsets) == len(graphs) >= 6
    for graph in graphs:
        subset = URIRef(f"{DATASET_IRI}/graph/{str(graph.identifier).rsplit('/', 1)[1]}")
        assert subset in subsets
        assert value(void, subset, VOID.triples).toPython() == len(graph)
        expected = Counter(o for o in graph.objects(None, RDF.type))
        declared = {
            value(void, p, VOID["class"]): value(void, p, VOID.entities).toPython()
            for p in void.objects(subset, VOID.classPartition)
        }
        assert declared == dict(expected), graph.identifier
    for doc_id, document in built.sources.documents.items():
        subset = URIRef(f"{DATASET_IRI}/graph/{doc_id}")
        assert (subset, DCTERMS.source, None) in void
        if document.license:
            assert value(void, subset, DCTERMS.license) == URIRef(document.license)
        else:
            assert value(void, subset, DCTERMS.rights), f"{doc_id}: no licence and no rights"


def test_every_dump_is_a_distribution_with_size_and_type(out, void):
    dumps = [name for name in PUBLISHED if name != "void.ttl"]
    distributions = {
        str(value(void, dist, DCAT.downloadURL)).rsplit("/", 1)[1]: dist
        for dist in void.objects(DATASET_IRI, DCAT.distribution)
    }
    assert sorted(distributions) == sorted(dumps)
    assert {str(u).rsplit("/", 1)[1] for u in void.objects(DATASET_IRI, VOID.dataDump)} == set(
        dumps
    )
    for name, dist in distributions.items():
        size = value(void, dist, DCAT.byteSize).toPython()
        assert size == (out / name).stat().st_size, name
        media = str(value(void, dist, DCAT.mediaType))
        assert media.startswith("http://www.iana.org/assignments/media-types/")
        assert ((dist, DCAT.compressFormat, GZIP) in void) == name.endswith(".gz"), name


def test_compressed_dumps_hold_exactly_the_uncompressed_ones(out):
    assert GZIPPED
    for name in GZIPPED:
        assert gzip.decompress((out / f"{name}.gz").read_bytes()) == (out / name).read_bytes()
