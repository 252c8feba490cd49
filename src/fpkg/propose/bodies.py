"""Bodies of an international organisation named by their own words and their owner: "its
Permanent Council", "the General Assembly of the OAS", "UN Human Rights Council", or a bare
"the General Assembly" in a text about one organisation. The owner decides which body it
is: the catalog's body of that owner with those words in a name, else a candidate whose id
follows the catalog's scheme for bodies of an organisation (``state-body/{acronym}-{words}``,
as ``state-body/oas-permanent-council``), so that a curator's entry and the proposal agree."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from fpkg.mentions import Mention
from fpkg.propose.spanish_names import english_head
from fpkg.records import Record

HEADS = r"Council|Assembly|Secretariat|Commission|Committee|Court"
WORDS = (
    rf"(?P<words>(?:(?!(?:The|Its|This|That)\b)[A-Z][a-z]+\s+){{1,3}}(?:{HEADS})"
    r"|(?:Asamblea|Consejo|Secretaría|Comisión|Comité|Corte)"
    r"(?:\s+(?:Permanente|General|Ejecutiv[oa]|de\s+Seguridad)){1,2})(?![\w-])"
)
"""A body's own words: capitalised words ending with an English head noun ("Human Rights
Council"), or a Spanish head noun and its adjectives ("Consejo Permanente")."""
POSSESSIVE = re.compile(rf"\b(?:[Ii]ts|[Ss]u)\s+{WORDS}")
"""A body after "its"/"su": the organisation named last owns it ("Its Permanent Council")."""
OF_OWNER = re.compile(rf"\b{WORDS}\s+(?:of\s+the|de\s+la|de\s+las|del)\s+$")
"""The body's words right before its owner ("the General Assembly of the", "la Asamblea
General de la")."""
BARE = re.compile(rf"\b(?:[Tt]he|[Ll]a|[Ee]l)\s+{WORDS}")
"""A body by its words alone ("the General Assembly"): the organisation named last owns it,
if named shortly before, unless the words are a catalog name or a state's ("National …")."""
AFTER_OWNER = re.compile(rf"(?:[’']s)?\s+{WORDS}")
"""The body's words right after its owner's name ("UN Human Rights Council", "OAS's …")."""
BARE_REACH = 600
"""Characters at most between an organisation and a bare body of it after it."""
KIND = "international-organization"


@dataclass(frozen=True)
class OwnedBody:
    """A body named at ``start:end``: the catalog's ``entity``, or a candidate (``words``
    and its ``owner``) when ``entity`` is not in the catalog."""

    entity: str
    start: int
    end: int
    words: str
    owner: str


def owned_bodies(
    text: str,
    found: list[Mention],
    catalog: dict[str, Record],
    kind_of: Callable[[str], str],
    slug: Callable[[str], str],
) -> list[OwnedBody]:
    """Every body of an organisation the text names with its owner, as above."""
    organisations = sorted(
        (m for m in found if _organisation(m.entity, catalog)), key=lambda m: m.anchor.start
    )
    bodies: list[OwnedBody] = []
    for owner in organisations:
        after = AFTER_OWNER.match(text, owner.anchor.end)
        if after:
            start, end = owner.anchor.start, after.end()
            bodies.append(_body(after["words"], owner.entity, start, end, catalog, slug))
        before = OF_OWNER.search(text, max(0, owner.anchor.start - 80), owner.anchor.start)
        if before:
            start, end = before.start("words"), owner.anchor.end
            bodies.append(_body(before["words"], owner.entity, start, end, catalog, slug))
    names = {name for record in catalog.values() for name in record.names()}
    for regex in (POSSESSIVE, BARE):
        for match in regex.finditer(text):
            start, end, words = match.start("words"), match.end("words"), match["words"]
            earlier = [m for m in organisations if m.anchor.end <= start]
            if not earlier or any(b.start <= start < b.end for b in bodies):
                continue
            if regex is BARE and (
                words in names
                or words.startswith(("National", "Nacional"))
                or start - earlier[-1].anchor.end > BARE_REACH
            ):
                continue  # a catalog name, a state's organ, or no organisation near
            bodies.append(_body(words, earlier[-1].entity, start, end, catalog, slug))
    return sorted(bodies, key=lambda b: b.start)


def _organisation(entity: str, catalog: dict[str, Record]) -> bool:
    record = catalog.get(entity)
    return record is not None and [str(k) for k in record.values.get("kind", [])] == [KIND]


