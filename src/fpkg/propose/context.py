"""What every proposer reads: the document split into sentences, the catalog mentions in
each, and how to quote a span of it as evidence that anchors."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import spacy

from fpkg.anchoring import Anchor, occurrences
from fpkg.corpus import Document
from fpkg.dates import PartialDate
from fpkg.mentions import Gazetteer, Mention
from fpkg.proposals import RECORD_KINDS, Proposal
from fpkg.propose import spanish_names
from fpkg.propose.bodies import Ministry, catalog_body, ministries, owned_bodies
from fpkg.propose.candidates import TITLES_EN, TITLES_ES, Candidate, find_candidates
from fpkg.propose.dates import find_dates
from fpkg.propose.states import StateFinder, state_labels
from fpkg.records import DEFAULT_LANGUAGE, Record
from fpkg.schema import AGENTS

CONNECTOR = re.compile(
    r"\s*(?:,\s*(?:(?:and|y|e)\s+|as well as\s+|así como\s+)?|\s+(?:and|y|e)\s+"
    r"|\s+as well as\s+|\s+así como\s+)\s*(?:(?:the|el|la|los|las)\s+)?"
)
"""What may stand between two actors of one list: ``A, B and C``, ``A as well as the B``,
``A, B y el C``."""


LIST_END = re.compile(r"\b(?:and|y|e)\b|\bas well as\b|\basí como\b")
"""What joins the last two actors of a list (``A, B and C``); commas alone do not."""
OBJECT_BEFORE = re.compile(
    r"\b(?:with|to|into|from|against|in|at|on|for|con|a|al|en|contra|hacia|desde|para)\s+"
    r"(?:(?:the|el|la|los|las)\s+)?$"
)
"""A preposition before the first actor of a list: the list is not the subject."""
MODIFIED = re.compile(r"\b[a-záéíóúñ]+\s+(?:in|en|from|desde)\s+(?:(?:the|el|la|los|las)\s+)?$")
"""A lower-case noun and a preposition of place before an actor named by its name: the actor
qualifies that noun ("human rights groups in Peru"), it is not the subject."""
OPEN_LIST_END = re.compile(r"\s*,?\s*(?:and|y)\s+(?:most\s+)?(?:other|otros|otras)\b")
"""What ends an open list after its last actor ("A, B, C and other European states")."""

CLAUSE_BREAK = re.compile(
    r"[;:.()“”\"–—]|,\s*(?:which|who|that|que|quien|quienes|el cual|la cual)\b"
    r"|\b(?:[Hh]e|[Ss]he|[Ii]t|[Tt]hey|[Éé]l|[Ee]lla|[Ee]llos|[Ee]llas)\b"
    r"|,\s*and\s+(?:(?:is|was|are|were|has|have|had)\b|$)"
)
"""What between an actor and a verb says the actor is not its subject; ", and" before the
verb starts a second predicate of an earlier subject ("Peru is a member of APEC and the WTO, and is an
active participant in"): the actors just before it are objects of the first."""

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")

SHORT_NAME = re.compile(
    r"\b(?:[Tt]he|[Ee]l|[Ll]a|al|del)\s+(?P<head>Alliance|Group|Forum|Community|Union|Council|Assembly"
    r"|Ministry|Alianza|Grupo|Foro|Comunidad|Unión|Consejo|Asamblea|Ministerio)\b(?!\s+(?:[A-ZÁÉÍÓÚ]|of\b|de\b))"
)
"""A body called by its head word alone ("the Alliance", "el Grupo"): the body of that head
word named last before it."""
CLAUSE_CUT = re.compile(
    r"[;()–—]|,?\s\b(?:which|who|after|before|since|when|while|whereas|que|quien|quienes|tras"
    r"|después\s+de|antes\s+de|cuando|mientras|luego\s+de)\b"
)
"""Where a clause of a sentence ends and another (relative or temporal) begins."""
POSSESSED = re.compile(r"[’']s\s+(?P<head>[A-Z][a-z]+(?:\s+(?:of\s+)?[A-Z][a-z]+){0,3})")
"""The capitalised words after a state's possessive ("Peru's Congress")."""
FOLLOWED = re.compile(r"(?:[’']s)?\s+(?P<head>[A-Z][a-z]+(?:\s+(?:of\s+)?[A-Z][a-z]+){0,3})")
"""The capitalised words after an organisation's name ("UN General Assembly")."""
FIRST_NAME = re.compile(r" [A-ZÁÉÍÓÚ][a-záéíóúñ]")
"""A capitalised word after a one-word state name the catalog lacks: that name is the first name of a
person ("Mauricio Macri", "Jordan Smith"), not the state."""
HEADING_END = re.compile(r"[ \t]*(?:\n|[:.|–—]|-\s)")
"""What follows a date that heads a chronology's entry: the end of its line, or a colon,
dash or bar."""

ASIDE = re.compile(
    r"\s*(?:[–—]\s[^–—]*\s[–—]|\([^()]*\)|,\s(?:\w+(?:ed|ing|ad[oa]s?|id[oa]s?)|as|with|que|quien"
    r"|quienes|who|which"
    rf"|(?:(?:the|el|la)\s)?(?:[A-ZÁÉÍÓÚ]\w+[’']s\s)?(?:[a-záéíóú]+\s)?(?i:{TITLES_EN}|{TITLES_ES}))\b"
    r"[^,;:.()“”\"]*,)\s*$"
)
"""An aside just before a verb, left out ("Peru – with other members – recognised", "Peru,
as a member, recognised", "Peru, represented by its minister, stated", "México y Uruguay,
que no reconocen a Guaidó, reiteraron", "la resolución, aprobada tras un debate, condena",
"Néstor Popolizio, Peru's foreign minister, condemned")."""


@dataclass(frozen=True)
class Sentence:
    """A sentence of the document (``text[start:end]``) and the catalog entities it names."""

    start: int
    end: int
    text: str
    mentions: tuple[Mention, ...]
    paragraph: int = 0
    """Where the sentence's paragraph starts (for a chronology's heading date)."""


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
    candidates: dict[str, Candidate] = field(default_factory=dict)
    """Entities the catalog lacks that the text names, by the id proposed for them."""
    headlines: set[int] = field(default_factory=set)
    """Starts of the sentences that are a headline (a short line without a full stop among
    the first paragraphs): what the body goes on to state, not evidence of its own."""
    inferred: dict[tuple[int, int], str] = field(default_factory=dict)
    """Mentions read by inference (a capital for its state), by span: why, for the curator."""

    @classmethod
    def prepare(
        cls,
        document: Document,
        catalog: list[Record],
        known: Iterable[Record] = (),
        states: StateFinder | None = None,
    ) -> Context:
        """Split ``document`` into sentences (spaCy's rule-based sentencizer for its
        language) and find the catalog's names in it (the build's gazetteer), then the
        states of the reference gazetteer ``states`` and the names of the catalog lacks;
        ``known`` are facts already curated from other documents, the actor dictionary's
        knowledge of who governs where."""
        nlp = spacy.blank("es" if document.language.startswith("es") else "en")
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
        mentions = context._mentions(Gazetteer(catalog).mentions(document), states)
        index = 0
        context.headlines = _headlines(document.text)
        for paragraph_start, block_start, block in _blocks(document.text):
            for span in nlp(block).sents:
                start = block_start + span.start_char
                end = block_start + len(span.text.rstrip()) + span.start_char
                while index < len(mentions) and mentions[index].anchor.start < start:
                    index += 1
                inside = []
                while index < len(mentions) and mentions[index].anchor.end <= end:
                    inside.append(mentions[index])
                    index += 1
                context.sentences.append(
                    Sentence(start, end, document.text[start:end], tuple(inside), paragraph_start)
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

    def _mentions(self, named: list[Mention], states: StateFinder | None) -> list[Mention]:
        """The catalog's mentions, then where none stands: states of the reference
        gazetteer (as the catalog's entry for that state if it has one, else a candidate),
        and candidates by their shape, with each later use of a candidate's name."""
        document = self.document
        taken = [(m.anchor.start, m.anchor.end) for m in named]
        found = list(named)

        def free(start: int, end: int) -> bool:
            return not any(start < b and a < end for a, b in taken)

        def add(entity: str, start: int, end: int) -> None:
            found.append(Mention(entity, Anchor(document, start, end)))
            taken.append((start, end))

        def replace(entity: str, start: int, end: int) -> None:
            """``entity`` at ``start:end`` instead of the mentions it overlaps (a longer
            name: a body's whole name, not the state or organisation it ends with)."""
            nonlocal found, taken
            found = [m for m in found if not (m.anchor.start < end and start < m.anchor.end)]
            taken = [(m.anchor.start, m.anchor.end) for m in found]
            add(entity, start, end)

        records = list(self.catalog.values())
        for entity, start, end in spanish_names.organisations(document.text, records):
            if free(start, end):
                add(entity, start, end)
        named_ids = {m.entity for m in found}
        for entity, start, end in spanish_names.bodies(document.text, records, named_ids):
            replace(entity, start, end)

        for state in states.find(document.text) if states else []:
            entity = f"state/{state.iso3}"
            one_word = " " not in document.text[state.start : state.end]
            if (
                entity not in self.catalog
                and one_word
                and FIRST_NAME.match(document.text, state.end)
            ):
                continue  # "Mauricio Macri": a person's first name, not Mauritius
            if state.why:  # a capital in actor position stands for its state, not the place
                found = [m for m in found if not self._same_place(m, state.start, state.end)]
                taken = [(m.anchor.start, m.anchor.end) for m in found]
            if not free(state.start, state.end):
                continue
            if entity not in self.catalog and entity not in self.candidates:
                self.candidates[entity] = Candidate("state", state.iso3, state.start, state.end)
            if state.why:
                self.inferred[(state.start, state.end)] = state.why
            add(entity, state.start, state.end)
        for entity, start, end in self._possessed_bodies(found):
            replace(entity, start, end)
        for body in owned_bodies(document.text, found, self.catalog, self.kind_of, slug):
            if body.entity not in self.catalog:
                self.candidates.setdefault(
                    body.entity,
                    Candidate("state-body", body.words, body.start, body.end, owner=body.owner),
                )
            replace(body.entity, body.start, body.end)
        for ministry in ministries(document.text, found, self.kind_of, self._ministry_owner):
            if ministry.why:
                self.inferred[(ministry.start, ministry.end)] = ministry.why
            replace(self._ministry_of(ministry), ministry.start, ministry.end)
        for candidate in find_candidates(document.text):
            named = {m.entity for m in found}
            entity = (
                self._catalog_entry(candidate, named) or f"{candidate.kind}/{slug(candidate.name)}"
            )
            if not free(candidate.start, candidate.end):
                continue
            if entity not in self.catalog:
                self.candidates.setdefault(entity, candidate)
            add(entity, candidate.start, candidate.end)
        for match in SHORT_NAME.finditer(document.text):  # "the Alliance": the one named last
            start, end = match.start("head"), match.end("head")
            head = match["head"].lower()
            earlier = [
                m
                for m in sorted(found, key=lambda m: m.anchor.start)
                if m.anchor.end <= start
                and self.kind_of(m.entity) in ("mechanism", "state-body")
                and head in document.text[m.anchor.start : m.anchor.end].lower()
            ]
            if earlier and free(start, end):
                add(earlier[-1].entity, start, end)
        for entity, candidate in self.candidates.items():
            names = [candidate.name]
            if candidate.kind == "person":
                names.append(candidate.name.split(maxsplit=1)[-1])  # "Popolizio", "Rodríguez"
            for name in names:
                for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", document.text):
                    if free(match.start(), match.end()):
                        add(entity, match.start(), match.end())
        return sorted(found, key=lambda m: m.anchor.start)

    def _possessed_bodies(self, found: list[Mention]) -> list[tuple[str, int, int]]:
        """A body called by its head words after its state's possessive ("Peru's Congress",
        "Venezuela's Supreme Court") or after its organisation's name ("UN General
        Assembly", "OAS's Permanent Council"): the only catalog body of that owner with
        those words in a name, as (entity, start, end)."""
        text = self.document.text
        bodies = []
        for mention in found:
            kind = self.kind_of(mention.entity)
            if kind not in ("state", "mechanism"):
                continue
            head = (POSSESSED if kind == "state" else FOLLOWED).match(text, mention.anchor.end)
            body = head and catalog_body(self.catalog, mention.entity, head["head"])
            if head and body:
                bodies.append((body, mention.anchor.start, head.end()))
        return bodies

    def _ministry_owner(self, entity: str) -> str | None:
        """The state of a catalog ministry of foreign affairs, else ``None``."""
        record = self.catalog.get(entity)
        owners = [str(o) for o in record.values.get("of", [])] if record else []
        if record and owners and any("Ministry of Foreign" in n for n in record.names()):
            return owners[0]
        return None

    def _ministry_of(self, ministry: Ministry) -> str:
        """The catalog's ministry of foreign affairs of the ministry's state, else a
        candidate with the catalog's id for one (``state-body/ministry-of-foreign-affairs-of-
        peru``)."""
        for record in self.catalog.values():
            if self._ministry_owner(record.id) == ministry.owner:
                return record.id
        owner = self.catalog.get(ministry.owner)
        label = (
            str(owner.values["label"][0])
            if owner
            else state_labels().get(ministry.owner.split("/")[1], {}).get("en", "")
        )
        entity = f"state-body/ministry-of-foreign-affairs-of-{slug(label)}"
        self.candidates.setdefault(
            entity,
            Candidate(
                "state-body", ministry.name, ministry.start, ministry.end, owner=ministry.owner
            ),
        )
        return entity

    def _same_place(self, mention: Mention, start: int, end: int) -> bool:
        """``mention`` is the catalog's place named at exactly ``start:end``."""
        return (
            (mention.anchor.start, mention.anchor.end) == (start, end)
            and mention.entity in self.catalog
            and self.kind_of(mention.entity) == "place"
        )

    def _catalog_entry(self, candidate: Candidate, named: set[str]) -> str | None:
        """The catalog entity a candidate's name is a name of, or a short form of
        ("Permanent Council" in "OAS Permanent Council") if exactly one and what it is part
        of is ``named`` in the document (a "General Assembly" of the OAS is not the UN's)."""
        part = re.compile(rf"(?<!\w){re.escape(candidate.name)}(?!\w)")
        exact = [r.id for r in self.catalog.values() if candidate.name in r.names()]
        within = {
            r.id
            for r in self.catalog.values()
            if r.type.name == candidate.kind
            and any(part.search(n) for n in r.names())
            and all(str(of) in named for of in r.values.get("of", []))
        }
        found = exact or sorted(within)
        return found[0] if len(found) == 1 else None

    def kind_of(self, entity: str) -> str:
        if entity in self.catalog:
            return self.catalog[entity].type.name
        return self.candidates[entity].kind

    @property
    def spanish(self) -> bool:
        return self.document.language.startswith("es")

    def evidence(self, start: int, end: int) -> dict[str, str] | str:
        """``text[start:end]`` as an evidence entry: a bare quote if it occurs once, else
        with the shortest widening around it that does (a ``hint``)."""
        text = self.document.text
        quote = text[start:end]
        entry: dict[str, str] = {"quote": quote}
        if len(occurrences(text, quote)) > 1:
            left, right = start, end
            while len(occurrences(text, text[left:right])) > 1:
                left, right = max(0, left - 20), min(len(text), right + 20)
            entry["hint"] = text[left:right]
        if self.document.language != DEFAULT_LANGUAGE:
            entry["lang"] = self.document.language
        return entry if len(entry) > 1 else quote

    def date_of(self, sentence: Sentence, after: int = 0) -> PartialDate | None:
        """The date of the clause holding offset ``after`` (the verb): in that clause the
        first date after it, else the last before it; else the first date the sentence states at or after it (else before it),
        else the date heading the sentence's paragraph (a chronology's entry)."""
        dates = find_dates(sentence.text, sentence.start)
        if sentence.start <= after < sentence.end:
            bounds = [sentence.start, sentence.end]
            bounds += [sentence.start + cut.start() for cut in CLAUSE_CUT.finditer(sentence.text)]
            left = max(b for b in bounds if b <= after)
            right = min(b for b in bounds if b > after)
            inside = [d for d in dates if left <= d.start < right]
            later = [d for d in inside if d.start >= after]
            if later or inside:
                return (later or inside[-1:])[0].date
        later = [d for d in dates if d.start >= after]
        chosen = later or dates
        if chosen:
            return chosen[0].date
        return self.heading_date(sentence)

    def heading_date(self, sentence: Sentence) -> PartialDate | None:
        """The date a paragraph opens with as its heading ("19 August 2015" on a line of its
        own, "23 de enero de 2019 — …", "12 March 2019: …", not "On 3 May 2019, …"): what a
        chronology's entry is dated by when its sentences state none."""
        text = self.document.text
        head = text[sentence.paragraph : sentence.paragraph + 80]
        lead = re.match(r"[\s\-–—•*·]*", head)
        dates = find_dates(head, sentence.paragraph)
        if not dates or not lead or dates[0].start != sentence.paragraph + lead.end():
            return None
        rest = text[dates[0].end : dates[0].end + 3]
        return dates[0].date if HEADING_END.match(rest) else None


POINT_START = re.compile(r"\n(?=[ \t]*(?:[-•*·–]|\d{1,2}[.)])[ \t]+\S)")
"""A line opening a point of a list: a sentence of its own ("- reiterate …", "9. Expresan …")."""


def _blocks(text: str) -> list[tuple[int, int, str]]:
    """The paragraphs of ``text``, each cut where a line opens a point of a list, so no
    sentence spans two points (each is its own evidence): (paragraph's offset, block's
    offset, block)."""
    found = []
    for start, paragraph in _paragraphs(text):
        cuts = [0, *(m.end() for m in POINT_START.finditer(paragraph)), len(paragraph)]
        for left, right in itertools.pairwise(cuts):
            if paragraph[left:right].strip():
                found.append((start, start + left, paragraph[left:right]))
    return found


HEADLINE_PARAGRAPHS = 3
HEADLINE_WORDS = 25


def _headlines(text: str) -> set[int]:
    """The offsets of the headlines of ``text``: among its first paragraphs, one line of at
    most 25 words with no closing punctuation and no date opening it."""
    found = set()
    for start, paragraph in _paragraphs(text)[:HEADLINE_PARAGRAPHS]:
        line = paragraph.strip()
        dated = find_dates(line[:40], 0)
        if (
            "\n" not in line
            and len(line.split()) <= HEADLINE_WORDS
            and not re.search(r"[.!?:;\"”»)]$", line)
            and not (dated and dated[0].start == 0)
        ):
            found.add(start)
    return found


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
    joined = (
        LIST_END.search(text[chain[-2].anchor.end : last.anchor.start]) if len(chain) > 1 else 1
    )
    if not joined and not OPEN_LIST_END.match(text[last.anchor.end : position]):
        return [last]  # "At the Summit, Kuczynski said": an opening phrase, not a list
    return chain


RELATIVE_BEFORE = re.compile(
    r",\s*(?:which|who|that|que|quien|quienes|el cual|la cual)\s+"
    r"(?:(?:\w+ly|also|had|has|have|then|later|ya|también|luego|había|ha)\s+)*$"
)
"""A relative pronoun right before a verb, after a comma."""


def antecedent(text: str, mentions: list[Mention], position: int) -> list[Mention]:
    """The actor a relative clause opening just before ``position`` refers back to: the one
    right before its comma ("Canada, which joined", "el Ecuador, que dejó de reconocer")."""
    relative = RELATIVE_BEFORE.search(text[max(0, position - 60) : position])
    if not relative:
        return []
    comma = position - len(relative.group())
    return [m for m in mentions if 0 <= comma - m.anchor.end <= 1][-1:]


def subject_of(text: str, chain: list[Mention]) -> list[Mention]:
    """The subject a list of actors before a verb gives: none if it only qualifies a noun
    that is no actor ("human rights groups in Peru condemned"); the last one alone if a preposition stands before the first
    ("relations with Caracas, and the EU no longer called": the first is an object, the
    last the subject); else all of them."""
    if not chain:
        return chain
    before = text[max(0, chain[0].anchor.start - 40) : chain[0].anchor.start]
    modified = MODIFIED.search(before)
    named = text[chain[0].anchor.start : chain[0].anchor.end]
    if modified and not re.search(r"\s[a-záéíóúñ]+$", named):
        return []
    if len(chain) > 1 and OBJECT_BEFORE.search(before[-30:]):
        return chain[-1:]
    return chain


def chain_after(
    text: str, mentions: list[Mention], position: int, max_gap: int = 12
) -> list[Mention]:
    """The list of actors starting just after ``position`` (verb + ``A, B and C``); a list
    closed by its conjunction ends there ("integrada por A, B y C, y el M": M is no member)."""
    after = [m for m in mentions if m.anchor.start >= position]
    if not after or len(text[position : after[0].anchor.start].strip(" :the")) > max_gap:
        return []
    chain = [after[0]]
    closed = False
    for following in after[1:]:
        between = text[chain[-1].anchor.end : following.anchor.start]
        if not CONNECTOR.fullmatch(between) or (closed and "," in between):
            break
        closed = closed or bool(LIST_END.search(between))
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
    proposal = Proposal(kind, rule, record, sentence.start, sentence.end)
    values = {
        v for value in fields.values() for v in (value if isinstance(value, list) else [value])
    }
    whys = [
        why
        for (start, end), why in context.inferred.items()
        if sentence.start <= start < sentence.end
        and any(m.entity in values for m in sentence.mentions if m.anchor.start == start)
    ]
    if whys:
        proposal.why = "; ".join(whys)
    return proposal
