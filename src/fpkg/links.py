"""Links: the catalog's Wikidata links, checked offline and verified against Wikidata.

``check`` needs no network: every QID in the catalog is well formed, used once, and in the
register of verified QIDs (``data/wikidata-qids.tsv``); unlinked entities are listed with
their reason. ``verify`` asks Wikidata's ``wbgetentities`` API for each linked entity's
English label and aliases and compares them with the names the catalog and register give.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from fpkg import __version__
from fpkg.errors import FpkgError, at
from fpkg.records import QID, read_catalog
from fpkg.sources import Paths

WIKIDATA_API = "https://www.wikidata.org/w/api.php"
BATCH = 50
"""The most ids one ``wbgetentities`` request may ask for."""

PID = re.compile(r"P[1-9][0-9]*")
NO_REASON = "(no reason given)"


@dataclass(frozen=True)
class Link:
    """One catalog entity and its Wikidata QID, or the reason it has none."""

    id: str
    kind: str
    label: str
    names: tuple[str, ...]
    qid: str | None
    reason: str | None
    where: str


@dataclass
class CheckReport:
    """The catalog's links and what is wrong with them."""

    links: list[Link]
    problems: list[str]

    @property
    def linked(self) -> list[Link]:
        return [link for link in self.links if link.qid]

    @property
    def unlinked(self) -> list[Link]:
        return [link for link in self.links if not link.qid]


def read_register(path: Path) -> tuple[dict[str, str], list[str]]:
    """The register (id → label) and its problems: malformed or repeated ids."""
    register: dict[str, str] = {}
    problems: list[str] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle, delimiter="\t"), start=2):
            qid, kind = (row.get("qid") or "").strip(), row.get("kind") or ""
            pattern = PID if kind == "wikidata-property" else QID
            if not pattern.fullmatch(qid):
                problems.append(f"{at(path, line)}: {qid!r} is not a well-formed Wikidata id")
            elif qid in register:
                problems.append(f"{at(path, line)}: {qid} is registered twice")
            else:
                register[qid] = row.get("label") or ""
    return register, problems


def catalog_links(paths: Paths) -> list[Link]:
    """Every catalog entity, with its QID or its reason for having none."""
    files = sorted(paths.catalog.glob("*.yaml"))
    if not files:
        raise FpkgError("no catalog files (*.yaml)", at(paths.catalog))
    return [
        Link(
            record.id,
            record.type.name,
            record.names()[0] if record.names() else record.id,
            tuple(record.names()),
            record.wikidata,
            record.unlinked_reason,
            record.where,
        )
        for path in files
        for record in read_catalog(path)
    ]


def check(paths: Paths) -> CheckReport:
    """Check the catalog's QIDs against the register; malformed values stop reading."""
    register, problems = read_register(paths.qid_register)
    links = catalog_links(paths)
    first_use: dict[str, Link] = {}
    for link in links:
        if not link.qid:
            continue
        if link.qid in first_use:
            problems.append(
                f"{link.where}: {link.id}: {link.qid} is already the QID of "
                f"{first_use[link.qid].id} ({first_use[link.qid].where})"
            )
        else:
            first_use[link.qid] = link
        if link.qid not in register:
            problems.append(
                f"{link.where}: {link.id}: {link.qid} is not in the register of verified QIDs "
                f"({at(paths.qid_register)})"
            )
    return CheckReport(links, problems)


def render_check(report: CheckReport) -> str:
    """Linked and unlinked entities per kind, then a summary line."""
    lines: list[str] = []
    for kind in sorted({link.kind for link in report.links}):
        of_kind = [link for link in report.links if link.kind == kind]
        linked = [link for link in of_kind if link.qid]
        lines.append(f"{kind}: {len(linked)} linked, {len(of_kind) - len(linked)} unlinked")
        width = max(len(link.id) for link in of_kind)
        label_width = max(len(link.label) for link in of_kind)
        for link in sorted(of_kind, key=lambda item: (item.qid is None, item.id)):
            detail = link.qid or f"unlinked: {link.reason or NO_REASON}"
            lines.append(f"  {link.id:<{width}}  {link.label:<{label_width}}  {detail}")
    lines.append(
        f"{len(report.linked)} linked, {len(report.unlinked)} unlinked, "
        f"{len(report.problems)} problem(s)"
    )
    return "\n".join(lines)


@dataclass(frozen=True)
class Verdict:
    """What Wikidata says of one link: ``ok``, ``differs``, ``missing`` or ``redirected``."""

    link: Link
    status: str
    detail: str


def wikidata_client(transport: httpx.BaseTransport | None = None) -> httpx.Client:
    """An HTTP client for the Wikidata API, named as Wikimedia's User-Agent policy asks."""
    return httpx.Client(
        transport=transport,
        timeout=30.0,
        headers={"User-Agent": f"fpkg/{__version__} (https://w3id.org/fpkg; fpkg links verify)"},
    )


def fetch_entities(http: httpx.Client, qids: list[str]) -> dict[str, dict[str, Any]]:
    """English labels and aliases of the QIDs, by requested QID, in batches of 50."""
    entities: dict[str, dict[str, Any]] = {}
    for batch in _batches(sorted(set(qids)), BATCH):
        params = {
            "action": "wbgetentities",
            "ids": "|".join(batch),
            "props": "labels|aliases",
            "languages": "en",
            "format": "json",
        }
        try:
            response = http.get(WIKIDATA_API, params=params)
        except httpx.TransportError as exc:
            raise FpkgError(f"cannot reach the Wikidata API ({WIKIDATA_API}): {exc}") from None
        if response.status_code != 200:
            raise FpkgError(f"the Wikidata API answered HTTP {response.status_code}")
        try:
            body = response.json()
        except ValueError:
            raise FpkgError("the Wikidata API did not answer with JSON") from None
        if "error" in body:
            error = body["error"]
            raise FpkgError(
                f"the Wikidata API refused the request: {error.get('code')}: {error.get('info')}"
            )
        entities.update(body.get("entities", {}))
    return entities


def judge(link: Link, entity: dict[str, Any] | None, register_label: str) -> Verdict:
    """Compare Wikidata's English label and aliases with the catalog's and register's names."""
    if entity is None or "missing" in entity:
        return Verdict(link, "missing", f"{link.qid} does not exist in Wikidata")
    redirect = entity.get("redirects")
    if redirect:
        return Verdict(
            link, "redirected", f"{redirect.get('from')} now redirects to {redirect.get('to')}"
        )
    label = entity.get("labels", {}).get("en", {}).get("value", "")
    theirs = {label, *(a.get("value", "") for a in entity.get("aliases", {}).get("en", []))}
    ours = {*link.names, register_label}
    if {_fold(n) for n in theirs if n} & {_fold(n) for n in ours if n}:
        return Verdict(link, "ok", label)
    return Verdict(
        link,
        "differs",
        f"Wikidata calls {link.qid} {label or '(no English label)'!r}, we say {link.label!r}",
    )


def verify(paths: Paths, http: httpx.Client) -> list[Verdict]:
    """A verdict for every linked entity of the catalog."""
    register, _ = read_register(paths.qid_register)
    linked = [link for link in catalog_links(paths) if link.qid]
    entities = fetch_entities(http, [link.qid for link in linked if link.qid])
    return [
        judge(link, entities.get(link.qid or ""), register.get(link.qid or "", ""))
        for link in linked
    ]


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())


def _batches(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
