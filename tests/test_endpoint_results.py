"""Results serialized by Oxigraph natively: rows counted exactly in each format, whatever the
literals hold, so that the row cap holds without serializing row by row in Python."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from fpkg.endpoint.results import RESULT_FORMATS, Caps, count_rows, serialize_native

TRICKY = ["plain", 'a "quote", a comma', "two\nlines\r\n", "<result>x</result>", "\t<>&{}[],"]
FORMATS = ["json", "xml", "csv", "tsv"]


@pytest.fixture(scope="module")
def store() -> ox.Store:
    store = ox.Store()
    for index, text in enumerate(TRICKY * 3):
        subject = ox.NamedNode(f"http://example.org/{index}")
        store.add(ox.Quad(subject, ox.NamedNode("http://example.org/p"), ox.Literal(text)))
        store.add(
            ox.Quad(subject, ox.NamedNode("http://example.org/q"), ox.Literal(text, language="es"))
        )
    return store


QUERY = "SELECT ?s ?o ?missing WHERE { ?s ?p ?o OPTIONAL { ?s <urn:none> ?missing } }"


@pytest.mark.parametrize("fmt", FORMATS)
def test_rows_are_counted_exactly(store, fmt):
    body = store.query(QUERY).serialize(format=RESULT_FORMATS[fmt])
    assert count_rows(body, fmt) == 2 * 3 * len(TRICKY)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_result_within_the_caps_is_oxigraphs_own_serialization(store, fmt):
    serialized = serialize_native(store.query(QUERY), fmt, Caps(rows=30, bytes=1 << 20))
    assert serialized is not None and serialized.capped is None
    assert serialized.body == store.query(QUERY).serialize(format=RESULT_FORMATS[fmt])


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_result_over_a_cap_is_left_to_the_capped_writer(store, fmt):
    assert serialize_native(store.query(QUERY), fmt, Caps(rows=29, bytes=1 << 20)) is None
    assert serialize_native(store.query(QUERY), fmt, Caps(rows=30, bytes=200)) is None
