"""Titles as roles: a person named after a title ("President Kuczynski", "former Peruvian
president X") or before one ("X, new Secretary of State", "X as the new president of Peru")
holds the catalog office the title names (``data/patterns/titles.yaml``): a membership of
the person in what the office is of, with the office as its ``role``."""

from __future__ import annotations

import re

from fpkg.mentions import Mention
from fpkg.proposals import Proposal
from fpkg.propose.candidates import PLURAL_TITLE, TITLES_EN, TITLES_ES
from fpkg.propose.context import Context, Sentence, fact, key_of
from fpkg.propose.patterns import Pattern

TITLE_THEN_PERSON = re.compile(r"\s+(?:(?:then|former|new|late)\s+)?")
PERSON_THEN_TITLE = re.compile(
    r"(?:,\s*(?:as\s+)?|\s+as\s+)(?:the\s+)?(?:(?:then|former|new|current|interim)\s+)?"
)
"""What may stand between a title and the person who holds it, either way round."""
STATE_BEFORE = re.compile(r"(?:[’']s)?\s*")
STATE_AFTER = re.compile(r"\s+of\s+(?:the\s+)?")


def propose_titled_persons(context: Context, titles: list[Pattern]) -> list[Proposal]:
    """One membership with a role per person a title names, where the office is known."""
    found: list[tuple[Sentence, Mention, Pattern, str | None]] = []
    for sentence in context.sentences:
        for person in sentence.mentions:
            if context.kind_of(person.entity) != "person":
                continue
            for title in titles:
                span = _title_next_to(context, sentence, person, title)
                if span:
                    found.append(
                        (sentence, person, title, _office(context, sentence, person, title, span))
                    )
                    break
    stated = {(person.entity, title.rule): office for _, person, title, office in found if office}
    proposals = []
    for sentence, person, title, office in found:
        office = office or stated.get((person.entity, title.rule))
        if office is None:
            continue
        fields = {
            "member": person.entity,
            "organization": context.catalog[office].values["of"][0],
            "role": office,
        }
        key = f"{key_of(office)}-{key_of(person.entity)}"
        proposals.append(fact(context, "membership", title.rule, key, fields, sentence))
    return proposals


def _title_next_to(
    context: Context, sentence: Sentence, person: Mention, title: Pattern
) -> tuple[int, int] | None:
    """The document span of ``title`` just before or just after ``person``, if any."""
    text = context.document.text
    for match in title.regex.finditer(sentence.text):
        start, end = sentence.start + match.start(), sentence.start + match.end()
        if end <= person.anchor.start and TITLE_THEN_PERSON.fullmatch(
            text[end : person.anchor.start]
        ):
            return start, end
        if start >= person.anchor.end and PERSON_THEN_TITLE.fullmatch(
            text[person.anchor.end : start]
        ):
            return start, end
    return None


def _office(
    context: Context, sentence: Sentence, person: Mention, title: Pattern, span: tuple[int, int]
) -> str | None:
    """The catalog office ``title`` names for ``person``, or ``None`` if it is not clear."""
    offices = [
        r.id
        for r in context.catalog.values()
        if r.type.name == "office"
        and r.values.get("of")
        and any(re.search(title.get("office"), name) for name in r.names())
    ]
    state = _state_named(context, sentence, span)
    if state is None and len(offices) > 1:
        heads = context.heads.get(person.entity, set())
        state = next(iter(heads)) if len(heads) == 1 else None
        if state is None:
            return None
    if state is not None:
        offices = [o for o in offices if context.catalog[o].values["of"][0] == state]
    return offices[0] if len(offices) == 1 else None


def _state_named(context: Context, sentence: Sentence, span: tuple[int, int]) -> str | None:
    """The state the title itself names: just before it ("Peru's President", a demonym
    "Peruvian president") or after it ("president of Peru")."""
    text = context.document.text
    start, end = span
    for mention in sentence.mentions:
        if context.kind_of(mention.entity) != "state":
            continue
        overlaps = mention.anchor.start < end and start < mention.anchor.end
        before = mention.anchor.end <= start and STATE_BEFORE.fullmatch(
            text[mention.anchor.end : start]
        )
        after = mention.anchor.start >= end and STATE_AFTER.fullmatch(
            text[end : mention.anchor.start]
        )
        if overlaps or before or after:
            return mention.entity
    return None


