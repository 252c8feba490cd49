"""Memberships and participation: "A, B and C joined / are members of / left M", and
"M, which includes A, B and C"; and office holders: a catalog office named next to a person
("OAS General Secretary Luis Almagro", "X served as UN Secretary General") is membership of
the person in what the office is of, in that role."""

from __future__ import annotations

import itertools
import re

from fpkg.dates import PartialDate
from fpkg.mentions import Mention
from fpkg.proposals import Proposal
from fpkg.propose.context import (
    CLAUSE_CUT,
    Context,
    Sentence,
    agents,
    antecedent,
    chain_after,
    chain_before,
    fact,
    key_of,
)
from fpkg.propose.dates import find_dates
from fpkg.propose.patterns import Pattern, first_matches

ORGANIZATIONS = ("mechanism", "state-body")
HOLDS = re.compile(
    r"\s*|,\s*(?:the\s+)?(?:(?:new|former|then|current)\s+)?|\s+(?:served|serving|serves)\s+as\s+(?:the\s+)?"
)
"""What may stand between a person and the office they hold."""
ADJACENT_GAP = 4
"""Characters (beyond "the") between the words of an `adjacent` pattern and its mechanism."""
PRONOUN_AFTER = re.compile(r"\s+it\b(?!\s+(?:was|is|has|had|would|will)\b)")
"""The mechanism as a pronoun after the verb ("Argentina left it in 2041"): the one named last."""


def propose_memberships(context: Context, patterns: list[Pattern]) -> list[Proposal]:
    """One proposal per member of each list a membership pattern joins to a mechanism."""
    proposals = []
    for index, sentence in enumerate(context.sentences):
        actors = agents(sentence.mentions, context)
        if not actors:
            continue
        for pattern, match in first_matches(patterns, sentence.text):
            if pattern.get("takes-office"):
                continue  # propose_office_takings reads those
            at_start, at_end = sentence.start + match.start(), sentence.start + match.end()
            members, bodies = _sides(context, actors, pattern, at_start, at_end)
            pronoun = PRONOUN_AFTER.match(context.document.text, at_end)
            if not bodies and (pattern.get("organization-from-context") or pronoun):
                named = context.recent(index, ("mechanism",)) or context.upcoming(
                    index, ("mechanism",)
                )
                bodies = [named] if named else []
            date = context.date_of(sentence, at_start)
            time = {"from": date} if pattern.get("begins-by") else {}
            if pattern.get("ends-by"):
                time = {"to": date}
            elif not time:  # "a member of APEC since 1998", "miembro desde 2011"
                time = {"from": _since(context, sentence, at_end)}
            for organization in bodies:
                for member in members:
                    if member.entity == organization.entity:
                        continue
                    kind, fields = _fields(pattern, member.entity, organization.entity)
                    key = f"{key_of(organization.entity)}-{key_of(member.entity)}"
                    proposals.append(fact(context, kind, pattern.rule, key, fields, sentence, time))
    return proposals


SINCE = re.compile(r"\b(?:since|desde)\s+(?:(?:the|el)\s+)?$", re.IGNORECASE)
PERSON_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|[Éé]l|[Ee]lla)\s+(?:\w+ly\s+|also\s+|then\s+)?$")


def propose_office_takings(context: Context, patterns: list[Pattern]) -> list[Proposal]:
    """A person taking office ("Maduro is sworn in", "Castillo took office in Lima", "asumió la
    presidencia del Perú"): a membership of the person in the state the clause names after
    the words (or by its capital), else the one state the person heads a government of in
    facts already curated, from the clause's date. The office is left to the curator."""
    text = context.document.text
    takings = [p for p in patterns if p.get("takes-office")]
    proposals = []
    for index, sentence in enumerate(context.sentences):
        for pattern, match in first_matches(takings, sentence.text):
            at_start, at_end = sentence.start + match.start(), sentence.start + match.end()
            persons = [m for m in sentence.mentions if context.kind_of(m.entity) == "person"]
            person = chain_before(text, persons, at_start)[-1:]
            if not person and PERSON_PRONOUN.search(text[sentence.start : at_start]):
                named = [m for m in persons if m.anchor.end <= at_start]
                person = named[-1:] or [m for m in [context.recent(index, ("person",))] if m]
            if not person:
                continue
            cut = CLAUSE_CUT.search(text, at_end, sentence.end)
            clause_end = cut.start() if cut else sentence.end
            states = [
                m.entity
                for m in sentence.mentions
                if at_end <= m.anchor.start < clause_end and context.kind_of(m.entity) == "state"
            ]
            heads = sorted(context.heads.get(person[0].entity, set()))
            state = states[0] if states else (heads[0] if len(heads) == 1 else None)
            if state is None:
                continue
            fields = {"member": person[0].entity, "organization": state}
            key = f"{key_of(state)}-{key_of(person[0].entity)}"
            time = {"from": context.date_of(sentence, at_start)}
            proposals.append(fact(context, "membership", pattern.rule, key, fields, sentence, time))
    return proposals


