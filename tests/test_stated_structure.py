"""Times as the text gives them, and what a document states as structure: qualifiers,
durations with derived bounds, orders between events, who set a mechanism up, non-actions,
ends of terms, unnamed counts, titles as roles and links at the level the text names."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import ORG, RDF, SKOS, TIME, XSD

from fpkg.cli import main
from fpkg.dates import Duration, PartialDate
from fpkg.errors import FpkgError
from fpkg.namespaces import FP, ID
from fpkg.publish import union_graph
from fpkg.records import read_facts
from fpkg.sources import Paths, load_sources


@pytest.fixture(scope="module")
def graph(built) -> Graph:
    return union_graph(built.dataset)


def facts_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "facts.yaml"
    path.write_text("document: psg-2019\nfacts:\n" + body, encoding="utf-8")
    return path


# --- dates and durations ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lexical", "precision", "qualifier"),
    [
        ("end 2018", "2018", "year", "end"),
        ("mid 2021", "2021", "year", "mid"),
        ("early 2007-04", "2007-04", "month", "early"),
        ("2019-01-23", "2019-01-23", "day", None),
    ],
)
def test_a_loose_date_keeps_its_precision_and_qualifier(
    text: str, lexical: str, precision: str, qualifier: str | None
) -> None:
    date = PartialDate.parse(text)
    assert (date.lexical, date.precision, date.qualifier) == (lexical, precision, qualifier)


@pytest.mark.parametrize("text", ["sometime 2018", "end 2018-05-03", "mid-2021"])
def test_a_malformed_loose_date_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        PartialDate.parse(text)


def test_a_bound_derived_from_a_duration_keeps_the_precision() -> None:
    assert PartialDate.parse("2018").shifted(Duration.parse("P2Y"), 1).lexical == "2020"
    assert (
        PartialDate.parse("2019-01-23").shifted(Duration.parse("P1D"), -1).lexical == "2019-01-22"
    )
    assert PartialDate.parse("2016-09").shifted(Duration.parse("P1M"), 1).lexical == "2016-10"
    with pytest.raises(ValueError, match="not a duration"):
        Duration.parse("2Y")


def test_a_duration_with_a_single_date_is_refused(tmp_path: Path) -> None:
    path = facts_file(
        tmp_path,
        "  - id: membership/x\n    member: state/PER\n    organization: mechanism/lima-group\n"
        "    date: '2018'\n    duration: P2Y\n    evidence: a quote\n",
    )
    with pytest.raises(FpkgError, match="`duration` goes with `from`/`to`") as caught:
        read_facts(path)
    assert caught.value.where and caught.value.where.endswith(":3")


def test_a_duration_finer_than_its_bound_derives_nothing(tmp_path: Path) -> None:
    path = facts_file(
        tmp_path,
        "  - id: membership/x\n    member: state/PER\n    organization: mechanism/lima-group\n"
        "    from: '2018'\n    duration: P3M\n    evidence: a quote\n",
    )
    (record,) = read_facts(path)
    assert record.duration is not None and record.derived == {}


def test_a_count_of_an_unknown_kind_is_refused(tmp_path: Path) -> None:
    path = facts_file(
        tmp_path,
        "  - id: group-size/x\n    group: mechanism/lima-group\n    role: members\n"
        "    count: 3\n    counted: country\n    evidence: a quote\n",
    )
    with pytest.raises(FpkgError, match="'country' is not a kind of entity"):
        read_facts(path)


# --- in the built graph ------------------------------------------------------------------


def test_end_of_2018_is_2018_with_its_qualifier(graph: Graph) -> None:
    instant = graph.value(ID["election/mexico-2018-presidential"], TIME.hasTime)
    assert instant == ID["instant/end-2018"]
    assert graph.value(instant, TIME.inXSDgYear) == Literal("2018", datatype=XSD.gYear)
    assert graph.value(instant, FP.timeQualifier) == ID["time-qualifier/end"]
    assert (ID["instant/2018"], FP.timeQualifier, None) not in graph  # the plain year stays plain


def test_two_years_of_government_derive_an_end_marked_as_derived(graph: Graph) -> None:
    term = graph.value(ID["government/peru-2018-vizcarra"], TIME.hasTime)
    assert not list(graph.objects(term, TIME.hasXSDDuration)), "no xsd:duration: not portable"
    assert graph.value(term, TIME.hasBeginning) == ID["instant/2018"]
    end = graph.value(term, TIME.hasEnd)
    assert end != ID["instant/2020"], "a derived bound is never a shared, stated instant"
    assert (end, RDF.type, FP.DerivedInstant) in graph
    assert graph.value(end, TIME.inXSDgYear) == Literal("2020", datatype=XSD.gYear)
    duration = graph.value(term, TIME.hasDuration)
    assert graph.value(duration, TIME.unitType) == TIME.unitYear


def test_a_day_earlier_is_an_order_with_a_one_day_gap(graph: Graph) -> None:
    order = ID["order/executive-order-13884-a-day-before-the-conference"]
    gap = graph.value(order, FP.gapDuration)
    assert graph.value(gap, TIME.unitType) == TIME.unitDay
    assert graph.value(gap, TIME.numericDuration) == Literal("1.0", datatype=XSD.decimal)
    earlier = graph.value(ID["statement/us-executive-order-13884"], TIME.hasTime)
    later = graph.value(
        ID["meeting/international-conference-for-democracy-in-venezuela"], TIME.hasTime
    )
    assert (earlier, TIME.before, later) in graph


def test_consecutive_terms_meet(graph: Graph) -> None:
    kuczynski = graph.value(ID["government/peru-2016-kuczynski"], TIME.hasTime)
    vizcarra = graph.value(ID["government/peru-2018-vizcarra"], TIME.hasTime)
    assert (kuczynski, TIME.intervalMeets, vizcarra) in graph


def test_the_lima_group_was_set_up_at_the_behest_of_kuczynski(graph: Graph) -> None:
    establishment = ID["establishment/lima-group-psg-2019"]
    assert graph.value(establishment, FP.establishedMechanism) == ID["mechanism/lima-group"]
    assert (establishment, FP.initiator, ID["person/pedro-pablo-kuczynski"]) in graph
    assert graph.value(establishment, TIME.hasTime) == ID["instant/2017-08"]


def test_mexico_desisted_is_a_negated_statement(graph: Graph) -> None:
    statement = ID["statement/mexico-desists-from-calling-for-a-break-psg-2019"]
    assert graph.value(statement, FP.polarity) == ID["polarity/negated"]
    assert graph.value(statement, FP.stance) == ID["stance/reduces-relations"]
    assert graph.value(statement, FP.issuer) == ID["state/MEX"]


def test_a_resignation_ends_the_government_person_and_office(graph: Graph) -> None:
    end = ID["term-end/kuczynski-resignation"]
    assert graph.value(end, FP.endedTerm) == ID["government/peru-2016-kuczynski"]
    assert graph.value(end, FP.endedTermOf) == ID["person/pedro-pablo-kuczynski"]
    assert graph.value(end, FP.endedOffice) == ID["office/president-of-peru"]
    assert graph.value(end, FP.termEndKind) == ID["term-end/resignation"]


def test_seventeen_other_member_countries_is_a_typed_count(graph: Graph) -> None:
    count = ID["group-size/oas-permanent-council-conveners-2017"]
    assert graph.value(count, FP.memberCount) == Literal(17, datatype=XSD.integer)
    assert graph.value(count, FP.countedClass) == FP.State
    assert graph.value(count, FP.alsoNamed) == ID["state/PER"]
    assert graph.value(count, FP.amongMembersOf) == ID["mechanism/oas"]


def test_titles_are_roles_with_holder_organisation_and_interval(graph: Graph) -> None:
    membership = ID["membership/humala-president-of-peru-psg-2019"]
    assert graph.value(membership, ORG.member) == ID["person/ollanta-humala"]
    assert graph.value(membership, ORG.organization) == ID["state/PER"]
    assert graph.value(membership, ORG.role) == ID["office/president-of-peru"]
    interval = graph.value(membership, ORG.memberDuring)
    assert graph.value(interval, TIME.hasBeginning) == ID["instant/2011"]
    assert graph.value(interval, TIME.hasEnd) == ID["instant/2016"]


@pytest.mark.parametrize(
    ("subject", "predicate", "body"),
    [
        (
            "statement/kuczynski-un-general-assembly-2016",
            FP.venue,
            "state-body/un-general-assembly",
        ),
        (
            "statement/peru-demands-sanctions-on-south-africa",
            FP.venue,
            "state-body/un-security-council",
        ),
        (
            "membership/oas-secretary-general-almagro-psg-2019",
            ORG.organization,
            "state-body/oas-general-secretariat",
        ),
    ],
)
def test_links_name_the_body_the_text_names(
    graph: Graph, subject: str, predicate: URIRef, body: str
) -> None:
    assert graph.value(ID[subject], predicate) == ID[body]


def test_an_order_between_two_documents_is_refused(scratch) -> None:
    path = scratch.facts / "zz-test.yaml"
    path.write_text(
        "document: psg-2019\nfacts:\n"
        "  - id: order/test-across-documents\n"
        "    earlier: government/peru-2016-kuczynski\n"
        "    later: recognition/peru-recognises-guaido-psg-2019\n"
        "    relation: before\n"
        "    evidence: Following hard on the heels of US President Donald Trump\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["build", "--root", str(scratch.root)])
    assert result.exit_code == 1
    assert "zz-test.yaml:3" in result.output
    assert "an order relates two facts of its own document" in result.output


ACTING_FIELDS = (
    "venue",
    "organization",
    "body",
    "issuer",
    "convened-by",
    "host",
    "participants",
    "recogniser",
    "member",
)
"""Fields naming where or by whom something was done: there the text's level counts."""


