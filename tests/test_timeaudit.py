"""The coverage audit of times: every temporal expression of the documents is in the evidence
of a dated fact, in a dated citation, or listed with the reason it is not a fact."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from corpus_scope import CORPUS

from fpkg.cli import main
from fpkg.corpus import Document
from fpkg.errors import FpkgError
from fpkg.sources import Paths, load_sources
from fpkg.timeaudit import (
    PATTERNS_FILE,
    UNUSED_FILE,
    Passage,
    audit,
    audit_sources,
    find_expressions,
    read_patterns,
)

ROOT = Path(__file__).resolve().parents[1]
PATTERNS = read_patterns(ROOT / PATTERNS_FILE)


def document(text: str) -> Document:
    return Document(
        "doc", Path("doc.txt"), text, "0" * 64, "A document", ("A. Author",), "P", "urn:x", "en"
    )


def found(text: str) -> list[str]:
    return [e.text for e in find_expressions(document(text), PATTERNS)]


def test_the_corpus_is_fully_accounted_for() -> None:
    report = audit_sources(load_sources(Paths(ROOT)), ROOT)
    open_in_corpus = [e for e in report.unaccounted if e.document.id in CORPUS]
    assert [f"{e.where}: {e.text}" for e in open_in_corpus] == []
    assert len(report.expressions) > 500
    assert len(report.in_evidence) > 300  # most are dated facts, not excuses
    assert len(report.listed) < len(report.in_evidence)


@pytest.mark.parametrize(
    ("text", "expressions"),
    [
        ("Mexico at the end of 2018. Then", ["at the end of 2018"]),
        ("a statement in mid-2018, which", ["mid-2018"]),
        ("Bolsonaro in Brazil (early 2019)", ["early 2019"]),
        ("in early April 2007, nationalists", ["early April 2007"]),
        ("Humala, as president (2011-16), took", ["2011-16"]),
        ("Temer (2016–2018) were", ["2016–2018"]),
        ("In his 2 years of government", ["2 years"]),
        ("implemented by the United States a day earlier (Executive", ["a day earlier"]),
        ("One month later, at the summit", ["One month later"]),
        ("The following year, the arrival", ["The following year"]),
        ("on 23 January. The decision", ["23 January"]),
        ("communication, February 7). The", ["February 7"]),
        ("Since then, Peruvian policy", ["Since then"]),
        ("the 1950s and 1970s, two periods", ["1950s", "1970s"]),
        ("Back in 2006, it became", ["2006"]),
    ],
)
def test_patterns_find_loose_and_relative_times(text: str, expressions: list[str]) -> None:
    assert found(text) == expressions


@pytest.mark.parametrize(
    "text",
    [
        "inflation was 2,959% and 1,150 people",
        "Executive Order 13692 and ISBN 9789509432864",
        "around 434,000 barrels per day",
    ],
)
def test_numbers_that_are_not_times_are_not_found(text: str) -> None:
    assert found(text) == []


def test_each_expression_is_accounted_for_once_or_reported() -> None:
    doc = document("In 2015 one thing. In 2016 another. In 2017 a third.")
    report = audit(
        {"doc": doc},
        PATTERNS,
        {"doc": [(0, 18)]},  # the evidence of a dated fact: "In 2015 one thing."
        [Passage("doc", 19, 35, "an assessment", "times-unused.yaml:3")],
    )
    assert [e.text for e in report.in_evidence] == ["2015"]
    assert [e.text for e in report.listed] == ["2016"]
    assert [e.text for e in report.unaccounted] == ["2017"]
    assert report.coverage == pytest.approx(2 / 3)


def test_a_listed_passage_that_explains_nothing_is_an_error() -> None:
    doc = document("In 2015 one thing. No time here.")
    stale = Passage("doc", 0, 18, "already evidenced", "times-unused.yaml:7")
    with pytest.raises(FpkgError, match="covers no temporal expression") as caught:
        audit({"doc": doc}, PATTERNS, {"doc": [(0, 18)]}, [stale])
    assert caught.value.where == "times-unused.yaml:7"


def test_a_bad_pattern_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "patterns.yaml"
    path.write_text(
        "patterns:\n  - name: year\n    regex: '\\d{4}'\n  - name: broken\n    regex: '('\n"
    )
    with pytest.raises(FpkgError, match=r"broken.*not a regular expression") as caught:
        read_patterns(path)
    assert caught.value.where.endswith(":4")


def test_the_command_fails_naming_each_unaccounted_expression(scratch: Paths) -> None:
    unused = scratch.root / UNUSED_FILE
    text = unused.read_text(encoding="utf-8")
    entry = (
        "  - document: wikipedia-foreign-relations-of-peru\n"
        "    quote: Until 2019, the Peruvian ambassador was also accredited to New Zealand\n"
        "    reason: an accreditation of an unnamed ambassador; the graph has no kind of fact for"
        " accreditations\n"
    )
    assert entry in text
    unused.write_text(text.replace(entry, ""), encoding="utf-8")
    result = CliRunner().invoke(main, ["audit", "times", "--root", str(scratch.root)])
    assert result.exit_code == 1
    assert (
        "unaccounted: corpus/wikipedia-foreign-relations-of-peru.txt:300: '2019'" in result.output
    )
    assert "accounted for: " in result.output


def test_a_document_in_curation_has_to_dos_not_failures(scratch: Paths) -> None:
    from documents import NOTE_ID, add_note

    add_note(scratch)  # proposed, nothing curated: its dates are to-dos
    result = CliRunner().invoke(main, ["audit", "times", "--root", str(scratch.root)])
    assert result.exit_code == 0, result.output
    assert f"to-do (in curation): corpus/{NOTE_ID}.txt:" in result.output
    assert "unaccounted:" not in result.output