TITLE_BEFORE = re.compile(
    rf"\b(?P<title>{TITLES_EN}|{TITLES_ES})(?!\w)(?P<tail>[^.;:()“”\"]{{0,45}}?),?\s+"
    r"(?:(?:the|el|la)\s+)?$",
    re.IGNORECASE,
)
"""A title a few words before a person ("Foreign Minister Delcy Rodríguez", "el presidente
colombiano, Iván Duque", "the president of the National Assembly, Juan Guaidó")."""
TITLE_AFTER = re.compile(
    r",\s+(?:(?:the|el|la)\s+)?(?:[A-ZÁÉÍÓÚ]\w+[’']s\s+)?"
    r"(?:(?:new|former|then|current|nuev[oa]|actual)\s+)?"
    rf"(?P<title>{TITLES_EN}|{TITLES_ES})(?!\w)(?P<tail>[^.,;:()“”\"]{{0,45}})",
    re.IGNORECASE,
)
"""A title just after a person, in apposition ("Chrystia Freeland, Minister of Foreign
Affairs", "Jorge Arreaza, el canciller venezolano")."""
STATE_TITLES = re.compile(
    r"president|prime minister|minister|secretary of state|chancellor|ambassador|canciller"
    r"|ministr|embajador|mandatari|vicepresident|secretari[oa] de estado",
    re.IGNORECASE,
)
"""Titles that are offices of a state (not of an organisation: "Secretary General")."""
PLACE_WORD = re.compile(
    r"\b(?:to|in|into|from|with|against|at|a|en|con|contra|hacia|desde|de|del)\s+(?:the\s+|el\s+)?$",
    re.IGNORECASE,
)
OWNER_BEFORE = re.compile(
    r"(?:[’']s\s+(?:(?:new|former|then|current)\s+)?|\s+"
    r"|,?\s+(?:led|headed)\s+by\s+(?:its\s+)?|,?\s+(?:encabezad|presidid)[oa]\s+por\s+(?:el|la|su)\s+)$"
)
"""What stands between a state and a title it owns: "Ecuador's", "Peruvian", "the Venezuelan
delegation, led by", "la delegación venezolana, encabezada por el"."""


def propose_title_holders(context: Context) -> list[Proposal]:
    """A membership of a person in the state (or body) their title names: by demonym, "'s",
    "of"/"de" ("Ecuador's President Lenín Moreno", "el canciller venezolano, Jorge
    Arreaza"); where the title names none, the only state the sentence names, flagged as
    that inference. The title is kept as a note for the curator."""
    text = context.document.text
    found: list[tuple[Sentence, Mention, str | None, str | None, str]] = []
    for sentence in context.sentences:
        for person in sentence.mentions:
            if context.kind_of(person.entity) != "person":
                continue
            window_start = max(sentence.start, person.anchor.start - 90)
            title = TITLE_BEFORE.search(text[window_start : person.anchor.start])
            if title:
                start, end = window_start + title.start(), person.anchor.start
                words = text[start : window_start + title.end("tail")]
            else:  # "Chrystia Freeland, Minister of Foreign Affairs", "X, canciller peruano"
                title = TITLE_AFTER.match(text, person.anchor.end, sentence.end)
                start, end = (title.start("title"), title.end()) if title else (0, 0)
                words = text[start:end]
            plural = title and re.search(r"[^e]s$|ores$|ntes$", title["title"].lower())
            if not title or plural:
                continue  # none, or a plural title ("los presidentes de …")
            between = [
                m for m in sentence.mentions if m.anchor.end > start and m.anchor.start < end
            ]
            if any(context.kind_of(m.entity) in ("person", "office") for m in between):
                continue  # another person, or a catalog office (titles.yaml reads those)
            owner = _title_owner(context, sentence, start, between)
            why = None
            if owner is None and STATE_TITLES.search(title["title"]):
                owner, why = _only_state(context, sentence, person, title["title"])
            note = f"title in the text: {words}"
            found.append((sentence, person, owner, why, note))
    stated = {person.entity: owner for _, person, owner, why, _ in found if owner and why}
    stated |= {person.entity: owner for _, person, owner, why, _ in found if owner and not why}
    proposals = []
    for sentence, person, owner, why, note in found:
        if owner is None and person.entity in stated:  # the owner the title has elsewhere
            owner = stated[person.entity]
            why = f"the title names no state here; elsewhere the document gives {owner} — confirm"
        if owner is None:
            continue
        fields = {"member": person.entity, "organization": owner, "note": note}
        key = f"{key_of(owner)}-{key_of(person.entity)}"
        proposal = fact(context, "membership", "titles.py#title-holder", key, fields, sentence)
        proposal.why = why or proposal.why
        proposals.append(proposal)
    return proposals


