"""The build by units: what a change rebuilds, a corrupted cache, parallel = serial."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import copy_project
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, TIME, XSD

from fpkg import cache
from fpkg import namespaces as ns
from fpkg.pipeline import run_build
from fpkg.publish import PUBLISHED
from fpkg.sources import Paths
from fpkg.validate import UnitValidator, load_shapes, validate

DOCUMENTS = ["psg-2019", "vidarte-rivas-2024", "wikipedia-foreign-relations-of-peru"]


def files_of(directory: Path) -> dict[str, bytes]:
    return {name: (directory / name).read_bytes() for name in PUBLISHED}


def graph_lines(directory: Path, graph: str) -> list[str]:
    """The N-Quads lines of one named graph of a published build."""
    suffix = f" <https://w3id.org/fpkg/graph/{graph}> .\n"
    text = (directory / "fpkg.nq").read_text(encoding="utf-8")
    return [line for line in text.splitlines(keepends=True) if line.endswith(suffix)]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    """The real sources, built once serially; each test works on a copy of it."""
    paths = copy_project(tmp_path_factory.mktemp("units"))
    summary = run_build(paths, jobs=1).summary
    assert sorted(summary.built) == sorted(["shared", *DOCUMENTS])
    return paths


@pytest.fixture
def copy(project: Paths, tmp_path: Path) -> Paths:
    shutil.copytree(project.root, tmp_path / "project")
    return Paths(tmp_path / "project")


def test_nothing_changed_rebuilds_nothing_and_writes_nothing(copy: Paths) -> None:
    before = {p.name: p.stat().st_mtime_ns for p in copy.graph.iterdir()}
    summary = run_build(copy, jobs=1).summary
    assert summary.built == []
    assert sorted(summary.reused) == sorted(["shared", *DOCUMENTS])
    assert not summary.published
    assert {p.name: p.stat().st_mtime_ns for p in copy.graph.iterdir()} == before


def test_a_changed_facts_file_rebuilds_only_its_unit(copy: Paths) -> None:
    old = {doc: graph_lines(copy.graph, doc) for doc in DOCUMENTS}
    facts = copy.facts / "psg-2019.yaml"
    text = facts.read_text(encoding="utf-8")
    old_label = "label: Peru in the Lima Group (Peru Support Group)"
    assert old_label in text
    facts.write_text(text.replace(old_label, old_label.replace("Peru in", "Peru within")))
    summary = run_build(copy, jobs=1).summary
    assert summary.built == ["psg-2019"]
    assert summary.published
    new = {doc: graph_lines(copy.graph, doc) for doc in DOCUMENTS}
    assert new["vidarte-rivas-2024"] == old["vidarte-rivas-2024"]
    assert new["psg-2019"] != old["psg-2019"]
    assert any("Peru within the Lima Group" in line for line in new["psg-2019"])


def test_a_changed_catalog_entry_rebuilds_the_units_that_cite_it(copy: Paths) -> None:
    actors = copy.catalog / "actors.yaml"
    text = actors.read_text(encoding="utf-8")
    entry = "  - id: mechanism/apec\n    label: Asia-Pacific Economic Cooperation\n"
    assert entry in text
    assert "mechanism/apec" in (copy.facts / "wikipedia-foreign-relations-of-peru.yaml").read_text()
    for doc in ("psg-2019", "vidarte-rivas-2024"):
        assert "mechanism/apec" not in (copy.facts / f"{doc}.yaml").read_text()
    changed = text.replace(
        entry + "    aliases: [APEC]\n    kind: integration-scheme",
        entry + "    aliases: [APEC]\n    kind: international-organization",
    )
    assert changed != text
    actors.write_text(changed, encoding="utf-8")
    summary = run_build(copy, jobs=1).summary
    assert sorted(summary.built) == ["shared", "wikipedia-foreign-relations-of-peru"]
    kind = (
        "<https://w3id.org/fpkg/id/mechanism/apec> <https://w3id.org/fpkg/ontology#mechanismKind> "
        "<https://w3id.org/fpkg/id/mechanism-kind/international-organization> "
        "<https://w3id.org/fpkg/graph/catalog> .\n"
    )
    assert kind in graph_lines(copy.graph, "catalog")


def test_a_corrupted_cache_entry_is_detected_and_rebuilt(copy: Paths) -> None:
    published = files_of(copy.graph)
    units = sorted((copy.cache / "units").glob("*.unit"))
    victim = next(p for p in units if b'"unit": "vidarte-rivas-2024"' in p.read_bytes())
    data = bytearray(victim.read_bytes())
    data[-10] ^= 0x01  # one bit of the unit's last quad
    victim.write_bytes(bytes(data))
    (copy.graph / "fpkg.nq").unlink()  # so the unit is not only checked but published again
    summary = run_build(copy, jobs=1).summary
    assert summary.built == ["vidarte-rivas-2024"]
    assert files_of(copy.graph) == published
    assert cache.read_meta(copy.cache, victim.stem) is not None


def test_parallel_and_serial_builds_are_byte_identical(copy: Paths) -> None:
    serial = files_of(copy.graph)
    shutil.rmtree(copy.cache)
    shutil.rmtree(copy.graph)
    summary = run_build(copy, jobs=2).summary
    assert sorted(summary.built) == sorted(["shared", *DOCUMENTS])
    assert files_of(copy.graph) == serial


def indicator_unit(value: Literal) -> Dataset:
    """A document graph holding one indicator observation whose value is ``value``."""
    unit = Dataset()
    graph = unit.graph(URIRef("https://w3id.org/fpkg/graph/test-document"))
    node, fp = ns.entity("indicator/test"), ns.FP
    graph.add((node, RDF.type, fp.IndicatorObservation))
    graph.add((node, fp.observedSubject, ns.entity("state/PER")))
    graph.add((node, fp.measure, ns.ID["measure/migrant-count"]))
    graph.add((node, fp.value, value))
    graph.add((node, fp.unit, Literal("persons")))
    graph.add((node, TIME.hasTime, ns.instant("2019")))
    return unit


def test_a_unit_is_checked_by_nested_shapes_on_its_literals(project: Paths) -> None:
    """The indicator's value must be a number (an ``sh:or`` of datatypes, a nested shape on a
    literal): validated against the shared graphs, a unit with a word for its value fails."""
    shared = Dataset()
    for graph in ("ontology", "catalog", "links"):
        shared.graph(URIRef(f"https://w3id.org/fpkg/graph/{graph}")).parse(
            data="".join(graph_lines(project.graph, graph)), format="nquads"
        )
    validator = UnitValidator(shared, load_shapes(project.shapes))
    focus = {str(ns.entity("indicator/test"))}
    message = "an indicator observation has exactly one numeric fp:value"
    wrong = validator.validate(indicator_unit(Literal("many")), {}, focus)
    assert [f.focus for f in wrong.violations if f.message == message] == sorted(focus)
    right = validator.validate(indicator_unit(Literal(700, datatype=XSD.integer)), {}, focus)
    assert not [f for f in right.findings if f.message == message]
    assert validator.validate(indicator_unit(Literal("many")), {}, focus) == wrong


def test_the_units_find_what_validating_the_whole_corpus_finds(copy: Paths) -> None:
    """The same shapes give the same results on the corpus, unit by unit or all at once
    (warnings included: the corpus has some, so the comparison is not of two empty lists)."""
    built = run_build(copy, jobs=1)
    whole = validate(built.dataset, built.sources.documents, load_shapes(copy.shapes))
    assert whole.warnings
    assert built.report.findings == whole.findings
