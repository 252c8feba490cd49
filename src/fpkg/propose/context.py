"""What every proposer reads: the document split into sentences, the catalog mentions in
each, and how to quote a span of it as evidence that anchors."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import spacy

from fpkg.anchoring import occurrences
from fpkg.corpus import Document
from fpkg.dates import PartialDate
from fpkg.mentions import Gazetteer, Mention
from fpkg.proposals import RECORD_KINDS, Proposal
from fpkg.propose.dates import find_dates
from fpkg.records import Record
from fpkg.schema import AGENTS

CONNECTOR = re.compile(
    r"\s*(?:,\s*(?:and\s+|as well as\s+)?|\s+and\s+|\s+as well as\s+)\s*(?:the\s+)?"
)
"""What may stand between two actors of one list: ``A, B and C``, ``A as well as the B``."""


LIST_END = re.compile(r"\band\b|\bas well as\b")
"""What joins the last two actors of a list (``A, B and C``); commas alone do not."""

CLAUSE_BREAK = re.compile(
    r"[;:.()“”\"–—]|,\s*(?:which|who|that)\b|\b(?:[Hh]e|[Ss]he|[Ii]t|[Tt]hey)\b"
    r"|,\s*and\s+(?:(?:is|was|are|were|has|have|had)\b|$)"
)
"""What between an actor and a verb says the actor is not its subject; ", and" before the
verb starts a second predicate of an earlier subject ("Peru is a member of APEC and the WTO, and is an
active participant in"): the actors just before it are objects of the first."""

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")

ASIDE = re.compile(
    r"\s*(?:[–—]\s[^–—]*\s[–—]|\([^()]*\)|,\s(?:\w+(?:ed|ing)|as|with)\b[^,;:.()“”\"]*,)\s*$"
)
"""An aside just before a verb, left out ("Peru – with other members – recognised", "Peru,
as a member, recognised", "Peru, represented by its minister, stated")."""


@dataclass(frozen=True)
class Sentence:
    """A sentence of the document (``text[start:end]``) and the catalog entities it names."""

    start: int
    end: int
    text: str
    mentions: tuple[Mention, ...]


@dataclass
class Context:
    """A document prepared for the proposers."""

    document: Document
    catalog: dict[str, Record]
    heads: dict[str, set[str]] = field(default_factory=dict)
    """Person → the states whose government they head in facts already curated."""
    demonyms: dict[str, str] = field(default_factory=dict)
    """A state's demonym → the state ("Peruvian" → ``state/PER``)."""
    sentences: list[Sentence] = field(default_factory=list)

    @classmethod
    def prepare(
        cls, document: Document, catalog: list[Record], known: Iterable[Record] = ()
    ) -> Context:
        """Split ``document`` into sentences (spaCy's rule-based sentencizer) and find the
        catalog's names in it (the build's gazetteer); ``known`` are facts already curated
        from other documents, the actor dictionary's knowledge of who governs where."""
        mentions = Gazetteer(catalog).mentions(document)
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        nlp.max_length = max(nlp.max_length, len(document.text) + 1)
        heads: dict[str, set[str]] = {}
        for record in known:
            if record.type.name == "government":
                for head in record.values.get("head", []):
                    heads.setdefault(str(head), set()).update(
                        str(s) for s in record.values.get("state", [])
                    )
        demonyms = {str(d): r.id for r in catalog for d in r.values.get("demonyms", [])}
        context = cls(document, {r.id: r for r in catalog}, heads, demonyms)
        index = 0
        for paragraph_start, paragraph in _paragraphs(document.text):
            for span in nlp(paragraph).sents:
                start = paragraph_start + span.start_char
                end = paragraph_start + len(span.text.rstrip()) + span.start_char
                while index < len(mentions) and mentions[index].anchor.start < start:
                    index += 1
                inside = []
                while index < len(mentions) and mentions[index].anchor.end <= end:
                    inside.append(mentions[index])
                    index += 1
                context.sentences.append(
                    Sentence(start, end, document.text[start:end], tuple(inside))
                )
        return context

    def recent(
        self, index: int, kinds: tuple[str, ...], back: int = 2, heads_first: bool = False
    ) -> Mention | None:
        """The entity of one of ``kinds`` named last in the ``back`` sentences before
        sentence ``index``: what "it", "he" or "this meeting" most likely refers to. With
        ``heads_first``, a person known to head a government wins over one who is not
        ("the then-president")."""
        named = [
            mention
            for sentence in self.sentences[max(0, index - back) : index]
            for mention in sentence.mentions
            if self.kind_of(mention.entity) in kinds
        ]
        if heads_first:
            named = [m for m in named if m.entity in self.heads] or named
        return named[-1] if named else None

    def upcoming(self, index: int, kinds: tuple[str, ...], ahead: int = 3) -> Mention | None:
        """The entity of one of ``kinds`` named first in the ``ahead`` sentences after
        sentence ``index`` within its paragraph: what "this meeting" refers to when the text
        names it only afterwards ("… attended this first meeting. … was named the X")."""
        text = self.document.text
        previous = self.sentences[index]
        for sentence in self.sentences[index + 1 : index + 1 + ahead]:
            if PARAGRAPH_BREAK.search(text[previous.end : sentence.start]):
                return None
            for mention in sentence.mentions:
                if self.kind_of(mention.entity) in kinds:
                    return mention
            previous = sentence
        return None

    def kind_of(self, entity: str) -> str:
        return self.catalog[entity].type.name

    def evidence(self, start: int, end: int) -> dict[str, str] | str:
        """``text[start:end]`` as an evidence entry: a bare quote if it occurs once, else
        with the shortest widening around it that does (a ``hint``)."""
        text = self.document.text
        quote = text[start:end]
        if len(occurrences(text, quote)) == 1:
            return quote
        left, right = start, end
        while len(occurrences(text, text[left:right])) > 1:
            left, right = max(0, left - 20), min(len(text), right + 20)
        return {"quote": quote, "hint": text[left:right]}

    def date_of(self, sentence: Sentence, after: int = 0) -> PartialDate | None:
        """The first date the sentence states at or after offset ``after`` (else before it)."""
        dates = find_dates(sentence.text, sentence.start)
        later = [d for d in dates if d.start >= after]
        chosen = later or dates
        return chosen[0].date if chosen else None


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """Blank-line separated blocks with their offsets: a sentence never crosses one."""
    return [(m.start(), m.group()) for m in re.finditer(r"\S(?:.|\n(?!\s*\n))*", text)]


def agents(mentions: tuple[Mention, ...] | list[Mention], context: Context) -> list[Mention]:
    """The mentions that name an actor (a state, person, mechanism, body, …)."""
    return [m for m in mentions if context.kind_of(m.entity) in AGENTS]


def chain_before(
    text: str, mentions: list[Mention], position: int, max_gap: int = 40
) -> list[Mention]:
    """The list of actors ending just before ``position`` (``A, B and C`` + verb): the last
    within ``max_gap`` characters (asides left out) with no clause break between, and the
    ones joined to it."""
    window = text[max(0, position - 300) : position]
    aside = ASIDE.search(window)
    if aside:
        position -= len(window) - aside.start()
    before = [m for m in mentions if m.anchor.end <= position]
    if not before:
        return []
    last = before[-1]
    gap = text[last.anchor.end : position]
    if len(gap) > max_gap or CLAUSE_BREAK.search(gap):
        return []
    chain = [last]
    for previous in reversed(before[:-1]):
        between = text[previous.anchor.end : chain[0].anchor.start]
        if not CONNECTOR.fullmatch(between):
            break
        chain.insert(0, previous)
    if len(chain) > 1 and not LIST_END.search(text[chain[-2].anchor.end : last.anchor.start]):
        return [last]  # "At the Summit, Kuczynski said": an opening phrase, not a list
    return chain


def chain_after(
    text: str, mentions: list[Mention], position: int, max_gap: int = 12
) -> list[Mention]:
    """The list of actors starting just after ``position`` (verb + ``A, B and C``)."""
    after = [m for m in mentions if m.anchor.start >= position]
    if not after or len(text[position : after[0].anchor.start].strip(" :the")) > max_gap:
        return []
    chain = [after[0]]
    for following in after[1:]:
        if not CONNECTOR.fullmatch(text[chain[-1].anchor.end : following.anchor.start]):
            break
        chain.append(following)
    return chain


def key_of(entity: str) -> str:
    """The key of an entity id, lower-cased (``state/PER`` → ``per``)."""
    return entity.split("/", 1)[1].lower()


def slug(words: str) -> str:
    """Lower-case ASCII words joined by hyphens (``Lucía Arrieta`` → ``lucia-arrieta``)."""
    ascii_text = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def fact(
    context: Context,
    kind: str,
    rule: str,
    key: str,
    fields: dict[str, Any],
    sentence: Sentence,
    time: dict[str, PartialDate | None] | None = None,
) -> Proposal:
    """A fact proposal: ``fields`` in the curated format, ``time`` its dates (those left
    unstated dropped), the sentence as its evidence. ``key`` seeds its id."""
    record: dict[str, Any] = {"id": f"{RECORD_KINDS[kind]}/{key}-{context.document.id}"}
    for name, value in fields.items():
        if value:
            record[name] = value
    for name, date in (time or {}).items():
        if date is not None:
            record[name] = f"{date.qualifier} {date.lexical}" if date.qualifier else date.lexical
    record["evidence"] = context.evidence(sentence.start, sentence.end)
    return Proposal(kind, rule, record, sentence.start, sentence.end)
