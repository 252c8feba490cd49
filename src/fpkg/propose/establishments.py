"""Establishments: "M was established at the behest of A", "M emerged in 2017, proposed
by A", "M was formed in 2017", "A and B founded M", "the creation of M by A"
(``data/patterns/establishments.yaml``): who set a mechanism up, and when."""

from __future__ import annotations

import re

from fpkg.mentions import Mention
from fpkg.proposals import Proposal
from fpkg.propose.context import Context, agents, chain_after, chain_before, fact, key_of
from fpkg.propose.patterns import Pattern, first_matches

IT = re.compile(r"\b[Ii]t\s+$")
TITLE_WORDS = re.compile(r"^(?:\s*(?:former|then|new|president|minister|ambassador)\b)*\s*")
"""Words of a title between the initiating state and its head ("former Peruvian president X")."""
BY = re.compile(r"\s+(?:by|por)\s+(?:the\s+|la\s+|el\s+)?")


def propose_establishments(context: Context, patterns: list[Pattern]) -> list[Proposal]:
    """One establishment per pattern that joins a mechanism to its initiators (in the
    order the pattern says), or names the mechanism set up alone (a passive, "was formed"),
    once per mechanism: a later mention of its creation adds only with its initiators."""
    text = context.document.text
    proposals = []
    set_up: set[str] = set()
    for index, sentence in enumerate(context.sentences):
        actors = agents(sentence.mentions, context)
        mechanisms = [m for m in sentence.mentions if context.kind_of(m.entity) == "mechanism"]
        for pattern, match in first_matches(patterns, sentence.text):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            order = pattern.get("order") or "passive"
            if order == "passive":
                before = [m for m in mechanisms if m.anchor.end <= start]
                mechanism = before[-1] if before else None
                if mechanism is None and IT.search(text[sentence.start : start]):
                    mechanism = context.recent(index, ("mechanism",))
                initiators = _initiators(text, actors, end)
            else:
                following = chain_after(text, mechanisms, end, max_gap=6)
                mechanism = following[0] if following else None
                if order == "active":
                    initiators = chain_before(text, actors, start)
                elif mechanism is not None and BY.match(text, mechanism.anchor.end):
                    initiators = _initiators(
                        text, actors, BY.match(text, mechanism.anchor.end).end()
                    )
                else:
                    initiators = []
            if mechanism is None or (
                (order != "passive" or mechanism.entity in set_up) and not initiators
            ):
                continue  # none, or the mechanism alone where only initiators would add to it
            set_up.add(mechanism.entity)
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


def _initiators(text: str, actors: list[Mention], end: int) -> list[Mention]:
    """The actors listed just after ``end``, with the head of a state named with its title
    ("the Peruvian president Pedro Pablo Kuczynski": the state and the person)."""
    initiators = chain_after(text, actors, end, max_gap=20)
    if initiators:
        last = initiators[-1].anchor.end
        head = next((m for m in actors if m.anchor.start >= last), None)
        if head and TITLE_WORDS.fullmatch(text[last : head.anchor.start]):
            initiators.append(head)
    return initiators
