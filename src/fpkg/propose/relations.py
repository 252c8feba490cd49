"""Diplomatic relation events: "A broke / restored / established relations with B", "A rompió
relaciones con B"; a person known (from curated facts) to head a state's government stands
for that state."""

from __future__ import annotations

import re

from fpkg.proposals import Proposal
from fpkg.propose.context import Context, chain_before, fact, key_of
from fpkg.propose.patterns import Pattern, first_matches

WITH = re.compile(r"\s+(?:[\w,]+\s+){0,3}?(?:with|con)\s+(?:the\s+|el\s+|la\s+)?")


def propose_relations(context: Context, patterns: list[Pattern]) -> list[Proposal]:
    """One relation event per match that names a state before the words or after "with"."""
    text = context.document.text
    proposals = []
    for sentence in context.sentences:
        states = [m for m in sentence.mentions if context.kind_of(m.entity) == "state"]
        heads = [
            m
            for m in sentence.mentions
            if len(context.heads.get(m.entity, ())) == 1 or context.kind_of(m.entity) == "state"
        ]
        for pattern, match in first_matches(patterns, sentence.text):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            parties = [_state(context, m.entity) for m in chain_before(text, heads, start)]
            partner = next((m for m in states if m.anchor.start >= end), None)
            if partner and WITH.fullmatch(text[end : partner.anchor.start]):
                parties.append(partner.entity)
            parties = sorted(set(parties))
            if not parties:
                continue
            fields = {"parties": parties, "event": pattern.get("event")}
            key = "-".join(key_of(p) for p in parties) + f"-{pattern.get('event')}"
            time = {"date": context.date_of(sentence, start)}
            proposals.append(fact(context, "relation", pattern.rule, key, fields, sentence, time))
    return proposals


def _state(context: Context, entity: str) -> str:
    """A state, or the state whose government a person heads."""
    return next(iter(context.heads[entity])) if entity in context.heads else entity
