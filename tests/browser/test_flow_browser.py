"""The Start Here flow in headless Chromium: walked by clicking, with JavaScript and without, over
http and from the offline bundle's file:// pages; "Your answers" and its Change links; keyboard-only
use; and the printed outcome as a one-page summary.

The routes walked come from the flow's model, so the tests follow the YAML when it changes.
"""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from ltss_toolkit.extensions import default_extensions
from ltss_toolkit.flow.graph import paths
from ltss_toolkit.flow.model import Flow
from ltss_toolkit.loading.loader import load_toolkit

# The shared helpers of tests/conftest.py, loaded by path: a conftest.py in this folder would take the
# module name "conftest" and hide them from the `from conftest import ...` of other test modules.
_spec = importlib.util.spec_from_file_location("ltss_tests_shared", Path(__file__).resolve().parents[1] / "conftest.py")
_shared = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_shared)
PROJECT, need_tool = _shared.PROJECT, _shared.need_tool

PATH_OUTCOMES = ("capitated-managed-care", "managed-fee-for-service", "state-specific-models", "authority-1115", "pasrr")
"""The three integrated care paths, and outcomes of the rebalancing journey (one reached two ways)."""

TOOLKIT, _ = load_toolkit(PROJECT / "content", PROJECT, default_extensions())
FLOW: Flow = TOOLKIT.data.get(Flow)


def route_to(outcome: str) -> list[tuple[str, str]]:
    """The shortest way to an outcome, as (question id, answer id) pairs."""
    ways = [steps for steps in paths(FLOW) if steps[-1][1].next == outcome]
    assert ways, f"no way to {outcome}"
    return [(node.id, answer.id) for node, answer in min(ways, key=len) if node.kind == "question"]


@pytest.fixture(scope="module")
def browser(chromium_browser):
    """The shared headless Chromium of tests/conftest.py (one Playwright at a time)."""
    return chromium_browser


@pytest.fixture(scope="module")
def site_url(served_site: str) -> str:
    return served_site


@pytest.fixture(scope="module")
def offline_start(offline_bundle: Path) -> Path:
    """The Start Here page of the offline bundle (its pages end in .html)."""
    start = offline_bundle / "start-here" / "index.html"
    assert start.is_file(), "the bundle has no start-here/index.html"
    return start


class Reader:
    """A browser tab with JavaScript on or off that fails the test on any script error."""

    def __init__(self, browser, javascript: bool) -> None:
        self.context = browser.new_context(java_script_enabled=javascript, viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))

    def open(self, url: str) -> None:
        self.page.goto(url)

    def click(self, selector: str) -> None:
        with self.page.expect_navigation():
            self.page.locator(selector).click()

    def answer(self, question: str, answer: str) -> None:
        assert self.here() == question, self.page.url
        self.click(f'.ltss-flow-answers a[data-flow-answer="{answer}"]')

    def heading(self) -> str:
        """The page's h1 without the permalink sign the toc extension adds."""
        return self.page.locator("article h1").inner_text().rstrip("¶").strip()

    def here(self) -> str:
        return self.page.locator("#ltss-flow-data").evaluate("element => JSON.parse(element.textContent).here")

    def query(self) -> dict[str, str]:
        return dict(parse_qsl(urlsplit(self.page.url).query))

    def given(self) -> list[tuple[str, str]]:
        rows = self.page.locator("[data-flow-given] .ltss-flow-given-row")
        return [(rows.nth(i).locator("dt").inner_text(), rows.nth(i).locator("dd").first.inner_text()) for i in range(rows.count())]

    def close(self) -> None:
        assert self.errors == [], self.errors
        self.context.close()


def expected_rows(route: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(FLOW.nodes[q].title, next(a.label for a in FLOW.nodes[q].answers if a.id == ans)) for q, ans in route]


@pytest.mark.parametrize("outcome", PATH_OUTCOMES)
def test_without_javascript_plain_links_reach_each_path(browser, site_url: str, outcome: str) -> None:
    reader = Reader(browser, javascript=False)
    reader.open(site_url + "start-here/")
    assert reader.heading() == FLOW.start.title
    reader.click(".ltss-flow-begin a")
    for question, answer in route_to(outcome):
        assert reader.heading() == FLOW.nodes[question].title
        has_stages = bool(FLOW.stages_of(FLOW.nodes[question]))
        assert reader.page.locator('[aria-current="step"]').count() == (1 if has_stages else 0)
        reader.answer(question, answer)
    assert reader.page.url == f"{site_url}start-here/{outcome}/"
    page = reader.page
    assert reader.heading() == FLOW.nodes[outcome].title
    assert page.locator("[data-flow-routes]").is_visible()
    assert not page.locator("[data-flow-given]").is_visible()
    assert page.locator("button").filter(has_text="Print").count() == 0
    assert "Ctrl+P" in page.locator("[data-flow-print]").inner_text()
    recommended = FLOW.nodes[outcome].recommends[0].partition("#")[0]
    assert page.locator(".ltss-flow-recommended a").inner_text().startswith(TOOLKIT.pages[recommended].title)
    # Back is a plain link to a question that leads here; Start again to the first page.
    reader.click(".ltss-flow-back")
    assert outcome in {a.next for a in FLOW.nodes[reader.here()].answers}
    reader.click(".ltss-flow-restart")
    assert reader.page.url == f"{site_url}start-here/"
    reader.close()


