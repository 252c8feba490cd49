"""The general rules of `fpkg propose`, each on synthetic text of its own
(tests/fixtures/propose/): discourse context and titles as roles."""

from __future__ import annotations

from pathlib import Path

import pytest

from fpkg.corpus import Document
from fpkg.proposals import Proposal
from fpkg.propose import find_proposals, load_catalog
from fpkg.records import Record
from fpkg.schema import FACT_TYPES
from fpkg.sources import Paths

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "propose"


def proposals_for(name: str, known: list[Record] | None = None) -> tuple[str, list[Proposal]]:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    document = Document(name, FIXTURES / name, text, "", "t", ("t",), "t", "urn:t", "en")
    paths = Paths(ROOT)
    return text, find_proposals(
        document, load_catalog(paths), ROOT / "data" / "patterns", known or []
    )


def government(head: str, state: str) -> Record:
    """A curated government of another document: who heads which state."""
    return Record(
        f"government/{head.split('/')[1]}",
        FACT_TYPES["government"],
        "other.yaml",
        {"head": [head], "state": [state]},
        document="another-document",
    )


@pytest.fixture(scope="module")
def memberships() -> dict[tuple[str, str, str | None], str]:
    known = [government("person/pedro-pablo-kuczynski", "state/PER")]
    text, found = proposals_for("discourse.txt", known)
    return {
        (p.record["member"], p.record["organization"], p.record.get("role")): text[p.start : p.end]
        for p in found
        if p.kind == "membership"
    }


def test_a_meeting_named_only_afterwards_in_its_paragraph(memberships: dict) -> None:
    members = {m for m, o, _ in memberships if o == "mechanism/pacific-alliance"}
    assert members == {"state/CHL", "state/COL", "state/MEX"}
    # a paragraph break ends the context: Brazil's meeting is not the Lima Group's
    assert not any(m == "state/BRA" for m, _, _ in memberships)


def test_titles_name_the_office_a_person_holds(memberships: dict) -> None:
    roles = {(m, o, r) for m, o, r in memberships if r}
    assert roles == {
        # the state from facts already curated elsewhere
        ("person/pedro-pablo-kuczynski", "state/PER", "office/president-of-peru"),
        # the state the title names, by demonym or after "of"
        ("person/nestor-popolizio", "state/PER", "office/minister-of-foreign-affairs-of-peru"),
        ("person/ollanta-humala", "state/PER", "office/president-of-peru"),
        # the only office of its kind in the catalog
        ("person/mike-pompeo", "state/USA", "office/us-secretary-of-state"),
    }
    # "President Obama": no state named and none known, so nothing is proposed
    assert not any(m == "person/barack-obama" for m, _, _ in memberships)
    # "Humala, as president" takes the office the document gives him elsewhere
    quotes = {q for (m, _, _), q in memberships.items() if m == "person/ollanta-humala"}
    assert "Humala, as president, had sent a message." in quotes


@pytest.fixture(scope="module")
def statements() -> list[dict]:
    known = [government("person/ollanta-humala", "state/PER")]
    _, found = proposals_for("statements.txt", known)
    return [p.record for p in found if p.kind == "statement"]


def coded(records: list[dict]) -> set[tuple]:
    return {
        (tuple(r["issuer"]), (r.get("stance") or [None])[0], r.get("polarity"), r.get("date"))
        for r in records
    }


def test_the_then_president_is_the_head_of_state_named_before(statements: list[dict]) -> None:
    assert (("person/ollanta-humala",), None, None, None) in coded(statements)


def test_negated_statements_carry_their_polarity(statements: list[dict]) -> None:
    found = coded(statements)
    assert (("state/MEX",), "supports", "negated", "2041") in found
    assert (("state/CHL",), "calls-for-dialogue", "negated", "2041") in found
    assert (("state/CAN",), "supports", None, None) in found


def test_nominal_statements_and_loose_dates(statements: list[dict]) -> None:
    found = coded(statements)
    assert (("state/PER",), "demands", None, "end 2042") in found
    assert (("state/COL",), "condemns", None, "mid 2043") in found


