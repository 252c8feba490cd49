"""Memberships and participation: "A, B and C joined / are members of / left M", and
"M, which includes A, B and C"."""

from __future__ import annotations

from fpkg.proposals import Proposal
from fpkg.propose.context import Context, agents, chain_after, chain_before, fact, key_of
from fpkg.propose.patterns import Pattern, first_matches

ORGANIZATIONS = ("mechanism", "state-body")


def propose_memberships(context: Context, patterns: list[Pattern]) -> list[Proposal]:
    """One proposal per member of each list a membership pattern joins to a mechanism."""
    proposals = []
    for index, sentence in enumerate(context.sentences):
        actors = agents(sentence.mentions, context)
        if not actors:
            continue
        for pattern, match in first_matches(patterns, sentence.text):
            at_start, at_end = sentence.start + match.start(), sentence.start + match.end()
            organizations = [m for m in actors if context.kind_of(m.entity) in ORGANIZATIONS]
            if pattern.get("members") == "after":
                members = chain_after(context.document.text, actors, at_end)
                before = [m for m in organizations if m.anchor.end <= at_start]
                organization = before[-1] if before else None
            else:
                members = chain_before(context.document.text, actors, at_start)
                after = [m for m in organizations if m.anchor.start >= at_end]
                organization = after[0] if after else None
            if organization is None and pattern.get("organization-from-context"):
                organization = context.recent(index, ("mechanism",))
            if organization is None:
                continue
            date = context.date_of(sentence, at_start)
            time = {}
            if pattern.get("begins-by"):
                time["from"] = date
            elif pattern.get("ends-by"):
                time["to"] = date
            for member in members:
                if member.entity == organization.entity:
                    continue
                fields = {
                    "member": member.entity,
                    "organization": organization.entity,
                    "begins-by": pattern.get("begins-by"),
                    "ends-by": pattern.get("ends-by"),
                }
                key = f"{key_of(organization.entity)}-{key_of(member.entity)}"
                proposals.append(
                    fact(context, "membership", pattern.rule, key, fields, sentence, time)
                )
    return proposals
