"""Validate: the built dataset against the SHACL shapes, with a report a person can act on."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import BlankNode, NamedNode, Quad, RdfFormat, Store
from pyoxigraph import Literal as OxLiteral
from pyshacl import validate as shacl_validate
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import ReadOnlyGraphAggregate
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from fpkg.corpus import Document
from fpkg.errors import FpkgError
from fpkg.namespaces import FP, SH, document
from fpkg.sources import parse_turtle

SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}


@dataclass(frozen=True, order=True)
class Finding:
    """One SHACL result: what is wrong, where, and by which rule."""

    severity: str
    focus: str
    path: str
    message: str
    shape: str

    def describe(self, where: str | None = None) -> str:
        place = f" (defined at {where})" if where else ""
        path = f" {self.path}:" if self.path else ""
        return f"{self.severity}: <{self.focus}>{place}{path} {self.message} [rule {self.shape}]"


@dataclass(frozen=True)
class Report:
    findings: list[Finding]

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Violation"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Warning"]

    @property
    def conforms(self) -> bool:
        return not self.violations


PROFILE_SUFFIX = "-profile.ttl"
"""A shapes file named ``fpkg-<name>-profile.ttl`` is a profile: loaded only when selected."""
PROFILES = ("store-read",)


def load_shapes(shapes_dir: Path, profile: str | None = None) -> Graph:
    """All shape files of ``shapes/`` (not the examples below it, nor a profile), plus the
    file of ``profile`` if one is named (``store-read``: data read back from a triple store,
    whose offsets come back as ``xsd:integer``)."""
    files = sorted(p for p in shapes_dir.glob("*.ttl") if not p.name.endswith(PROFILE_SUFFIX))
    if not files:
        raise FpkgError("no shapes (*.ttl)", str(shapes_dir))
    if profile is not None:
        chosen = shapes_dir / f"fpkg-{profile}{PROFILE_SUFFIX}"
        if profile not in PROFILES or not chosen.is_file():
            raise FpkgError(
                f"no shapes profile {profile!r} (known: {', '.join(PROFILES)})", str(chosen)
            )
        files.append(chosen)
    shapes = Graph()
    for path in files:
        shapes += parse_turtle(path)
    return shapes


def data_graph(dataset: Dataset | Graph, documents: dict[str, Document]) -> Graph:
    """The union of every graph, plus each document's full text for the evidence checks."""
    union = Graph()
    if isinstance(dataset, Dataset):
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            union.add((s, p, o))
    else:
        union += dataset
    for doc in documents.values():
        union.add((document(doc.id), FP.fullText, Literal(doc.text)))
    return union


def validate(dataset: Dataset | Graph, documents: dict[str, Document], shapes: Graph) -> Report:
    """SHACL Core constraints by pySHACL; SHACL-SPARQL constraints by Oxigraph.

    pySHACL runs a SPARQL constraint once per focus node on rdflib's engine, which takes
    minutes on thousands of evidence nodes; the same SELECT run once with ``$this`` free, its
    rows kept for the shape's focus nodes, gives the same results in milliseconds.
    """
    data = data_graph(dataset, documents)
    store = Store()
    store.load(data.serialize(format="nt", encoding="utf-8"), RdfFormat.N_TRIPLES)
    return _report(data, store, shapes, core_shapes(shapes))


def core_shapes(shapes: Graph) -> Graph:
    """The shapes without their SPARQL constraints (which Oxigraph runs), for pySHACL."""
    core = Graph()
    core += shapes
    core.remove((None, SH.sparql, None))
    return core


def _report(
    data: Graph,
    store: Store,
    shapes: Graph,
    core: Graph,
    focus: set[str] | None = None,
    targeted: list[URIRef] | None = None,
) -> Report:
    """The findings on ``data`` (also loaded in ``store``), only those on the nodes of
    ``focus`` if given, with the core shapes of ``targeted`` only if given.

    Every target is validated and the findings filtered after: pySHACL's own ``focus_nodes``
    also filters the nodes that nested shapes (``sh:or``, ``sh:not``, ``sh:node``) look at,
    so a literal under ``sh:or`` would pass unchecked; and it is slower (a list searched for
    every node of every shape)."""
    if targeted == []:
        results = Graph()
    else:
        _, results, _ = shacl_validate(
            data, shacl_graph=core, inference="none", allow_warnings=True, use_shapes=targeted
        )
    findings = _core_findings(results, shapes) + sparql_findings(store, shapes)
    if focus is not None:
        findings = [f for f in findings if f.focus in focus]
    return Report(sorted(set(findings)))


