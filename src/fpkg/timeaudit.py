"""Coverage audit of the times the documents state.

Every temporal expression of a document (found by the patterns of ``data/audit/
time-patterns.yaml``) must be accounted for: inside the evidence of a fact that carries a
time (a date, an interval, a duration or an order; a citation with its year counts too), or
inside a passage listed in ``data/audit/times-unused.yaml`` with the reason it is not a fact
of the graph. A listed passage that covers no otherwise unaccounted expression is stale and
an error, so the list cannot grow past what it explains.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fpkg import yamlfile
from fpkg.anchoring import AnchorError, anchor
from fpkg.corpus import Document
from fpkg.errors import FpkgError, at
from fpkg.sources import Sources

PATTERNS_FILE = Path("data/audit/time-patterns.yaml")
UNUSED_FILE = Path("data/audit/times-unused.yaml")


@dataclass(frozen=True)
class Pattern:
    """A named regular expression for one kind of temporal expression."""

    name: str
    regex: re.Pattern[str]


@dataclass(frozen=True)
class Expression:
    """A temporal expression: where it stands in its document and which pattern found it."""

    document: Document
    start: int
    end: int
    pattern: str

    @property
    def text(self) -> str:
        return self.document.text[self.start : self.end]

    @property
    def where(self) -> str:
        return f"corpus/{self.document.path.name}:{self.document.text.count(chr(10), 0, self.start) + 1}"


@dataclass(frozen=True)
class Passage:
    """A listed passage (a quote, or a region between two markers) and why it is not a fact."""

    document: str
    start: int
    end: int
    reason: str
    where: str


@dataclass
class Report:
    """The audit's outcome: every expression, and how each is accounted for (or not)."""

    expressions: list[Expression]
    in_evidence: list[Expression] = field(default_factory=list)
    in_citations: list[Expression] = field(default_factory=list)
    listed: list[Expression] = field(default_factory=list)
    unaccounted: list[Expression] = field(default_factory=list)

    @property
    def coverage(self) -> float:
        """Share of the expressions accounted for (1.0 when there are none)."""
        total = len(self.expressions)
        return 1.0 if not total else (total - len(self.unaccounted)) / total


def read_patterns(path: Path) -> list[Pattern]:
    """``patterns:`` a list of ``{name, regex}``; a bad regular expression names its line."""
    root = yamlfile.load(path)
    items = root.get("patterns") if hasattr(root, "get") else None
    if not isinstance(items, list) or not items:
        raise FpkgError("expected a non-empty top-level `patterns:` list", at(path, 1))
    patterns = []
    for index, item in enumerate(items):
        where = at(path, yamlfile.line_of(items, index))
        if not hasattr(item, "get") or not item.get("name") or not item.get("regex"):
            raise FpkgError("a pattern needs `name` and `regex`", where)
        try:
            patterns.append(Pattern(str(item["name"]), re.compile(str(item["regex"]))))
        except re.error as exc:
            raise FpkgError(
                f"pattern {item['name']!r}: not a regular expression: {exc}", where
            ) from None
    return patterns


def find_expressions(document: Document, patterns: Iterable[Pattern]) -> list[Expression]:
    """The temporal expressions of ``document``: leftmost-longest matches of any pattern."""
    found = sorted(
        (
            (match.start(), -match.end(), pattern.name)
            for pattern in patterns
            for match in pattern.regex.finditer(document.text)
            if match.end() > match.start()
        ),
    )
    expressions: list[Expression] = []
    for start, negative_end, name in found:
        if expressions and start < expressions[-1].end:
            continue
        expressions.append(Expression(document, start, -negative_end, name))
    return expressions


def read_unused(path: Path, documents: dict[str, Document]) -> list[Passage]:
    """``passages:`` a list of ``{document, quote, hint?, reason}`` or
    ``{document, from, until?, reason}`` (a region from one marker to the next, or to the end)."""
    root = yamlfile.load(path)
    items = root.get("passages") if hasattr(root, "get") else None
    if not isinstance(items, list):
        raise FpkgError("expected a top-level `passages:` list", at(path, 1))
    return [
        _passage(item, at(path, yamlfile.line_of(items, i)), documents)
        for i, item in enumerate(items)
    ]


