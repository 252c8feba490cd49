"""Benchmark: ``fpkg propose`` against the curated facts, per kind of proposal.

Each corpus document is proposed on as if it were new (its review file is not read) and
its proposals are scored against its curated facts in data/facts/{id}.yaml as they stand.
The catalog used is the current one, which already holds the entities of these documents:
a truly new document would have more candidates and fewer catalog mentions. The facts
curated from the *other* documents are given as known (who heads which state's government),
never the document's own.

Matching, one to one (each curated fact is matched by at most one proposal, greedily in
text order):

- a fact proposal matches a curated fact of the same kind when one of the curated fact's
  evidence quotes overlaps the proposal's evidence span (character offsets) and the key
  participants agree: membership — same member and organization; statement — an issuer in
  common; establishment — the same mechanism; recognition — a recogniser in common and the same recognised; vote (decision) —
  the same body; relation (relation event) — the same parties; indicator — the same subject
  and measure. Kind, stance, date and value are not required to agree; the agreement of
  statement stances among matches is printed apart.
- entity: the catalog entities the document's curated facts refer to, against the entities
  proposed (catalog mentions and candidates); matched by id.

Precision = matched proposals / proposals; recall = matched curated facts / curated facts.

    .venv/bin/python bench/propose.py
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from fpkg.proposals import KINDS, Proposal, patterns_dir
from fpkg.propose import find_proposals, load_catalog
from fpkg.records import Record
from fpkg.schema import ENTITY_TYPES
from fpkg.sources import Paths, load_sources

ROOT = Path(__file__).resolve().parents[1]
BENCH_KINDS = {
    "membership": "membership",
    "participation": "participation",
    "statement": "statement",
    "establishment": "establishment",
    "recognition": "recognition",
    "decision": "vote",
    "relation-event": "relation",
    "indicator": "indicator",
}


@dataclass
class Score:
    curated: int = 0
    proposed: int = 0
    matched_curated: int = 0
    matched_proposed: int = 0

    def add(self, other: Score) -> None:
        self.curated += other.curated
        self.proposed += other.proposed
        self.matched_curated += other.matched_curated
        self.matched_proposed += other.matched_proposed

    @property
    def precision(self) -> float | None:
        return self.matched_proposed / self.proposed if self.proposed else None

    @property
    def recall(self) -> float | None:
        return self.matched_curated / self.curated if self.curated else None


def _set(record: Record, name: str) -> set[str]:
    return {str(v) for v in record.values.get(name, [])}


def _agree(kind: str, proposal: Proposal, record: Record) -> bool:
    """The key participants of a proposal and a curated fact agree."""
    proposed = proposal.record

    def given(name: str) -> set[str]:
        value = proposed.get(name, [])
        return {str(v) for v in (value if isinstance(value, list) else [value])}

    if kind == "membership":
        return given("member") == _set(record, "member") and given("organization") == _set(
            record, "organization"
        )
    if kind == "participation":
        return given("participant") == _set(record, "participant") and given("in") == _set(
            record, "in"
        )
    if kind == "statement":
        return bool(given("issuer") & _set(record, "issuer"))
    if kind == "establishment":
        return given("mechanism") == _set(record, "mechanism")
    if kind == "recognition":
        return bool(given("recogniser") & _set(record, "recogniser")) and given(
            "recognised"
        ) == _set(record, "recognised")
    if kind == "vote":
        return given("body") == _set(record, "body")
    if kind == "relation":
        return given("parties") == _set(record, "parties")
    return given("subject") == _set(record, "subject") and given("measure") == _set(
        record, "measure"
    )


def _overlaps(proposal: Proposal, record: Record) -> bool:
    return any(a.start < proposal.end and proposal.start < a.end for a in record.anchors)


def score_document(
    curated: list[Record], proposals: list[Proposal], stances: Counter[str]
) -> dict[str, Score]:
    """Scores per kind for one document."""
    scores = {kind: Score() for kind in KINDS}
    referenced = {
        str(value)
        for record in curated
        for name, values in record.values.items()
        for value in values
        if isinstance(value, str) and value.split("/", 1)[0] in ENTITY_TYPES
    }
    proposed_entities = {p.record["id"] for p in proposals if p.kind == "entity"}
    entity = scores["entity"]
    entity.curated, entity.proposed = len(referenced), len(proposed_entities)
    entity.matched_curated = entity.matched_proposed = len(referenced & proposed_entities)
    used: set[int] = set()
    for record in sorted(curated, key=lambda r: min((a.start for a in r.anchors), default=0)):
        kind = BENCH_KINDS.get(record.type.name)
        if kind is None:
            continue
        scores[kind].curated += 1
        for index, proposal in enumerate(proposals):
            if index in used or proposal.kind != kind:
                continue
            if _overlaps(proposal, record) and _agree(kind, proposal, record):
                used.add(index)
                scores[kind].matched_curated += 1
                scores[kind].matched_proposed += 1
                if kind == "statement":
                    same = set(proposal.record.get("stance", [])) & _set(record, "stance")
                    stances["same stance" if same else "other stance"] += 1
                break
    for proposal in proposals:
        if proposal.kind != "entity":
            scores[proposal.kind].proposed += 1
    return scores


def _cell(value: float | None) -> str:
    return "   –" if value is None else f"{value:4.2f}"


def render(title: str, scores: dict[str, Score]) -> str:
    lines = [
        title,
        f"  {'kind':<14}{'curated':>8}{'proposed':>9}{'matched':>8}{'precision':>10}{'recall':>7}",
    ]
    for kind in KINDS:
        s = scores[kind]
        lines.append(
            f"  {kind:<14}{s.curated:>8}{s.proposed:>9}{s.matched_curated:>8}"
            f"{_cell(s.precision):>10}{_cell(s.recall):>7}"
        )
    return "\n".join(lines)


def main() -> int:
    paths = Paths(ROOT)
    sources = load_sources(paths)
    catalog = load_catalog(paths)
    facts_dir = str(paths.facts.relative_to(ROOT))
    totals = {kind: Score() for kind in KINDS}
    stances: Counter[str] = Counter()
    for doc_id, document in sources.documents.items():
        curated = [
            r
            for r in sources.records.values()
            if r.document == doc_id and r.type.is_fact and r.where.startswith(facts_dir)
        ]
        known = [
            r
            for r in sources.records.values()
            if r.type.is_fact and r.document != doc_id and r.where.startswith(facts_dir)
        ]
        proposals = find_proposals(document, catalog, patterns_dir(paths), known)
        scores = score_document(curated, proposals, stances)
        print(render(doc_id, scores), end="\n\n")
        for kind in KINDS:
            totals[kind].add(scores[kind])
    print(render(f"all {len(sources.documents)} documents", totals))
    print(
        f"\nmatched statements with the curated stance: {stances['same stance']} of "
        f"{stances['same stance'] + stances['other stance']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
