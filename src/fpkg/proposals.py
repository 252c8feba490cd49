"""The review file of a document, ``data/proposed/{id}.yaml``: machine proposals with their
status (``proposed``, ``accepted`` or ``rejected``). Accepted and rejected entries stay in it,
so a second ``fpkg propose`` brings back neither."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from fpkg import yamlfile
from fpkg.curated import write_atomically
from fpkg.errors import FpkgError, at
from fpkg.sources import Paths

KINDS = (
    "entity",
    "membership",
    "participation",
    "statement",
    "establishment",
    "recognition",
    "vote",
    "relation",
    "indicator",
)
"""Kinds of proposal, in the order the review file lists them."""

RECORD_KINDS = {
    "membership": "membership",
    "participation": "participation",
    "statement": "statement",
    "establishment": "establishment",
    "recognition": "recognition",
    "vote": "decision",
    "relation": "relation-event",
    "indicator": "indicator",
}
"""The curated record kind each fact proposal becomes (an entity becomes a catalog entry)."""


@dataclass
class Proposal:
    """A candidate record (``record``, curated format) found by ``rule`` at ``start:end``."""

    kind: str
    rule: str
    record: dict[str, Any]
    start: int
    end: int
    in_catalog: bool = False
    status: str = "proposed"
    extra: dict[str, Any] = field(default_factory=dict)
    why: str | None = None
    """An inference the rule made that the curator should confirm (a capital read as its
    state); written beside the record, never into it."""

    @property
    def signature(self) -> str:
        """What identifies this proposal across runs: kind, span and content, not its id."""
        content = {
            k: v for k, v in self.record.items() if k not in ("id", "label", "note", "evidence")
        }
        return f"{self.kind} {self.start}-{self.end} {json.dumps(content, sort_keys=True)}"


STATUSES = ("proposed", "accepted", "rejected")
HEADER = """\
# Proposals of `fpkg propose` for document {doc_id}: candidate facts and catalog entries,
# each with its evidence (`record.evidence`, or `quote` for an entity) and its character
# offsets in the document, the rule that found it, and a `status`. Review them with
# `fpkg review {doc_id}`, or set `status:` to accepted or rejected here (edit a `record` as
# you like) and run `fpkg review {doc_id} --apply`. Accepted facts move into
# data/facts/{doc_id}.yaml; rejected ones stay here so that a new `fpkg propose` skips them.
# Nothing here is built into graph/.
"""


@dataclass
class ReviewFile:
    """A document's proposals, in order."""

    document: str
    proposals: list[Proposal]


def review_path(paths: Paths, doc_id: str) -> Path:
    return paths.root / "data" / "proposed" / f"{doc_id}.yaml"


def patterns_dir(paths: Paths) -> Path:
    return paths.root / "data" / "patterns"


def read_review(path: Path) -> ReviewFile:
    """Read a review file, naming ``file:line`` of a malformed entry."""
    root = yamlfile.load(path)
    items = root.get("proposals") if hasattr(root, "get") else None
    if not hasattr(root, "get") or not root.get("document") or not isinstance(items, list):
        raise FpkgError("expected `document:` and a `proposals:` list", at(path, 1))
    proposals = []
    for index, item in enumerate(items):
        where = at(path, yamlfile.line_of(items, index))
        if not hasattr(item, "get") or not hasattr(item.get("record"), "get"):
            raise FpkgError("a proposal needs a `record:` mapping", where)
        status, kind = item.get("status"), item.get("kind")
        if status not in STATUSES:
            raise FpkgError(f"status {status!r} is not one of {', '.join(STATUSES)}", where)
        if kind not in KINDS:
            raise FpkgError(f"kind {kind!r} is not one of {', '.join(KINDS)}", where)
        offsets = item.get("offsets")
        if (
            not isinstance(offsets, list)
            or len(offsets) != 2
            or not all(isinstance(o, int) for o in offsets)
        ):
            raise FpkgError("`offsets` must be [start, end]", where)
        proposal = Proposal(
            kind,
            str(item.get("rule")),
            plain(item["record"]),
            int(offsets[0]),
            int(offsets[1]),
            in_catalog=bool(item.get("in-catalog")),
            status=status,
            why=str(item["why"]) if item.get("why") else None,
        )
        proposal.extra["signature"] = str(item.get("signature") or proposal.signature)
        proposals.append(proposal)
    return ReviewFile(str(root["document"]), proposals)


def write_review(path: Path, review: ReviewFile, text: str) -> None:
    """Write the review file (``text`` is the document's text, for entity quotes)."""
    items = []
    for proposal in review.proposals:
        item: dict[str, Any] = {"status": proposal.status, "kind": proposal.kind}
        item["rule"] = proposal.rule
        item["offsets"] = [proposal.start, proposal.end]
        if proposal.kind == "entity":
            item["quote"] = text[proposal.start : proposal.end]
        if proposal.in_catalog:
            item["in-catalog"] = True
        if proposal.why:
            item["why"] = proposal.why
        item["signature"] = signature(proposal)
        item["record"] = proposal.record
        items.append(_flow_offsets(item))
    body = HEADER.format(doc_id=review.document) + f"document: {review.document}\n"
    body += "proposals:\n" + yamlfile.dump_items(items) if items else "proposals: []\n"
    write_atomically(path, body)


def signature(proposal: Proposal) -> str:
    """The signature a proposal was first written with (it survives edits of its record)."""
    return str(proposal.extra.get("signature") or proposal.signature)


def _flow_offsets(item: dict[str, Any]) -> CommentedMap:
    """The item with its offsets on one line: ``offsets: [120, 245]``."""
    mapping = CommentedMap(item)
    offsets = CommentedSeq(item["offsets"])
    offsets.fa.set_flow_style()
    mapping["offsets"] = offsets
    return mapping


def plain(node: Any) -> Any:
    """A YAML node as plain dicts, lists and scalars (dates stay strings)."""
    if hasattr(node, "items"):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    return node
