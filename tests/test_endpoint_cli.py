"""``fpkg query`` runs a query with the endpoint's engine; ``fpkg serve`` takes its options."""

from __future__ import annotations

import csv
import io
import json

import httpx
from click.testing import CliRunner
from rdflib import Graph
from servers import fpkg_server

from fpkg.cli import main

SELECT = """SELECT ?label WHERE {
  <https://w3id.org/fpkg/id/state/PER> <http://www.w3.org/2000/01/rdf-schema#label> ?label
}"""
FEDERATED = "SELECT * WHERE { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }"


def run(root, *args: str, stdin: str | None = None):
    return CliRunner().invoke(main, ["query", "--root", str(root), *args], input=stdin)


def test_query_from_standard_input_in_each_format(root):
    result = run(root, "-", stdin=SELECT)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["results"]["bindings"][0]["label"]["value"] == "Peru"
    result = run(root, "--format", "csv", "-", stdin=SELECT)
    assert list(csv.reader(io.StringIO(result.stdout))) == [["label"], ["Peru"]]


def test_query_from_a_file_with_a_graph_result(root, tmp_path):
    path = tmp_path / "q.rq"
    path.write_text("DESCRIBE <https://w3id.org/fpkg/id/state/PER>", encoding="utf-8")
    result = run(root, str(path))
    assert result.exit_code == 0
    assert len(Graph().parse(data=result.stdout, format="turtle")) >= 3
    result = run(root, "--format", "nt", str(path))
    assert len(Graph().parse(data=result.stdout, format="nt")) >= 3


def test_query_refusals_and_errors_exit_1(root):
    update = run(root, "-", stdin="DELETE WHERE { ?s ?p ?o }")
    assert update.exit_code == 1 and "read-only" in update.stderr
    syntax = run(root, "-", stdin="SELECT WHERE {")
    assert syntax.exit_code == 1 and "bad query" in syntax.stderr
    service = run(root, "--service-allow", "", "-", stdin=FEDERATED)
    assert service.exit_code == 1 and "allowed: none" in service.stderr
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    stopped = run(root, "--time-limit", "1", "-", stdin=slow)
    assert stopped.exit_code == 1 and "time limit" in stopped.stderr


def test_query_caps_are_reported(root):
    result = run(root, "--max-rows", "2", "--format", "tsv", "-", stdin="SELECT * { ?s ?p ?o }")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 3
    assert "rows cap" in result.stderr


def test_serve_options(root, tmp_path):
    store = tmp_path / "store"
    options = ["--store", str(store), "--service-allow", "", "--workers", "1", "--time-limit", "5"]
    with fpkg_server(root, *options) as base:
        response = httpx.get(base + "/sparql", params={"query": FEDERATED}, timeout=30)
        assert response.status_code == 403 and "allowed: none" in response.text
        assert (store / "oxigraph").is_dir() and (store / "source.sha256").is_file()
    # The store is reused as it is when the dump has not changed.
    mark = (store / "source.sha256").stat().st_mtime_ns
    assert run(root, "--store", str(store), "-", stdin=SELECT).exit_code == 0
    assert (store / "source.sha256").stat().st_mtime_ns == mark
