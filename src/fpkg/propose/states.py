"""The reference gazetteer of states, for ``fpkg propose`` only: every ISO 3166-1 entry with
its English and Spanish names, joined on the ISO code, from maintained libraries read at run
time (Babel's CLDR territory names, pycountry's ISO 3166 names and their Spanish
translations), plus a reviewed table (``data/patterns/states.tsv``) of what no library holds
offline: demonyms and capitals in both languages, and common short forms ("US", "EE. UU.").

Generated at run time rather than into a file: the libraries are the maintained source, so
an upgrade of them is picked up without a regeneration step that could fall out of step.

A state it names that the catalog lacks is proposed as a candidate ``state/ISO3``; it
enters the published catalog only when a curator accepts it. A capital stands for its
state only in actor position (not after "in", "en", "from"…), and as a flagged inference.
"""

from __future__ import annotations

import csv
import gettext
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fpkg.errors import FpkgError, at
from fpkg.propose.folding import Folded, fold

LANGUAGES = ("en", "es")
NOT_STATES = {"AQ", "UM", "BV", "HM"}
"""ISO 3166-1 entries without people to act for them (Antarctica, uninhabited islands)."""
STATE_NOUNS = {
    "en": (
        "government",
        "governments",
        "authorities",
        "foreign ministry",
        "foreign ministries",
        "ministry of foreign affairs",
        "foreign minister",
        "foreign ministers",
        "president",
        "presidents",
        "delegation",
        "delegations",
        "diplomacy",
        "administration",
        "embassy",
        "ambassador",
        "ambassadors",
        "official",
        "officials",
        "diplomat",
        "diplomats",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "deputy foreign minister",
        "vice foreign minister",
        "congress",
        "state",
        "states",
    ),
    "es": (
        "gobierno",
        "gobiernos",
        "autoridades",
        "cancilleria",
        "cancillerias",
        "canciller",
        "cancilleres",
        "ministerio de relaciones exteriores",
        "presidente",
        "presidenta",
        "mandatario",
        "mandataria",
        "delegacion",
        "delegaciones",
        "diplomacia",
        "embajada",
        "embajador",
        "embajadora",
        "embajadores",
        "funcionario",
        "funcionaria",
        "funcionarios",
        "diplomatico",
        "diplomaticos",
        "portavoz",
        "vocero",
        "vocera",
        "vicecanciller",
        "congreso",
        "estado",
        "estados",
    ),
}
"""Nouns (folded) with which a demonym names its state: "the Peruvian government",
"el gobierno peruano"."""
PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|at|from|to|near|into|en|desde|hacia|a|de|del|of|para|hasta|around)|[A-Z]\w*)"
    r"\s+$"
)
"""Words after which a capital is a place, or part of a longer name ("in Lima", "en Lima",
"Declaration of Lima", "George Washington")."""
NAME_AFTER = re.compile(r"^\s+[A-ZÁÉÍÓÚ]|^-\w")
"""A capitalised word after a capital: part of a longer name ("Washington Post")."""


@dataclass(frozen=True)
class StateForm:
    """One way to write a state: ``kind`` is name, alias, demonym or capital."""

    iso3: str
    form: str
    kind: str
    lang: str
    source: str


@dataclass(frozen=True)
class StateMention:
    """A span of a document naming a state, and how (``why`` for a capital: an inference)."""

    iso3: str
    start: int
    end: int
    kind: str
    why: str | None = None


def library_forms() -> list[StateForm]:
    """Every ISO 3166-1 state's names in English and Spanish: CLDR's everyday names
    ("Perú", "Corea del Norte") and pycountry's ISO names and official names, the inverted
    ISO forms ("Korea, Republic of") left out."""
    return list(_library_forms())


@cache
def _library_forms() -> tuple[StateForm, ...]:
    import pycountry
    from babel import Locale

    territories = {lang: Locale.parse(lang).territories for lang in LANGUAGES}
    spanish = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["es"])
    forms: list[StateForm] = []
    for country in pycountry.countries:
        if country.alpha_2 in NOT_STATES:
            continue
        iso3 = country.alpha_3
        for lang in LANGUAGES:
            name = territories[lang].get(country.alpha_2)
            if name:
                forms.append(StateForm(iso3, name, "name", lang, "CLDR (Babel)"))
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(country, attribute, None)
            if not value:
                continue
            for lang, text in (("en", value), ("es", spanish.gettext(value))):
                if "," not in text and "(" not in text:
                    forms.append(StateForm(iso3, text, "name", lang, "ISO 3166-1 (pycountry)"))
    return tuple(forms)


def table_forms(path: Path) -> list[StateForm]:
    """The reviewed rows of ``path`` (TSV), a Spanish demonym with its gender and number
    forms (generated by :func:`spanish_demonym_forms` unless listed in ``forms``)."""
    forms: list[StateForm] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = csv.DictReader(
        (line for line in lines if not line.startswith("#")), delimiter="\t", strict=True
    )
    first = next(i for i, line in enumerate(lines, 1) if not line.startswith("#"))
    for number, row in enumerate(rows, first + 1):
        iso3, lang, kind, form = (row.get(k) or "" for k in ("iso3", "lang", "kind", "form"))
        if not re.fullmatch(r"[A-Z]{3}", iso3) or lang not in LANGUAGES or not form:
            raise FpkgError(
                "expected iso3, lang (en|es), kind, form, forms, source", at(path, number)
            )
        if kind not in ("alias", "demonym", "capital"):
            raise FpkgError(f"kind {kind!r} is not alias, demonym or capital", at(path, number))
        source = row.get("source") or ""
        listed = [f for f in (row.get("forms") or "").split("|") if f]
        written = [form]
        if kind == "demonym" and lang == "es":
            written = listed or spanish_demonym_forms(form)
        forms += [StateForm(iso3, text, kind, lang, source) for text in written]
    return forms


