"""Establishments: "M was established at the behest of A", "M emerged in 2017, proposed
by A" (``data/patterns/establishments.yaml``): who set a mechanism up, and when."""

from __future__ import annotations

import re

from fpkg.proposals import Proposal
from fpkg.propose.context import Context, agents, chain_after, fact, key_of
from fpkg.propose.patterns import Pattern, first_matches

IT = re.compile(r"\b[Ii]t\s+$")
TITLE_WORDS = re.compile(r"^(?:\s*(?:former|then|new|president|minister|ambassador)\b)*\s*")
"""Words of a title between the initiating state and its head ("former Peruvian president X")."""


def propose_establishments(context: Context, patterns: list[Pattern]) -> list[Proposal]:
    """One establishment per pattern with a mechanism before it and initiators after it."""
    text = context.document.text
    proposals = []
    for index, sentence in enumerate(context.sentences):
        actors = agents(sentence.mentions, context)
        for pattern, match in first_matches(patterns, sentence.text):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            before = [
                m
                for m in sentence.mentions
                if m.anchor.end <= start and context.kind_of(m.entity) == "mechanism"
            ]
            mechanism = before[-1] if before else None
            if mechanism is None and IT.search(text[sentence.start : start]):
                mechanism = context.recent(index, ("mechanism",))
            initiators = chain_after(text, actors, end, max_gap=20)
            if initiators:  # "the Peruvian president Pedro Pablo Kuczynski": state and head
                last = initiators[-1].anchor.end
                head = next((m for m in actors if m.anchor.start >= last), None)
                if head and TITLE_WORDS.fullmatch(text[last : head.anchor.start]):
                    initiators.append(head)
            if mechanism is None or not initiators:
                continue
            fields = {
                "mechanism": mechanism.entity,
                "initiator": list(dict.fromkeys(m.entity for m in initiators)),
            }
            time = {"date": context.date_of(sentence, mechanism.anchor.start)}
            key = key_of(mechanism.entity)
            proposals.append(
                fact(context, "establishment", pattern.rule, key, fields, sentence, time)
            )
    return proposals
