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
PRONOUN = re.compile(
    r"\b(?P<pronoun>[Hh]e|[Ss]he|[Ii]t|[Tt]hey)\s+(?:(?:\w+ly|also|then|had|has|have)\s+)*$"
)
NOUN_BEFORE = re.compile(
    r"(?:[’']s|\b(?:[Aa]n?|[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Oo]f|[Ff]or|[Ww]hose|[Tt]his|[Tt]hese))\s+$"
)
"""Words after which a verb form of the dictionary is a noun."""
PERSONS = ("person",)
JOINT = ("joint-statement", "declaration")
"""Kinds of statement several actors issue together; otherwise each issues its own."""
COLLECTIVES = ("state", "mechanism", "state-body", "government")
COORDINATED = re.compile(r"^\s*(?:,\s*)?(?:and|but|while|then)\s+(?:also\s+|then\s+)?$")


def propose_statements(
    context: Context, verbs: list[Pattern], kinds: list[Pattern]
) -> list[Proposal]:
    """One statement per verb of the dictionary that has an issuer in its sentence."""
    proposals = []
    for index, sentence in enumerate(context.sentences):
        actors = agents(sentence.mentions, context)
        coded: list[tuple[Pattern, int, int, list[Mention]]] = []
        for pattern, match in first_matches(verbs, sentence.text):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            if any(m.anchor.start < end and start < m.anchor.end for m in sentence.mentions):
                continue  # a verb inside a name ("… Support Group")
            if NOUN_BEFORE.search(sentence.text[: match.start()]):
                continue  # a noun, not a verb ("Russia’s support", "the sanctions")
            previous = coded[-1][3] if coded else []
            issuers = _issuers(context, index, sentence, actors, (start, end), previous)
            coded.append((pattern, start, end, issuers))
        kind = next((k.get("kind") for k, _ in first_matches(kinds, sentence.text)), "remark")
        for position, (pattern, start, end, issuers) in enumerate(coded):
            if not issuers:
                continue
            stop = sentence.end
            if position + 1 < len(coded):
                _, next_start, _, next_issuers = coded[position + 1]
                stop = min(
                    [next_start, *(i.anchor.start for i in next_issuers if i.anchor.start > end)]
                )
            issuer_ids = _unique(i.entity for i in issuers)
            about = [
                m.entity
                for m in sentence.mentions
                if end <= m.anchor.start < stop and m.entity not in issuer_ids
            ]
            joint = kind in JOINT or len(issuer_ids) == 1
            for group in [issuer_ids] if joint else [[issuer] for issuer in issuer_ids]:
                fields = {
                    "kind": kind,
                    "issuer": group,
                    "about": _unique(about),
                    "stance": [pattern.get("stance")] if pattern.get("stance") else None,
                }
                key = f"{key_of(group[0])}-{pattern.get('stance') or 'statement'}"
                time = {"date": context.date_of(sentence, start)}
                proposals.append(
                    fact(context, "statement", pattern.rule, key, fields, sentence, time)
                )
    return proposals


def _issuers(
    context: Context,
    index: int,
    sentence: Sentence,
    actors: list[Mention],
    verb: tuple[int, int],
    previous: list[Mention],
) -> list[Mention]:
    """Who issues the statement of the verb at ``verb`` (document offsets)."""
    text = context.document.text
    start, end = verb
    if PASSIVE.search(text[sentence.start : start]):
        by = re.match(r"\s+by\s+", text[end : sentence.end])
        return chain_after(text, actors, end + by.end(), max_gap=30) if by else []
    before = [m for m in actors if m.anchor.end <= start]
    if previous and (not before or COORDINATED.fullmatch(text[before[-1].anchor.end : start])):
        return previous
    chain = chain_before(text, actors, start)
    pronoun = PRONOUN.search(text[sentence.start : start])
    if chain or not pronoun:
        return chain
    kinds = PERSONS if pronoun["pronoun"].lower() in ("he", "she") else COLLECTIVES
    limit = sentence.start + pronoun.start()
    named = [m for m in actors if m.anchor.end <= limit and context.kind_of(m.entity) in kinds]
    found = named[-1] if named else context.recent(index, kinds)
    return [found] if found else []


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
