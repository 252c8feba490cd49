"""Every shape has a conforming and a violating example; each behaves as its name says.

``shapes/examples/valid/<Shape>.ttl`` must conform to all shapes; ``invalid/<Shape>.ttl``
must break ``<Shape>`` with the message of its first line ``# expect: <words of sh:message>``.
Examples are validated together with the ontology (for class hierarchy and SKOS schemes).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from fpkg.namespaces import SH
from fpkg.sources import Paths, load_ontology
from fpkg.validate import load_shapes, validate

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "shapes" / "examples"
SHAPES_NS = "https://w3id.org/fpkg/shapes#"


def node_shape_names() -> list[str]:
    shapes = load_shapes(ROOT / "shapes")
    return sorted(
        str(s)[len(SHAPES_NS) :]
        for s in shapes.subjects(RDF.type, SH.NodeShape)
        if str(s).startswith(SHAPES_NS)
    )


SHAPE_NAMES = node_shape_names()


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes(ROOT / "shapes")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology(Paths(ROOT))


def check(example: Path, ontology: Graph, shapes: Graph):
    data = Graph()
    data += ontology
    data.parse(example, format="turtle")
    return validate(data, {}, shapes)


def test_there_are_shapes_and_examples_for_each():
    assert len(SHAPE_NAMES) >= 20
    for kind in ("valid", "invalid"):
        present = sorted(p.stem for p in (EXAMPLES / kind).glob("*.ttl"))
        assert present == SHAPE_NAMES, f"{kind}/ examples do not match the shapes"


@pytest.mark.parametrize("name", SHAPE_NAMES)
def test_valid_example_conforms(name, ontology, shapes):
    report = check(EXAMPLES / "valid" / f"{name}.ttl", ontology, shapes)
    assert report.violations == []


@pytest.mark.parametrize("name", SHAPE_NAMES)
def test_invalid_example_breaks_its_shape_with_the_expected_message(name, ontology, shapes):
    path = EXAMPLES / "invalid" / f"{name}.ttl"
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect: "), f"{path} must start with '# expect: <message>'"
    expected = first.removeprefix("# expect: ").strip()
    report = check(path, ontology, shapes)
    findings = [f for f in report.findings if expected in f.message]
    assert findings, f"no result with {expected!r}; got {[f.message for f in report.findings]}"
    rules = {f"fpsh:{name}"} | {
        f"fpsh:{str(p)[len(SHAPES_NS) :]}"
        for p in shapes.objects(URIRef(SHAPES_NS + name), SH.property)
        if isinstance(p, URIRef)
    }
    assert any(f.shape in rules for f in findings), [f.shape for f in findings]


def test_a_concept_from_the_wrong_scheme_is_reported_once(ontology, shapes):
    report = check(EXAMPLES / "invalid" / "MechanismShape.ttl", ontology, shapes)
    assert len(report.violations) == 1, [f.message for f in report.violations]


@pytest.mark.parametrize(
    ("ended_by", "violations"),
    [('a fp:Event ; rdfs:label "An event"@en', 0), ("a fp:Mechanism", 1)],
)
def test_a_recognition_is_ended_by_a_statement_or_an_event(
    ontology, shapes, tmp_path, ended_by, violations
):
    """fp:endedBy's range is no longer fp:Fact (a catalog event has no evidence of its own);
    the shape says what it may point at."""
    example = tmp_path / "ended.ttl"
    example.write_text(
        (EXAMPLES / "valid" / "RecognitionShape.ttl").read_text(encoding="utf-8")
        + "<https://w3id.org/fpkg/id/recognition/example> fp:endedBy <https://w3id.org/fpkg/id/event/x> .\n"
        + f"<https://w3id.org/fpkg/id/event/x> {ended_by} .\n",
        encoding="utf-8",
    )
    messages = [f.message for f in check(example, ontology, shapes).violations]
    ended = [m for m in messages if "ended by a statement or an event" in m]
    assert len(ended) == violations, messages
