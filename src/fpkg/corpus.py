"""The corpus: documents listed in ``corpus/manifest.yaml``, checked byte for byte.

A loaded document does not keep its text: :attr:`Document.text` reads it back from its file
(checking its SHA-256 again) through a cache of one, so a build that works through the
corpus document by document holds one document's text at a time, not the whole corpus.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from fpkg import yamlfile
from fpkg.errors import FpkgError, at
from fpkg.namespaces import KEY

MANIFEST = "manifest.yaml"
REQUIRED = ("id", "file", "sha256", "title", "creators", "publisher", "identifier", "language")


@dataclass(frozen=True)
class Document:
    """One source document: its stable id, its exact text and its metadata.

    ``content`` is the text itself for a document made in memory; ``None`` for a document of
    the corpus, whose text is read from ``path`` when needed.
    """

    id: str
    path: Path
    content: str | None = field(repr=False, compare=False)
    sha256: str
    title: str
    creators: tuple[str, ...]
    publisher: str
    identifier: str
    language: str
    date: str | None = None
    license: str | None = None
    rights: str | None = None
    kind: str | None = None
    description: str | None = None

    @property
    def text(self) -> str:
        """The document's exact text."""
        if self.content is not None:
            return self.content
        return _read_text(self.path, self.sha256)


@functools.lru_cache(maxsize=1)
def _read_text(path: Path, sha256: str) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FpkgError(f"cannot read document: {exc.strerror}", at(path)) from None
    return _decode(path, data, sha256)


def load_corpus(corpus_dir: Path) -> dict[str, Document]:
    """Load every document of the manifest, refusing any whose hash or encoding is wrong."""
    manifest_path = corpus_dir / MANIFEST
    if not manifest_path.is_file():
        raise FpkgError("no corpus manifest here", at(manifest_path))
    manifest = yamlfile.read(manifest_path)
    entries = manifest.get("documents") if hasattr(manifest, "get") else None
    if not entries:
        raise FpkgError("the manifest lists no documents", at(manifest_path))
    documents: dict[str, Document] = {}
    for index, entry in enumerate(entries):
        where = at(manifest_path, yamlfile.line_of(entries, index))
        document = _load_document(corpus_dir, entry, where)
        if document.id in documents:
            raise FpkgError(f"document id {document.id!r} is used twice", where)
        documents[document.id] = document
    return documents


def _load_document(corpus_dir: Path, entry: dict, where: str) -> Document:
    missing = [key for key in REQUIRED if not entry.get(key)]
    if missing:
        raise FpkgError(f"manifest entry lacks {', '.join(missing)}", where)
    doc_id = str(entry["id"])
    if not KEY.fullmatch(doc_id):
        raise FpkgError(f"document id {doc_id!r} is not lower-case words joined by hyphens", where)
    path = corpus_dir / str(entry["file"])
    _read_text(path, str(entry["sha256"]))
    if entry.get("original"):
        original = corpus_dir / str(entry["original"])
        try:
            _check_hash(original, original.read_bytes(), str(entry.get("original-sha256")))
        except OSError as exc:
            raise FpkgError(f"cannot read document: {exc.strerror}", at(original)) from None
    return Document(
        id=doc_id,
        path=path,
        content=None,
        sha256=str(entry["sha256"]),
        title=str(entry["title"]),
        creators=tuple(str(c) for c in entry["creators"]),
        publisher=str(entry["publisher"]),
        identifier=str(entry["identifier"]),
        language=str(entry["language"]),
        date=_optional(entry.get("date")),
        license=_optional(entry.get("license")),
        rights=_optional(entry.get("rights")),
        kind=_optional(entry.get("kind")),
        description=_optional(entry.get("description")),
    )


def _decode(path: Path, data: bytes, sha256: str) -> str:
    """The UTF-8 text of a document file whose bytes have the SHA-256 ``sha256``."""
    _check_hash(path, data, sha256)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FpkgError(f"not UTF-8 (byte {exc.start}): {exc.reason}", at(path)) from None


def _check_hash(path: Path, data: bytes, expected: str) -> str:
    digest = hashlib.sha256(data).hexdigest()
    if digest != expected:
        raise FpkgError(
            f"SHA-256 is {digest}, the manifest says {expected}: the file was changed; "
            "documents must stay byte for byte as delivered",
            at(path),
        )
    return digest


def _optional(value: object) -> str | None:
    return None if value is None else str(value).strip()
