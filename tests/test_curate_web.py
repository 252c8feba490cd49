"""The curation app's safety and decisions, in process: POSTs need the run's token and the
app's own origin; every decision is written at once, lands in the curated files as
`fpkg review` would put it, and can be undone; a missed fact added from offsets counted in
code points (after characters beyond the BMP) anchors where it was selected; a time to-do is
resolved by attaching it to a curated fact (undone byte for byte) or by saying why it is
no fact's time."""

from __future__ import annotations

import http.server
import json
import threading
import time
from typing import ClassVar

import pytest
from documents import NOTE_ID, add_note
from fastapi.testclient import TestClient

from fpkg import yamlfile
from fpkg.curate_web import create_curation_app
from fpkg.curation import evidence
from fpkg.proposals import read_review, review_path
from fpkg.records import read_catalog, read_facts
from fpkg.sources import Paths, load_sources
from fpkg.timeaudit import UNUSED_FILE

HOST = "127.0.0.1:8010"
ORIGIN = f"http://{HOST}"


@pytest.fixture
def curated(scratch: Paths) -> tuple[Paths, str, TestClient]:
    text = add_note(scratch)
    app = create_curation_app(scratch, {HOST}, token="secret-token")
    return scratch, text, TestClient(app, base_url=ORIGIN)


def post(client: TestClient, path: str, body: dict, **headers: str) -> object:
    sent = {"X-Curate-Token": "secret-token", "Origin": ORIGIN, **headers}
    return client.post(path, json=body, headers={k: v for k, v in sent.items() if v})


def statuses(paths: Paths) -> dict[str, str]:
    return {p.record["id"]: p.status for p in read_review(review_path(paths, NOTE_ID)).proposals}


def signature_of(client: TestClient, record_id: str) -> str:
    data = client.get(f"/curate/{NOTE_ID}/data").json()
    return next(p["signature"] for p in data["proposals"] if p["record"]["id"] == record_id)


BROKEN = "relation-event/nic-per-broken-andean-water-note"


@pytest.mark.parametrize(
    ("headers", "reason"),
    [
        ({"X-Curate-Token": ""}, "lacks this run's token"),
        ({"X-Curate-Token": "guessed"}, "lacks this run's token"),
        ({"Origin": "http://evil.example"}, "not from this app"),
        ({"Origin": "", "Referer": "http://evil.example/page"}, "not from this app"),
        ({"Origin": ""}, "names no Origin or Referer"),
        ({"Host": "evil.example:8010", "Origin": "http://evil.example:8010"}, "answers for"),
    ],
)
def test_a_post_without_token_or_from_elsewhere_is_refused(curated, headers, reason) -> None:
    paths, _, client = curated
    before = review_path(paths, NOTE_ID).read_bytes()
    response = post(
        client,
        f"/curate/{NOTE_ID}/decide",
        {"signature": signature_of(client, BROKEN), "status": "accepted"},
        **headers,
    )
    assert response.status_code == 403 and reason in response.json()["error"]
    assert review_path(paths, NOTE_ID).read_bytes() == before


def test_the_token_is_in_the_page_and_a_referer_of_the_app_will_do(curated) -> None:
    paths, _, client = curated
    assert 'content="secret-token"' in client.get(f"/curate/{NOTE_ID}").text
    response = post(
        client,
        f"/curate/{NOTE_ID}/decide",
        {"signature": signature_of(client, BROKEN), "status": "accepted"},
        Origin="",
        Referer=f"{ORIGIN}/curate/{NOTE_ID}",
    )
    assert response.status_code == 200, response.text
    assert statuses(paths)[BROKEN] == "accepted"


