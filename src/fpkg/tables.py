"""The bilateral-relations tables of "Foreign relations of Peru", as scraped from Wikipedia.

The scrape lost the flag images and with them most country names: a row is
``![]() | <dates> | <notes> |``, its cells may run over several lines and its date cell may
state several events ("11 January 1905, broken 30 December 1960, restored 8 July 1972").
Every row keeps its continent and position; its dates become events at the precision
written; its partner comes only from what the row itself says (its notes, or else the
references it cites), never from its place in the alphabetical order. A row that names
several partners ("See China–Peru relations and Foreign relations of Taiwan") is resolved
when all but one of them are the partners of other rows of its table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from fpkg.anchoring import Anchor
from fpkg.corpus import Document
from fpkg.dates import MONTHS, PartialDate
from fpkg.errors import FpkgError
from fpkg.records import Record
from fpkg.schema import FACT_TYPES

PERU = "state/PER"
TABLE_HEADER = "Country | Formal Relations Began | Notes |"
REFERENCES_HEADING = "References"
CELLS = 3
"""Country, date(s), notes: a row is complete once its third cell is closed by a ``|``."""

LINE = re.compile(r"^.*$", re.MULTILINE)
ROW_START = re.compile(r"!\[\]\(\) *(?:\||$)")
"""A flag placeholder opening a row; ``![]() Countries which…`` is a map inside a cell."""
FOOTNOTE = re.compile(r"\[(\d+)\]")

_MONTH = "|".join(MONTHS)
DATE = re.compile(
    r"(?P<y1>\d{4})-(?P<m1>\d{2})-(?P<d1>\d{2})"  # 1874-12-23
    rf"|(?P<d2>\d{{1,2}}) (?P<m2>{_MONTH}) (?P<y2>\d{{4}})"  # 10 July 1822
    rf"|(?P<m3>{_MONTH}) (?P<d3>\d{{1,2}}),? (?P<y3>\d{{4}})"  # May 5 1989
    rf"|(?P<m4>{_MONTH}) (?P<y4>\d{{4}})"  # September 1966
    r"|(?<![\d\[])(?P<y5>\d{4})(?![\d\]])"  # 1952
)
"""The date forms of the tables; group names start with y, m or d."""

RANGE_MARKS = {"to", "–", "-"}
"""A date after one of these ends a period of relations ("6 September 1923 to 29 December 1945"):
the row does not say whether they were broken or ended with the state, so it is "ended"."""

_NAME = r"(?P<name>[A-ZÁÉÍÓÚÑ]\w*(?: (?:of |de |la |the )?[A-ZÁÉÍÓÚÑ]\w*)*)"
NAMING_PATTERNS = tuple(
    (re.compile(pattern.replace("NAME", _NAME)), lang)
    for pattern, lang in (
        (r"(?:See )?NAME[–-]Peru relations", None),
        (r"(?:See )?Peru[–-]NAME relations", None),
        (r"Foreign relations of NAME", None),
        (r"[Bb]oth Peru and NAME", None),
        (r"[Bb]oth NAME and Peru", None),
        (r"[Bb]etween Peru and NAME", None),
        (r"[Bb]etween (?:the )?NAME and (?:(?:the )?(?:Republic of )?Peru|\.\.\.)", None),
        (r"NAME and Peru re-?establish", None),
        (r"relaciones diplomáticas con (?:la )?NAME", "es"),
        (r"relaciones diplomáticas entre el Perú y (?:la )?NAME", "es"),
        (r"Embassy of NAME in Lima", None),
        (r"Embajada de (?:la )?NAME en Lima", "es"),
    )
)
"""Wordings that name Peru's partner: article links, sentences on both countries, titles of
references on the relations, and embassies of the partner in Lima; each with the language of
its words where it is not the document's (the titles of Spanish references)."""


@dataclass(frozen=True)
class DateEvent:
    """A date a row states: what happened then, at the precision written, and where it stands."""

    kind: str
    date: PartialDate
    start: int
    end: int


@dataclass(frozen=True)
class Naming:
    """A name of Peru's partner and the text naming it (``text[start:end]``)."""

    name: str
    start: int
    end: int
    lang: str | None = None


