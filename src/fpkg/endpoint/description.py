"""The SPARQL service description, made by rdflib-endpoint and completed with the dataset."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import RDF, BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import VOID, XSD
from rdflib_endpoint import SparqlRouter
from rdflib_endpoint.utils import FORMATS, SD

from fpkg.endpoint.media import JSON_LD, N_TRIPLES, RDF_XML, TURTLE

DESCRIPTION_TYPES = {TURTLE: "turtle", RDF_XML: "xml", N_TRIPLES: "nt", JSON_LD: "json-ld"}
"""Media types of the service description and their rdflib serializations."""


def _dataset_description(store: ox.Store, service: URIRef) -> Graph:
    graph = Graph()
    dataset, default = BNode(), BNode()
    graph.add((service, SD.endpoint, service))
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, SD.defaultGraph, default))
    graph.add((default, RDF.type, SD.Graph))
    counts = store.query(
        "SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
    )
    total = 0
    for name, count in counts:  # type: ignore[misc]
        named, graph_node = BNode(), BNode()
        graph.add((dataset, SD.namedGraph, named))
        graph.add((named, RDF.type, SD.NamedGraph))
        graph.add((named, SD.name, URIRef(name.value)))
        graph.add((named, SD.graph, graph_node))
        graph.add((graph_node, RDF.type, SD.Graph))
        graph.add((graph_node, VOID.triples, Literal(int(count.value), datatype=XSD.integer)))
        total += int(count.value)
    graph.add((default, VOID.triples, Literal(total, datatype=XSD.integer)))
    return graph


def make_router(
    store: ox.Store, public_url: str, title: str, description: str, version: str, examples: dict
) -> SparqlRouter:
    """rdflib-endpoint's router, used for its page and service description, not its engine."""
    service = URIRef(public_url)
    router = SparqlRouter(
        path="/sparql",
        title=title,
        description=description,
        version=version,
        graph=Dataset(default_union=True),
        service_description=_dataset_description(store, service),
        enable_update=False,
        public_url=public_url,
        favicon="data:,",
        example_queries=examples,
    )
    sd = router.service_description
    sd.remove((None, SD.inputFormat, None))
    for result_format in (
        FORMATS.SPARQL_Results_XML,
        FORMATS.SPARQL_Results_TSV,
        FORMATS["N-Triples"],
        FORMATS["JSON-LD"],
    ):
        sd.add((service, SD.resultFormat, result_format))
    return router
