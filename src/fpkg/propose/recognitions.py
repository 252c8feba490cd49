"""Recognitions: "A and B recognised P as (interim) president of S", "A reconoció a P". A
negated verb ("did not recognise", "no reconoce", "refused to") is a statement of the stance
does-not-recognise, not a recognition; words of cessation ("stopped recognising", "withdrew
recognition", "dejó de reconocer") end one: proposed with the date as its ``to``."""

from __future__ import annotations

import re

from fpkg.proposals import Proposal
from fpkg.propose.context import (
    Context,
    agents,
    antecedent,
    chain_after,
    chain_before,
    fact,
    key_of,
    subject_of,
)
from fpkg.propose.patterns import Pattern, first_matches

RECOGNISABLE = ("person", "government", "state-body")
CLITIC_BEFORE = re.compile(r"\b(?:lo|la)\s+$")
"""A Spanish object pronoun before the verb ("Canadá lo reconoce"): the person named last."""
PRONOUN_AFTER = re.compile(r"\s+(?:him|her)\b|\s+(?:lo|la)\s+como\b")
"""A person recognised by a pronoun: the person named last ("recognises him")."""
NEGATED = re.compile(
    r"\b(?:not|never|refused to|refuses to|no longer|no|nunca|jamás|se neg(?:ó|aron) a)\s+"
    r"(?:\w+\s+)?$",
    re.IGNORECASE,
)
LEADER_OF = re.compile(
    r"\b(?:president|leader|head of state|government|presidente|president[ae] encargad[oa]"
    r"|president[ae] interin[oa]|jefe de Estado|gobierno)\s+(?:of|de|del)\s+(?:the\s+|la\s+)?$",
    re.IGNORECASE,
)
TITLE_OF = re.compile(
    r"\b(?:president|speaker|head|leader|presidente|presidenta|jefe)\s+(?:of|de)\s+(?:the\s+|la\s+|el\s+)?$",
    re.IGNORECASE,
)
"""A title just before a body ("the president of the National Assembly, Juan Guaidó"): the
body is not what is recognised, the person after it is."""
FOLLOWED_BY = re.compile(
    r"\b(?:(?:was |were )?followed by|as did|joined by|al igual que|seguid[oa]s? (?:por|de)"
    r"|(?:en )?(?:que |como )?lo hicieron|hicieron lo mismo)\s+(?:the\s+|el\s+|la\s+)?",
    re.IGNORECASE,
)
"""Others doing the same after the recognisers ("…, followed by Canada and Brazil", "el
mismo día en que lo hicieron Estados Unidos y Canadá"): recognisers too, on the same date
only where the text says so."""
AND_THEN = re.compile(r"\s(?:and|y|e)\s+(?:(?:also|then|later|luego|después)\s+)?$")
"""A second verb joined by "and" to a first: it shares the first's recognisers."""
SAME_DAY = re.compile(r"\b(?:the same day|that same day|el mismo día|ese mismo día)\b", re.I)


def propose_recognitions(context: Context, patterns: list[Pattern]) -> list[Proposal]:
    """One recognition per recogniser of each recognising verb with recognisers before it
    and a person, government or body after it (or "him", the person named last)."""
    text = context.document.text
    proposals = []
    for index, sentence in enumerate(context.sentences):
        actors = agents(sentence.mentions, context)
        earlier: list = []
        for pattern, match in first_matches(patterns, sentence.text):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            if NEGATED.search(text[sentence.start : start]):
                continue
            if earlier and AND_THEN.search(text[sentence.start : start]):
                recognisers = earlier  # "withdrew recognition from Maduro and recognised Guaidó"
            else:  # "Ecuador, which stopped recognising Maduro": the antecedent
                recognisers = subject_of(text, chain_before(text, actors, start)) or antecedent(
                    text, actors, start
                )
            earlier = recognisers
            after = [m for m in sentence.mentions if m.anchor.start >= end]
            recognised = next(
                (
                    m
                    for m in after
                    if context.kind_of(m.entity) in RECOGNISABLE
                    and not TITLE_OF.search(text[end : m.anchor.start])
                ),
                None,
            )
            clitic = CLITIC_BEFORE.search(text[sentence.start : start])
            if (
                PRONOUN_AFTER.match(text[end : sentence.end]) or clitic
            ):  # "recognises him", "lo reconocen"
                recognised = context.recent(index + 1, ("person",), back=3)
            if not recognisers or recognised is None:
                continue
            if pattern.get("adjacent") and not re.fullmatch(
                r"\s*(?:the\s+|a\s+|al\s+)?", text[end : recognised.anchor.start]
            ):
                continue  # "stopped calling for elections … Guaidó": not a title withdrawn
            followers = []
            for follow in FOLLOWED_BY.finditer(text, recognised.anchor.end, sentence.end):
                followers += [
                    m.entity
                    for m in chain_after(text, actors, follow.end(), max_gap=4)
                    if context.kind_of(m.entity) in ("state", "government")
                ]
            same_day = SAME_DAY.search(text, recognised.anchor.end, sentence.end)
            leader_of = next(
                (
                    m.entity
                    for m in after
                    if context.kind_of(m.entity) == "state"
                    and m.anchor.start > recognised.anchor.end
                    and LEADER_OF.search(text[recognised.anchor.end : m.anchor.start])
                ),
                None,
            )
            date = context.date_of(sentence, start)
            time = {"to": date} if pattern.get("ends") else {"from": date}
            for recogniser in dict.fromkeys([*(r.entity for r in recognisers), *followers]):
                fields = {
                    "recogniser": [recogniser],
                    "recognised": recognised.entity,
                    "as-leader-of": leader_of,
                }
                key = f"{key_of(recogniser)}-recognises-{key_of(recognised.entity)}"
                when = time if recogniser not in followers or same_day else {}
                proposals.append(
                    fact(context, "recognition", pattern.rule, key, fields, sentence, when)
                )
    return proposals


RECOGNITION_NOUN = re.compile(
    r"\b(?:recognition|reconocimiento)\s+(?:of|to|a|al|de|del)\s+(?:the\s+|la\s+|el\s+)?",
    re.IGNORECASE,
)
"""Recognition as a noun after a verb of saying ("reiterate their recognition of Juan
Guaidó", "ratifican su respaldo y reconocimiento a la Asamblea Nacional")."""


def recognitions_stated(context: Context, statements: list[Proposal]) -> list[Proposal]:
    """One recognition by the issuers of a statement that states their recognition of a
    person, government or body by the noun (a joint act, as the statement is)."""
    text = context.document.text
    proposals = []
    for statement in statements:
        noun = RECOGNITION_NOUN.search(text, statement.start, statement.end)
        sentence = next((s for s in context.sentences if s.start == statement.start), None)
        if noun is None or sentence is None or NEGATED.search(text[sentence.start : noun.start()]):
            continue
        recognised = next(
            (
                m
                for m in sentence.mentions
                if m.anchor.start == noun.end() and context.kind_of(m.entity) in RECOGNISABLE
            ),
            None,
        )
        if recognised is None:
            continue
        recognisers = [
            issuer
            for issuer in statement.record["issuer"]
            if context.kind_of(issuer) in ("state", "government", "mechanism")
        ]
        if not recognisers:
            continue
        fields = {"recogniser": recognisers, "recognised": recognised.entity}
        key = f"{key_of(recognisers[0])}-recognises-{key_of(recognised.entity)}"
        time = {"from": context.date_of(sentence, noun.start())}
        proposals.append(
            fact(context, "recognition", "recognitions.py#stated", key, fields, sentence, time)
        )
    return proposals
