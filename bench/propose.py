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

The evaluation splits (``bench/documents/{dev,heldout,fresh,blind}``, see
``bench/evalset.py``) are scored the same way against their gold facts; ``propose`` sees only
the project's catalog and the facts curated in data/facts, never a split's own catalog or
facts. Totals are printed per split, and per language and genre within it ("all facts":
every fact kind together, entities apart).

    .venv/bin/python bench/propose.py                  corpus and every split
    .venv/bin/python bench/propose.py --split dev      one of corpus, dev, heldout, fresh, blind
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from evalset import DOCUMENTS, SPLITS, load_split

from fpkg.errors import FpkgError
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


def facts_total(scores: dict[str, Score]) -> Score:
    """All fact kinds together (entities left out)."""
    total = Score()
    for kind in KINDS:
        if kind != "entity":
            total.add(scores[kind])
    return total


def render(title: str, scores: dict[str, Score]) -> str:
    lines = [
        title,
        f"  {'kind':<14}{'curated':>8}{'proposed':>9}{'matched':>8}{'precision':>10}{'recall':>7}",
    ]
    for kind, s in [*((k, scores[k]) for k in KINDS), ("all facts", facts_total(scores))]:
        lines.append(
            f"  {kind:<14}{s.curated:>8}{s.proposed:>9}{s.matched_curated:>8}"
            f"{_cell(s.precision):>10}{_cell(s.recall):>7}"
        )
    return "\n".join(lines)


def render_groups(title: str, groups: dict[str, dict[str, Score]]) -> str:
    """One line per group (a language, a genre): all fact kinds together, and statements
    and memberships apart."""
    head = f"  {'':<22}" + "".join(
        f"{name:>20}" for name in ("all facts P/R (n)", "statement P/R", "membership P/R")
    )
    lines = [title, head]
    for group, scores in sorted(groups.items()):
        cells = []
        for s in (facts_total(scores), scores["statement"], scores["membership"]):
            cells.append(f"{_cell(s.precision)}/{_cell(s.recall)} ({s.curated:>3})")
        lines.append(f"  {group:<22}" + "".join(f"{c:>20}" for c in cells))
    return "\n".join(lines)


@dataclass
class Scored:
    """The scores of one document, with what it is grouped by."""

    doc_id: str
    language: str
    genre: str
    scores: dict[str, Score]


def score_corpus(paths: Paths, stances: Counter[str]) -> list[Scored]:
    """Each corpus document against its curated facts, the other documents' facts known."""
    sources = load_sources(paths)
    catalog = load_catalog(paths)
    facts_dir = str(paths.facts.relative_to(ROOT))
    curated_facts = [
        r for r in sources.records.values() if r.type.is_fact and r.where.startswith(facts_dir)
    ]
    scored = []
    for doc_id, document in sources.documents.items():
        curated = [r for r in curated_facts if r.document == doc_id]
        known = [r for r in curated_facts if r.document != doc_id]
        proposals = find_proposals(document, catalog, patterns_dir(paths), known)
        scores = score_document(curated, proposals, stances)
        scored.append(Scored(doc_id, document.language, "corpus", scores))
    return scored


def score_split(paths: Paths, name: str, stances: Counter[str]) -> list[Scored] | None:
    """Each document of an evaluation split against its gold facts; ``propose`` sees the
    project's catalog and the facts curated in data/facts, never the split's own."""
    if not (DOCUMENTS / name / "corpus" / "manifest.yaml").is_file():
        return None
    split = load_split(name)
    catalog = load_catalog(paths)
    known = [r for r in load_sources(paths).records.values() if r.type.is_fact]
    scored = []
    for doc_id, document in split.documents.items():
        proposals = find_proposals(document, catalog, patterns_dir(paths), known)
        scores = score_document(split.facts_of(doc_id), proposals, stances)
        scored.append(Scored(doc_id, document.language, split.genres[doc_id], scores))
    return scored


def _sum(scored: list[Scored]) -> dict[str, Score]:
    totals = {kind: Score() for kind in KINDS}
    for one in scored:
        for kind in KINDS:
            totals[kind].add(one.scores[kind])
    return totals


def report(name: str, scored: list[Scored], per_document: bool) -> str:
    """The tables of one split: per document (optionally), in total, per language and genre."""
    parts = [render(f"{name} · {s.doc_id}", s.scores) for s in scored] if per_document else []
    parts.append(render(f"{name}: all {len(scored)} documents", _sum(scored)))
    for attribute in ("language", "genre"):
        groups: dict[str, list[Scored]] = {}
        for s in scored:
            groups.setdefault(getattr(s, attribute), []).append(s)
        summed = {key: _sum(members) for key, members in groups.items()}
        parts.append(render_groups(f"{name}: per {attribute}", summed))
    return "\n\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("corpus", *SPLITS, "all"), default="all")
    parser.add_argument("--documents", action="store_true", help="a table per document too")
    args = parser.parse_args(argv)
    paths = Paths(ROOT)
    names = ("corpus", *SPLITS) if args.split == "all" else (args.split,)
    stances: Counter[str] = Counter()
    for name in names:
        try:
            scored = (
                score_corpus(paths, stances)
                if name == "corpus"
                else score_split(paths, name, stances)
            )
        except FpkgError as exc:
            print(f"{name}: {exc}", file=sys.stderr)
            return 1
        if scored is None:
            print(f"{name}: no documents yet\n")
            continue
        print(report(name, scored, args.documents or name == "corpus"), end="\n\n")
    print(
        f"matched statements with the curated stance: {stances['same stance']} of "
        f"{stances['same stance'] + stances['other stance']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
