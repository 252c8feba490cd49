"""Namespaces and the IRI scheme of DESIGN.md: one place that mints every IRI."""

from __future__ import annotations

import re

from rdflib import Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, TIME, VOID, XSD

BASE = "https://w3id.org/fpkg/"
FP = Namespace(BASE + "ontology#")
ONTOLOGY_IRI = URIRef(BASE + "ontology")
ID = Namespace(BASE + "id/")
GRAPH = Namespace(BASE + "graph/")
ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
WD = Namespace("http://www.wikidata.org/entity/")
SH = Namespace("http://www.w3.org/ns/shacl#")

PREFIXES: dict[str, Namespace | str] = {
    "fp": FP,
    "fpid": ID,
    "org": ORG,
    "oa": OA,
    "wd": WD,
    "time": TIME,
    "prov": PROV,
    "dcterms": DCTERMS,
    "skos": SKOS,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "foaf": FOAF,
    "void": VOID,
    "dcat": DCAT,
}

KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*|[A-Z]{3}")
"""A key inside an IRI: lower-case words joined by hyphens, or an ISO 3166-1 alpha-3 code."""


def entity(ref: str) -> URIRef:
    """The IRI of a thing named ``kind/key`` (``state/PER``, ``mechanism/lima-group``)."""
    return ID[ref]


def named_graph(name: str) -> URIRef:
    """The IRI of a named graph (a document id, ``ontology``, ``links``, ``catalog``)."""
    return GRAPH[name]


def document(doc_id: str) -> URIRef:
    return ID[f"document/{doc_id}"]


def evidence(doc_id: str, start: int, end: int) -> URIRef:
    """Evidence is named by where it stands: stable for as long as the document's bytes are."""
    return ID[f"evidence/{doc_id}/{start}-{end}"]


def instant(lexical: str) -> URIRef:
    """Instants are shared by every fact on the same date, at the same precision."""
    return ID[f"instant/{lexical}"]


def wikidata(qid: str) -> URIRef:
    return WD[qid]


def bind_prefixes(graph) -> None:
    """Bind the project's prefixes on a graph, replacing rdflib's defaults for the same IRIs."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
