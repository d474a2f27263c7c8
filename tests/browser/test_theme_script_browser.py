"""Material's script is fetched when the reader first acts on the page, never before its load event
(render/theme_script.py), and what it adds then works: the header's title following the reader, search results,
its shortcut keys (the key that woke it included), and the search a 404 page opens from its address."""

from __future__ import annotations

import pytest

from conftest import MATERIAL_RUNNING

PATHWAY = "pathways/foundational-issues/part-a-buy-in/"
FETCHED = """() => performance.getEntriesByType("resource")
    .filter((entry) => entry.name.includes("/assets/javascripts/bundle."))
    .map((entry) => entry.startTime)"""
"""When Material's bundle was requested (ms since navigation), once per request."""
QUERY = "PACE program"
"""Two words, so that a lost or reordered key shows in the box, and results that must name PACE."""
LOADED = "performance.getEntriesByType('navigation')[0].loadEventStart"


def type_search(page, text: str) -> None:
    """Type into the search box until results show: the index loads in a worker Material starts."""
    search = page.locator("input.md-search__input")
    for _ in range(15):
        search.fill("")
        search.type(text, delay=20)
        if page.locator(".md-search-result__item").first.is_visible():
            return
        page.wait_for_timeout(300)
    raise AssertionError(page.inner_text(".md-search-result__meta"))


def test_a_page_fetches_materials_script_only_once_the_reader_scrolls(fresh, served_site: str) -> None:
    fresh.goto(served_site + PATHWAY, wait_until="load")
    fresh.wait_for_timeout(1000)
    assert fresh.evaluate(FETCHED) == []
    assert fresh.locator("h1").is_visible() and fresh.locator(".md-nav__link").count() > 10

    fresh.mouse.wheel(0, 4000)
    fresh.wait_for_function(MATERIAL_RUNNING)
    started = fresh.evaluate(FETCHED)
    assert len(started) == 1 and started[0] >= fresh.evaluate(LOADED), started
    fresh.locator(".md-header__title--active").wait_for()


def test_the_search_gives_results_once_the_reader_opens_it(fresh, served_site: str) -> None:
    fresh.goto(served_site + PATHWAY, wait_until="load")
    fresh.locator("input.md-search__input").click()
    fresh.wait_for_function(MATERIAL_RUNNING)
    type_search(fresh, "PACE")


INDEX_REQUESTS = """() => performance.getEntriesByType("resource")
    .filter((entry) => entry.name.endsWith("/search/search_index.json")).length"""


def test_the_search_index_is_fetched_only_once_the_reader_opens_the_search(fresh, served_site: str) -> None:
    """Issue 27: Material requests the index as soon as it starts; the loader holds it until the search opens."""
    fresh.goto(served_site + PATHWAY, wait_until="load")
    fresh.mouse.wheel(0, 4000)
    fresh.wait_for_function(MATERIAL_RUNNING)
    fresh.wait_for_timeout(1000)
    assert fresh.evaluate(INDEX_REQUESTS) == 0
    fresh.locator("input.md-search__input").click()
    type_search(fresh, "PACE")
    assert fresh.evaluate(INDEX_REQUESTS) == 1


def test_the_key_that_wakes_the_page_is_not_lost(fresh, served_site: str) -> None:
    """Material's "s" shortcut opens the search: pressed first on an untouched page, it fetches the script and
    still opens the search."""
    fresh.goto(served_site + PATHWAY, wait_until="load")
    fresh.keyboard.press("s")
    fresh.wait_for_function(MATERIAL_RUNNING)
    fresh.wait_for_function("document.activeElement.matches('input.md-search__input')")
    assert fresh.locator("#__search").is_checked()
    type_search(fresh, "PACE")


@pytest.mark.parametrize(("shortcut", "delay"), [("/", 60), ("s", 60), ("/", 0), ("s", 0)])
def test_a_query_typed_right_after_the_shortcut_reaches_the_search_box(
    fresh, served_site: str, shortcut: str, delay: int
) -> None:
    """Issue 30: the reader presses a search shortcut on an untouched page and types at once (60 ms between keys,
    an ordinary pace, or none) while Material's script is still on its way: every key reaches the search box, in
    order, and the query runs once the search is ready."""
    fresh.goto(served_site + PATHWAY, wait_until="load")
    fresh.keyboard.press(shortcut)
    fresh.keyboard.type(QUERY, delay=delay)
    fresh.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    assert fresh.locator("input.md-search__input").input_value() == QUERY
    assert "PACE" in fresh.locator(".md-search-result__item").first.inner_text()


def test_a_404_page_opens_the_search_for_the_address_query(fresh, served_site: str) -> None:
    fresh.goto(served_site + "404.html?q=PACE", wait_until="load")
    fresh.wait_for_function(MATERIAL_RUNNING)
    assert fresh.locator("input.md-search__input").input_value() == "PACE"
    fresh.locator(".md-search-result__item").first.wait_for()
