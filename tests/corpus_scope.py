"""The three documents of the corpus whose answers the tests pin (competency questions, the
time audit). A document a user adds and curates leaves those checks as they were: its facts
are outside this scope, and what it still lacks shows as curation to-dos."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Dataset

from fpkg.corpus import load_corpus
from fpkg.namespaces import named_graph
from fpkg.sources import Paths

CORPUS = ("vidarte-rivas-2024", "psg-2019", "wikipedia-foreign-relations-of-peru")


def added_documents(paths: Paths) -> list[str]:
    """Documents of the manifest beyond the pinned corpus (added with `fpkg add`)."""
    return [doc for doc in load_corpus(paths.corpus) if doc not in CORPUS]


def corpus_only(dataset: Dataset, documents: Iterable[str]) -> Dataset:
    """``dataset`` without the named graphs of the ``documents`` beyond the pinned corpus."""
    dropped = {named_graph(doc) for doc in documents if doc not in CORPUS}
    if not dropped:
        return dataset
    kept = Dataset()
    for s, p, o, g in dataset.quads((None, None, None, None)):
        if g not in dropped:
            kept.add((s, p, o, g))
    return kept