def _body(
    words: str,
    owner: str,
    start: int,
    end: int,
    catalog: dict[str, Record],
    slug: Callable[[str], str],
) -> OwnedBody:
    """The catalog's body of ``owner`` with ``words`` in a name, else a candidate's id."""
    found = catalog_body(catalog, owner, english_head(words) or words)
    if found:
        return OwnedBody(found, start, end, words, owner)
    key = f"{_acronym(catalog[owner])}-{slug(english_head(words) or words)}"
    return OwnedBody(f"state-body/{key}", start, end, words, owner)


def catalog_body(catalog: dict[str, Record], owner: str, words: str) -> str | None:
    """The only catalog body of ``owner`` with ``words`` in one of its names, if one."""
    pattern = re.compile(rf"(?<!\w){re.escape(words)}(?!\w)")
    fitting = [
        r.id
        for r in catalog.values()
        if r.type.name == "state-body"
        and [str(o) for o in r.values.get("of", [])] == [owner]
        and any(pattern.search(name) for name in r.names())
    ]
    return fitting[0] if len(fitting) == 1 else None


def _acronym(record: Record) -> str:
    """The short name the catalog's ids of an organisation's bodies start with: its
    capitalised alias ("OAS", "UN"), else the key of its id."""
    short = [n for n in record.names() if re.fullmatch(r"[A-Z]{2,6}", n)]
    return min(short, key=len).lower() if short else record.id.split("/", 1)[1]


MINISTRY = re.compile(
    r"\b(?P<name>(?:[A-Z][a-z]+\s+)?(?:Foreign\s+Ministry|Ministry\s+of\s+Foreign\s+"
    r"(?:Affairs|Relations)(?:\s+and\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?)"
    r"|[Cc]ancillería"
    r"|Ministerio\s+de\s+(?:Relaciones|Asuntos)\s+Exteriores"
    r"(?:\s+y\s+[A-ZÁÉÍÓÚ][a-záéíóúñ]+(?:\s+[A-ZÁÉÍÓÚ][a-záéíóúñ]+)?)?)"
    r"(?:\s+(?:of|de|del)\s+(?:(?:the|el|la)\s+)?(?P<owner>[A-ZÁÉÍÓÚ]\w+|ese\s+país|that\s+country))?"
)
"""A ministry of foreign affairs by any of its usual names, English or Spanish, with its
state where the name gives one ("Ministry of Foreign Affairs of Chile", "la Cancillería
colombiana", "Venezuela's Foreign Ministry", "la Cancillería de ese país")."""
OWNER_BEFORE = re.compile(r"[’']s\s+$")


@dataclass(frozen=True)
class Ministry:
    """A ministry of foreign affairs named at ``start:end``, of state ``owner``; ``why``
    when the text names no owner and the document's first state is taken as it."""

    start: int
    end: int
    name: str
    owner: str
    why: str | None = None


def ministries(
    text: str,
    found: list[Mention],
    kind_of: Callable[[str], str],
    ministry_of: Callable[[str], str | None],
) -> list[Ministry]:
    """Every ministry of foreign affairs the text names, with its state: the state its name
    gives (by "of"/"de", a demonym, "X's"; "de ese país": the state named last before);
    else that of the ministry named before it (``ministry_of``: the state of a catalog
    ministry); else the first state the document names (a communiqué's letterhead), flagged."""
    states = sorted(
        (m for m in found if kind_of(m.entity) == "state"), key=lambda m: m.anchor.start
    )
    named = [(m.anchor.start, ministry_of(m.entity)) for m in found if ministry_of(m.entity)]
    result: list[Ministry] = []
    for match in MINISTRY.finditer(text):
        start, end = match.start(), match.end()
        inside = [m for m in states if m.anchor.start < end and start < m.anchor.end]
        before = [m for m in states if m.anchor.end <= start]
        earlier = [owner for at, owner in named if at < start] + [
            m.owner for m in result if m.start < start
        ]
        owner, why = None, None
        if inside:  # "Colombian Foreign Ministry", "la Cancillería colombiana"
            owner = inside[0].entity
            start, end = min(start, inside[0].anchor.start), max(end, inside[0].anchor.end)
        elif before and OWNER_BEFORE.fullmatch(text[before[-1].anchor.end : start]):
            owner, start = before[-1].entity, before[-1].anchor.start
        elif match["owner"] and match["owner"].split()[0] in ("ese", "that") and before:
            owner = before[-1].entity
        elif not match["owner"] and earlier:
            owner = earlier[-1]
        elif not match["owner"] and states:
            owner = states[0].entity
            why = (
                f"'{match['name']}' names no state; {owner} is the first state the document "
                "names — confirm whose ministry it is"
            )
        if owner:
            end = end if match["owner"] or inside else match.end("name")
            result.append(Ministry(start, end, match["name"], owner, why))
    return result
