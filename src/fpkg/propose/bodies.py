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
    pattern = re.compile(rf"(?<!\w){re.escape(english_head(words) or words)}(?!\w)")
    fitting = [
        r.id
        for r in catalog.values()
        if r.type.name == "state-body"
        and [str(o) for o in r.values.get("of", [])] == [owner]
        and any(pattern.search(name) for name in r.names())
    ]
    if len(fitting) == 1:
        return OwnedBody(fitting[0], start, end, words, owner)
    key = f"{_acronym(catalog[owner])}-{slug(english_head(words) or words)}"
    return OwnedBody(f"state-body/{key}", start, end, words, owner)


def _acronym(record: Record) -> str:
    """The short name the catalog's ids of an organisation's bodies start with: its
    capitalised alias ("OAS", "UN"), else the key of its id."""
    short = [n for n in record.names() if re.fullmatch(r"[A-Z]{2,6}", n)]
    return min(short, key=len).lower() if short else record.id.split("/", 1)[1]
