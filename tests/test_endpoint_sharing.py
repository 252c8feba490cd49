"""One heavy user cannot shut out the rest: per-client caps and budget (429), a bounded queue
(503), a lane that leaves a worker to short queries, bad queries refused before a worker sees
them, and queries that kill their worker remembered. Every assertion is on behaviour and order,
none on how long something took."""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
from fastapi import FastAPI

from fpkg.endpoint.settings import Settings
from fpkg.serve import create_app

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
ASK = "ASK { ?s a <https://w3id.org/fpkg/ontology#State> }"
JSON = "application/sparql-results+json"


@contextmanager
def serving(root, **limits) -> Iterator[FastAPI]:
    settings = Settings(service_allow=(), **limits)
    app = create_app(root / "graph", root / "queries", settings=settings)
    try:
        yield app
    finally:
        app.state.engine.close()


async def ask(client: httpx.AsyncClient, query: str, agent: str) -> httpx.Response:
    return await client.get(
        "/sparql", params={"query": query}, headers={"Accept": JSON, "User-Agent": agent}
    )


def scenario(app: FastAPI, steps) -> object:
    async def run() -> object:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://fpkg") as client:
            return await steps(client)

    return asyncio.run(run())


async def until_running(app: FastAPI, count: int) -> None:
    """Wait until ``count`` workers run a query."""
    while len(app.state.engine.pool.running) < count:
        await asyncio.sleep(0.02)


def test_a_client_over_its_query_cap_is_told_to_retry_at_once(root):
    with serving(root, workers=2, time_limit=3.0) as app:

        async def steps(client):
            heavy = asyncio.create_task(ask(client, SLOW, "heavy"))
            await until_running(app, 1)
            second = await ask(client, SLOW, "heavy")
            light = await ask(client, ASK, "light")
            return heavy.done(), second, light, await heavy

        heavy_done, second, light, heavy = scenario(app, steps)
    assert second.status_code == 429 and second.headers["retry-after"] == "1"
    assert "at most 1" in second.text and second.text.count("\n") == 1
    assert not heavy_done, "the 429 waited for the running query"
    assert light.status_code == 200 and light.json()["boolean"] is True
    assert heavy.status_code == 503 and "time limit" in heavy.text


def test_a_client_over_its_time_budget_gets_429_and_others_do_not(root):
    with serving(root, workers=2, time_limit=1.0, client_budget=0.5) as app:

        async def steps(client):
            spent = await ask(client, SLOW, "heavy")
            again = await ask(client, ASK, "heavy")
            other = await ask(client, ASK, "light")
            return spent, again, other

        spent, again, other = scenario(app, steps)
    assert spent.status_code == 503
    assert again.status_code == 429 and "budget" in again.text
    assert int(again.headers["retry-after"]) >= 1
    assert other.status_code == 200


def test_a_full_queue_answers_503_with_retry_after(root):
    with serving(root, workers=1, time_limit=3.0, max_queue=1) as app:

        async def steps(client):
            first = asyncio.create_task(ask(client, SLOW, "a"))
            await until_running(app, 1)
            waiting = asyncio.create_task(ask(client, ASK, "b"))
            while not app.state.engine.pool._waiting:
                await asyncio.sleep(0.02)
            refused = await ask(client, ASK, "c")
            return first.done(), refused, await waiting, await first

        first_done, refused, waiting, first = scenario(app, steps)
    assert refused.status_code == 503 and refused.headers["retry-after"]
    assert "wait for a worker" in refused.text
    assert not first_done
    assert first.status_code == 503
    assert "already wait" not in waiting.text, "the query in the queue was refused"


def test_short_queries_are_answered_while_long_ones_hold_the_other_workers(root):
    with serving(root, workers=2, time_limit=5.0, short_time=0.2) as app:

        async def steps(client):
            heavy = [asyncio.create_task(ask(client, SLOW, f"heavy-{i}")) for i in range(4)]
            await until_running(app, 2)
            await asyncio.sleep(0.5)  # past the short time: the long lane is full
            answers = [await ask(client, ASK, "light") for _ in range(3)]
            running = [not task.done() for task in heavy]
            return answers, running, await asyncio.gather(*heavy)

        answers, running, heavy = scenario(app, steps)
    assert [a.json()["boolean"] for a in answers] == [True, True, True]
    assert all(running), "a short query waited for the long ones to end"
    assert {h.status_code for h in heavy} == {503}


def test_nesting_too_deep_is_refused_before_a_worker_runs_it(root):
    with serving(root, workers=1) as app:
        before = app.state.engine.pool.pids

        async def steps(client):
            deep = "SELECT * WHERE " + "{" * 20000 + "}" * 20000
            refused = await client.post("/sparql", data={"query": deep}, headers={"Accept": JSON})
            return refused, await ask(client, ASK, "x")

        deep, after = scenario(app, steps)
        assert app.state.engine.pool.pids == before
    assert deep.status_code == 400 and "nested too deeply" in deep.text
    assert deep.text.count("\n") == 1
    assert after.status_code == 200


def test_a_query_that_kills_its_worker_is_remembered(root):
    with serving(root, workers=2, time_limit=20.0) as app:

        async def steps(client):
            fatal = asyncio.create_task(ask(client, SLOW, "x"))
            await until_running(app, 1)
            (pid,) = app.state.engine.pool.running
            os.kill(pid, signal.SIGKILL)
            first = await fatal
            again = await ask(client, SLOW, "x")
            other = await ask(client, ASK, "x")
            return first, again, other

        first, again, other = scenario(app, steps)
    assert first.status_code == 500 and "failed on this query" in first.text
    assert again.status_code == 400 and "made a query worker fail" in again.text
    assert other.status_code == 200


def test_the_front_page_states_the_limits_in_force(root):
    with serving(root, workers=3, client_budget=12.5, max_queue=7) as app:

        async def steps(client):
            return await client.get("/", headers={"Accept": "text/html"})

        page = scenario(app, steps)
    assert page.status_code == 200
    note = page.text.split('<p id="fair-use"', 1)[1].split("</p>", 1)[0]
    assert "2 queries running at once" in note and "12.5 s of query time per minute" in note
    assert "At most 7 queries wait" in note
