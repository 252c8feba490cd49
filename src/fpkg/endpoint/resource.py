"""What the graph says about one resource: its statements, incoming links and evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice

import pyoxigraph as ox

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
OWL_SAME_AS = ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs")
LABELS = (
    ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
    ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"),
    ox.NamedNode("http://purl.org/dc/terms/title"),
)
SUBPROPERTY_OF = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subPropertyOf")
SUBCLASS_OF = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf")
MENTIONED_BY = ox.NamedNode("http://www.w3.org/ns/oa#hasBody")
WIKIDATA = "http://www.wikidata.org/entity/"
MAX_INCOMING = 5000
MAX_PASSAGES = 5000

EVIDENCE_QUERY = """
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX fp: <https://w3id.org/fpkg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?evidence ?document ?source ?language ?prefix ?exact ?suffix ?start ?mention
WHERE {
  VALUES ?this { THIS }
  { ?this prov:wasDerivedFrom ?evidence }
  UNION { ?mention oa:hasBody ?this ; oa:hasTarget ?evidence }
  UNION { ?this oa:hasTarget ?evidence }
  UNION { ?this a fp:Evidence BIND(?this AS ?evidence) }
  ?evidence oa:hasSource ?document ; oa:hasSelector ?quote .
  ?quote oa:exact ?exact .
  OPTIONAL { ?quote oa:prefix ?prefix }
  OPTIONAL { ?quote oa:suffix ?suffix }
  OPTIONAL { ?evidence oa:hasSelector/oa:start ?start }
  OPTIONAL { ?document dcterms:source ?source }
  OPTIONAL { ?document dcterms:language ?language }
}
ORDER BY ?document ?start ?evidence
"""
MEMBERS_QUERY = """
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX time: <http://www.w3.org/2006/time#>
SELECT DISTINCT ?membership ?member ?role ?begin ?end ?document WHERE {
  VALUES ?this { THIS }
  ?membership org:organization ?this ; org:member ?member .
  FILTER(isIRI(?member))
  OPTIONAL { ?membership org:role ?role }
  OPTIONAL { ?membership org:memberDuring/time:hasBeginning/
             (time:inXSDDate|time:inXSDgYearMonth|time:inXSDgYear) ?begin }
  OPTIONAL { ?membership org:memberDuring/time:hasEnd/
             (time:inXSDDate|time:inXSDgYearMonth|time:inXSDgYear) ?end }
  OPTIONAL { ?membership prov:wasDerivedFrom/oa:hasSource ?document }
}
ORDER BY ?member ?document ?membership
"""
MAX_MEMBERS = 500


def _about(query: str, node: ox.NamedNode) -> str:
    """``query`` with ``?this`` bound to ``node`` by its VALUES clause (Oxigraph plans such a
    query far better than one given ``substitutions``)."""
    return query.replace("THIS", str(node), 1)


@dataclass(frozen=True)
class Passage:
    """Words of a document supporting a statement, with their context."""

    evidence: str
    document: str
    source: str | None
    language: str | None
    prefix: str
    exact: str
    suffix: str
    mention: bool = False
    """Whether the words mention the resource (an ``oa:hasBody`` annotation) rather than
    support a statement about it."""


@dataclass
class Member:
    """A member of an organisation as one membership states it: the interval at the
    document's precision (None where it says nothing) and the documents that say so."""

    membership: str
    member: str
    begin: str | None
    end: str | None
    documents: list[str] = field(default_factory=list)
    role: str | None = None
    """The office held (``org:role``), for an office holder such as a state's president."""


@dataclass
class Description:
    """A resource, as the union of the named graphs describes it."""

    node: ox.NamedNode
    outgoing: list[tuple[ox.NamedNode, object]] = field(default_factory=list)
    incoming: list[tuple[object, ox.NamedNode]] = field(default_factory=list)
    incoming_capped: bool = False
    labels: dict[str, ox.Literal] = field(default_factory=dict)
    passages: list[Passage] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    implied: dict[str, set[str]] = field(default_factory=dict)
    """The standard superproperties and superclasses the ontology declares, by the property or
    class they follow from (``fp:issuer`` → ``prov:wasAttributedTo``)."""

    def folded(self, pairs: list[tuple[object, object]], key: int) -> list[tuple[tuple, list[str]]]:
        """``pairs`` (property and value, or subject and property when ``key`` is 1) without
        those that follow from another pair by a superproperty, each pair with the
        superproperties folded into it."""
        siblings: dict[object, set[str]] = {}
        for pair in pairs:
            siblings.setdefault(pair[1 - key], set()).add(pair[key].value)  # type: ignore[attr-defined]
        kept = []
        for pair in pairs:
            term: str = pair[key].value  # type: ignore[attr-defined]
            others = siblings[pair[1 - key]] - {term}
            if any(term in self.implied.get(other, ()) for other in others):
                continue
            also = sorted(o for o in others if o in self.implied.get(term, ()))
            kept.append((pair, also))
        return kept

    @property
    def is_empty(self) -> bool:
        """Whether the graph says nothing about the resource."""
        return not self.outgoing and not self.incoming

    @property
    def label(self) -> str:
        """The resource's label, or its IRI."""
        label = self.labels.get(self.node.value)
        return label.value if label is not None else self.node.value

    @property
    def types(self) -> list[ox.NamedNode]:
        """The resource's classes."""
        return [o for p, o in self.outgoing if p == RDF_TYPE and isinstance(o, ox.NamedNode)]

    @property
    def own_types(self) -> list[ox.NamedNode]:
        """The resource's classes less the superclasses of the others."""
        implied = {c for t in self.types for c in self.implied.get(t.value, ())}
        return [t for t in self.types if t.value not in implied]

    @property
    def wikidata(self) -> list[str]:
        """The Wikidata entities the resource is the same as."""
        return [
            o.value
            for p, o in self.outgoing
            if p == OWL_SAME_AS and isinstance(o, ox.NamedNode) and o.value.startswith(WIKIDATA)
        ]

    def triples(self) -> list[ox.Triple]:
        """The statements about the resource and the links to it."""
        out = [ox.Triple(self.node, p, o) for p, o in self.outgoing]  # type: ignore[arg-type]
        return out + [ox.Triple(s, p, self.node) for s, p in self.incoming]  # type: ignore[arg-type]


