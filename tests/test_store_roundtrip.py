"""Data read back from a triple store validates: dump → Oxigraph → CONSTRUCT → SHACL.

Oxigraph (like Virtuoso) returns an xsd:nonNegativeInteger as xsd:integer; the store-read
profile of the shapes accepts that canonical integer (>= 0), and nothing else changes."""

from __future__ import annotations

import pytest
from pyoxigraph import RdfFormat, Store
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from fpkg.namespaces import OA
from fpkg.validate import load_shapes, store_read_profile, validate

READ_BACK = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.fixture(scope="module")
def read_back(built) -> Graph:
    store = Store()
    store.load(built.dataset.serialize(format="nquads", encoding="utf-8"), RdfFormat.N_QUADS)
    triples = store.query(READ_BACK)
    graph = Graph()
    graph.parse(data=triples.serialize(format=RdfFormat.N_TRIPLES), format="nt")
    return graph


def test_the_store_returns_offsets_as_integers(read_back):
    offsets = list(read_back.objects(None, OA.start))
    assert offsets
    assert {o.datatype for o in offsets} == {XSD.integer}


def test_read_back_data_conforms_to_the_store_read_profile(built, root, read_back):
    shapes = load_shapes(root / "shapes")
    strict = validate(read_back, built.sources.documents, shapes)
    assert any(f.shape == "fpsh:TextPositionSelectorShape" for f in strict.violations)
    report = validate(read_back, built.sources.documents, store_read_profile(shapes))
    assert report.violations == []
    assert len(report.warnings) == len(built.report.warnings)


def test_store_read_profile_still_refuses_negative_offsets(root):
    shapes = store_read_profile(load_shapes(root / "shapes"))
    graph = Graph()
    ttl = """
        @prefix oa: <http://www.w3.org/ns/oa#> .
        <urn:p> a oa:TextPositionSelector ; oa:start -1 ; oa:end 3 .
    """
    graph.parse(data=ttl, format="turtle")
    report = validate(graph, {}, shapes)
    assert [f.shape for f in report.violations] == ["fpsh:TextPositionSelectorShape"]
    graph.set((URIRef("urn:p"), OA.start, Literal(2)))
    assert validate(graph, {}, shapes).violations == []
