"""Plain stores first: the standard super-types and super-properties are in the published
graph, each triple in one named graph, and the graph keeps the ontology's domains and ranges
(what an RDFS reasoner would infer from them adds no class the data does not already have)."""

from __future__ import annotations

from collections import Counter

import pytest
from pyoxigraph import RdfFormat, Store
from rdflib import Graph, URIRef
from rdflib.namespace import FOAF, OWL, PROV, RDF, RDFS

from fpkg.closure import external_supers, materialise
from fpkg.namespaces import FP, OA, ORG

UNION_STORE_QUERY_PREFIXES = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"


@pytest.fixture(scope="module")
def store(built) -> Store:
    store = Store()
    store.load(built.dataset.serialize(format="nquads", encoding="utf-8"), RdfFormat.N_QUADS)
    return store


def count(store: Store, cls: URIRef) -> int:
    query = f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH ?g {{ ?s a <{cls}> }} }}"
    return int(next(iter(store.query(query)))["n"].value)


@pytest.mark.parametrize(
    ("own", "standard"),
    [
        (FP.Membership, ORG.Membership),
        (FP.Mechanism, ORG.Organization),
        (FP.State, PROV.Agent),
        (FP.Statement, PROV.Entity),
        (FP.Person, FOAF.Person),
        (FP.Mention, OA.Annotation),
    ],
)
def test_standard_class_has_every_instance_of_its_subclass(store, own, standard):
    """Without inference, every fp instance carries the standard class the ontology names."""
    assert count(store, own) > 0
    missing = (
        f"SELECT ?s WHERE {{ GRAPH ?g {{ ?s a <{own}> }} "
        f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?s a <{standard}> }} }} }} LIMIT 1"
    )
    assert list(store.query(missing)) == []
    assert count(store, standard) >= count(store, own)


def test_superproperty_triples_are_in_the_graph_of_their_source(store):
    query = """
        SELECT (COUNT(*) AS ?n) WHERE {
          GRAPH ?g { ?s <https://w3id.org/fpkg/ontology#issuer> ?o }
          FILTER NOT EXISTS { GRAPH ?g { ?s <http://www.w3.org/ns/prov#wasAttributedTo> ?o } }
        }"""
    assert int(next(iter(store.query(query)))["n"].value) == 0
    issued = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s <http://www.w3.org/ns/prov#wasAttributedTo> ?o } }"
    assert int(next(iter(store.query(issued)))["n"].value) > 0


def test_no_triple_stands_in_two_named_graphs(built):
    graphs = Counter((s, p, o) for s, p, o, _ in built.dataset.quads((None, None, None, None)))
    assert graphs, "an empty dataset proves nothing"
    assert [t for t, n in graphs.items() if n > 1] == []


def test_closure_follows_declared_axioms_only():
    """Sub-class and sub-property axioms, transitively; nothing from domains or ranges."""
    ontology = Graph()
    ex = "https://w3id.org/fpkg/ontology#"
    ontology.parse(
        data=f"""
        @prefix rdfs: <{RDFS}> . @prefix prov: <{PROV}> . @prefix org: <{ORG}> .
        <{ex}A> rdfs:subClassOf <{ex}B> . <{ex}B> rdfs:subClassOf prov:Agent .
        <{ex}p> rdfs:subPropertyOf org:member ; rdfs:domain <{ex}B> ; rdfs:range <{ex}A> .
        """,
        format="turtle",
    )
    assert external_supers(ontology, RDFS.subClassOf)[FP.A] == {PROV.Agent}
    data = Graph()
    data.add((URIRef("urn:x"), RDF.type, FP.A))
    data.add((URIRef("urn:x"), FP.p, URIRef("urn:y")))
    added = materialise([data], ontology)
    assert (URIRef("urn:x"), RDF.type, PROV.Agent) in data
    assert (URIRef("urn:x"), ORG.member, URIRef("urn:y")) in data
    assert (URIRef("urn:x"), RDF.type, FP.B) not in data, "own superclasses are not added"
    assert (URIRef("urn:y"), RDF.type, FP.A) not in data, "ranges are not applied"
    assert added == {PROV.Agent: 1, ORG.member: 1}


def _classes(ontology: Graph, axiom: URIRef) -> list[tuple[URIRef, URIRef]]:
    skip = {OWL.Thing, RDFS.Literal}
    return [
        (prop, cls)
        for prop, cls in ontology.subject_objects(axiom)
        if str(prop).startswith(str(FP))
        and (cls, RDF.type, OWL.Class) in ontology
        and cls not in skip
    ]


@pytest.mark.parametrize(("axiom", "end"), [(RDFS.domain, "s"), (RDFS.range, "o")])
def test_domains_and_ranges_hold(built, store, axiom, end):
    """What an RDFS reasoner would type by a domain or range is already of that class, so
    SHACL on an RDFS closure (Jena `riot --rdfs`) sees the same instances as here."""
    checked = 0
    for prop, cls in _classes(built.sources.ontology, axiom):
        query = (
            UNION_STORE_QUERY_PREFIXES + f"SELECT ?s ?o WHERE {{ GRAPH ?g {{ ?s <{prop}> ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?{end} a ?c }} "
            f"GRAPH <https://w3id.org/fpkg/graph/ontology> {{ ?c rdfs:subClassOf* <{cls}> }} }} }} LIMIT 1"
        )
        bad = [(row["s"].value, row["o"].value) for row in store.query(query)]
        assert bad == [], f"{prop} {axiom.n3()} {cls}: {bad}"
        checked += 1
    assert checked > 10
