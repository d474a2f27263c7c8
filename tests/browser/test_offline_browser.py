"""The offline bundle as a reader uses it: unzipped, opened from file:// in headless Chromium, no network.

Every request that is not ``file://`` (or an in-page ``data:``/``blob:``/``about:`` URL) is recorded and
aborted, and fails the test; so does any console error or uncaught exception.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import broken_anchors, linkcheck

LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


class Watched:
    """A page whose remote requests and console errors are collected."""

    def __init__(self, browser) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.remote: list[str] = []
        self.errors: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        self.page.on("requestfailed", self._failed)

    def _failed(self, request) -> None:
        # A click that leaves the page cancels what it was still loading (often the favicon): net::ERR_ABORTED,
        # which a reader never sees. A file missing from the bundle fails as ERR_FILE_NOT_FOUND and is kept.
        if request.failure != "net::ERR_ABORTED":
            self.errors.append(f"failed: {request.url} {request.failure}")

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            self.remote.append(url)
            route.abort()

    def open(self, path: Path) -> None:
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")

    def assert_clean(self) -> None:
        assert self.remote == [], f"requests left the machine: {self.remote}"
        assert self.errors == [], f"console errors: {self.errors}"
        self.context.close()


@pytest.fixture
def watched(chromium_browser) -> Watched:
    return Watched(chromium_browser)


def test_search_for_pace_returns_results_from_file(offline_bundle: Path, watched: Watched) -> None:
    watched.open(offline_bundle / "index.html")
    page = watched.page
    search = page.locator("input.md-search__input")
    # The index loads in a worker started at page load; a reader who types too early types again.
    for _ in range(15):
        search.click()
        search.fill("")
        page.keyboard.type("PACE", delay=20)
        try:
            page.wait_for_selector(".md-search-result__item", timeout=1000)
            break
        except Exception:  # noqa: BLE001 - playwright's TimeoutError: not ready yet, type again
            continue
    results = page.locator(".md-search-result__item")
    assert results.count() > 0, page.inner_text(".md-search-result__meta")
    assert "matching document" in page.inner_text(".md-search-result__meta")
    assert "PACE" in results.first.inner_text()

    first_link = page.locator(".md-search-result__link").first
    target = first_link.get_attribute("href") or ""
    first_link.click()
    page.wait_for_load_state("load")
    assert page.url.startswith("file://") and page.url.split("#")[0].endswith(target.split("#")[0].split("/")[-1])
    assert page.locator("article h1").count() == 1
    watched.assert_clean()


@pytest.mark.parametrize(("shortcut", "delay"), [("/", 60), ("s", 60), ("/", 0), ("s", 0)])
def test_a_query_typed_right_after_the_shortcut_reaches_the_search_box_from_file(
    offline_bundle: Path, watched: Watched, shortcut: str, delay: int
) -> None:
    """Issue 30 on the offline zip's home page: keys typed while Material's script loads all reach the search box."""
    watched.open(offline_bundle / "index.html")
    page = watched.page
    page.keyboard.press(shortcut)
    page.keyboard.type("PACE program", delay=delay)
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    assert page.locator("input.md-search__input").input_value() == "PACE program"
    assert "PACE" in page.locator(".md-search-result__item").first.inner_text()
    watched.assert_clean()


def _flow_kind(page) -> str:
    """The kind of the flow node the page shows, from the flow's own data on the page."""
    return page.evaluate(
        """() => { const data = JSON.parse(document.getElementById("ltss-flow-data").textContent);
                   return data.nodes[data.here].kind; }"""
    )


def test_decision_flow_reaches_an_outcome_from_file(offline_bundle: Path, watched: Watched) -> None:
    start = offline_bundle / "start-here" / "index.html"
    assert start.is_file(), "the bundle has no Start Here decision flow (start-here/index.html)"
    watched.open(start)
    page = watched.page
    visited = [page.url]
    for _ in range(20):
        if _flow_kind(page) == "outcome":
            break
        choice = page.locator(".ltss-flow-begin a, .ltss-flow-answers a").first
        assert choice.count(), f"no answer to click on {page.url}"
        choice.click()
        page.wait_for_load_state("load")
        visited.append(page.url)
    assert _flow_kind(page) == "outcome", f"no outcome after {visited}"
    assert all(url.startswith("file://") for url in visited) and len(visited) > 2
    assert page.locator("article h1").count() == 1
    recommended = page.locator(".ltss-flow-recommended a").first
    recommended.click()
    page.wait_for_load_state("load")
    assert page.url.startswith("file://") and page.url.split("?")[0].split("#")[0].endswith(".html")
    assert page.locator("article h1").count() == 1
    watched.assert_clean()


def test_acronyms_keep_their_expansion_once_the_scripts_ran_from_file(offline_bundle: Path, watched: Watched) -> None:
    """The expansion is the acronym's title, which the browser shows on hover. No script may take it away (Material's
    own tooltips do, to show theirs; they are off, as they cost a phone's main thread too much)."""
    pages = sorted(path for path in offline_bundle.rglob("*.html") if "<abbr title=" in path.read_text(encoding="utf-8"))
    assert pages, "no page of the bundle has a glossary abbreviation"
    watched.open(pages[0])
    term = watched.page.locator("article abbr[title]").first
    expansion = term.get_attribute("title")
    term.scroll_into_view_if_needed()
    term.hover()
    assert term.get_attribute("title") == expansion and expansion and len(expansion) > 3
    watched.assert_clean()


@pytest.mark.parametrize("page", ["index.html", "resources.html", "about.html"])
def test_pages_open_without_errors_or_requests(offline_bundle: Path, watched: Watched, page: str) -> None:
    watched.open(offline_bundle / page)
    assert watched.page.locator("article h1").count() == 1
    watched.assert_clean()


def test_linkchecker_finds_no_broken_link_in_the_bundle(offline_bundle: Path) -> None:
    result = linkcheck(offline_bundle / "index.html")
    assert result.returncode == 0, result.stdout[-6000:]
    assert "0 warnings found" in result.stdout and "0 errors found" in result.stdout


def test_every_anchor_in_the_bundle_exists(offline_bundle: Path) -> None:
    assert broken_anchors(offline_bundle) == []
