"""The HTML page of a resource: label, types, statements, incoming links and evidence."""

from __future__ import annotations

from html import escape
from urllib.parse import quote

import pyoxigraph as ox

from fpkg.endpoint.resource import Description, Member, Passage
from fpkg.namespaces import ID, ONTOLOGY_IRI, PREFIXES

_PREFIXES = sorted(((str(ns), name) for name, ns in PREFIXES.items()), key=lambda p: -len(p[0]))
_STYLE = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem;
text-align:left;vertical-align:top}code{font-size:.9em}mark{background:#ffe066}
blockquote{border-left:3px solid #ccc;margin:.5rem 0;padding:.2rem .8rem}.iri{color:#555}
.lang{font-size:.7em;border:1px solid #999;border-radius:.3em;padding:0 .25em;margin-left:.3em;
color:#555;vertical-align:.15em}
"""
PAGE_LANGUAGE = "en"
NO_LANGUAGE = "zxx"
"""The language of IRIs, numbers and dates (BCP 47: no linguistic content)."""
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


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


def _text(value: str, language: str) -> str:
    """``value`` marked with its language; a badge names the language when it is not the
    page's (an empty language is unknown, ``zxx`` none)."""
    badge = ""
    if language not in (PAGE_LANGUAGE, "", NO_LANGUAGE):
        badge = f'<span class=lang title="language: {escape(language)}">{escape(language)}</span>'
    return f'<span lang="{escape(language)}">{escape(value)}</span>{badge}'


def _link(iri: str, labels: dict[str, ox.Literal]) -> str:
    label = labels.get(iri)
    text = _text(label.value, label.language or "") if label else _text(compact(iri), NO_LANGUAGE)
    return f'<a href="{escape(href(iri))}" title="{escape(iri)}">{text}</a>'


def _term(term: object, labels: dict[str, ox.Literal]) -> str:
    if isinstance(term, ox.NamedNode):
        return _link(term.value, labels)
    if isinstance(term, ox.Literal):
        if term.language:
            return _text(term.value, term.language)
        if term.datatype.value == XSD_STRING:
            return _text(term.value, "")
        datatype = escape(compact(term.datatype.value))
        return f"{_text(term.value, NO_LANGUAGE)} <span class=iri>({datatype})</span>"
    return f"<code>{escape(str(term))}</code>"


def _passage(passage: Passage, labels: dict[str, ox.Literal]) -> str:
    link = _link(passage.document, labels)
    original = ""
    if passage.source:
        fragment = f"#:~:text={quote(passage.exact[:300], safe='')}"
        original = f' · <a href="{escape(passage.source + fragment)}">original</a>'
    language = escape(passage.language or "")
    return (
        f'<blockquote lang="{language}">…{escape(passage.prefix)}<mark>{escape(passage.exact)}'
        f"</mark>{escape(passage.suffix)}…</blockquote>"
        f"<p>{link}{original} · {_link(passage.evidence, {})}</p>"
    )


def _members(members: list[Member], labels: dict[str, ox.Literal]) -> list[str]:
    """The members table: one row per membership, so documents that disagree show apart."""
    rows = ["<h2>Members</h2><table><tr><th>member</th><th>from</th><th>until</th>"]
    rows.append("<th>according to</th><th>membership</th></tr>")
    for member in members:
        documents = ", ".join(_link(d, labels) for d in member.documents)
        begin, end = (_text(v, NO_LANGUAGE) if v else "" for v in (member.begin, member.end))
        rows.append(
            f"<tr><td>{_link(member.member, labels)}</td><td>{begin}</td><td>{end}</td>"
            f"<td>{documents}</td><td>{_link(member.membership, labels)}</td></tr>"
        )
    rows.append("</table>")
    return rows


def _title(description: Description) -> str:
    label = description.labels.get(description.node.value)
    if label is None:
        return _text(description.node.value, NO_LANGUAGE)
    return _text(label.value, label.language or "")


def render(description: Description, timeline: str = "") -> str:
    """The page, self-contained (no script, no outside style); ``timeline`` is the HTML of its
    timelines (:mod:`fpkg.endpoint.timeline`), shown before the statements."""
    labels = description.labels
    iri = description.node.value
    parts = [
        f"<!DOCTYPE html><html lang={PAGE_LANGUAGE}><head><meta charset=utf-8>",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(description.label)}</title><style>{_STYLE}</style>",
        f'<link rel="alternate" type="text/turtle" href="{escape(href(iri))}">',
        "</head><body>",
        f"<h1>{_title(description)}</h1><p class=iri><code>{escape(iri)}</code></p>",
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
    if description.members:
        parts.extend(_members(description.members, labels))
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
