"""Everything the build reads, loaded and checked: corpus, vocabularies, catalog, facts."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.namespace import RDF, SKOS

from fpkg.anchoring import Anchor
from fpkg.citations import Citation, find_citations, interview_records
from fpkg.corpus import Document, load_corpus
from fpkg.errors import FpkgError, at
from fpkg.labels import label_facts
from fpkg.mentions import Gazetteer, Mention
from fpkg.namespaces import ID
from fpkg.records import Record, read_catalog, read_facts, read_qid_register, resolve
from fpkg.tables import has_tables, table_records


@dataclass(frozen=True)
class Paths:
    """Where a project keeps its sources and its published graph."""

    root: Path

    @property
    def corpus(self) -> Path:
        return self.root / "corpus"

    @property
    def catalog(self) -> Path:
        return self.root / "data" / "catalog"

    @property
    def facts(self) -> Path:
        return self.root / "data" / "facts"

    @property
    def qid_register(self) -> Path:
        return self.root / "data" / "wikidata-qids.tsv"

    @property
    def ontology(self) -> Path:
        return self.root / "ontology"

    @property
    def shapes(self) -> Path:
        return self.root / "shapes"

    @property
    def graph(self) -> Path:
        return self.root / "graph"

    @property
    def cache(self) -> Path:
        """Build units already made, by the hash of their inputs (see :mod:`fpkg.cache`)."""
        return self.root / ".fpkg-cache"


@dataclass(frozen=True)
class Sources:
    """The checked inputs of a build."""

    documents: dict[str, Document]
    ontology: Graph
    records: dict[str, Record]
    citations: list[Citation]
    mentions: list[Mention]


def parse_turtle(path: Path) -> Graph:
    """Parse a hand-edited Turtle file, naming it when it is broken."""
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises several unrelated types for bad syntax
        raise FpkgError(f"not valid Turtle: {exc}", at(path)) from None
    return graph


RDF_FORMATS = {".nq": "nquads", ".trig": "trig", ".nt": "nt", ".ttl": "turtle"}


def parse_rdf(path: Path) -> Dataset:
    """An RDF file in one of ``RDF_FORMATS`` (by its suffix; data read back from a store),
    the union of its graphs as default graph, naming the file when it is broken."""
    fmt = RDF_FORMATS.get(path.suffix)
    if fmt is None:
        known = ", ".join(RDF_FORMATS)
        raise FpkgError(f"unknown RDF format {path.suffix!r}: give a {known} file", at(path))
    dataset = Dataset(default_union=True)
    try:
        dataset.parse(path, format=fmt)
    except Exception as exc:  # rdflib raises several unrelated types for bad syntax
        raise FpkgError(f"not valid {fmt}: {exc}".splitlines()[0], at(path)) from None
    return dataset


def load_ontology(paths: Paths) -> Graph:
    """The ontology and its SKOS vocabularies, as one graph."""
    files = sorted(paths.ontology.glob("*.ttl"))
    if not files:
        raise FpkgError("no ontology files (*.ttl)", at(paths.ontology))
    ontology = Graph()
    for path in files:
        ontology += parse_turtle(path)
    return ontology


def concept_keys(ontology: Graph) -> set[str]:
    """``scheme/term`` keys of every SKOS concept (``stance/condemns``)."""
    return {
        str(concept)[len(ID) :]
        for concept in ontology.subjects(RDF.type, SKOS.Concept)
        if str(concept).startswith(str(ID))
    }


def load_sources(paths: Paths) -> Sources:
    """Load and check every input; raise :class:`FpkgError` naming file and line otherwise."""
    documents = load_corpus(paths.corpus)
    ontology = load_ontology(paths)
    catalog = load_catalog(paths)
    records = catalog + [r for path in facts_files(paths, documents) for r in read_facts(path)]
    if not records:
        raise FpkgError("no curated records found", at(paths.catalog))
    return complete_sources(
        documents,
        ontology,
        records,
        concept_keys(ontology),
        read_qid_register(paths.qid_register),
        Gazetteer(catalog),
    )


def load_catalog(paths: Paths) -> list[Record]:
    """The entity records of every catalog file, in file order."""
    return [r for path in sorted(paths.catalog.glob("*.yaml")) for r in read_catalog(path)]


def facts_files(paths: Paths, documents: dict[str, Document]) -> list[Path]:
    """Every facts file, once each document of the manifest is known to have one."""
    for doc_id in documents:
        if not (paths.facts / f"{doc_id}.yaml").is_file():
            raise FpkgError(
                f"document {doc_id!r} of the manifest has no facts file; curate it or remove it "
                "from corpus/manifest.yaml",
                at(paths.facts / f"{doc_id}.yaml"),
            )
    return sorted(paths.facts.glob("*.yaml"))


def complete_sources(
    documents: dict[str, Document],
    ontology: Graph,
    records: list[Record],
    concepts: set[str],
    qid_register: dict[str, str],
    gazetteer: Gazetteer,
) -> Sources:
    """The records of ``documents`` (with the catalog) completed and checked: table rows and
    interviews as facts, references resolved, quotes anchored, labels made, mentions found."""
    states = names_of(records, "state")
    records += [
        r for doc in documents.values() if has_tables(doc) for r in table_records(doc, states)
    ]
    citations = [c for doc in documents.values() for c in find_citations(doc)]
    records += interview_records(citations, names_of(records, "person"))
    resolved = resolve(records, documents, concepts, qid_register)
    label_facts(resolved, documents)
    mentions = [m for doc in documents.values() for m in gazetteer.mentions(doc)]
    return agree_on_languages(Sources(documents, ontology, resolved, citations, mentions))


def agree_on_languages(sources: Sources) -> Sources:
    """Give every anchor of a span the language a curator stated for that span (as a quote's
    `lang` or a name's tag), so each evidence node has one language; refuse two."""
    stated: dict[tuple[str, int, int], tuple[str, str]] = {}
    anchors = [(a, r.where) for r in sources.records.values() for a in r.anchors]
    anchors += [(m.anchor, f"the catalog's name for {m.entity}") for m in sources.mentions]
    for found, where in anchors:
        key = (found.document.id, found.start, found.end)
        if found.language and stated.setdefault(key, (found.language, where))[0] != found.language:
            first, first_where = stated[key]
            raise FpkgError(
                f"{found.exact!r} is tagged {found.language!r} here and {first!r} by {first_where}",
                where,
            )

    def agreed(found: Anchor) -> Anchor:
        language = stated.get((found.document.id, found.start, found.end), (None, ""))[0]
        return replace(found, language=language)

    for record in sources.records.values():
        record.anchors = [agreed(a) for a in record.anchors]
    return replace(
        sources,
        mentions=[replace(m, anchor=agreed(m.anchor)) for m in sources.mentions],
        citations=[
            replace(c, anchor=agreed(c.anchor), passage=agreed(c.passage))
            for c in sources.citations
        ],
    )


def names_of(records: list[Record], kind: str) -> dict[str, str]:
    """Labels and aliases of the catalog's entities of one kind, mapped to their ids."""
    names: dict[str, str] = {}
    for record in records:
        if record.type.name == kind:
            for name in record.names():
                names[name] = record.id
    return names
