"""Statements, coded in the manner of PETRARCH: a verb of the dictionary
(``data/patterns/statements.yaml``) gives the stance; the actors just before it are the
issuers (or those after "by" in the passive; a verb joined by "and" to an earlier one shares
its issuers); the entities after it, up to the next verb, are what it is about; a cue word
of the sentence gives the statement kind (``remark`` without one)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from fpkg.anchoring import Anchor
from fpkg.mentions import Mention
from fpkg.proposals import Proposal
from fpkg.propose.context import (
    ASIDE,
    CLAUSE_BREAK,
    Context,
    Sentence,
    agents,
    chain_after,
    chain_before,
    fact,
    key_of,
    subject_of,
)
from fpkg.propose.indicators import NUMBER_WORDS
from fpkg.propose.patterns import Pattern, first_matches
from fpkg.propose.titles import respective_pairs
from fpkg.schema import AGENTS

PASSIVE = re.compile(
    r"\b(?:was|were|been|being|is|are|fue|fueron|sido|será|serán|es|son)\s+(?:\w+ly\s+)?$"
)
AGENT = re.compile(r"\s+(?:by|por)\s+(?:parte\s+de\s+)?")
"""The agent of a passive: "was condemned by X", "fue condenado por X"."""
PRONOUN = re.compile(
    r"\b(?P<pronoun>[Hh]e|[Ss]he|[Ii]t|[Tt]hey|[Ee]llos|[Ee]llas|[Éé]l|[Ee]lla"
    r"|[Tt]he\s+(?:then[- ]|former\s+|new\s+)?(?:president|head\s+of\s+state)"
    r"|[Tt]he\s+(?:new\s+)?(?:government|administration)"
    r"|[Ii]ts\s+(?:new\s+)?(?:government|administration|authorities)|[Ss]u\s+gobierno)\s+"
    r"(?:(?:\w+ly|also|then|had|has|have|not\s+only|did\s+not|does\s+not|began|begins|started"
    r"|starts|continued|continues|(?:decided|agreed|went\s+on)\s+to)\s+)*$"
)
"""A pronoun, or a definite description of a head of state ("the then-president") or of a
government ("the government"), just before the verb: its issuer is named earlier."""
GOVERNMENT = re.compile(r"(?:government|administration)$")
NEGATED = re.compile(
    r"\b(?:(?:did|does|do|would|will|could|can)\s+not|didn[’']t|doesn[’']t|never|not"
    r"|refused\s+to|declined\s+to|desisted\s+from|refrained\s+from|abstained\s+from"
    r"|[Nn]o|[Nn]unca|[Jj]amás|se\s+neg(?:ó|aron)\s+a|rehus(?:ó|aron)|se\s+abstuvo\s+de"
    r"|se\s+abstuvieron\s+de)"
    r"\s+(?:\w+ly\s+)?(?:(?:seek|want|try|intend)\s+to\s+)?(?:(?:se|lo|la|les|le)\s+)?$"
)
"""Words before a verb that say the issuer did not do it ("did not support", "desisted
from calling for"): the statement is proposed with ``polarity: negated``."""
NOUN_BEFORE = re.compile(
    r"(?:[’']s|\b(?:[Aa]n?|[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Oo]f|[Ff]or|[Ww]hose|[Tt]his|[Tt]hese"
    r"|[Ee]l|[Ll]a|[Ll]os|[Ll]as|[Uu]na?|[Ss]us?|[Dd]el|[Aa]l|[Dd]e|[Ee]st[ea]s?|[Ee]se))\s+$"
)
"""Words after which a verb form of the dictionary is a noun."""
VERBAL = re.compile(r"no\s|\w+(?:ar|er|ir)\b(?!\s+(?:de|del)\b)")
"""A match that is a verb whatever precedes it: a negation ("de no reconocer") or a Spanish
infinitive ("su decisión de condenar", "a respaldar"), not a noun ("el deber de")."""
DETERMINER = re.compile(
    r"\s+(?:the|a|an|its|their|his|her|new|el|la|los|las|un|una|su|sus|nuevas?|nuevos?)\s+"
)
"""Between a verb of saying and an act's noun it takes as object ("ordered the closure")."""
PLANNED = re.compile(r"\b(?:was|is|were|are|be|been)\s+to\s+$")
"""Words before a verb that make it what a plan or proposal was, not an act done."""
PERSONS = ("person",)
JOINT = ("joint-statement", "declaration")
"""Kinds of statement several actors issue together; otherwise each issues its own."""
COLLECTIVES = ("state", "mechanism", "state-body", "government")
GROUP = 4
"""Issuers of one verb from which on the statement is one joint act of the group ("the
ministers of A, B, C … signed"), not one per issuer."""
POSSESSIVE = re.compile(r"[’']s\s+(?:\w+\s+)?")
POSSESSIVE_PRONOUN = re.compile(r"\b(?P<pronoun>[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)\s+(?:\w+\s+)?$")
DEMONYM_BEFORE = re.compile(r"\b(?P<word>[A-Z][a-z]+)\s+$")
PAIR = re.compile(
    r"\b(?:[Bb]oth|[Tt]he\s+two)\s+(?:countries|states|nations|governments)\s+"
    r"(?:(?:\w+ly|also|have|has|had)\s+)*$"
)
"""Two states referred to together ("both countries", "the two countries"): the last two
states named in the sentence or the two before it issue the statement jointly."""
RELATIVE = re.compile(
    r",?\s*\b(?:which|who|que|quien|quienes)\s+(?:(?:\w+ly|also|had|has|have|ya|también)\s+)*$"
)
"""A relative pronoun just before the verb: its issuer is the actor it refers back to."""
COORDINATED = re.compile(
    r"^\s*(?:,\s*)?(?:and|but|while|then|y|e|pero|mientras)\s+(?:also\s+|then\s+|además\s+)?$"
)
LIST_POINT = re.compile(r"(?:^|\n)[ \t]*(?:[-•*·–]|\d{1,2}[.)])[ \t]+$")
"""A point of a list, just before its verb: the subject is the list's (a declaration's)."""
VERB_PLURAL = re.compile(r"^\w+n\b")
"""A Spanish verb in the third person plural ("señalan", "condenaron")."""
CONJOINED = re.compile(r"\S\s+\S.*\s(?:y|and|e)\s+$")
"""Words, then "and"/"y", between an actor and the verb: the actor belongs to the clause
before, and the verb shares that clause's subject."""
PLURAL_PRONOUN = re.compile(r"^[Tt]hey$|^[Ee]llos$|^[Ee]llas$")
REPORTED = re.compile(r"[^;.!?\n]{0,120}")
"""What may stand between a verb of saying and the act it reports ("say they will not
recognise", "reafirman que rechazan"): within one clause of reported speech."""
SIGNED_BY = re.compile(
    r"\b(?:signed|co-?signed|endorsed|subscribed|firmad[oa]s?|suscrit[oa]s?|respaldad[oa]s?)"
    r"\s+(?:(?:jointly|conjuntamente)\s+)?(?:by|por)\s+"
)
SIGNED = re.compile(
    r"\b(?:sign(?:s|ed)?|co-?sign(?:s|ed)?|firm(?:a|an|ó|aron)|suscrib(?:e|en|ió|ieron))\b"
)
"""A text signed by a list of actors ("was signed by A, B and C", "A, B y C firmaron"): its
signatories, what "the signatories" / "los países firmantes" refer to."""
SIGNATORIES = re.compile(
    r"\b(?:[Tt]he|[Ll]os|[Ll]as|[Ss]us)\s+(?:(?:countries|states|governments|nations|países"
    r"|Estados|gobiernos|naciones)\s+)?(?:signatories|signatory\s+(?:states|countries"
    r"|governments|nations)|firmantes|signatarios|signatarias)\s+(?:(?:\w+ly|also|then|además"
    r"|también|asimismo)\s+)*$"
)
COUNTED = re.compile(
    r"\b(?P<count>\d{1,2}|[A-Za-zé]+)\s+(?:[A-Z][a-zé]+\s+){0,2}(?:governments|countries|states"
    r"|nations|gobiernos|países|Estados|naciones)(?:\s+[a-záéíóú]+(?:os|as|es))?"
    r"\s+(?:(?:\w+ly|also|then|have|had|también)\s+)*$"
)
"""A number of states as a subject ("Eleven Latin American governments signed", "doce
países firmaron"): the list of exactly that many states named near it."""
TEXT_SUBJECT = re.compile(
    r"\b(?:[Tt]he|[Ll]a|[Ee]l|[Ii]ts|[Ss]u)\s+(?:(?:final|joint|new|adopted|nueva|final)\s+)?"
    r"(?:resolution|declaration|resolución|declaración)\s+(?:(?:\w+ly|also|then|itself|además"
    r"|también|asimismo)\s+)*$"
)
"""An adopted text as the subject of a verb ("The resolution declares", "La resolución
exhorta"): the act is the body's that adopted it, the body named last."""
BODIES = ("state-body", "mechanism")
TEXT_BODY_BACK = 8
"""Sentences back to look for the body of "the resolution" (a record's heading, its lines)."""
QUOTE_BEFORE = re.compile(r"[”\"’'],?\s*$")
"""A verb of saying right after a quotation: its speaker follows it ('"…," said X')."""
SPEAKER_GAP = 30
"""Characters of title words between such a verb and its speaker ("said Foreign Minister")."""
SECOND_PREDICATE = re.compile(
    r",\s*(?:and|y)\s+(?:(?:has|have|had|also|then|is|was|ha|había)\s+)+$"
)
"""", and has …" before a verb: a second predicate of the sentence's subject."""
SENTENCE_SUBJECT_GAP = 40
"""Characters a list of actors may start after the start of its sentence and still be the
sentence's subject ("Los Gobiernos de A, B y C, …, declaran")."""


Coded = tuple[Pattern, int, int, list[Mention], bool]
"""An act found in a sentence: its pattern, the verb's offsets, its issuers, negated."""


@dataclass
class Subjects:
    """The subjects a clause without one of its own refers back to: the last list of two or
    more actors that was a subject ("they", a Spanish verb in the plural without a subject),
    and the last subject of any number (a Spanish verb in the singular without one)."""

    plural: list[Mention] = field(default_factory=list)
    last: list[Mention] = field(default_factory=list)
    last_sentence: int = -10
    signers: list[Mention] = field(default_factory=list)
    """The last list of actors that signed a text."""
    text_body: list[Mention] = field(default_factory=list)
    text_sentence: int = -10
    """The body whose text ("the resolution") was the subject in sentence ``text_sentence``."""

    def update(self, issuers: list[Mention], index: int) -> None:
        if len({m.entity for m in issuers}) >= 2:
            self.plural = issuers
        if issuers:
            self.last, self.last_sentence = issuers, index


def propose_statements(
    context: Context, verbs: list[Pattern], kinds: list[Pattern]
) -> list[Proposal]:
    """One statement per verb of the dictionary that has an issuer in its sentence, and
    per noun of an act (``nominal: true``) whose owner is named just before it."""
    nominal = [p for p in verbs if p.get("nominal")]
    verbal = [p for p in verbs if not p.get("nominal")]
    proposals = []
    subjects = Subjects()
    text = context.document.text
    for index, sentence in enumerate(context.sentences):
        actors = agents(sentence.mentions, context)
        opening = _titled_persons(context, sentence) or chain_after(
            text, actors, sentence.start, max_gap=SENTENCE_SUBJECT_GAP
        )
        earlier = subjects.plural
        subjects.update(opening if len(opening) > 1 else [], index)
        signers = _signers(text, sentence, actors)
        if signers:
            subjects.signers = signers
        coded: list[Coded] = []
        shared: set[int] = set()
        """Starts of verbs whose issuers are a list referred back to: one joint statement."""
        for pattern, match in first_matches(nominal, sentence.text):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            if pattern.get("nominal") == "owner-after":
                owner = _owner_after(context, sentence, end)
            else:
                owner = _owner(context, index, actors, start)
            if owner:
                coded.append((pattern, start, end, owner, False))
        acts = [(start, end) for _, start, end, _, _ in coded]
        for pattern, match in first_matches(verbal, sentence.text):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            spans = [(m.anchor.start, m.anchor.end) for m in sentence.mentions]
            verb_end = start + len(match.group().split()[0])  # the phrase may name its object
            if any(a < verb_end and start < b for a, b in spans) or any(
                a < end and start < b for a, b in acts
            ):
                continue  # a verb inside a name ("… Support Group") or a noun coded above
            if PLANNED.search(sentence.text[: match.start()]):
                continue  # a plan, not an act ("the proposal was to break relations")
            decided = bool(coded) and not coded[-1][0].get("stance")
            if decided and not DETERMINER.fullmatch(text[coded[-1][2] : start]):
                decided = False  # "ordenó el cierre", "announced the sanctions": its object
            if (
                NOUN_BEFORE.search(sentence.text[: match.start()])
                and not VERBAL.match(match.group())
                and not decided
            ):
                continue  # a noun, not a verb ("Russia’s support", "the sanctions")
            verbs_before = [c for c in coded if c[1] < start and not c[0].get("nominal")]
            previous = verbs_before[-1][3] if verbs_before else []
            if pattern.get("reported"):  # its subject is a thing: the speaker's, if reported
                coded.append((pattern, start, end, [], False))
                continue
            issuers = _issuers(context, index, sentence, actors, (start, end), previous, subjects)
            if not issuers:
                before = sentence.text[: match.start()]
                issuers = _implicit(context, index, match.group(), before, subjects)
            if issuers and issuers is subjects.plural:
                shared.add(start)
            negated = bool(NEGATED.search(sentence.text[: match.start()]))
            if negated and subjects.plural is opening:
                subjects.plural = earlier  # those who did not sign are not the signatories
            elif not negated:
                subjects.update(issuers, index)
            coded.append((pattern, start, end, issuers, negated))
        coded = _without_bare_sayings(_fold_reported(text, sorted(coded, key=lambda c: c[1])))
        kind = next((k.get("kind") for k, _ in first_matches(kinds, sentence.text)), "remark")
        for position, (pattern, start, end, issuers, negated) in enumerate(coded):
            if not issuers:
                continue
            stop = sentence.end
            if position + 1 < len(coded):
                _, next_start, _, next_issuers, _ = coded[position + 1]
                stop = min(
                    [next_start, *(i.anchor.start for i in next_issuers if i.anchor.start > end)]
                )
            issuer_ids = _unique(i.entity for i in issuers)
            about = [
                m.entity
                for m in sentence.mentions
                if end <= m.anchor.start < stop and m.entity not in issuer_ids
            ]
            paired = PAIR.search(context.document.text[sentence.start : start])
            joint = (
                kind in JOINT
                or len(issuer_ids) == 1
                or len(issuer_ids) >= GROUP
                or bool(paired)
                or start in shared
            )
            for group in [issuer_ids] if joint else [[issuer] for issuer in issuer_ids]:
                fields = {
                    "kind": kind,
                    "issuer": group,
                    "about": _unique(about),
                    "stance": [pattern.get("stance")] if pattern.get("stance") else None,
                    "polarity": "negated" if negated else None,
                }
                key = f"{key_of(group[0])}-{pattern.get('stance') or 'statement'}"
                time = {"date": context.date_of(sentence, start)}
                proposals.append(
                    fact(context, "statement", pattern.rule, key, fields, sentence, time)
                )
    return proposals


def _fold_reported(text: str, coded: list[Coded]) -> list[Coded]:
    """A verb of saying without a stance and the act its clause reports, one statement: the
    speaker's, with the act's stance ("Peru and Chile say they will not recognise",
    "Reafirman que rechazan"), not a statement without a stance beside a second one. An act
    whose subject the clause names ("X said that Chile rejected") stays Chile's own."""
    folded: list[Coded] = []
    index = 0
    while index < len(coded):
        pattern, start, end, issuers, negated = coded[index]
        following = coded[index + 1] if index + 1 < len(coded) else None
        if (
            following
            and not pattern.get("stance")
            and not negated
            and following[0].get("stance")
            and not following[0].get("nominal")
            and REPORTED.fullmatch(text[end : following[1]])
            and not any(end <= m.anchor.start < following[1] for m in following[3])
        ):
            folded.append((following[0], start, end, issuers or following[3], following[4]))
            index += 2
            continue
        folded.append(coded[index])
        index += 1
    return folded


def _without_bare_sayings(coded: list[Coded]) -> list[Coded]:
    """The acts of a sentence less a verb of saying without a stance whose issuers also
    issue an act with one there ("X said … and condemned …": the condemnation says it all)."""
    stated = [
        {m.entity for m in issuers} for pattern, _, _, issuers, _ in coded if pattern.get("stance")
    ]
    return [
        c
        for c in coded
        if c[0].get("stance") or c[4] or not c[3] or {m.entity for m in c[3]} not in stated
    ]


def _issuers(
    context: Context,
    index: int,
    sentence: Sentence,
    actors: list[Mention],
    verb: tuple[int, int],
    previous: list[Mention],
    subjects: Subjects,
) -> list[Mention]:
    """Who issues the statement of the verb at ``verb`` (document offsets)."""
    text = context.document.text
    start, end = verb
    by = AGENT.match(text[end : sentence.end])
    participle = not text[start:end].split()[0].endswith("ing")
    if participle and PASSIVE.search(text[sentence.start : start]):
        return chain_after(text, actors, end + by.end(), max_gap=30) if by else []
    if QUOTE_BEFORE.search(text[sentence.start : start]):  # '"…," said Minister Freeland'
        speaker = chain_after(text, actors, end, max_gap=SPEAKER_GAP)
        if speaker:
            return speaker[:1]
    chain = subject_of(text, chain_before(text, actors, start))
    if not chain and SECOND_PREDICATE.search(text[sentence.start : start]):
        opening = chain_after(text, actors, sentence.start, max_gap=SENTENCE_SUBJECT_GAP)
        if opening:
            return opening  # "Canada recognised Guaidó …, and has called on the regime"
    if participle and by and not chain:  # a reduced relative: "the sanctions imposed by X"
        return chain_after(text, actors, end + by.end(), max_gap=30)
    if PAIR.search(text[sentence.start : start]):
        return _pair(context, index, start)
    relative = RELATIVE.search(text[sentence.start : start])
    if relative:  # "a Lima Group statement, which rejected": the antecedent issues it
        at = sentence.start + relative.start()
        antecedent = [m for m in actors if m.anchor.end <= at and at - m.anchor.end <= 40]
        if antecedent and not CLAUSE_BREAK.search(text[antecedent[-1].anchor.end : at]):
            return antecedent[-1:]
    before = [m for m in actors if m.anchor.end <= start]
    if previous and (not before or COORDINATED.fullmatch(text[before[-1].anchor.end : start])):
        return previous
    plural_verb = context.spanish and bool(VERB_PLURAL.search(text[start:end]))
    if len(chain) == 1 and plural_verb and (previous or subjects.plural):
        return previous or subjects.plural  # "la Asamblea Nacional … y señalan": no agreement
    if chain and CONJOINED.search(text[chain[-1].anchor.end : start]):
        opening = chain_after(text, actors, sentence.start, max_gap=SENTENCE_SUBJECT_GAP)
        if opening and opening[-1].anchor.end <= chain[0].anchor.start:
            return opening  # "Kuczynski agradeció a … del Perú … y afirmó": the first subject
    if not chain and subjects.signers and SIGNATORIES.search(text[sentence.start : start]):
        subjects.plural = subjects.signers  # "the signatories undertake …; they also call"
        return subjects.plural
    adopted = None if chain else TEXT_SUBJECT.search(_without_aside(text, sentence.start, start))
    if adopted:  # "The resolution declares …": the body that adopted it
        body = context.recent(index + 1, BODIES, back=TEXT_BODY_BACK)
        subjects.text_body, subjects.text_sentence = ([body] if body else []), index
        return subjects.text_body
    counted = None if chain else COUNTED.search(text[sentence.start : start])
    if counted:
        return _counted(context, index, counted["count"].lower())
    pronoun = PRONOUN.search(text[sentence.start : start])
    if chain or not pronoun:
        return chain
    word = pronoun["pronoun"].lower()
    if word == "it" and subjects.text_body and index - subjects.text_sentence <= 1:
        subjects.text_sentence = index  # "It asks …" after "The resolution declares …"
        return subjects.text_body
    if PLURAL_PRONOUN.match(word) and subjects.plural:  # "they": the last plural subject
        return subjects.plural
    if GOVERNMENT.search(word) and word.startswith(
        "the"
    ):  # the state whose government was named last ("the Peruvian government")
        return _government(context, index, sentence.start + pronoun.start())
    kinds = PERSONS if word in ("he", "she") or word.startswith("the") else COLLECTIVES
    limit = sentence.start + pronoun.start()
    named = [m for m in actors if m.anchor.end <= limit and context.kind_of(m.entity) in kinds]
    if word.startswith("the"):  # a head of state: one known to head a government, if named
        named = [m for m in named if m.entity in context.heads] or named
        found = named[-1] if named else context.recent(index, kinds, heads_first=True)
    else:
        found = named[-1] if named else _last_subject(context, index, kinds, subjects)
    return [found] if found else []


def _titled_persons(context: Context, sentence: Sentence) -> list[Mention]:
    """The persons a sentence opens with under a plural title of states ("Los Presidentes de
    la República Argentina, A; del Brasil, B; …"): the subject is the persons, not the
    states that qualify their title."""
    for start, _, pairs in respective_pairs(context, sentence):
        if start - sentence.start <= SENTENCE_SUBJECT_GAP:
            return [person for _, person in pairs]
    return []


def _last_subject(
    context: Context, index: int, kinds: tuple[str, ...], subjects: Subjects
) -> Mention | None:
    """What "it", "he" or "she" opening a clause refers to when its sentence names no actor
    of that kind before it: the last subject, if one actor of that kind in the two sentences
    before ("Ecuador declared an emergency at the crossing from Colombia. It then began
    requiring passports": Ecuador), else the actor of that kind named last."""
    last = subjects.last
    if (
        len({m.entity for m in last}) == 1
        and context.kind_of(last[0].entity) in kinds
        and 0 < index - subjects.last_sentence <= 2
    ):
        return last[0]
    return context.recent(index, kinds)


def _implicit(
    context: Context, index: int, verb: str, before: str, subjects: Subjects
) -> list[Mention]:
    """The subject a verb without one refers back to: a verb opening a point of a list
    ("- reiterate their recognition", "1. Reafirman") or a Spanish verb in the plural, the
    last plural subject; a Spanish verb in the singular, the last subject within two
    sentences."""
    if LIST_POINT.search(before):
        return subjects.plural
    if not context.spanish:
        return []
    if VERB_PLURAL.match(verb):
        return subjects.plural
    return subjects.last if index - subjects.last_sentence <= 2 else []


def _without_aside(text: str, start: int, end: int) -> str:
    """``text[start:end]`` less an aside at its end ("The resolution, adopted on …, ")."""
    before = text[start:end]
    aside = ASIDE.search(before)
    return before[: aside.start()] + " " if aside else before


def _signers(text: str, sentence: Sentence, actors: list[Mention]) -> list[Mention]:
    """The actors the sentence says signed a text, if two or more and not negated."""
    for match in SIGNED_BY.finditer(text, sentence.start, sentence.end):
        listed = chain_after(text, actors, match.end(), max_gap=60)
        if len(listed) > 1:
            return listed
    for match in SIGNED.finditer(text, sentence.start, sentence.end):
        if NEGATED.search(text[sentence.start : match.start()]):
            continue
        listed = chain_before(text, actors, match.start())
        if len(listed) > 1:
            return listed
    return []


def _counted(context: Context, index: int, count: str) -> list[Mention]:
    """The list of exactly ``count`` states named in sentence ``index`` or the two after or
    before it (the nearest first): what "eleven governments" refers to."""
    number = int(count) if count.isdigit() else NUMBER_WORDS.get(count)
    if not number or number < 2:
        return []
    text = context.document.text
    for near in (index, index + 1, index - 1, index + 2, index - 2):
        if not 0 <= near < len(context.sentences):
            continue
        states = [
            m for m in context.sentences[near].mentions if context.kind_of(m.entity) == "state"
        ]
        for position, first in enumerate(states):
            listed = chain_after(text, states[position:], first.anchor.start, max_gap=0)
            if len({m.entity for m in listed}) == number:
                return listed
    return []


def _government(context: Context, index: int, limit: int) -> list[Mention]:
    """The state named last as a government ("the Peruvian government") before ``limit`` in
    sentence ``index`` or the two before it: what "the government" then refers to."""
    text = context.document.text
    named = [
        m
        for sentence in context.sentences[max(0, index - 2) : index + 1]
        for m in sentence.mentions
        if m.anchor.end <= limit
        and context.kind_of(m.entity) == "state"
        and GOVERNMENT.search(text[m.anchor.start : m.anchor.end])
    ]
    return named[-1:]


def _pair(context: Context, index: int, start: int) -> list[Mention]:
    """The last two states named before ``start`` in sentence ``index`` or the two before
    it (what "both countries" refers to), or none if fewer are named."""
    named: dict[str, Mention] = {}
    for sentence in context.sentences[max(0, index - 2) : index + 1]:
        for mention in sentence.mentions:
            if mention.anchor.end <= start and context.kind_of(mention.entity) == "state":
                named.pop(mention.entity, None)
                named[mention.entity] = mention
    return list(named.values())[-2:] if len(named) >= 2 else []


def _owner_after(context: Context, sentence: Sentence, end: int) -> list[Mention]:
    """The actor named just after a noun of an act and "of" ("the reaction of Mexico"); an
    office stands for what it is of ("the reaction of the Foreign Secretary of Mexico")."""
    text = context.document.text
    after = [m for m in sentence.mentions if m.anchor.start >= end]
    if not after or not re.fullmatch(r"\s*(?:the\s+)?", text[end : after[0].anchor.start]):
        return []
    first = after[0]
    kind = context.kind_of(first.entity)
    if kind == "office":
        of = context.catalog[first.entity].values.get("of", [])
        return [Mention(str(of[0]), first.anchor)] if of else []
    return [first] if kind in AGENTS else []


def _owner(context: Context, index: int, actors: list[Mention], start: int) -> list[Mention]:
    """Whose act a noun at ``start`` names: an actor just before it with a possessive
    ("Peru’s condemnation"), the one a possessive pronoun refers to ("his address": the
    person named last), or a state by its demonym ("the Peruvian request")."""
    text = context.document.text
    owners = [m for m in actors if m.anchor.end <= start]
    if owners and POSSESSIVE.fullmatch(text[owners[-1].anchor.end : start]):
        return [owners[-1]]
    pronoun = POSSESSIVE_PRONOUN.search(text[max(0, start - 40) : start])
    if pronoun:
        kinds = PERSONS if pronoun["pronoun"].lower() in ("his", "her") else COLLECTIVES
        limit = start - len(pronoun.group())
        named = [m for m in owners if m.anchor.end <= limit and context.kind_of(m.entity) in kinds]
        found = named[-1] if named else context.recent(index, kinds)
        return [found] if found else []
    demonym = DEMONYM_BEFORE.search(text[max(0, start - 40) : start])
    state = context.demonyms.get(demonym["word"]) if demonym else None
    if state is None:
        return []
    begin = start - len(demonym.group()) + demonym.start("word")
    return [Mention(state, Anchor(context.document, begin, begin + len(demonym["word"])))]


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
