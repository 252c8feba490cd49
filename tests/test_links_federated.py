"""The federated example queries (queries/federated/*.rq): they parse, name only Wikidata
ids from the register of verified ids, and give the expected joins when their SERVICE
<https://query.wikidata.org/sparql> is pointed at a local stand-in (`oxigraph serve` over
tests/fixtures/wikidata/wdqs-stub.ttl). No test reaches the real Wikidata."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, Store
from test_load_servers import free_port, oxigraph_binary, stop, wait_until_up

from fpkg.links import read_register

ROOT = Path(__file__).resolve().parents[1]
FEDERATED = sorted((ROOT / "queries" / "federated").glob("*.rq"))
WDQS = "<https://query.wikidata.org/sparql>"
STUB = Path(__file__).parent / "fixtures" / "wikidata" / "wdqs-stub.ttl"
WIKIDATA_ID = re.compile(r"\b(?:wd|wdt|p|ps|pq):([PQ][0-9]+)\b")


@pytest.fixture(scope="module")
def stub_wikidata(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    data = tmp_path_factory.mktemp("wdqs")
    subprocess.run(
        [binary, "load", "--location", str(data), "--file", str(STUB)], check=True, timeout=60
    )
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve", "--location", str(data), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(process, f"http://127.0.0.1:{port}/query")
        yield f"<http://127.0.0.1:{port}/query>"
    finally:
        stop(process)


@pytest.fixture(scope="module")
def ours() -> Store:
    store = Store()
    store.load(path=ROOT / "graph" / "fpkg.nq", format=RdfFormat.N_QUADS)
    return store


def run(store: Store, name: str, service: str) -> list[dict[str, str]]:
    text = (ROOT / "queries" / "federated" / name).read_text(encoding="utf-8")
    assert WDQS in text
    solutions = store.query(text.replace(WDQS, service), use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [{n: s[n].value for n in names if s[n] is not None} for s in solutions]


def test_there_are_federated_queries():
    assert len(FEDERATED) >= 3


@pytest.mark.parametrize("query", FEDERATED, ids=[q.stem for q in FEDERATED])
def test_federated_query_uses_only_registered_wikidata_ids(query):
    register, problems = read_register(ROOT / "data" / "wikidata-qids.tsv")
    assert not problems
    text = query.read_text(encoding="utf-8")
    assert text.startswith("# title: ")
    used = set(WIKIDATA_ID.findall(text))
    assert used, f"{query.name} names no Wikidata id"
    assert used <= set(register), f"not in the register: {sorted(used - set(register))}"


def test_lima_group_heads_of_government(ours, stub_wikidata):
    rows = run(ours, "lima-group-heads-of-government.rq", stub_wikidata)
    assert {(r["member"], r["headOfGovernmentName"]) for r in rows} == {
        ("Peru", "Head of government A (fixture)"),
        ("Peru", "Head of government B (fixture)"),
    }
    assert {r["foundedIn"] for r in rows} == {"2017"}
    assert {r["document"] for r in rows} >= {"https://w3id.org/fpkg/id/document/psg-2019"}


def test_peru_heads_of_state(ours, stub_wikidata):
    rows = run(ours, "peru-heads-of-state.rq", stub_wikidata)
    assert [(r["wikidataName"], r["from"]) for r in rows] == [
        ("Head of state A (fixture)", "2016-07-28T00:00:00Z")
    ]
    assert "person" not in rows[0], "no person of ours is linked to a placeholder"


def test_organisation_members(ours, stub_wikidata):
    rows = run(ours, "organisation-members.rq", stub_wikidata)
    got = {(r["organisationName"], r["stateName"]): r["inOurDocuments"] for r in rows}
    assert set(got) == {("Organization of American States", "Peru"), ("United Nations", "Peru")}
    assert got["United Nations", "Peru"] == "true"
