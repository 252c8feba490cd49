"""The lexicon of ``data/patterns/lexicon.yaml``: verb and noun lemmas per stance, English
and Spanish. For a given text it compiles to :class:`~fpkg.propose.patterns.Pattern` entries
over the words of that text whose lemma (simplemma, in the text's language) is listed, so
the finders of issuers, passives and negation apply to them as to the phrase entries."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import simplemma

from fpkg import yamlfile
from fpkg.errors import FpkgError, at
from fpkg.propose.patterns import Pattern

LANGUAGES = ("en", "es")
FRAME_GAP = 9
"""Words that may stand between a verb of saying and the noun that gives its stance."""


@dataclass(frozen=True)
class Category:
    """A stance (``None``: a verb of saying) and its lemmas, by part of speech and language."""

    stance: str | None
    verbs: dict[str, frozenset[str]]
    nouns: dict[str, frozenset[str]]
    light: bool = False
    """Verbs that name an act only with a stance noun after them ("hacen un llamado",
    "issued a condemnation"), never alone."""


def load_lexicon(path: Path) -> list[Category]:
    """The categories of ``path``, each lemma checked (one word of 3+ letters)."""
    root = yamlfile.load(path)
    items = root.get("categories") if hasattr(root, "get") else None
    if not isinstance(items, list):
        raise FpkgError("expected a `categories:` list", at(path, 1))
    categories = []
    for index, item in enumerate(items):
        where = at(path, yamlfile.line_of(items, index))
        if not hasattr(item, "get") or "stance" not in item:
            raise FpkgError("a category needs a `stance` (null for verbs of saying)", where)
        lemmas: dict[str, dict[str, frozenset[str]]] = {}
        for part in ("verbs", "nouns"):
            by_language = item.get(part) or {}
            lemmas[part] = {}
            for lang in LANGUAGES:
                words = [str(w) for w in (by_language.get(lang) or [])]
                bad = [w for w in words if not re.fullmatch(r"\w{3,}", w)]
                if bad:
                    raise FpkgError(f"{part}.{lang}: not a lemma of one word: {bad[0]!r}", where)
                lemmas[part][lang] = frozenset(w.lower() for w in words)
        stance = item.get("stance")
        categories.append(
            Category(
                str(stance) if stance else None,
                lemmas["verbs"],
                lemmas["nouns"],
                light=bool(item.get("light")) and not stance,
            )
        )
    return categories


def lemma(word: str, lang: str) -> str:
    return simplemma.lemmatize(word.lower(), lang=lang)


SPANISH_WORDS = frozenset(
    [
        "el",
        "la",
        "los",
        "las",
        "del",
        "que",
        "en",
        "y",
        "por",
        "con",
        "su",
        "sus",
        "se",
        "una",
        "al",
    ]
)
"""Function words that mark a passage as Spanish (a quotation in an English document)."""


def passages(text: str, lang: str) -> dict[str, str]:
    """The text by language: all of it in the document's ``lang``, and its sentences that
    are plainly Spanish in an English document (a quarter of their words Spanish function
    words), so quoted Spanish is read with the Spanish lemmas."""
    found = {lang: text}
    if lang == "en":
        spanish = []
        for sentence in re.split(r"(?<=[.!?\n])", text):
            words = re.findall(r"\w+", sentence.lower())
            if len(words) >= 4 and sum(w in SPANISH_WORDS for w in words) * 4 >= len(words):
                spanish.append(sentence)
        if spanish:
            found["es"] = " ".join(spanish)
    return found


def compile_for(categories: list[Category], text: str, lang: str) -> list[Pattern]:
    """Patterns over the words of ``text`` that the lexicon lists: a verb of saying with a
    noun of a stance after it ("reiteran su firme condena") first, then the verbs of each
    stance, then the verbs of saying alone."""
    lang = lang if lang in LANGUAGES else "en"
    verbs: dict[str | None, set[str]] = {}
    nouns: dict[str, set[str]] = {}
    light: set[str] = set()
    for language, passage in passages(text, lang).items():
        for word in set(re.findall(r"\w{3,}", passage)):
            lemmas = {word.lower(), lemma(word, language)}
            as_verb = lemmas | _spanish_infinitives(word) if language == "es" else lemmas
            for category in categories:
                if as_verb & category.verbs.get(language, frozenset()):
                    (light if category.light else verbs.setdefault(category.stance, set())).add(
                        word
                    )
                if category.stance and lemmas & category.nouns.get(language, frozenset()):
                    nouns.setdefault(category.stance, set()).add(word)
    saying = verbs.pop(None, set())
    order = [c.stance for c in categories if c.stance]
    patterns = []
    if (saying or light) and nouns:
        every_noun = _any(set().union(*nouns.values()))
        for stance in sorted(nouns, key=order.index):
            between = rf"(?:,?\s+(?!{every_noun}(?!\w))[\w’']+){{0,{FRAME_GAP}}}"
            frame = rf"{_any(saying | light)}{between},?\s+{_any(nouns[stance])}"
            patterns.append(_pattern(f"lexicon.yaml#{stance}-noun", frame, stance, frame=True))
    for stance in sorted(verbs, key=order.index):
        patterns.append(_pattern(f"lexicon.yaml#{stance}", _any(verbs[stance]), stance))
    if saying:
        patterns.append(_pattern("lexicon.yaml#says", _any(saying), None))
    return patterns


def _spanish_infinitives(word: str) -> set[str]:
    """The infinitives a Spanish present form in -a/-e may be of, where the lemmatiser reads
    it as the noun written alike ("condena" → "condenar", "denuncia" → "denunciar"); a noun
    after a determiner is still left out by the finder of statements."""
    lower = word.lower()
    if lower.endswith(("a", "e")):
        return {lower[:-1] + ending for ending in ("ar", "er", "ir")}
    return set()


def _any(words: set[str]) -> str:
    return "(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + ")"


def _pattern(rule: str, source: str, stance: str | None, frame: bool = False) -> Pattern:
    """``frame``: a verb of saying with the noun of a stance, listed before the phrase
    entries of statements.yaml (it is the more specific reading)."""
    regex = re.compile(rf"(?<!\w)(?:{source})(?![\w-])")
    means: dict[str, object] = {"stance": stance} if stance else {}
    if frame:
        means["frame"] = True
    return Pattern(rule, regex, means)
