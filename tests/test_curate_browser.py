"""Done-when of the curation app, in a real browser (headless Chromium): on a document of its
own, a curator accepts two proposals with the keyboard, rejects one, edits a date, adds a
statement the machine missed by selecting its words (naming a participant the catalog lacks),
attaches the last time to-do to that statement as its year, runs Build, and a `fpkg serve`
started before all this answers a SPARQL question about the added statement with its
evidence quote — without a restart. All on a scratch copy."""

from __future__ import annotations

import time

import pytest
from documents import NOTE_ID, add_note
from servers import curate_server, fpkg_server, select
from test_endpoint_browser import ARTIFACTS, CHROMEDRIVER, CHROMIUM, browser  # noqa: F401

from fpkg.proposals import read_review, review_path
from fpkg.records import read_catalog, read_facts
from fpkg.sources import Paths

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="needs Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver",
)
MISSED = "Ecuador voiced doubts about the Quipu Water Council and its report on shared glaciers."
QUESTION = """
PREFIX fp: <https://w3id.org/fpkg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX id: <https://w3id.org/fpkg/id/>
SELECT ?exact ?start WHERE {
  ?statement a fp:Statement ; fp:issuer id:state\\/ECU ; fp:about id:mechanism\\/quipu-water-council ;
             prov:wasDerivedFrom ?evidence .
  ?evidence oa:hasSelector ?quote, ?position .
  ?quote oa:exact ?exact .
  ?position oa:start ?start .
}
"""
SELECT_WORDS = """
const [box, words] = arguments;
const whole = box.textContent, at = whole.indexOf(words);
const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
const range = document.createRange();
let seen = 0, node;
while ((node = walker.nextNode())) {
  const next = seen + node.data.length;
  if (seen <= at && at < next) range.setStart(node, at - seen);
  if (seen < at + words.length && at + words.length <= next) range.setEnd(node, at + words.length - seen);
  seen = next;
}
const selection = window.getSelection();
selection.removeAllRanges();
selection.addRange(range);
box.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
"""
LIST_PROPOSALS = """
return Array.from(document.querySelectorAll("#proposals li"), (li) => ({
  id: li.querySelector("strong").textContent,
  status: li.dataset.status,
  current: li.classList.contains("current"),
}));
"""


def screenshot(browser, name: str, _selector: str = "") -> None:  # noqa: F811
    """The whole window (1280 by 900), as a curator sees it."""
    ARTIFACTS.mkdir(exist_ok=True)
    browser.set_window_size(1280, 900)
    browser.save_screenshot(str(ARTIFACTS / f"{name}.png"))


