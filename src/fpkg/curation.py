"""The decisions of a curator, as the curation web app makes them: each one a change of the
curated files made at once under the curation lock, checked as the build checks them (or
undone), and returned with how to undo it. The same code as ``fpkg review`` moves accepted
proposals into ``data/facts/{id}.yaml`` and the catalog."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fpkg import yamlfile
from fpkg.anchoring import occurrences
from fpkg.curated import curation_lock, write_atomically
from fpkg.dates import PartialDate
from fpkg.errors import FpkgError
from fpkg.proposals import RECORD_KINDS, Proposal, ReviewFile, plain, review_path, signature
from fpkg.records import TIME_FIELDS
from fpkg.review import CATALOG_FILE, document_text, find, move_accepted, open_review, write_review
from fpkg.sources import Paths, Sources, load_sources
from fpkg.timeaudit import UNUSED_FILE, audit_sources

CURATOR_RULE = "curator"
"""The rule of a fact a curator added by selecting its words."""
UNLINKED = "added in fpkg curate; no Wikidata QID checked yet"


@dataclass(frozen=True)
class Change:
    """A decision written to the curated files, and how to take it back."""

    description: str
    undo: Callable[[], Change]


def _curated_files(paths: Paths, doc_id: str) -> list[Path]:
    return [
        review_path(paths, doc_id),
        paths.facts / f"{doc_id}.yaml",
        paths.catalog / CATALOG_FILE,
        paths.root / UNUSED_FILE,
        paths.qid_register,
    ]


@contextlib.contextmanager
def decision(paths: Paths, doc_id: str) -> Iterator[None]:
    """Hold the lock; if the block fails, put the document's curated files back."""
    with curation_lock(paths.root):
        files = _curated_files(paths, doc_id)
        before = {path: path.read_bytes() if path.is_file() else None for path in files}
        try:
            yield
        except FpkgError:
            for path, data in before.items():
                if data is None:
                    path.unlink(missing_ok=True)
                elif not path.is_file() or path.read_bytes() != data:
                    write_atomically(path, data)
            raise


def _write(paths: Paths, review: ReviewFile) -> None:
    write_review(review_path(paths, review.document), review, document_text(paths, review.document))


def _withdraw(paths: Paths, doc_id: str, proposal: Proposal) -> bool:
    """Take an accepted proposal's record out of the curated files; whether it was there."""
    if proposal.in_catalog:
        return False
    if proposal.kind == "entity":
        path, key = paths.catalog / CATALOG_FILE, "entities"
    else:
        path, key = paths.facts / f"{doc_id}.yaml", "facts"
    if not path.is_file():
        return False
    items = yamlfile.load(path).get(key) or []
    drop = {i for i, item in enumerate(items) if str(item.get("id")) == proposal.record["id"]}
    if drop:
        write_atomically(path, yamlfile.without_items(path, key, drop))
    return bool(drop)


def check_builds(paths: Paths) -> Sources:
    """The sources as the build loads them, or the decision's one-line refusal."""
    try:
        return load_sources(paths)
    except FpkgError as exc:
        raise FpkgError(f"this decision would not build ({exc}); nothing was changed") from None


def set_state(
    paths: Paths, doc_id: str, wanted: str, status: str, record: dict[str, Any] | None = None
) -> Change:
    """Give the proposal with signature ``wanted`` this status (and record, if edited); an
    accepted one is in the curated files afterwards, any other is not."""
    with decision(paths, doc_id):
        _, review = open_review(paths, doc_id)
        proposal = find(review, wanted)
        before = proposal.status, dict(proposal.record)
        withdrawn = before[0] == "accepted" and _withdraw(paths, doc_id, proposal)
        proposal.status = status
        if record is not None:
            proposal.record = record
        _write(paths, review)
        moved = move_accepted(paths, doc_id) if status == "accepted" else []
        if withdrawn and not moved:
            check_builds(paths)
    return Change(
        f"{status} {proposal.record['id']}",
        lambda: set_state(paths, doc_id, wanted, before[0], before[1]),
    )


