""" "Find on Wikidata" for a catalog entry, in the curation app only (never the build, never
the tests but against a stand-in): the Wikidata search API proposes items by name, the
curator confirms one, and the confirmation is recorded in the QID register
(``data/wikidata-qids.tsv``) with the API request as its source; the entry then carries
``wikidata:`` instead of ``unlinked:``."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any
from urllib.parse import urlencode

import httpx

from fpkg import yamlfile
from fpkg.curated import write_atomically
from fpkg.curation import Change, check_builds, decision
from fpkg.errors import FpkgError
from fpkg.links import wikidata_client
from fpkg.review import CATALOG_FILE
from fpkg.sources import Paths

API = "https://www.wikidata.org/w/api.php"
REGISTER_FIELDS = ("label", "kind", "qid", "status", "names_in_corpus", "seen_in")


def search(name: str, language: str, api: str = API) -> tuple[str, list[dict[str, str]]]:
    """The request made and the items it found: ``qid``, ``label``, ``description``."""
    request = f"{api}?" + urlencode(
        {
            "action": "wbsearchentities",
            "search": name,
            "language": language,
            "uselang": language,
            "type": "item",
            "limit": 7,
            "format": "json",
        }
    )
    try:
        with wikidata_client() as http:
            answer = http.get(request)
            answer.raise_for_status()
            found = answer.json().get("search") or []
    except (httpx.HTTPError, ValueError) as error:
        raise FpkgError(
            f"the Wikidata search failed ({error}); the machine may be offline"
        ) from None
    items = [
        {
            "qid": str(i.get("id")),
            "label": str(i.get("label") or ""),
            "description": str(i.get("description") or ""),
        }
        for i in found
        if str(i.get("id", "")).startswith("Q")
    ]
    return request, items


def confirm(
    paths: Paths, doc_id: str, entity_id: str, qid: str, label: str, request: str
) -> Change:
    """Record the curator's confirmation that ``entity_id`` is ``qid`` (found by ``request``)."""
    if not qid.startswith("Q") or not qid[1:].isdigit():
        raise FpkgError(f"{qid!r} is not a Wikidata QID")
    catalog = paths.catalog / CATALOG_FILE
    register = paths.qid_register
    with decision(paths, doc_id):
        text = register.read_text(encoding="utf-8")
        row = {
            "label": label,
            "kind": entity_id.partition("/")[0],
            "qid": qid,
            "status": "confirmed",
            "names_in_corpus": label,
            "seen_in": f"confirmed by a curator in fpkg curate on {datetime.date.today().isoformat()}; {request}",
        }
        out = io.StringIO()
        csv.DictWriter(out, REGISTER_FIELDS, delimiter="\t", lineterminator="\n").writerow(row)
        write_atomically(register, text + ("" if text.endswith("\n") else "\n") + out.getvalue())
        write_atomically(catalog, _linked(catalog, entity_id, qid))
        check_builds(paths)
    return Change(
        f"linked {entity_id} to {qid}",
        lambda: _unlink(paths, doc_id, entity_id, (qid, label, request), text),
    )


def _linked(catalog: Any, entity_id: str, qid: str) -> str:
    """The catalog's text with the entry's ``unlinked:`` line replaced by ``wikidata: QID``."""
    items = yamlfile.load(catalog).get("entities") or []
    index = next((i for i, e in enumerate(items) if str(e.get("id")) == entity_id), None)
    if index is None:
        raise FpkgError(
            f"{entity_id} is not in {CATALOG_FILE}; only entries added there are linked here"
        )
    item = items[index]
    if item.get("wikidata"):
        raise FpkgError(f"{entity_id} is linked already to {item['wikidata']}")
    lines = catalog.read_text(encoding="utf-8").splitlines(keepends=True)
    first = (yamlfile.line_of(items, index) or 1) - 1
    unlinked = yamlfile.line_of(item, "unlinked") if "unlinked" in item else None
    indent = " " * (len(lines[first]) - len(lines[first].lstrip()) + 2)
    if unlinked is not None and lines[unlinked - 1].lstrip().startswith("unlinked:"):
        lines[unlinked - 1] = f"{indent}wikidata: {qid}\n"
    else:
        lines.insert(first + 1, f"{indent}wikidata: {qid}\n")
    return "".join(lines)


def _unlink(
    paths: Paths, doc_id: str, entity_id: str, link: tuple[str, str, str], register_before: str
) -> Change:
    """Take back a confirmation: its register row, and the entry's ``wikidata:``."""
    qid = link[0]
    catalog = paths.catalog / CATALOG_FILE
    with decision(paths, doc_id):
        rows = paths.qid_register.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [
            r
            for r in rows
            if r.split("\t")[2:3] != [qid] or r in register_before.splitlines(keepends=True)
        ]
        write_atomically(paths.qid_register, "".join(kept))
        text = catalog.read_text(encoding="utf-8")
        items = yamlfile.load(catalog).get("entities") or []
        index = next(i for i, e in enumerate(items) if str(e.get("id")) == entity_id)
        line = (yamlfile.line_of(items[index], "wikidata") or 1) - 1
        lines = text.splitlines(keepends=True)
        indent = lines[line][: len(lines[line]) - len(lines[line].lstrip())]
        lines[line] = (
            f"{indent}unlinked: unlinked again in fpkg curate; no Wikidata QID confirmed\n"
        )
        write_atomically(catalog, "".join(lines))
        check_builds(paths)
    return Change(f"unlinked {entity_id}", lambda: confirm(paths, doc_id, entity_id, *link))
