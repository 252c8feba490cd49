"""Mentions: every place a document names a catalog entity, found by a gazetteer.

spaCy's PhraseMatcher on a blank English pipeline matches each entity's label and aliases
(case-sensitive, token-aligned, so "Peru’s" yields "Peru" and "Peruvians" yields nothing), and
a state's demonym when it names the state ("the Peruvian government"). Overlapping matches
keep the longest ("Lima Group" over "Lima").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import spacy
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Span
from spacy.util import filter_spans

from fpkg.anchoring import Anchor
from fpkg.corpus import Document
from fpkg.records import DEFAULT_LANGUAGE, Record, Text

STATE_NOUNS = (
    "government",
    "governments",
    "state",
    "diplomacy",
    "foreign policy",
    "Foreign Ministry",
    "foreign ministry",
    "authorities",
    "regime",
    "president",
    "presidency",
    "administration",
    "Congress",
    "delegation",
    "Foreign Affairs Minister",
    "Foreign Secretary",
    "policy",
)
"""Nouns after which a demonym names its state ("Peruvian government", "Mexican Foreign Secretary")."""


@dataclass(frozen=True)
class Mention:
    """A span of a document that names one catalog entity."""

    entity: str
    anchor: Anchor


class Gazetteer:
    """Names and demonyms of the catalog, compiled once, applied to any document."""

    def __init__(self, records: Iterable[Record]) -> None:
        self.nlp = spacy.blank("en")
        self.names = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self.demonyms = Matcher(self.nlp.vocab)
        self.languages: dict[tuple[str, str], str] = {}
        """Names in another language than the document's: (entity, name) → language tag."""
        nouns = [list(self.nlp.make_doc(noun)) for noun in STATE_NOUNS]
        for record in records:
            if record.type.is_fact:
                continue
            for name in [*record.values.get("label", []), *record.values.get("aliases", [])]:
                if isinstance(name, Text) and name.lang != DEFAULT_LANGUAGE:
                    self.languages[(record.id, str(name))] = name.lang
            names = sorted(set(record.names()))
            self.names.add(record.id, [self.nlp.make_doc(name) for name in names])
            for demonym in record.values.get("demonyms", []):
                patterns = [
                    [{"ORTH": str(demonym)}, *[{"ORTH": token.text} for token in noun]]
                    for noun in nouns
                ]
                self.demonyms.add(record.id, patterns)

    def mentions(self, document: Document) -> list[Mention]:
        """Every mention in ``document``, in text order, longest match winning overlaps."""
        doc = self.nlp.make_doc(document.text)
        matches = list(self.names(doc))
        if len(self.demonyms):
            matches += self.demonyms(doc)
        spans = filter_spans([Span(doc, start, end, label=key) for key, start, end in matches])
        return [
            Mention(
                span.label_,
                Anchor(
                    document,
                    span.start_char,
                    span.end_char,
                    self.languages.get((span.label_, span.text)),
                ),
            )
            for span in sorted(spans, key=lambda s: s.start)
        ]
