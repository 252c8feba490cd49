"""A folded shadow of a text for matching names in any case, with or without accents and
with either kind of quote ("Perú", "PERU", "Côte d’Ivoire" = "cote d'ivoire"), and the map
from each folded character back to the original, so a match is quoted from the original
text at exactly its offsets."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"'})


def fold(text: str) -> str:
    """``text`` case-folded, accents removed, quotes unified (for names, not documents)."""
    return Folded.of(text).text


@dataclass(frozen=True)
class Folded:
    """``text``: the folded shadow; ``origin[i]``: the original offset of ``text[i]``."""

    text: str
    origin: tuple[int, ...]
    length: int
    """The length of the original text."""

    @classmethod
    def of(cls, original: str) -> Folded:
        chars: list[str] = []
        origin: list[int] = []
        for index, char in enumerate(original):
            decomposed = unicodedata.normalize("NFD", char.translate(QUOTES))
            for part in decomposed.casefold():
                if unicodedata.combining(part):
                    continue
                chars.append(part)
                origin.append(index)
        return cls("".join(chars), tuple(origin), len(original))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original offsets of the folded span ``text[start:end]`` (``end`` > ``start``)."""
        return self.origin[start], self.origin[end - 1] + 1
