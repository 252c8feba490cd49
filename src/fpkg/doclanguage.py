"""The language of a new document, for ``fpkg add`` when ``--language`` is not given:
lingua (offline, its models in the wheel) choosing between English and Spanish on the
document's opening text; English when it is not sure."""

from __future__ import annotations

from fpkg.curate import Identifier
from fpkg.records import DEFAULT_LANGUAGE

SAMPLE = 4000
"""Characters read: enough for a sure answer, few enough to be quick on a long PDF."""
CONFIDENCE = 0.6


def detect_language(text: str) -> str:
    """The BCP 47 tag of the language ``text`` is written in (``en`` if unsure)."""
    return Identifier().propose(text[:SAMPLE], CONFIDENCE) or DEFAULT_LANGUAGE
