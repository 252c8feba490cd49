"""Curation aid: language tags proposed by an offline language identifier and written into
the curated YAML where a curator has stated none. Run by hand (``fpkg curate languages``),
never by the build or the server, so the graph does not depend on a model.

The identifier is lingua (``lingua-language-detector`` on PyPI, Apache-2.0; its language
models ship inside the wheel, so it runs offline). It chooses between the languages a corpus
about Peru's foreign policy quotes — English and Spanish — and proposes Spanish only when
sure: names of persons and places are skipped (they are written alike in both languages),
so are acronyms.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from fpkg import yamlfile
from fpkg.curated import write_atomically
from fpkg.errors import FpkgError, at
from fpkg.sources import Paths

LANGUAGES = {"ENGLISH": "en", "SPANISH": "es"}
NAME_CONFIDENCE = 0.8
"""Aliases are short: a lower bar (the curator reviews the diff). Labels are English by the
format; a label in another language is tagged by hand."""
QUOTE_CONFIDENCE = 0.95
"""English sentences naming Spanish-named people score up to 0.9 for Spanish."""
PROPER_NAMES = ("person", "place")
PLAIN = re.compile(r"[^:,\[\]{}#&*!|>'\"%@`]+")


@dataclass(frozen=True)
class Proposal:
    """A text without a language tag, where it is written, and the tag proposed for it."""

    path: Path
    line: int
    text: str
    lang: str
    field: str

    def describe(self) -> str:
        return f"{at(self.path, self.line)}: {self.field} {self.text!r} → {self.lang}"


class Identifier:
    """lingua, loaded once, choosing among :data:`LANGUAGES`."""

    @cached_property
    def _detector(self) -> Any:
        try:
            from lingua import Language, LanguageDetectorBuilder
        except ImportError:
            raise FpkgError(
                "language identification needs lingua: pip install -e '.[curate]'"
            ) from None
        self._languages = {getattr(Language, name): tag for name, tag in LANGUAGES.items()}
        return LanguageDetectorBuilder.from_languages(*self._languages).build()

    def propose(self, text: str, confidence: float) -> str | None:
        """The language of ``text`` if the identifier is at least this sure of it."""
        if text.isupper() or len(text) < 3:
            return None
        for result in self._detector.compute_language_confidence_values(text):
            if result.value >= confidence:
                return self._languages[result.language]
        return None


def proposals(paths: Paths, identifier: Identifier) -> list[Proposal]:
    """Every untagged name, wording and quote the identifier puts in another language than
    English (untagged text is English)."""
    found = []
    for path, field, text, line, confidence in _untagged(paths):
        lang = identifier.propose(text, confidence)
        if lang and lang != "en":
            found.append(Proposal(path, line, text, lang, field))
    return found


def _untagged(paths: Paths) -> Iterator[tuple[Path, str, str, int, float]]:
    for path in sorted(paths.catalog.glob("*.yaml")):
        for item in yamlfile.load(path).get("entities") or []:
            if str(item.get("id", "")).partition("/")[0] in PROPER_NAMES:
                continue
            yield from _texts(path, item, ("aliases",), NAME_CONFIDENCE)
    for path in sorted(paths.facts.glob("*.yaml")):
        for item in yamlfile.load(path).get("facts") or []:
            yield from _texts(path, item, ("wording",), QUOTE_CONFIDENCE)
            yield from _quotes(path, item)


def _texts(
    path: Path, item: Any, fields: tuple[str, ...], confidence: float
) -> Iterator[tuple[Path, str, str, int, float]]:
    for field in fields:
        raw = item.get(field)
        if isinstance(raw, str):
            yield path, field, raw, yamlfile.line_of(item, field) or 0, confidence
        elif isinstance(raw, list):
            for index, value in enumerate(raw):
                if isinstance(value, str):
                    yield path, field, value, yamlfile.line_of(raw, index) or 0, confidence


def _quotes(path: Path, item: Any) -> Iterator[tuple[Path, str, str, int, float]]:
    raw = item.get("evidence")
    if isinstance(raw, str):
        yield path, "evidence", raw, yamlfile.line_of(item, "evidence") or 0, QUOTE_CONFIDENCE
    elif isinstance(raw, list):
        for index, entry in enumerate(raw):
            if isinstance(entry, str):
                line = yamlfile.line_of(raw, index) or 0
                yield path, "evidence", entry, line, QUOTE_CONFIDENCE
            elif hasattr(entry, "get") and "lang" not in entry and entry.get("quote"):
                line = yamlfile.line_of(entry, "quote") or 0
                yield path, "quote", str(entry["quote"]), line, QUOTE_CONFIDENCE


def apply(found: list[Proposal]) -> list[Proposal]:
    """Write the tags into the files (each rewritten whole, then renamed into place); return
    the proposals that could not be written on their line (to tag by hand)."""
    skipped = []
    for path in sorted({p.path for p in found}):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        for proposal in (p for p in found if p.path == path):
            edited = _tagged_line(lines[proposal.line - 1], proposal)
            if edited is None:
                skipped.append(proposal)
            else:
                lines[proposal.line - 1] = edited
        write_atomically(path, "".join(lines))
    return skipped


def _tagged_line(line: str, proposal: Proposal) -> str | None:
    if proposal.field == "quote":
        key = line.find("quote:")
        if key < 0:
            return None
        return f"{line[:key]}lang: {proposal.lang}\n{' ' * key}{line[key:]}"
    text = proposal.text
    if proposal.field == "evidence":
        tagged = f"{{quote: {json.dumps(text, ensure_ascii=False)}, lang: {proposal.lang}}}"
    elif PLAIN.fullmatch(text):
        tagged = f"{{{proposal.lang}: {text}}}"
    else:
        tagged = f"{{{proposal.lang}: {json.dumps(text, ensure_ascii=False)}}}"
    for written in (
        json.dumps(text, ensure_ascii=False),
        "'" + text.replace("'", "''") + "'",
        text,
    ):
        match = re.search(r"[\[,:-]\s*(" + re.escape(written) + r")\s*(?:[\],]|$)", line)
        if match:
            return line[: match.start(1)] + tagged + line[match.end(1) :]
    return None
