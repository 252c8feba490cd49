"""`fpkg review`: proposals become curated records only by a decision, and still build."""

from __future__ import annotations

import hashlib

import pytest
from click.testing import CliRunner
from documents import BULLETIN_ID, add_bulletin

from fpkg.cli import main
from fpkg.proposals import read_review, review_path, write_review
from fpkg.propose import propose
from fpkg.records import read_catalog, read_facts
from fpkg.review import document_text
from fpkg.sources import Paths, load_sources


@pytest.fixture
def proposed(scratch: Paths) -> Paths:
    add_bulletin(scratch)
    propose(scratch, BULLETIN_ID)
    return scratch


def review(paths: Paths, answers: str = "", *options: str) -> object:
    args = ["review", "--root", str(paths.root), BULLETIN_ID, *options]
    return CliRunner().invoke(main, args, input=answers)


def digest(*paths: object) -> list[str]:
    return [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]  # type: ignore[attr-defined]


def test_interactive_review_moves_accepted_facts_and_remembers_rejections(
    proposed: Paths,
) -> None:
    pending = read_review(review_path(proposed, BULLETIN_ID)).proposals
    first_fact = next(i for i, p in enumerate(pending) if p.kind != "entity")
    answers = "a\n" * first_fact + "r\n" + "A\n"
    result = review(proposed, answers)
    assert result.exit_code == 0, result.output
    decided = read_review(review_path(proposed, BULLETIN_ID)).proposals
    rejected = [p for p in decided if p.status == "rejected"]
    assert [p.record["id"] for p in rejected] == [pending[first_fact].record["id"]]
    assert all(p.status == "accepted" for p in decided if p not in rejected)
    facts = {r.id: r for r in read_facts(proposed.facts / f"{BULLETIN_ID}.yaml")}
    accepted_facts = [p for p in decided if p.kind != "entity" and p.status == "accepted"]
    assert set(facts) == {p.record["id"] for p in accepted_facts}
    catalog = {r.id for r in read_catalog(proposed.catalog / "entities.yaml")}
    assert {"mechanism/andean-migration-forum", "person/lucia-arrieta-campos"} <= catalog
    loaded = load_sources(proposed)  # the accepted facts anchor and resolve as the build needs
    vote = loaded.records["decision/oas-vote-regional-bulletin"]
    assert vote.anchors[0].exact.startswith("At the Organization of American States, Peru")
    # candidates act as actors at once: the forum's members came with the first pass
    forum = "mechanism/andean-migration-forum"
    assert any(forum in map(str, r.values.get("organization", [])) for r in facts.values())
    # a second pass brings back neither the accepted nor the rejected proposals
    propose(proposed, BULLETIN_ID)
    again = read_review(review_path(proposed, BULLETIN_ID)).proposals
    fresh = [p for p in again if p.status == "proposed"]
    assert pending[first_fact].signature not in {p.signature for p in fresh}
    assert not {p.signature for p in fresh} & {p.signature for p in decided}