def _since(context: Context, sentence: Sentence, at: int) -> PartialDate | None:
    """The date after ``at`` in its sentence that opens a period ("since 1998", "desde
    2011"), before any semicolon."""
    text = context.document.text
    end = text.find(";", at, sentence.end)
    for found in find_dates(text[at : end if end >= 0 else sentence.end], at):
        if SINCE.search(text[max(sentence.start, found.start - 12) : found.start]):
            return found.date
    return None


def _fields(pattern: Pattern, member: str, organization: str) -> tuple[str, dict[str, str | None]]:
    """A membership, or, for a pattern with a ``participation:`` role (an observer, a party
    to negotiations toward a mechanism not yet set up, a candidate), a participation: taking
    part without being a member."""
    role = pattern.get("participation")
    if role:
        return "participation", {"participant": member, "in": organization, "role": role}
    return "membership", {
        "member": member,
        "organization": organization,
        "begins-by": pattern.get("begins-by"),
        "ends-by": pattern.get("ends-by"),
    }


def _sides(
    context: Context, actors: list[Mention], pattern: Pattern, at_start: int, at_end: int
) -> tuple[list[Mention], list[Mention]]:
    """The members and the mechanisms (one, or a list) a membership pattern joins."""
    text = context.document.text
    bodies = [m for m in actors if context.kind_of(m.entity) in ORGANIZATIONS]
    if pattern.get("members") == "after":
        before = [m for m in bodies if m.anchor.end <= at_start]
        inside = pattern.get("adjacent")  # the list inside the bracket matched
        listed = chain_after(text, actors, at_start + 1 if inside else at_end)
        if inside and (
            not before or text[before[-1].anchor.end : at_start].strip() or len(listed) < 2
        ):
            return [], []  # a bracket not right after the mechanism, or not a list
        return listed, before[-1:]
    # "Canada, which joined the Lima Group", "Bolivia, que se sumó al"
    members = chain_before(text, actors, at_start) or antecedent(text, actors, at_start)
    near = pattern.get("adjacent")  # the mechanism right after the words, or none
    listed = chain_after(text, bodies, at_end, max_gap=ADJACENT_GAP if near else 40)
    after = [] if near else [m for m in bodies if m.anchor.start >= at_end]
    return members, listed or after[:1]


def propose_office_holders(context: Context) -> list[Proposal]:
    """A membership with a ``role`` for each catalog office named next to a person."""
    text = context.document.text
    proposals = []
    for sentence in context.sentences:
        mentions = sentence.mentions
        for left, right in itertools.pairwise(mentions):
            kinds = {context.kind_of(left.entity), context.kind_of(right.entity)}
            if kinds != {"office", "person"}:
                continue
            if not HOLDS.fullmatch(text[left.anchor.end : right.anchor.start]):
                continue
            office, person = (
                (left, right) if context.kind_of(left.entity) == "office" else (right, left)
            )
            of = context.catalog[office.entity].values.get("of")
            if not of:
                continue
            fields = {"member": person.entity, "organization": of[0], "role": office.entity}
            key = f"{key_of(office.entity)}-{key_of(person.entity)}"
            rule = "memberships.py#office-holder"
            proposals.append(fact(context, "membership", rule, key, fields, sentence))
    return proposals
