"""Search as readers use it (issue 27): each query of tests/search/queries.yml typed into the real search box in
Chromium, on the built site over HTTP and on the offline zip from file://, must put its pages among the first
three results. The hit rate is printed (``-s``, or in the failure); every query must hit, so a change to the
content or the search settings that loses one fails here, with the query, what came first and the query set's
line to look at."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import PROJECT

QUERIES = PROJECT / "tests" / "search" / "queries.yml"
TOP = 3

SHOWN = """([placeholder, top]) => {
    const meta = document.querySelector(".md-search-result__meta").textContent.trim();
    if (meta === placeholder || meta === "") return null;
    return [...document.querySelectorAll(".md-search-result__item")].slice(0, top)
        .map((item) => item.querySelector("a").href.split("#")[0].split("?")[0]);
}"""
"""The first results' addresses, or null while the search shows its placeholder ("Type to start searching")."""
PLACEHOLDER = """() => JSON.parse(document.getElementById("__config").textContent)
    .translations["search.result.placeholder"]"""


def front_matter() -> dict[str, tuple[str, dict]]:
    """Each content page's path in ``content/`` (without ``.md``) and front matter, by id."""
    from ltss_toolkit.loading.front_matter import split_page
    from ltss_toolkit.structure.problems import Problems

    found = {}
    for path in sorted((PROJECT / "content").rglob("*.md")):
        source = split_page(path.read_text(encoding="utf-8"), str(path), Problems())
        assert source is not None, path
        found[str(source.meta["id"])] = (path.relative_to(PROJECT / "content").with_suffix("").as_posix(), source.meta)
    return found


def page_addresses(directory_urls: bool) -> dict[str, str]:
    """Each content page's id and its address from the site's root."""
    found = {}
    for page_id, (uri, _) in front_matter().items():
        folder, _, name = uri.rpartition("/")
        if directory_urls:
            found[page_id] = f"{folder}/" if name == "index" else f"{uri}/"
        else:
            found[page_id] = f"{uri}.html"
    return found


def typed_results(page, query: str, placeholder: str) -> list[str]:
    """The first results for ``query`` typed into the search box.

    Material sends the box's value to its search on each key released, so typing sends every prefix of the query
    and their results arrive one after the other. To know which results are the query's, the box is emptied (the
    search answers with its placeholder), the query put in and one key released (End): the next results shown
    are the query's."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")
    page.wait_for_function(
        "(text) => document.querySelector('.md-search-result__meta').textContent.trim() === text", arg=placeholder
    )
    box.fill(query)
    box.press("End")
    handle = page.wait_for_function(SHOWN, arg=[placeholder, TOP], timeout=30_000)
    return [str(address) for address in handle.json_value()]


def run_queries(page, root: str, addresses: dict[str, str]) -> list[str]:
    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    assert len(queries) >= 40
    page.locator("input.md-search__input").click()
    placeholder = page.evaluate(PLACEHOLDER)
    misses = []
    for number, item in enumerate(queries, 1):
        wanted = [root + addresses[page_id] for page_id in item["pages"]]
        found = typed_results(page, str(item["query"]), placeholder)
        if not all(address in found for address in wanted):
            shown = [address.removeprefix(root) for address in found]
            misses.append(f"{item['query']!r} ({item['kind']}, item {number}): wanted {item['pages']}, first {shown}")
    rate = f"search hit rate: {len(queries) - len(misses)}/{len(queries)} queries with their pages in the first {TOP}"
    print(f"\n{rate}\n" + "\n".join(misses))
    return [rate, *misses]


@pytest.fixture(scope="module")
def search_page(chromium_browser):
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


FIRST_TEXT = """() => document.querySelector(".md-search-result__item article p").textContent"""


def test_every_query_finds_its_pages_on_the_site(search_page, served_site: str) -> None:
    search_page.goto(served_site, wait_until="load")
    outcome = run_queries(search_page, served_site, page_addresses(directory_urls=True))
    assert len(outcome) == 1, "\n".join(outcome)


def test_a_result_shows_the_pages_summary(search_page, served_site: str) -> None:
    """Under each page's title the results show its summary (not its review dates)."""
    search_page.goto(served_site, wait_until="load")
    search_page.locator("input.md-search__input").click()
    placeholder = search_page.evaluate(PLACEHOLDER)
    found = typed_results(search_page, "Part A buy-in agreement", placeholder)
    assert found[0] == served_site + page_addresses(directory_urls=True)["part-a-buy-in"]
    summary = str(front_matter()["part-a-buy-in"][1]["summary"])
    shown = " ".join(search_page.evaluate(FIRST_TEXT).split())
    assert shown.startswith(" ".join(summary.split())[:40]) and "Last reviewed" not in shown, shown


def test_every_query_finds_its_pages_in_the_offline_zip(search_page, offline_bundle: Path) -> None:
    search_page.goto((offline_bundle / "index.html").as_uri(), wait_until="load")
    outcome = run_queries(search_page, offline_bundle.as_uri() + "/", page_addresses(directory_urls=False))
    assert len(outcome) == 1, "\n".join(outcome)
