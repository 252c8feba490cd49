"""Standard types for plain stores: the superclasses and superproperties that the ontology
declares from standard vocabularies (ORG, PROV, FOAF, OWL-Time, OA, DCMI…), materialised on
every instance and triple, so that a query in W3C terms alone needs no inference.

This is the closure over the ontology's ``rdfs:subClassOf`` and ``rdfs:subPropertyOf`` axioms
only. owlrl's RDFS semantics would also type every subject and object by the domains and
ranges, add ``rdfs:Resource`` and the axiomatic triples, and type literals; none of that is
stated by a document, and filtering it out again would be more code than this closure.
"""

from __future__ import annotations

from collections.abc import Iterable, Set

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from fpkg.namespaces import FP

Triple = tuple[Node, Node, Node]


def external_supers(ontology: Graph, axiom: URIRef) -> dict[URIRef, set[URIRef]]:
    """For every fp term, the terms outside fp it is transitively a sub-term of."""
    supers: dict[URIRef, set[URIRef]] = {}
    for term in set(ontology.subjects(axiom, None)):
        if not isinstance(term, URIRef) or not term.startswith(str(FP)):
            continue
        found = {
            s
            for s in ontology.transitive_objects(term, axiom)
            if isinstance(s, URIRef) and not s.startswith(str(FP))
        }
        if found:
            supers[term] = found
    return supers


def materialise(
    graphs: Iterable[Graph], ontology: Graph, elsewhere: Set[Triple] = frozenset()
) -> dict[URIRef, int]:
    """Add to each graph the standard super-types and super-properties of its own triples.

    An inferred triple goes into the graph of the triple it follows from (so a query scoped
    to a document's graph finds it there), unless some graph already holds it, or it is
    among the triples ``elsewhere`` (graphs built apart): one triple, one graph. Returns how
    many were added per standard class or property.
    """
    classes = external_supers(ontology, RDFS.subClassOf)
    properties = external_supers(ontology, RDFS.subPropertyOf)
    graphs = sorted(graphs, key=lambda g: str(g.identifier))
    present = {triple for graph in graphs for triple in graph}
    added: dict[URIRef, int] = {}
    for graph in graphs:
        for s, p, o in list(graph):
            if p == RDF.type and o in classes:
                inferred = [((s, RDF.type, c), c) for c in classes[o]]  # type: ignore[index]
            elif p in properties:
                inferred = [((s, q, o), q) for q in properties[p]]  # type: ignore[index]
            else:
                continue
            for triple, term in inferred:
                if triple not in present and triple not in elsewhere:
                    graph.add(triple)
                    present.add(triple)
                    added[term] = added.get(term, 0) + 1
    return added
