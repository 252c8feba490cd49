"""Names the catalog lacks, found by their shape in English and Spanish: a person after a
title ("Foreign Minister Delcy Rodríguez", "el canciller Néstor Popolizio"), a body or
mechanism by its head noun ("the National Assembly", "la Asamblea General", "the Lima
Group", "el Grupo de Lima"), a state by its formal name ("Republic of X"). Each is a
candidate for a curator to link or drop, never merged with a catalog entry."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CAP = r"[A-ZÁÉÍÓÚÑ][\w’'-]+"
_LINK = r"(?:(?:de|del|de la|de los|da|van|von|y)\s+)?"
_NAME = rf"(?P<name>{_CAP}(?:\s+{_LINK}{_CAP}){{1,3}})"
TITLES_EN = (
    r"(?:Vice[- ])?President|Prime Minister|(?:Foreign |Deputy |Vice |Interior |Defen[cs]e )?"
    r"Minister(?: of (?:Foreign Affairs|Defen[cs]e|the Interior|State))?|Foreign Secretary"
    r"|Chancellor|Secretary(?:[- ]General| of State)?|Senator|Ambassador|General"
    r"|Congress(?:wo)?man|Deputy|Mayor|Governor|Judge|Commissioner|Envoy|Coordinator"
    r"|Spokes(?:wo)?man|Spokesperson|opposition leader|(?:Special |Permanent )?Representative"
)
TITLES_ES = (
    r"(?:vice)?presidente|(?:vice)?presidenta|canciller|vicecanciller|ministr[oa]"
    r"(?: de (?:Relaciones Exteriores|Defensa|Asuntos Exteriores|Estado))?"
    r"|embajador(?:a)?|secretari[oa](?: general| de Estado)?|senador(?:a)?|diputad[oa]"
    r"|portavoz|vocer[oa]|mandatari[oa]|enviad[oa](?: especial)?|representante(?: especial| permanente)?"
    r"|líder opositor(?:a)?|jefe de Estado|jefa de Estado"
)
OPENERS = (
    "In|On|At|The|A|An|After|Before|During|According|Since|From|For|With|By|Then|Today"
    "|Yesterday|Earlier|Later|Meanwhile|However|Also|En|El|La|Los|Las|Un|Una|Tras|Durante"
    "|Según|Desde|Para|Con|Por|Hoy|Ayer|Luego|Además|Sin|Este|Esta|Ese|Esa"
)
"""Words that open a sentence, never the first of a person's name."""
PERSON_EN = re.compile(
    rf"\b(?P<title>(?i:{TITLES_EN}))(?:\s+of\s+(?:the\s+)?{_CAP}(?:\s+{_CAP})*)?,?\s+"
    rf"(?!(?:{TITLES_EN})\b){_NAME}"
)
PERSON_ES = re.compile(
    rf"\b(?P<title>(?i:{TITLES_ES}))(?:\s+(?:de|del|de la|de los|de las)\s+{_CAP}(?:\s+{_CAP})*)?"
    rf"(?:\s+(?:interin[oa]|encargad[oa]|[a-záéíóúñ]+(?:an[oa]|ense|eñ[oa]|és|esa)))?,?\s+"
    rf"(?!(?i:{TITLES_ES})\b){_NAME}"
)
"""A title in any case ("President", "Venezuela's ambassador, …"), optionally "of X" or a
demonym, then a name of two to four capitalised words."""
PERSON_THEN_TITLE = re.compile(
    rf"(?<![\w’'-])(?!(?:{OPENERS})\b){_NAME},\s+(?:(?:the|el|la)\s+)?"
    rf"(?:{_CAP}[’']s\s+)?(?:(?:new|former|then|current|nuev[oa]|actual)\s+)?"
    rf"(?P<title>(?i:{TITLES_EN}|{TITLES_ES}))(?![\w-])"
)
"""A name of two to four capitalised words, then a comma and a title in apposition
("Néstor Popolizio, Peru's foreign minister", "Néstor Popolizio, canciller del Perú"); not a
name opening with a word that opens a sentence ("On Monday, President …")."""
PLURAL_TITLES = (
    r"(?:vice[- ])?presidents|prime ministers|(?:foreign )?ministers(?: of foreign affairs)?"
    r"|foreign secretaries|ambassadors|(?:vice)?presidentes|cancilleres|ministros"
    r"(?: de relaciones exteriores)?|embajadores|mandatarios"
)
_IN_CLAUSE = r"(?:[^.;:()\n]|\n(?!\s*\n))"
"""A character of a clause: not its end, nor a paragraph break."""
PLURAL_TITLE = re.compile(
    rf"\b(?i:{PLURAL_TITLES})\s+(?:of|de|del)\s+{_IN_CLAUSE}{{0,160}}"
    rf"(?:;\s+(?:(?:and|y)\s+)?(?:of|de|del)\s{_IN_CLAUSE}{{0,160}})*"
)
LISTED_NAME = re.compile(rf"(?:,|\b(?:and|y))\s+{_NAME}")
"""A plural title of states and what follows it in its clause ("the foreign ministers of
Colombia and Venezuela, Álvaro Leyva and Carlos Faría"), or in the pairs after it that
semicolons separate ("los presidentes de Chile, A; del Paraguay, B; y del Perú, C"), where each name after a comma or
"and"/"y" is a person (names of states are taken before candidates are)."""
HEADS_EN = {
    "Group": "mechanism",
    "Forum": "mechanism",
    "Network": "mechanism",
    "Initiative": "mechanism",
    "Partnership": "mechanism",
    "Mechanism": "mechanism",
    "Alliance": "mechanism",
    "Community": "mechanism",
    "Organization": "mechanism",
    "Organisation": "mechanism",
    "Union": "mechanism",
    "Association": "mechanism",
    "Bank": "mechanism",
    "Fund": "mechanism",
    "Commission": "mechanism",
    "Court": "mechanism",
    "Tribunal": "mechanism",
    "Summit": "mechanism",
    "Conference": "mechanism",
    "Pact": "mechanism",
    "Assembly": "state-body",
    "Council": "state-body",
    "Congress": "state-body",
    "Parliament": "state-body",
    "Senate": "state-body",
}
"""The last word of an English name → the kind of what it names."""
HEADS_ES = {
    "Grupo": "mechanism",
    "Foro": "mechanism",
    "Mecanismo": "mechanism",
    "Alianza": "mechanism",
    "Comunidad": "mechanism",
    "Organización": "mechanism",
    "Unión": "mechanism",
    "Mercado": "mechanism",
    "Cumbre": "mechanism",
    "Banco": "mechanism",
    "Corte": "mechanism",
    "Asamblea": "state-body",
    "Consejo": "state-body",
    "Congreso": "state-body",
    "Parlamento": "state-body",
    "Senado": "state-body",
}
"""The first word of a Spanish name → the kind of what it names."""
MECHANISM_KINDS = {
    "Group": "informal-group",
    "Forum": "informal-group",
    "Network": "informal-group",
    "Initiative": "informal-group",
    "Partnership": "informal-group",
    "Mechanism": "informal-group",
    "Grupo": "informal-group",
    "Foro": "informal-group",
    "Mecanismo": "informal-group",
    "Alliance": "integration-scheme",
    "Alianza": "integration-scheme",
    "Community": "integration-scheme",
    "Comunidad": "integration-scheme",
    "Mercado": "integration-scheme",
    "Court": "court",
    "Tribunal": "court",
    "Corte": "court",
    "Summit": "summit",
    "Conference": "summit",
    "Cumbre": "summit",
    "Pact": "treaty-mechanism",
}
"""The ``kind`` of a candidate mechanism by its head word (else an international organization)."""
BODY_EN = re.compile(
    rf"\b(?P<name>(?:{_CAP}\s+(?:(?:of|for|on|and|the)\s+)*){{1,6}}(?P<head>{'|'.join(HEADS_EN)}))"
    r"(?!\w)"
)
BODY_ES = re.compile(
    rf"\b(?P<name>(?P<head>{'|'.join(HEADS_ES)})(?:\s+(?:(?:de|del|para|y|la|las|los|el)\s+)*"
    rf"{_CAP})+)"
)
STATE = re.compile(
    rf"\b(?P<name>(?:Republic|Kingdom|Federation|Principality|Sultanate|Emirate) of {_CAP}(?:\s+{_CAP})*)"
)
GENERIC = re.compile(r"^(?:The|the|La|la|El|el|Los|los|Las|las|This|Este|Esta)\s+")


