"""What a curated entity or fact may say, and the RDF term each field becomes.

One table drives loading (required fields, kinds of reference, concept schemes) and
building (the predicate of each field), so the YAML format and the graph cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS, TIME

from fpkg.namespaces import FP, ORG


@dataclass(frozen=True)
class Field:
    """One field of a curated record.

    ``kind`` is ``ref`` (another record's id), ``text`` (an English literal), ``concept``
    (a term of the SKOS scheme ``scheme``), ``number`` or ``string`` (a plain literal),
    ``duration`` (an ISO 8601 duration, ``P1D``) or ``class`` (a kind of entity, ``state``).
    ``targets`` lists the record kinds a ``ref`` may point to (empty: any).
    """

    predicate: URIRef
    kind: str
    many: bool = False
    required: bool = False
    targets: tuple[str, ...] = ()
    scheme: str | None = None


@dataclass(frozen=True)
class RecordType:
    """A kind of record: the id prefix (``state``, ``membership``), its class and fields."""

    name: str
    rdf_class: URIRef
    fields: dict[str, Field] = field(default_factory=dict)
    time_predicate: URIRef = TIME.hasTime
    is_fact: bool = True


AGENTS = ("state", "person", "government", "mechanism", "state-body", "company")

_LABEL = Field(RDFS.label, "text")
_NOTE = Field(RDFS.comment, "text")

ENTITY_TYPES: dict[str, RecordType] = {
    t.name: t
    for t in (
        RecordType(
            "state",
            FP.State,
            {"demonyms": Field(FP.demonym, "text", many=True)},
            is_fact=False,
        ),
        RecordType("person", FP.Person, is_fact=False),
        RecordType(
            "mechanism",
            FP.Mechanism,
            {"kind": Field(FP.mechanismKind, "concept", required=True, scheme="mechanism-kind")},
            is_fact=False,
        ),
        RecordType(
            "state-body",
            FP.StateBody,
            {"of": Field(FP.bodyOf, "ref", targets=("state", "mechanism"), required=True)},
            is_fact=False,
        ),
        RecordType(
            "office",
            FP.Office,
            {"of": Field(FP.officeOf, "ref", targets=("state", "mechanism", "state-body"))},
            is_fact=False,
        ),
        RecordType(
            "place", FP.Place, {"in": Field(FP.locatedIn, "ref", targets=("state",))}, is_fact=False
        ),
        RecordType(
            "treaty",
            FP.Treaty,
            {"establishes": Field(FP.establishes, "ref", targets=("mechanism",))},
            is_fact=False,
        ),
        RecordType(
            "company",
            FP.Company,
            {"of": Field(FP.ownedBy, "ref", targets=("state",))},
            is_fact=False,
        ),
        RecordType("event", FP.Event, is_fact=False),
    )
}

FACT_TYPES: dict[str, RecordType] = {
    t.name: t
    for t in (
        RecordType(
            "government",
            FP.Government,
            {
                "state": Field(FP.governs, "ref", required=True, targets=("state",)),
                "head": Field(FP.headedBy, "ref", targets=("person",)),
            },
        ),
        RecordType(
            "membership",
            FP.Membership,
            {
                "member": Field(ORG.member, "ref", required=True, targets=(*AGENTS,)),
                "organization": Field(
                    ORG.organization,
                    "ref",
                    required=True,
                    targets=("mechanism", "state-body", "state"),
                ),
                "role": Field(ORG.role, "ref", targets=("office",)),
                "begins-by": Field(FP.beginsBy, "concept", scheme="membership-change"),
                "ends-by": Field(FP.endsBy, "concept", scheme="membership-change"),
            },
            time_predicate=ORG.memberDuring,
        ),
        RecordType(
            "participation",
            FP.Participation,
            {
                "participant": Field(FP.participatingAgent, "ref", required=True, targets=AGENTS),
                "in": Field(
                    FP.participationIn,
                    "ref",
                    required=True,
                    targets=("mechanism", "state-body", "treaty", "meeting", "event"),
                ),
                "role": Field(
                    FP.participationRole, "concept", required=True, scheme="participation-role"
                ),
            },
        ),
        RecordType(
            "statement",
            FP.Statement,
            {
                "kind": Field(FP.statementKind, "concept", required=True, scheme="statement-kind"),
                "issuer": Field(FP.issuer, "ref", many=True, required=True, targets=AGENTS),
                "government": Field(FP.issuingGovernment, "ref", targets=("government",)),
                "about": Field(FP.about, "ref", many=True),
                "stance": Field(FP.stance, "concept", many=True, scheme="stance"),
                "wording": Field(FP.wording, "text", many=True),
                "polarity": Field(FP.polarity, "concept", scheme="polarity"),
                "signatories": Field(FP.signatory, "ref", many=True, targets=AGENTS),
                "non-signatories": Field(FP.nonSignatory, "ref", many=True, targets=AGENTS),
                "venue": Field(
                    FP.venue, "ref", targets=("place", "meeting", "mechanism", "state-body")
                ),
                "occasion": Field(FP.occasion, "ref", targets=("meeting", "event", "election")),
            },
        ),
        RecordType(
            "recognition",
            FP.Recognition,
            {
                "recogniser": Field(FP.recogniser, "ref", many=True, required=True, targets=AGENTS),
                "recognised": Field(
                    FP.recognised,
                    "ref",
                    required=True,
                    targets=("person", "government", "state-body"),
                ),
                "as-leader-of": Field(FP.asLeaderOf, "ref", targets=("state",)),
                "ended-by": Field(FP.endedBy, "ref", targets=("statement", "event")),
            },
        ),
        RecordType(
            "decision",
            FP.Decision,
            {
                "body": Field(
                    FP.decidedIn, "ref", required=True, targets=("mechanism", "state-body")
                ),
                "subject": Field(FP.about, "ref", many=True),
                "in-favour": Field(FP.votedFor, "ref", many=True, targets=AGENTS),
                "against": Field(FP.votedAgainst, "ref", many=True, targets=AGENTS),
                "abstaining": Field(FP.abstained, "ref", many=True, targets=AGENTS),
                "not-party": Field(FP.notParty, "ref", many=True, targets=AGENTS),
                "outcome": Field(FP.outcome, "text"),
            },
        ),
        RecordType(
            "relation-event",
            FP.RelationEvent,
            {
                "parties": Field(FP.party, "ref", many=True, required=True, targets=("state",)),
                "event": Field(
                    FP.relationEventKind, "concept", required=True, scheme="relation-event"
                ),
                "table-section": Field(FP.tableSection, "string"),
                "table-row": Field(FP.tableRow, "number"),
            },
        ),
        RecordType(
            "election",
            FP.Election,
            {
                "held-in": Field(
                    FP.electionIn, "ref", required=True, targets=("state", "mechanism")
                ),
                "office": Field(FP.electedOffice, "ref", targets=("office", "state-body")),
                "winner": Field(FP.winner, "ref", many=True, targets=("person",)),
                "candidates": Field(FP.candidate, "ref", many=True, targets=("person",)),
                "outcome": Field(FP.outcome, "text"),
            },
        ),
        RecordType(
            "meeting",
            FP.Meeting,
            {
                "convened-by": Field(
                    FP.convenedBy, "ref", targets=("mechanism", "state", "state-body")
                ),
                "place": Field(FP.location, "ref", targets=("place", "state")),
                "host": Field(FP.host, "ref", targets=AGENTS),
                "participants": Field(
                    FP.participant, "ref", many=True, targets=(*AGENTS, "person")
                ),
            },
        ),
        RecordType(
            "indicator",
            FP.IndicatorObservation,
            {
                "subject": Field(FP.observedSubject, "ref", required=True),
                "measure": Field(FP.measure, "concept", required=True, scheme="measure"),
                "value": Field(FP.value, "number", required=True),
                "unit": Field(FP.unit, "string", required=True),
                "source": Field(FP.citedSource, "text"),
            },
        ),
        RecordType(
            "establishment",
            FP.Establishment,
            {
                "mechanism": Field(
                    FP.establishedMechanism, "ref", required=True, targets=("mechanism",)
                ),
                "initiator": Field(FP.initiator, "ref", many=True, targets=AGENTS),
                "supporters": Field(FP.supporter, "ref", many=True, targets=AGENTS),
            },
        ),
        RecordType(
            "signing",
            FP.Signing,
            {"treaty": Field(FP.signedTreaty, "ref", required=True, targets=("treaty",))},
        ),
        RecordType(
            "term-end",
            FP.TermEnd,
            {
                "kind": Field(FP.termEndKind, "concept", required=True, scheme="term-end"),
                "government": Field(FP.endedTerm, "ref", required=True, targets=("government",)),
                "person": Field(FP.endedTermOf, "ref", targets=("person",)),
                "office": Field(FP.endedOffice, "ref", targets=("office",)),
                "about": Field(FP.about, "ref", many=True),
            },
        ),
        RecordType(
            "group-size",
            FP.GroupCount,
            {
                "group": Field(FP.countedIn, "ref", required=True),
                "role": Field(FP.groupRole, "concept", required=True, scheme="group-role"),
                "count": Field(FP.memberCount, "number"),
                "counted": Field(FP.countedClass, "class"),
                "besides": Field(FP.alsoNamed, "ref", many=True),
                "among": Field(FP.amongMembersOf, "ref", targets=("mechanism",)),
                "region": Field(FP.region, "text", many=True),
            },
        ),
        RecordType(
            "order",
            FP.TemporalOrder,
            {
                "earlier": Field(FP.earlier, "ref", required=True),
                "later": Field(FP.later, "ref", required=True),
                "relation": Field(FP.orderRelation, "concept", required=True, scheme="time-order"),
                "gap": Field(FP.gapDuration, "duration"),
            },
        ),
    )
}

COMMON: dict[str, Field] = {"label": _LABEL, "note": _NOTE}
"""Fields every record may carry."""

ENTITY_COMMON: dict[str, Field] = {
    **COMMON,
    "aliases": Field(SKOS.altLabel, "text", many=True),
}

DOCUMENT_FIELDS = {
    "title": DCTERMS.title,
    "publisher": DCTERMS.publisher,
    "identifier": DCTERMS.identifier,
    "language": DCTERMS.language,
    "description": DCTERMS.description,
    "rights": DCTERMS.rights,
}

ALL_TYPES: dict[str, RecordType] = {**ENTITY_TYPES, **FACT_TYPES}
