"""The three documents of the corpus whose answers the tests pin (competency questions, the
time audit). A document a user adds and curates leaves those checks as they were: its facts
are outside this scope, and what it still lacks shows as curation to-dos."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Dataset

from fpkg.namespaces import named_graph

CORPUS = ("vidarte-rivas-2024", "psg-2019", "wikipedia-foreign-relations-of-peru")


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
