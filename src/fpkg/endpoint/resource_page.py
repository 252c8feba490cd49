"""The HTML page of a resource: label, types, statements, incoming links and evidence."""

from __future__ import annotations

from html import escape
from urllib.parse import quote

import pyoxigraph as ox

from fpkg.endpoint.resource import Description, Passage
from fpkg.namespaces import ID, ONTOLOGY_IRI, PREFIXES

_PREFIXES = sorted(((str(ns), name) for name, ns in PREFIXES.items()), key=lambda p: -len(p[0]))
_STYLE = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem;
text-align:left;vertical-align:top}code{font-size:.9em}mark{background:#ffe066}
blockquote{border-left:3px solid #ccc;margin:.5rem 0;padding:.2rem .8rem}.iri{color:#555}
"""


def href(iri: str) -> str:
    """Where a link to ``iri`` points: this server for the graph's own IRIs."""
    if iri.startswith(str(ID)):
        return "/id/" + iri[len(str(ID)) :]
    if iri.startswith(str(ONTOLOGY_IRI)):
        return "/ontology" + iri[len(str(ONTOLOGY_IRI)) :]
    return iri


def compact(iri: str) -> str:
    """``iri`` as a prefixed name where a known prefix fits."""
    for namespace, name in _PREFIXES:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{name}:{iri[len(namespace) :]}"
    return iri


def _link(iri: str, labels: dict[str, str]) -> str:
    text = labels.get(iri) or compact(iri)
    return f'<a href="{escape(href(iri))}" title="{escape(iri)}">{escape(text)}</a>'


def _term(term: object, labels: dict[str, str]) -> str:
    if isinstance(term, ox.NamedNode):
        return _link(term.value, labels)
    if isinstance(term, ox.Literal):
        suffix = f"@{term.language}" if term.language else ""
        if not term.language and not term.datatype.value.endswith("#string"):
            suffix = f" <span class=iri>({escape(compact(term.datatype.value))})</span>"
        return f"{escape(term.value)}{escape(suffix) if term.language else suffix}"
    return f"<code>{escape(str(term))}</code>"


def _passage(passage: Passage, labels: dict[str, str]) -> str:
    link = _link(passage.document, {passage.document: passage.title, **labels})
    original = ""
    if passage.source:
        fragment = f"#:~:text={quote(passage.exact[:300], safe='')}"
        original = f' · <a href="{escape(passage.source + fragment)}">original</a>'
    return (
        f"<blockquote>…{escape(passage.prefix)}<mark>{escape(passage.exact)}</mark>"
        f"{escape(passage.suffix)}…</blockquote>"
        f"<p>{link}{original} · {_link(passage.evidence, {})}</p>"
    )


def render(description: Description, timeline: str = "") -> str:
    """The page, self-contained (no script, no outside style); ``timeline`` is the HTML of its
    timelines (:mod:`fpkg.endpoint.timeline`), shown before the statements."""
    labels = description.labels
    iri = description.node.value
    parts = [
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8>",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(description.label)}</title><style>{_STYLE}</style>",
        f'<link rel="alternate" type="text/turtle" href="{escape(href(iri))}">',
        "</head><body>",
        f"<h1>{escape(description.label)}</h1><p class=iri><code>{escape(iri)}</code></p>",
    ]
    if description.types:
        types = ", ".join(_link(t.value, labels) for t in description.types)
        parts.append(f"<p>A {types}.</p>")
    for entity in description.wikidata:
        parts.append(f'<p>Wikidata: <a href="{escape(entity)}">{escape(compact(entity))}</a></p>')
    parts.append(timeline)
    parts.append("<h2>Statements</h2><table><tr><th>property</th><th>value</th></tr>")
    for predicate, value in description.outgoing:
        parts.append(
            f"<tr><td>{_link(predicate.value, labels)}</td><td>{_term(value, labels)}</td></tr>"
        )
    parts.append("</table>")
    if description.passages:
        parts.append("<h2>Evidence</h2>")
        parts.extend(_passage(passage, labels) for passage in description.passages)
    if description.incoming:
        more = " (the first ones)" if description.incoming_capped else ""
        parts.append(f"<h2>Linked from{more}</h2><table><tr><th>resource</th><th>by</th></tr>")
        for subject, predicate in description.incoming:
            parts.append(
                f"<tr><td>{_term(subject, labels)}</td><td>{_link(predicate.value, labels)}</td></tr>"
            )
        parts.append("</table>")
    parts.append(
        '<p><a href="/">Query the graph (SPARQL)</a> · <a href="/ontology">Ontology</a></p>'
    )
    parts.append("</body></html>")
    return "\n".join(parts)
