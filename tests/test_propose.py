"""`fpkg propose`: candidate facts with verbatim evidence and offsets, from rules only."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from documents import BULLETIN_ID, add_bulletin

from fpkg.cli import main
from fpkg.errors import FpkgError
from fpkg.proposals import read_review, review_path
from fpkg.propose import propose
from fpkg.propose.dates import find_dates
from fpkg.sources import Paths


@pytest.fixture
def proposed(scratch: Paths) -> tuple[Paths, str]:
    text = add_bulletin(scratch)
    propose(scratch, BULLETIN_ID)
    return scratch, text


def records(paths: Paths, kind: str) -> list[dict]:
    review = read_review(review_path(paths, BULLETIN_ID))
    return [p.record for p in review.proposals if p.kind == kind]


def test_every_proposal_quotes_the_document_at_its_offsets(proposed: tuple[Paths, str]) -> None:
    paths, text = proposed
    review = read_review(review_path(paths, BULLETIN_ID))
    assert {p.kind for p in review.proposals} == {
        "entity", "membership", "statement", "recognition", "vote", "relation", "indicator"
    }  # fmt: skip
    for proposal in review.proposals:
        assert proposal.status == "proposed" and proposal.rule
        if proposal.kind != "entity":
            evidence = proposal.record["evidence"]
            quote = evidence if isinstance(evidence, str) else evidence["quote"]
            assert text[proposal.start : proposal.end] == quote


def test_memberships_with_their_dates_at_the_document_precision(
    proposed: tuple[Paths, str],
) -> None:
    paths, _ = proposed
    found = records(paths, "membership")
    joined = {r["member"]: r for r in found if r["organization"] == "mechanism/pacific-alliance"}
    assert set(joined) == {"state/CHL", "state/COL", "state/PER"}
    # the forum the catalog lacks is a candidate, and its members are found all the same
    forum = {
        r["member"]: r for r in found if r["organization"] == "mechanism/andean-migration-forum"
    }
    assert set(forum) == {"state/ECU", "state/BOL", "state/PER", "state/VEN"}
    assert forum["state/VEN"]["ends-by"] == "withdrawal" and forum["state/VEN"]["to"] == "2023"
    assert joined["state/PER"]["begins-by"] == "joining"
    assert joined["state/PER"]["from"] == "2022-03"


def test_statements_code_issuer_stance_and_target(proposed: tuple[Paths, str]) -> None:
    paths, _ = proposed
    coded = {
        (tuple(r["issuer"]), r.get("stance", [None])[0]): r for r in records(paths, "statement")
    }
    condemnation = coded[(("state/PER",), "condemns")]
    assert condemnation["about"] == ["state/VEN"] and condemnation["date"] == "2022-02-14"
    assert coded[(("state/PER",), "demands")]["date"] == "2022-02-14"  # "… and called for"
    assert (("state/MEX",), "rejects-use-of-force") in coded
    assert (("state/ARG",), "expresses-concern") in coded
    assert coded[(("mechanism/lima-group",), "rejects")]["kind"] == "joint-statement"


def test_recognitions_votes_relations_and_indicators(proposed: tuple[Paths, str]) -> None:
    paths, _ = proposed
    recognitions = records(paths, "recognition")
    assert {tuple(r["recogniser"]) for r in recognitions} == {("state/PRY",), ("state/COL",)}
    assert all(r["recognised"] == "person/juan-guaido" for r in recognitions)
    (vote,) = records(paths, "vote")
    assert vote["body"] == "mechanism/oas"
    assert vote["in-favour"] == ["state/PER", "state/CHL", "state/CAN"]
    assert vote["against"] == ["state/BOL"]
    assert vote["abstaining"] == ["state/MEX", "state/ARG"]
    events = {(r["event"], r["date"]) for r in records(paths, "relation")}
    assert events == {("broken", "2017"), ("restored", "2021"), ("established", "1993")}
    migrants = next(r for r in records(paths, "indicator") if r["measure"] == "migrant-count")
    assert (migrants["subject"], migrants["value"], migrants["unit"]) == (
        "state/PER",
        1500000,
        "persons",
    )


def test_unknown_names_become_candidates_never_catalog_entries(
    proposed: tuple[Paths, str],
) -> None:
    paths, _ = proposed
    review = read_review(review_path(paths, BULLETIN_ID))
    candidates = {
        p.record["id"]: p for p in review.proposals if p.kind == "entity" and not p.in_catalog
    }
    assert set(candidates) == {"mechanism/andean-migration-forum", "person/lucia-arrieta-campos"}
    assert candidates["mechanism/andean-migration-forum"].record["kind"] == "informal-group"
    known = {p.record["id"] for p in review.proposals if p.in_catalog}
    assert {"state/PER", "mechanism/lima-group", "person/juan-guaido"} <= known


def test_dates_keep_the_precision_stated() -> None:
    found = [
        d.date.lexical
        for d in find_dates("in mid-2021, on 23 January 2019, in August 2017 (Humala, 2013)")
    ]
    assert found == ["2021", "2019-01-23", "2017-08"]
    text = "By the end of 2018, Mid-2021, in early April 2007 and late 2015, but 2016."
    qualified = [(d.date.qualifier, d.date.lexical) for d in find_dates(text)]
    assert qualified == [
        ("end", "2018"), ("mid", "2021"), ("early", "2007-04"), ("late", "2015"), (None, "2016")
    ]  # fmt: skip
    assert find_dates("on 23 January, as president (2011-16)") == []


def test_a_rejected_proposal_does_not_come_back(proposed: tuple[Paths, str]) -> None:
    paths, _ = proposed
    path = review_path(paths, BULLETIN_ID)
    text = path.read_text(encoding="utf-8")
    target = "    record:\n      id: relation-event/arm-per-established-regional-bulletin"
    head, tail = text.split(target)
    head = (
        head[: head.rindex("status: proposed")]
        + "status: rejected"
        + head[head.rindex("status: proposed") + len("status: proposed") :]
    )
    path.write_text(head + target + tail, encoding="utf-8")
    propose(paths, BULLETIN_ID)
    review = read_review(path)
    established = [p for p in review.proposals if p.record.get("event") == "established"]
    assert [p.status for p in established] == ["rejected"]


def test_propose_errors_are_one_line(scratch: Paths) -> None:
    result = CliRunner().invoke(main, ["propose", "--root", str(scratch.root), "no-such-doc"])
    assert result.exit_code == 1 and "unknown document 'no-such-doc'" in result.output
    assert result.output.count("\n") == 1
    (scratch.root / "data" / "patterns" / "votes.yaml").write_text(
        "patterns:\n  - name: broken\n    match: voted (in\n", encoding="utf-8"
    )
    add_bulletin(scratch)
    with pytest.raises(FpkgError, match=r"votes.yaml:2: pattern 'broken': bad regular expression"):
        propose(scratch, BULLETIN_ID)
    assert not review_path(scratch, BULLETIN_ID).exists()


def test_the_patterns_are_data_a_curator_extends(scratch: Paths) -> None:
    add_bulletin(scratch)
    votes = scratch.root / "data" / "patterns" / "statements.yaml"
    text = votes.read_text(encoding="utf-8")
    votes.write_text(
        text.replace(
            "verbs:\n",
            "verbs:\n  - name: hosted\n    match: hosted\n    stance: provides-aid\n",
        ),
        encoding="utf-8",
    )
    propose(scratch, BULLETIN_ID)
    aid = [r for r in records(scratch, "statement") if r.get("stance") == ["provides-aid"]]
    assert [r["issuer"] for r in aid] == [["state/PER"]]


def test_no_model_is_loaded(scratch: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    import spacy

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("propose must not load a statistical model")

    monkeypatch.setattr(spacy, "load", refuse)
    add_bulletin(scratch)
    assert propose(scratch, BULLETIN_ID)[2] > 0
    assert Path(review_path(scratch, BULLETIN_ID)).is_file()
