"""As-of questions against the in-process store: bounds from precision, certainly versus
possibly, relation states, and bad input."""

from __future__ import annotations

import datetime as dt
import json

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from fpkg.asof import AsOfError, ask, parametrise, parse_day
from fpkg.cli import main
from fpkg.dates import PartialDate
from fpkg.namespaces import ID

LIMA_GROUP = str(ID) + "mechanism/lima-group"
PERU = str(ID) + "state/PER"
TIME = "http://www.w3.org/2006/time#"
FP = "https://w3id.org/fpkg/ontology#"


@pytest.fixture(scope="module")
def store(root) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(root / "graph" / "fpkg.nq"), format=ox.RdfFormat.N_QUADS)
    return store


def statuses(store, root, iri, day, heading, key, partner=None) -> dict[str, set[str]]:
    """Fact IRI → the statuses given, for the answers whose ``key`` column is as named."""
    result = ask(store, root / "queries", iri, dt.date.fromisoformat(day), partner)
    answer = next(a for a in result.answers if a.heading == heading)
    found: dict[str, set[str]] = {}
    for row in answer.rows:
        found.setdefault(row["fact"].value, set()).add(row["status"].value)
        assert row["exact"].value, "every answer carries its evidence"
        assert row[key] is not None
    return found


def test_every_instant_has_the_bounds_of_its_precision(store):
    query = f"""SELECT ?value ?first ?last WHERE {{
        ?i a <{TIME}Instant> ; <{FP}earliestDay> ?first ; <{FP}latestDay> ?last ;
           <{TIME}inXSDDate>|<{TIME}inXSDgYearMonth>|<{TIME}inXSDgYear> ?value }}"""
    rows = list(store.query(query, use_default_graph_as_union=True))
    assert len(rows) > 100
    for row in rows:
        date = PartialDate.parse(row["value"].value)
        assert (row["first"].value, row["last"].value) == (
            date.earliest().isoformat(),
            date.latest().isoformat(),
        )
    february = PartialDate.parse("2019-02")
    assert (february.earliest(), february.latest()) == (dt.date(2019, 2, 1), dt.date(2019, 2, 28))


KUCZYNSKI = str(ID) + "government/peru-2016-kuczynski"  # 2016 to 2018, years only


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2015-12-31", None),  # before the earliest day the term can have begun
        ("2016-01-01", "possibly"),  # it may have begun on this day, or later in 2016
        ("2016-12-30", "possibly"),
        ("2016-12-31", "certainly"),  # whenever in 2016 it began, it had by now
        ("2018-01-01", "certainly"),  # the earliest day it can have ended
        ("2018-01-02", "possibly"),  # it may have ended on 1 January 2018
        ("2018-12-31", "possibly"),
        ("2019-01-01", None),  # after the latest day it can have ended
    ],
)
def test_a_term_stated_in_years_is_certain_only_inside_its_bounds(store, root, day, expected):
    found = statuses(store, root, PERU, day, "Governments", "head")
    assert found.get(KUCZYNSKI) == ({expected} if expected else None)


def test_an_open_end_is_never_certain(store, root):
    toledo = str(ID) + "government/peru-2001-toledo"  # from July 2001, no end stated
    assert str(ID) + "government/peru-2001-toledo" not in statuses(
        store, root, PERU, "2001-06-30", "Governments", "head"
    )
    for day in ("2001-07-01", "2001-07-31", "2030-01-01"):
        assert statuses(store, root, PERU, day, "Governments", "head")[toledo] == {"possibly"}


def test_an_undated_fact_is_undated_on_any_day(store, root):
    garcia = str(ID) + "government/peru-garcia-wikipedia"
    for day in ("1900-01-01", "2019-06-06"):
        assert statuses(store, root, PERU, day, "Governments", "head")[garcia] == {"undated"}