def test_an_edited_proposal_is_curated_as_edited(
    proposed: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    pending = read_review(review_path(proposed, BULLETIN_ID)).proposals
    index = next(i for i, p in enumerate(pending) if p.kind == "relation")

    def edit(text: str, **_: object) -> str:
        return text.replace("event: broken", "event: broken\n    note: Edited by a curator.")

    monkeypatch.setattr("click.edit", edit)
    answers = "s\n" * index + "e\na\nq\n"
    result = review(proposed, answers)
    assert result.exit_code == 0, result.output
    (fact,) = read_facts(proposed.facts / f"{BULLETIN_ID}.yaml")
    assert fact.id == pending[index].record["id"]
    assert fact.values["note"] == ["Edited by a curator."]


def test_statuses_set_in_the_review_file_are_applied(proposed: Paths) -> None:
    path = review_path(proposed, BULLETIN_ID)
    text = path.read_text(encoding="utf-8")
    marker = "  - status: proposed\n    kind: vote\n"
    assert marker in text
    path.write_text(text.replace(marker, marker.replace("proposed", "accepted")), encoding="utf-8")
    result = review(proposed, "", "--apply")
    assert result.exit_code == 0 and "moved 1 accepted" in result.output
    (fact,) = read_facts(proposed.facts / f"{BULLETIN_ID}.yaml")
    assert fact.type.name == "decision"
    assert review(proposed, "", "--apply").output.endswith(
        "moved 0 accepted proposal(s) into the curated files\n"
    )


def test_an_accepted_proposal_that_would_not_build_moves_nothing(proposed: Paths) -> None:
    path = review_path(proposed, BULLETIN_ID)
    text = path.read_text(encoding="utf-8")
    marker = "  - status: proposed\n    kind: vote\n"
    text = text.replace(marker, marker.replace("proposed", "accepted"))
    text = text.replace("body: mechanism/oas", "body: mechanism/no-such-body")
    path.write_text(text, encoding="utf-8")
    facts = proposed.facts / f"{BULLETIN_ID}.yaml"
    before = digest(facts, proposed.catalog / "entities.yaml")
    result = review(proposed, "", "--apply")
    assert result.exit_code == 1
    assert (
        "would not build" in result.output
        and "unknown entity 'mechanism/no-such-body'" in result.output
    )
    assert result.output.count("\n") == 1
    assert digest(facts, proposed.catalog / "entities.yaml") == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("status: proposed", "status: maybe"), "status 'maybe' is not one of"),
        (("offsets: [", "offsets: [1, "), "`offsets` must be [start, end]"),
        (("offsets: [", "offsets: [x"), "`offsets` must be [start, end]"),
    ],
)
def test_a_malformed_review_file_names_its_line(
    proposed: Paths, change: tuple[str, str], message: str
) -> None:
    path = review_path(proposed, BULLETIN_ID)
    path.write_text(path.read_text(encoding="utf-8").replace(*change, 1), encoding="utf-8")
    result = review(proposed, "", "--apply")
    assert result.exit_code == 1 and message in result.output
    assert f"{BULLETIN_ID}.yaml:" in result.output and result.output.count("\n") == 1


def test_review_before_propose_says_what_to_do(scratch: Paths) -> None:
    add_bulletin(scratch)
    result = review(scratch, "", "--apply")
    assert result.exit_code == 1
    assert f"run `fpkg propose {BULLETIN_ID}` first" in result.output


def test_a_broken_edit_leaves_the_proposal_as_it_was(
    proposed: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("click.edit", lambda text, **_: "id: [unclosed\n")
    result = review(proposed, "e\nr\nq\n")
    assert result.exit_code == 0, result.output
    assert (
        "the edited record is not YAML" in result.output
        and "the proposal is as it was" in result.output
    )
    decided = read_review(review_path(proposed, BULLETIN_ID)).proposals
    assert decided[0].status == "rejected" and decided[0].record["id"] == "state/CHL"
    assert all(p.status == "proposed" for p in decided[1:])


def named_ids(record: dict) -> set[str]:
    """The ids a record names in its fields."""
    values = (v for vs in record.values() for v in (vs if isinstance(vs, list) else [vs]))
    return {v for v in values if isinstance(v, str)}


def test_accepting_a_fact_accepts_the_candidates_it_names(proposed: Paths) -> None:
    path = review_path(proposed, BULLETIN_ID)
    edited = read_review(path)
    candidates = {
        p.record["id"] for p in edited.proposals if p.kind == "entity" and not p.in_catalog
    }
    fact = next(
        p for p in edited.proposals if p.kind != "entity" and candidates & named_ids(p.record)
    )
    named = candidates & named_ids(fact.record)
    fact.status = "accepted"
    write_review(path, edited, document_text(proposed, BULLETIN_ID))
    result = review(proposed, "", "--apply")
    assert result.exit_code == 0, result.output
    catalog = {r.id for f in proposed.catalog.glob("*.yaml") for r in read_catalog(f)}
    assert named <= catalog
    statuses = {p.record["id"]: p.status for p in read_review(path).proposals}
    assert all(statuses[i] == "accepted" for i in named)
    curated = {r.id for r in read_facts(proposed.facts / f"{BULLETIN_ID}.yaml")}
    assert fact.record["id"] in curated
