"""Timelines of a resource's facts as server-rendered SVG (no script, no outside resource).

A fact's time is drawn at its document's precision, from the derived bounds of its instants:
a solid stretch where the fact surely holds, a pale one where it may (a year's worth of doubt
around a beginning stated as a year), an open end fading out to the right edge, an undated
fact as a dotted line across the whole axis. Every mark links to its fact page, and a small
"¶" beside it to the evidence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

import pyoxigraph as ox

from fpkg.asof import QUESTIONS, kind_of
from fpkg.endpoint.resource_page import href

FP = "https://w3id.org/fpkg/ontology#"
MARKS_QUERY = """
PREFIX fp: <https://w3id.org/fpkg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX time: <http://www.w3.org/2006/time#>
SELECT ?this ?fact (GROUP_CONCAT(DISTINCT STR(?class)) AS ?classes) (MIN(STR(?name)) AS ?label)
       (MIN(?evidence_) AS ?evidence) (MIN(STR(?docName)) AS ?document)
       (MIN(?at0) AS ?atEarliest) (MIN(?at1) AS ?atLatest) (MIN(?atText) AS ?at)
       (MIN(?b0) AS ?beginEarliest) (MIN(?b1) AS ?beginLatest) (MIN(?bText) AS ?begin)
       (MIN(?e0) AS ?endEarliest) (MIN(?e1) AS ?endLatest) (MIN(?eText) AS ?end)
       (SAMPLE(?member_) AS ?member) (SAMPLE(?organization_) AS ?organization) (MIN(STR(?memberName)) AS ?memberLabel)
       (SAMPLE(?link) AS ?property)
