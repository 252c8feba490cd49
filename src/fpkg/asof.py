"""As-of questions: what held on a given day, *certainly* or *possibly*, with its evidence.

Every instant of the graph carries the earliest and the latest day it can be
(``fp:earliestDay``/``fp:latestDay``, derived by the build from its stated precision: the year
2017 spans 2017-01-01..2017-12-31). A fact with an interval holds on day D

- **certainly** when its beginning and its end are stated and D lies between the latest
  possible beginning and the earliest possible end;
- **possibly** when D lies between the earliest possible beginning and the latest possible end,
  an unstated beginning or end being open (it may be any day), but not certainly;
- **undated** when the document states neither: it may hold on any day.

Relation events set the state of a relation (in force, broken, ended); the rules for them are
in ``queries/asof-state-relations.rq``. The questions are the competency queries
``queries/asof-*.rq``: each names its subject, date and partner in one ``VALUES`` line that
:func:`parametrise` replaces, so the CLI, the server and a SPARQL user run the same text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from fpkg.errors import FpkgError
from fpkg.namespaces import ID

QUESTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "mechanism": (("asof-mechanism-members", "Members"),),
    "state": (
        ("asof-state-governments", "Governments"),
        ("asof-state-relations", "Diplomatic relations"),
    ),
}
"""The questions asked about a resource, by the kind of its IRI (``state/PER`` → ``state``)."""

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_PREF_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
STATUSES = ("certainly", "possibly", "undated")
_NOT_SHOWN = ("status", "exact", "fact", "document", "evidence")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_VALUES = r"^(\s*VALUES \?{name} \{{).*(\}}\s*)$"


class AsOfError(FpkgError):
    """A question that cannot be asked: a date that is not a day, a resource of another kind."""


@dataclass(frozen=True)
class Answer:
    """One question's solutions: the projected variables and a row per answer and evidence."""

    name: str
    heading: str
    variables: list[str]
    rows: list[dict[str, ox.NamedNode | ox.Literal | None]]


@dataclass(frozen=True)
class AsOf:
    """The answers about ``subject`` on ``date``."""

    subject: str
    date: dt.date
    answers: list[Answer]
    labels: dict[str, str]

    def label(self, iri: str) -> str:
        """The label of ``iri``, or the IRI."""
        return self.labels.get(iri, iri)

    def as_json(self) -> dict[str, object]:
        """A JSON-ready form: each question's rows with their values as text."""
        return {
            "subject": self.subject,
            "asof": self.date.isoformat(),
            "statuses": list(STATUSES),
            "labels": self.labels,
            "questions": [
                {
                    "query": answer.name,
                    "heading": answer.heading,
                    "answers": [
                        {v: row[v].value for v in answer.variables if row.get(v) is not None}
                        for row in answer.rows
                    ],
                }
                for answer in self.answers
            ],
        }