@dataclass(frozen=True)
class TableRow:
    """One row of a continent table: where it stands, its dates and the namings of its partner."""

    section: str
    position: int
    start: int
    end: int
    events: tuple[DateEvent, ...]
    namings: tuple[Naming, ...]

    @property
    def partner(self) -> Naming | None:
        """The first naming when all name the same partner; ``None`` if unnamed or ambiguous."""
        return self.namings[0] if len({n.name for n in self.namings}) == 1 else None


def parse_bilateral_tables(text: str) -> list[TableRow]:
    """Every row of every continent table of ``text``, in document order."""
    lines = list(LINE.finditer(text))
    references = _references(lines)
    rows = [
        _row(text, section, position, row[0].start(), row[-1].end(), references)
        for section, body in _tables(lines)
        for position, row in enumerate(_rows(body), 1)
    ]
    return [_eliminate(row, rows) for row in rows]


def _eliminate(row: TableRow, rows: list[TableRow]) -> TableRow:
    """A row naming several partners keeps the one name that no other row of its table has
    for its own partner; otherwise it stays as it is (unresolved)."""
    if row.partner or len({n.name for n in row.namings}) < 2:
        return row
    taken = {r.partner.name for r in rows if r.section == row.section and r.partner and r != row}
    left = [n for n in row.namings if n.name not in taken]
    return replace(row, namings=tuple(left)) if len({n.name for n in left}) == 1 else row


def _tables(lines: list[re.Match[str]]) -> Iterator[tuple[str, list[re.Match[str]]]]:
    """Each table: the heading above its header, and its lines up to the next heading."""
    headers = [i for i, line in enumerate(lines) if line[0] == TABLE_HEADER]
    for n, i in enumerate(headers):
        stop = headers[n + 1] - 1 if n + 1 < len(headers) else len(lines)
        yield lines[i - 1][0], lines[i + 2 : stop]


def _rows(body: list[re.Match[str]]) -> Iterator[list[re.Match[str]]]:
    """The lines of each row: a row runs until its cells are closed or the next row starts;
    the table ends at the first line after a closed row that starts no row."""
    row: list[re.Match[str]] = []
    for line in body:
        starts_row = ROW_START.match(line[0]) is not None
        if row and (starts_row or sum(part[0].count("|") for part in row) >= CELLS):
            yield row
            row = []
        if not row and not starts_row:
            return
        row.append(line)
    if row:
        yield row


def _row(
    text: str,
    section: str,
    position: int,
    start: int,
    end: int,
    references: dict[int, tuple[int, int]],
) -> TableRow:
    pipes = [i for i in range(start, end) if text[i] == "|"] + [end]
    events = _events(text, pipes[0] + 1, pipes[1])
    return TableRow(
        section, position, start, end, events, _row_namings(text, start, end, references)
    )


def _events(text: str, start: int, end: int) -> tuple[DateEvent, ...]:
    """The dates of the date cell ``text[start:end]``, each with what it marks."""
    matches = list(DATE.finditer(text, start, end))
    gaps = [
        text[left:right]
        for left, right in zip(
            [start, *(m.end() for m in matches)], [*(m.start() for m in matches), end], strict=True
        )
    ]
    events: list[DateEvent] = []
    for i, match in enumerate(matches):
        kind = _kind(gaps[i], gaps[i + 1], events[-1].kind if events else None)
        events.append(DateEvent(kind, _partial_date(match), match.start(), match.end()))
    return tuple(events)


def _kind(before: str, after: str, previous: str | None) -> str:
    """What a date marks, from the words around it; a bare date after a break is a restoration,
    any other bare date an establishment."""
    before, after = FOOTNOTE.sub("", before).strip(" ,\n").lower(), after.lower()
    if "broken" in before:
        return "broken"
    if before in RANGE_MARKS:
        return "ended"
    if "restored" in before or "re-established" in before or "renew" in after:
        return "restored"
    if "joint communiqu" in after:
        return "agreement"
    return "restored" if previous in ("broken", "ended") else "established"