def _only_state(
    context: Context, sentence: Sentence, person: Mention, title: str
) -> tuple[str | None, str | None]:
    """The state a title that names none most likely belongs to, flagged: the only state
    its sentence names as an actor (not a place: "a visit to Chile"); in a sentence that
    names no state, the only state of the sentence before ("Colombia leaves UNASUR.
    President X calls …"); never a state other than the one curated facts say the person
    heads a government of."""
    text = context.document.text
    index = context.sentences.index(sentence)
    scopes = [("sentence", sentence)]
    if index and not any(context.kind_of(m.entity) == "state" for m in sentence.mentions):
        scopes.append(("sentence before", context.sentences[index - 1]))
    for where, scope in scopes:
        named = [m for m in scope.mentions if context.kind_of(m.entity) == "state"]
        states = {m.entity for m in named}
        places = any(
            PLACE_WORD.search(text[max(0, m.anchor.start - 12) : m.anchor.start]) for m in named
        )
        heads = context.heads.get(person.entity)
        if len(states) == 1 and not places and (not heads or states <= heads):
            owner = states.pop()
            return owner, (
                f"the title '{title}' names no state; {owner} is the only state the {where} "
                "names — confirm"
            )
    return None, None


def _title_owner(
    context: Context, sentence: Sentence, start: int, between: list[Mention]
) -> str | None:
    """The state or body a title names: inside its words ("of the National Assembly",
    "colombiano") or just before it ("Ecuador's", "Peruvian")."""
    owners = [
        m.entity
        for m in between
        if context.kind_of(m.entity) in ("state", "state-body", "mechanism")
    ]
    if owners:
        return owners[0]
    text = context.document.text
    for mention in sentence.mentions:
        if (
            mention.anchor.end <= start
            and context.kind_of(mention.entity) == "state"
            and OWNER_BEFORE.fullmatch(text[mention.anchor.end : start])
        ):
            return mention.entity
    return None


PAIR_GAP = 50
"""Characters at most between two names of a respective list ("…, Mauricio Macri; de la
República Federativa del Brasil, Michel Temer"): a name further on is no longer listed."""


def propose_respective_title_holders(context: Context) -> list[Proposal]:
    """Memberships read respectively from a plural title of states: "the foreign ministers
    of Colombia and Venezuela, A and B" (each state in the order of the persons), "los
    presidentes de Chile, A, y del Paraguay, B" (each person after their state)."""
    proposals = []
    for sentence in context.sentences:
        for _, title_text, pairs in respective_pairs(context, sentence):
            for state, person in pairs:
                fields = {
                    "member": person.entity,
                    "organization": state.entity,
                    "note": f"title in the text: {title_text}",
                }
                key = f"{key_of(state.entity)}-{key_of(person.entity)}"
                proposals.append(
                    fact(context, "membership", "titles.py#respective", key, fields, sentence)
                )
    return proposals


def respective_pairs(
    context: Context, sentence: Sentence
) -> list[tuple[int, str, list[tuple[Mention, Mention]]]]:
    """Per plural title of states in ``sentence``: where it starts, its words, and the
    (state, person) pairs it names respectively."""
    found = []
    for title in PLURAL_TITLE.finditer(sentence.text):
        start, end = sentence.start + title.start(), sentence.start + title.end()
        listed = []
        for mention in sentence.mentions:
            if mention.anchor.start < start or mention.anchor.end > end:
                continue
            if context.kind_of(mention.entity) not in ("state", "person") or (
                listed and mention.anchor.start - listed[-1].anchor.end > PAIR_GAP
            ):
                break
            listed.append(mention)
        pairs = _respective(context, listed)
        if pairs:
            first = min(person.anchor.start for _, person in pairs)
            found.append((start, context.document.text[start:first].rstrip(", "), pairs))
    return found


def _respective(context: Context, listed: list[Mention]) -> list[tuple[Mention, Mention]]:
    """States paired with persons: all states then as many persons, or state, person, …"""
    kinds = [context.kind_of(m.entity) for m in listed]
    half = len(listed) // 2
    if half < 2 or len(listed) % 2:
        return []
    if kinds == ["state"] * half + ["person"] * half:
        return list(zip(listed[:half], listed[half:], strict=True))
    if kinds == ["state", "person"] * half:
        return list(zip(listed[::2], listed[1::2], strict=True))
    return []
