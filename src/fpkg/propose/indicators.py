"""Indicator figures with units: a number the patterns of ``indicators.yaml`` recognise,
its measure and unit, and as its subject the state named (or whose demonym stands) nearest
to it in the sentence, else the state named last in the five sentences before."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from fpkg.proposals import Proposal
from fpkg.propose.context import Context, fact, key_of
from fpkg.propose.patterns import Pattern, first_matches

SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}


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
            value = _number(match["value"], match.groupdict().get("scale"))
            if value is None:
                continue
            at = sentence.start + match.start("value")
            if named:
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
            time = {"date": context.date_of(sentence, at)}
            proposals.append(fact(context, "indicator", pattern.rule, key, fields, sentence, time))
    return proposals


def _demonyms(context: Context) -> dict[str, str]:
    """Each state's demonym ("Venezuelan") mapped to the state: "the Venezuelan economy"."""
    return {
        str(demonym): record.id
        for record in context.catalog.values()
        if record.type.name == "state"
        for demonym in record.values.get("demonyms", [])
    }


def _number(text: str, scale: str | None) -> int | float | None:
    try:
        number = Decimal(text.rstrip(".,").replace(",", ""))
    except InvalidOperation:
        return None
    number *= SCALES.get((scale or "").lower(), 1)
    return int(number) if number == number.to_integral() else float(number)
