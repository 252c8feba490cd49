"""A proposal: a candidate record in the curated format, with where and why it was found."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

KINDS = ("entity", "membership", "statement", "recognition", "vote", "relation", "indicator")
"""Kinds of proposal, in the order the review file lists them."""

RECORD_KINDS = {
    "membership": "membership",
    "statement": "statement",
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

    @property
    def signature(self) -> str:
        """What identifies this proposal across runs: kind, span and content, not its id."""
        content = {
            k: v for k, v in self.record.items() if k not in ("id", "label", "note", "evidence")
        }
        return f"{self.kind} {self.start}-{self.end} {json.dumps(content, sort_keys=True)}"
