"""Data read back from a triple store validates: dump → Oxigraph → CONSTRUCT → SHACL.

Oxigraph (like Virtuoso) returns an xsd:nonNegativeInteger as xsd:integer; the store-read
profile of the shapes (shapes/fpkg-store-read-profile.ttl, `fpkg validate --store-read`)
accepts that canonical integer (>= 0), and nothing else changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import RdfFormat, Store
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import XSD

from fpkg.cli import main
from fpkg.errors import FpkgError
from fpkg.namespaces import OA, SH
from fpkg.validate import load_shapes, validate

SHAPES = Namespace("https://w3id.org/fpkg/shapes#")
READ_BACK = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.fixture(scope="module")
def read_back_nt(built) -> bytes:
    store = Store()
    store.load(built.dataset.serialize(format="nquads", encoding="utf-8"), RdfFormat.N_QUADS)
    return store.query(READ_BACK).serialize(format=RdfFormat.N_TRIPLES)


@pytest.fixture(scope="module")
def read_back(read_back_nt) -> Graph:
    return Graph().parse(data=read_back_nt, format="nt")


def test_the_store_returns_offsets_as_integers(read_back):
    offsets = list(read_back.objects(None, OA.start))
    assert offsets
    assert {o.datatype for o in offsets} == {XSD.integer}


def test_read_back_data_conforms_to_the_store_read_profile(built, root, read_back):
    strict = validate(read_back, built.sources.documents, load_shapes(root / "shapes"))
    assert {f.shape for f in strict.violations} == {
        "fpsh:TextPositionSelectorStart",
        "fpsh:TextPositionSelectorEnd",
    }
    profile = load_shapes(root / "shapes", "store-read")
    report = validate(read_back, built.sources.documents, profile)
    assert report.violations == []
    assert len(report.warnings) == len(built.report.warnings)


def test_store_read_profile_still_refuses_negative_offsets(root):
    shapes = load_shapes(root / "shapes", "store-read")
    graph = Graph()
    ttl = """
        @prefix oa: <http://www.w3.org/ns/oa#> .
        <urn:p> a oa:TextPositionSelector ; oa:start -1 ; oa:end 3 .
    """
    graph.parse(data=ttl, format="turtle")
    report = validate(graph, {}, shapes)
    assert [f.shape for f in report.violations] == ["fpsh:TextPositionSelectorStartAsRead"]
    graph.set((URIRef("urn:p"), OA.start, Literal(2)))
    assert validate(graph, {}, shapes).violations == []


def test_the_main_shapes_do_not_load_the_profile(root):
    main_shapes = load_shapes(root / "shapes")
    assert not list(main_shapes.subjects(SH.deactivated, None))
    assert (SHAPES.TextPositionSelectorStart, SH.path, OA.start) in main_shapes
    assert (SHAPES.TextPositionSelectorStartAsRead, None, None) not in main_shapes
    with pytest.raises(FpkgError, match="no shapes profile 'store-write'"):
        load_shapes(root / "shapes", "store-write")


def validate_cli(root: Path, data: Path, *options: str) -> tuple[int, str]:
    args = ["validate", "--root", str(root), "--data", str(data), *options]
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.output


def test_fpkg_validate_store_read_accepts_what_a_store_returns(root, read_back_nt, tmp_path):
    data = tmp_path / "read-back.nt"
    data.write_bytes(read_back_nt)
    code, output = validate_cli(root, data)
    assert code == 1 and "fpsh:TextPositionSelectorStart" in output
    code, output = validate_cli(root, data, "--store-read")
    assert code == 0, output
    assert output.splitlines()[-1].startswith("0 violation(s), ")


def test_fpkg_validate_names_a_data_file_it_cannot_read(root, tmp_path):
    data = tmp_path / "read-back.nt"
    data.write_text("<urn:a> <urn:b> .\n")
    code, output = validate_cli(root, data, "--store-read")
    assert code == 1
    assert "read-back.nt: not valid nt" in output and output.count("\n") == 1
