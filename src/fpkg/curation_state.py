"""What the curation app shows: per document its proposals by status and the temporal
expressions the time audit leaves unaccounted (its to-dos), the catalog's names for picking
participants, the SKOS terms, and the fields each kind of record takes. The checked sources
are loaded once per state of the curated files (their sizes and modification times)."""

from __future__ import annotations

import functools
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fpkg.corpus import load_corpus
from fpkg.errors import FpkgError
from fpkg.proposals import RECORD_KINDS, read_review, review_path, signature
from fpkg.propose.states import library_forms
from fpkg.records import TIME_FIELDS
from fpkg.schema import COMMON, ENTITY_TYPES, FACT_TYPES
from fpkg.sources import Paths, Sources, concept_keys, load_ontology, load_sources
from fpkg.timeaudit import audit_sources

WATCHED = ("corpus", "data")


@dataclass(frozen=True)
class Summary:
    """A document's line on the index page."""

    id: str
    title: str
    counts: Counter[str]
    todos: int | None
    """Open time to-dos; None when the sources do not load now."""


class Workspace:
    """The project being curated, read on demand."""

    def __init__(self, paths: Paths) -> None:
        self.paths = paths
        self._lock = threading.Lock()
        self._mark: tuple[Any, ...] | None = None
        self._sources: Sources | FpkgError | None = None
        self._todos: dict[str, list[dict[str, Any]]] = {}

    def _fingerprint(self) -> tuple[Any, ...]:
        files = [p for d in WATCHED for p in (self.paths.root / d).rglob("*") if p.is_file()]
        return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files))

    def sources(self) -> Sources:
        """The checked sources now (raises the loader's one-line error)."""
        with self._lock:
            mark = self._fingerprint()
            if mark != self._mark:
                try:
                    self._sources = load_sources(self.paths)
                    self._todos = self._audit(self._sources)
                except FpkgError as error:
                    self._sources, self._todos = error, {}
                self._mark = mark
            if isinstance(self._sources, FpkgError):
                raise self._sources
            assert self._sources is not None
            return self._sources

    def _audit(self, sources: Sources) -> dict[str, list[dict[str, Any]]]:
        todos: dict[str, list[dict[str, Any]]] = {doc: [] for doc in sources.documents}
        for e in audit_sources(sources, self.paths.root).unaccounted:
            todos[e.document.id].append(
                {"start": e.start, "end": e.end, "text": e.text, "pattern": e.pattern}
            )
        return todos

    def todos(self, doc_id: str) -> list[dict[str, Any]]:
        """The document's temporal expressions no fact or listed passage accounts for."""
        self.sources()
        return self._todos.get(doc_id, [])

    def summaries(self) -> list[Summary]:
        documents = load_corpus(self.paths.corpus)
        try:
            self.sources()
            loaded = True
        except FpkgError:
            loaded = False
        found = []
        for doc_id, document in documents.items():
            path = review_path(self.paths, doc_id)
            counts: Counter[str] = Counter()
            if path.is_file():
                counts.update(p.status for p in read_review(path).proposals)
            todos = len(self._todos.get(doc_id, [])) if loaded else None
            found.append(Summary(doc_id, str(document.title), counts, todos))
        return found

    def document(self, doc_id: str) -> dict[str, Any]:
        """Everything the page of one document shows, as JSON."""
        documents = load_corpus(self.paths.corpus)
        if doc_id not in documents:
            raise KeyError(doc_id)
        path = review_path(self.paths, doc_id)
        proposals = read_review(path).proposals if path.is_file() else []
        try:
            todos, problem = self.todos(doc_id), None
        except FpkgError as error:
            todos, problem = [], str(error)
        return {
            "id": doc_id,
            "title": str(documents[doc_id].title),
            "text": documents[doc_id].text,
            "reviewed": path.is_file(),
            "proposals": [
                {
                    "signature": signature(p),
                    "kind": p.kind,
                    "rule": p.rule,
                    "status": p.status,
                    "start": p.start,
                    "end": p.end,
                    "inCatalog": p.in_catalog,
                    "record": p.record,
                }
                for p in sorted(proposals, key=lambda p: (p.start, p.end))
            ],
            "todos": todos,
            "facts": self.facts(doc_id) if problem is None else [],
            "problem": problem,
        }

    def facts(self, doc_id: str) -> list[dict[str, Any]]:
        """The document's curated facts, with their times, for attaching a time to-do."""
        return [
            {
                "id": r.id,
                "label": next(iter(r.names()), ""),
                "times": {
                    n: f"{d.qualifier or ''} {d.lexical}".strip() for n, d in r.times.items()
                },
            }
            for r in sorted(self.sources().records.values(), key=lambda r: r.id)
            if r.type.is_fact and r.document == doc_id
        ]

    def catalog(self) -> list[dict[str, Any]]:
        """Every catalog entity with its names (English and other languages)."""
        try:
            records = self.sources().records.values()
        except FpkgError:
            return []
        return [
            {"id": r.id, "names": [*r.names(), *spanish_names(r.id)]}
            for r in sorted(records, key=lambda r: r.id)
            if not r.type.is_fact
        ]

    def concepts(self) -> dict[str, list[str]]:
        """The SKOS terms of each scheme (``stance``: condemns, demands, …)."""
        schemes: dict[str, list[str]] = {}
        for key in sorted(concept_keys(load_ontology(self.paths))):
            scheme, _, term = key.partition("/")
            schemes.setdefault(scheme, []).append(term)
        return schemes


