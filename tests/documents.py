"""Documents fpkg has never seen, written for the tests, added to a scratch project: a
bulletin for the intake tests, and a note for the curation tests (with characters beyond the
Basic Multilingual Plane before its statements)."""

from __future__ import annotations

from pathlib import Path

from fpkg.intake import Metadata, add_document
from fpkg.propose import propose
from fpkg.sources import Paths

FIXTURES = Path(__file__).parent / "fixtures"
BULLETIN = FIXTURES / "intake" / "regional-bulletin.txt"
BULLETIN_ID = "regional-bulletin"
NOTE = FIXTURES / "curate" / "andean-water-note.txt"
NOTE_ID = "andean-water-note"


def _add(paths: Paths, source: Path, doc_id: str, title: str, date: str) -> str:
    add_document(
        paths,
        source,
        Metadata(
            id=doc_id,
            title=title,
            publisher="fpkg tests",
            identifier=f"https://example.org/{doc_id}",
            licence="https://creativecommons.org/licenses/by/4.0/",
            creators=("fpkg tests",),
            date=date,
        ),
    )
    return source.read_text(encoding="utf-8")


def add_bulletin(paths: Paths) -> str:
    """Add the synthetic bulletin to ``paths`` as ``fpkg add`` would; return its text."""
    return _add(paths, BULLETIN, BULLETIN_ID, "Regional Diplomacy Bulletin", "2023")


def add_note(paths: Paths) -> str:
    """Add the synthetic note to ``paths`` and propose its facts; return its text."""
    text = _add(paths, NOTE, NOTE_ID, "Andean Water Note", "2024")
    propose(paths, NOTE_ID)
    return text
