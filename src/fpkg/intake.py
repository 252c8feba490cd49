"""``fpkg add``: a new document enters the corpus, byte for byte, with its manifest entry.

Plain text is stored as delivered and is the anchored text itself. An HTML or PDF file is
stored as delivered too (``original:`` in the manifest, with its own SHA-256), and the text
read from it is stored beside it as UTF-8 (``file:``): evidence offsets are character
offsets into that extracted text, which is what the build anchors and readers quote, so it
is the document of the graph; the original stays to show where the text came from.

Everything is checked before anything is written; then the files are written through
temporary files and renames, the manifest last.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path

from fpkg import yamlfile
from fpkg.corpus import MANIFEST
from fpkg.curated import curation_lock, write_atomically
from fpkg.dates import PartialDate
from fpkg.doclanguage import detect_language
from fpkg.errors import FpkgError, at
from fpkg.sources import Paths

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
URL = re.compile(r"https?://\S+")
FORMATS = {".txt": "text", ".md": "text", ".html": "html", ".htm": "html", ".pdf": "pdf"}
MEDIA_TYPES = {"html": "text/html", "pdf": "application/pdf"}


@dataclass(frozen=True)
class Metadata:
    """What ``fpkg add`` is told about a document (its manifest entry, less file and hash)."""

    id: str | None
    title: str | None
    publisher: str | None
    identifier: str | None
    licence: str | None
    creators: tuple[str, ...] = ()
    date: str | None = None
    language: str | None = None
    """A BCP 47 tag; ``None``: detected from the text (:mod:`fpkg.doclanguage`)."""
    rights: str | None = None
    kind: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class Added:
    """The files ``fpkg add`` wrote."""

    id: str
    written: list[Path] = field(default_factory=list)
    characters: int = 0


def add_document(paths: Paths, source: Path, meta: Metadata) -> Added:
    """Check ``source`` and ``meta``, then store the document and its manifest entry and
    create its empty facts file; raise :class:`FpkgError` (and write nothing) otherwise."""
    with curation_lock(paths.root):
        return _add_document(paths, source, meta)


def _add_document(paths: Paths, source: Path, meta: Metadata) -> Added:
    doc_id = _check_metadata(paths, meta)
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise FpkgError(f"cannot read the document: {exc.strerror}", at(source)) from None
    fmt = FORMATS.get(source.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(FORMATS))
        raise FpkgError(f"unknown document format {source.suffix!r}; known: {known}", at(source))
    text = extract_text(data, fmt, source)
    meta = replace(meta, language=meta.language or detect_language(text))
    text_name = f"{doc_id}.txt"
    text_bytes = text.encode("utf-8")
    entry: dict[str, object] = {"id": doc_id, "file": text_name}
    entry["sha256"] = hashlib.sha256(text_bytes).hexdigest()
    files: dict[Path, bytes] = {paths.corpus / text_name: text_bytes}
    if fmt != "text":
        original_name = f"{doc_id}{source.suffix.lower()}"
        entry["original"] = original_name
        entry["original-sha256"] = hashlib.sha256(data).hexdigest()
        entry["original-format"] = MEDIA_TYPES[fmt]
        files[paths.corpus / original_name] = data
    refuse_duplicate(paths, entry, source)
    facts_file = paths.facts / f"{doc_id}.yaml"
    for target in [*files, facts_file]:
        if target.exists():
            raise FpkgError(f"{target.name} exists already; nothing was changed", at(target))
    entry.update(_manifest_fields(meta))
    manifest_path = paths.corpus / MANIFEST
    manifest_text = manifest_path.read_text(encoding="utf-8")
    if not manifest_text.endswith("\n"):
        manifest_text += "\n"
    manifest_text += yamlfile.dump_items([entry])
    facts_text = (
        f"# Facts stated by document {doc_id}. Each fact quotes it verbatim under `evidence`;\n"
        "# `fpkg propose` and `fpkg review` help fill this list.\n"
        f"document: {doc_id}\nfacts: []\n"
    )
    for target, payload in files.items():
        write_atomically(target, payload)
    write_atomically(facts_file, facts_text)
    write_atomically(manifest_path, manifest_text)
    return Added(doc_id, [*files, facts_file, manifest_path], len(text))


def _check_metadata(paths: Paths, meta: Metadata) -> str:
    if not meta.id:
        raise FpkgError("give the document an id: --id lower-case-words-joined-by-hyphens")
    if not SLUG.fullmatch(meta.id):
        raise FpkgError(f"--id {meta.id!r} is not a slug: lower-case words joined by hyphens")
    missing = [
        option
        for option, value in (
            ("--title", meta.title),
            ("--publisher", meta.publisher),
            ("--identifier", meta.identifier),
            ("--creator", meta.creators),
        )
        if not value
    ]
    if missing:
        raise FpkgError(f"missing {', '.join(missing)}: the manifest needs them")
    if not meta.licence:
        raise FpkgError(
            "missing --licence: give the licence's URL, or `--licence none --rights TEXT` "
            "when the publisher states none"
        )
    if meta.licence == "none" and not meta.rights:
        raise FpkgError("--licence none needs --rights TEXT saying on what terms it is used")
    if meta.licence != "none" and not URL.fullmatch(meta.licence):
        raise FpkgError(f"--licence {meta.licence!r} is not a URL (or `none`)")
    if not URL.fullmatch(meta.identifier or ""):
        raise FpkgError(
            f"--identifier {meta.identifier!r} is not a URL (a DOI as https://doi.org/…)"
        )
    if meta.date:
        try:
            PartialDate.parse(meta.date)
        except ValueError as exc:
            raise FpkgError(f"--date: {exc}") from None
    manifest_path = paths.corpus / MANIFEST
    manifest = yamlfile.load(manifest_path) if manifest_path.is_file() else None
    if manifest is None:
        raise FpkgError("no corpus manifest here", at(manifest_path))
    for index, existing in enumerate(manifest.get("documents") or []):
        if str(existing.get("id")) == meta.id:
            line = yamlfile.line_of(manifest["documents"], index)
            raise FpkgError(f"document id {meta.id!r} is taken", at(manifest_path, line))
    return meta.id


def refuse_duplicate(paths: Paths, entry: dict[str, object], source: Path) -> None:
    """Refuse a document whose text or original is already in the manifest, naming it."""
    digests = {entry["sha256"], entry.get("original-sha256")} - {None}
    manifest_path = paths.corpus / MANIFEST
    documents = yamlfile.load(manifest_path).get("documents") or []
    for index, existing in enumerate(documents):
        if digests & {existing.get("sha256"), existing.get("original-sha256")}:
            line = yamlfile.line_of(documents, index)
            raise FpkgError(
                f"this file is already in the corpus as document {existing.get('id')!r} "
                f"({at(manifest_path, line)}); nothing was changed",
                at(source),
            )


def _manifest_fields(meta: Metadata) -> dict[str, object]:
    fields: dict[str, object] = {
        "title": meta.title,
        "creators": list(meta.creators),
        "publisher": meta.publisher,
        "date": meta.date,
        "identifier": meta.identifier,
        "license": None if meta.licence == "none" else meta.licence,
        "rights": meta.rights,
        "language": meta.language,
        "kind": meta.kind,
        "description": meta.description,
    }
    return {key: value for key, value in fields.items() if value is not None or key == "license"}


def extract_text(data: bytes, fmt: str, source: Path) -> str:
    """The text of a document: UTF-8 plain text as is, the text of HTML or PDF read out."""
    if fmt == "pdf":
        text = _pdf_text(data, source)
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise FpkgError(f"not UTF-8 (byte {exc.start}): {exc.reason}", at(source)) from None
        if fmt == "html":
            text = html_text(text)
    if not text.strip():
        raise FpkgError("the document holds no text", at(source))
    return text


def _pdf_text(data: bytes, source: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    with _library_warnings("pypdf") as warnings:
        try:
            reader = PdfReader(io.BytesIO(data))
            pages = [page.extract_text() or "" for page in reader.pages]
        except (PdfReadError, ValueError, KeyError) as exc:
            found = f" ({'; '.join(warnings)})" if warnings else ""
            raise FpkgError(f"not a readable PDF: {exc}{found}", at(source)) from None
    return "\n\n".join(page.strip() for page in pages) + "\n"


@contextmanager
def _library_warnings(name: str) -> Iterator[list[str]]:
    """Collect what the library ``name`` logs instead of letting it print: an unreadable
    file is reported in the one line of its error, not in lines of the library's own."""
    logger, collected = logging.getLogger(name), []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            collected.append(record.getMessage())

    handler, propagate = Collect(), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield collected
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article"}
SKIPPED = {"script", "style", "head", "template", "noscript"}


class _TextOfHtml(HTMLParser):
    """The readable text of an HTML page: scripts and styles dropped, a line per block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self.skipping += 1
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_text(markup: str) -> str:
    """Text of an HTML document, whitespace within a line collapsed, one blank line between blocks."""
    parser = _TextOfHtml()
    parser.feed(markup)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).splitlines()]
    paragraphs = [line for line in lines if line]
    return "\n\n".join(paragraphs) + "\n"