WHERE {
  { ?fact ?link ?this }
  UNION { ?fact fp:ofRelation/fp:party ?this BIND (fp:ofRelation AS ?link) }
  UNION { ?this prov:wasDerivedFrom [] BIND (?this AS ?fact) BIND (rdfs:seeAlso AS ?link) }
  ?fact prov:wasDerivedFrom ?evidence_ ; a ?class ; rdfs:label ?name .
  FILTER (STRSTARTS(STR(?class), STR(fp:)) && ?class != fp:Citation)
  ?evidence_ oa:hasSource/rdfs:label ?docName .
  OPTIONAL { ?fact org:member ?member_ ; org:organization ?organization_ .
             ?member_ rdfs:label ?memberName }
  OPTIONAL {
    ?fact time:hasTime|org:memberDuring ?time .
    OPTIONAL { ?time fp:earliestDay ?at0 ; fp:latestDay ?at1 ; rdfs:label ?atText }
    OPTIONAL { ?time time:hasBeginning ?b . ?b fp:earliestDay ?b0 ; fp:latestDay ?b1 ; rdfs:label ?bText }
    OPTIONAL { ?time time:hasEnd ?e . ?e fp:earliestDay ?e0 ; fp:latestDay ?e1 ; rdfs:label ?eText }
  }
}
GROUP BY ?this ?fact
"""
WIDTH, LEFT, RIGHT, ROW, PAD = 960, 230, 20, 20, 30
ZOOM_OVER, ZOOM_TO = 60, 25
"""A timeline over more than ``ZOOM_OVER`` years is drawn again for about its last ``ZOOM_TO``."""
_STYLE = (
    "text{font:12px system-ui,sans-serif;fill:#222}.axis text{fill:#555;font-size:11px}"
    ".axis line{stroke:#ddd}.sure{fill:#2b6cb0}.maybe{fill:#2b6cb0;fill-opacity:.3}"
    ".dot{fill:#c05621}.dot.maybe{fill-opacity:.35}.undated{stroke:#888;stroke-dasharray:2 3}"
    "a:hover .sure,a:hover .dot{fill:#e53e3e}.evidence text{fill:#2b6cb0;font-size:11px}"
    ".doc{fill:#555;font-size:11px}.tab{fill:#2b6cb0}a:hover .tab{fill:#e53e3e}"
)


@dataclass(frozen=True)
class Bound:
    """The earliest and latest day an instant can be, and its stated value."""

    earliest: dt.date
    latest: dt.date
    text: str


@dataclass(frozen=True)
class Mark:
    """A fact to draw: an interval (``begin``/``end``, either may be open), an instant
    (``at``) or neither (undated)."""

    fact: str
    kind: str
    label: str
    evidence: str
    document: str
    at: Bound | None
    begin: Bound | None
    end: Bound | None
    member: str | None
    member_label: str | None
    organization: str | None
    interval: bool

    @property
    def dated(self) -> bool:
        """Whether the mark has a place on the axis."""
        return bool(self.at or self.begin or self.end)

    @property
    def days(self) -> list[dt.date]:
        """Every bound day the mark names."""
        bounds = [b for b in (self.at, self.begin, self.end) if b]
        return [d for b in bounds for d in (b.earliest, b.latest)]

    def when(self) -> str:
        """The time as the document states it."""
        if self.at:
            return self.at.text
        if self.begin or self.end:
            start = self.begin.text if self.begin else "?"
            return f"{start} – {self.end.text if self.end else '(end not stated)'}"
        return "no date stated"


def _bound(row: ox.QuerySolution, first: str, last: str, text: str) -> Bound | None:
    if row[first] is None:
        return None
    return Bound(
        dt.date.fromisoformat(row[first].value),
        dt.date.fromisoformat(row[last].value),
        row[text].value,
    )


def _kind(classes: str) -> str:
    names = sorted(c.removeprefix(FP) for c in classes.split() if c.startswith(FP))
    specific = [n for n in names if n != "Fact"]
    return (specific or names or ["Fact"])[0]


def marks(store: ox.Store, node: ox.NamedNode) -> list[Mark]:
    """The facts linked to ``node`` (or ``node`` itself, if a fact), with their times."""
    rows = store.query(
        MARKS_QUERY, use_default_graph_as_union=True, substitutions={ox.Variable("this"): node}
    )
    found = []
    for row in rows:  # type: ignore[union-attr]
        found.append(
            Mark(
                fact=row["fact"].value,
                kind=_kind(row["classes"].value),
                label=row["label"].value,
                evidence=row["evidence"].value,
                document=row["document"].value,
                at=_bound(row, "atEarliest", "atLatest", "at"),
                begin=_bound(row, "beginEarliest", "beginLatest", "begin"),
                end=_bound(row, "endEarliest", "endLatest", "end"),
                member=row["member"].value if row["member"] else None,
                member_label=row["memberLabel"].value if row["memberLabel"] else None,
                organization=row["organization"].value if row["organization"] else None,
                interval=row["atEarliest"] is None,
            )
        )
    return sorted(found, key=lambda m: (m.kind, min(m.days, default=dt.date.max), m.fact))


class Axis:
    """Days to x positions over the span of the marks, padded to whole years."""

    def __init__(self, days: list[dt.date], since: int | None = None) -> None:
        self.start = dt.date(since or min(days).year, 1, 1)
        self.stop = dt.date(max(days).year + 1, 1, 1)
        self.width = WIDTH - LEFT - RIGHT

    def x(self, day: dt.date) -> float:
        """The x position of ``day``; a day before the axis begins sits at its left edge."""
        share = max((day - self.start).days, 0) / max((self.stop - self.start).days, 1)
        return round(LEFT + share * self.width, 1)

    @property
    def years(self) -> int:
        """How many years the axis spans."""
        return self.stop.year - self.start.year

    def shows(self, mark: Mark) -> bool:
        """Whether some of ``mark`` falls on the axis (an open end runs on to its right edge)."""
        return (mark.interval and not mark.end) or max(mark.days) >= self.start

    @property
    def right(self) -> float:
        """The right edge of the plot."""
        return float(WIDTH - RIGHT)

    def ticks(self) -> list[int]:
        """Years to label: about ten, on round numbers."""
        step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100) if self.years / s <= 10)
        first = -(-self.start.year // step) * step
        return list(range(first, self.stop.year + 1, step))


def _title(mark: Mark) -> str:
    return f"<title>{escape(mark.label)} — {escape(mark.when())} ({escape(mark.document)})</title>"


def _shape(mark: Mark, axis: Axis, y: float) -> str:
    """The drawing of one mark in a row whose middle is ``y``."""
    if mark.at:
        lo, hi = axis.x(mark.at.earliest), axis.x(mark.at.latest)
        if hi - lo < 3:
            return f'<circle class=dot cx="{lo}" cy="{y}" r="4"/>'
        return (
            f'<rect class="dot maybe" x="{lo}" y="{y - 5}" width="{hi - lo}" height="10" rx="3"/>'
            f'<circle class=dot cx="{(lo + hi) / 2}" cy="{y}" r="2.5"/>'
        )
    if not mark.dated:
        return (
            f'<line class=undated x1="{LEFT}" x2="{axis.right}" y1="{y}" y2="{y}"/>'
            f'<rect class=maybe x="{LEFT - 6}" y="{y - 4}" width="8" height="8"/>'
        )
    parts = []
    left = axis.x(mark.begin.earliest) if mark.begin else float(LEFT)
    sure_left = axis.x(mark.begin.latest) if mark.begin else None
    sure_right = axis.x(mark.end.earliest) if mark.end else None
    right = axis.x(mark.end.latest) if mark.end else axis.right
    top, height = y - 5, 10
    parts.append(
        f'<rect class=maybe x="{left}" y="{top}" width="{max(right - left, 2)}" height="{height}"/>'
    )
    if sure_left is not None and sure_right is not None and sure_right > sure_left:
        parts.append(
            f'<rect class=sure x="{sure_left}" y="{top}" width="{sure_right - sure_left}" height="{height}"/>'
        )
    if not mark.end:  # open end: an arrow head at the right edge
        parts.append(
            f'<path class=maybe d="M{right - 8},{top - 3} L{right},{y} L{right - 8},{top + height + 3}Z"/>'
        )
    if not mark.begin:
        parts.append(
            f'<path class=maybe d="M{left + 8},{top - 3} L{left},{y} L{left + 8},{top + height + 3}Z"/>'
        )
    return "".join(parts)


def _mark(mark: Mark, axis: Axis, y: float, row_label: str | None) -> str:
    start = min([axis.x(d) for d in mark.days] or [float(LEFT)])
    if mark.at:  # in a lane of dots: a small tab under the dot
        middle = (axis.x(mark.at.earliest) + axis.x(mark.at.latest)) / 2
        handle = f'<rect class=tab x="{middle - 2}" y="{y + 5}" width="4" height="5"/>'
    else:
        handle = f'<text x="{max(start - 12, LEFT - 28)}" y="{y + 4}">¶</text>'
    label = ""
    if row_label is not None:
        label = (
            f'<text x="{LEFT - 34}" y="{y + 4}" text-anchor=end>{escape(_short(row_label))}</text>'
        )
    return (
        f'{label}<a class=mark href="{escape(href(mark.fact))}" data-kind="{mark.kind}">'
        f"{_title(mark)}{_shape(mark, axis, y)}</a>"
        f'<a class=evidence href="{escape(href(mark.evidence))}"><title>evidence: '
        f"{escape(mark.document)}</title>{handle}</a>"
    )


def _short(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _axis(axis: Axis, height: float) -> str:
    lines = [
        f'<line x1="{axis.x(dt.date(year, 1, 1))}" x2="{axis.x(dt.date(year, 1, 1))}" '
        f'y1="{PAD - 6}" y2="{height - 4}"/><text x="{axis.x(dt.date(year, 1, 1))}" y="{PAD - 10}" '
        f"text-anchor=middle>{year}</text>"
        for year in axis.ticks()
        if axis.start.year <= year <= axis.stop.year
    ]
    return f"<g class=axis>{''.join(lines)}</g>"


def _svg(name: str, title: str, rows: list[str], count: int, axis: Axis) -> str:
    height = PAD + ROW * count + 10
    return (
        f'<svg class="timeline {name}" xmlns="http://www.w3.org/2000/svg" role=img '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" style="max-width:{WIDTH}px">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style>{_axis(axis, height)}"
        + "".join(rows)
        + "</svg>"
    )


def _members(found: list[Mark], node: ox.NamedNode) -> list[Mark]:
    return [m for m in found if m.kind == "Membership" and m.organization == node.value]


def membership_chart(members: list[Mark], axis: Axis) -> str:
    """A row per member, a bar per document stating its membership, labelled by document."""
    if not members:
        return ""
    rows, last = [], None
    members.sort(key=lambda m: (m.member_label or "", m.document))
    for index, mark in enumerate(members):
        y = PAD + ROW * index + ROW / 2
        first = mark.member != last
        last = mark.member
        doc = (
            f'<text class=doc x="{LEFT - 34}" y="{y + 4}" text-anchor=end>'
            f"<title>{escape(mark.document)}</title>{escape(_short(mark.document, 18))}</text>"
        )
        row_label = mark.member_label if first else None
        if first:
            rows.append(f'<text x="8" y="{y + 4}">{escape(_short(row_label or "", 22))}</text>')
        rows.append(doc + _mark(mark, axis, y, None))
    return _svg("memberships", "Members over time, one bar per document", rows, len(members), axis)


def timeline(shown: list[Mark], axis: Axis, name: str = "events") -> str:
    """A row per interval fact, a lane of dots per kind of dated instant fact."""
    if not shown:
        return ""
    rows: list[str] = []
    lanes: dict[str, list[Mark]] = {}
    for mark in shown:
        if mark.interval:
            y = PAD + ROW * len(rows) + ROW / 2
            rows.append(_mark(mark, axis, y, mark.label))
        else:
            lanes.setdefault(mark.kind, []).append(mark)
    for kind, lane in lanes.items():
        y = PAD + ROW * len(rows) + ROW / 2
        label = f'<text x="{LEFT - 34}" y="{y + 4}" text-anchor=end>{escape(_plural(kind))} ({len(lane)})</text>'
        rows.append(label + "".join(_mark(m, axis, y, None) for m in lane))
    return _svg(name, "Dated facts over time", rows, len(rows), axis)


def _plural(kind: str) -> str:
    words = "".join(f" {c.lower()}" if c.isupper() else c for c in kind).strip()
    return words[0].upper() + words[1:] + "s"


def timeline_section(store: ox.Store, node: ox.NamedNode) -> str:
    """The HTML of a page's timelines on one axis: the membership chart (a mechanism's), then
    the other dated facts; empty when nothing about the resource has a date."""
    found = marks(store, node)
    ask = ""
    if kind_of(node.value) in QUESTIONS:
        ask = (
            f'<form method=get action="{escape(href(node.value))}"><label>What held on '
            "<input type=date name=asof required></label> <button>Ask</button> "
            "(certainly, possibly or undated, with the evidence)</form>"
        )
    members = _members(found, node)
    others = [m for m in found if m.dated and m not in members]
    days = [d for m in found for d in m.days]
    if not days:
        return ask
    axis = Axis(days)
    chart, events = membership_chart(members, axis), timeline(others, axis)
    parts = [
        "<h2>Timeline</h2>",
        ask,
        "<p class=legend>Solid: surely holds; pale: may hold, given the precision the document "
        "states (a year, a month) or an end it does not state (arrow); dotted: no date stated. "
        "Each mark links to its fact; the ¶ or the tab under a dot to the words of the document.</p>",
    ]
    if chart:
        parts += ["<h3>Members, as each document states them</h3>", chart]
    if events:
        parts += ["<h3>Dated facts</h3>" if chart else "", events]
    if events and axis.years > ZOOM_OVER:
        recent = Axis(days, since=(axis.stop.year - ZOOM_TO) // 5 * 5)
        shown = [m for m in others if recent.shows(m)]
        parts += [f"<h3>Since {recent.start.year}</h3>", timeline(shown, recent, "recent")]
    hidden = sum(1 for m in found if not m.dated and m not in members)
    if hidden:
        parts.append(f"<p>{hidden} fact(s) without a date are listed below, not drawn.</p>")
    return "\n".join(parts)
