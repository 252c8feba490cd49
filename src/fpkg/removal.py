"""``fpkg remove``: undo ``fpkg add`` — the document's files, its manifest entry, its facts
file and its review file go. Refused while curated facts, the published graph or the time
audit's listed passages depend on the document, unless forced (then the passages go too).
Catalog entries accepted while reviewing it stay: other documents may mention them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fpkg import namespaces, yamlfile
from fpkg.corpus import MANIFEST
from fpkg.curated import curation_lock, write_atomically
from fpkg.errors import FpkgError, at
from fpkg.proposals import review_path
from fpkg.records import read_facts
from fpkg.sources import Paths
from fpkg.timeaudit import UNUSED_FILE


@dataclass(frozen=True)
class Removed:
    """What ``fpkg remove`` changed."""

    id: str
    rewritten: list[Path] = field(default_factory=list)
    deleted: list[Path] = field(default_factory=list)


def remove_document(paths: Paths, doc_id: str, force: bool = False) -> Removed:
    """Remove document ``doc_id`` as :func:`fpkg.intake.add_document` added it."""
    with curation_lock(paths.root):
        manifest_path = paths.corpus / MANIFEST
        documents = yamlfile.load(manifest_path).get("documents") or []
        positions = [i for i, d in enumerate(documents) if str(d.get("id")) == doc_id]
        files = [review_path(paths, doc_id), paths.facts / f"{doc_id}.yaml"]
        for entry in (documents[i] for i in positions):
            files += [
                paths.corpus / str(entry[name]) for name in ("file", "original") if entry.get(name)
            ]
        existing = [path for path in files if path.is_file()]
        if not positions and not existing:
            raise FpkgError(f"no document {doc_id!r} in the corpus", at(manifest_path))
        passages = _listed_passages(paths, doc_id)
        dependents = _dependents(paths, doc_id, len(passages))
        if dependents and not force:
            raise FpkgError(
                f"{'; '.join(dependents)}: remove them first, or give --force to remove "
                f"document {doc_id!r} anyway; nothing was changed"
            )
        rewritten = []
        if positions:
            write_atomically(
                manifest_path, yamlfile.without_items(manifest_path, "documents", set(positions))
            )
            rewritten.append(manifest_path)
        if passages:
            unused = paths.root / UNUSED_FILE
            write_atomically(unused, yamlfile.without_items(unused, "passages", set(passages)))
            rewritten.append(unused)
        for path in existing:
            path.unlink()
        return Removed(doc_id, rewritten, existing)


def _listed_passages(paths: Paths, doc_id: str) -> list[int]:
    unused = paths.root / UNUSED_FILE
    if not unused.is_file():
        return []
    items = yamlfile.load(unused).get("passages") or []
    return [i for i, item in enumerate(items) if str(item.get("document")) == doc_id]


def _dependents(paths: Paths, doc_id: str, passages: int) -> list[str]:
    """What depends on the document, each said in a few words."""
    found = []
    facts_path = paths.facts / f"{doc_id}.yaml"
    if facts_path.is_file():
        curated = read_facts(facts_path)
        if curated:
            found.append(f"{len(curated)} curated fact(s) in {at(facts_path)}")
    if passages:
        found.append(f"{passages} listed passage(s) in {UNUSED_FILE}")
    dump = paths.graph / "fpkg.nq"
    iri = f"<{namespaces.document(doc_id)}>".encode()
    if dump.is_file() and iri in dump.read_bytes():
        found.append(f"the published graph in {at(paths.graph)} holds its facts (rebuild after)")
    return found