def test_no_fact_names_a_mechanism_where_its_evidence_names_one_of_its_bodies(root) -> None:
    sources = load_sources(Paths(root))
    records = sources.records
    bodies: dict[str, list] = {}
    for record in records.values():
        if record.type.name == "state-body":
            bodies.setdefault(record.values["of"][0], []).append(record)
    assert bodies["mechanism/united-nations"], "the check needs bodies to look for"
    too_broad = [
        (record.id, name, body.id)
        for record in records.values()
        if record.type.is_fact
        for name in ACTING_FIELDS
        for target in record.values.get(name, [])
        if records[target].type.name == "mechanism"
        for body in bodies.get(target, [])
        if not any(body.id in values for values in record.values.values())  # named elsewhere
        and any(n in anchor.exact for n in body.names() for anchor in record.anchors)
    ]
    assert too_broad == []


def test_not_being_party_is_explicit_non_participation(graph: Graph) -> None:
    decision = ID["decision/tiar-2019-activation-of-consultation-body"]
    assert set(graph.objects(decision, FP.notParty)) == {ID["state/CAN"]}
    assert (decision, FP.abstained, ID["state/CAN"]) not in graph


# --- readings no broader than the text ----------------------------------------------------

NOT_MEMBERSHIP = ("negotiations toward", "observer", "candidate", "applied to join")
"""Words that state taking part without being a member: such a passage is a participation."""


