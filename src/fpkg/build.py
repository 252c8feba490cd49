"""Build: checked sources → one rdflib Dataset, a named graph per document plus the
ontology, the entity catalog and the Wikidata links."""

from __future__ import annotations

from collections.abc import Iterable, Set
from decimal import Decimal

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, TIME, XSD

from fpkg import namespaces as ns
from fpkg.anchoring import Anchor
from fpkg.citations import Citation
from fpkg.closure import Triple, materialise
from fpkg.corpus import Document
from fpkg.dates import Duration, PartialDate
from fpkg.mentions import Mention
from fpkg.namespaces import FP, OA
from fpkg.records import DEFAULT_LANGUAGE, Record
from fpkg.schema import COMMON, ENTITY_COMMON, ENTITY_TYPES, Field
from fpkg.sources import Sources

ONTOLOGY_GRAPH = ns.named_graph("ontology")
CATALOG_GRAPH = ns.named_graph("catalog")
LINKS_GRAPH = ns.named_graph("links")


def build_dataset(sources: Sources, shared: Set[Triple] | None = None) -> Dataset:
    """Turn checked sources into the dataset that is validated and published.

    With ``shared`` (the triples of the ontology, catalog and links graphs, built from the
    same ontology and catalog), only the documents' graphs are built: the shared graphs are
    taken as already there, so nothing they hold is added or inferred again.
    """
    dataset = Dataset()
    ns.bind_prefixes(dataset)
    if shared is None:
        ontology = dataset.graph(ONTOLOGY_GRAPH)
        ontology += sources.ontology
    catalog = dataset.graph(CATALOG_GRAPH)
    links = dataset.graph(LINKS_GRAPH)
    doc_graphs = {doc_id: dataset.graph(ns.named_graph(doc_id)) for doc_id in sources.documents}
    for doc_id, document in sources.documents.items():
        add_document(doc_graphs[doc_id], document)
    for mention in sources.mentions:
        add_mention(doc_graphs[mention.anchor.document.id], mention)
    for citation in sources.citations:
        add_citation(doc_graphs[citation.anchor.document.id], citation)
    for record in sources.records.values():
        if record.type.is_fact:
            add_fact(doc_graphs[record.document], record)
        elif shared is None:
            add_entity(catalog, links, record)
    for record in sources.records.values():
        if record.type.name == "order":
            add_order(doc_graphs[record.document], record, sources.records)
    move_shared_nodes(doc_graphs.values(), catalog)
    materialise([catalog, links, *doc_graphs.values()], sources.ontology, shared or set())
    return dataset


SHARED_KINDS = ("instant", "diplomatic-relation")
"""Nodes several documents can name (a date, the relation of two states): they live in the
catalog graph, so that a union default graph holds each of their triples once."""


def move_shared_nodes(doc_graphs: Iterable[Graph], catalog: Graph) -> None:
    """Move the triples about shared nodes out of the document graphs into the catalog graph;
    the facts in each document graph keep pointing at them."""
    prefixes = tuple(str(ns.ID[f"{kind}/"]) for kind in SHARED_KINDS)
    for graph in doc_graphs:
        shared = [t for t in graph if str(t[0]).startswith(prefixes)]
        for triple in shared:
            graph.remove(triple)
            catalog.add(triple)


def record_iri(record_id: str) -> URIRef:
    return ns.entity(record_id)


def add_document(graph: Graph, document: Document) -> None:
    """DCMI description of a source document."""
    iri = ns.document(document.id)
    graph.add((iri, RDF.type, FP.Document))
    graph.add((iri, DCTERMS.title, Literal(document.title, lang=document.language)))
    for creator in document.creators:
        graph.add((iri, DCTERMS.creator, Literal(creator)))
    graph.add((iri, DCTERMS.publisher, Literal(document.publisher)))
    graph.add((iri, DCTERMS.identifier, Literal(document.identifier)))
    graph.add((iri, DCTERMS.source, URIRef(document.identifier)))
    graph.add((iri, DCTERMS.language, Literal(document.language)))
    graph.add((iri, RDFS.label, Literal(document.title, lang=document.language)))
    if document.date:
        graph.add((iri, DCTERMS.date, PartialDate.parse(document.date).literal()))
    if document.license:
        graph.add((iri, DCTERMS.license, URIRef(document.license)))
    if document.rights:
        graph.add((iri, DCTERMS.rights, Literal(document.rights, lang="en")))
    if document.description:
        graph.add((iri, DCTERMS.description, Literal(document.description, lang="en")))


