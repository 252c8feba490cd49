"""A real browser (headless Chromium) opens the YASGUI page, runs the first example query and
sees its results in the table; the page loads nothing from the network but this server."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from servers import fpkg_server

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="needs Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver",
)


@pytest.fixture(scope="module")
def server(root) -> Iterator[str]:
    with fpkg_server(root) as url:
        yield url + "/"


@pytest.fixture
def browser() -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="fpkg-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,1000",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def test_yasgui_runs_an_example_query(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, 30)
    browser.get(server)
    wait.until(ready.element_to_be_clickable((By.CSS_SELECTOR, ".yasqe_queryButton")))
    assert browser.execute_script("return typeof Yasgui") == "function"
    tabs = browser.find_elements(By.CSS_SELECTOR, ".tabsList .tab")
    assert len(tabs) >= 8, "the example queries are offered as tabs"
    browser.find_element(By.CSS_SELECTOR, ".yasqe_queryButton").click()
    wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, ".yasr table tbody tr")))
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "yasgui.png"))
    table = browser.find_element(By.CSS_SELECTOR, ".yasr table").text
    assert "Costa Rica" in table and "Panama" in table, table[:500]
    events = [json.loads(entry["message"])["message"] for entry in browser.get_log("performance")]
    fetched = [
        event["params"]["request"]["url"]
        for event in events
        if event["method"] == "Network.requestWillBeSent"
    ]
    assert any(url.endswith("/static/yasgui/yasgui.min.js") for url in fetched)
    outside = [url for url in fetched if url.startswith("http") and not url.startswith(server)]
    assert not outside, f"the page fetched from elsewhere: {outside}"


TALLEST = 3000
"""The most pixels of a page a screenshot shows (the ontology's page is 40,000 tall)."""


def screenshot(browser, name: str, selector: str) -> Path:
    """A screenshot of the page, tall enough to show ``selector`` (at most ``TALLEST``
    pixels); its path is printed."""
    from selenium.webdriver.common.by import By

    bottom = browser.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return r.bottom + window.scrollY;",
        browser.find_element(By.CSS_SELECTOR, selector),
    )
    height = min(int(bottom) + 40, TALLEST)
    metrics = {"width": 1280, "height": height, "deviceScaleFactor": 1, "mobile": False}
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    browser.save_screenshot(str(path))
    print(f"screenshot: {path}")
    return path


@pytest.mark.parametrize(
    ("path", "chart", "marks"),
    [
        ("id/mechanism/lima-group", "memberships", 24),  # 12 members in each of two documents
        ("id/state/PER", "events", None),
    ],
)
def test_timelines_in_a_real_browser(server, browser, root, path, chart, marks):
    from selenium.webdriver.common.by import By

    browser.get(server + path)
    svg = browser.find_element(By.CSS_SELECTOR, f"svg.timeline.{chart}")
    assert svg.size["width"] > 600 and svg.size["height"] > 40, "the timeline is drawn"
    drawn = svg.find_elements(By.CSS_SELECTOR, "a.mark")
    if marks is None:  # Peru: one mark per dated relation event, among the others
        lane = browser.find_elements(
            By.CSS_SELECTOR, 'svg.timeline.events a.mark[data-kind="RelationEvent"]'
        )
        label = svg.find_element(By.XPATH, ".//*[starts-with(text(), 'Relation events (')]").text
        assert label == f"Relation events ({len(lane)})" and len(lane) > 200
    else:
        assert len(drawn) == marks
    shot = screenshot(browser, path.replace("/", "-"), "svg.timeline:last-of-type")
    assert shot.stat().st_size > 10_000
    assert all(
        urljoin(server, m.get_dom_attribute("href")).startswith(server + "id/") for m in drawn
    )
    evidence = svg.find_elements(By.CSS_SELECTOR, "a.evidence")
    assert len(evidence) == len(drawn)
    target = urljoin(server, evidence[-1].get_dom_attribute("href"))
    assert "/id/evidence/" in target
    browser.get(target)  # the mark's evidence: the words of the document, highlighted
    assert browser.find_element(By.CSS_SELECTOR, "blockquote mark").text


def test_a_query_with_dates_is_shown_as_a_timeline(server, browser, root):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, 30)
    browser.get(server)
    wait.until(ready.element_to_be_clickable((By.CSS_SELECTOR, ".yasqe_queryButton")))
    title = (root / "queries" / "peru-governments.rq").read_text().splitlines()[0]
    name = title.removeprefix("# title:").strip()
    tab = next(
        t
        for t in browser.find_elements(By.CSS_SELECTOR, ".tabsList .tab")
        if t.text.startswith(name)
    )
    tab.click()
    button = wait.until(
        ready.element_to_be_clickable((By.CSS_SELECTOR, ".tabPanel.active .yasqe_queryButton"))
    )
    button.click()
    svg = wait.until(
        ready.visibility_of_element_located((By.CSS_SELECTOR, ".tabPanel.active svg.fpkg-timeline"))
    )
    expected = (root / "queries" / "peru-governments.expected.tsv").read_text().count("\n") - 1
    rows = svg.find_elements(By.CSS_SELECTOR, "a")
    assert len(rows) >= expected  # a row per solution (a government with two passages: two rows)
    assert any(r.find_elements(By.CSS_SELECTOR, "path") for r in rows), "an open end is drawn open"
    screenshot(browser, "yasgui-timeline", ".tabPanel.active svg.fpkg-timeline")