def spanish_names(entity_id: str) -> list[str]:
    """A state's names in Spanish from the reference gazetteer of ``fpkg propose`` (CLDR and
    ISO 3166 names), so that a curator may type "Perú" as well as "Peru"."""
    kind, _, code = entity_id.partition("/")
    return list(_spanish_names().get(code, ())) if kind == "state" else []


@functools.cache
def _spanish_names() -> dict[str, tuple[str, ...]]:
    """ISO alpha-3 → the state's Spanish names that are not also its English ones."""
    names: dict[str, dict[str, set[str]]] = {}
    for form in library_forms():
        names.setdefault(form.iso3, {}).setdefault(form.lang, set()).add(form.form)
    return {
        iso3: tuple(sorted(by_lang.get("es", set()) - by_lang.get("en", set())))
        for iso3, by_lang in names.items()
    }


def record_fields() -> dict[str, list[dict[str, Any]]]:
    """The fields of each kind of proposal's record, in the form's order."""
    forms: dict[str, list[dict[str, Any]]] = {}
    for kind in ("entity", *RECORD_KINDS):
        if kind == "entity":
            fields: list[dict[str, Any]] = []
        else:
            record_type = FACT_TYPES[RECORD_KINDS[kind]]
            fields = [
                {
                    "name": name,
                    "kind": f.kind,
                    "many": f.many,
                    "required": f.required,
                    "scheme": f.scheme,
                }
                for name, f in record_type.fields.items()
            ]
            fields += [
                {"name": name, "kind": "date", "many": False, "required": False, "scheme": None}
                for name in TIME_FIELDS
            ]
        fields += [
            {"name": name, "kind": "text", "many": False, "required": False, "scheme": None}
            for name in COMMON
        ]
        forms[kind] = fields
    return forms


def entity_fields() -> dict[str, list[dict[str, Any]]]:
    """The fields a new catalog entry of each kind needs (a mechanism its kind, …)."""
    return {
        name: [
            {"name": n, "kind": f.kind, "many": f.many, "required": True, "scheme": f.scheme}
            for n, f in record_type.fields.items()
            if f.required
        ]
        for name, record_type in sorted(ENTITY_TYPES.items())
    }


def path_inside(root: Path, relative: str) -> Path | None:
    """``root / relative`` if it stays inside ``root`` and is a file."""
    path = (root / relative).resolve()
    return path if path.is_relative_to(root.resolve()) and path.is_file() else None