def add_entity(catalog: Graph, links: Graph, record: Record) -> None:
    """A catalog entity in the catalog graph; its Wikidata link in the links graph."""
    iri = record_iri(record.id)
    catalog.add((iri, RDF.type, record.type.rdf_class))
    _add_values(catalog, iri, record, {**ENTITY_COMMON, **record.type.fields})
    if record.wikidata:
        links.add((iri, OWL.sameAs, ns.wikidata(record.wikidata)))
    elif record.unlinked_reason:
        catalog.add((iri, FP.unlinkedReason, Literal(record.unlinked_reason, lang="en")))


def add_fact(graph: Graph, record: Record) -> None:
    """A fact node with its fields, its time and its evidence, in its document's graph."""
    iri = record_iri(record.id)
    graph.add((iri, RDF.type, record.type.rdf_class))
    _add_values(graph, iri, record, {**COMMON, **record.type.fields})
    _add_time(graph, iri, record)
    for anchor in record.anchors:
        graph.add((iri, PROV.wasDerivedFrom, add_evidence(graph, anchor)))
    if record.type.name == "relation-event":
        _add_relation(graph, iri, record)


def _add_values(graph: Graph, iri: URIRef, record: Record, fields: dict[str, Field]) -> None:
    for name, values in record.values.items():
        spec = fields[name]
        for value in values:
            if spec.kind == "duration":
                assert isinstance(value, Duration)
                graph.add((iri, spec.predicate, add_duration_node(graph, iri, value)))
            else:
                graph.add((iri, spec.predicate, _term(spec, value)))


def _term(spec: Field, value: object) -> URIRef | Literal:
    if spec.kind == "ref":
        return record_iri(str(value))
    if spec.kind == "concept":
        return ns.ID[f"{spec.scheme}/{value}"]
    if spec.kind == "text":
        return Literal(str(value), lang=getattr(value, "lang", DEFAULT_LANGUAGE))
    if spec.kind == "class":
        return ENTITY_TYPES[str(value)].rdf_class
    if spec.kind == "number":
        assert isinstance(value, Decimal)
        if value == value.to_integral():
            return Literal(int(value), datatype=XSD.integer)
        return Literal(str(value), datatype=XSD.decimal)
    return Literal(str(value))


def _add_time(graph: Graph, iri: URIRef, record: Record) -> None:
    times = record.times
    if "date" in times:
        graph.add((iri, TIME.hasTime, add_instant(graph, times["date"])))
    elif times or record.duration or record.derived:
        interval = add_interval(graph, iri, record)
        for name, predicate in (("from", TIME.hasBeginning), ("to", TIME.hasEnd)):
            if name in times:
                graph.add((interval, predicate, add_instant(graph, times[name])))
            elif name in record.derived:
                graph.add((interval, predicate, _add_derived(graph, interval, record, name)))
        if record.duration:
            _add_duration(graph, interval, record.duration)


def add_interval(graph: Graph, iri: URIRef, record: Record) -> URIRef:
    """The fact's own interval (its term, its period), linked by its time predicate."""
    interval = URIRef(f"{iri}/interval")
    graph.add((iri, record.type.time_predicate, interval))
    graph.add((interval, RDF.type, TIME.Interval))
    return interval


def _add_duration(graph: Graph, interval: URIRef, duration: Duration) -> None:
    """The length the document states, as the interval's ``time:Duration``."""
    graph.add((interval, TIME.hasDuration, add_duration_node(graph, interval, duration)))