def test_curate_in_the_browser_then_served_without_restart(scratch: Paths, browser) -> None:  # noqa: F811
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ready
    from selenium.webdriver.support.ui import Select, WebDriverWait

    text = add_note(scratch)
    proposals = {p.record["id"]: p for p in read_review(review_path(scratch, NOTE_ID)).proposals}
    with fpkg_server(scratch.root) as public, curate_server(scratch.root) as curate:
        assert select(public, QUESTION) == []
        wait = WebDriverWait(browser, 60)
        browser.get(f"{curate}/curate/")
        row = browser.find_element(By.LINK_TEXT, NOTE_ID)
        screenshot(browser, "curate-index", "table.documents")
        row.click()
        wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "#proposals li.current")))
        keys = ActionChains(browser)

        def proposal_list() -> list[dict[str, str]]:
            """The side list read in one script: the page re-renders it after every key."""
            return browser.execute_script(LIST_PROPOSALS)

        def current() -> str:
            return next(p["id"] for p in proposal_list() if p["current"])

        def go_to(record_id: str) -> None:
            order = [p["id"] for p in proposal_list()]
            step = "j" if order.index(record_id) > order.index(current()) else "k"
            for _ in range(len(order)):
                if current() == record_id:
                    return
                keys.send_keys(step).perform()
            assert current() == record_id

        def decided(record_id: str, status: str) -> None:
            wait.until(
                lambda b: any(
                    p["id"] == record_id and p["status"] == status for p in proposal_list()
                )
            )

        broken, condemns = (
            "relation-event/nic-per-broken-andean-water-note",
            "statement/per-condemns-andean-water-note",
        )
        vague, restored = (
            "statement/chl-rejects-andean-water-note",
            "relation-event/bol-per-restored-andean-water-note",
        )
        for record_id, key, status in (
            (broken, "a", "accepted"),
            (condemns, "a", "accepted"),
            (vague, "r", "rejected"),
        ):
            go_to(record_id)
            keys.send_keys(key).perform()
            decided(record_id, status)
        screenshot(browser, "curate-decided", "#text")
        go_to(restored)
        keys.send_keys("e").perform()
        date = wait.until(
            ready.visibility_of_element_located((By.CSS_SELECTOR, '#editor input[name="date"]'))
        )
        assert date.get_attribute("value") == "2024"
        date.clear()
        date.send_keys("2024-05")  # the text: "in 2024; the embassies reopened that May"
        screenshot(browser, "curate-edit", "#editor")
        date.send_keys(Keys.ENTER)
        decided(restored, "accepted")

        browser.execute_script(SELECT_WORDS, browser.find_element(By.ID, "text"), MISSED)
        form = wait.until(ready.visibility_of_element_located((By.CSS_SELECTOR, "#editor .fields")))
        assert browser.find_element(By.CSS_SELECTOR, "#editor .evidence").text == f"“{MISSED}”"
        Select(form.find_element(By.CSS_SELECTOR, 'select[name="kind"]')).select_by_value("remark")
        issuer = form.find_element(By.CSS_SELECTOR, '.refs[data-name="issuer"] input')
        issuer.send_keys("Ecuad", Keys.TAB)  # part of a name becomes the catalog's id
        assert issuer.get_attribute("value") == "state/ECU"
        Select(form.find_element(By.CSS_SELECTOR, 'select[name="stance"]')).select_by_value(
            "expresses-concern"
        )
        form.find_element(By.CSS_SELECTOR, '.refs[data-name="about"] input').click()
        editor = browser.find_element(By.ID, "editor")
        Select(editor.find_element(By.CSS_SELECTOR, 'select[name="entity-kind"]')).select_by_value(
            "mechanism"
        )
        editor.find_element(By.CSS_SELECTOR, 'input[name="entity-label"]').send_keys(
            "Quipu Water Council"
        )
        Select(
            editor.find_element(By.CSS_SELECTOR, '.entity-fields select[name="kind"]')
        ).select_by_value("informal-group")
        editor.find_element(By.CSS_SELECTOR, 'button[name="add-entity"]').click()
        about = form.find_element(By.CSS_SELECTOR, '.refs[data-name="about"] input')
        assert about.get_attribute("value") == "mechanism/quipu-water-council"
        screenshot(browser, "curate-add", "#editor")
        editor.find_element(By.XPATH, './/button[text()="Add the fact"]').click()
        wait.until(
            lambda b: (
                "added" in b.find_element(By.ID, "message").text
                or "error" in b.find_element(By.ID, "message").get_attribute("class")
            )
        )
        message = browser.find_element(By.ID, "message").text
        assert message.startswith("added statement/"), message
        screenshot(browser, "curate-added", "#text")

        # "The Quipu Water Council met in Cusco in 2024. In its closing session, Ecuador …":
        # the last time to-do is the added statement's year.
        added = message.removeprefix("added ").strip()
        (todo,) = browser.find_elements(By.CSS_SELECTOR, "#todos li")
        assert todo.find_element(By.TAG_NAME, "strong").text == "2024"
        Select(todo.find_element(By.CSS_SELECTOR, "select.attach-fact")).select_by_value(added)
        todo.find_element(By.CSS_SELECTOR, "input.attach-time").send_keys("2024")
        screenshot(browser, "curate-attach", "#todos")
        todo.find_element(By.CSS_SELECTOR, "button.attach-button").click()
        wait.until(lambda b: b.find_element(By.ID, "message").text.startswith("attached"))
        assert browser.find_element(By.ID, "todo-count").text == "(0 open)"

        browser.find_element(By.ID, "build").click()
        WebDriverWait(browser, 600).until(
            ready.presence_of_element_located(
                (By.CSS_SELECTOR, "#build-status.state-built, #build-status.state-failed")
            )
        )
        status = browser.find_element(By.ID, "build-status")
        screenshot(browser, "curate-built", "header")
        assert "state-built" in status.get_attribute("class"), status.text
        assert status.text.startswith("built ")

        built = time.monotonic()
        while not (rows := select(public, QUESTION)):
            assert time.monotonic() - built < 120, "the running server did not serve the new build"
            time.sleep(0.5)
    assert sorted(r["exact"]["value"] for r in rows) == ["2024", MISSED]  # the attached year
    row = next(r for r in rows if r["exact"]["value"] == MISSED)
    exact, start = row["exact"]["value"], int(row["start"]["value"])
    assert exact == MISSED and text[start : start + len(exact)] == MISSED  # code points
    assert len(text[:start].encode("utf-16-le")) // 2 > start, "astral characters stand before it"
    facts = {r.id: r for r in read_facts(scratch.facts / f"{NOTE_ID}.yaml")}
    assert set(facts) == {broken, condemns, restored, added}
    assert facts[restored].times["date"].lexical == "2024-05"
    assert facts[added].times["date"].lexical == "2024"
    catalog = {r.id for r in read_catalog(scratch.catalog / "entities.yaml")}
    assert "mechanism/quipu-water-council" in catalog
    statuses = {
        p.record["id"]: p.status for p in read_review(review_path(scratch, NOTE_ID)).proposals
    }
    assert statuses[vague] == "rejected" and statuses[added] == "accepted"
    assert proposals[restored].record["date"] == "2024"
