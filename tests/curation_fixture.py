"""A document of the curation tests, written for them: a short note with characters beyond
the Basic Multilingual Plane before its statements, added and proposed in a scratch project."""

from __future__ import annotations

from pathlib import Path

from fpkg.intake import Metadata, add_document
from fpkg.propose import propose
from fpkg.sources import Paths

NOTE = Path(__file__).parent / "fixtures" / "curate" / "andean-water-note.txt"
NOTE_ID = "andean-water-note"


def add_note(paths: Paths) -> str:
    """Add the note to ``paths`` and propose its facts; return its text."""
    add_document(
        paths,
        NOTE,
        Metadata(
            id=NOTE_ID,
            title="Andean Water Note",
            publisher="fpkg tests",
            identifier="https://example.org/andean-water-note",
            licence="https://creativecommons.org/licenses/by/4.0/",
            creators=("fpkg tests",),
            date="2024",
        ),
    )
    propose(paths, NOTE_ID)
    return NOTE.read_text(encoding="utf-8")
