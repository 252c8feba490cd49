"""``fpkg review``: proposals become curated records only by a person's decision.

Accepted facts are appended, unchanged in format, to ``data/facts/{id}.yaml``; accepted
candidate entities to ``data/catalog/entities.yaml`` (an entity the catalog has already
needs nothing: the build finds its mentions). The sources are then loaded as the build loads
them (quotes anchored, ids unique, references and concepts known); if that fails the files
are put back as they were. Decisions stay in the review file, so a rejected proposal does
not come back.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from fpkg import yamlfile
from fpkg.curated import curation_lock, write_atomically
from fpkg.errors import FpkgError, at
from fpkg.proposals import (
    Proposal,
    ReviewFile,
    read_review,
    review_path,
    signature,
    write_review,
)
from fpkg.propose import load_catalog
from fpkg.records import read_facts
from fpkg.sources import Paths, load_sources

CATALOG_FILE = "entities.yaml"
CONTEXT = 60
"""Characters of the document shown on each side of a proposal's words."""
T = TypeVar("T")


def open_review(paths: Paths, doc_id: str) -> tuple[Path, ReviewFile]:
    """The review file of ``doc_id``, or a one-line error saying to run ``fpkg propose``."""
    path = review_path(paths, doc_id)
    if not path.is_file():
        raise FpkgError(f"no proposals for {doc_id}: run `fpkg propose {doc_id}` first", at(path))
    return path, read_review(path)


def update_review(paths: Paths, doc_id: str, change: Callable[[ReviewFile], T]) -> T:
    """Read the review file, ``change`` it and write it back, all under the curation lock,
    so that a decision made elsewhere meanwhile is kept."""
    with curation_lock(paths.root):
        path, review = open_review(paths, doc_id)
        result = change(review)
        write_review(path, review, document_text(paths, doc_id))
        return result


def find(review: ReviewFile, wanted: str) -> Proposal:
    """The proposal of ``review`` with signature ``wanted``."""
    for proposal in review.proposals:
        if signature(proposal) == wanted:
            return proposal
    raise FpkgError(f"no proposal {wanted!r} in the review file of {review.document}")


def record_decision(
    paths: Paths, doc_id: str, wanted: str, status: str, record: dict[str, Any] | None = None
) -> Proposal:
    """Set the status (and, if given, the edited record) of the proposal with signature
    ``wanted`` in the review file."""

    def decide(review: ReviewFile) -> Proposal:
        proposal = find(review, wanted)
        proposal.status = status
        if record is not None:
            proposal.record = record
        return proposal

    return update_review(paths, doc_id, decide)


def in_context(text: str, proposal: Proposal, width: int = CONTEXT) -> str:
    """The proposal's words in »«, with up to ``width`` characters of the text around them,
    on one line."""
    before = text[max(0, proposal.start - width) : proposal.start]
    after = text[proposal.end : proposal.end + width]
    shown = f"…{before}»{text[proposal.start : proposal.end]}«{after}…"
    return " ".join(shown.split())


def apply(paths: Paths, doc_id: str) -> list[Proposal]:
    """Move every accepted proposal not yet curated into the curated files; return them."""
    with curation_lock(paths.root):
        return move_accepted(paths, doc_id)


def move_accepted(paths: Paths, doc_id: str) -> list[Proposal]:
    """:func:`apply`, for a caller holding the curation lock."""
    path, review = open_review(paths, doc_id)
    facts_path = paths.facts / f"{doc_id}.yaml"
    if not facts_path.is_file():
        raise FpkgError(f"no facts file for {doc_id} (`fpkg add` creates it)", at(facts_path))
    curated = {r.id for r in read_facts(facts_path)}
    catalog = {r.id for r in load_catalog(paths)}
    if accept_named_candidates(review):
        write_review(path, review, document_text(paths, doc_id))
    accepted = [p for p in review.proposals if p.status == "accepted" and not p.in_catalog]
    facts = [p for p in accepted if p.kind != "entity" and p.record["id"] not in curated]
    entities = [p for p in accepted if p.kind == "entity" and p.record["id"] not in catalog]
    changes: dict[Path, str] = {}
    if facts:
        changes[facts_path] = yamlfile.with_items_appended(
            facts_path, "facts", [p.record for p in facts]
        )
    if entities:
        catalog_path = paths.catalog / CATALOG_FILE
        if not catalog_path.is_file():
            write_atomically(catalog_path, "entities: []\n")
        changes[catalog_path] = yamlfile.with_items_appended(
            catalog_path, "entities", [p.record for p in entities]
        )
    _write_checked(paths, changes)
    return entities + facts


def accept_named_candidates(review: ReviewFile) -> list[Proposal]:
    """Accept the candidate entities still proposed that an accepted fact names (its issuer,
    member, …): accepting a fact confirms its participants. Return them."""
    named = {
        str(value)
        for p in review.proposals
        if p.status == "accepted" and p.kind != "entity"
        for field in p.record.values()
        for value in (field if isinstance(field, list) else [field])
        if isinstance(value, str)
    }
    candidates = [
        p
        for p in review.proposals
        if p.kind == "entity"
        and p.status == "proposed"
        and not p.in_catalog
        and p.record["id"] in named
    ]
    for candidate in candidates:
        candidate.status = "accepted"
    return candidates


def _write_checked(paths: Paths, changes: dict[Path, str]) -> None:
    """Write ``changes``, load the sources as the build does, and undo them if that fails."""
    if not changes:
        return
    before = {path: path.read_bytes() for path in changes}
    for path, text in changes.items():
        write_atomically(path, text)
    try:
        load_sources(paths)
    except FpkgError as exc:
        for path, data in before.items():
            write_atomically(path, data)
        raise FpkgError(
            f"the accepted proposals would not build ({exc}); nothing was moved: fix or reject "
            "them in the review file and run `fpkg review --apply` again"
        ) from None


Decide = Callable[[Proposal, int, int], str]
"""Asks about one proposal (its position and the count): ``accepted``, ``rejected``,
``skip``, ``all`` (accept the rest) or ``quit``."""


def decide_all(paths: Paths, doc_id: str, decide: Decide) -> tuple[ReviewFile, int]:
    """Ask ``decide`` about each pending proposal and record each answer in the review file
    at once (under the lock, so decisions made meanwhile in a browser are kept); return the
    review file and the count decided."""
    _, review = open_review(paths, doc_id)
    pending = [p for p in review.proposals if p.status == "proposed"]
    decided, accept_rest = 0, False
    for position, proposal in enumerate(pending, start=1):
        answer = "accepted" if accept_rest else decide(proposal, position, len(pending))
        if answer == "quit":
            break
        if answer == "all":
            accept_rest, answer = True, "accepted"
        if answer in ("accepted", "rejected"):
            record_decision(paths, doc_id, signature(proposal), answer, proposal.record)
            decided += 1
    return open_review(paths, doc_id)[1], decided


def document_text(paths: Paths, doc_id: str) -> str:
    from fpkg.corpus import load_corpus

    return load_corpus(paths.corpus)[doc_id].text
