"""`fpkg stats` counts what the published graph holds, and agrees with the sources."""

from __future__ import annotations

from click.testing import CliRunner
from rdflib.namespace import RDF

from fpkg.cli import main
from fpkg.namespaces import FP
from fpkg.publish import union_graph
from fpkg.stats import LINKABLE, compute, load_store


def test_counts_agree_with_the_built_dataset(built):
    stats = compute(load_store(built.files[0].parent))
    union = union_graph(built.dataset)
    for cls in ("Citation", "Mention", "Evidence", "State", "Document"):
        expected = len(set(union.subjects(RDF.type, FP[cls])))
        assert expected > 0
        assert sum(stats.per_class[f"fp:{cls}"].values()) == expected, cls


def test_linked_and_unlinked_entities_match_the_catalog(built):
    stats = compute(load_store(built.files[0].parent))
    entities = [
        r for r in built.sources.records.values() if r.type.rdf_class in {FP[c] for c in LINKABLE}
    ]
    assert {e for e, _, _ in stats.linked} == {r.id for r in entities if r.wikidata}
    assert {e for e, _, _ in stats.unlinked} == {r.id for r in entities if not r.wikidata}
    reasons = {e: reason for e, _, reason in stats.unlinked}
    for record in entities:
        if not record.wikidata and record.unlinked_reason:
            assert reasons[record.id] == record.unlinked_reason


def test_stats_command_prints_the_report(root):
    result = CliRunner().invoke(main, ["stats", "--root", str(root)])
    assert result.exit_code == 0, result.output
    for heading in (
        "Instances per class and named graph",
        "Wikidata links:",
        "Bilateral-relations table:",
    ):
        assert heading in result.output
    assert "fp:Citation" in result.output


def test_stats_without_a_published_graph_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["stats", "--root", str(tmp_path)])
    assert result.exit_code == 1
    assert "run `fpkg build` first" in result.output and "Traceback" not in result.output


def test_table_rows_are_counted_once_per_relation(built):
    stats = compute(load_store(built.files[0].parent))
    union = union_graph(built.dataset)
    relations = set(union.subjects(RDF.type, FP.DiplomaticRelation))
    from_table = {
        r
        for r in relations
        if any(union.subjects(FP.ofRelation, r))
        and any(union.value(e, FP.tableRow) is not None for e in union.subjects(FP.ofRelation, r))
    }
    assert stats.rows_resolved + stats.rows_unresolved == len(from_table)


def test_languages_shared_triples_and_slugs_are_counted(built):
    stats = compute(load_store(built.files[0].parent))
    union = union_graph(built.dataset)
    spanish = [o for o in union.objects() if getattr(o, "language", None) == "es"]
    assert stats.literals_per_language["es"] == len(spanish) > 0
    assert stats.literals_per_language["en"] > stats.literals_per_language["es"]
    assert stats.triples_in_two_graphs == 0
    assert stats.slug_labels == 0
