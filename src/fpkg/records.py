"""Curated records: the entity catalog and the facts, read from YAML and checked.

Every record has an id ``kind/key``; the kind picks its :class:`~fpkg.schema.RecordType`.
Reading checks the shape of each record (known fields, value kinds, dates); resolving
checks what needs the whole set (references, concepts, evidence quotes, Wikidata QIDs).
Every error names ``file:line``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from fpkg import yamlfile
from fpkg.anchoring import Anchor, AnchorError, anchor
from fpkg.corpus import Document
from fpkg.dates import Duration, PartialDate
from fpkg.errors import FpkgError, at
from fpkg.namespaces import KEY
from fpkg.schema import (
    COMMON,
    ENTITY_COMMON,
    ENTITY_TYPES,
    FACT_TYPES,
    Field,
    RecordType,
)

QID = re.compile(r"Q[1-9][0-9]*")
TIME_FIELDS = ("date", "from", "to")
QUOTE_KEYS = ("quote", "hint", "lang")
PAST_WHEN_WRITTEN = "past-when-written"
"""A fact the document speaks of as past ("its most recent meeting") ended no later than the
document's date: the build derives that end bound, marked as derived."""


LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
DEFAULT_LANGUAGE = "en"


class Text(str):
    """A text value with its language: a plain YAML string is English, ``{es: …}`` names
    its language with a BCP 47 tag."""

    lang: str

    def __new__(cls, value: str, lang: str = DEFAULT_LANGUAGE) -> Text:
        text = super().__new__(cls, value)
        text.lang = lang
        return text


@dataclass(frozen=True)
class Quote:
    """An evidence quote as written in a facts file, with an optional disambiguating hint
    and the language of the quoted words, where the curator stated it."""

    text: str
    hint: str | None
    where: str
    lang: str | None = None


@dataclass
class Record:
    """One curated entity or fact, as read and (after :func:`resolve`) checked."""

    id: str
    type: RecordType
    where: str
    values: dict[str, list[Any]] = field(default_factory=dict)
    times: dict[str, PartialDate] = field(default_factory=dict)
    duration: Duration | None = None
    derived: dict[str, PartialDate] = field(default_factory=dict)
    past_when_written: bool = False
    document: str | None = None
    quotes: list[Quote] = field(default_factory=list)
    anchors: list[Anchor] = field(default_factory=list)
    wikidata: str | None = None
    unlinked_reason: str | None = None

    def names(self) -> list[str]:
        """The record's label and aliases: the names documents call it by."""
        return [str(n) for n in [*self.values.get("label", []), *self.values.get("aliases", [])]]


def read_catalog(path: Path) -> list[Record]:
    """Read ``entities.yaml``: ``entities:`` a list of entity records."""
    root = yamlfile.read(path)
    items = root.get("entities") if hasattr(root, "get") else None
    if not isinstance(items, list):
        raise FpkgError("expected a top-level `entities:` list", at(path, 1))
    return [
        _read_record(item, at(path, yamlfile.line_of(items, i)), ENTITY_TYPES, ENTITY_COMMON)
        for i, item in enumerate(items)
    ]


def read_facts(path: Path) -> list[Record]:
    """Read a facts file: ``document:`` the source document id, ``facts:`` a list of facts."""
    root = yamlfile.read(path)
    if (
        not hasattr(root, "get")
        or not root.get("document")
        or not isinstance(root.get("facts"), list)
    ):
        raise FpkgError("expected `document:` (a document id) and a `facts:` list", at(path, 1))
    doc_id, items = str(root["document"]), root["facts"]
    records = []
    for i, item in enumerate(items):
        where = at(path, yamlfile.line_of(items, i))
        record = _read_record(item, where, FACT_TYPES, COMMON)
        record.document = doc_id
        record.quotes = _read_quotes(item, where, path)
        records.append(record)
    return records