def test_accept_lands_in_the_facts_file_and_undo_takes_it_back(curated) -> None:
    paths, _, client = curated
    facts_path = paths.facts / f"{NOTE_ID}.yaml"
    empty = facts_path.read_bytes()
    response = post(
        client,
        f"/curate/{NOTE_ID}/decide",
        {"signature": signature_of(client, BROKEN), "status": "accepted"},
    )
    assert response.status_code == 200, response.text
    assert [r.id for r in read_facts(facts_path)] == [BROKEN]
    proposals = client.get(f"/curate/{NOTE_ID}/data").json()["proposals"]
    edited = next(p["record"] for p in proposals if p["record"].get("id") == BROKEN)
    response = post(
        client,
        f"/curate/{NOTE_ID}/decide",
        {
            "signature": signature_of(client, BROKEN),
            "status": "accepted",
            "record": {**edited, "date": "2022-13"},
        },
    )
    assert response.status_code == 400 and "date" in response.json()["error"]
    assert post(client, f"/curate/{NOTE_ID}/undo", {}).status_code == 200
    assert statuses(paths)[BROKEN] == "proposed"
    assert facts_path.read_bytes() == empty
    assert post(client, f"/curate/{NOTE_ID}/undo", {}).json()["error"] == "nothing to undo"


def test_a_missed_fact_after_astral_characters_and_its_undo(curated) -> None:
    paths, text, client = curated
    words = "Ecuador voiced doubts about the Quipu Water Council"
    start = text.index(words)  # code points; UTF-16 would count three more
    assert len(text[:start].encode("utf-16-le")) // 2 == start + 3
    catalog_before = (paths.catalog / "entities.yaml").read_bytes()
    body = {
        "kind": "statement",
        "fields": {
            "kind": "remark",
            "issuer": ["state/ECU"],
            "about": ["mechanism/quipu-water-council"],
            "stance": ["expresses-concern"],
        },
        "start": start,
        "end": start + len(words),
        "quote": words,
        "entities": [
            {
                "kind": "mechanism",
                "label": "Quipu Water Council",
                "language": "en",
                "fields": {"kind": "informal-group"},
            }
        ],
    }
    wrong = post(
        client,
        f"/curate/{NOTE_ID}/add",
        {**body, "start": start + 3, "end": start + 3 + len(words)},
    )
    assert wrong.status_code == 400 and "do not hold the selected words" in wrong.json()["error"]
    added = post(client, f"/curate/{NOTE_ID}/add", body)
    assert added.status_code == 200, added.text
    (fact,) = read_facts(paths.facts / f"{NOTE_ID}.yaml")
    assert fact.values["issuer"] == ["state/ECU"]
    (anchor,) = load_sources(paths).records[fact.id].anchors  # the build anchors it there
    assert (anchor.start, anchor.exact) == (start, words)
    entity = next(
        r
        for r in read_catalog(paths.catalog / "entities.yaml")
        if r.id == "mechanism/quipu-water-council"
    )
    assert entity.values["kind"]
    assert post(client, f"/curate/{NOTE_ID}/undo", {}).status_code == 200
    assert read_facts(paths.facts / f"{NOTE_ID}.yaml") == []
    assert (paths.catalog / "entities.yaml").read_bytes() == catalog_before
    assert "curator" not in review_path(paths, NOTE_ID).read_text()


def test_a_time_todo_is_listed_with_its_reason_and_counted(curated) -> None:
    paths, text, client = curated
    index = client.get("/curate/").text
    assert f">{NOTE_ID}</a>" in index
    todos = client.get(f"/curate/{NOTE_ID}/data").json()["todos"]
    met = next(t for t in todos if text[t["start"] - 9 : t["start"]] == "Cusco in ")
    response = post(
        client,
        f"/curate/{NOTE_ID}/not-a-time",
        {"start": met["start"], "end": met["end"], "reason": "a meeting the graph does not model"},
    )
    assert response.status_code == 200, response.text
    assert len(response.json()["todos"]) == len(todos) - 1
    listed = yamlfile.load(paths.root / UNUSED_FILE)["passages"][-1]
    assert (
        listed["document"] == NOTE_ID and listed["reason"] == "a meeting the graph does not model"
    )
    assert post(client, f"/curate/{NOTE_ID}/undo", {}).status_code == 200
    assert len(client.get(f"/curate/{NOTE_ID}/data").json()["todos"]) == len(todos)


def test_the_curation_routes_are_not_on_the_public_endpoint(root) -> None:
    from fpkg.serve import create_app

    app = create_app(root / "graph", root / "queries")
    try:
        assert not [r for r in app.routes if getattr(r, "path", "").startswith("/curate")]
    finally:
        app.state.engine.close()


