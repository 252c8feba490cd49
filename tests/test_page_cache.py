"""Rendered pages are kept per dump: a new dump's identity makes every page fresh."""

from __future__ import annotations

import threading

from fpkg.endpoint.page_cache import PageCache


def test_a_page_is_rendered_once_per_dump():
    dump = ["sha-one"]
    renders: list[str] = []

    def render(text: str):
        def make() -> str:
            renders.append(text)
            return f"{text} from {dump[0]}"

        return make

    cache = PageCache(lambda: dump[0], size=2)
    assert cache.page("/a", render("a")) == "a from sha-one"
    assert cache.page("/a", render("a")) == "a from sha-one"
    assert renders == ["a"]
    dump[0] = "sha-two"  # a new build swapped in: the kept page is stale
    assert cache.page("/a", render("a")) == "a from sha-two"
    assert renders == ["a", "a"]
    cache.page("/b", render("b"))
    cache.page("/c", render("c"))  # over the size: the least recently used goes
    cache.page("/a", render("a"))
    assert renders == ["a", "a", "b", "c", "a"]


def test_a_page_being_rendered_is_waited_for_not_rendered_again():
    started, finish = threading.Event(), threading.Event()
    renders: list[int] = []

    def slow() -> str:
        renders.append(1)
        started.set()
        finish.wait(10)
        return "page"

    cache = PageCache(lambda: "sha", size=4)
    first = threading.Thread(target=cache.page, args=("/ontology", slow))
    first.start()
    started.wait(10)
    answers: list[str] = []
    second = threading.Thread(target=lambda: answers.append(cache.page("/ontology", slow)))
    second.start()
    finish.set()
    first.join(10)
    second.join(10)
    assert answers == ["page"] and renders == [1]
