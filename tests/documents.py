"""A document fpkg has never seen, added to a scratch project for the intake tests."""

from __future__ import annotations

from pathlib import Path

from fpkg.intake import Metadata, add_document
from fpkg.sources import Paths

BULLETIN = Path(__file__).parent / "fixtures" / "intake" / "regional-bulletin.txt"
BULLETIN_ID = "regional-bulletin"


def add_bulletin(paths: Paths) -> str:
    """Add the synthetic bulletin to ``paths`` as ``fpkg add`` would; return its text."""
    add_document(
        paths,
        BULLETIN,
        Metadata(
            id=BULLETIN_ID,
            title="Regional Diplomacy Bulletin",
            publisher="fpkg tests",
            identifier="https://example.org/regional-bulletin",
            licence="https://creativecommons.org/licenses/by/4.0/",
            creators=("fpkg tests",),
            date="2023",
        ),
    )
    return BULLETIN.read_text(encoding="utf-8")