def parse_day(text: str) -> dt.date:
    """``YYYY-MM-DD`` as a date; :class:`AsOfError` naming the problem otherwise."""
    if not _DAY.match(text.strip()):
        raise AsOfError(f"asof {text!r} is not a date: write YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise AsOfError(f"asof {text!r} is not a calendar date") from None


def exists(store: ox.Store, iri: str) -> bool:
    """Whether the graph says anything about ``iri``."""
    try:
        node = ox.NamedNode(iri)
    except ValueError:
        return False
    return any(True for _ in store.quads_for_pattern(node, None, None, None))


def kind_of(iri: str) -> str:
    """The kind of a resource from its IRI: ``…/id/state/PER`` → ``state``."""
    return iri.removeprefix(str(ID)).split("/", 1)[0] if iri.startswith(str(ID)) else ""


def parametrise(text: str, **values: str | None) -> str:
    """``text`` with the ``VALUES ?name { … }`` line of each name set to its value (a SPARQL
    term), or removed where the value is ``None``."""
    for name, value in values.items():
        pattern = re.compile(_VALUES.format(name=name), re.MULTILINE)
        if not pattern.search(text):
            raise AsOfError(f"the query has no line 'VALUES ?{name} {{ … }}' to set")
        replacement = "" if value is None else rf"\g<1> {value} \g<2>"
        text = pattern.sub(replacement, text, count=1)
    return text


def ask(
    store: ox.Store,
    queries_dir: Path,
    iri: str,
    date: dt.date,
    partner: str | None = None,
) -> AsOf:
    """The as-of questions for ``iri``'s kind, asked of ``store`` on ``date``; ``partner``
    narrows a state's relations to one other state (an IRI)."""
    kind = kind_of(iri)
    if kind not in QUESTIONS:
        known = ", ".join(f"{k}/…" for k in QUESTIONS)
        raise AsOfError(f"as-of questions are answered for {known}, not for {iri}")
    answers = []
    for name, heading in QUESTIONS[kind]:
        path = queries_dir / f"{name}.rq"
        if not path.is_file():
            raise AsOfError(f"the as-of query is missing: {path}")
        text = path.read_text(encoding="utf-8")
        values = {"subject": f"<{iri}>", "asof": f'"{date.isoformat()}"^^xsd:date'}
        if "?partner" in text:
            values["partner"] = f"<{partner}>" if partner else None
        query = parametrise(text, **values)
        solutions = store.query(query, use_default_graph_as_union=True)
        assert isinstance(solutions, ox.QuerySolutions)
        variables = [v.value for v in solutions.variables]
        rows = [{v: row[v] for v in variables} for row in solutions]
        answers.append(Answer(name, heading, variables, rows))  # type: ignore[arg-type]
    named = {iri} | {
        term.value
        for answer in answers
        for row in answer.rows
        for term in row.values()
        if isinstance(term, ox.NamedNode)
    }
    return AsOf(iri, date, answers, labels(store, named))


def labels(store: ox.Store, iris: set[str]) -> dict[str, str]:
    """An English (else any) ``rdfs:label`` of each IRI that has one."""
    if not iris:
        return {}
    values = " ".join(f"<{iri}>" for iri in sorted(iris))
    query = (
        "SELECT ?iri (MIN(?english) AS ?en) (MIN(STR(?any)) AS ?other) WHERE { "
        f"VALUES ?iri {{ {values} }} ?iri <{RDFS_LABEL}>|<{SKOS_PREF_LABEL}> ?any "
        'BIND (IF(LANGMATCHES(LANG(?any), "en") || LANG(?any) = "", STR(?any), ?unbound) '
        "AS ?english) } GROUP BY ?iri"
    )
    found = {}
    for row in store.query(query, use_default_graph_as_union=True):  # type: ignore[union-attr]
        chosen = row["en"] or row["other"]
        if chosen is not None:
            found[row["iri"].value] = chosen.value
    return found


def grouped(answer: Answer) -> dict[str, list[dict[str, ox.NamedNode | ox.Literal | None]]]:
    """The rows of ``answer`` by fact: one entry per answer, with a row per evidence passage."""
    facts: dict[str, list[dict[str, ox.NamedNode | ox.Literal | None]]] = {}
    for row in answer.rows:
        fact = row["fact"]
        facts.setdefault(fact.value if fact else "", []).append(row)
    return facts


def render_text(result: AsOf) -> str:
    """The answers as text: a line per fact (status, what, when), then its evidence quoted."""
    lines = []
    for answer in result.answers:
        lines.append(f"{answer.heading} of {result.label(result.subject)} as of {result.date}:")
        if not answer.rows:
            lines.append("  (none)")
        for fact, rows in grouped(answer).items():
            first = rows[0]
            shown = [
                result.label(term.value) if isinstance(term, ox.NamedNode) else term.value
                for name, term in first.items()
                if term is not None and term.value and name not in _NOT_SHOWN
            ]
            status = first["status"].value if first["status"] else ""
            lines.append(f"  {status:<9} {' | '.join(shown)}  <{fact}>")
            for row in rows:
                document, exact = row["document"], row["exact"]
                source = result.label(document.value) if document else ""
                lines.append(f"            \u201c{exact.value if exact else ''}\u201d ({source})")
    return "\n".join(lines) + "\n"
