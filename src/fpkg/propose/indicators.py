"""Indicator figures with units: a number the patterns of ``indicators.yaml`` recognise,
its measure and unit, and as its subject the state named (or whose demonym stands) nearest
to it in the sentence, else the state named last in the five sentences before."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from fpkg.dates import PartialDate
from fpkg.proposals import Proposal
from fpkg.propose.context import Context, Sentence, fact, key_of
from fpkg.propose.dates import find_dates
from fpkg.propose.patterns import Pattern, first_matches

SINCE = re.compile(r"\b(?:since|desde|from)\s+(?:the\s+|el\s+)?$", re.IGNORECASE)
"""Words before a date that opens a period, not the date of a figure."""
SCALES = {
    "thousand": 1_000,
    "mil": 1_000,
    "million": 1_000_000,
    "millions": 1_000_000,
    "millón": 1_000_000,
    "millones": 1_000_000,
    "billion": 1_000_000_000,
}
NUMBER_WORDS = {
    **dict.fromkeys(("one", "un", "uno"), 1),
    **dict.fromkeys(("two", "dos"), 2),
    **dict.fromkeys(("three", "tres"), 3),
    **dict.fromkeys(("four", "cuatro"), 4),
    **dict.fromkeys(("five", "cinco"), 5),
    **dict.fromkeys(("six", "seis"), 6),
    **dict.fromkeys(("seven", "siete"), 7),
    **dict.fromkeys(("eight", "ocho"), 8),
    **dict.fromkeys(("nine", "nueve"), 9),
    **dict.fromkeys(("ten", "diez"), 10),
    **dict.fromkeys(("eleven", "once"), 11),
    **dict.fromkeys(("twelve", "doce"), 12),
    **dict.fromkeys(("thirteen", "trece"), 13),
    **dict.fromkeys(("fourteen", "catorce"), 14),
    **dict.fromkeys(("fifteen", "quince"), 15),
    **dict.fromkeys(("sixteen", "dieciséis"), 16),
    **dict.fromkeys(("seventeen", "diecisiete"), 17),
    **dict.fromkeys(("eighteen", "dieciocho"), 18),
    **dict.fromkeys(("nineteen", "diecinueve"), 19),
    **dict.fromkeys(("twenty", "veinte"), 20),
}
HOST = re.compile(r"\b(?:in|into|to|en|a|hacia)\s+(?:the\s+|el\s+)?$", re.IGNORECASE)
"""Words before the state migrants are in ("living in Peru", "llegaron a Chile")."""
HOST_VERB = re.compile(
    r"\b(?:hosts?|hosted|hosting|receives?|received|receiving|shelters?|sheltering|acoge|acogen"
    r"|acogiendo|alberga|albergan|albergando|recibe|reciben|recibió|recibiendo)\b",
    re.IGNORECASE,
)
LEFT = re.compile(
    r"\b(?:left|fled|leave|flee|from|salido\s+de|huido\s+de|dejado|abandonado|de)\s+$",
    re.IGNORECASE,
)
"""Words before the state migrants left ("have left Venezuela", "han salido de Venezuela")."""


def propose_indicators(context: Context, patterns: list[Pattern]) -> list[Proposal]:
    """One observation per figure whose sentence names a state."""
    proposals = []
    demonyms = _demonyms(context)
    for index, sentence in enumerate(context.sentences):
        named = [
            (m.anchor.start, m.entity)
            for m in sentence.mentions
            if context.kind_of(m.entity) == "state"
        ]
        if demonyms:
            named += [
                (sentence.start + d.start(), demonyms[d.group()])
                for d in re.finditer(
                    rf"\b(?:{'|'.join(map(re.escape, demonyms))})\b", sentence.text
                )
            ]
        for pattern, match in first_matches(patterns, sentence.text):
            about = pattern.get("context")
            if about and not re.search(about, sentence.text, re.IGNORECASE):
                continue  # "of them" in a sentence that is not about migrants
            value = _number(match["value"], match.groupdict().get("scale"))
            if value is None:
                continue
            at = sentence.start + match.start("value")
            host = (
                _migrants_state(context, sentence, at)
                if pattern.get("measure") == "migrant-count"
                else None
            )
            if host:
                subject = host
            elif named:
                subject = min(named, key=lambda n: abs(n[0] - at))[1]
            else:
                recent = context.recent(index, ("state",), back=5)
                if recent is None:
                    continue
                subject = recent.entity
            fields = {
                "subject": subject,
                "measure": pattern.get("measure"),
                "value": value,
                "unit": pattern.get("unit"),
            }
            key = f"{key_of(subject)}-{pattern.get('measure')}"
            time = {"date": _date_of_figure(context, sentence, at)}
            proposals.append(fact(context, "indicator", pattern.rule, key, fields, sentence, time))
    return proposals


def _date_of_figure(context: Context, sentence: Sentence, at: int) -> PartialDate | None:
    """The date of the figure at ``at``: the clause's date, unless that date opens the
    period the figure covers ("have left since 2015", "desde 2015"); then the sentence's
    other date, if any."""
    text = context.document.text
    dates = find_dates(sentence.text, sentence.start)
    periods = {d.date for d in dates if SINCE.search(text[max(0, d.start - 12) : d.start])}
    date = context.date_of(sentence, at)
    if date in periods:
        return next((d.date for d in dates if d.date not in periods), None)
    return date


def _migrants_state(context: Context, sentence: Sentence, at: int) -> str | None:
    """The state the migrants counted at ``at`` are in: named after "in"/"en" after the
    figure, or as who hosts them before it ("Colombia acoge a más de …"); else the state
    they left ("have left Venezuela")."""
    text = context.document.text
    states = [m for m in sentence.mentions if context.kind_of(m.entity) == "state"]
    after = [m for m in states if m.anchor.start > at]
    for mention in after:
        if HOST.search(text[max(sentence.start, mention.anchor.start - 12) : mention.anchor.start]):
            return mention.entity
    for mention in reversed([m for m in states if m.anchor.end <= at]):
        if HOST_VERB.search(text[mention.anchor.end : at]):
            return mention.entity
    for mention in after:
        if LEFT.search(text[max(sentence.start, mention.anchor.start - 12) : mention.anchor.start]):
            return mention.entity
    return None


def _demonyms(context: Context) -> dict[str, str]:
    """Each state's demonym ("Venezuelan") mapped to the state: "the Venezuelan economy"."""
    return {
        str(demonym): record.id
        for record in context.catalog.values()
        if record.type.name == "state"
        for demonym in record.values.get("demonyms", [])
    }


def _number(text: str, scale: str | None) -> int | float | None:
    """The figure written in ``text`` in either language's style: "40,000", "40 000",
    "40.000" (a separator before three digits groups thousands), "1,1", "2.3" (any other is
    the decimal mark), or as a word ("three", "tres")."""
    written = text.rstrip(".,").lower()
    parts = re.split(r"[.,]", re.sub(r"[ \u00a0]", "", written))
    try:
        if written in NUMBER_WORDS:
            number = Decimal(NUMBER_WORDS[written])
        elif all(len(part) == 3 for part in parts[1:]):
            number = Decimal("".join(parts))
        elif len(parts) == 2:
            number = Decimal(f"{parts[0]}.{parts[1]}")
        else:
            return None
    except InvalidOperation:
        return None
    number *= SCALES.get((scale or "").lower(), 1)
    return int(number) if number == number.to_integral() else float(number)
