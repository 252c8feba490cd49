"""Entities: every catalog entity the document names (the build's gazetteer), and candidate
catalog entries for names the catalog lacks. A candidate is never merged with a catalog
entry: a name the gazetteer does not know is a new candidate, for a curator to link or drop."""

from __future__ import annotations

import re

from fpkg.proposals import Proposal
from fpkg.propose.context import Context, slug

_CAP = r"[A-ZÁÉÍÓÚÑ][\w’'-]+"
_NAME = rf"(?P<name>{_CAP}(?:\s+(?:(?:de|del|de la|da|van|von|y)\s+)?{_CAP}){{1,3}})"
TITLES = (
    r"(?:Vice[- ])?President|Prime Minister|(?:Foreign |Deputy |Vice |Interior |Defen[cs]e )?"
    r"Minister|Chancellor|Secretary(?:[- ]General)?|Senator|Ambassador|General|Congress(?:wo)?man"
    r"|Deputy|Mayor|Governor|Judge|Commissioner|Envoy|Coordinator|Spokes(?:wo)?man"
)
PERSON = re.compile(rf"\b(?:{TITLES})\s+{_NAME}")
HEADS = {
    "Group": "informal-group",
    "Forum": "informal-group",
    "Network": "informal-group",
    "Initiative": "informal-group",
    "Partnership": "informal-group",
    "Mechanism": "informal-group",
    "Alliance": "integration-scheme",
    "Community": "integration-scheme",
    "Organization": "international-organization",
    "Organisation": "international-organization",
    "Union": "international-organization",
    "Association": "international-organization",
    "Bank": "international-organization",
    "Fund": "international-organization",
    "Commission": "international-organization",
    "Court": "court",
    "Tribunal": "court",
    "Summit": "summit",
    "Conference": "summit",
    "Pact": "treaty-mechanism",
}
MECHANISM = re.compile(
    rf"\b(?P<name>(?:{_CAP}\s+(?:(?:of|for|on|and|the|de|del)\s+)*){{1,6}}(?:{'|'.join(HEADS)}))\b"
)
STATE = re.compile(
    rf"\b(?P<name>(?:Republic|Kingdom|Federation|Principality|Sultanate|Emirate) of {_CAP}(?:\s+{_CAP})*)"
)
UNLINKED = "proposed by fpkg propose; no Wikidata QID checked yet"


def propose_entities(context: Context) -> list[Proposal]:
    """One proposal per catalog entity named (at its first mention), then the candidates."""
    proposals: list[Proposal] = []
    seen: set[str] = set()
    for sentence in context.sentences:
        for mention in sentence.mentions:
            if mention.entity in seen:
                continue
            seen.add(mention.entity)
            start, end = mention.anchor.start, mention.anchor.end
            record = {"id": mention.entity}
            proposals.append(Proposal("entity", "gazetteer", record, start, end, in_catalog=True))
    known = {name for record in context.catalog.values() for name in record.names()}
    candidates: dict[str, Proposal] = {}
    for sentence in context.sentences:
        taken = [(m.anchor.start, m.anchor.end) for m in sentence.mentions]
        for kind, regex in (("person", PERSON), ("mechanism", MECHANISM), ("state", STATE)):
            for match in regex.finditer(sentence.text):
                exact = re.sub(r"^(?:The|the)\s+", "", match["name"])
                start = sentence.start + match.end("name") - len(exact)
                end = sentence.start + match.end("name")
                name = " ".join(exact.split())
                if name in known or name in candidates:
                    continue
                if any(start < t_end and t_start < end for t_start, t_end in taken):
                    continue
                candidates[name] = _candidate(context, kind, name, start, end)
                taken.append((start, end))
    return proposals + list(candidates.values())


def _candidate(context: Context, kind: str, name: str, start: int, end: int) -> Proposal:
    record: dict[str, object] = {"id": f"{kind}/{slug(name)}", "label": name}
    if kind == "mechanism":
        record["kind"] = HEADS[name.split()[-1]]
    if kind == "state":
        record["note"] = "Replace the key by the state's ISO 3166-1 alpha-3 code."
    record["unlinked"] = UNLINKED
    return Proposal("entity", f"entities.py#{kind}-name", record, start, end)
