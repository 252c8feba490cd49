"""Dates at the precision the document gives: a year stays a year, "end of 2018" stays
2018 with the qualifier ``end``; durations ("two years") as ISO 8601 durations."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from rdflib import Literal
from rdflib.namespace import XSD

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""The English month names the documents write dates with."""

QUALIFIERS = ("beginning", "early", "mid", "late", "end")
"""Where within its year or month a loosely worded date falls: the ``time-qualifier`` scheme."""

_QUALIFIED = re.compile(rf"^(?P<qualifier>{'|'.join(QUALIFIERS)}) (?P<date>\S+)$")
_DURATION = re.compile(r"^P(?:(?P<years>\d+)Y)?(?:(?P<months>\d+)M)?(?:(?P<days>\d+)D)?$")

_FORMS = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "day"),
    (re.compile(r"^\d{4}-\d{2}$"), "month"),
    (re.compile(r"^\d{4}$"), "year"),
)


@dataclass(frozen=True, order=True)
class PartialDate:
    """An ISO 8601 date of day, month or year precision (``2017-08-08``, ``2017-08``, ``2017``),
    optionally qualified by where within it the document places it (``end 2018``)."""

    lexical: str
    precision: str
    qualifier: str | None = None

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Parse a curated date; raise ``ValueError`` with the accepted forms otherwise."""
        text = value.isoformat() if isinstance(value, dt.date) else str(value).strip()
        qualified = _QUALIFIED.match(text)
        qualifier = qualified["qualifier"] if qualified else None
        bare = qualified["date"] if qualified else text
        for pattern, precision in _FORMS:
            if pattern.match(bare):
                date = cls(bare, precision, qualifier)
                date.earliest()  # rejects month 13, 30 February, ...
                if qualifier and precision == "day":
                    raise ValueError(f"{text!r}: a qualifier applies to a year or a month")
                return date
        raise ValueError(
            f"{text!r} is not a date: write YYYY-MM-DD, YYYY-MM or YYYY, "
            f"a year or month optionally after one of {', '.join(QUALIFIERS)} (`mid 2021`)"
        )

    @property
    def key(self) -> str:
        """The date as an IRI key: ``2018``, or ``end-2018`` when qualified."""
        return f"{self.qualifier}-{self.lexical}" if self.qualifier else self.lexical

    def shifted(self, duration: Duration, sign: int) -> PartialDate:
        """This date moved by ``duration`` (forward for ``sign`` 1, back for -1), at this
        date's precision and without its qualifier: a bound derived from a duration."""
        first = self.earliest()
        months = first.year * 12 + first.month - 1 + sign * (duration.years * 12 + duration.months)
        moved = dt.date(months // 12, months % 12 + 1, 1)
        if self.precision == "day":
            day = min(first.day, calendar.monthrange(moved.year, moved.month)[1])
            moved = moved.replace(day=day) + dt.timedelta(days=sign * duration.days)
        return PartialDate(moved.isoformat()[: len(self.lexical)], self.precision)

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


@dataclass(frozen=True)
class Duration:
    """An ISO 8601 duration of years, months and days as a document states it (``P2Y``)."""

    lexical: str
    years: int
    months: int
    days: int

    @classmethod
    def parse(cls, value: object) -> Duration:
        """Parse ``P2Y``, ``P3M``, ``P1D``…; raise ``ValueError`` otherwise."""
        text = str(value).strip()
        match = _DURATION.match(text)
        if not match or text == "P":
            raise ValueError(f"{text!r} is not a duration: write P<n>Y, P<n>M or P<n>D (P2Y)")
        parts = {k: int(v or 0) for k, v in match.groupdict().items()}
        return cls(text, parts["years"], parts["months"], parts["days"])

    def numeric(self) -> tuple[int, str]:
        """The duration as one number and an OWL-Time unit name, when it has one unit."""
        units = [
            (n, u)
            for n, u in (
                (self.years, "unitYear"),
                (self.months, "unitMonth"),
                (self.days, "unitDay"),
            )
            if n
        ]
        if len(units) != 1:
            raise ValueError(f"{self.lexical!r} mixes units")
        return units[0]
