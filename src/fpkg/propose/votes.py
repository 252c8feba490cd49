"""Votes: "A and B voted in favour, C voted against, D abstained" in a sentence that names
the mechanism or body that decided; one decision per sentence, with its sides, and with the
result as counts ("by 19 votes to 4 with 11 abstentions") as its ``outcome``."""

from __future__ import annotations

import re

from fpkg.proposals import Proposal
from fpkg.propose.context import (
    CLAUSE_CUT,
    Context,
    agents,
    chain_after,
    chain_before,
    fact,
    key_of,
)
from fpkg.propose.patterns import Pattern, first_matches

BODIES = ("mechanism", "state-body")


def propose_votes(context: Context, patterns: list[Pattern]) -> list[Proposal]:
    """A decision for each sentence where actors vote, in the body the sentence names
    (the body named in the sentence before, if it names none)."""
    text = context.document.text
    proposals = []
    previous_bodies: list[str] = []
    for sentence in context.sentences:
        actors = agents(sentence.mentions, context)
        bodies = [m.entity for m in actors if context.kind_of(m.entity) in BODIES]
        parents = {
            str(o)
            for b in bodies
            if b in context.catalog
            for o in context.catalog[b].values.get("of", [])
        }
        bodies = [b for b in bodies if b not in parents]  # the UN's General Assembly, not the UN
        sides: dict[str, list[str]] = {}
        rules = []
        outcome = None
        for pattern, match in first_matches(patterns, sentence.text):
            if pattern.get("decision"):
                decided = _deciding_body(context, actors, sentence.start + match.start())
                if decided and not outcome:
                    bodies, outcome = [decided], _clause_after(sentence.text, match.start())
                    rules.append(pattern.rule)
                continue
            if pattern.get("count"):
                outcome = match.group()
                rules.append(pattern.rule)
                continue
            if pattern.get("voters") == "after":  # "In favour: 19 — Argentina, Brazil, …"
                at = sentence.start + match.end()
                voters = chain_after(text, actors, at, max_gap=16)
                if voters and "\n" in text[at : voters[0].anchor.start]:
                    voters = []  # a bare count ("In favour: 20"), the next line not its list
            else:
                voters = chain_before(text, actors, sentence.start + match.start())
            voters = [v for v in voters if v.entity not in bodies]
            if voters:
                sides.setdefault(pattern.get("side"), []).extend(v.entity for v in voters)
                rules.append(pattern.rule)
        named = bodies or previous_bodies or [None]
        # a roll call or a count: the body its record opens with; else the one named last
        body = named[0] if outcome or any("roll-call" in r for r in rules) else named[-1]
        previous_bodies = bodies or previous_bodies
        if not (sides or outcome) or body is None:
            continue
        fields = {"body": body, **{side: list(dict.fromkeys(v)) for side, v in sides.items()}}
        fields["outcome"] = outcome
        time = {"date": context.date_of(sentence)}
        proposals.append(
            fact(context, "vote", rules[0], f"{key_of(body)}-vote", fields, sentence, time)
        )
    return proposals


def _deciding_body(context: Context, actors: list, at: int) -> str | None:
    """The body of a state or organisation that is the subject of the verb at ``at``."""
    subject = chain_before(context.document.text, actors, at)
    if len(subject) == 1 and context.kind_of(subject[0].entity) == "state-body":
        return subject[0].entity
    return None


def _clause_after(text: str, start: int) -> str:
    """The words of ``text`` from ``start`` to the end of their clause (or sentence)."""
    cut = CLAUSE_CUT.search(text, start + 1)
    end = cut.start() if cut else len(text)
    return re.sub(r"\s+", " ", text[start:end]).rstrip(" .,;")