def _read_record(
    item: Any, where: str, types: dict[str, RecordType], common: dict[str, Field]
) -> Record:
    if not hasattr(item, "get") or not item.get("id"):
        raise FpkgError("a record needs an `id: kind/key`", where)
    record_id = str(item["id"])
    kind, _, key = record_id.partition("/")
    if kind not in types:
        raise FpkgError(
            f"{record_id!r}: unknown kind {kind!r}; known kinds here: {', '.join(sorted(types))}",
            where,
        )
    if not KEY.fullmatch(key):
        raise FpkgError(f"{record_id!r}: the key must be lower-case words joined by hyphens", where)
    record_type = types[kind]
    record = Record(record_id, record_type, where)
    fields = {**common, **record_type.fields}
    extra = (
        ("wikidata", "unlinked")
        if not record_type.is_fact
        else (*TIME_FIELDS, "duration", PAST_WHEN_WRITTEN, "evidence")
    )
    for name, raw in item.items():
        line_where = _line(where, item, name)
        if name == "id":
            continue
        if name in fields:
            record.values[name] = _read_values(fields[name], raw, f"{record_id} {name}", line_where)
        elif name in TIME_FIELDS and name in extra:
            record.times[name] = _read_date(raw, f"{record_id} {name}", line_where)
        elif name == "duration" and name in extra:
            record.duration = _read_duration(raw, f"{record_id} {name}", line_where)
        elif name == PAST_WHEN_WRITTEN and name in extra:
            if raw is not True:
                raise FpkgError(
                    f"{record_id} {name}: write `{name}: true` or leave it out", line_where
                )
            record.past_when_written = True
        elif name == "wikidata" and name in extra:
            if raw is not None and not QID.fullmatch(str(raw)):
                raise FpkgError(
                    f"{record_id}: {raw!r} is not a Wikidata QID (Q followed by digits)", line_where
                )
            record.wikidata = None if raw is None else str(raw)
        elif name == "unlinked" and name in extra:
            record.unlinked_reason = str(raw)
        elif name not in extra:
            allowed = sorted([*fields, *extra])
            raise FpkgError(
                f"{record_id}: unknown field {name!r}; allowed: {', '.join(allowed)}", line_where
            )
    missing = [name for name, f in fields.items() if f.required and not record.values.get(name)]
    if missing:
        raise FpkgError(f"{record_id}: missing required field(s) {', '.join(missing)}", where)
    if "date" in record.times and ({"from", "to"} & record.times.keys()):
        raise FpkgError(f"{record_id}: give either `date` or `from`/`to`, not both", where)
    if record.duration and "date" in record.times:
        raise FpkgError(f"{record_id}: a `duration` goes with `from`/`to`, not `date`", where)
    if record.past_when_written and ({"date", "to"} & record.times.keys() or record.duration):
        raise FpkgError(
            f"{record_id}: `{PAST_WHEN_WRITTEN}` bounds an end no date, `to` or duration states; "
            "leave it out when one is given",
            where,
        )
    record.derived = _derive_bound(record)
    if record.wikidata and record.unlinked_reason:
        raise FpkgError(f"{record_id}: has both a QID and an `unlinked` reason", where)
    return record


def _derive_bound(record: Record) -> dict[str, PartialDate]:
    """The bound a stated duration gives from the one stated bound ("2018" and "P2Y" → "2020"),
    when the duration is no finer than that bound's precision."""
    duration, times = record.duration, record.times
    given = [name for name in ("from", "to") if name in times]
    if duration is None or len(given) != 1:
        return {}
    bound = times[given[0]]
    finer = duration.days if bound.precision == "month" else duration.days or duration.months
    if bound.precision != "day" and finer:
        return {}
    other, sign = ("to", 1) if given[0] == "from" else ("from", -1)
    return {other: bound.shifted(duration, sign)}


def _line(where: str, item: Any, key: str) -> str:
    path = where.rsplit(":", 1)[0]
    line = yamlfile.line_of(item, key)
    return f"{path}:{line}" if line else where


def _read_values(spec: Field, raw: Any, what: str, where: str) -> list[Any]:
    values = raw if isinstance(raw, list) else [raw]
    if not spec.many and len(values) > 1:
        raise FpkgError(f"{what}: takes one value, got {len(values)}", where)
    out = []
    for value in values:
        if value is None or value == "":
            raise FpkgError(f"{what}: empty value", where)
        if spec.kind == "number":
            try:
                out.append(Decimal(str(value)))
            except InvalidOperation:
                raise FpkgError(f"{what}: {value!r} is not a number", where) from None
        elif spec.kind in ("ref", "concept") and not isinstance(value, str):
            raise FpkgError(f"{what}: expected an id, got {value!r}", where)
        elif spec.kind == "text":
            out.append(_read_text(value, what, where))
        elif spec.kind == "duration":
            out.append(_read_duration(value, what, where))
        elif spec.kind == "class" and value not in ENTITY_TYPES:
            raise FpkgError(
                f"{what}: {value!r} is not a kind of entity ({', '.join(sorted(ENTITY_TYPES))})",
                where,
            )
        else:
            out.append(str(value).strip() if spec.kind == "string" else value)
    return out


def _read_text(value: Any, what: str, where: str) -> Text:
    """A plain string (English) or a one-key mapping ``{tag: text}``."""
    if not hasattr(value, "items"):
        return Text(str(value).strip())
    if len(value) != 1:
        raise FpkgError(f"{what}: a tagged text is one `language: text` pair", where)
    ((tag, text),) = value.items()
    return Text(str(text).strip(), _language(tag, what, where))


def _language(tag: Any, what: str, where: str) -> str:
    if not isinstance(tag, str) or not LANGUAGE_TAG.fullmatch(tag):
        raise FpkgError(f"{what}: {tag!r} is not a BCP 47 language tag (es, en, pt-BR)", where)
    return tag


def _read_date(raw: Any, what: str, where: str) -> PartialDate:
    try:
        return PartialDate.parse(raw)
    except ValueError as exc:
        raise FpkgError(f"{what}: {exc}", where) from None


def _read_duration(raw: Any, what: str, where: str) -> Duration:
    try:
        return Duration.parse(raw)
    except ValueError as exc:
        raise FpkgError(f"{what}: {exc}", where) from None


