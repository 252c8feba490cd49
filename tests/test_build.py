"""The build: deterministic, equal to the committed graph/, conforming, evidence-exact."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.namespace import PROV, RDF, RDFS

from fpkg.namespaces import FP, OA, named_graph
from fpkg.publish import PUBLISHED, union_graph
from fpkg.schema import FACT_TYPES
from fpkg.stats import SLUG_LABEL

FACT_CLASSES = {t.rdf_class for t in FACT_TYPES.values()}


def files_of(directory: Path) -> dict[str, bytes]:
    """Published files by name, gzip-compressed ones by their content: compressed bytes may
    differ between zlib versions, what they hold may not."""
    return {
        p.name: gzip.decompress(p.read_bytes()) if p.suffix == ".gz" else p.read_bytes()
        for p in sorted(directory.iterdir())
        if p.is_file()
    }


def test_build_publishes_every_dump(built):
    assert tuple(p.name for p in built.files) == PUBLISHED


def test_fresh_build_equals_committed_graph(built, root):
    fresh = files_of(built.files[0].parent)
    committed = files_of(root / "graph")
    assert tuple(committed) == PUBLISHED
    for name in PUBLISHED:
        assert fresh[name] == committed[name], f"graph/{name} is not the output of the sources"


def test_two_builds_are_byte_identical_across_hash_seeds(scratch, tmp_path):
    outputs = []
    for seed in ("1", "2"):
        shutil.rmtree(scratch.graph)
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-m", "fpkg.cli", "build", "--root", str(scratch.root)],
            check=True,
            env=env,
            capture_output=True,
        )
        outputs.append(files_of(scratch.graph))
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) == len(PUBLISHED)


def test_built_graph_conforms(built):
    assert built.report.conforms, [f.describe() for f in built.report.violations]


def test_every_dump_parses_to_the_same_statements(built):
    directory = built.files[0].parent
    expected = set(built.dataset.quads((None, None, None, None)))
    merged = {(s, p, o) for s, p, o, _ in expected}
    for name, fmt in (("fpkg.trig", "trig"), ("fpkg.nq", "nquads"), ("fpkg.jsonld", "json-ld")):
        loaded = Dataset()
        loaded.parse(directory / name, format=fmt)
        quads = {
            (s, p, o, g.identifier if hasattr(g, "identifier") else g)
            for s, p, o, g in loaded.quads()
        }
        assert {(s, p, o) for s, p, o, _ in quads} == merged, name
    for name, fmt in (("fpkg.ttl", "turtle"), ("fpkg.nt", "nt")):
        assert set(Graph().parse(directory / name, format=fmt)) == merged, name


def test_no_blank_nodes_in_published_data(built):
    directory = built.files[0].parent
    graph = Graph().parse(directory / "fpkg.nt", format="nt")
    assert len(graph) > 500
    assert not [t for t in graph if any(isinstance(x, BNode) for x in t)]
    assert "_:" not in (directory / "fpkg.trig").read_text(encoding="utf-8")


def test_named_graphs_per_document_plus_ontology_catalog_links(built):
    names = {str(g.identifier) for g in built.dataset.graphs() if len(g)}
    expected = {named_graph(n) for n in ("ontology", "catalog", *built.sources.documents)}
    assert {str(e) for e in expected} <= names


def test_every_fact_has_evidence_whose_exact_words_are_at_its_offsets(built):
    dataset, documents = union_graph(built.dataset), built.sources.documents
    facts = [s for cls in FACT_CLASSES for s in dataset.subjects(RDF.type, cls)]
    assert len(facts) >= len([r for r in built.sources.records.values() if r.type.is_fact])
    checked = 0
    for fact in facts:
        evidences = list(dataset.objects(fact, PROV.wasDerivedFrom))
        assert evidences, f"{fact} has no evidence"
        for evidence in evidences:
            document = dataset.value(evidence, OA.hasSource)
            text = documents[str(document).rsplit("/", 1)[1]].text
            selectors = list(dataset.objects(evidence, OA.hasSelector))
            exact = next(
                dataset.value(s, OA.exact) for s in selectors if dataset.value(s, OA.exact)
            )
            position = next(s for s in selectors if dataset.value(s, OA.start) is not None)
            start, end = (
                int(dataset.value(position, OA.start)),
                int(dataset.value(position, OA.end)),
            )
            assert text[start:end] == str(exact), f"{evidence}: offsets do not give the quote"
            checked += 1
    assert checked >= len(facts)


def test_every_document_is_described(built):
    dataset = union_graph(built.dataset)
    for doc_id, document in built.sources.documents.items():
        iri = URIRef(f"https://w3id.org/fpkg/id/document/{doc_id}")
        assert (iri, RDF.type, FP.Document) in dataset
        assert str(dataset.value(iri, RDFS.label)) == document.title


def test_every_class_of_the_ontology_has_an_instance(built):
    from rdflib.namespace import OWL

    union = union_graph(built.dataset)
    abstract = {FP.Agent, FP.Fact}
    classes = {c for c in union.subjects(RDF.type, OWL.Class) if str(c).startswith(str(FP))}
    empty = sorted(str(c) for c in classes - abstract if not any(union.subjects(RDF.type, c)))
    assert empty == []


SLUG = re.compile(SLUG_LABEL)


def test_no_label_is_a_slug(built):
    graph = union_graph(built.dataset)
    labels = [str(o) for o in graph.objects(None, RDFS.label)]
    assert len(labels) > 1000
    assert [label for label in labels if SLUG.search(label)] == []
    for record in built.sources.records.values():
        key = record.id.partition("/")[2]
        if record.type.is_fact and key.count("-") >= 3 and re.search(r"\d", key):
            label = str(graph.value(URIRef(f"https://w3id.org/fpkg/id/{record.id}"), RDFS.label))
            assert key.replace("-", " ") not in label.lower(), label


def test_facts_without_a_curated_label_get_a_readable_one(built):
    graph = union_graph(built.dataset)

    def label(key: str) -> str:
        return str(graph.value(URIRef(f"https://w3id.org/fpkg/id/{key}"), RDFS.label))

    assert label("membership/lima-group-pry-psg-2019") == (
        "Paraguay in the Lima Group (Peru Support Group)"
    )
    assert label("relation-event/per-jpn-broken-1942-01-24") == (
        "Peru and Japan break off relations (24 January 1942)"
    )
    assert label("relation-event/table-oceania-row-9-established-1").startswith(
        "Peru and an unnamed partner (Oceania table, row 9) establish relations ("
    )
