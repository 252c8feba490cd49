"""Find a resource by name: every label and alias in the graph, in any language, matched
without regard to case or accents ("Peru" finds Perú, "grupo de lima" the Lima Group)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from html import escape

import pyoxigraph as ox

from fpkg.endpoint.resource import LABELS, RDF_TYPE
from fpkg.endpoint.resource_page import PAGE_LANGUAGE, STYLE, href

FP = "https://w3id.org/fpkg/ontology#"
ALIAS = ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
NOT_FOUND_BY_NAME = frozenset(
    FP + name for name in ("Evidence", "Mention", "Citation", "DerivedInstant", "TemporalOrder")
)
"""Classes whose labels describe a passage or a bound rather than name something."""
ENTITY_CLASSES = ("State", "Person", "Mechanism", "Government", "Office", "StateBody", "Place")
"""The kinds of entity a reader looks for first, before facts and documents."""
MAX_RESULTS = 50


@dataclass(frozen=True)
class Name:
    """One name of a resource, as the graph states it."""

    iri: str
    text: str
    language: str
    kind: str
    """The resource's class in the ontology, by local name (``State``)."""
    kind_label: str = ""
    """The class's label in the ontology (``state body``)."""

    @property
    def is_entity(self) -> bool:
        """Whether the resource is an entity (a state, person, mechanism…), not a fact."""
        return self.kind in ENTITY_CLASSES


def fold(text: str) -> str:
    """``text`` in lower case without accents, its spaces collapsed, for matching."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def names(store: ox.Store) -> list[Name]:
    """Every name (label, title or alias) of every resource with a class of the ontology."""
    kinds: dict[str, str] = {}
    for quad in store.quads_for_pattern(None, RDF_TYPE, None, None):
        kind, subject = quad.object.value, quad.subject
        if not isinstance(subject, ox.NamedNode) or not kind.startswith(FP):
            continue
        if kind in NOT_FOUND_BY_NAME or (subject.value in kinds and kind == FP + "Fact"):
            continue
        kinds[subject.value] = kind.removeprefix(FP)
    class_labels = {
        kind: _english(store, ox.NamedNode(FP + kind)) or kind for kind in set(kinds.values())
    }
    found = set()
    for predicate in (*LABELS, ALIAS):
        for quad in store.quads_for_pattern(None, predicate, None, None):
            kind = kinds.get(quad.subject.value)
            if kind and isinstance(quad.object, ox.Literal):
                literal = quad.object
                found.add(
                    Name(
                        quad.subject.value,
                        literal.value,
                        literal.language or "",
                        kind,
                        class_labels[kind],
                    )
                )
    return sorted(found, key=lambda n: (n.iri, n.text))


def _english(store: ox.Store, node: ox.NamedNode) -> str | None:
    """The English (or untagged) ``rdfs:label`` of ``node``, if any."""
    for quad in store.quads_for_pattern(node, LABELS[0], None, None):
        if isinstance(quad.object, ox.Literal) and quad.object.language in (None, "en"):
            return quad.object.value
    return None


def find(all_names: list[Name], query: str, limit: int = MAX_RESULTS) -> list[Name]:
    """The resources one of whose names contains every word of ``query`` (ignoring case and
    accents), one name each: exact names first, then entities before facts, names that begin
    with the query before the others, shorter names first."""
    words = fold(query).split()
    if not words:
        return []
    phrase = " ".join(words)
    best: dict[str, tuple[tuple[bool, bool, bool, int, str], Name]] = {}
    for name in all_names:
        folded = fold(name.text)
        if not all(word in folded for word in words):
            continue
        rank = (
            folded != phrase,
            not name.is_entity,
            not folded.startswith(phrase),
            len(folded),
            folded,
        )
        if name.iri not in best or rank < best[name.iri][0]:
            best[name.iri] = (rank, name)
    return [name for _, name in sorted(best.values(), key=lambda pair: pair[0])][:limit]


def search_form(query: str = "", action: str = "/search") -> str:
    """A form asking for a name."""
    return (
        f'<form class=search method=get action="{escape(action)}" role=search>'
        "<label>Find by name (English or Spanish) <input type=search name=q "
        f'value="{escape(query)}" placeholder="Perú, Grupo de Lima, Kuczynski…" required>'
        "</label> <button>Find</button></form>"
    )


def search_page(query: str, results: list[Name]) -> str:
    """The HTML page of the results of a search for ``query``."""
    rows = "".join(
        f'<tr><td><a href="{escape(href(n.iri))}"><span lang="{escape(n.language)}">'
        f"{escape(n.text)}</span></a></td><td>{escape(n.kind_label or n.kind)}</td>"
        f"<td><code>{escape(n.iri)}</code></td></tr>"
        for n in results
    )
    found = (
        f"<table><tr><th>name</th><th>kind</th><th>IRI</th></tr>{rows}</table>"
        if results
        else f"<p>Nothing in the graph is named like “{escape(query)}”.</p>"
    )
    more = (
        f"<p>The first {MAX_RESULTS}; add a word to narrow the search.</p>"
        if len(results) == MAX_RESULTS
        else ""
    )
    return (
        f"<!DOCTYPE html><html lang={PAGE_LANGUAGE}><head><meta charset=utf-8>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Find “{escape(query)}”</title><style>{STYLE}</style></head><body>"
        f"<h1>Names like “{escape(query)}”</h1>{search_form(query)}{found}{more}"
        '<p><a href="/">Query the graph (SPARQL)</a> · <a href="/ontology">Ontology</a></p>'
        "</body></html>"
    )