def _passage(item: Any, where: str, documents: dict[str, Document]) -> Passage:
    if not hasattr(item, "get"):
        raise FpkgError("a passage is a mapping with `document`, `reason` and a quote", where)
    unknown = set(item) - {"document", "quote", "hint", "from", "until", "reason"}
    if unknown:
        raise FpkgError(f"unknown key(s) {', '.join(sorted(unknown))}", where)
    document = documents.get(str(item.get("document")))
    if document is None:
        raise FpkgError(f"unknown document {item.get('document')!r}", where)
    if not item.get("reason"):
        raise FpkgError("a passage needs the `reason` it is not a fact of the graph", where)
    if item.get("quote") and not item.get("from"):
        try:
            found = anchor(document, str(item["quote"]), item.get("hint") and str(item["hint"]))
        except AnchorError as exc:
            raise FpkgError(str(exc), where) from None
        return Passage(document.id, found.start, found.end, str(item["reason"]), where)
    if item.get("from") and not item.get("quote"):
        start = document.text.find(str(item["from"]))
        if start < 0:
            raise FpkgError(f"the marker {item['from']!r} is not in {document.id}", where)
        until = item.get("until")
        end = document.text.find(str(until), start + 1) if until else len(document.text)
        if end < 0:
            raise FpkgError(f"the marker {until!r} does not follow {item['from']!r}", where)
        return Passage(document.id, start, end, str(item["reason"]), where)
    raise FpkgError("give either `quote` (with an optional `hint`) or `from`/`until`", where)


Spans = dict[str, list[tuple[int, int]]]
"""Character spans per document id."""


def timed_spans(sources: Sources) -> tuple[Spans, Spans]:
    """Per document, the evidence spans of facts that carry a time (a date, an interval, a
    duration or an order), and the spans of citations (each with its year)."""
    facts: Spans = {doc: [] for doc in sources.documents}
    cited: Spans = {doc: [] for doc in sources.documents}
    for record in sources.records.values():
        timed = record.times or record.duration or record.type.name == "order"
        if record.type.is_fact and timed:
            facts[str(record.document)] += [(a.start, a.end) for a in record.anchors]
    for citation in sources.citations:
        cited[citation.anchor.document.id].append((citation.anchor.start, citation.anchor.end))
    return facts, cited


def audit(
    documents: dict[str, Document],
    patterns: list[Pattern],
    spans: Spans,
    passages: list[Passage],
    cited: Spans | None = None,
) -> Report:
    """Account for every expression; raise on a listed passage that explains nothing."""
    expressions = [e for doc in documents.values() for e in find_expressions(doc, patterns)]
    report = Report(expressions)
    uses: Counter[int] = Counter()
    for expression in expressions:
        if _inside(expression, spans.get(expression.document.id, [])):
            report.in_evidence.append(expression)
            continue
        if _inside(expression, (cited or {}).get(expression.document.id, [])):
            report.in_citations.append(expression)
            continue
        listing = [
            i
            for i, p in enumerate(passages)
            if p.document == expression.document.id and _inside(expression, [(p.start, p.end)])
        ]
        uses.update(listing)
        (report.listed if listing else report.unaccounted).append(expression)
    for index, passage in enumerate(passages):
        if not uses[index]:
            raise FpkgError(
                "this listed passage covers no temporal expression that is not already in the "
                "evidence of a dated fact; remove it",
                passage.where,
            )
    return report


def _inside(expression: Expression, spans: list[tuple[int, int]]) -> bool:
    return any(start <= expression.start and expression.end <= end for start, end in spans)


def audit_sources(sources: Sources, root: Path) -> Report:
    """Audit the checked sources of the project at ``root``."""
    patterns = read_patterns(root / PATTERNS_FILE)
    passages = read_unused(root / UNUSED_FILE, sources.documents)
    facts, cited = timed_spans(sources)
    return audit(sources.documents, patterns, facts, passages, cited)


def render(report: Report, in_curation: Collection[str] = ()) -> str:
    """Coverage per document, then every unaccounted expression with its place; those of
    documents ``in_curation`` (with a review file) are their curators' to-dos."""
    lines = ["document\texpressions\tin evidence\tin citations\tlisted\tunaccounted"]
    by_doc: dict[str, Counter[str]] = {}
    for kind, items in (
        ("expressions", report.expressions),
        ("in evidence", report.in_evidence),
        ("in citations", report.in_citations),
        ("listed", report.listed),
        ("unaccounted", report.unaccounted),
    ):
        for expression in items:
            by_doc.setdefault(expression.document.id, Counter())[kind] += 1
    for doc, counts in sorted(by_doc.items()):
        lines.append(
            f"{doc}\t{counts['expressions']}\t{counts['in evidence']}\t{counts['in citations']}"
            f"\t{counts['listed']}"
            f"\t{counts['unaccounted']}"
        )
    accounted = len(report.expressions) - len(report.unaccounted)
    lines.append(
        f"temporal expressions accounted for: {accounted}/{len(report.expressions)} "
        f"({report.coverage:.1%}); in the evidence of dated facts {len(report.in_evidence)}, "
        f"in dated citations {len(report.in_citations)}, listed as not facts {len(report.listed)}"
    )
    for e in report.unaccounted:
        state = "to-do (in curation)" if e.document.id in in_curation else "unaccounted"
        lines.append(f"{state}: {e.where}: {e.text!r} ({e.pattern})")
    return "\n".join(lines)


def failing(report: Report, in_curation: Collection[str] = ()) -> list[Expression]:
    """The unaccounted expressions of documents not in curation (those fail the audit)."""
    return [e for e in report.unaccounted if e.document.id not in in_curation]
