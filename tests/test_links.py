"""`fpkg links check` (offline) and `fpkg links verify` (its Wikidata client tested against
recorded-shape fixtures of the wbgetentities API; no network)."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from fpkg import links
from fpkg.cli import main
from fpkg.errors import FpkgError
from fpkg.links import Link, check, fetch_entities, judge, read_register, verify, wikidata_client
from fpkg.sources import Paths

FIXTURES = Path(__file__).parent / "fixtures" / "wikidata"
ROOT = Path(__file__).resolve().parents[1]


def fixture(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def wikidata(entities: dict[str, dict], seen: list[list[str]] | None = None) -> httpx.Client:
    """A Wikidata API stand-in: answers each requested id from ``entities``, else missing."""

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.host == "www.wikidata.org"
        assert request.url.params["action"] == "wbgetentities"
        ids = request.url.params["ids"].split("|")
        if seen is not None:
            seen.append(ids)
        answer = {i: entities.get(i, {"id": i, "missing": ""}) for i in ids}
        return httpx.Response(200, json={"entities": answer, "success": 1})

    return wikidata_client(httpx.MockTransport(handler))


def agreeing(paths: Paths) -> dict[str, dict]:
    """Entities whose English label is the register's label: Wikidata agreeing with us."""
    register, _ = read_register(paths.qid_register)
    shape = fixture("wbgetentities-labels.json")["entities"]["Q419"]
    return {
        qid: {**shape, "id": qid, "labels": {"en": {"language": "en", "value": label}}}
        for qid, label in register.items()
    }


def append_entity(paths: Paths, text: str) -> None:
    with (paths.catalog / "entities.yaml").open("a", encoding="utf-8") as handle:
        handle.write(text)


def test_the_catalog_links_check_out(root):
    report = check(Paths(root))
    assert report.problems == []
    assert report.linked and report.unlinked
    assert {link.kind for link in report.linked} >= {"state", "person", "mechanism"}
    assert all(link.reason for link in report.unlinked), "every unlinked entity says why"


def test_check_lists_linked_and_unlinked_with_reasons(root):
    result = CliRunner().invoke(main, ["links", "check", "--root", str(root)])
    assert result.exit_code == 0, result.output
    assert "state/PER" in result.output and "Q419" in result.output
    assert "mechanism/lima-group" in result.output
    assert "unlinked: no QID" in result.output
    assert result.output.rstrip().endswith("0 problem(s)")


def test_a_duplicated_qid_fails(scratch):
    append_entity(scratch, "  - id: state/xpe\n    label: Peru again\n    wikidata: Q419\n")
    result = CliRunner().invoke(main, ["links", "check", "--root", str(scratch.root)])
    assert result.exit_code == 1
    assert "state/PER: Q419 is already the QID of state/xpe" in result.output


def test_a_qid_absent_from_the_register_fails(scratch):
    append_entity(scratch, "  - id: place/nowhere\n    label: Nowhere\n    wikidata: Q999999999\n")
    result = CliRunner().invoke(main, ["links", "check", "--root", str(scratch.root)])
    assert result.exit_code == 1
    assert "place/nowhere: Q999999999 is not in the register of verified QIDs" in result.output


def test_a_malformed_qid_fails_with_file_and_line(scratch):
    append_entity(scratch, "  - id: place/nowhere\n    label: Nowhere\n    wikidata: X419\n")
    result = CliRunner().invoke(main, ["links", "check", "--root", str(scratch.root)])
    assert result.exit_code == 1
    assert "entities.yaml:" in result.output
    assert "'X419' is not a Wikidata QID" in result.output
    assert "Traceback" not in result.output


def test_malformed_and_repeated_register_rows_fail(scratch):
    with scratch.qid_register.open("a", encoding="utf-8") as handle:
        handle.write("Peru\tstate\tQ419\tconfirmed\t\tagain\n")
        handle.write("Broken\tstate\tQ-1\tconfirmed\t\tnowhere\n")
    result = CliRunner().invoke(main, ["links", "check", "--root", str(scratch.root)])
    assert result.exit_code == 1
    assert "Q419 is registered twice" in result.output
    assert "'Q-1' is not a well-formed Wikidata id" in result.output


