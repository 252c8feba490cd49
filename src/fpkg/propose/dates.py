"""Dates as a document states them, at its precision: "23 January 2019" is a day,
"August 2017" a month, "in 2017" a year; "mid-2021" is the year 2021 with the qualifier
``mid`` and "early April 2007" the month with ``early``. A day or month without a year is
left out: the year would be a guess."""

from __future__ import annotations

import re
from dataclasses import dataclass

from fpkg.dates import MONTHS, PartialDate

_MONTH = "(?P<month>" + "|".join(MONTHS) + ")"
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)(?![\d–-]*\d)"
_QUALIFIER = (
    r"(?:\b(?i:(?P<qualifier>beginning|start|early|mid|middle|late|end))(?:-|\s+of\s+|\s+)"
    r"(?:the\s+year\s+)?)?"
)
"""Where within a year or month the text places a date ("end of", "mid-", "early")."""
QUALIFIER_WORDS = {"start": "beginning", "middle": "mid"}
_FORMS = (
    re.compile(rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)? (?:of )?{_MONTH},? {_YEAR}"),
    re.compile(rf"\b{_MONTH} (?P<day>[0-3]?\d)(?:st|nd|rd|th)?, {_YEAR}"),
    re.compile(rf"{_QUALIFIER}\b{_MONTH},? {_YEAR}"),
    re.compile(rf"{_QUALIFIER}(?<![\d/.])(?<!\d[-–]){_YEAR}"),
)
CITATION_YEAR = re.compile(r"^\s*[a-z]?\)|^,\s*p")
"""What follows the year of an author–year citation (``Humala, 2013)``): not a date of an event."""


@dataclass(frozen=True)
class FoundDate:
    """A date expression at ``start`` (a document offset), normalised."""

    start: int
    end: int
    date: PartialDate


def find_dates(text: str, offset: int = 0) -> list[FoundDate]:
    """Every date ``text`` states, in order, each at the precision it is stated; the year
    of an author–year citation is skipped."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for form in _FORMS:
        for match in form.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            if CITATION_YEAR.match(text[match.end() :]) and re.search(
                r"[A-Z][\w’'-]+(?: et al\.)?,?\s*$", text[: match.start()]
            ):
                continue
            lexical = match["year"]
            if "month" in match.groupdict() and match["month"]:
                lexical += f"-{MONTHS.index(match['month']) + 1:02d}"
                if "day" in match.groupdict() and match["day"]:
                    lexical += f"-{int(match['day']):02d}"
            qualifier = match.groupdict().get("qualifier")
            if qualifier:
                qualifier = qualifier.lower()
                lexical = f"{QUALIFIER_WORDS.get(qualifier, qualifier)} {lexical}"
            try:
                date = PartialDate.parse(lexical)
            except ValueError:
                continue
            taken.append((match.start(), match.end()))
            found.append(FoundDate(offset + match.start(), offset + match.end(), date))
    return sorted(found, key=lambda d: d.start)