def test_a_capped_result_says_so_in_its_tab(root, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready
    from selenium.webdriver.support.ui import WebDriverWait

    with fpkg_server(root, "--max-rows", "2") as url:
        wait = WebDriverWait(browser, 30)
        browser.get(url + "/")
        wait.until(ready.element_to_be_clickable((By.CSS_SELECTOR, ".yasqe_queryButton")))
        browser.find_element(By.CSS_SELECTOR, ".yasqe_queryButton").click()
        wait.until(ready.visibility_of_element_located((By.CSS_SELECTOR, ".fpkg-cap-note")))
        note = browser.find_element(By.CSS_SELECTOR, ".fpkg-cap-note").text
        assert "cut it at its cap (rows; limit=2)" in note, note
        assert len(browser.find_elements(By.CSS_SELECTOR, ".yasr table tbody tr")) == 2


@pytest.mark.parametrize(
    ("path", "name", "heading"),
    [
        ("ontology", "ontology", "Foreign Policy Knowledge Graph ontology"),
        ("id/person/pedro-pablo-kuczynski", "person", "Pedro Pablo Kuczynski"),
        (
            "id/statement/kuczynski-bloomberg-interview-2016",
            "statement",
            "Kuczynski's interview with Bloomberg criticising Maduro (2016)",
        ),
    ],
)
def test_pages_at_a_glance(server, browser, path, name, heading):
    from selenium.webdriver.common.by import By

    browser.get(server + path)
    assert browser.find_element(By.CSS_SELECTOR, "h1").text == heading
    shot = screenshot(browser, f"page-{name}", "body")
    assert shot.stat().st_size > 10_000


def test_the_front_page_introduces_the_graph_and_finds_by_name(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, 30)
    browser.get(server)
    wait.until(ready.element_to_be_clickable((By.CSS_SELECTOR, ".yasqe_queryButton")))
    assert browser.find_element(By.CSS_SELECTOR, "h1").text == "Foreign Policy Knowledge Graph"
    holdings = browser.find_element(By.ID, "fpkg-holdings").text
    assert "documents" in holdings and "facts" in holdings and "entities" in holdings
    page_font = browser.execute_script("return getComputedStyle(document.body).fontFamily")
    tab = browser.find_element(By.CSS_SELECTOR, ".tabsList .tab a")
    assert tab.value_of_css_property("font-family") == page_font
    screenshot(browser, "page-front", ".yasqe_queryButton")
    box = browser.find_element(By.CSS_SELECTOR, "form.search input[name=q]")
    box.send_keys("Grupo de Lima")
    box.submit()
    first = wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "table tr td a")))
    assert first.get_dom_attribute("href") == "/id/mechanism/lima-group"


READABLE = """PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?exact ?start WHERE {
  ?evidence oa:hasSelector ?quote , ?position .
  ?quote oa:exact ?exact . ?position oa:start ?start .
  FILTER (STRLEN(?exact) > 120)
} ORDER BY ?start ?exact LIMIT 3"""


def test_result_cells_are_whole_and_numbers_plain(server, browser):
    import httpx
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready
    from selenium.webdriver.support.ui import WebDriverWait

    expected = httpx.get(
        server + "sparql",
        params={"query": READABLE},
        headers={"Accept": "application/sparql-results+json"},
    ).json()["results"]["bindings"]
    assert len(expected) == 3 and expected[0]["start"]["datatype"].lower().endswith("integer")
    wait = WebDriverWait(browser, 30)
    browser.get(server)
    wait.until(ready.element_to_be_clickable((By.CSS_SELECTOR, ".yasqe_queryButton")))
    browser.execute_script("yasgui.getTab().getYasqe().setValue(arguments[0])", READABLE)
    browser.find_element(By.CSS_SELECTOR, ".tabPanel.active .yasqe_queryButton").click()
    wait.until(
        ready.presence_of_element_located(
            (By.CSS_SELECTOR, ".tabPanel.active .yasr table tbody tr")
        )
    )
    rows = browser.find_elements(By.CSS_SELECTOR, ".tabPanel.active .yasr table tbody tr")
    cells = [[td.text for td in row.find_elements(By.CSS_SELECTOR, "td")] for row in rows]
    screenshot(browser, "page-front-results", ".tabPanel.active .yasr table")
    for row, binding in zip(cells, expected, strict=True):
        assert binding["exact"]["value"] in row[1]  # the whole quote, not cut with "…"
        assert row[2] == binding["start"]["value"]  # 1880, not "1880"^^xsd:…