def test_both_countries_an_active_ing_verb_and_a_reduced_relative(statements: list[dict]) -> None:
    found = coded(statements)
    # the two act together: one statement with both issuers
    assert (("state/CHL", "state/BOL"), "supports", None, None) in found
    assert (("state/PER",), "cooperates", None, None) in found  # "is planning" is not passive
    assert (("state/CAN",), None, None, None) in found  # "the measures announced by"


def test_establishments_with_their_initiators() -> None:
    _, found = proposals_for("statements.txt")
    made = {
        (p.record["mechanism"], tuple(p.record["initiator"]), p.record["date"])
        for p in found
        if p.kind == "establishment"
    }
    assert made == {
        ("mechanism/pacific-alliance", ("state/PER", "person/alan-garcia"), "2045"),
        ("mechanism/lima-group", ("state/CHL", "state/COL"), "2046"),
    }


def test_the_government_is_the_state_whose_government_was_named(statements: list[dict]) -> None:
    assert (("state/BRA",), "condemns", None, None) in coded(statements)


def test_actors_joined_by_commas_alone_are_no_list(statements: list[dict]) -> None:
    issuers = [tuple(r["issuer"]) for r in statements if r.get("date") == "2048"]
    assert issuers == [("state/ECU",)]


def test_a_relative_clause_is_issued_by_its_antecedent(statements: list[dict]) -> None:
    found = coded(statements)
    assert (("mechanism/lima-group",), "rejects", None, "2049") in found
    assert (("state/CHL",), "supports", None, "2049") in found


def test_a_possessive_pronoun_owns_the_act_its_noun_names(statements: list[dict]) -> None:
    found = {(tuple(r["issuer"]), r["evidence"]) for r in statements}
    assert (("person/ollanta-humala",), "His address to the nation was brief.") in found
    assert (("state/URY",), "Uruguay appeared before the assembly.") in found


def test_an_act_owned_by_the_actor_or_office_after_of(statements: list[dict]) -> None:
    issuers = [tuple(r["issuer"]) for r in statements if r.get("date") == "2051"]
    assert issuers == [("state/MEX",)]  # the office stands for the state it is of


def test_a_comma_aside_between_issuer_and_verb_is_left_out(statements: list[dict]) -> None:
    issuers = [tuple(r["issuer"]) for r in statements if r.get("date") == "2052"]
    assert issuers == [("state/PRY",)]


def test_observers_negotiators_and_candidates_are_participations_not_members() -> None:
    """Taking part without membership is proposed as a participation with its role; "a
    member of" beside it is still a membership, so the rules are not merely silent."""
    _, found = proposals_for("participation.txt")
    members = {
        (p.record["member"], p.record["organization"]) for p in found if p.kind == "membership"
    }
    assert ("state/ECU", "mechanism/usan") in members
    assert not any(member in ("state/CRI", "state/PER", "state/MEX") for member, _ in members)
    participations = {
        (p.record["participant"], p.record["in"], p.record["role"], p.record["id"].split("/")[0])
        for p in found
        if p.kind == "participation"
    }
    assert participations == {
        ("state/CRI", "mechanism/pacific-alliance", "observer", "participation"),
        ("state/PER", "mechanism/ftaa", "negotiating-party", "participation"),
        ("state/MEX", "mechanism/usan", "candidate", "participation"),
    }


def test_a_second_predicate_after_and_is_not_of_the_actors_before_it() -> None:
    """ "Chile is a member of Mercosur and the OAS, and is an observer of …": Mercosur and the
    OAS are objects of the first predicate, not the subject of the second."""
    _, found = proposals_for("participation.txt")
    members = {
        (p.record["member"], p.record["organization"]) for p in found if p.kind == "membership"
    }
    assert {("state/CHL", "mechanism/mercosur"), ("state/CHL", "mechanism/oas")} <= members
    participants = {p.record["participant"] for p in found if p.kind == "participation"}
    assert not participants & {"mechanism/mercosur", "mechanism/oas"}
