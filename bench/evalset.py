"""The evaluation documents of ``fpkg propose``: written for the benchmark, never built.

Layout, one folder per split (``dev``: rules may be written by reading it; ``heldout``: never
read while writing rules; ``fresh``: written after the rules of session 5 by an author who never
read them, a second held-out set until the third round of rules, development material since;
``blind``: a third, written during the third round by an author who never read the rules,
never read by rule writers)::

    bench/documents/{split}/corpus/manifest.yaml   the corpus manifest format, plus `genre:`
    bench/documents/{split}/corpus/*.txt           the documents (written by fpkg's developers)
    bench/documents/{split}/facts/{id}.yaml        what a careful curator records (curated format)
    bench/documents/{split}/catalog.yaml           gold entities the project catalog lacks

The gold facts resolve against the project's catalog plus the split's own catalog; ``propose``
sees only the project's catalog, as it would for a truly new document.

    .venv/bin/python bench/evalset.py          check every split (quotes, ids, concepts)
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from fpkg import yamlfile
from fpkg.corpus import Document, load_corpus
from fpkg.errors import FpkgError, at
from fpkg.records import Record, read_catalog, read_facts, read_qid_register, resolve
from fpkg.sources import Paths, concept_keys, load_ontology

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = ROOT / "bench" / "documents"
SPLITS = ("dev", "heldout", "fresh", "blind")


@dataclass(frozen=True)
class Split:
    """One split of the evaluation set, its gold facts resolved and anchored."""

    name: str
    documents: dict[str, Document]
    records: dict[str, Record]
    genres: dict[str, str]

    def facts_of(self, doc_id: str) -> list[Record]:
        return [r for r in self.records.values() if r.type.is_fact and r.document == doc_id]


def load_split(name: str) -> Split:
    """Load a split and check it as the build checks curated facts (file:line on errors)."""
    folder = DOCUMENTS / name
    paths = Paths(ROOT)
    documents = load_corpus(folder / "corpus")
    records: list[Record] = [
        r for path in sorted(paths.catalog.glob("*.yaml")) for r in read_catalog(path)
    ]
    if (folder / "catalog.yaml").is_file():
        records += read_catalog(folder / "catalog.yaml")
    for doc_id in documents:
        facts = folder / "facts" / f"{doc_id}.yaml"
        if not facts.is_file():
            raise FpkgError(f"document {doc_id!r} has no gold facts file", at(facts))
        records += read_facts(facts)
    resolved = resolve(
        records,
        documents,
        concept_keys(load_ontology(paths)),
        read_qid_register(paths.qid_register),
    )
    manifest = yamlfile.load(folder / "corpus" / "manifest.yaml")
    genres = {str(e["id"]): str(e.get("genre") or "unknown") for e in manifest["documents"]}
    return Split(name, documents, resolved, genres)


def main() -> int:
    for name in SPLITS:
        if not (DOCUMENTS / name / "corpus" / "manifest.yaml").is_file():
            print(f"{name}: no documents yet")
            continue
        try:
            split = load_split(name)
        except FpkgError as exc:
            print(f"{name}: {exc}", file=sys.stderr)
            return 1
        facts = sum(len(split.facts_of(d)) for d in split.documents)
        languages = sorted({d.language for d in split.documents.values()})
        print(
            f"{name}: {len(split.documents)} documents ({', '.join(languages)}), "
            f"{facts} gold facts, genres: {', '.join(sorted(set(split.genres.values())))}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
