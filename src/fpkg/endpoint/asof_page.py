"""``/id/…?asof=YYYY-MM-DD``: the as-of answers about a resource, as an HTML page or JSON."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

import pyoxigraph as ox
from fastapi import Request, Response
from fastapi.responses import HTMLResponse

from fpkg.asof import AsOf, AsOfError, ask, exists, grouped, parse_day
from fpkg.endpoint.errors import ProtocolError
from fpkg.endpoint.media import HTML, negotiate
from fpkg.endpoint.resource_page import href
from fpkg.namespaces import ID

JSON = "application/json"
OFFERS = [JSON, HTML]
"""JSON for programs (``*/*``); browsers say they prefer HTML."""
_STYLE = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem;
text-align:left;vertical-align:top}.certainly{color:#1a6b1a;font-weight:bold}
.possibly{color:#8a5a00}.undated{color:#666}q{font-style:italic}
.answer td:not(:last-child){white-space:nowrap}
"""
_COLUMNS_LEFT_OUT = ("status", "fact", "document", "evidence", "exact")


def answer_asof(store: ox.Store, queries_dir: Path, iri: str, request: Request) -> Response:
    """The answers for ``iri`` on the request's ``asof`` day (and ``partner``, if given)."""
    media_type = negotiate(request.headers.get("accept"), OFFERS)
    if media_type is None:
        raise ProtocolError(
            406, f"cannot answer in any type of Accept; offered: {', '.join(OFFERS)}"
        )
    partner = request.query_params.get("partner")
    other = str(ID) + partner.removeprefix(str(ID)) if partner else None
    if other and not exists(store, other):
        raise ProtocolError(404, f"no such resource: {other}")
    try:
        day = parse_day(request.query_params["asof"])
        result = ask(store, queries_dir, iri, day, other)
    except AsOfError as error:
        raise ProtocolError(400, error.message) from None
    headers = {"Vary": "Accept"}
    if media_type == HTML:
        return HTMLResponse(render(result), headers=headers)
    body = json.dumps(result.as_json(), ensure_ascii=False, indent=1)
    return Response(body, media_type=f"{JSON}; charset=utf-8", headers=headers)


def _link(iri: str, result: AsOf) -> str:
    return f'<a href="{escape(href(iri))}">{escape(result.label(iri))}</a>'


def _cell(term: ox.NamedNode | ox.Literal | None, result: AsOf) -> str:
    if isinstance(term, ox.NamedNode):
        return _link(term.value, result)
    return escape(term.value) if term is not None else ""


def render(result: AsOf) -> str:
    """The page: a date form, then per question a row per answer with its evidence."""
    title = f"{result.label(result.subject)} as of {result.date.isoformat()}"
    parts = [
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8>",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f'<form method=get action="{escape(href(result.subject))}"><label>As of '
        f'<input type=date name=asof value="{result.date.isoformat()}"></label> '
        "<button>Ask</button></form>",
        "<p><b class=certainly>certainly</b>: the date lies within what the document states, "
        "whatever day its years or months stand for; <b class=possibly>possibly</b>: it may, "
        "given the precision or an end not stated; <b class=undated>undated</b>: the document "
        "gives no time, so it may hold on any day.</p>",
    ]
    for answer in result.answers:
        columns = [v for v in answer.variables if v not in _COLUMNS_LEFT_OUT]
        parts.append(f"<h2>{escape(answer.heading)}</h2>")
        if not answer.rows:
            parts.append("<p>None on this day.</p>")
            continue
        head = "".join(f"<th>{escape(c)}</th>" for c in ["status", *columns, "evidence"])
        parts.append(f"<table><tr>{head}</tr>")
        for fact, rows in grouped(answer).items():
            first = rows[0]
            status = first["status"].value if first["status"] else ""
            cells = "".join(f"<td>{_cell(first[c], result)}</td>" for c in columns)
            quotes = "<br>".join(
                f'<a href="{escape(href(r["evidence"].value if r["evidence"] else fact))}">'
                f"<q>{escape(r['exact'].value if r['exact'] else '')}</q></a> "
                f"({_cell(r['document'], result)})"
                for r in rows
            )
            parts.append(
                f'<tr class=answer><td class="{escape(status)}">'
                f'<a href="{escape(href(fact))}">{escape(status)}</a></td>'
                f"{cells}<td>{quotes}</td></tr>"
            )
        parts.append("</table>")
    parts.append(f'<p><a href="{escape(href(result.subject))}">Back to the page</a></p>')
    parts.append("</body></html>")
    return "\n".join(parts)