def add_duration_node(graph: Graph, owner: URIRef, duration: Duration) -> URIRef:
    """A ``time:Duration`` of one number and one unit. No ``xsd:duration`` literal is
    published: Virtuoso reads "P2Y" back as 24 and refuses it in INSERT DATA, so a number and
    a unit are the form every store keeps."""
    number, unit = duration.numeric()
    node = URIRef(f"{owner}/duration")
    graph.add((node, RDF.type, TIME.Duration))
    # "2.0", not "2": the form every RDF syntax writes and reads back unchanged
    graph.add((node, TIME.numericDuration, Literal(f"{number}.0", datatype=XSD.decimal)))
    graph.add((node, TIME.unitType, TIME[unit]))
    return node


def _add_derived(graph: Graph, interval: URIRef, record: Record, name: str) -> URIRef:
    """A bound no document states, an instant of its own typed ``fp:DerivedInstant`` (never
    one of the shared instants of stated dates): computed from the other bound and the stated
    duration, or, for a fact its document speaks of as past, the document's date as the
    latest its end can be (qualified ``no-later-than``, with no earliest day)."""
    date = record.derived[name]
    iri = URIRef(f"{interval}/derived-{'beginning' if name == 'from' else 'end'}")
    graph.add((iri, RDF.type, TIME.Instant))
    graph.add((iri, RDF.type, FP.DerivedInstant))
    graph.add((iri, TIME[date.time_property()], date.literal()))
    if record.duration is not None:
        graph.add((iri, RDFS.label, Literal(f"{date.lexical} (derived)", lang="en")))
        _add_bounds(graph, iri, date)
        duration = add_duration_node(graph, interval, record.duration)
        graph.add((iri, FP.derivedFromDuration, duration))
        return iri
    label = f"no later than {date.lexical} (derived)"
    graph.add((iri, RDFS.label, Literal(label, lang="en")))
    graph.add((iri, FP.timeQualifier, ns.ID["time-qualifier/no-later-than"]))
    graph.add((iri, FP.latestDay, Literal(date.latest())))
    graph.add((iri, FP.derivedFromDocumentDate, ns.document(str(record.document))))
    return iri


def add_instant(graph: Graph, date: PartialDate) -> URIRef:
    """An OWL-Time instant at the date's own precision, shared by all facts on that date;
    a qualified date ("end of 2018") is an instant of its own, carrying its qualifier."""
    iri = ns.instant(date.key)
    graph.add((iri, RDF.type, TIME.Instant))
    graph.add((iri, TIME[date.time_property()], date.literal()))
    label = f"{date.qualifier} {date.lexical}" if date.qualifier else date.lexical
    graph.add((iri, RDFS.label, Literal(label)))
    if date.qualifier:
        graph.add((iri, FP.timeQualifier, ns.ID[f"time-qualifier/{date.qualifier}"]))
    _add_bounds(graph, iri, date)
    return iri


def _add_bounds(graph: Graph, instant: URIRef, date: PartialDate) -> None:
    """The first and last day ``date`` can be, derived at its precision (see fp:earliestDay);
    a qualifier ("end of 2018") does not narrow them: its words set no boundary."""
    graph.add((instant, FP.earliestDay, Literal(date.earliest())))
    graph.add((instant, FP.latestDay, Literal(date.latest())))


ORDER_PREDICATES = {"before": TIME.before, "meets": TIME.intervalMeets}


def add_order(graph: Graph, record: Record, records: dict[str, Record]) -> None:
    """The OWL-Time relation an order states, between the two facts' own intervals; a fact
    dated by a shared instant keeps only the ``fp:TemporalOrder`` node (with its gap)."""
    earlier, later = (records[record.values[name][0]] for name in ("earlier", "later"))
    if "date" in earlier.times or "date" in later.times:
        return
    predicate = ORDER_PREDICATES[record.values["relation"][0]]
    first, second = (add_interval(graph, record_iri(r.id), r) for r in (earlier, later))
    graph.add((first, predicate, second))