def test_the_client_asks_in_batches_of_fifty_and_reads_the_fixture_shape():
    seen: list[list[str]] = []
    qids = [f"Q{n}" for n in range(1, 121)] + ["Q419"]
    with wikidata(fixture("wbgetentities-labels.json")["entities"], seen) as http:
        entities = fetch_entities(http, qids)
    assert [len(batch) for batch in seen] == [50, 50, 21]
    assert entities["Q419"]["labels"]["en"]["value"] == "Peru"
    assert "missing" in entities["Q1"]


def link(qid: str, *names: str) -> Link:
    return Link("x/y", "x", names[0], names, qid, None, "here")


@pytest.mark.parametrize(
    ("qid", "names", "status"),
    [
        ("Q419", ("Peru",), "ok"),
        ("Q58132", ("Nicolas Maduro",), "ok"),  # an English alias
        ("Q123759", ("OAS",), "ok"),
        ("Q419", ("Lima",), "differs"),
        ("Q900000001", ("Anything",), "missing"),
        ("Q900000002", ("Example item (fixture)",), "redirected"),
    ],
)
def test_verdicts_on_the_fixture(qid, names, status):
    entity = fixture("wbgetentities-labels.json")["entities"][qid]
    assert judge(link(qid, *names), entity, "").status == status


def test_the_register_label_counts_as_our_name():
    entity = fixture("wbgetentities-labels.json")["entities"]["Q419"]
    assert judge(link("Q419", "Republic of Peru"), entity, "Peru").status == "ok"


def test_an_api_error_is_one_clear_error():
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=fixture("wbgetentities-error.json"))

    with (
        wikidata_client(httpx.MockTransport(handler)) as http,
        pytest.raises(FpkgError, match=r"refused the request: no-such-entity: Could not find"),
    ):
        fetch_entities(http, ["Q0"])


@pytest.mark.parametrize("failure", ["status", "network"])
def test_an_unavailable_api_is_one_clear_error(failure):
    def handler(request: httpx.Request) -> httpx.Response:
        if failure == "network":
            raise httpx.ConnectError("Name or service not known", request=request)
        return httpx.Response(503, text="busy")

    with wikidata_client(httpx.MockTransport(handler)) as http, pytest.raises(FpkgError) as error:
        fetch_entities(http, ["Q419"])
    assert str(error.value) in (
        "the Wikidata API answered HTTP 503",
        "cannot reach the Wikidata API (https://www.wikidata.org/w/api.php): "
        "Name or service not known",
    )


def test_verify_judges_every_linked_entity(root):
    paths = Paths(root)
    entities = agreeing(paths)
    entities["Q419"] = fixture("wbgetentities-labels.json")["entities"]["Q900000001"] | {
        "id": "Q419"
    }
    with wikidata(entities) as http:
        verdicts = {v.link.id: v for v in verify(paths, http)}
    assert len(verdicts) == len(check(paths).linked)
    assert verdicts["state/PER"].status == "missing"
    assert {v.status for k, v in verdicts.items() if k != "state/PER"} == {"ok"}


def test_verify_command_reports_and_fails_on_disagreement(root, monkeypatch):
    entities = agreeing(Paths(root))
    entities["Q717"] = entities["Q717"] | {
        "labels": {"en": {"language": "en", "value": "Something else (fixture)"}}
    }
    monkeypatch.setattr(links, "wikidata_client", lambda: wikidata(entities))
    result = CliRunner().invoke(main, ["links", "verify", "--root", str(root)])
    assert result.exit_code == 1
    assert "differs" in result.output and "state/VEN" in result.output
    assert "Wikidata calls Q717 'Something else (fixture)', we say 'Venezuela'" in result.output
    total = len(check(Paths(root)).linked)
    assert f"{total - 1} of {total} links agree with Wikidata" in result.output
