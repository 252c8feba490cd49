"""Citations: the article's inline author–year citations, the passages they support, and the
personal communications they report (interviews with diplomats, as statements)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from fpkg.anchoring import Anchor
from fpkg.corpus import Document
from fpkg.dates import PartialDate
from fpkg.errors import FpkgError, at
from fpkg.records import Record
from fpkg.schema import FACT_TYPES

PARENTHESIS = re.compile(r"\(([^()]*?\b(?:1[89]|20)\d\d[a-z]?\b[^()]*)\)")
WORK = re.compile(
    r"^(?P<cited_in>cited in )?(?P<authors>[^\d,;][^\d;]*?), (?P<year>(?:1[89]|20)\d\d)[a-z]?"
    r"(?:, (?P<rest>.+))?$"
)
COMMUNICATION = re.compile(r"^personal communication, (?P<month>[A-Z][a-z]+) (?P<day>\d{1,2})$")
QUOTATION_BEFORE = re.compile(r"“([^“”]+)”\d*\s*$")
SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z“(])|\n")


@dataclass(frozen=True)
class Citation:
    """One cited work: who, when, which pages, how it is cited, and what it supports."""

    anchor: Anchor
    authors: tuple[str, ...]
    year: str
    pages: str | None
    kind: str
    passage: Anchor
    quotation: bool
    communication_date: PartialDate | None = None

    @property
    def key(self) -> str:
        return f"{self.anchor.document.id}/{self.anchor.start}-{self.anchor.end}"


def find_citations(document: Document) -> list[Citation]:
    """Every author–year citation of ``document`` (several works in one parenthesis each count)."""
    citations = []
    for match in PARENTHESIS.finditer(document.text):
        offset = match.start(1)
        for part in re.finditer(r"[^;]+", match.group(1)):
            work = _parse_work(document, offset + part.start(), part.group(0), match.start())
            if work is not None:
                citations.append(work)
    return citations


def _parse_work(document: Document, start: int, raw: str, paren: int) -> Citation | None:
    text = raw.strip()
    start += len(raw) - len(raw.lstrip())
    work = WORK.match(text)
    if work is None:
        return None
    authors = tuple(a.strip() for a in re.split(r",? and ", work["authors"]))
    rest = work["rest"]
    kind, pages, when = "direct", rest, None
    if work["cited_in"]:
        kind = "cited-in"
    if rest and (communication := COMMUNICATION.match(rest)):
        kind, pages = "personal-communication", None
        day = dt.datetime.strptime(
            f"{communication['month']} {communication['day']} {work['year']}", "%B %d %Y"
        )
        when = PartialDate.parse(day.date())
    passage, quotation = _supported_passage(document, paren)
    return Citation(
        anchor=Anchor(document, start, start + len(text)),
        authors=authors,
        year=work["year"],
        pages=pages,
        kind=kind,
        passage=passage,
        quotation=quotation,
        communication_date=when,
    )


def _supported_passage(document: Document, paren: int) -> tuple[Anchor, bool]:
    """The quotation that ends right before the citation, or else its sentence."""
    before = document.text[:paren]
    if quoted := QUOTATION_BEFORE.search(before):
        return Anchor(document, quoted.start(1), quoted.end(1)), True
    ends = [m.end() for m in SENTENCE_END.finditer(before)]
    start = ends[-1] if ends else 0
    end = len(before.rstrip())
    return Anchor(document, start, end), False


def interview_records(citations: list[Citation], persons: dict[str, str]) -> list[Record]:
    """A personal communication is an interview statement by the person cited, on its date.

    ``persons`` maps names and aliases to person ids; an author it does not know stops the
    build, naming the citation.
    """
    records = []
    for citation in citations:
        if citation.kind != "personal-communication":
            continue
        document = citation.anchor.document
        line = document.text.count("\n", 0, citation.anchor.start) + 1
        where = at(document.path, line)
        author = citation.authors[0]
        person = persons.get(author)
        if person is None:
            raise FpkgError(
                f"personal communication of {author!r}: no person in the catalog has this name "
                "or alias; add one",
                where,
            )
        date = citation.communication_date
        assert date is not None
        values: dict[str, list] = {"kind": ["interview"], "issuer": [person]}
        if citation.quotation:
            values["wording"] = [citation.passage.exact]
        name = person.split("/", 1)[1]
        records.append(
            Record(
                id=f"statement/interview-{name}-{date.lexical}-at-{citation.anchor.start}",
                type=FACT_TYPES["statement"],
                where=where,
                values=values,
                times={"date": date},
                document=document.id,
                anchors=[citation.passage, citation.anchor],
            )
        )
    return records