class UnitValidator:
    """Validates build units one after another against the shared graphs, held once.

    A unit is validated on a read-only view of the union of the shared graphs, its own graphs
    and its documents' full texts (nothing is copied into the shared graphs or taken out of
    them), so no unit copies the ontology and catalog; the result is that of :func:`validate`
    on that union, for the unit's nodes. Only the node shapes that target the unit's classes
    run: the targets of the others are nodes of the shared graphs, validated once by the shared
    unit (nested shapes still follow a unit's nodes into the shared graphs).
    """

    def __init__(self, shared: Dataset, shapes: Graph) -> None:
        self.data = data_graph(shared, {})
        self.shared_triples = self.data.serialize(format="nt", encoding="utf-8")
        self.shapes = shapes
        self.core = core_shapes(shapes)
        self.shapes_by_class = shapes_by_class(shapes, self.data)

    def validate(self, unit: Dataset, documents: dict[str, Document], focus: set[str]) -> Report:
        if not focus:
            return Report([])
        texts = Graph()
        for d in documents.values():
            texts.add((document(d.id), FP.fullText, Literal(d.text)))
        # A view made per unit also gives pySHACL a fresh namespace manager for the words it
        # writes of every result: one kept across units remembers every namespace it has met,
        # in a trie that grows slower to insert into with each unit.
        union = ReadOnlyGraphAggregate([self.data, *unit.graphs(), texts])
        own = {(s, p, o) for s, p, o, _ in unit.quads((None, None, None, None))} | set(texts)
        classes = {o for _, p, o in own if p == RDF.type}
        targeted = sorted({s for c in classes for s in self.shapes_by_class.get(c, ())})
        store = Store()
        store.load(self.shared_triples, RdfFormat.N_TRIPLES)
        store.extend(Quad(*map(_oxigraph_term, triple)) for triple in own)
        return _report(union, store, self.shapes, self.core, focus, targeted)


def shapes_by_class(shapes: Graph, data: Graph) -> dict[Node, set[URIRef]]:
    """For each class of ``data``'s ontology, the node shapes that target its instances (by
    ``sh:targetClass`` of it or of a superclass)."""
    found: dict[Node, set[URIRef]] = {}
    for shape, target in shapes.subject_objects(SH.targetClass):
        if isinstance(shape, URIRef):
            for cls in data.transitive_subjects(RDFS.subClassOf, target):
                found.setdefault(cls, set()).add(shape)
    return found


def _oxigraph_term(term: Node) -> NamedNode | BlankNode | OxLiteral:
    """An rdflib term as the same term of Oxigraph."""
    if isinstance(term, Literal):
        if term.language:
            return OxLiteral(str(term), language=term.language)
        datatype = term.datatype
        return OxLiteral(str(term), datatype=NamedNode(datatype) if datatype else None)
    if isinstance(term, BNode):
        return BlankNode(str(term))
    return NamedNode(str(term))


def _core_findings(results: Graph, shapes: Graph) -> list[Finding]:
    findings = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        if (None, SH.detail, result) in results:
            continue  # a nested sh:node result; its parent result reports it with our message
        findings.append(
            Finding(
                severity=SEVERITIES.get(results.value(result, SH.resultSeverity), "Violation"),
                focus=str(results.value(result, SH.focusNode)),
                path=_short(results.value(result, SH.resultPath)),
                message=str(results.value(result, SH.resultMessage) or "constraint not met"),
                shape=_short(_named_shape(shapes, results.value(result, SH.sourceShape))),
            )
        )
    return findings


def sparql_findings(store: Store, shapes: Graph) -> list[Finding]:
    """Run every ``sh:sparql`` SELECT constraint of a node shape once, on Oxigraph."""
    findings = []
    for shape, constraint in shapes.subject_objects(SH.sparql):
        focus = _focus_nodes(store, shapes, shape)
        select = str(shapes.value(constraint, SH.select))
        message = str(shapes.value(constraint, SH.message) or "SPARQL constraint not met")
        severity = SEVERITIES.get(shapes.value(shape, SH.severity), "Violation")
        for row in store.query(_prefixes(shapes, constraint) + select):
            this = row["this"]
            if this is None or this.value not in focus:
                continue
            findings.append(Finding(severity, this.value, "", _fill(message, row), _short(shape)))
    return findings


def _focus_nodes(store: Store, shapes: Graph, shape: object) -> set[str]:
    classes = " ".join(f"<{c}>" for c in shapes.objects(shape, SH.targetClass))
    if not classes:
        return set()
    query = (
        "SELECT DISTINCT ?node WHERE { VALUES ?class { " + classes + " } "
        "?node a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* ?class }"
    )
    return {row["node"].value for row in store.query(query)}


def _prefixes(shapes: Graph, constraint: object) -> str:
    lines = []
    for source in shapes.objects(constraint, SH.prefixes):
        for declaration in shapes.objects(source, SH.declare):
            prefix = shapes.value(declaration, SH.prefix)
            namespace = shapes.value(declaration, SH.namespace)
            lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(lines) + "\n"


def _fill(message: str, row: object) -> str:
    """Substitute ``{?var}`` and ``{$var}`` in a constraint message with the row's values."""

    def value(match: re.Match[str]) -> str:
        try:
            term = row[match.group(1)]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return match.group(0)
        return "" if term is None else term.value

    return re.sub(r"\{[?$](\w+)\}", value, message)


def _named_shape(shapes: Graph, shape: object) -> object:
    """The named node shape an anonymous property shape belongs to, for the report."""
    for _ in range(3):
        if isinstance(shape, URIRef) or shape is None:
            return shape
        shape = next(shapes.subjects(None, shape), None)
    return shape


def _short(term: object) -> str:
    if isinstance(term, URIRef):
        text = str(term)
        for prefix, short in (
            ("https://w3id.org/fpkg/shapes#", "fpsh:"),
            ("https://w3id.org/fpkg/ontology#", "fp:"),
        ):
            if text.startswith(prefix):
                return short + text[len(prefix) :]
        return f"<{text}>"
    return "" if term is None else "(anonymous shape)"
