"""The evaluation set of ``fpkg propose`` (bench/documents): every split loads clean, as the
build would check curated facts, and a broken gold quote is reported with its file."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

from fpkg import yamlfile
from fpkg.errors import FpkgError

ROOT = Path(__file__).resolve().parents[1]
GENRES = {
    "chronology",
    "commentary",
    "communique",
    "joint-declaration",
    "news-report",
    "vote-record",
}


@pytest.fixture(scope="module")
def evalset() -> ModuleType:
    """bench/evalset.py, a script beside the package, loaded as a module."""
    spec = importlib.util.spec_from_file_location("evalset", ROOT / "bench" / "evalset.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["evalset"] = module
    spec.loader.exec_module(module)
    return module


def test_the_splits_are_dev_heldout_fresh_and_blind(evalset: ModuleType) -> None:
    assert evalset.SPLITS == ("dev", "heldout", "fresh", "blind")


@pytest.mark.parametrize(
    ("name", "documents", "genres"),
    [("dev", 6, 6), ("heldout", 6, 6), ("fresh", 6, 6), ("blind", 4, 4)],
)
def test_every_split_loads_with_gold_facts_for_each_document(
    evalset: ModuleType, name: str, documents: int, genres: int
) -> None:
    """At least ``documents`` documents, each with gold facts, in both languages, of at least
    ``genres`` of the six genres (the blind split has four documents of four genres)."""
    split = evalset.load_split(name)
    assert len(split.documents) >= documents
    for doc_id in split.documents:
        assert split.facts_of(doc_id), f"{name}: {doc_id} has no gold facts"
    assert {d.language for d in split.documents.values()} == {"en", "es"}
    assert set(split.genres.values()) <= GENRES
    assert len(set(split.genres.values())) >= genres


@pytest.mark.parametrize(
    ("split", "doc_id", "quote", "changed", "lines_before"),
    [
        (
            "fresh",
            "fresh-commentary-nicaragua-leaves-oas-2023",
            "Spain, Argentina, Chile and Mexico offered",
            "Spain and Peru offered",
            0,  # a plain evidence string: its own line
        ),
        (
            "blind",
            "blind-cancilleria-ecuador-ruptura-colombia-2008",
            "La canciller María Isabel Salvador entregó hoy la nota",
            "La canciller María Isabel Salvador entregó ayer la nota",
            1,  # an evidence entry whose `lang: es` stands on the line before its quote
        ),
    ],
)
def test_a_gold_quote_not_in_its_document_is_reported_with_its_file_and_line(
    evalset: ModuleType,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    split: str,
    doc_id: str,
    quote: str,
    changed: str,
    lines_before: int,
) -> None:
    shutil.copytree(evalset.DOCUMENTS / split, tmp_path / split)
    facts = tmp_path / split / "facts" / f"{doc_id}.yaml"
    text = facts.read_text(encoding="utf-8")
    assert quote in text
    line = text[: text.index(quote)].count("\n") + 1 - lines_before
    facts.write_text(text.replace(quote, changed), encoding="utf-8")
    monkeypatch.setattr(evalset, "DOCUMENTS", tmp_path)
    with pytest.raises(FpkgError) as raised:
        evalset.load_split(split)
    assert f"{doc_id}.yaml:{line}:" in str(raised.value)


def _evidence_languages(facts: Path) -> list[str | None]:
    """The `lang:` of every evidence quote of a gold facts file (None: untagged, English)."""
    languages: list[str | None] = []
    for fact in yamlfile.load(facts)["facts"]:
        evidence = fact["evidence"]
        for entry in evidence if isinstance(evidence, list) else [evidence]:
            languages.append(entry.get("lang") if isinstance(entry, dict) else None)
    return languages


def test_the_blind_split_tags_every_quote_with_its_document_language(
    evalset: ModuleType,
) -> None:
    split = evalset.load_split("blind")
    for doc_id, document in split.documents.items():
        languages = set(
            _evidence_languages(evalset.DOCUMENTS / "blind" / "facts" / f"{doc_id}.yaml")
        )
        assert languages == ({"es"} if document.language == "es" else {None}), doc_id
