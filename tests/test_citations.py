"""Inline author–year citations: parsed from snippets and from the real article."""

from __future__ import annotations

from pathlib import Path

import pytest

from fpkg.citations import find_citations, interview_records
from fpkg.corpus import Document, load_corpus
from fpkg.errors import FpkgError

ROOT = Path(__file__).resolve().parents[1]


def snippet(text: str) -> Document:
    return Document(
        id="snippet",
        path=Path("snippet.txt"),
        content=text,
        sha256="",
        title="snippet",
        creators=("test",),
        publisher="test",
        identifier="urn:snippet",
        language="en",
    )


def test_direct_citation_with_quotation_and_footnote_marker():
    doc = snippet(
        "Waltz is “the starting point for the theory”4 (Ripsman et al., 2016, p. 38), they say."
    )
    [c] = find_citations(doc)
    assert (c.authors, c.year, c.pages, c.kind) == (("Ripsman et al.",), "2016", "p. 38", "direct")
    assert c.quotation and c.passage.exact == "the starting point for the theory"
    assert c.anchor.exact == "Ripsman et al., 2016, p. 38"


def test_cited_in_and_page_range():
    doc = snippet("Zakaria agrees (cited in Rose, 1998, pp. 152–153). Next sentence.")
    [c] = find_citations(doc)
    assert (c.kind, c.authors, c.pages) == ("cited-in", ("Rose",), "pp. 152–153")
    assert c.passage.exact == "Zakaria agrees"


def test_several_works_in_one_parenthesis_and_two_authors():
    doc = snippet("First. The crisis deepened (Bull and Rosales, 2020, p. 2; Corrales, 2017).")
    first, second = find_citations(doc)
    assert first.authors == ("Bull", "Rosales") and first.pages == "p. 2"
    assert second.authors == ("Corrales",) and second.pages is None
    assert second.anchor.exact == "Corrales, 2017"
    assert first.passage.exact == "The crisis deepened"


def test_personal_communication_has_full_date():
    doc = snippet("It was Peru (de Zela, 2024, personal communication, February 7).")
    [c] = find_citations(doc)
    assert c.kind == "personal-communication"
    assert c.communication_date.lexical == "2024-02-07"


@pytest.mark.parametrize("text", ["(2018)", "(early 2019)", "(2016–2018)", "(April 7, 2022)"])
def test_years_in_parentheses_are_not_citations(text):
    assert find_citations(snippet(f"Something happened {text}.")) == []


def test_interviews_become_statements_of_the_person():
    doc = snippet("He said “we led it” (Popolizio, 2024, personal communication, February 16).")
    [record] = interview_records(find_citations(doc), {"Popolizio": "person/nestor-popolizio"})
    assert record.values["issuer"] == ["person/nestor-popolizio"]
    assert record.values["wording"] == ["we led it"]
    assert record.times["date"].lexical == "2024-02-16"
    assert [a.exact for a in record.anchors] == [
        "we led it",
        "Popolizio, 2024, personal communication, February 16",
    ]


def test_unknown_interviewee_is_an_error_naming_the_line():
    doc = snippet("Line one.\nIt was so (Nobody, 2024, personal communication, March 1).")
    with pytest.raises(FpkgError, match=r"snippet.txt:2.*'Nobody'"):
        interview_records(find_citations(doc), {})


def test_the_article_citations():
    article = load_corpus(ROOT / "corpus")["vidarte-rivas-2024"]
    citations = find_citations(article)
    kinds = [c.kind for c in citations]
    assert len(citations) == 101
    assert kinds.count("personal-communication") == 25
    assert kinds.count("cited-in") == 1
    interviewees = {c.authors[0] for c in citations if c.kind == "personal-communication"}
    assert interviewees == {"de Zela", "Popolizio", "Maúrtua"}
    for c in citations:
        assert article.text[c.anchor.start : c.anchor.end] == c.anchor.exact
        assert c.passage.exact and c.passage.end <= c.anchor.start