def test_words_that_occur_twice_get_a_hint_that_occurs_once() -> None:
    text = "\U0001d504 The Council met. Peru praised the Council. Chile left the Council."
    start = text.index("the Council")
    found = evidence(text, start, start + len("the Council"))
    assert isinstance(found, dict) and found["quote"] == "the Council"
    assert text.count(found["hint"]) == 1
    assert text.index(found["hint"]) + found["hint"].index("the Council") == start
    assert evidence(text, 2, 5) == "The"


class StandIn(http.server.BaseHTTPRequestHandler):
    """Answers like the Wikidata search API (wbsearchentities), and remembers what it was asked."""

    asked: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        StandIn.asked.append(self.path)
        body = {
            "search": [
                {
                    "id": "Q999999991",
                    "label": "Quipu Water Council",
                    "description": "a stand-in item",
                }
            ]
        }
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


def test_find_on_wikidata_against_a_stand_in_records_the_confirmation(scratch: Paths) -> None:
    text = add_note(scratch)
    stand_in = http.server.ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
    threading.Thread(target=stand_in.serve_forever, daemon=True).start()
    api = f"http://127.0.0.1:{stand_in.server_address[1]}/w/api.php"
    try:
        client = TestClient(
            create_curation_app(scratch, {HOST}, "secret-token", api), base_url=ORIGIN
        )
        words = "Ecuador voiced doubts about the Quipu Water Council"
        start = text.index(words)
        body = {
            "kind": "statement",
            "fields": {
                "kind": "remark",
                "issuer": ["state/ECU"],
                "about": ["mechanism/quipu-water-council"],
            },
            "start": start,
            "end": start + len(words),
            "entities": [
                {
                    "kind": "mechanism",
                    "label": "Quipu Water Council",
                    "fields": {"kind": "informal-group"},
                }
            ],
        }
        assert post(client, f"/curate/{NOTE_ID}/add", body).status_code == 200
        register_before = scratch.qid_register.read_text(encoding="utf-8")
        found = post(client, "/curate/wikidata/search", {"name": "Quipu Water Council"}).json()
        assert found["items"][0]["qid"] == "Q999999991" and found["request"].startswith(api + "?")
        assert "search=Quipu+Water+Council" in StandIn.asked[-1]
        confirmed = post(
            client,
            f"/curate/{NOTE_ID}/wikidata-confirm",
            {
                "entity": "mechanism/quipu-water-council",
                "qid": "Q999999991",
                "label": "Quipu Water Council",
                "request": found["request"],
            },
        )
        assert confirmed.status_code == 200, confirmed.text
        row = scratch.qid_register.read_text(encoding="utf-8").splitlines()[-1].split("\t")
        assert row[:4] == ["Quipu Water Council", "mechanism", "Q999999991", "confirmed"]
        assert "confirmed by a curator in fpkg curate" in row[5] and found["request"] in row[5]
        assert (
            load_sources(scratch).records["mechanism/quipu-water-council"].wikidata == "Q999999991"
        )
        forged = post(
            client,
            f"/curate/{NOTE_ID}/wikidata-confirm",
            {
                "entity": "mechanism/quipu-water-council",
                "qid": "Q1",
                "request": "https://elsewhere.example/?x",
            },
        )
        assert forged.status_code == 400
        assert post(client, f"/curate/{NOTE_ID}/undo", {}).status_code == 200
        assert scratch.qid_register.read_text(encoding="utf-8") == register_before
        assert load_sources(scratch).records["mechanism/quipu-water-council"].wikidata is None
    finally:
        stand_in.shutdown()


def test_a_failed_build_shows_its_one_line_error_with_a_link_to_the_record(curated) -> None:
    paths, _, client = curated
    facts = paths.facts / f"{NOTE_ID}.yaml"
    facts.write_text(
        facts.read_text(encoding="utf-8").replace("facts: []", "facts:")
        + "  - id: statement/invented\n    kind: remark\n    issuer: [state/PER]\n"
        "    evidence: words this note never wrote\n",
        encoding="utf-8",
    )
    assert post(client, "/curate/build", {}).json()["state"] == "running"
    while (state := client.get("/curate/build").json())["state"] == "running":
        time.sleep(0.5)
    assert state["state"] == "failed"
    assert state["line"].startswith("fpkg: error: ") and "\n" not in state["line"]
    written = facts.read_text(encoding="utf-8").splitlines()
    line = written.index("    evidence: words this note never wrote") + 1
    assert state["link"] == f"/curate/source?path=data/facts/{NOTE_ID}.yaml&line={line}"
    page = client.get(state["link"]).text
    assert f"class=target id=target><td class=n>{line}</td><td><pre>    evidence: words" in page
    assert client.get("/curate/source?path=../../etc/passwd").status_code == 404


