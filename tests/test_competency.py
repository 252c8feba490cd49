"""Competency questions: each ``queries/<name>.rq`` has its expected answer in
``queries/<name>.expected.tsv`` (a header of variable names, then one row per expected
solution; IRIs written in full, literals by their text). The query's solutions, projected on
those variables, must equal the expected rows exactly; and every question that returns an
``?exact`` column returns the supporting words for every row."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from corpus_scope import corpus_only
from pyoxigraph import RdfFormat, Store
from rdflib import Dataset, Graph

from fpkg.publish import union_graph

ROOT = Path(__file__).resolve().parents[1]
QUERIES = sorted((ROOT / "queries").glob("*.rq"))


def expected_rows(query: Path) -> tuple[list[str], set[tuple[str, ...]]]:
    with query.with_suffix(".expected.tsv").open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t")
        header = next(reader)
        return header, {tuple(row) for row in reader}


def solutions(graph: Graph, query: Path, variables: list[str]) -> tuple[set[tuple[str, ...]], list]:
    result = graph.query(query.read_text(encoding="utf-8"))
    rows = list(result)
    projected = {tuple("" if r[v] is None else str(r[v]) for v in variables) for r in rows}
    return projected, rows


@pytest.fixture(scope="module")
def corpus_dataset(built) -> Dataset:
    """The build's named graphs of the pinned corpus (see corpus_scope)."""
    return corpus_only(built.dataset, built.sources.documents)


@pytest.fixture(scope="module")
def graph(corpus_dataset) -> Graph:
    return union_graph(corpus_dataset)


def test_there_are_competency_questions_with_answers():
    assert QUERIES
    for query in QUERIES:
        assert query.with_suffix(".expected.tsv").is_file(), f"{query.name} has no expected answer"


@pytest.mark.parametrize("query", QUERIES, ids=[q.stem for q in QUERIES])
def test_competency_question(graph, query):
    variables, expected = expected_rows(query)
    assert expected, f"{query.name}: an empty expected answer proves nothing"
    got, rows = solutions(graph, query, variables)
    assert got == expected
    if "exact" in [str(v) for v in rows[0].labels]:
        assert all(r["exact"] for r in rows), "every answer carries its supporting words"


W3C_ONLY = "# vocabulary: W3C terms only"


def test_some_questions_use_w3c_terms_only():
    """Questions marked W3C-only name no fp class or property: they work on any store
    because the build materialises the standard types (DESIGN.md, "Plain stores first")."""
    marked = [q for q in QUERIES if W3C_ONLY in q.read_text(encoding="utf-8")]
    assert len(marked) >= 5
    for query in marked:
        assert "https://w3id.org/fpkg/ontology#" not in query.read_text(encoding="utf-8"), query


def test_no_question_samples():
    """SAMPLE may pick any row of a group, so stores differ; MIN or GROUP_CONCAT do not."""
    for query in QUERIES:
        assert "SAMPLE(" not in query.read_text(encoding="utf-8").upper(), query.name


@pytest.fixture(scope="module")
def oxigraph(corpus_dataset) -> Store:
    """The dataset in Oxigraph with the union of the named graphs as default graph, as
    fpkg's endpoint and `oxigraph serve --union-default-graph` query it."""
    store = Store()
    store.load(corpus_dataset.serialize(format="nquads", encoding="utf-8"), RdfFormat.N_QUADS)
    return store


@pytest.mark.parametrize("query", QUERIES, ids=[q.stem for q in QUERIES])
def test_same_rows_on_oxigraph_union_default_graph(graph, oxigraph, query):
    """Row for row (duplicates count) the answer rdflib gives over the union graph."""
    text = query.read_text(encoding="utf-8")
    result = graph.query(text)
    names = [str(v) for v in result.vars or []]
    local = sorted(tuple("" if r[n] is None else str(r[n]) for n in names) for r in result)
    rows = oxigraph.query(text, use_default_graph_as_union=True)
    got = sorted(tuple("" if r[n] is None else r[n].value for n in names) for r in rows)
    assert local
    assert got == local
