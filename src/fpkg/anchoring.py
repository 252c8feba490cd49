"""Anchoring an evidence quote to character offsets in its document, or failing loudly."""

from __future__ import annotations

from dataclasses import dataclass

from fpkg.corpus import Document

CONTEXT = 32
"""Characters of ``oa:prefix`` / ``oa:suffix`` kept around each quote."""


class AnchorError(ValueError):
    """A quote that is absent from its document, or ambiguous there."""


@dataclass(frozen=True)
class Anchor:
    """Where a quote stands: ``document.text[start:end] == exact``; ``language`` is the
    language of the quoted words when a curator stated it (else the document's)."""

    document: Document
    start: int
    end: int
    language: str | None = None

    @property
    def lang(self) -> str:
        return self.language or self.document.language

    @property
    def exact(self) -> str:
        return self.document.text[self.start : self.end]

    @property
    def prefix(self) -> str:
        return self.document.text[max(0, self.start - CONTEXT) : self.start]

    @property
    def suffix(self) -> str:
        return self.document.text[self.end : self.end + CONTEXT]


def occurrences(text: str, needle: str) -> list[int]:
    """Start offsets of every (possibly overlapping) occurrence of ``needle`` in ``text``."""
    found, start = [], text.find(needle)
    while start != -1:
        found.append(start)
        start = text.find(needle, start + 1)
    return found


def anchor(document: Document, quote: str, hint: str | None = None) -> Anchor:
    """Find ``quote`` verbatim in ``document``; a ``hint`` (a longer passage around it that
    occurs once) picks one of several occurrences."""
    if not quote:
        raise AnchorError("the evidence quote is empty")
    window_start, window = 0, document.text
    if hint is not None:
        if quote not in hint:
            raise AnchorError(f"the hint {_short(hint)} does not contain the quote {_short(quote)}")
        hits = occurrences(document.text, hint)
        if len(hits) != 1:
            raise AnchorError(
                f"the hint {_short(hint)} occurs {len(hits)} times in {document.id}; "
                "it must occur exactly once"
            )
        window_start, window = hits[0], hint
    hits = occurrences(window, quote)
    if not hits:
        raise AnchorError(
            f"the quote {_short(quote)} is not in document {document.id} "
            "(quotes are matched verbatim: typographic quotes, dashes and spacing included)"
        )
    if len(hits) > 1:
        raise AnchorError(
            f"the quote {_short(quote)} occurs {len(hits)} times in {document.id}; "
            "lengthen it or add a `hint` (a longer passage around it that occurs once)"
        )
    start = window_start + hits[0]
    return Anchor(document, start, start + len(quote))


def _short(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
