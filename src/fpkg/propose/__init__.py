"""``fpkg propose``: a first pass by machine over one document, written to its review file.

Rules only (spaCy's blank pipelines, the catalog's gazetteer, the reference gazetteer of
states and the pattern files of ``data/patterns/``): no model or data set is fetched. Each proposer module finds one kind.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from fpkg.corpus import Document, load_corpus
from fpkg.errors import FpkgError, at
from fpkg.proposals import (
    KINDS,
    Proposal,
    ReviewFile,
    patterns_dir,
    read_review,
    review_path,
    signature,
    write_review,
)
from fpkg.propose import patterns
from fpkg.propose.context import Context
from fpkg.propose.entities import propose_entities
from fpkg.propose.establishments import propose_establishments
from fpkg.propose.indicators import propose_indicators
from fpkg.propose.lexicon import compile_for, load_lexicon
from fpkg.propose.memberships import (
    propose_memberships,
    propose_office_holders,
    propose_office_takings,
)
from fpkg.propose.recognitions import propose_recognitions, recognitions_stated
from fpkg.propose.relations import propose_relations
from fpkg.propose.statements import propose_statements
from fpkg.propose.states import state_finder
from fpkg.propose.titles import (
    propose_respective_title_holders,
    propose_title_holders,
    propose_titled_persons,
)
from fpkg.propose.votes import propose_votes
from fpkg.records import Record, read_catalog, read_facts
from fpkg.sources import Paths


def find_proposals(
    document: Document,
    catalog: list[Record],
    pattern_dir: Path,
    known: Iterable[Record] = (),
) -> list[Proposal]:
    """Every proposal the rules make for ``document``, by kind, then in text order;
    ``known``: facts curated from other documents (who heads which state's government)."""
    table = pattern_dir / "states.tsv"
    states = state_finder(table) if table.is_file() else None
    context = Context.prepare(document, catalog, known, states)
    lang = document.language[:2]
    lexicon = compile_for(load_lexicon(pattern_dir / "lexicon.yaml"), document.text, lang)

    def load(file: str, section: str = "patterns") -> list[patterns.Pattern]:
        return patterns.load(pattern_dir, file, section, lang)

    statements = propose_statements(
        context,
        [p for p in lexicon if p.get("frame")]
        + load("statements.yaml", "verbs")
        + [p for p in lexicon if not p.get("frame")],
        load("statements.yaml", "kinds"),
    )
    found = [
        *propose_entities(context),
        *propose_memberships(context, load("memberships.yaml")),
        *propose_office_holders(context),
        *propose_office_takings(context, load("memberships.yaml")),
        *propose_titled_persons(context, load("titles.yaml", "titles")),
        *propose_title_holders(context),
        *propose_respective_title_holders(context),
        *statements,
        *recognitions_stated(context, statements),
        *propose_establishments(context, load("establishments.yaml")),
        *propose_recognitions(context, load("recognitions.yaml")),
        *propose_votes(context, load("votes.yaml")),
        *propose_relations(context, load("relations.yaml")),
        *propose_indicators(context, load("indicators.yaml")),
    ]
    unique = {
        p.signature: p for p in found if p.kind == "entity" or p.start not in context.headlines
    }
    held: set[tuple[str, str, int]] = set()
    for proposal in list(unique.values()):  # one membership per person, body and sentence
        if proposal.kind == "membership":
            pair = (proposal.record["member"], proposal.record["organization"], proposal.start)
            if pair in held:
                del unique[proposal.signature]
            held.add(pair)
    return sorted(unique.values(), key=lambda p: (KINDS.index(p.kind), p.start, p.rule))


def load_catalog(paths: Paths) -> list[Record]:
    """The catalog's entities, as the build reads them."""
    return [r for path in sorted(paths.catalog.glob("*.yaml")) for r in read_catalog(path)]


def propose(paths: Paths, doc_id: str) -> tuple[Path, ReviewFile, int]:
    """Write the review file of ``doc_id``: fresh proposals, minus those already accepted or
    rejected there (which stay). Return its path, its content and the count of new ones."""
    documents = load_corpus(paths.corpus)
    if doc_id not in documents:
        raise FpkgError(
            f"unknown document {doc_id!r}; known: {', '.join(sorted(documents))}",
            at(paths.corpus / "manifest.yaml"),
        )
    document = documents[doc_id]
    catalog = load_catalog(paths)
    path = review_path(paths, doc_id)
    reviewed = (
        [p for p in read_review(path).proposals if p.status != "proposed"] if path.is_file() else []
    )
    remembered = {signature(p) for p in reviewed}
    facts = [r for path in sorted(paths.facts.glob("*.yaml")) for r in read_facts(path)]
    taken = {r.id for r in catalog} | {r.id for r in facts}
    taken |= {p.record["id"] for p in reviewed}
    known = [r for r in facts if r.document != doc_id]
    fresh = []
    for proposal in find_proposals(document, catalog, patterns_dir(paths), known):
        if proposal.signature in remembered:
            continue
        if not proposal.in_catalog:
            proposal.record["id"] = _unused(proposal.record["id"], taken)
        taken.add(proposal.record["id"])
        fresh.append(proposal)
    review = ReviewFile(doc_id, reviewed + fresh)
    write_review(path, review, document.text)
    return path, review, len(fresh)


def _unused(record_id: str, taken: set[str]) -> str:
    """``record_id``, or with the smallest ``-2``, ``-3``… suffix no record uses."""
    candidate, number = record_id, 1
    while candidate in taken:
        number += 1
        candidate = f"{record_id}-{number}"
    return candidate