@dataclass(frozen=True)
class Candidate:
    """A name found at ``start:end``: ``kind`` of entity, and what the text says of it."""

    kind: str
    name: str
    start: int
    end: int
    note: str | None = None
    mechanism_kind: str | None = None
    owner: str | None = None
    """What a body belongs to (its record's ``of``), where the text says."""


def find_candidates(text: str) -> list[Candidate]:
    """Every person, body, mechanism and formal state name in ``text``, by its shape."""
    found: list[Candidate] = []
    for regex in (PERSON_EN, PERSON_ES, PERSON_THEN_TITLE):
        for match in regex.finditer(text):
            name, title = match["name"], match["title"]
            found.append(Candidate("person", name, match.start("name"), match.end("name"), title))
    for title in PLURAL_TITLE.finditer(text):
        for match in LISTED_NAME.finditer(text, title.start(), title.end()):
            name = match["name"]
            found.append(Candidate("person", name, match.start("name"), match.end("name"), None))
    for regex in (BODY_EN, BODY_ES):
        for match in regex.finditer(text):
            exact = GENERIC.sub("", match["name"])
            start = match.end("name") - len(exact)
            head = match["head"]
            kind = HEADS_EN.get(head) or HEADS_ES[head]
            mechanism_kind = (
                MECHANISM_KINDS.get(head, "international-organization")
                if kind == "mechanism"
                else None
            )
            if len(exact.split()) > 1:
                found.append(Candidate(kind, exact, start, match.end("name"), None, mechanism_kind))
    for match in STATE.finditer(text):
        found.append(Candidate("state", match["name"], match.start("name"), match.end("name")))
    return found
