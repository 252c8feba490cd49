"""The gazetteer finds every mention of every catalog entity: measured against a hand-checked
fixture, and on snippets for possessives, demonyms and overlaps."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from fpkg.corpus import Document
from fpkg.mentions import Gazetteer
from fpkg.records import Record
from fpkg.schema import ENTITY_TYPES

FIXTURE = Path(__file__).parent / "fixtures" / "mentions-psg-2019.tsv"


def expected_mentions() -> list[tuple[str, str]]:
    lines = [
        line
        for line in FIXTURE.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    return [tuple(line.split("\t")) for line in lines[1:]]


def precision_recall(
    expected: list[tuple[str, str]], found: list[tuple[str, str]]
) -> tuple[float, float]:
    hits = sum((Counter(expected) & Counter(found)).values())
    return hits / len(found), hits / len(expected)


def test_precision_and_recall_on_the_hand_checked_document(built):
    found = [
        (m.entity, m.anchor.exact)
        for m in built.sources.mentions
        if m.anchor.document.id == "psg-2019"
    ]
    expected = expected_mentions()
    assert len(expected) > 50
    precision, recall = precision_recall(expected, found)
    print(
        f"psg-2019 mentions: precision {precision:.3f}, recall {recall:.3f} ({len(found)} found, {len(expected)} expected)"
    )
    assert precision >= 0.95 and recall >= 0.95
    assert [e for e, _ in found] == [e for e, _ in expected], "mentions come in reading order"


def test_every_mention_is_anchored_in_its_document(built):
    assert len(built.sources.mentions) > 500
    for mention in built.sources.mentions:
        anchor = mention.anchor
        assert anchor.document.text[anchor.start : anchor.end] == anchor.exact


def entity(record_id: str, label: str, aliases=(), demonyms=()) -> Record:
    kind = record_id.split("/")[0]
    values = {"label": [label], "aliases": list(aliases)}
    if demonyms:
        values["demonyms"] = list(demonyms)
    return Record(record_id, ENTITY_TYPES[kind], "test", values)


def mentions_in(text: str) -> list[tuple[str, str]]:
    gazetteer = Gazetteer(
        [
            entity("state/PER", "Peru", demonyms=["Peruvian"]),
            entity("place/lima", "Lima"),
            entity("mechanism/lima-group", "Lima Group"),
            entity("mechanism/tiar", "Inter-American Treaty of Reciprocal Assistance", ["TIAR"]),
        ]
    )
    document = Document("snippet", Path("snippet.txt"), text, "", "t", ("t",), "t", "urn:t", "en")
    return [(m.entity, m.anchor.exact) for m in gazetteer.mentions(document)]


def test_possessives_demonyms_and_longest_match():
    text = "Peru’s diplomacy and the Peruvian government met in Lima: the Lima Group and the TIAR."
    assert mentions_in(text) == [
        ("state/PER", "Peru"),
        ("state/PER", "Peruvian government"),
        ("place/lima", "Lima"),
        ("mechanism/lima-group", "Lima Group"),
        ("mechanism/tiar", "TIAR"),
    ]


def test_no_mention_inside_other_words_or_for_bare_demonyms():
    assert mentions_in("Peruvians and Limaeans; the Peruvian population; TIARS.") == []
