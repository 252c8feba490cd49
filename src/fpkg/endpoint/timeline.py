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
_FP_PARTY = ox.NamedNode(FP + "party")
_FP_OF_RELATION = ox.NamedNode(FP + "ofRelation")
_FP_EARLIEST = ox.NamedNode(FP + "earliestDay")
_FP_LATEST = ox.NamedNode(FP + "latestDay")
_CITATION = FP + "Citation"
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_DERIVED_FROM = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
_SOURCE = ox.NamedNode("http://www.w3.org/ns/oa#hasSource")
_MEMBER = ox.NamedNode("http://www.w3.org/ns/org#member")
_ORGANIZATION = ox.NamedNode("http://www.w3.org/ns/org#organization")
_ROLE = ox.NamedNode("http://www.w3.org/ns/org#role")
_TIMES = (
    ox.NamedNode("http://www.w3.org/2006/time#hasTime"),
    ox.NamedNode("http://www.w3.org/ns/org#memberDuring"),
)
_BEGINNING = ox.NamedNode("http://www.w3.org/2006/time#hasBeginning")
_END = ox.NamedNode("http://www.w3.org/2006/time#hasEnd")
WIDTH, LEFT, RIGHT, ROW, PAD = 960, 300, 20, 20, 30
NAME_CHARS, LABEL_CHARS = 22, 38
"""The most characters of a member's name (from x=8) and of a fact's label (ending at
``LEFT - 34``): a longer one is cut with "…" and the full text shown on hover."""
EM = 0.6
"""The width of an average character of system-ui, in em, to keep labels apart."""
OPEN = 40
"""How far before its first stated day a fact whose beginning no document states is drawn:
a dashed lead-in with an arrow, not a bar from the axis' left edge."""
ZOOM_OVER, ZOOM_TO = 60, 25
"""A timeline over more than ``ZOOM_OVER`` years is drawn again for about its last ``ZOOM_TO``."""
_STYLE = (
    "text{font:12px system-ui,sans-serif;fill:#222}.axis text{fill:#555;font-size:11px}"
    ".axis line{stroke:#ddd}.sure{fill:#2b6cb0}.maybe{fill:#2b6cb0;fill-opacity:.3}"
    ".dot{fill:#c05621}.dot.maybe{fill-opacity:.35}.undated{stroke:#888;stroke-dasharray:2 3}"
    ".open{stroke:#2b6cb0;stroke-opacity:.45;stroke-dasharray:3 3;stroke-width:2}"
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
    role: str | None = None
    role_label: str | None = None

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


class _Reader:
    """Looks up the objects of a subject's property in the union of the named graphs."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def objects(self, subject: object, predicate: ox.NamedNode) -> list[object]:
        """Every object of ``subject``'s ``predicate``, each once, in a stable order."""
        found = {q.object for q in self.store.quads_for_pattern(subject, predicate, None, None)}
        return sorted(found, key=str)

    def first(self, subject: object, predicate: ox.NamedNode) -> object | None:
        """The least object of ``subject``'s ``predicate`` (by its text), or None."""
        found = self.objects(subject, predicate)
        return min(found, key=lambda o: getattr(o, "value", str(o))) if found else None

    def label(self, subject: object) -> str | None:
        """The least label of ``subject``, or None."""
        label = self.first(subject, _LABEL)
        return label.value if isinstance(label, ox.Literal) else None

    def bound(self, instant: object) -> Bound | None:
        """The bounds of an OWL-Time instant, if the build derived them."""
        earliest, latest = self.first(instant, _FP_EARLIEST), self.first(instant, _FP_LATEST)
        text = self.label(instant)
        if earliest is None or latest is None or text is None:
            return None
        return Bound(
            dt.date.fromisoformat(earliest.value),  # type: ignore[attr-defined]
            dt.date.fromisoformat(latest.value),  # type: ignore[attr-defined]
            text,
        )

    def instants(self, time: object, predicate: ox.NamedNode) -> list[Bound]:
        """The bounds of each beginning or end (``predicate``) of an interval."""
        found = (self.bound(i) for i in self.objects(time, predicate))
        return [b for b in found if b is not None]


def _least(bounds: list[Bound]) -> Bound | None:
    """The first of several stated bounds (documents rarely give two)."""
    return min(bounds, key=lambda b: (b.earliest, b.latest, b.text)) if bounds else None


def _facts(read: _Reader, node: ox.NamedNode) -> list[ox.NamedNode]:
    """What links to ``node``, the events of its relations, and ``node`` itself if a fact."""
    found = {q.subject for q in read.store.quads_for_pattern(None, None, node, None)}
    for relation in {q.subject for q in read.store.quads_for_pattern(None, _FP_PARTY, node, None)}:
        found.update(
            q.subject for q in read.store.quads_for_pattern(None, _FP_OF_RELATION, relation, None)
        )
    found.add(node)
    return sorted((f for f in found if isinstance(f, ox.NamedNode)), key=lambda f: f.value)


def _read_mark(read: _Reader, fact: ox.NamedNode) -> Mark | None:
    """The mark of ``fact``, or None if it is not a fact with evidence from a document."""
    evidence = read.objects(fact, _DERIVED_FROM)
    classes = [c.value for c in read.objects(fact, _RDF_TYPE) if isinstance(c, ox.NamedNode)]
    classes = [c for c in classes if c.startswith(FP) and c != _CITATION]
    label = read.label(fact)
    documents = sorted(
        name
        for e in evidence
        for d in read.objects(e, _SOURCE)
        if (name := read.label(d)) is not None
    )
    if not evidence or not classes or label is None or not documents:
        return None
    times = [t for predicate in _TIMES for t in read.objects(fact, predicate)]
    at = _least([b for t in times if (b := read.bound(t)) is not None])
    begin = _least([b for t in times for b in read.instants(t, _BEGINNING)])
    end = _least([b for t in times for b in read.instants(t, _END)])
    member, organization = read.first(fact, _MEMBER), read.first(fact, _ORGANIZATION)
    member_label = read.label(member) if isinstance(member, ox.NamedNode) else None
    if member_label is None or organization is None:
        member = organization = None
    role = read.first(fact, _ROLE)
    return Mark(
        fact=fact.value,
        kind=_kind(" ".join(classes)),
        label=label,
        evidence=min(e.value for e in evidence),  # type: ignore[attr-defined]
        document=documents[0],
        at=at,
        begin=begin,
        end=end,
        member=member.value if member else None,  # type: ignore[attr-defined]
        member_label=member_label if member else None,
        organization=organization.value if organization else None,  # type: ignore[attr-defined]
        interval=at is None,
        role=role.value if isinstance(role, ox.NamedNode) else None,
        role_label=read.label(role) if isinstance(role, ox.NamedNode) else None,
    )


def _kind(classes: str) -> str:
    names = sorted(c.removeprefix(FP) for c in classes.split() if c.startswith(FP))
    specific = [n for n in names if n != "Fact"]
    return (specific or names or ["Fact"])[0]


def marks(store: ox.Store, node: ox.NamedNode) -> list[Mark]:
    """The facts linked to ``node`` (or ``node`` itself, if a fact), with their times: what
    links to it, the events of its relations, each a fact with evidence from a document."""
    read = _Reader(store)
    found = [m for f in _facts(read, node) if (m := _read_mark(read, f)) is not None]
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
    first = min(axis.x(d) for d in mark.days)
    left = axis.x(mark.begin.earliest) if mark.begin else first
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
    if not mark.begin:  # open beginning: a dashed lead-in ending in an arrow head
        tip = max(left - OPEN, float(LEFT))
        parts.append(
            f'<line class=open x1="{tip + 6}" x2="{left}" y1="{y}" y2="{y}"/>'
            f'<path class=maybe d="M{tip + 8},{top - 3} L{tip},{y} L{tip + 8},{top + height + 3}Z"/>'
        )
    return "".join(parts)


def _mark(mark: Mark, axis: Axis, y: float, row_label: str | None) -> str:
    start = min([axis.x(d) for d in mark.days] or [float(LEFT)])
    if mark.interval and mark.dated and not mark.begin:
        start = max(start - OPEN, float(LEFT))
    if mark.at:  # in a lane of dots: a small tab under the dot
        middle = (axis.x(mark.at.earliest) + axis.x(mark.at.latest)) / 2
        handle = f'<rect class=tab x="{middle - 2}" y="{y + 5}" width="4" height="5"/>'
    else:
        handle = f'<text x="{max(start - 12, LEFT - 28)}" y="{y + 4}">¶</text>'
    label = ""
    if row_label is not None:
        label = _label(row_label, LEFT - 34, y, LABEL_CHARS, "end")
    return (
        f'{label}<a class=mark href="{escape(href(mark.fact))}" data-kind="{mark.kind}">'
        f"{_title(mark)}{_shape(mark, axis, y)}</a>"
        f'<a class=evidence href="{escape(href(mark.evidence))}"><title>evidence: '
        f"{escape(mark.document)}</title>{handle}</a>"
    )


def _label(text: str, x: float, y: float, limit: int, anchor: str, css: str = "") -> str:
    """A row's label, cut to ``limit`` characters with the full text on hover."""
    shown = text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    attributes = f' class="{css}"' if css else ""
    return (
        f'<text{attributes} x="{x}" y="{y + 4}" text-anchor={anchor}>'
        f"<title>{escape(text)}</title>{escape(shown)}</text>"
    )


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


def _memberships(found: list[Mark], node: ox.NamedNode, office: bool) -> list[Mark]:
    """The memberships in ``node``: those in an office (with an ``org:role``: a president of a
    state) or, without ``office``, the others (a member of a mechanism)."""
    return [
        m
        for m in found
        if m.kind == "Membership"
        and m.organization == node.value
        and (m.role is not None) == office
    ]


def membership_chart(members: list[Mark], axis: Axis, name: str = "memberships") -> str:
    """A row per member, a bar per document stating its membership, labelled by document."""
    if not members:
        return ""
    rows, last = [], None
    members.sort(key=lambda m: (m.member_label or "", m.document))
    for index, mark in enumerate(members):
        y = PAD + ROW * index + ROW / 2
        first = mark.member != last
        last = mark.member
        member = ""
        if first:
            member = _label(mark.member_label or "", 8, y, NAME_CHARS, "start")
        # the document's title takes the room the member's name leaves on its row
        named = min(len(mark.member_label or ""), NAME_CHARS) if first else 0
        room = LEFT - 34 - (8 + EM * 12 * named + 12)
        doc = _label(mark.document, LEFT - 34, y, int(room / (EM * 11)), "end", "doc")
        rows.append(member + doc + _mark(mark, axis, y, None))
    title = "Office holders" if name == "offices" else "Members"
    return _svg(name, f"{title} over time, one bar per document", rows, len(members), axis)


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
    """The HTML of a page's timelines on one axis: the membership charts (a mechanism's
    members, a state's office holders), then the other dated facts; empty when nothing about
    the resource has a date."""
    found = marks(store, node)
    ask = ""
    if kind_of(node.value) in QUESTIONS:
        ask = (
            f'<form method=get action="{escape(href(node.value))}"><label>What held on '
            "<input type=date name=asof required></label> <button>Ask</button> "
            "(certainly, possibly or undated, with the evidence)</form>"
        )
    members = _memberships(found, node, office=False)
    offices = _memberships(found, node, office=True)
    charted = members + offices
    others = [m for m in found if m.dated and m not in charted]
    days = [d for m in found for d in m.days]
    if not days:
        return ask
    axis = Axis(days)
    chart, events = membership_chart(members, axis), timeline(others, axis)
    office_chart = membership_chart(offices, axis, "offices")
    parts = [
        "<h2>Timeline</h2>",
        ask,
        "<p class=legend>Solid: surely holds; pale: may hold, given the precision the document "
        "states (a year, a month) or an end it does not state (arrow); dotted: no date stated. "
        "Each mark links to its fact; the ¶ or the tab under a dot to the words of the document.</p>",
    ]
    if chart:
        parts += ["<h3>Members, as each document states them</h3>", chart]
    if office_chart:
        parts += ["<h3>Office holders, as each document states them</h3>", office_chart]
    if events:
        parts += ["<h3>Dated facts</h3>" if chart or office_chart else "", events]
    if events and axis.years > ZOOM_OVER:
        recent = Axis(days, since=(axis.stop.year - ZOOM_TO) // 5 * 5)
        shown = [m for m in others if recent.shows(m)]
        parts += [f"<h3>Since {recent.start.year}</h3>", timeline(shown, recent, "recent")]
    hidden = sum(1 for m in found if not m.dated and m not in charted)
    if hidden:
        parts.append(f"<p>{hidden} fact(s) without a date are listed below, not drawn.</p>")
    return "\n".join(parts)