def _partial_date(match: re.Match[str]) -> PartialDate:
    """The date of a :data:`DATE` match, at the precision written."""
    parts = {name[0]: value for name, value in match.groupdict().items() if value}
    month, day = parts.get("m"), parts.get("d")
    if month in MONTHS:
        month = f"{MONTHS.index(month) + 1:02d}"
    return PartialDate.parse("-".join(p for p in (parts["y"], month, day and day.zfill(2)) if p))


def _references(lines: list[re.Match[str]]) -> dict[int, tuple[int, int]]:
    """The citation line of each reference, by number: the n-th ``- `` item under References."""
    heading = next((i for i, line in enumerate(lines) if line[0] == REFERENCES_HEADING), None)
    if heading is None:
        return {}
    items = [line for line in lines[heading + 1 :] if line[0].startswith("- ")]
    return {number: (line.start(), line.end()) for number, line in enumerate(items, 1)}


def _row_namings(
    text: str, start: int, end: int, references: dict[int, tuple[int, int]]
) -> tuple[Naming, ...]:
    """The namings in the row itself, or else in the references its footnote markers cite."""
    own = _namings(text, start, end)
    if own:
        return own
    cited = dict.fromkeys(int(n) for n in FOOTNOTE.findall(text, start, end))
    spans = [references[n] for n in cited if n in references]
    return tuple(naming for span in spans for naming in _namings(text, *span))


def _namings(text: str, start: int, end: int) -> tuple[Naming, ...]:
    found = {
        match.span(): Naming(match["name"], match.start(), match.end(), lang)
        for pattern, lang in NAMING_PATTERNS
        for match in pattern.finditer(text, start, end)
    }
    return tuple(sorted(found.values(), key=lambda naming: naming.start))


def has_tables(document: Document) -> bool:
    """Whether the document has bilateral-relations tables in this layout."""
    return TABLE_HEADER in document.text


def table_records(document: Document, state_ids_by_name: dict[str, str]) -> list[Record]:
    """One ``relation-event`` record per date of every row of ``document``'s tables.

    Raise :class:`FpkgError` naming every partner the tables name that ``state_ids_by_name``
    (names and aliases → state ids) lacks, so that the catalog gets fixed.
    """
    rows = parse_bilateral_tables(document.text)
    _require_states(document, rows, state_ids_by_name)
    return [
        _record(document, row, index, event, state_ids_by_name)
        for row in rows
        for index, event in enumerate(row.events, 1)
    ]


def _require_states(document: Document, rows: list[TableRow], states: dict[str, str]) -> None:
    missing = [(row, row.partner) for row in rows if row.partner and row.partner.name not in states]
    if missing:
        listed = "; ".join(f"{p.name!r} ({row.section} row {row.position})" for row, p in missing)
        raise FpkgError(
            f"the bilateral tables name partners that are not in the state catalog: {listed}; "
            "add each as a state, or as an alias of one",
            _where(document, missing[0][1].start),
        )


def _record(
    document: Document, row: TableRow, index: int, event: DateEvent, states: dict[str, str]
) -> Record:
    partner = row.partner
    parties = [PERU]
    anchors = [Anchor(document, event.start, event.end)]
    if partner:
        parties.append(states[partner.name])
        anchors.append(Anchor(document, partner.start, partner.end, partner.lang))
        key = f"per-{_slug(parties[1].split('/', 1)[1])}-{event.kind}-{event.date.lexical}"
    else:
        key = f"table-{_slug(row.section)}-row-{row.position}-{event.kind}-{index}"
    return Record(
        id=f"relation-event/{key}",
        type=FACT_TYPES["relation-event"],
        where=_where(document, event.start),
        values={
            "parties": parties,
            "event": [event.kind],
            "table-section": [row.section],
            "table-row": [Decimal(row.position)],
        },
        times={"date": event.date},
        document=document.id,
        anchors=anchors,
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _where(document: Document, offset: int) -> str:
    return f"corpus/{document.path.name}:{document.text.count(chr(10), 0, offset) + 1}"


__all__ = ["DateEvent", "Naming", "TableRow", "parse_bilateral_tables", "table_records"]
