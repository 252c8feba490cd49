"""`fpkg add` records the language of a new document: detected (English or Spanish) unless
`--language` is given, which wins."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_intake import add

from fpkg.corpus import load_corpus
from fpkg.sources import Paths

SPANISH = (
    "El Gobierno del Perú expresa su profunda preocupación por la situación en Venezuela y "
    "reitera su llamado al diálogo entre todas las fuerzas políticas de ese país hermano.\n"
)
ENGLISH = "The Government of Peru expresses its deep concern about the situation in Venezuela.\n"


@pytest.mark.parametrize(
    ("text", "extra", "language"),
    [
        (SPANISH, (), "es"),
        (ENGLISH, (), "en"),
        (SPANISH, ("--language", "en"), "en"),
    ],
)
def test_the_manifest_records_the_detected_or_given_language(
    scratch: Paths, tmp_path: Path, text: str, extra: tuple[str, ...], language: str
) -> None:
    source = tmp_path / "comunicado.txt"
    source.write_text(text, encoding="utf-8")
    result = add(scratch, source, *extra, doc_id="comunicado")
    assert result.exit_code == 0, result.output
    assert load_corpus(scratch.corpus)["comunicado"].language == language