def test_negotiations_toward_a_trade_area_are_a_participation_not_a_membership(
    graph: Graph,
) -> None:
    participation = ID["participation/ftaa-negotiations-per-wikipedia"]
    assert (participation, RDF.type, FP.Participation) in graph
    assert (participation, RDF.type, ORG.Membership) not in graph
    assert graph.value(participation, FP.participatingAgent) == ID["state/PER"]
    assert graph.value(participation, FP.participationIn) == ID["mechanism/ftaa"]
    assert (
        graph.value(participation, FP.participationRole)
        == ID["participation-role/negotiating-party"]
    )
    generic = """
        PREFIX org: <http://www.w3.org/ns/org#>
        SELECT ?organization WHERE {
          ?m a org:Membership ; org:member <https://w3id.org/fpkg/id/state/PER> ;
             org:organization ?organization }"""
    organizations = {row.organization for row in graph.query(generic)}
    assert ID["mechanism/lima-group"] in organizations
    assert ID["mechanism/ftaa"] not in organizations


def test_no_membership_rests_on_words_of_mere_participation(built) -> None:
    memberships = [r for r in built.sources.records.values() if r.type.name == "membership"]
    assert len(memberships) > 40
    broader = [
        (record.id, anchor.exact)
        for record in memberships
        for anchor in record.anchors
        if any(words in anchor.exact for words in NOT_MEMBERSHIP)
    ]
    assert broader == []


def test_an_interim_government_is_kept_with_its_date_and_no_head(graph: Graph) -> None:
    government = ID["government/peru-2000-interim-wikipedia"]
    assert graph.value(government, FP.governs) == ID["state/PER"]
    assert graph.value(government, FP.headedBy) is None
    term = graph.value(government, TIME.hasTime)
    assert graph.value(term, TIME.hasBeginning) == ID["instant/2000-11"]
    assert graph.value(term, TIME.hasEnd) is None


def test_a_most_recent_meeting_ended_no_later_than_its_commentary(graph: Graph) -> None:
    """ "the Lima Group's most recent meeting" in a commentary of January 2019: the end is
    bounded by the document's date, marked as derived, and nothing earlier is made up."""
    term = graph.value(ID["meeting/lima-group-most-recent-meeting-psg-2019"], TIME.hasTime)
    assert graph.value(term, TIME.hasBeginning) is None
    end = graph.value(term, TIME.hasEnd)
    assert (end, RDF.type, FP.DerivedInstant) in graph
    assert end != ID["instant/2019-01"], "a derived bound is never a shared, stated instant"
    assert graph.value(end, FP.derivedFromDocumentDate) == ID["document/psg-2019"]
    assert graph.value(end, FP.timeQualifier) == ID["time-qualifier/no-later-than"]
    assert graph.value(end, FP.latestDay) == Literal("2019-01-31", datatype=XSD.date)
    assert graph.value(end, FP.earliestDay) is None


@pytest.mark.parametrize("other", ['    to: "2018"\n', '    date: "2018"\n'])
def test_past_when_written_goes_without_a_stated_end(tmp_path: Path, other: str) -> None:
    body = (
        "  - id: meeting/test\n"
        "    convened-by: mechanism/lima-group\n"
        "    past-when-written: true\n"
        f"{other}"
        "    evidence: at the Lima Group’s most recent meeting\n"
    )
    with pytest.raises(FpkgError, match="`past-when-written` bounds an end no date"):
        read_facts(facts_file(tmp_path, body))


def test_citation_kinds_are_concepts_of_their_scheme(graph: Graph) -> None:
    scheme = ID["scheme/citation-kind"]
    kinds = [graph.value(c, FP.citationKind) for c in graph.subjects(RDF.type, FP.Citation)]
    assert len(kinds) > 50 and None not in kinds
    assert all((kind, SKOS.inScheme, scheme) in graph for kind in kinds)
    assert kinds.count(ID["citation-kind/personal-communication"]) == 25
    assert kinds.count(ID["citation-kind/cited-in"]) == 1
