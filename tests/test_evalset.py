"""The evaluation set of ``fpkg propose`` (bench/documents): every split loads clean, as the
build would check curated facts, and a broken gold quote is reported with its file."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

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


def test_the_splits_are_dev_heldout_and_fresh(evalset: ModuleType) -> None:
    assert evalset.SPLITS == ("dev", "heldout", "fresh")


@pytest.mark.parametrize("name", ["dev", "heldout", "fresh"])
def test_every_split_loads_with_gold_facts_for_each_document(
    evalset: ModuleType, name: str
) -> None:
    split = evalset.load_split(name)
    assert len(split.documents) >= 6
    for doc_id in split.documents:
        assert split.facts_of(doc_id), f"{name}: {doc_id} has no gold facts"
    assert {d.language for d in split.documents.values()} == {"en", "es"}
    assert set(split.genres.values()) == GENRES


def test_a_gold_quote_not_in_its_document_is_reported_with_its_file(
    evalset: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(evalset.DOCUMENTS / "fresh", tmp_path / "fresh")
    facts = tmp_path / "fresh" / "facts" / "fresh-commentary-nicaragua-leaves-oas-2023.yaml"
    text = facts.read_text(encoding="utf-8")
    assert "Spain, Argentina, Chile and Mexico offered" in text
    facts.write_text(
        text.replace("Spain, Argentina, Chile and Mexico offered", "Spain and Peru offered"),
        encoding="utf-8",
    )
    monkeypatch.setattr(evalset, "DOCUMENTS", tmp_path)
    with pytest.raises(FpkgError) as raised:
        evalset.load_split("fresh")
    assert "fresh-commentary-nicaragua-leaves-oas-2023.yaml" in str(raised.value)
