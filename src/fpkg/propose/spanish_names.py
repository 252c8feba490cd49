"""Spanish names of international bodies read as the catalog's English ones: "la OEA" is the
Organization of American States, "el Consejo Permanente de la OEA" its Permanent Council,
"la Asamblea Nacional" the National Assembly. A name is rendered word by word (the head
noun after its adjectives, as English orders them) and looked up among the catalog's names;
what it is "of" must be the body or state the Spanish name ends with."""

from __future__ import annotations

import re
from collections.abc import Iterable

from fpkg.records import Record

ORGANISATIONS = {
    "Organización de los Estados Americanos": "Organization of American States",
    "OEA": "OAS",
    "Organización de las Naciones Unidas": "United Nations",
    "Naciones Unidas": "United Nations",
    "ONU": "United Nations",
    "Unión Europea": "European Union",
    "Alianza del Pacífico": "Pacific Alliance",
    "Unión de Naciones Suramericanas": "Union of South American Nations",
    "Unasur": "Union of South American Nations",
    "UNASUR": "Union of South American Nations",
    "Comunidad de Estados Latinoamericanos y Caribeños": "Community of Latin American and Caribbean States",
    "Corte Penal Internacional": "International Criminal Court",
    "Grupo de Contacto Internacional": "International Contact Group",
    "Tratado Interamericano de Asistencia Recíproca": "Inter-American Treaty of Reciprocal Assistance",
    "Organización Mundial del Comercio": "World Trade Organization",
    "OMC": "World Trade Organization",
    "Cumbre de las Américas": "Summit of the Americas",
}
"""Names of organisations in Spanish → a name the catalog may give them in English."""
WORDS = {
    "Asamblea": "Assembly",
    "Consejo": "Council",
    "Congreso": "Congress",
    "Comisión": "Commission",
    "Corte": "Court",
    "Secretaría": "Secretariat",
    "Permanente": "Permanent",
    "Nacional": "National",
    "General": "General",
    "Constituyente": "Constituent",
    "Interamericana": "Inter-American",
    "Interamericano": "Inter-American",
    "Seguridad": "Security",
    "Comité": "Committee",
    "Ejecutivo": "Executive",
    "Ejecutiva": "Executive",
}
"""Words of Spanish body names → English."""
ORGANISATION = re.compile(
    r"(?<!\w)(?:"
    + "|".join(sorted(map(re.escape, ORGANISATIONS), key=len, reverse=True))
    + r")(?!\w)"
)
BODY = re.compile(
    r"\b(?P<head>(?:Asamblea|Consejo|Congreso|Comisión|Corte|Secretaría)"
    r"(?:\s+(?:Permanente|Nacional|General|Constituyente|Interamerican[ao]|de Seguridad))*)"
    r"(?:\s+(?:de|del)\s+(?:(?:la|las|los|el)\s+)?(?P<owner>"
    + ORGANISATION.pattern
    + r"|[A-ZÁÉÍÓÚÑ]\w+(?:\s+[A-ZÁÉÍÓÚÑ]\w+)*))?"
)


def english_head(spanish: str) -> str | None:
    """ "Consejo Permanente" → "Permanent Council"; ``None`` if a word is unknown."""
    words = spanish.replace("de Seguridad", "Seguridad").split()
    english = [WORDS.get(word) for word in words]
    if None in english:
        return None
    return " ".join([*english[1:], english[0]])  # type: ignore[list-item]


def organisations(text: str, catalog: Iterable[Record]) -> list[tuple[str, int, int]]:
    """Each Spanish name of a catalog organisation in ``text``: (entity, start, end)."""
    by_name = _by_name(catalog)
    found = []
    for match in ORGANISATION.finditer(text):
        entity = by_name.get(ORGANISATIONS[match.group()])
        if entity:
            found.append((entity, match.start(), match.end()))
    return found


def bodies(text: str, catalog: Iterable[Record], named: set[str]) -> list[tuple[str, int, int]]:
    """Each Spanish body name the catalog has in English: (entity, start, end). A name
    with an owner ("de la OEA", "de Venezuela") is the body of that owner; one without is
    the only body of that name whose owner the document ``named``."""
    records = list(catalog)
    by_name = _by_name(records)
    found = []
    for match in BODY.finditer(text):
        head = english_head(match["head"])
        if head is None:
            continue
        owner_name = match["owner"]
        owner = None
        if owner_name:
            owner = by_name.get(ORGANISATIONS.get(owner_name, owner_name))
            if owner is None:
                continue
        part = re.compile(rf"(?<!\w){re.escape(head)}(?!\w)")
        fitting = sorted(
            r.id
            for r in records
            if r.type.name in ("state-body", "mechanism")
            and any(part.search(name) for name in r.names())
            and (
                [str(o) for o in r.values.get("of", [])] == [owner]
                if owner
                else all(str(o) in named for o in r.values.get("of", []))
            )
        )
        if len(fitting) == 1:
            end = match.end() if owner else match.end("head")
            found.append((fitting[0], match.start(), end))
    return found


def _by_name(records: Iterable[Record]) -> dict[str, str]:
    return {name: r.id for r in records for name in r.names()}