@pytest.mark.parametrize("outcome", PATH_OUTCOMES)
def test_with_javascript_answers_go_into_the_address_and_the_summary(browser, site_url: str, outcome: str) -> None:
    reader = Reader(browser, javascript=True)
    reader.open(site_url + "start-here/")
    reader.click(".ltss-flow-begin a")
    route = route_to(outcome)
    for number, (question, answer) in enumerate(route):
        assert reader.query() == dict(route[:number])
        assert reader.given() == expected_rows(route[:number])
        assert reader.page.locator("[data-flow-position]").inner_text() == f"Question {number + 1}"
        reader.answer(question, answer)
    assert urlsplit(reader.page.url).path == f"/start-here/{outcome}/"
    assert reader.query() == dict(route)
    assert reader.given() == expected_rows(route)
    page = reader.page
    assert not page.locator("[data-flow-routes]").is_visible()
    assert page.get_by_role("button", name="Print your pathway").is_visible()
    # Each Change link names its question for screen readers and keeps every answer.
    changes = page.locator("[data-flow-given] .ltss-flow-change a")
    assert changes.count() == len(route)
    first_question = route[0][0]
    assert changes.first.inner_text().startswith("Change")
    assert FLOW.nodes[first_question].title in changes.first.text_content()
    reader.click("[data-flow-given] .ltss-flow-change a >> nth=0")
    assert reader.here() == first_question
    assert reader.query() == dict(route)
    chosen = page.locator(".ltss-flow-answer--chosen")
    assert chosen.count() == 1 and chosen.get_attribute("data-flow-answer") == route[0][1]
    reader.close()


def test_changing_an_early_answer_keeps_later_answers_that_still_apply(browser, site_url: str) -> None:
    reader = Reader(browser, javascript=True)
    route = [("working-on", "integration"), ("beneficiaries", "yes"), ("environment", "yes"), ("foundations", "yes"),
             ("managed-care-experience", "yes"), ("capitated-build", "no"), ("fee-for-service-programs", "no"),
             ("state-ideas", "yes")]
    reader.open(site_url + "start-here/")
    reader.click(".ltss-flow-begin a")
    for question, answer in route:
        reader.answer(question, answer)
    assert reader.here() == "state-specific-models"
    # Change "managed care experience" from Yes to No.
    index = [q for q, _ in route].index("managed-care-experience")
    reader.click(f"[data-flow-given] .ltss-flow-change a >> nth={index}")
    assert reader.here() == "managed-care-experience"
    reader.answer("managed-care-experience", "no")
    assert reader.here() == "capitated-fit"
    kept = reader.query()
    # 'state-ideas' and 'fee-for-service-programs' can still come later on this way; 'capitated-build' cannot.
    assert kept.get("state-ideas") == "yes" and kept.get("fee-for-service-programs") == "no"
    assert "capitated-build" not in kept
    reader.answer("capitated-fit", "yes")
    assert reader.page.locator(".ltss-flow-answer--chosen").get_attribute("data-flow-answer") == "no"
    reader.answer("fee-for-service-programs", "no")
    assert reader.here() == "state-ideas"
    assert reader.page.locator(".ltss-flow-answer--chosen").get_attribute("data-flow-answer") == "yes"
    # Back follows the reader's own way, not the first question that leads here.
    back = reader.page.locator(".ltss-flow-back")
    assert "fee-for-service-programs" in back.get_attribute("href")
    reader.answer("state-ideas", "yes")
    new_route = route[:4] + [("managed-care-experience", "no"), ("capitated-fit", "yes"),
                             ("fee-for-service-programs", "no"), ("state-ideas", "yes")]
    assert reader.given() == expected_rows(new_route)
    reader.close()