def test_lima_group_members_by_month_precision(store, root):
    peru_psg = str(ID) + "membership/lima-group-per-psg-2019"  # from August 2017
    peru_vidarte = str(ID) + "membership/lima-group-per-vidarte"  # from 2017
    before = statuses(store, root, LIMA_GROUP, "2017-07-31", "Members", "member")
    assert peru_psg not in before and before[peru_vidarte] == {"possibly"}
    after = statuses(store, root, LIMA_GROUP, "2017-08-01", "Members", "member")
    assert after[peru_psg] == {"possibly"}
    members = {
        row["member"].value
        for row in ask(store, root / "queries", LIMA_GROUP, dt.date(2019, 6, 6)).answers[0].rows
    }
    assert len(members) == 12 and PERU in members


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("1900-01-01", set()),
        ("1950-01-01", {("established", "in force", "certainly")}),
        ("1960-12-30", {("broken", "broken", "certainly")}),
        ("1965-01-01", {("broken", "broken", "certainly")}),
        ("1980-01-01", {("restored", "in force", "certainly")}),
    ],
)
def test_peru_cuba_relations_on_a_day(store, root, day, expected):
    result = ask(store, root / "queries", PERU, dt.date.fromisoformat(day), str(ID) + "state/CUB")
    rows = result.answers[1].rows
    got = {(r["kind"].value.rsplit("/", 1)[1], r["state"].value, r["status"].value) for r in rows}
    assert got == expected


def test_a_restoration_in_a_year_leaves_the_earlier_state_in_doubt(store, root):
    venezuela = str(ID) + "state/VEN"

    def states(day: str) -> set[tuple[str, str, str]]:
        result = ask(store, root / "queries", PERU, dt.date.fromisoformat(day), venezuela)
        return {
            (r["kind"].value.rsplit("/", 1)[1], r["date"].value, r["status"].value)
            for r in result.answers[1].rows
        }

    # restored "2021" (one document) and "2021-10" (another); no break is recorded
    assert states("2020-01-01") == {("established", "1853-02-17", "possibly")}
    assert states("2021-11-01") == {
        ("restored", "2021", "possibly"),
        ("restored", "2021-10", "certainly"),
    }
    assert states("2022-01-01") == {
        ("restored", "2021", "certainly"),
        ("restored", "2021-10", "certainly"),
    }


@pytest.mark.parametrize("text", ["2019", "2019-6-6", "06/06/2019", "yesterday", "2019-02-30"])
def test_a_day_that_is_not_a_date_is_refused(text):
    with pytest.raises(AsOfError, match="asof"):
        parse_day(text)


def test_only_mechanisms_and_states_are_asked_about(store, root):
    with pytest.raises(AsOfError, match="not for"):
        ask(store, root / "queries", str(ID) + "person/juan-guaido", dt.date(2019, 1, 1))


def test_parametrise_sets_and_drops_values_lines():
    text = (
        'SELECT * WHERE {\n  VALUES ?asof { "2000-01-01"^^xsd:date }\n  VALUES ?partner { <x> }\n}'
    )
    out = parametrise(text, asof='"2019-06-06"^^xsd:date', partner=None)
    assert '"2019-06-06"^^xsd:date' in out and "?partner" not in out
    with pytest.raises(AsOfError, match="VALUES"):
        parametrise(text, subject="<y>")


def test_the_command(root):
    runner = CliRunner()
    result = runner.invoke(main, ["asof", "--root", str(root), "state/PER", "2017-06-01"])
    assert result.exit_code == 0, result.output
    assert "certainly Pedro Pablo Kuczynski | 2016 | 2018" in result.output
    assert "\u201cShortly after assuming the presidency, in September 2016\u201d" in result.output
    result = runner.invoke(
        main,
        ["asof", "--root", str(root), "mechanism/lima-group", "2019-06-06", "--format", "json"],
    )
    data = json.loads(result.output)
    assert data["asof"] == "2019-06-06"
    members = {a["member"] for a in data["questions"][0]["answers"]}
    assert len(members) == 12


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["state/PER", "2019-13-01"], "is not a calendar date"),
        (["state/XXX", "2019-01-01"], "no such resource"),
        (["state/PER", "2019-01-01", "--partner", "state/XXX"], "no such resource"),
        (["person/juan-guaido", "2019-01-01"], "not for"),
    ],
)
def test_the_command_refuses_bad_input_in_one_line(root, args, message):
    result = CliRunner().invoke(main, ["asof", "--root", str(root), *args])
    assert result.exit_code == 1
    assert message in result.output and result.output.count("\n") == 1
