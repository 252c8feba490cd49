"""Indicator figures with units: a number the patterns of ``indicators.yaml`` recognise,
its measure and unit, and the state named nearest to it as its subject."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from fpkg.proposals import Proposal
from fpkg.propose.context import Context, fact, key_of
from fpkg.propose.patterns import Pattern, first_matches

SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}


def propose_indicators(context: Context, patterns: list[Pattern]) -> list[Proposal]:
    """One observation per figure whose sentence names a state."""
    proposals = []
    for sentence in context.sentences:
        states = [m for m in sentence.mentions if context.kind_of(m.entity) == "state"]
        if not states:
            continue
        for pattern, match in first_matches(patterns, sentence.text):
            value = _number(match["value"], match.groupdict().get("scale"))
            if value is None:
                continue
            at = sentence.start + match.start("value")
            subject = min(states, key=lambda m: abs(m.anchor.start - at))
            fields = {
                "subject": subject.entity,
                "measure": pattern.get("measure"),
                "value": value,
                "unit": pattern.get("unit"),
            }
            key = f"{key_of(subject.entity)}-{pattern.get('measure')}"
            time = {"date": context.date_of(sentence, at)}
            proposals.append(fact(context, "indicator", pattern.rule, key, fields, sentence, time))
    return proposals


def _number(text: str, scale: str | None) -> int | float | None:
    try:
        number = Decimal(text.rstrip(".,").replace(",", ""))
    except InvalidOperation:
        return None
    number *= SCALES.get((scale or "").lower(), 1)
    return int(number) if number == number.to_integral() else float(number)
