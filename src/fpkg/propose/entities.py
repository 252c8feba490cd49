"""Entities: every catalog entity the document names (the build's gazetteer), and candidate
catalog entries for names the catalog lacks (states of the reference gazetteer, persons
after a title, bodies and mechanisms by their head word). A candidate is never merged with
a catalog entry: a name the gazetteer does not know is a new candidate, for a curator to
link or drop."""

from __future__ import annotations

from typing import Any

from fpkg.proposals import Proposal
from fpkg.propose.candidates import Candidate
from fpkg.propose.context import Context
from fpkg.propose.states import state_labels

UNLINKED = "proposed by fpkg propose; no Wikidata QID checked yet"


def propose_entities(context: Context) -> list[Proposal]:
    """One proposal per catalog entity named (at its first mention), then the candidates."""
    proposals: list[Proposal] = []
    seen: set[str] = set()
    for sentence in context.sentences:
        for mention in sentence.mentions:
            if mention.entity in seen or mention.entity in context.candidates:
                continue
            seen.add(mention.entity)
            start, end = mention.anchor.start, mention.anchor.end
            record = {"id": mention.entity}
            proposals.append(Proposal("entity", "gazetteer", record, start, end, in_catalog=True))
    for entity, candidate in context.candidates.items():
        proposals.append(_candidate(context, entity, candidate))
    return proposals


def _candidate(context: Context, entity: str, candidate: Candidate) -> Proposal:
    record: dict[str, Any] = {"id": entity}
    if candidate.kind == "state" and entity.split("/")[1] == candidate.name:
        names = state_labels().get(candidate.name, {})
        record["label"] = names.get("en", candidate.name)
        if names.get("es") and names["es"] != record["label"]:
            record["aliases"] = [{"es": names["es"]}]
        rule = "states.py#reference-gazetteer"
    else:
        record["label"] = (
            {context.document.language: candidate.name}
            if context.spanish and candidate.kind != "person"
            else candidate.name
        )
        rule = f"candidates.py#{candidate.kind}-name"
    if candidate.owner:
        record["of"] = candidate.owner
    if candidate.mechanism_kind:
        record["kind"] = candidate.mechanism_kind
    if candidate.kind == "state" and rule != "states.py#reference-gazetteer":
        record["note"] = "Replace the key by the state's ISO 3166-1 alpha-3 code."
    if candidate.note:
        record["note"] = f"title in the text: {candidate.note}"
    record["unlinked"] = UNLINKED
    return Proposal("entity", rule, record, candidate.start, candidate.end)
