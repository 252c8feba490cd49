"""``/id/…?asof=``: the as-of answers over HTTP, as JSON and HTML, and the one-line refusals."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from fpkg.serve import create_app

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
ID = "https://w3id.org/fpkg/id/"


@pytest.fixture(scope="module")
def client(root) -> Iterator[TestClient]:
    with TestClient(create_app(root / "graph", root / "queries")) as client:
        yield client


def governments(client: TestClient, day: str) -> dict[str, str]:
    response = client.get(f"/id/state/PER?asof={day}&partner=state/CUB")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    question = response.json()["questions"][0]
    assert question["heading"] == "Governments"
    assert all(a["exact"] and a["document"] for a in question["answers"])
    return {a["fact"].removeprefix(ID): a["status"] for a in question["answers"]}


def test_year_bounds_over_http(client):
    kuczynski = "government/peru-2016-kuczynski"  # 2016 to 2018
    assert governments(client, "2016-06-01")[kuczynski] == "possibly"
    assert governments(client, "2017-06-01")[kuczynski] == "certainly"
    assert kuczynski not in governments(client, "2019-06-01")


def test_relations_over_http(client):
    data = client.get("/id/state/PER?asof=1965-01-01&partner=state/CUB").json()
    relations = data["questions"][1]["answers"]
    assert {(a["state"], a["status"], a["date"]) for a in relations} == {
        ("broken", "certainly", "1960-12-30")
    }


def test_lima_group_members_as_a_page(client):
    response = client.get("/id/mechanism/lima-group?asof=2019-06-06", headers={"Accept": BROWSER})
    assert response.status_code == 200
    page = response.text
    assert "<h1>Lima Group as of 2019-06-06</h1>" in page
    assert (
        page.count("<tr class=answer>") == 12 + 12
    )  # one per membership, 12 in each of two documents
    assert 'href="/id/membership/lima-group-per-psg-2019">possibly</a>' in page
    assert "<q>the Lima Group emerged in 2017</q></a>" in page
    assert '<a href="/id/evidence/vidarte-rivas-2024/' in page
    assert 'name=asof value="2019-06-06"' in page


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/id/mechanism/lima-group?asof=2019-06", 400, "is not a date"),
        ("/id/mechanism/lima-group?asof=2019-02-30", 400, "is not a calendar date"),
        ("/id/person/juan-guaido?asof=2019-06-06", 400, "not for"),
        ("/id/mechanism/no-such-group?asof=2019-06-06", 404, "no such resource"),
        ("/id/state/PER?asof=2019-06-06&partner=state/XXX", 404, "no such resource"),
    ],
)
def test_bad_asof_requests_get_one_line(client, path, status, words):
    response = client.get(path, headers={"Accept": BROWSER})
    assert response.status_code == status
    assert words in response.text and response.text.count("\n") == 1