def test_keyboard_only(browser, site_url: str) -> None:
    reader = Reader(browser, javascript=True)
    page = reader.page
    reader.open(site_url + "start-here/")

    def tab_to(selector: str) -> None:
        for _ in range(250):
            page.keyboard.press("Tab")
            if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
                outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
                assert outline not in ("none", ""), f"no visible focus on {selector}"
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_to(".ltss-flow-begin a")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert reader.heading() == FLOW.nodes["working-on"].title
    tab_to('.ltss-flow-answers a[data-flow-answer="integration"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert reader.here() == "beneficiaries" and reader.query() == {"working-on": "integration"}
    # The map's boxes are links a keyboard reaches too.
    reader.open(site_url + "start-here/map/")
    tab_to('a.ltss-flow-map-node[data-flow-node="beneficiaries"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert reader.here() == "beneficiaries"
    reader.close()


OUTCOMES = [node.id for node in FLOW.nodes.values() if node.kind == "outcome"]
LONGER_PRINTS: dict[str, int] = {}
"""Outcomes allowed more than one sheet (none: comparing the three paths fits in two columns)."""


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_an_outcome_prints_as_a_one_page_summary(browser, site_url: str, outcome: str) -> None:
    """On the longest way to each outcome (the most answers to list), with a browser's usual margins."""
    from pypdf import PdfReader

    reader = Reader(browser, javascript=True)
    ways = [steps for steps in paths(FLOW) if steps[-1][1].next == outcome]
    route = [(node.id, answer.id) for node, answer in max(ways, key=len) if node.kind == "question"]
    reader.open(f"{site_url}start-here/{outcome}/?" + "&".join(f"{q}={a}" for q, a in route))
    page = reader.page
    assert reader.given() == expected_rows(route)
    page.emulate_media(media="print")
    for hidden in (".ltss-flow-controls", ".ltss-flow-stages", ".ltss-flow-print", ".ltss-flow-change", ".md-sidebar--primary",
                   ".md-header", ".ltss-flow-routes"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator("[data-flow-given]").is_visible()
    assert page.locator(".ltss-flow-recommended").is_visible()
    margins = {side: "0.4in" for side in ("top", "right", "bottom", "left")}
    for paper in ("Letter", "A4"):
        pdf = PdfReader(io.BytesIO(page.pdf(format=paper, margin=margins)))
        allowed = LONGER_PRINTS.get(outcome, 1)
        assert len(pdf.pages) <= allowed, f"{outcome} prints on {len(pdf.pages)} {paper} pages"
        text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
        assert FLOW.nodes[outcome].title in text
        for question, _ in route:
            assert FLOW.nodes[question].map_label in text
        assert "Start again" not in text and "Print your pathway" not in text
    reader.close()


def test_from_file_with_javascript_answers_and_change_links_work(browser, offline_start: Path) -> None:
    reader = Reader(browser, javascript=True)
    reader.open(offline_start.as_uri())
    reader.click(".ltss-flow-begin a")
    route = route_to("managed-fee-for-service")
    for question, answer in route:
        reader.answer(question, answer)
    url = urlsplit(reader.page.url)
    assert url.scheme == "file" and url.path.endswith("/start-here/managed-fee-for-service.html")
    assert reader.query() == dict(route)
    assert reader.given() == expected_rows(route)
    reader.click("[data-flow-given] .ltss-flow-change a >> nth=1")
    assert urlsplit(reader.page.url).path.endswith(f"/start-here/{route[1][0]}.html")
    assert reader.query() == dict(route)
    reader.click(".ltss-flow-back")
    assert reader.here() == route[0][0] and reader.query() == dict(route)
    reader.close()


def test_from_file_without_javascript(browser, offline_start: Path) -> None:
    reader = Reader(browser, javascript=False)
    reader.open(offline_start.as_uri())
    reader.click(".ltss-flow-begin a")
    for question, answer in route_to("state-specific-models"):
        reader.answer(question, answer)
    assert reader.page.url.endswith("/start-here/state-specific-models.html")
    reader.click(".ltss-flow-map-link")
    assert reader.page.url.endswith("/start-here/map.html")
    drawn = reader.page.locator("svg a.ltss-flow-map-node").evaluate_all("links => links.map(a => a.dataset.flowNode)")
    assert set(drawn) == set(FLOW.nodes)
    reader.close()


def test_why_this_fits_keeps_the_readers_own_reasons(browser, site_url: str) -> None:
    """An outcome reached two ways: without JavaScript both ways' reasons show; with it, only the reader's."""
    ways = [steps for steps in paths(FLOW) if steps[-1][1].next == "authority-1115"]
    assert len({tuple(a.said for _, a in steps) for steps in ways}) > 1
    below = next(steps for steps in ways if any(a.id == "no" and n.id == "authority-level-of-care" for n, a in steps))
    route = [(node.id, answer.id) for node, answer in below if node.kind == "question"]
    plain = Reader(browser, javascript=False)
    plain.open(f"{site_url}start-here/authority-1115/")
    assert plain.page.locator(".ltss-flow-why-way").count() == 2
    assert plain.page.locator("[data-flow-why-depends]").is_visible()
    plain.close()
    reader = Reader(browser, javascript=True)
    reader.open(f"{site_url}start-here/authority-1115/?" + "&".join(f"{q}={a}" for q, a in route))
    why = reader.page.locator(".ltss-flow-why")
    assert "below an institutional level of care" in why.inner_text()
    assert "meet an institutional level of care" not in why.inner_text()
    assert not reader.page.locator("[data-flow-why-depends]").is_visible()
    reader.close()
