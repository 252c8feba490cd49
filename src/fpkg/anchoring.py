"""Anchoring an evidence quote to character offsets in its document, or failing loudly."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from fpkg.corpus import Document

OFFSET_UNIT = (
    "Text offsets (oa:start, oa:end of each oa:TextPositionSelector) count Unicode code points "
    "of the document's text from 0, the end excluded, as Web Annotation requires: a tool that "
    "counts UTF-16 code units (JavaScript, Java) must convert them, or it lands early after any "
    "character beyond U+FFFF (an emoji)."
)
"""The unit of every published offset, stated in the VoID description and the README."""

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
            f"the quote is not in document {document.id}: {closest_passage(window, quote)} "
            "(quotes are matched verbatim: typographic quotes, dashes and spacing included)"
        )
    if len(hits) > 1:
        raise AnchorError(
            f"the quote {_short(quote)} occurs {len(hits)} times in {document.id}; "
            "lengthen it or add a `hint` (a longer passage around it that occurs once)"
        )
    start = window_start + hits[0]
    return Anchor(document, start, start + len(quote))


SHOWN = 24
"""Characters shown on each side of the first difference between a quote and its passage."""
SHARED = 4
"""Fewest characters in a row a passage must share with a quote to be called close."""


def closest_passage(text: str, quote: str) -> str:
    """Where ``quote`` comes closest to ``text`` and where it first differs, in one line.

    The passage is the stretch of ``text`` aligned with the longest run the two share; the
    difference is the first character, counted from the quote's start, where they part.
    """
    matcher = SequenceMatcher(None, text, quote, autojunk=False)
    block = matcher.find_longest_match(0, len(text), 0, len(quote))
    if block.size < SHARED:
        return f"no passage shares {SHARED} characters in a row with it"
    start = max(0, block.a - block.b)
    passage = text[start : start + len(quote)]
    at = next(
        (i for i, (q, d) in enumerate(zip(quote, passage, strict=False)) if q != d),
        min(len(quote), len(passage)),
    )
    before = quote[max(0, at - SHOWN) : at]
    return (
        f"the closest passage (from character {start} of the document) first differs from "
        f"the quote at its character {at}, after {before!r}: the quote has {_char(quote, at)} "
        f"{quote[at : at + SHOWN]!r} where the document has {_char(passage, at)} "
        f"{text[start + at : start + at + SHOWN]!r}"
    )


def _char(text: str, index: int) -> str:
    """The character at ``index`` named by its code point (U+2019 RIGHT SINGLE QUOTATION
    MARK), so look-alikes can be told apart; ``end`` past the last one."""
    if index >= len(text):
        return "(end)"
    char = text[index]
    return f"U+{ord(char):04X} {unicodedata.name(char, 'character').lower()}"


def _short(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
