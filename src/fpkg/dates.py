"""Dates at the precision the document gives: a year stays a year."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from rdflib import Literal
from rdflib.namespace import XSD

_FORMS = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "day"),
    (re.compile(r"^\d{4}-\d{2}$"), "month"),
    (re.compile(r"^\d{4}$"), "year"),
)


@dataclass(frozen=True, order=True)
class PartialDate:
    """An ISO 8601 date of day, month or year precision (``2017-08-08``, ``2017-08``, ``2017``)."""

    lexical: str
    precision: str

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Parse a curated date; raise ``ValueError`` with the accepted forms otherwise."""
        text = value.isoformat() if isinstance(value, dt.date) else str(value).strip()
        for pattern, precision in _FORMS:
            if pattern.match(text):
                date = cls(text, precision)
                date.earliest()  # rejects month 13, 30 February, ...
                return date
        raise ValueError(f"{text!r} is not a date: write YYYY-MM-DD, YYYY-MM or YYYY")

    def earliest(self) -> dt.date:
        """The first day this date can denote."""
        parts = [int(p) for p in self.lexical.split("-")]
        year, month, day = parts + [1] * (3 - len(parts))
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise ValueError(f"{self.lexical!r} is not a calendar date") from None

    def latest(self) -> dt.date:
        """The last day this date can denote."""
        first = self.earliest()
        if self.precision == "year":
            return dt.date(first.year, 12, 31)
        if self.precision == "month":
            return dt.date(first.year, first.month, calendar.monthrange(first.year, first.month)[1])
        return first

    def literal(self) -> Literal:
        """The OWL-Time literal: ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear``."""
        datatype = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}[self.precision]
        return Literal(self.lexical, datatype=datatype)

    def time_property(self) -> str:
        """Local name of the OWL-Time property carrying this literal."""
        return {"day": "inXSDDate", "month": "inXSDgYearMonth", "year": "inXSDgYear"}[
            self.precision
        ]
