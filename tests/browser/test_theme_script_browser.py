"""Material's script is fetched after the page has loaded (render/theme_script.py), and what it adds still
works: search results, the search a 404 page opens from its address, and the header's title following the
reader."""

from __future__ import annotations

PATHWAY = "pathways/foundational-issues/part-a-buy-in/"
READY = "window.ltssThemeReady === true"
FETCHED_AND_LOADED = """() => [
    performance.getEntriesByType("resource")
        .filter((entry) => entry.name.includes("/assets/javascripts/bundle."))
        .map((entry) => entry.startTime),
    performance.getEntriesByType("navigation")[0].loadEventStart,
]"""
"""When Material's bundle was requested, and when the page's load event began (ms since navigation)."""


def test_materials_script_is_fetched_after_load_and_its_search_and_header_work(fresh, served_site: str) -> None:
    fresh.goto(served_site + PATHWAY, wait_until="load")
    fresh.wait_for_function(READY)
    started, loaded = fresh.evaluate(FETCHED_AND_LOADED)
    assert len(started) == 1 and started[0] >= loaded, (started, loaded)

    fresh.mouse.wheel(0, 4000)
    fresh.locator(".md-header__title--active").wait_for()

    search = fresh.locator("input.md-search__input")
    search.click()
    for _ in range(15):  # the index loads in a worker Material starts: until it is ready, type again
        search.fill("")
        search.type("PACE", delay=20)
        if fresh.locator(".md-search-result__item").first.is_visible():
            break
        fresh.wait_for_timeout(300)
    assert fresh.locator(".md-search-result__item").count() > 0, fresh.inner_text(".md-search-result__meta")


def test_a_404_page_opens_the_search_for_the_address_query(fresh, served_site: str) -> None:
    fresh.goto(served_site + "404.html?q=PACE", wait_until="load")
    fresh.wait_for_function(READY)
    assert fresh.locator("input.md-search__input").input_value() == "PACE"
    fresh.locator(".md-search-result__item").first.wait_for()
