"""What the front page says above YASGUI: what fpkg is and holds (counted in the graph), a
search by name, where things are and the limits a query meets; and, in YASGUI, a note in the
tab whose result was cut at a cap, cells shown whole and typed numbers and dates plain."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import pyoxigraph as ox

from fpkg.endpoint.parameters import FORMATS, ROW_LIMIT_PARAMETER
from fpkg.endpoint.protocol import CAPPED_HEADER
from fpkg.endpoint.search import ENTITY_CLASSES, FP, search_form
from fpkg.endpoint.settings import Settings

COUNTED = (*ENTITY_CLASSES, "Document", "Evidence")
_PLURALS = {
    "State": "states",
    "Person": "persons",
    "Mechanism": "multilateral mechanisms",
    "Government": "governments",
    "Office": "offices",
    "StateBody": "state bodies",
    "Place": "places",
}


@dataclass(frozen=True)
class Holdings:
    """How many of each kind of thing the graph holds."""

    counts: dict[str, int]

    @property
    def entities(self) -> int:
        """The states, persons, mechanisms and other entities, together."""
        return sum(self.counts.get(kind, 0) for kind in ENTITY_CLASSES)


def holdings(store: ox.Store) -> Holdings:
    """The instances of each counted class of the ontology in the graph."""
    values = " ".join(f"<{FP}{kind}>" for kind in COUNTED)
    rows = store.query(
        f"SELECT ?class (COUNT(DISTINCT ?s) AS ?n) {{ VALUES ?class {{ {values} }} "
        "?s a ?class } GROUP BY ?class",
        use_default_graph_as_union=True,
    )
    counts = {row["class"].value.removeprefix(FP): int(row["n"].value) for row in rows}  # type: ignore[union-attr]
    facts = store.query(  # the instances of the ontology's kinds of fact (fp:Fact's subclasses)
        "SELECT (COUNT(DISTINCT ?s) AS ?n) { ?class <http://www.w3.org/2000/01/rdf-schema#"
        f"subClassOf>* <{FP}Fact> . ?s a ?class }}",
        use_default_graph_as_union=True,
    )
    counts["Fact"] = int(next(iter(facts))["n"].value)  # type: ignore[call-overload, index]
    return Holdings(counts)


def introduction(held: Holdings) -> str:
    """The heading and the paragraphs that say what fpkg is, what it holds and how to find
    an entity by name."""
    count = held.counts.get
    kinds = ", ".join(
        f"{count(kind, 0):,} {_PLURALS[kind]}" for kind in ENTITY_CLASSES if count(kind, 0)
    )
    return f"""<header id="fpkg-intro">