def add_evidence(graph: Graph, anchor: Anchor) -> URIRef:
    """A Web Annotation specific resource: the document plus quote and position selectors."""
    doc = anchor.document
    iri = ns.evidence(doc.id, anchor.start, anchor.end)
    quote, position = URIRef(f"{iri}/quote"), URIRef(f"{iri}/position")
    triples: Iterable[tuple[URIRef, URIRef, URIRef | Literal]] = (
        (iri, RDF.type, FP.Evidence),
        (iri, RDF.type, OA.SpecificResource),
        (iri, OA.hasSource, ns.document(doc.id)),
        (iri, OA.hasSelector, quote),
        (iri, OA.hasSelector, position),
        (iri, RDFS.label, Literal(anchor.exact, lang=anchor.lang)),
        (quote, RDF.type, OA.TextQuoteSelector),
        (quote, OA.exact, Literal(anchor.exact, lang=anchor.lang)),
        (quote, OA.prefix, Literal(anchor.prefix)),
        (quote, OA.suffix, Literal(anchor.suffix)),
        (position, RDF.type, OA.TextPositionSelector),
        (position, OA.start, Literal(anchor.start, datatype=XSD.nonNegativeInteger)),
        (position, OA.end, Literal(anchor.end, datatype=XSD.nonNegativeInteger)),
    )
    for triple in triples:
        graph.add(triple)
    return iri


def add_mention(graph: Graph, mention: Mention) -> None:
    """A Web Annotation identifying the entity a span of the document names."""
    anchor = mention.anchor
    iri = ns.ID[f"mention/{anchor.document.id}/{anchor.start}-{anchor.end}"]
    graph.add((iri, RDF.type, FP.Mention))
    graph.add((iri, RDF.type, OA.Annotation))
    graph.add((iri, OA.motivatedBy, OA.identifying))
    graph.add((iri, OA.hasBody, record_iri(mention.entity)))
    graph.add((iri, OA.hasTarget, add_evidence(graph, anchor)))


def add_citation(graph: Graph, citation: Citation) -> None:
    """A citation node: cited authors, year, pages and kind, the passage it supports, and
    the words of the citation itself as its evidence."""
    iri = ns.ID[f"citation/{citation.key}"]
    graph.add((iri, RDF.type, FP.Citation))
    graph.add((iri, RDFS.label, Literal(citation.anchor.exact)))
    for author in citation.authors:
        graph.add((iri, FP.citedAuthor, Literal(author)))
    graph.add((iri, FP.citedYear, Literal(citation.year, datatype=XSD.gYear)))
    if citation.pages:
        graph.add((iri, FP.citedPages, Literal(citation.pages)))
    graph.add((iri, FP.citationKind, ns.ID[f"citation-kind/{citation.kind}"]))
    graph.add((iri, FP.supports, add_evidence(graph, citation.passage)))
    graph.add((iri, PROV.wasDerivedFrom, add_evidence(graph, citation.anchor)))


def _add_relation(graph: Graph, event: URIRef, record: Record) -> None:
    """The diplomatic relation an event belongs to: named by its parties, or by its table row
    when the document does not name the partner."""
    parties = sorted(record.values["parties"])
    if len(parties) >= 2:
        key = "-".join(p.split("/", 1)[1] for p in parties)
        label = " – ".join(p.split("/", 1)[1] for p in parties)
    else:
        section = str(record.values.get("table-section", ["text"])[0]).lower()
        row = record.values.get("table-row", ["unknown"])[0]
        key = f"{parties[0].split('/', 1)[1].lower()}-{section}-row-{row}"
        label = f"{parties[0].split('/', 1)[1]} – unresolved partner ({section} row {row})"
    relation = ns.entity(f"diplomatic-relation/{key}")
    graph.add((event, FP.ofRelation, relation))
    graph.add((relation, RDF.type, FP.DiplomaticRelation))
    graph.add((relation, RDFS.label, Literal(f"diplomatic relation {label}", lang="en")))
    for party in parties:
        graph.add((relation, FP.party, record_iri(party)))
    if len(parties) < 2:
        graph.add((relation, FP.partnerUnresolved, Literal(True)))
        for name in ("table-section", "table-row"):
            for value in record.values.get(name, []):
                spec = record.type.fields[name]
                graph.add((relation, spec.predicate, _term(spec, value)))