RESTORED = "relation-event/bol-per-restored-andean-water-note"


def test_a_time_todo_attached_to_a_fact_dates_it_and_undo_puts_the_file_back(curated) -> None:
    paths, text, client = curated
    record = next(
        p["record"]
        for p in client.get(f"/curate/{NOTE_ID}/data").json()["proposals"]
        if p["record"]["id"] == RESTORED
    )
    undated = {k: v for k, v in record.items() if k != "date"}
    undated["evidence"] = "Bolivia restored diplomatic relations with Peru"
    accepted = post(
        client,
        f"/curate/{NOTE_ID}/decide",
        {"signature": signature_of(client, RESTORED), "status": "accepted", "record": undated},
    )
    assert accepted.status_code == 200, accepted.text
    assert RESTORED in [f["id"] for f in accepted.json()["facts"]]
    todos = accepted.json()["todos"]
    year = next(t for t in todos if text[t["start"] - 8 : t["start"]] == "Peru in ")
    assert year["text"] == "2024" and text.count("2024") == 2
    facts_path = paths.facts / f"{NOTE_ID}.yaml"
    before = facts_path.read_bytes()
    body = {"fact": RESTORED, "start": year["start"], "end": year["end"]}

    refusals = [
        (post(client, f"/curate/{NOTE_ID}/attach", {**body, "times": {"date": "2024-13"}}), 400),
        (post(client, f"/curate/{NOTE_ID}/attach", body), 400),  # undated, and no date given
        (post(client, f"/curate/{NOTE_ID}/attach", body, **{"X-Curate-Token": ""}), 403),
        (post(client, f"/curate/{NOTE_ID}/attach", {"fact": RESTORED, "end": 3}), 400),
    ]
    for response, status in refusals:
        error = response.json()["error"]
        assert response.status_code == status and error and "\n" not in error
        assert facts_path.read_bytes() == before
    assert "date" in refusals[0][0].json()["error"]
    assert "give the date these words state" in refusals[1][0].json()["error"]

    attached = post(client, f"/curate/{NOTE_ID}/attach", {**body, "times": {"date": "2024"}})
    assert attached.status_code == 200, attached.text
    assert year not in attached.json()["todos"]
    assert len(attached.json()["todos"]) == len(todos) - 1
    fact = load_sources(paths).records[RESTORED]  # the build's loader accepts the file
    assert fact.times["date"].lexical == "2024" and fact.times["date"].precision == "year"
    assert [(a.start, a.end) for a in fact.anchors][-1] == (year["start"], year["end"])
    written = yamlfile.load(facts_path)["facts"]
    quote = next(f for f in written if f["id"] == RESTORED)["evidence"][-1]
    assert quote["quote"] == "2024" and text.count(quote["hint"]) == 1  # "2024" occurs twice
    assert facts_path.read_text(encoding="utf-8").startswith(before.decode().split("facts:")[0])

    assert post(client, f"/curate/{NOTE_ID}/undo", {}).status_code == 200
    assert facts_path.read_bytes() == before
    assert year in client.get(f"/curate/{NOTE_ID}/data").json()["todos"]


def test_the_catalog_offers_states_by_their_spanish_names(curated) -> None:
    """A curator may type "Perú" or "Estados Unidos": a state's Spanish names come from the
    reference gazetteer (CLDR and ISO 3166), beside the catalog's own names."""
    _, _, client = curated
    catalog = {e["id"]: e["names"] for e in client.get(f"/curate/{NOTE_ID}/data").json()["catalog"]}
    assert "Perú" in catalog["state/PER"] and "Peru" in catalog["state/PER"]
    assert "Estados Unidos" in catalog["state/USA"]
    assert not any("Perú" in names for entity, names in catalog.items() if entity != "state/PER")
