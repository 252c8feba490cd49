"""Labels a reader would write, made from the fact itself, for facts without a curated
label: "Peru and New Zealand establish relations (1970)", "Paraguay in the Lima Group (Peru
Support Group)", never the record's key."""

from __future__ import annotations

import calendar

from fpkg.corpus import Document
from fpkg.dates import PartialDate
from fpkg.records import Record, Text

RELATION_VERBS = {
    "established": "establish relations",
    "broken": "break off relations",
    "ended": "end relations",
    "restored": "restore relations",
    "agreement": "reach an agreement or joint communiqué",
}
EXCERPT_WORDS = 8


def label_facts(records: dict[str, Record], documents: dict[str, Document]) -> None:
    """Give every fact without a label one made from its fields."""
    for record in records.values():
        if record.type.is_fact and not record.values.get("label"):
            document = documents[record.document] if record.document else None
            record.values["label"] = [Text(fact_label(record, records, document))]


def fact_label(record: Record, records: dict[str, Record], document: Document | None) -> str:
    def name(ref: str) -> str:
        labels = records[ref].values.get("label") if ref in records else None
        return str(labels[0]) if labels else ref.partition("/")[2].replace("-", " ")

    values, kind = record.values, record.type.name
    when = _when(record)
    if kind == "relation-event":
        parties = [name(p) for p in values["parties"]]
        if len(parties) < 2:
            section, row = values.get("table-section", ["?"])[0], values.get("table-row", ["?"])[0]
            parties.append(f"an unnamed partner ({section} table, row {row})")
        verb = RELATION_VERBS.get(str(values["event"][0]), str(values["event"][0]))
        return f"{' and '.join(parties)} {verb}{when}"
    if kind == "membership":
        holder = name(values["member"][0])
        if values.get("role"):
            text = f"{holder}, {name(values['role'][0])} ({name(values['organization'][0])})"
        else:
            text = f"{holder} in {_the(name(values['organization'][0]))}"
        return f"{text} ({attribution(document)})" if document else text
    if kind == "statement" and values["kind"] == ["interview"] and record.anchors:
        words = record.anchors[0].exact.split()
        excerpt = " ".join(words[:EXCERPT_WORDS]) + ("…" if len(words) > EXCERPT_WORDS else "")
        return f"{name(values['issuer'][0])}, interviewed{_on(record)}: “{excerpt}”"
    subjects = [name(v[0]) for f, v in values.items() if f != "label" and _is_ref(record, f)]
    title = kind.replace("-", " ").capitalize()
    return f"{title} of {', '.join(subjects[:2])}{when}" if subjects else f"{title}{when}"


def attribution(document: Document) -> str:
    """How a label cites a document: its author, two authors' surnames, or the first et al."""
    creators = document.creators
    if len(creators) == 2:
        return " and ".join(c.split()[-1] for c in creators)
    if len(creators) > 2:
        return f"{creators[0].split()[-1]} et al."
    return creators[0] if creators else document.publisher


def _is_ref(record: Record, field: str) -> bool:
    spec = record.type.fields.get(field)
    return spec is not None and spec.kind == "ref"


def _the(organisation: str) -> str:
    """ "the Lima Group", but "Mercosur" and "CELAC" as they are."""
    return organisation if len(organisation.split()) == 1 else f"the {organisation}"


def _when(record: Record) -> str:
    times = record.times
    if "date" in times:
        return f" ({readable(times['date'])})"
    if times:
        begin = readable(times["from"]) if "from" in times else "…"
        end = readable(times["to"]) if "to" in times else "…"
        return f" ({begin}–{end})"
    return ""


def _on(record: Record) -> str:
    date = record.times.get("date")
    return f" on {readable(date)}" if date else ""


def readable(date: PartialDate) -> str:
    """``2024-02-16`` as "16 February 2024", ``2024-02`` as "February 2024"."""
    parts = date.lexical.split("-")
    if len(parts) == 1:
        return parts[0]
    month = calendar.month_name[int(parts[1])]
    return f"{int(parts[2])} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"
