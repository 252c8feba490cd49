"""The YASGUI query page: rdflib-endpoint's page, with its assets served from this package."""

from __future__ import annotations

from rdflib_endpoint import SparqlRouter

_CDN = "https://unpkg.com/@triply/yasgui@4/build/"
_ENDPOINT = "window.location.href"
_HEAD_END = "</head>"
_OFFLINE = """<script>
            // Offline: no autocompleter that fetches from prefix.cc or LOV.
            Yasgui.Yasqe.defaults.autocompleters = ["variables"];
        </script>
        <script src="{static}timeline/yasr-timeline.js"></script>
    </head>"""


def yasgui_page(router: SparqlRouter, static: str, endpoint: str) -> str:
    """The page of ``router`` loading YASGUI from ``static`` and querying ``endpoint``, with
    no autocompleter that calls a third party, and fpkg's Timeline results view (from
    ``static``'s parent: ``timeline/yasr-timeline.js``).

    ``endpoint`` is resolved against the page's address, so the page works at any path and
    behind a proxy. Fails if rdflib-endpoint's page no longer has what is replaced.
    """
    html = router.serve_yasgui().body.decode("utf-8")
    if html.count(_CDN) != 2 or _ENDPOINT not in html or html.count(_HEAD_END) != 1:
        raise RuntimeError("rdflib-endpoint's YASGUI page changed: update fpkg.endpoint.yasgui")
    assets = static.rstrip("/").rsplit("/", 1)[0] + "/"
    html = html.replace(_CDN, static.rstrip("/") + "/")
    html = html.replace(_HEAD_END, _OFFLINE.replace("{static}", assets))
    return html.replace(_ENDPOINT, f"new URL({endpoint!r}, document.baseURI).href")