def _read_quotes(item: Any, where: str, path: Path) -> list[Quote]:
    raw = item.get("evidence")
    if raw is None:
        raise FpkgError(f"{item['id']}: a fact needs `evidence` (a verbatim quote)", where)
    entries = raw if isinstance(raw, list) else [raw]
    quotes = []
    for index, entry in enumerate(entries):
        line = (
            yamlfile.line_of(entries, index)
            if isinstance(raw, list)
            else yamlfile.line_of(item, "evidence")
        )
        quote_where = at(path, line) if line else where
        if isinstance(entry, str):
            quotes.append(Quote(entry, None, quote_where))
        elif hasattr(entry, "get") and isinstance(entry.get("quote"), str):
            for key in entry:
                if key not in QUOTE_KEYS:
                    raise FpkgError(
                        f"{item['id']} evidence: unknown key {key!r}; allowed: {', '.join(QUOTE_KEYS)}",
                        at(path, yamlfile.line_of(entry, key)),
                    )
            hint = entry.get("hint")
            lang = entry.get("lang")
            if lang is not None:
                lang = _language(lang, f"{item['id']} evidence", quote_where)
            quotes.append(Quote(entry["quote"], str(hint) if hint else None, quote_where, lang))
        else:
            raise FpkgError(
                f"{item['id']}: evidence must be a quote or {{quote, hint, lang}}", quote_where
            )
    return quotes


def read_qid_register(path: Path) -> dict[str, str]:
    """The register of verified QIDs (``qid`` → label), each seen in a public source."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["qid"]: row["label"] for row in csv.DictReader(handle, delimiter="\t")}


def resolve(
    records: list[Record],
    documents: dict[str, Document],
    concepts: set[str],
    qid_register: dict[str, str],
) -> dict[str, Record]:
    """Check what needs the whole set; return the records by id."""
    by_id: dict[str, Record] = {}
    for record in records:
        if record.id in by_id:
            raise FpkgError(
                f"{record.id} is defined twice (first at {by_id[record.id].where})", record.where
            )
        by_id[record.id] = record
    seen_qids: dict[str, str] = {}
    for record in records:
        _check_references(record, by_id, concepts)
        if record.wikidata:
            if record.wikidata not in qid_register:
                raise FpkgError(
                    f"{record.id}: {record.wikidata} is not in the register of verified QIDs "
                    "(data/wikidata-qids.tsv); add it there with the source it was seen in",
                    record.where,
                )
            if record.wikidata in seen_qids:
                raise FpkgError(
                    f"{record.id}: {record.wikidata} is already the QID of {seen_qids[record.wikidata]}",
                    record.where,
                )
            seen_qids[record.wikidata] = record.id
        if record.type.is_fact:
            _anchor_quotes(record, documents)
        if record.past_when_written:
            record.derived["to"] = _written_on(record, documents)
    return by_id


def _written_on(record: Record, documents: dict[str, Document]) -> PartialDate:
    """The date of the fact's document, at its precision: the latest its fact can end."""
    date = documents[record.document or ""].date
    if not date:
        raise FpkgError(
            f"{record.id}: `{PAST_WHEN_WRITTEN}` needs the document's date, and the manifest "
            f"gives none for {record.document}",
            record.where,
        )
    return PartialDate.parse(date)


def _check_references(record: Record, by_id: dict[str, Record], concepts: set[str]) -> None:
    fields = {**ENTITY_COMMON, **record.type.fields}
    for name, values in record.values.items():
        spec = fields[name]
        for value in values:
            if spec.kind == "ref":
                target = by_id.get(value)
                if target is None and record.type.name == "order":
                    raise FpkgError(
                        f"{record.id} {name}: {value!r} is not a fact of {record.document}; "
                        "an order relates two facts of its own document",
                        record.where,
                    )
                if target is None:
                    raise FpkgError(f"{record.id} {name}: unknown entity {value!r}", record.where)
                if record.type.name == "order" and target.document != record.document:
                    raise FpkgError(
                        f"{record.id} {name}: {value} is not a fact of {record.document}; "
                        "an order relates two facts of its own document",
                        record.where,
                    )
                if spec.targets and target.type.name not in spec.targets:
                    raise FpkgError(
                        f"{record.id} {name}: {value} is a {target.type.name}; "
                        f"expected one of {', '.join(spec.targets)}",
                        record.where,
                    )
            elif spec.kind == "concept" and f"{spec.scheme}/{value}" not in concepts:
                known = sorted(
                    c.split("/", 1)[1] for c in concepts if c.startswith(f"{spec.scheme}/")
                )
                raise FpkgError(
                    f"{record.id} {name}: {value!r} is not in the {spec.scheme} scheme "
                    f"({', '.join(known)})",
                    record.where,
                )


def _anchor_quotes(record: Record, documents: dict[str, Document]) -> None:
    document = documents.get(record.document or "")
    if document is None:
        raise FpkgError(
            f"{record.id}: unknown document {record.document!r}; known: {', '.join(sorted(documents))}",
            record.where,
        )
    for quote in record.quotes:
        try:
            found = anchor(document, quote.text, quote.hint)
            record.anchors.append(replace(found, language=quote.lang))
        except AnchorError as exc:
            raise FpkgError(f"{record.id} evidence: {exc}", quote.where) from None
