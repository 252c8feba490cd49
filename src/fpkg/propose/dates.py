"""Dates as a document states them, in English or Spanish, at its precision: "23 January
2019" / "23 de enero de 2019" is a day, "August 2017" / "agosto de 2017" a month, "in 2017"
a year; "mid-2021" / "a mediados de 2021" is the year 2021 with the qualifier ``mid`` and
"early April 2007" / "a principios de abril de 2007" the month with ``early``. A day or month
without a year is left out: the year would be a guess."""

from __future__ import annotations

import re
from dataclasses import dataclass

from fpkg.dates import MONTHS, PartialDate

SPANISH_MONTHS = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)
_MONTH = "(?P<month>" + "|".join(MONTHS) + ")"
_MES = "(?P<month>(?i:" + "|".join(SPANISH_MONTHS) + "|setiembre))"
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)(?![\d–-]*\d)"
_QUALIFIER = (
    r"(?:\b(?i:(?P<qualifier>beginning|start|early|mid|middle|late|end))(?:-|\s+of\s+|\s+)"
    r"(?:the\s+year\s+)?)?"
)
"""Where within a year or month the text places a date ("end of", "mid-", "early")."""
_CALIFICADO = (
    r"(?:\b(?i:(?:a|en|hacia|desde)\s+)?(?i:(?P<calificador>principios|comienzos|inicios|"
    r"mediados|fines|finales))\s+de(?:l\s+año)?\s+)"
)
_CALIFICADOR = _CALIFICADO + "?"
"""The same in Spanish: "a fines de", "a mediados de", "a principios del año"."""
QUALIFIER_WORDS = {
    "start": "beginning",
    "middle": "mid",
    "principios": "early",
    "comienzos": "early",
    "inicios": "early",
    "mediados": "mid",
    "fines": "late",
    "finales": "late",
}
_FORMS = (
    re.compile(rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)? (?:of )?{_MONTH},? {_YEAR}"),
    re.compile(rf"\b{_MONTH} (?P<day>[0-3]?\d)(?:st|nd|rd|th)?, {_YEAR}"),
    re.compile(rf"{_QUALIFIER}\b{_MONTH},? {_YEAR}"),
    re.compile(rf"\b(?P<day>[0-3]?\d)(?:º|°)?\s+de\s+{_MES}(?:\s+de|\s+del|,)\s+{_YEAR}"),
    re.compile(rf"{_CALIFICADOR}\b{_MES}\s+de(?:l)?\s+{_YEAR}"),
    re.compile(rf"{_CALIFICADO}(?<![\d/.])(?<!\d[-–]){_YEAR}"),
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
                lexical += f"-{_month_number(match['month']):02d}"
                if "day" in match.groupdict() and match["day"]:
                    lexical += f"-{int(match['day']):02d}"
            qualifier = match.groupdict().get("qualifier") or match.groupdict().get("calificador")
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


def _month_number(name: str) -> int:
    """1–12 for an English or Spanish month name."""
    if name in MONTHS:
        return MONTHS.index(name) + 1
    lowered = name.lower().replace("setiembre", "septiembre")
    return SPANISH_MONTHS.index(lowered) + 1
