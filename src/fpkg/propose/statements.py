"""Statements, coded in the manner of PETRARCH: a verb of the dictionary
(``data/patterns/statements.yaml``) gives the stance; the actors just before it are the
issuers (or those after "by" in the passive; a verb joined by "and" to an earlier one shares
its issuers); the entities after it, up to the next verb, are what it is about; a cue word
of the sentence gives the statement kind (``remark`` without one)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from fpkg.mentions import Mention
from fpkg.proposals import Proposal
from fpkg.propose.context import Context, Sentence, agents, chain_after, chain_before, fact, key_of
from fpkg.propose.patterns import Pattern, first_matches

PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$")
COORDINATED = re.compile(r"^\s*(?:,\s*)?(?:and|but|while|then)\s+(?:also\s+|then\s+)?$")


def propose_statements(
    context: Context, verbs: list[Pattern], kinds: list[Pattern]
) -> list[Proposal]:
    """One statement per verb of the dictionary that has an issuer in its sentence."""
    proposals = []
    for sentence in context.sentences:
        actors = agents(sentence.mentions, context)
        if not actors:
            continue
        coded: list[tuple[Pattern, int, int, list[Mention]]] = []
        for pattern, match in first_matches(verbs, sentence.text):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            previous = coded[-1][3] if coded else []
            coded.append(
                (pattern, start, end, _issuers(context, sentence, actors, start, end, previous))
            )
        kind = next((k.get("kind") for k, _ in first_matches(kinds, sentence.text)), "remark")
        for index, (pattern, start, end, issuers) in enumerate(coded):
            if not issuers:
                continue
            stop = sentence.end
            if index + 1 < len(coded):
                _, next_start, _, next_issuers = coded[index + 1]
                stop = min(
                    [next_start, *(i.anchor.start for i in next_issuers if i.anchor.start > end)]
                )
            issuer_ids = _unique(i.entity for i in issuers)
            about = [
                m.entity
                for m in sentence.mentions
                if end <= m.anchor.start < stop and m.entity not in issuer_ids
            ]
            fields = {
                "kind": kind,
                "issuer": issuer_ids,
                "about": _unique(about),
                "stance": [pattern.get("stance")],
            }
            key = f"{key_of(issuers[0].entity)}-{pattern.get('stance')}"
            time = {"date": context.date_of(sentence, start)}
            proposals.append(fact(context, "statement", pattern.rule, key, fields, sentence, time))
    return proposals


def _issuers(
    context: Context,
    sentence: Sentence,
    actors: list[Mention],
    start: int,
    end: int,
    previous: list[Mention],
) -> list[Mention]:
    text = context.document.text
    if PASSIVE.search(text[sentence.start : start]):
        by = re.match(r"\s+by\s+", text[end : sentence.end])
        return chain_after(text, actors, end + by.end()) if by else []
    before = [m for m in actors if m.anchor.end <= start]
    if previous and (not before or COORDINATED.fullmatch(text[before[-1].anchor.end : start])):
        return previous
    return chain_before(text, actors, start)


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