def evidence(text: str, start: int, end: int) -> str | dict[str, str]:
    """The evidence of the words ``text[start:end]`` as a facts file writes it: the quote,
    with a hint (a longer passage around it that occurs once) if it occurs more than once."""
    quote = text[start:end]
    if not quote.strip() or quote != quote.strip():
        raise FpkgError("select the words of the evidence, without spaces around them")
    if len(occurrences(text, quote)) == 1:
        return quote
    for width in range(10, len(text) + 10, 10):
        left, right = max(0, start - width), min(len(text), end + width)
        hint = text[left:right]
        if len(occurrences(text, hint)) == 1 and hint.find(quote) == start - left:
            return {"quote": quote, "hint": hint}
    raise FpkgError("these words cannot be told apart from their other occurrences")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def new_entity(
    kind: str, label: str, language: str, fields: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A catalog entry for a participant the catalog lacks (``fields``: what its kind needs)."""
    if not label.strip():
        raise FpkgError("a new catalog entry needs a label")
    if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]+)*", language):
        raise FpkgError(f"language {language!r} is not a BCP 47 tag (en, es)")
    name: Any = label.strip() if language == "en" else {language: label.strip()}
    return {"id": f"{kind}/{slug(label)}", "label": name, **(fields or {}), "unlinked": UNLINKED}


def add_fact(
    paths: Paths,
    doc_id: str,
    kind: str,
    fields: dict[str, Any],
    start: int,
    end: int,
    entities: list[dict[str, Any]],
) -> Change:
    """Add a fact the machine missed, its evidence the words at ``start:end``, and the new
    catalog entries it names, as accepted proposals moved into the curated files."""
    if kind not in RECORD_KINDS:
        raise FpkgError(f"kind {kind!r} is not one of {', '.join(RECORD_KINDS)}")
    text = document_text(paths, doc_id)
    if not 0 <= start < end <= len(text):
        raise FpkgError(f"offsets {start}-{end} are outside the document")
    record = {"id": fields.pop("id", None) or _fact_id(kind, fields, doc_id), **fields}
    record["evidence"] = evidence(text, start, end)
    added = [_entity_proposal(text, entity, start, end) for entity in entities]
    added.append(Proposal(kind, CURATOR_RULE, record, start, end, status="accepted"))
    with decision(paths, doc_id):
        _, review = open_review(paths, doc_id)
        known = {signature(p) for p in review.proposals}
        fresh = [p for p in added if signature(p) not in known]
        review.proposals.extend(fresh)
        _write(paths, review)
        move_accepted(paths, doc_id)
    wanted = [signature(p) for p in fresh]
    return Change(f"added {record['id']}", lambda: _take_back(paths, doc_id, wanted))


def _fact_id(kind: str, fields: dict[str, Any], doc_id: str) -> str:
    refs = [v for value in fields.values() for v in (value if isinstance(value, list) else [value])]
    words = [str(v).rpartition("/")[2] for v in refs if isinstance(v, str) and "/" in v][:3]
    return f"{RECORD_KINDS[kind]}/{slug('-'.join(words) or 'fact')}-{doc_id}"


def _entity_proposal(text: str, entity: dict[str, Any], start: int, end: int) -> Proposal:
    label = (
        entity["label"]
        if isinstance(entity["label"], str)
        else next(iter(entity["label"].values()))
    )
    found = text.find(label, start)
    if found < 0 or found > end:
        found = text.find(label)
    if found >= 0:
        start, end = found, found + len(label)
    return Proposal("entity", CURATOR_RULE, entity, start, end, status="accepted")


def _take_back(paths: Paths, doc_id: str, wanted: list[str]) -> Change:
    """Remove added proposals from the review file and their records from the curated files."""
    with decision(paths, doc_id):
        _, review = open_review(paths, doc_id)
        taken = [find(review, w) for w in wanted]
        for proposal in taken:
            _withdraw(paths, doc_id, proposal)
            review.proposals.remove(proposal)
        _write(paths, review)
        check_builds(paths)
    return Change("taken back", lambda: _restore(paths, doc_id, taken))


def _restore(paths: Paths, doc_id: str, proposals: list[Proposal]) -> Change:
    with decision(paths, doc_id):
        _, review = open_review(paths, doc_id)
        review.proposals.extend(proposals)
        _write(paths, review)
        move_accepted(paths, doc_id)
    wanted = [signature(p) for p in proposals]
    return Change("restored", lambda: _take_back(paths, doc_id, wanted))


def not_a_time(paths: Paths, doc_id: str, start: int, end: int, reason: str) -> Change:
    """List the temporal expression at ``start:end`` in the time audit as no fact's time."""
    if not reason.strip():
        raise FpkgError("say why this is not the time of a fact")
    text = document_text(paths, doc_id)
    found = evidence(text, start, end)
    passage = {"document": doc_id, **({"quote": found} if isinstance(found, str) else found)}
    passage["reason"] = reason.strip()
    path = paths.root / UNUSED_FILE
    with decision(paths, doc_id):
        write_atomically(path, yamlfile.with_items_appended(path, "passages", [passage]))
        check_builds(paths)
    return Change(
        f"listed {text[start:end]!r} as no fact's time", lambda: _unlist(paths, doc_id, passage)
    )


def _unlist(paths: Paths, doc_id: str, passage: dict[str, Any]) -> Change:
    path = paths.root / UNUSED_FILE
    with decision(paths, doc_id):
        items = yamlfile.load(path).get("passages") or []
        same = [i for i, item in enumerate(items) if plain(item) == passage]
        if same:
            write_atomically(path, yamlfile.without_items(path, "passages", {same[-1]}))
    start = document_text(paths, doc_id).find(str(passage.get("quote")))
    return Change(
        "listed again",
        lambda: not_a_time(
            paths, doc_id, start, start + len(str(passage["quote"])), str(passage["reason"])
        ),
    )


def attach_time(
    paths: Paths, doc_id: str, fact_id: str, start: int, end: int, times: dict[str, str]
) -> Change:
    """Resolve the time to-do at ``start:end`` with the curated fact ``fact_id``: its words
    become one more evidence quote of the fact, and ``times`` (``date``, ``from``, ``to``, at
    the precision typed) its time. Refused, with nothing changed, if the fact would not
    build or the words would still be no dated fact's time."""
    unknown = set(times) - set(TIME_FIELDS)
    if unknown:
        raise FpkgError(f"a fact's time is {', '.join(TIME_FIELDS)}, not {', '.join(unknown)}")
    text = document_text(paths, doc_id)
    if not 0 <= start < end <= len(text):
        raise FpkgError(f"offsets {start}-{end} are outside the document")
    words = evidence(text, start, end)
    path = paths.facts / f"{doc_id}.yaml"
    with decision(paths, doc_id):
        before = path.read_bytes()
        items = yamlfile.load(path).get("facts") or []
        index = next((i for i, x in enumerate(items) if str(x.get("id")) == fact_id), None)
        if index is None:
            raise FpkgError(f"{fact_id!r} is not a curated fact of {doc_id}")
        record = plain(items[index])
        quotes = record.pop("evidence", None)
        quotes = quotes if isinstance(quotes, list) else [quotes] if quotes else []
        record.update(times)  # a time it had keeps its place; a new one comes before evidence
        record["evidence"] = quotes if words in quotes else [*quotes, words]
        write_atomically(path, yamlfile.with_item_replaced(path, "facts", index, record))
        report = audit_sources(check_builds(paths), paths.root)
        if any((e.document.id, e.start, e.end) == (doc_id, start, end) for e in report.unaccounted):
            raise FpkgError(
                f"{fact_id} has no date, period or order, so {text[start:end]!r} would still be "
                "no fact's time: give the date these words state; nothing was changed"
            )
        after = path.read_bytes()
    return Change(
        f"attached {text[start:end]!r} to {fact_id}",
        lambda: _put_back(paths, doc_id, path, after, before),
    )


def _put_back(paths: Paths, doc_id: str, path: Path, now: bytes, then: bytes) -> Change:
    """Return ``path`` to its bytes ``then`` if it still holds ``now`` (the decision's result)."""
    with decision(paths, doc_id):
        if not path.is_file() or path.read_bytes() != now:
            raise FpkgError(f"{path.name} changed since this decision; nothing was undone")
        write_atomically(path, then)
        check_builds(paths)
    return Change("put back", lambda: _put_back(paths, doc_id, path, then, now))


def check_date(value: str) -> str:
    """A date as the curated format writes it, at the precision given (YYYY, YYYY-MM, …)."""
    try:
        PartialDate.parse(value)
    except ValueError as exc:
        raise FpkgError(f"date: {exc}") from None
    return value