def spanish_demonym_forms(lemma: str) -> list[str]:
    """The four forms of a Spanish demonym from its masculine singular, by rule:
    -o → -a/-os/-as (peruano); -és/-án/-ín/-ón → -esa/-eses/-esas (francés, alemán);
    -e or -a → -s (canadiense, belga); -í → -íes (marroquí)."""
    if lemma.endswith("o"):
        return [lemma, lemma[:-1] + "a", lemma + "s", lemma[:-1] + "as"]
    accented = re.search(r"([áéíó])n$|(é)s$", lemma)
    if accented:
        vowel = accented.group(1) or accented.group(2)
        stem = lemma[: -len(accented.group())] + fold(vowel) + lemma[-1]
        return [lemma, stem + "a", stem + "es", stem + "as"]
    if lemma.endswith(("e", "a")):
        return [lemma, lemma + "s"]
    if lemma.endswith("í"):
        return [lemma, lemma + "es"]
    return [lemma]


class StateFinder:
    """The states a text names by name, short form, demonym (with a state noun) or capital
    (in actor position), matched on the folded shadow of the text."""

    def __init__(self, forms: list[StateForm]) -> None:
        owners: dict[tuple[str, str], set[str]] = {}
        for form in forms:
            group = "demonym" if form.kind == "demonym" else "name"
            owners.setdefault((group, fold(form.form)), set()).add(form.iso3)
        self.forms: dict[tuple[str, str], StateForm] = {}
        for form in forms:
            group = "demonym" if form.kind == "demonym" else "name"
            key = (group, fold(form.form))
            if len(owners[key]) == 1 and key not in self.forms:
                self.forms[key] = form
            elif len(owners[key]) == 1 and form.kind != "capital":
                self.forms[key] = form  # a name wins over a capital written alike
        names = sorted((k for g, k in self.forms if g == "name"), key=len, reverse=True)
        self.names = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, names))})(?!\w)")
        self.demonyms = {}
        for lang in LANGUAGES:
            words = sorted(
                (k for (g, k), f in self.forms.items() if g == "demonym" and f.lang == lang),
                key=len,
                reverse=True,
            )
            one = f"(?:{'|'.join(map(re.escape, words))})"
            nouns = "|".join(map(re.escape, STATE_NOUNS[lang]))
            joined = r"(?:\s*,\s*|\s*,?\s+(?:and|y|e)\s+)"
            if lang == "en":  # not a region's word: "Latin American", "South American"
                region = r"(?<!latin )(?<!south )(?<!north )(?<!central )"  # folded text
                pattern = rf"(?<!\w){region}{one}(?:{joined}{one})*\s+(?:{nouns})(?!\w)"
            else:
                pattern = rf"(?<!\w)(?:{nouns})\s+{one}(?:{joined}{one})*(?!\w)"
            self.demonyms[lang] = (re.compile(pattern), re.compile(rf"(?<!\w){one}(?!\w)"))

    def find(self, text: str) -> list[StateMention]:
        """Every state ``text`` names, in order; overlaps keep the first and longest."""
        folded = Folded.of(text)
        found: list[StateMention] = []
        for match in self.names.finditer(folded.text):
            form = self.forms[("name", match.group())]
            start, end = folded.span(match.start(), match.end())
            if not _written_as(text[start:end], form.form):
                continue
            why = None
            if form.kind == "capital":
                if PLACE_BEFORE.search(text[max(0, start - 30) : start]) or NAME_AFTER.match(
                    text[end:]
                ):
                    continue
                why = (
                    f"'{text[start:end]}' is the capital of {form.iso3}: read as its "
                    "government acting (capital metonymy) — confirm the state"
                )
            found.append(StateMention(form.iso3, start, end, form.kind, why))
        for whole, one in self.demonyms.values():
            for match in whole.finditer(folded.text):
                words = list(one.finditer(folded.text, match.start(), match.end()))
                for number, word in enumerate(words):
                    form = self.forms[("demonym", word.group())]
                    if form.lang == "en" and number == len(words) - 1:
                        start, end = folded.span(word.start(), match.end())
                    elif form.lang == "es" and number == 0:
                        start, end = folded.span(match.start(), word.end())
                    else:
                        start, end = folded.span(word.start(), word.end())
                    found.append(StateMention(form.iso3, start, end, "demonym"))
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        kept: list[StateMention] = []
        for mention in found:
            if not kept or mention.start >= kept[-1].end:
                kept.append(mention)
        return kept


def _written_as(original: str, form: str) -> bool:
    """The text is written with the form's capitals: "Chad", not "chad"; "US", not "us"."""
    if form.isupper() or re.fullmatch(r"[A-Z.\s]+", form):
        return original.replace(" ", "") == form.replace(" ", "")
    return all(
        not f[:1].isupper() or o[:1].isupper()
        for f, o in zip(form.split(), original.split(), strict=False)
    )


@cache
def state_finder(table: Path) -> StateFinder:
    """The finder for the libraries' names plus the reviewed table at ``table``."""
    return StateFinder(library_forms() + table_forms(table))


@cache
def state_labels() -> dict[str, dict[str, str]]:
    """ISO alpha-3 → language → the state's name for a candidate's label: in English the
    ISO short name where it reads as a name ("Saint Vincent and the Grenadines"), else
    CLDR's; in Spanish CLDR's everyday name ("Perú")."""
    labels: dict[str, dict[str, str]] = {}
    preferred = {"en": "ISO", "es": "CLDR"}
    for form in sorted(library_forms(), key=lambda f: not f.source.startswith(preferred[f.lang])):
        labels.setdefault(form.iso3, {}).setdefault(form.lang, form.form.replace("’", "'"))
    return labels
