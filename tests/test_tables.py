"""The bilateral-relations tables of the Wikipedia article: rows, dates, partners, records."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from fpkg.corpus import Document, load_corpus
from fpkg.errors import FpkgError
from fpkg.namespaces import KEY
from fpkg.tables import DATE, TableRow, parse_bilateral_tables, table_records

DOC_ID = "wikipedia-foreign-relations-of-peru"

# Lines where each row starts (its `![]()` flag placeholder), counted by hand in the document.
ROW_LINES = {
    "Africa": "12 13 14 16 18 20 22 24 26 27 29 31 33 34 36 38 39 41 43 44 46 48 50 51 52 53 55"
    " 57 58 60 62 64 66 68 69 71 73 74 75 76 78 79 81 82",
    "Americas": "86 88 90 92 94 96 97 98 100 102 103 104 105 107 109 111 113 115 117 119 121 123"
    " 126 127 128 130 132 134 136 138 139 141 142 144",
    "Asia": "149 151 153 155 157 159 161 163 166 168 169 170 171 172 174 175 176 178 180 182 184"
    " 186 187 188 190 192 193 194 196 197 199 200 201 202 203 204 205 206 207 209 211 212 214"
    " 216 218 219",
    "Europe": "224 226 227 228 230 232 234 235 237 238 240 241 242 244 245 246 247 249 250 251 252"
    " 254 255 256 258 260 261 262 264 265 267 268 270 271 272 273 277 280 281 283 285 287 288"
    " 289 290 291 292 294",
    "Oceania": "299 301 303 305 306 308 310 311 313 315 317 319 321 323 325 327",
}

MULTI_DATE_ROWS = {
    ("Africa", 14): [
        ("established", "1989-06-08", "8 June 1989"),
        ("agreement", "2005-08-05", "5 August 2005"),
    ],
    ("Africa", 32): [
        ("established", "1987-05-05", "5 May 1987"),
        ("broken", "1996-09-09", "9 September 1996"),
        ("restored", "2021-09-08", "8 September 2021"),
        ("broken", "2022-08-18", "18 August 2022"),
        ("restored", "2022-09-15", "15 September 2022"),
    ],
    ("Americas", 12): [
        ("established", "1905-01-11", "11 January 1905"),
        ("broken", "1960-12-30", "30 December 1960"),
        ("restored", "1972-07-08", "8 July 1972"),
    ],
    ("Asia", 4): [
        ("established", "1986-05", "May 1986"),
        ("established", "2009-09-22", "22 September 2009"),
    ],
    ("Asia", 9): [
        ("established", "1874-06-26", "26 June 1874"),
        ("broken", "1971-11-02", "2 November 1971"),
    ],
    ("Asia", 13): [
        ("established", "1975-10-11", "11 October 1975"),
        ("restored", "2012-07-11", "11 July 2012"),
    ],
    ("Asia", 15): [
        ("established", "1873-08-21", "21 August 1873"),
        ("broken", "1942-01-24", "24 January 1942"),
        ("restored", "1952-06-08", "8 June 1952"),
    ],
    ("Europe", 10): [
        ("established", "1922-07-11", "11 July 1922"),
        ("broken", "1957-10-04", "4 October 1957"),
        ("restored", "1968-12-27", "27 December 1968"),
        ("established", "1993-01-02", "2 January 1993"),
    ],
    ("Europe", 17): [
        ("established", "1951-06-28", "28 June 1951"),
        ("established", "1972-12-28", "28 December 1972"),
        ("ended", "1990", "1990"),
    ],
    ("Europe", 34): [
        ("established", "1923-09-06", "6 September 1923"),
        ("ended", "1945-12-29", "29 December 1945"),
        ("restored", "1969-04-14", "14 April 1969"),
    ],
    ("Europe", 36): [
        ("established", "1939-10-10", "10 October 1939"),
        ("broken", "1942-03-05", "5 March 1942"),
        ("restored", "1968-11-09", "9 November 1968"),
    ],
    ("Europe", 37): [
        ("established", "1874-05-16", "16 May 1874"),
        ("ended", "1918", "1918"),
        ("restored", "1969-02-01", "1 February 1969"),
        ("established", "1991-12-26", "26 December 1991"),
    ],
}

PARTNERS = {
    ("Americas", 2): ("Argentina", "See Argentina–Peru relations"),
    ("Americas", 6): ("Bolivia", "See Bolivia–Peru relations"),
    ("Americas", 7): ("Brazil", "See Brazil–Peru relations"),
    ("Americas", 9): ("Chile", "See Chile–Peru relations"),
    ("Americas", 10): ("Colombia", "See Colombia–Peru relations"),
    ("Americas", 12): ("Cuba", "See Cuba–Peru relations"),
    ("Americas", 14): (
        "República Dominicana",
        "relaciones diplomáticas con la República Dominicana",
    ),
    ("Americas", 15): ("Ecuador", "See Ecuador–Peru relations"),
    ("Americas", 16): ("El Salvador", "See El Salvador–Peru relations"),
    ("Americas", 22): ("Mexico", "See Mexico–Peru relations"),
    ("Americas", 34): ("Venezuela", "Venezuela and Peru reestablish"),
    ("Asia", 1): ("Afghanistan", "Foreign relations of Afghanistan"),
    ("Asia", 3): ("Azerbaijan", "See Azerbaijan-Peru relations"),
    ("Asia", 8): ("China", "See China–Peru relations"),
    ("Asia", 9): ("Taiwan", "Foreign relations of Taiwan"),
    ("Asia", 10): ("India", "See India–Peru relations"),
    ("Asia", 11): ("Indonesia", "See Indonesia-Peru relations"),
    ("Asia", 15): ("Japan", "See Japan–Peru relations"),
    ("Asia", 19): (
        "Republic of Korea",
        "between the Republic of Korea and the Republic of Peru",
    ),
    ("Asia", 24): ("Malaysia", "See Malaysia–Peru relations"),
    ("Asia", 33): ("Qatar", "Qatar-Peru relations"),
    ("Asia", 41): ("Turkey", "See Peru–Turkey relations"),
    ("Asia", 45): ("Vietnam", "See Peru–Vietnam relations"),
    ("Europe", 3): ("Austria", "Embajada de Austria en Lima"),
    ("Europe", 7): ("Bulgaria", "See Bulgaria–Peru relations"),
    ("Europe", 15): ("France", "See France–Peru relations"),
    ("Europe", 17): ("Germany", "See Germany–Peru relations"),
    ("Europe", 18): ("Greece", "See Greece–Peru relations"),
    ("Europe", 22): ("Italy", "See Italy–Peru relations"),
    ("Europe", 34): ("Poland", "See Peru–Poland relations"),
    ("Europe", 37): ("Russia", "See Peru–Russia relations"),
    ("Europe", 43): ("Spain", "See Peru–Spain relations"),
    ("Europe", 44): ("Sweden", "See Peru–Sweden relations"),
    ("Europe", 48): ("Holy See", "See Holy See–Peru relations"),
    ("Oceania", 1): ("Australia", "both Peru and Australia"),
    ("Oceania", 8): ("New Zealand", "See New Zealand–Peru relations"),
    ("Oceania", 16): ("Vanuatu", "between Vanuatu and ..."),
}

STATES = {
    "Afghanistan": "state/AFG",
    "Argentina": "state/ARG",
    "Australia": "state/AUS",
    "Austria": "state/AUT",
    "Azerbaijan": "state/AZE",
    "Bolivia": "state/BOL",
    "Brazil": "state/BRA",
    "Bulgaria": "state/BGR",
    "Chile": "state/CHL",
    "China": "state/CHN",
    "Colombia": "state/COL",
    "Cuba": "state/CUB",
    "Ecuador": "state/ECU",
    "El Salvador": "state/SLV",
    "France": "state/FRA",
    "Germany": "state/DEU",
    "Greece": "state/GRC",
    "Holy See": "state/VAT",
    "India": "state/IND",
    "Indonesia": "state/IDN",
    "Italy": "state/ITA",
    "Japan": "state/JPN",
    "Malaysia": "state/MYS",
    "Mexico": "state/MEX",
    "New Zealand": "state/NZL",
    "Poland": "state/POL",
    "Qatar": "state/QAT",
    "Republic of Korea": "state/KOR",
    "República Dominicana": "state/DOM",
    "Russia": "state/RUS",
    "Spain": "state/ESP",
    "Sweden": "state/SWE",
    "Taiwan": "state/TWN",
    "Turkey": "state/TUR",
    "Vanuatu": "state/VUT",
    "Venezuela": "state/VEN",
    "Vietnam": "state/VNM",
}


@pytest.fixture(scope="module")
def repo_root() -> Path:
    return Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def document(repo_root: Path) -> Document:
    return load_corpus(repo_root / "corpus")[DOC_ID]


@pytest.fixture(scope="module")
def rows(document: Document) -> list[TableRow]:
    return parse_bilateral_tables(document.text)


def find(rows: list[TableRow], section: str, position: int) -> TableRow:
    (row,) = [r for r in rows if (r.section, r.position) == (section, position)]
    return row


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


# --- rows -------------------------------------------------------------------------------


def test_row_counts_per_section(rows: list[TableRow]) -> None:
    assert Counter(row.section for row in rows) == {
        "Africa": 44,
        "Americas": 34,
        "Asia": 46,
        "Europe": 48,
        "Oceania": 16,
    }
    assert list(dict.fromkeys(row.section for row in rows)) == list(ROW_LINES)


def test_rows_start_at_their_flags_in_order(rows: list[TableRow], document: Document) -> None:
    text = document.text
    for section, lines in ROW_LINES.items():
        in_section = [row for row in rows if row.section == section]
        assert [row.position for row in in_section] == list(range(1, len(in_section) + 1))
        assert [line_of(text, row.start) for row in in_section] == [int(n) for n in lines.split()]
    assert all(text[row.start : row.end].startswith("![]()") for row in rows)
    assert [r.start for r in rows] == sorted(r.start for r in rows)


@pytest.mark.parametrize(
    ("section", "position", "last_line"),
    [
        ("Americas", 9, 101),  # Chile: the long notes paragraph
        ("Americas", 22, 125),  # Mexico: notes, then the closing `|` on its own line
        ("Asia", 8, 165),  # China: a map image inside the notes cell is not a row
        ("Europe", 36, 276),  # notes made of infobox residue
        ("Africa", 44, 82),  # no closing cell: cut by the next heading
        ("Asia", 46, 220),  # empty and unclosed: cut by the next heading
        ("Oceania", 16, 328),  # the table ends before "Transnational issues"
    ],
)
def test_row_ends(
    rows: list[TableRow], document: Document, section: str, position: int, last_line: int
) -> None:
    row = find(rows, section, position)
    assert line_of(document.text, row.end) == last_line
    assert document.text[row.end] == "\n"


def test_rows_without_dates(rows: list[TableRow]) -> None:
    assert [(r.section, r.position) for r in rows if not r.events] == [
        ("Africa", 6),
        ("Africa", 8),
        ("Africa", 34),
        ("Americas", 27),
        ("Asia", 46),
        ("Europe", 11),
    ]


# --- dates ------------------------------------------------------------------------------


def test_every_multi_date_row(rows: list[TableRow], document: Document) -> None:
    multi = {
        (row.section, row.position): [
            (e.kind, e.date.lexical, document.text[e.start : e.end]) for e in row.events
        ]
        for row in rows
        if len(row.events) > 1
    }
    assert multi == MULTI_DATE_ROWS


@pytest.mark.parametrize(
    ("section", "position", "exact", "lexical", "precision"),
    [
        ("Africa", 1, "September 1966", "1966-09", "month"),
        ("Africa", 4, "May 5 1989", "1989-05-05", "day"),
        ("Africa", 12, "1952", "1952", "year"),
        ("Americas", 2, "10 July 1822", "1822-07-10", "day"),
        ("Americas", 3, "September 18 1985", "1985-09-18", "day"),
        ("Americas", 4, "29 February 1968", "1968-02-29", "day"),
        ("Americas", 14, "6 April 1874", "1874-04-06", "day"),  # 6 April 1874[22]
        ("Asia", 1, "27 September 2012", "2012-09-27", "day"),  # …, New York
        ("Asia", 3, "25 June 1996", "1996-06-25", "day"),  # on the line after the flag
        ("Asia", 23, "May 1949", "1949-05", "month"),
        ("Asia", 41, "1952", "1952", "year"),  # 1952[38]
        ("Europe", 14, "2000", "2000", "year"),  # 2000[47]
        ("Europe", 22, "1874-12-23", "1874-12-23", "day"),
        ("Oceania", 3, "1983", "1983", "year"),  # 1983[61]
    ],
)
def test_date_formats_keep_their_precision(
    rows: list[TableRow],
    document: Document,
    section: str,
    position: int,
    exact: str,
    lexical: str,
    precision: str,
) -> None:
    event = find(rows, section, position).events[0]
    assert document.text[event.start : event.end] == exact
    assert (event.date.lexical, event.date.precision) == (lexical, precision)


def test_every_date_text_is_a_whole_date(rows: list[TableRow], document: Document) -> None:
    events = [event for row in rows for event in row.events]
    assert len(events) == 206
    for event in events:
        exact = document.text[event.start : event.end]
        assert DATE.fullmatch(exact), exact
        assert event.date.lexical[:4] in exact


# --- partners ---------------------------------------------------------------------------


def test_resolved_rows_and_their_naming_text(rows: list[TableRow], document: Document) -> None:
    resolved = {
        (row.section, row.position): (
            row.partner.name,
            document.text[row.partner.start : row.partner.end],
        )
        for row in rows
        if row.partner
    }
    assert resolved == PARTNERS
    assert len(rows) - len(resolved) == 151


@pytest.mark.parametrize(
    ("section", "position"), [("Americas", 14), ("Americas", 34), ("Asia", 33), ("Oceania", 16)]
)
def test_partner_named_by_a_cited_reference(
    rows: list[TableRow], document: Document, section: str, position: int
) -> None:
    partner = find(rows, section, position).partner
    assert partner is not None
    assert partner.start > document.text.index("\nReferences\n")


def test_the_rows_own_naming_wins_over_its_references(rows: list[TableRow]) -> None:
    # Australia cites [58], a reference on relations with New Zealand.
    australia = find(rows, "Oceania", 1)
    assert [n.name for n in australia.namings] == ["Australia"]


@pytest.mark.parametrize(
    ("section", "position"),
    [
        ("Africa", 1),  # nothing but a date
        ("Africa", 18),  # "Both countries established …" without a name; [3] names none
        ("Africa", 32),  # its dates match references on the SADR, but the row cites none
        ("Asia", 2),  # [31] is about a consulate, not the relations
        ("Europe", 10),  # names the Czech Republic only as a successor in the date cell
        ("Europe", 14),  # [47] is a study of Peru–EU relations
        ("Oceania", 2),  # [59][60] are about the Cook Islands' links with "Latin nations"
    ],
)
def test_unnamed_rows_stay_unresolved(rows: list[TableRow], section: str, position: int) -> None:
    row = find(rows, section, position)
    assert row.events
    assert row.namings == ()
    assert row.partner is None


def test_a_row_naming_two_countries_keeps_the_one_no_other_row_has(rows: list[TableRow]) -> None:
    taiwan = find(rows, "Asia", 9)  # "See China–Peru relations and Foreign relations of Taiwan"
    assert find(rows, "Asia", 8).partner.name == "China"  # "See China–Peru relations"
    assert [n.name for n in taiwan.namings] == ["Taiwan"]
    assert taiwan.partner is not None and taiwan.partner.name == "Taiwan"


def test_two_names_stay_unresolved_unless_other_rows_take_all_but_one() -> None:
    table = "Asia\nCountry | Formal Relations Began | Notes |\n---|---|---|\n"
    rows = [
        "![]() | 1990 | See Aland–Peru relations |",
        "![]() | 1991 | See Aland–Peru relations and Foreign relations of Bland |",
        "![]() | 1992 | See Cland–Peru relations and Foreign relations of Dland |",
    ]
    parsed = parse_bilateral_tables(table + "\n".join(rows) + "\n")
    assert [r.partner.name if r.partner else None for r in parsed] == ["Aland", "Bland", None]


# --- records ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def records(document: Document) -> dict:
    return {record.id: record for record in table_records(document, STATES)}


def test_a_resolved_record(records: dict, document: Document) -> None:
    record = records["relation-event/per-arg-established-1822-07-10"]
    assert record.type.name == "relation-event"
    assert record.values == {
        "parties": ["state/PER", "state/ARG"],
        "event": ["established"],
        "table-section": ["Americas"],
        "table-row": [Decimal(2)],
    }
    assert record.times["date"].lexical == "1822-07-10"
    assert record.document == DOC_ID
    assert record.where == "corpus/wikipedia-foreign-relations-of-peru.txt:88"
    assert [a.exact for a in record.anchors] == ["10 July 1822", "See Argentina–Peru relations"]


def test_unresolved_records_are_named_by_row_and_event(records: dict) -> None:
    kinds = ("established-1", "broken-2", "restored-3", "broken-4", "restored-5")
    ids = [f"relation-event/table-africa-row-32-{kind}" for kind in kinds]
    assert [records[i].times["date"].lexical for i in ids] == [
        "1987-05-05",
        "1996-09-09",
        "2021-09-08",
        "2022-08-18",
        "2022-09-15",
    ]
    first = records["relation-event/table-africa-row-1-established-1"]
    assert first.values["parties"] == ["state/PER"]
    assert first.values["table-section"] == ["Africa"]
    assert first.values["table-row"] == [Decimal(1)]
    assert [a.exact for a in first.anchors] == ["September 1966"]
    assert first.times["date"].precision == "month"


def test_records_cover_every_event_with_valid_ids(records: dict, repo_root: Path) -> None:
    assert len(records) == 206  # one per event: the ids are unique
    vocabulary = (repo_root / "ontology" / "vocabularies.ttl").read_text(encoding="utf-8")
    for record_id, record in records.items():
        kind, _, key = record_id.partition("/")
        assert kind == "relation-event"
        assert KEY.fullmatch(key), record_id
        assert set(record.values) <= set(record.type.fields)
        assert f"relation-event:{record.values['event'][0]} a skos:Concept" in vocabulary
    resolved = [r for r in records.values() if len(r.values["parties"]) == 2]
    assert len(resolved) == 49
    assert all(len(r.anchors) == 2 for r in resolved)


def test_every_anchor_is_the_document_slice(records: dict, document: Document) -> None:
    on_disk = document.path.read_bytes().decode("utf-8")
    for record in records.values():
        date_anchor = record.anchors[0]
        assert on_disk[date_anchor.start : date_anchor.end] == date_anchor.exact
        assert DATE.fullmatch(date_anchor.exact)
        line = int(record.where.rsplit(":", 1)[1])
        assert date_anchor.exact in on_disk.splitlines()[line - 1]
        for extra in record.anchors[1:]:
            assert on_disk[extra.start : extra.end] == extra.exact
            assert extra.exact in {text for _, text in PARTNERS.values()}


def test_a_partner_missing_from_the_catalog_is_an_error(document: Document) -> None:
    states = {name: ref for name, ref in STATES.items() if name != "Holy See"}
    with pytest.raises(FpkgError, match=r"'Holy See' \(Europe row 48\)") as caught:
        table_records(document, states)
    assert caught.value.where == "corpus/wikipedia-foreign-relations-of-peru.txt:294"


# --- the row parser on a small table ----------------------------------------------------

SNIPPET = """Intro, mentioning 1999.
![]() |
---|
Bilateral relations

