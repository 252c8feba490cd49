"""Titles as roles: a person named after a title ("President Kuczynski", "former Peruvian
president X") or before one ("X, new Secretary of State", "X as the new president of Peru")
holds the catalog office the title names (``data/patterns/titles.yaml``): a membership of
the person in what the office is of, with the office as its ``role``."""

from __future__ import annotations

import re

from fpkg.mentions import Mention
from fpkg.proposals import Proposal
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
