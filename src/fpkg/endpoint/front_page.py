"""What the front page says above YASGUI: where things are and the limits a query meets,
and a note in the YASGUI tab whose result was cut at a cap."""

from __future__ import annotations

from html import escape

from fpkg.endpoint.parameters import FORMATS, ROW_LIMIT_PARAMETER
from fpkg.endpoint.protocol import CAPPED_HEADER
from fpkg.endpoint.settings import Settings

_STYLE = """<style>
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
</script>"""


def about(settings: Settings) -> str:
    """The block above YASGUI: links, limits and parameters."""
    formats = ", ".join(FORMATS)
    return f"""{_STYLE}
<details id="fpkg-about" open><summary>About this endpoint: links, limits and parameters</summary>
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


def with_about(page: str, settings: Settings) -> str:
    """The YASGUI page with the block above YASGUI and the cap note in its tabs."""
    marker = '<div id="yasgui"></div>'
    if page.count(marker) != 1 or page.count("</body>") != 1:
        raise RuntimeError("rdflib-endpoint's YASGUI page changed: update fpkg.endpoint.front_page")
    note = _CAP_NOTE % {"header": CAPPED_HEADER, "name": CAPPED_HEADER.lower()}
    page = page.replace(marker, about(settings) + "\n" + marker)
    return page.replace("</body>", note + "\n</body>")