Africa
Country | Formal Relations Began | Notes |
---|---|---|
![]() | 1 May 1990 | See Testland–Peru relations |
![]() |
June 1991[2], broken 1995 2001 |
|
![]() | ||
![]() | 3 March 1980 | Both countries established relations.[1]
![]() A map of something |
![]() | May 5 1989 and 1874-12-23 - Joint Communique |
Europe
Country | Formal Relations Began | Notes |
---|---|---|
![]() | 1920 to 1940, Re-established diplomatic relations 1950 | See Aland–Peru relations and Foreign relations of Bland |
Later text, 1960.
References
- "Embassy of Otherland in Lima".
- Some book, 1990.
"""


@pytest.fixture
def snippet_rows() -> list[TableRow]:
    return parse_bilateral_tables(SNIPPET)


def test_snippet_rows_and_offsets(snippet_rows: list[TableRow]) -> None:
    assert [(r.section, r.position) for r in snippet_rows] == [
        ("Africa", 1),
        ("Africa", 2),
        ("Africa", 3),
        ("Africa", 4),
        ("Africa", 5),
        ("Europe", 1),
    ]
    assert [SNIPPET[r.start : r.end] for r in snippet_rows] == [
        "![]() | 1 May 1990 | See Testland–Peru relations |",
        "![]() |\nJune 1991[2], broken 1995 2001 |\n|",
        "![]() | ||",
        "![]() | 3 March 1980 | Both countries established relations.[1]\n![]() A map of something |",
        "![]() | May 5 1989 and 1874-12-23 - Joint Communique |",
        "![]() | 1920 to 1940, Re-established diplomatic relations 1950 |"
        " See Aland–Peru relations and Foreign relations of Bland |",
    ]


def test_snippet_dates(snippet_rows: list[TableRow]) -> None:
    assert [
        [(e.kind, e.date.lexical, e.date.precision, SNIPPET[e.start : e.end]) for e in r.events]
        for r in snippet_rows
    ] == [
        [("established", "1990-05-01", "day", "1 May 1990")],
        [
            ("established", "1991-06", "month", "June 1991"),
            ("broken", "1995", "year", "1995"),
            ("restored", "2001", "year", "2001"),
        ],
        [],
        [("established", "1980-03-03", "day", "3 March 1980")],
        [
            ("established", "1989-05-05", "day", "May 5 1989"),
            ("agreement", "1874-12-23", "day", "1874-12-23"),
        ],
        [
            ("established", "1920", "year", "1920"),
            ("ended", "1940", "year", "1940"),
            ("restored", "1950", "year", "1950"),
        ],
    ]


def test_snippet_partners(snippet_rows: list[TableRow]) -> None:
    named = [
        (r.partner.name if r.partner else None, [n.name for n in r.namings]) for r in snippet_rows
    ]
    assert named == [
        ("Testland", ["Testland"]),
        (None, []),  # cites [2], which names nobody
        (None, []),
        ("Otherland", ["Otherland"]),  # from the embassy in reference [1]
        (None, []),
        (None, ["Aland", "Bland"]),
    ]
    otherland = snippet_rows[3].partner
    assert otherland is not None
    assert SNIPPET[otherland.start : otherland.end] == "Embassy of Otherland in Lima"


def test_no_table_no_rows() -> None:
    assert (
        parse_bilateral_tables("Africa\n![]() | 1 May 1990 | See Testland–Peru relations |\n") == []
    )
