"""The ontology parses, documents every term, and is consistent under OWL 2 RL."""

from __future__ import annotations

import owlrl
import pytest
from owlrl.Namespaces import ERRNS
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from fpkg.namespaces import FP, ID, ONTOLOGY_IRI
from fpkg.sources import Paths, load_ontology


@pytest.fixture(scope="module")
def ontology(root) -> Graph:
    return load_ontology(Paths(root))


def owl_rl_errors(graph: Graph) -> list[str]:
    closure = Graph()
    closure += graph
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closure)
    return sorted(str(m) for m in closure.objects(None, ERRNS.error))


def own_terms(ontology: Graph, kind: URIRef) -> list[URIRef]:
    return sorted(t for t in ontology.subjects(RDF.type, kind) if str(t).startswith(str(FP)))


def test_header_has_version_and_metadata(ontology):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert str(ontology.value(ONTOLOGY_IRI, OWL.versionInfo)) == "0.1.0"
    assert ontology.value(ONTOLOGY_IRI, OWL.versionIRI) == URIRef(
        "https://w3id.org/fpkg/ontology/0.1.0"
    )
    for prop in ("title", "description", "creator", "license"):
        assert ontology.value(ONTOLOGY_IRI, URIRef(f"http://purl.org/dc/terms/{prop}")), prop


def test_required_classes_exist(ontology):
    for name in [
        "State",
        "Government",
        "Person",
        "Office",
        "Mechanism",
        "Membership",
        "Statement",
        "Recognition",
        "Decision",
        "DiplomaticRelation",
        "RelationEvent",
        "Election",
        "Meeting",
        "IndicatorObservation",
        "Document",
        "Evidence",
        "Citation",
    ]:
        assert (FP[name], RDF.type, OWL.Class) in ontology, name


@pytest.mark.parametrize("kind", [OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty])
def test_every_term_has_label_and_definition(ontology, kind):
    terms = own_terms(ontology, kind)
    assert terms
    for term in terms:
        assert ontology.value(term, RDFS.label), f"{term} has no label"
        assert ontology.value(term, SKOS.definition), f"{term} has no definition"


@pytest.mark.parametrize("kind", [OWL.ObjectProperty, OWL.DatatypeProperty])
def test_every_property_has_domain_and_range(ontology, kind):
    for prop in own_terms(ontology, kind):
        assert ontology.value(prop, RDFS.domain), f"{prop} has no domain"
        assert ontology.value(prop, RDFS.range), f"{prop} has no range"


def test_every_concept_is_in_a_scheme_with_label_and_definition(ontology):
    concepts = list(ontology.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) > 20
    for concept in concepts:
        scheme = ontology.value(concept, SKOS.inScheme)
        assert (scheme, RDF.type, SKOS.ConceptScheme) in ontology, concept
        assert ontology.value(concept, SKOS.prefLabel) and ontology.value(concept, SKOS.definition)


def test_ontology_is_owl_rl_consistent(ontology):
    assert owl_rl_errors(ontology) == []


def test_built_graph_is_owl_rl_consistent_with_the_ontology(built):
    graph = Graph()
    for s, p, o, _ in built.dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    assert owl_rl_errors(graph) == []


def test_consistency_check_detects_a_contradiction(ontology):
    broken = Graph()
    broken += ontology
    thing = ID["state/PER"]
    broken.add((thing, RDF.type, FP.State))
    broken.add((thing, RDF.type, FP.Person))
    errors = owl_rl_errors(broken)
    assert any("disjoint" in e.lower() for e in errors), errors


def test_wikidata_alignments_are_verified_qids(ontology, root):
    from fpkg.records import read_qid_register

    register = read_qid_register(root / "data" / "wikidata-qids.tsv")
    aligned = [
        (term, target)
        for prop in (SKOS.exactMatch, SKOS.closeMatch)
        for term, target in ontology.subject_objects(prop)
        if str(target).startswith("http://www.wikidata.org/entity/")
    ]
    assert len(aligned) >= 5
    for term, target in aligned:
        assert str(target).rsplit("/", 1)[1] in register, f"{term} → {target} is not verified"
