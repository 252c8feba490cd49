"""The HTML page of a resource: label, types, statements, incoming links and evidence."""

from __future__ import annotations

from html import escape
from urllib.parse import quote

import pyoxigraph as ox

from fpkg.endpoint.resource import MENTIONED_BY, RDF_TYPE, Description, Member, Passage
from fpkg.namespaces import ID, ONTOLOGY_IRI, PREFIXES

_PREFIXES = sorted(((str(ns), name) for name, ns in PREFIXES.items()), key=lambda p: -len(p[0]))
STYLE = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem;
text-align:left;vertical-align:top}code{font-size:.9em}mark{background:#ffe066}
blockquote{border-left:3px solid #ccc;margin:.5rem 0;padding:.2rem .8rem}.iri{color:#555}
.lang{font-size:.7em;border:1px solid #999;border-radius:.3em;padding:0 .25em;margin-left:.3em;
color:#555;vertical-align:.15em}.also{font-size:.85em;color:#555}
nav.pages a,nav.pages strong{margin-right:.5em}
"""
GROUP_ROWS = 20
"""The most links of one property shown to a page; the rest are counted, and in its RDF."""
MENTIONS_PER_PAGE = 20
"""Mentions of the resource shown to a page (``?page=N`` for the next ones)."""
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


def _also(also: list[str], labels: dict[str, ox.Literal]) -> str:
    """The superproperties or superclasses folded under a term, if any."""
    if not also:
        return ""
    return f" <span class=also>(also {', '.join(_link(a, labels) for a in also)})</span>"


def _members(members: list[Member], labels: dict[str, ox.Literal]) -> list[str]:
    """The members table, then the office holders table: one row per membership, so
    documents that disagree show apart."""
    rows = []
    for office, title in ((False, "Members"), (True, "Office holders")):
        shown = [m for m in members if (m.role is not None) == office]
        if not shown:
            continue
        role = "<th>office</th>" if office else ""
        rows.append(f"<h2>{title}</h2><table><tr><th>member</th>{role}<th>from</th>")
        rows.append("<th>until</th><th>according to</th><th>membership</th></tr>")
        for member in shown:
            documents = ", ".join(_link(d, labels) for d in member.documents)
            begin, end = (_text(v, NO_LANGUAGE) if v else "" for v in (member.begin, member.end))
            held = f"<td>{_link(member.role, labels)}</td>" if member.role else ""
            rows.append(
                f"<tr><td>{_link(member.member, labels)}</td>{held}<td>{begin}</td><td>{end}</td>"
                f"<td>{documents}</td><td>{_link(member.membership, labels)}</td></tr>"
            )
        rows.append("</table>")
    return rows


def _incoming(description: Description) -> list[str]:
    """What links to the resource (its facts first of all), by property, at most
    ``GROUP_ROWS`` of each; its mentions are shown apart."""
    labels = description.labels
    pairs = [(s, p) for s, p in description.incoming if p != MENTIONED_BY]
    groups: dict[str, list[str]] = {}
    for (subject, predicate), also in description.folded(pairs, 1):
        name = _link(predicate.value, labels) + _also(also, labels)  # type: ignore[attr-defined]
        groups.setdefault(name, []).append(_term(subject, labels))
    if not groups:
        return []
    more = " (the first ones)" if description.incoming_capped else ""
    parts = [f"<h2>Facts and links to it{more}</h2><table><tr><th>by</th><th>from</th></tr>"]
    for name, subjects in sorted(groups.items(), key=lambda group: -len(group[1])):
        shown = "<br>".join(subjects[:GROUP_ROWS])
        if len(subjects) > GROUP_ROWS:
            rdf = escape(href(description.node.value))
            shown += (
                f"<br><span class=also>… and {len(subjects) - GROUP_ROWS} more (all of them in "
                f'the <a href="{rdf}" type="text/turtle">RDF</a> of this page)</span>'
            )
        parts.append(f"<tr><td>{name} ({len(subjects)})</td><td>{shown}</td></tr>")
    parts.append("</table>")
    return parts


def mention_pages(description: Description) -> int:
    """How many pages the resource's mentions take (at least one)."""
    mentions = sum(1 for p in description.passages if p.mention)
    return max(1, -(-mentions // MENTIONS_PER_PAGE))


def _mentions(description: Description, page: int) -> list[str]:
    """Page ``page`` of the words of documents that mention the resource, with links to the
    other pages."""
    mentions = [p for p in description.passages if p.mention]
    if not mentions:
        return []
    first = (page - 1) * MENTIONS_PER_PAGE
    shown = mentions[first : first + MENTIONS_PER_PAGE]
    parts = [
        f"<h2 id=mentions>Mentions</h2><p>{first + 1}–{first + len(shown)} of {len(mentions)} "
        "passages of the documents that name it.</p>"
    ]
    parts.extend(_passage(passage, description.labels) for passage in shown)
    pages = mention_pages(description)
    if pages > 1:
        base = escape(href(description.node.value))
        links = [
            f"<strong>{n}</strong>" if n == page else f'<a href="{base}?page={n}#mentions">{n}</a>'
            for n in range(1, pages + 1)
        ]
        parts.append(f"<nav class=pages>Pages of mentions: {' '.join(links)}</nav>")
    return parts


def _title(description: Description) -> str:
    label = description.labels.get(description.node.value)
    if label is None:
        return _text(description.node.value, NO_LANGUAGE)
    return _text(label.value, label.language or "")


def render(description: Description, timeline: str = "", page: int = 1) -> str:
    """The page, self-contained (no script, no outside style); ``timeline`` is the HTML of its
    timelines (:mod:`fpkg.endpoint.timeline`), shown before the statements, and ``page`` the
    page of its mentions shown last, after everything stated about it."""
    labels = description.labels
    iri = description.node.value
    parts = [
        f"<!DOCTYPE html><html lang={PAGE_LANGUAGE}><head><meta charset=utf-8>",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(description.label)}</title><style>{STYLE}</style>",
        f'<link rel="alternate" type="text/turtle" href="{escape(href(iri))}">',
        "</head><body>",
        f"<h1>{_title(description)}</h1><p class=iri><code>{escape(iri)}</code></p>",
    ]
    if description.types:
        own = description.own_types
        types = ", ".join(_link(t.value, labels) for t in own)
        supers = sorted({t.value for t in description.types} - {t.value for t in own})
        parts.append(f"<p>A {types}.{_also(supers, labels)}</p>")
    for entity in description.wikidata:
        parts.append(f'<p>Wikidata: <a href="{escape(entity)}">{escape(compact(entity))}</a></p>')
    parts.append(timeline)
    parts.append("<h2>Statements</h2><table><tr><th>property</th><th>value</th></tr>")
    for (predicate, value), also in description.folded(description.outgoing, 0):
        if predicate == RDF_TYPE:
            continue
        parts.append(
            f"<tr><td>{_link(predicate.value, labels)}{_also(also, labels)}</td>"  # type: ignore[attr-defined]
            f"<td>{_term(value, labels)}</td></tr>"
        )
    parts.append("</table>")
    if description.members:
        parts.extend(_members(description.members, labels))
    evidence = [p for p in description.passages if not p.mention]
    if evidence:
        parts.append("<h2>Evidence</h2>")
        parts.extend(_passage(passage, labels) for passage in evidence)
    parts.extend(_incoming(description))
    parts.extend(_mentions(description, page))
    parts.append(
        '<p><a href="/">Query the graph (SPARQL)</a> · <a href="/ontology">Ontology</a></p>'
    )
    parts.append("</body></html>")
    return "\n".join(parts)