<h1>Foreign Policy Knowledge Graph</h1>
<p>fpkg turns documents about foreign policy into linked data: every fact — a membership, a
government's term, a statement, a recognition, a vote, a diplomatic relation event — points to
the exact words of the document that supports it, and entities link to Wikidata where that was
verified. Its first corpus is Peru's foreign policy and the Lima Group.</p>
<p id="fpkg-holdings">It holds <strong>{count("Document", 0):,} documents</strong>,
<strong>{count("Fact", 0):,} facts</strong> supported by {count("Evidence", 0):,} quoted
passages, and <strong>{held.entities:,} entities</strong> ({kinds}). Every one has a page:
e.g. <a href="id/state/PER">Peru</a>, <a href="id/mechanism/lima-group">the Lima Group</a>.
Below, ask the graph in SPARQL; the tabs hold example questions.</p>
{search_form(action="search")}
</header>"""


_STYLE = """<style>
body{font-family:system-ui,sans-serif;color:#222;margin:0}
#fpkg-intro{margin:.8rem 1rem .3rem;max-width:70rem}#fpkg-intro h1{font-size:1.6rem;margin:.2rem 0}
#fpkg-intro p{margin:.3rem 0;line-height:1.4}.search input{font:inherit;width:18rem}
.search button{font:inherit}
.yasgui .tabsList a,.yasgui .tabsList .tab{font-family:system-ui,sans-serif}
.yasr .dataTable:not(.ellipseTable) td div:not(.expanded){word-break:normal;overflow-wrap:anywhere}
.yasr .dataTables_wrapper .dataTable thead tr th{white-space:nowrap;text-overflow:clip}
#fpkg-about{font-family:system-ui,sans-serif;font-size:.9rem;margin:.5rem 1rem;color:#222}
#fpkg-about summary{cursor:pointer}#fpkg-about ul{margin:.3rem 0}
.fpkg-cap-note{background:#fff3cd;border:1px solid #e0c060;padding:.4rem .6rem;margin:.3rem 0;
font-family:system-ui,sans-serif;font-size:.9rem}
</style>"""

_CAP_NOTE = """<script>
// A note in the tab whose result the server cut at a cap (the %(header)s header).
yasgui.on("queryResponse", function (instance, tab) {
    setTimeout(function () {
        const yasr = tab.getYasr();
        const response = yasr && yasr.results && yasr.results.res;
        const capped = response && response.header && response.header["%(name)s"];
        let note = yasr.rootEl.querySelector(".fpkg-cap-note");
        if (!note) {
            note = document.createElement("div");
            note.className = "fpkg-cap-note";
            yasr.rootEl.prepend(note);
        }
        note.hidden = !capped;
        note.textContent = capped ? "Only part of the result: the server cut it at its cap (" +
            capped + "). Page through it with LIMIT and OFFSET, or download the dumps." : "";
    }, 0);
});
</script>
<script>
// Results readable at a glance: whole cells (not cut to "Argen…"; the table's "Ellipse"
// switch still cuts them), and typed numbers and dates shown as their value (1880), the
// datatype on hover.
(function () {
    const table = Yasgui.Yasr.plugins.table.prototype;
    const draw = table.draw;
    table.draw = function (config) {
        if (this.persistentConfig.isEllipsed === undefined &&
            (!config || config.isEllipsed === undefined)) {
            this.persistentConfig.isEllipsed = false;
        }
        return draw.call(this, config);
    };
    const PLAIN = /#(integer|nonNegativeInteger|positiveInteger|negativeInteger|nonPositiveInteger|int|long|short|byte|unsignedInt|unsignedLong|unsignedShort|unsignedByte|decimal|double|float|date|gYear|gYearMonth|dateTime)$/;
    const VALUE = /^[-0-9+.:TZeE]+$/;
    const formatLiteral = table.formatLiteral;
    table.formatLiteral = function (literal, prefixes) {
        if (literal.datatype && PLAIN.test(literal.datatype) && VALUE.test(literal.value)) {
            const span = document.createElement("span");
            span.title = literal.datatype;
            span.textContent = literal.value;
            return span.outerHTML;
        }
        return formatLiteral.call(this, literal, prefixes);
    };
})();
</script>"""


def about(settings: Settings) -> str:
    """The block above YASGUI: links, limits and parameters."""
    formats = ", ".join(FORMATS)
    return f"""{_STYLE}
<details id="fpkg-about"><summary>About this endpoint: links, limits and parameters</summary>
<ul>
<li>SPARQL 1.1 at <code>/sparql</code> (read-only; the default graph is the union of the named
graphs); dumps with their SHA-256 at <a href="dumps/">/dumps/</a>; the ontology at
<a href="ontology">/ontology</a>; every entity has a page, e.g.
<a href="id/mechanism/lima-group">the Lima Group</a>.</li>
<li id="fpkg-limits">Limits: a result holds at most {settings.max_rows:,} rows (solutions or
triples) and {settings.max_bytes / 2**20:g} MiB; beyond them it is cut, answered 200 with the header
<code>{CAPPED_HEADER}</code>, and this page shows a note in the tab. A query may run
{settings.time_limit:g} s.</li>
<li>Parameters beside <code>query</code>: <code>{ROW_LIMIT_PARAMETER}=N</code> asks for a
smaller row cap; <code>format=</code> or <code>output=</code> chooses the result format
({escape(formats)}, or a media type) instead of <code>Accept</code>.</li>
</ul></details>"""


def with_about(page: str, settings: Settings, held: Holdings) -> str:
    """The YASGUI page with the introduction and the block above YASGUI, the cap note in its
    tabs and readable result cells."""
    marker = '<div id="yasgui"></div>'
    if page.count(marker) != 1 or page.count("</body>") != 1:
        raise RuntimeError("rdflib-endpoint's YASGUI page changed: update fpkg.endpoint.front_page")
    note = _CAP_NOTE % {"header": CAPPED_HEADER, "name": CAPPED_HEADER.lower()}
    page = page.replace(marker, introduction(held) + about(settings) + "\n" + marker)
    return page.replace("</body>", note + "\n</body>")