def _label(store: ox.Store, node: ox.NamedNode) -> ox.Literal | None:
    for predicate in LABELS:
        found = [q.object for q in store.quads_for_pattern(node, predicate, None, None)]
        literals = [o for o in found if isinstance(o, ox.Literal)]
        if literals:
            english = [o for o in literals if o.language in (None, "en")]
            return min(english or literals, key=lambda o: o.value)
    return None


def _members(store: ox.Store, node: ox.NamedNode) -> list[Member]:
    """The members of ``node`` (an organisation), one per membership."""
    solutions = store.query(_about(MEMBERS_QUERY, node), use_default_graph_as_union=True)
    members: dict[str, Member] = {}
    for row in solutions:  # type: ignore[union-attr]
        membership = row["membership"].value
        if membership not in members:
            if len(members) == MAX_MEMBERS:
                break
            members[membership] = Member(
                membership,
                row["member"].value,
                row["begin"].value if row["begin"] else None,
                row["end"].value if row["end"] else None,
                role=row["role"].value if row["role"] else None,
            )
        document = row["document"]
        if document and document.value not in members[membership].documents:
            members[membership].documents.append(document.value)
    return list(members.values())


def implied(store: ox.Store) -> dict[str, set[str]]:
    """Every property's and class's superproperties and superclasses, by the ontology's
    ``rdfs:subPropertyOf`` and ``rdfs:subClassOf`` (transitively)."""
    direct: dict[str, set[str]] = {}
    for predicate in (SUBPROPERTY_OF, SUBCLASS_OF):
        for quad in store.quads_for_pattern(None, predicate, None, None):
            if isinstance(quad.subject, ox.NamedNode) and isinstance(quad.object, ox.NamedNode):
                direct.setdefault(quad.subject.value, set()).add(quad.object.value)
    closed: dict[str, set[str]] = {}
    for term in direct:
        seen: set[str] = set()
        todo = list(direct[term])
        while todo:
            each = todo.pop()
            if each not in seen and each != term:
                seen.add(each)
                todo.extend(direct.get(each, ()))
        closed[term] = seen
    return closed


def describe(store: ox.Store, node: ox.NamedNode) -> Description:
    """Everything the resource page shows about ``node``."""
    description = Description(node, implied=implied(store))
    description.outgoing = sorted(
        {(q.predicate, q.object) for q in store.quads_for_pattern(node, None, None, None)},
        key=lambda pair: (pair[0].value, str(pair[1])),
    )
    incoming = {(q.subject, q.predicate) for q in store.quads_for_pattern(None, None, node, None)}
    description.incoming_capped = len(incoming) > MAX_INCOMING
    description.incoming = sorted(incoming, key=lambda pair: (str(pair[0]), pair[1].value))[
        :MAX_INCOMING
    ]
    named = {node}
    named.update(p for p, _ in description.outgoing)
    named.update(o for _, o in description.outgoing if isinstance(o, ox.NamedNode))
    named.update(s for s, _ in description.incoming if isinstance(s, ox.NamedNode))
    named.update(p for _, p in description.incoming)
    description.members = _members(store, node)
    named.update(ox.NamedNode(m.member) for m in description.members)
    named.update(ox.NamedNode(m.membership) for m in description.members)
    named.update(ox.NamedNode(d) for m in description.members for d in m.documents)
    named.update(ox.NamedNode(m.role) for m in description.members if m.role)
    solutions = store.query(_about(EVIDENCE_QUERY, node), use_default_graph_as_union=True)
    for row in islice(solutions, MAX_PASSAGES):  # type: ignore[arg-type]
        description.passages.append(
            Passage(
                evidence=row["evidence"].value,
                document=row["document"].value,
                source=row["source"].value if row["source"] else None,
                language=row["language"].value if row["language"] else None,
                prefix=row["prefix"].value if row["prefix"] else "",
                exact=row["exact"].value,
                suffix=row["suffix"].value if row["suffix"] else "",
                mention=row["mention"] is not None,
            )
        )
    named.update(ox.NamedNode(p.document) for p in description.passages)
    for each in named:
        label = _label(store, each)
        if label is not None:
            description.labels[each.value] = label
    return description
