"""The pruned Material stylesheets (ltss_toolkit.outputs.theme_css) change nothing a reader sees: every element of
the shipped pages gets the same computed style as with Material's full files, served in their place, including
what Material's script adds (search results, the open drawer) and in the dark scheme on a phone."""

from __future__ import annotations

from pathlib import Path

import material
import pytest

from conftest import start_material_script

MATERIAL_STYLESHEETS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"

PAGES = [
    "pathways/foundational-issues/part-a-buy-in/",
    "modules/module-4-state-strategies/case-studies/",
]
"""Between them, the kinds of element Material styles on our pages: the page parts, lists, footnotes, tables and
forms (the flow's map and the glossary are our own stylesheet's, which is not pruned)."""

# Every element and its ::before and ::after where they exist: all computed properties but custom ones (--md-...),
# which pruning drops on purpose when nothing reads them. Transitions are stopped in both, so no style is caught
# mid-way.
COMPUTED_STYLES = """() => {
  const out = [];
  for (const element of document.querySelectorAll("body, body *")) {
    for (const pseudo of [null, "::before", "::after"]) {
      const style = getComputedStyle(element, pseudo);
      if (pseudo && style.content === "none") { out.push(pseudo + " none"); continue; }
      const values = [];
      for (const name of style) if (!name.startsWith("--")) values.push(name + ":" + style.getPropertyValue(name));
      const where = element.tagName + (element.id ? "#" + element.id : "") + "." + element.getAttribute("class");
      out.push(where + (pseudo || "") + " {" + values.join(";") + "}");
    }
  }
  return out;
}"""
STILL = "*,*::before,*::after{transition:none!important;animation:none!important}"


def full_material_css(route) -> None:
    """Serve Material's own stylesheet wherever a page asks for the pruned one."""
    kind = route.request.url.rsplit("/", 1)[-1].split(".")[0]
    (original,) = MATERIAL_STYLESHEETS.glob(f"{kind}.*.min.css")
    route.fulfill(path=original, content_type="text/css")


def styles(browser, url: str, *, full: bool, width: int, scheme: str, act=None) -> list[str]:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    try:
        if full:
            context.route("**/assets/stylesheets/*.min.css", full_material_css)
        page = context.new_page()
        page.goto(url)
        start_material_script(page)
        page.add_style_tag(content=STILL)
        if act is not None:
            act(page)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)  # Material's script sizes the sidebars and the search panel after load
        return page.evaluate(COMPUTED_STYLES)
    finally:
        context.close()


def first_differences(pruned: list[str], full: list[str]) -> list[str]:
    """The first elements styled differently, each with the properties that differ (pruned, then Material's)."""
    if pruned == full:
        return []
    if len(pruned) != len(full):
        return [f"{len(pruned)} elements with the pruned stylesheets, {len(full)} with Material's"]
    out = []
    for a, b in zip(pruned, full, strict=True):
        if a != b:
            where, _, values_a = a.partition(" {")
            values_b = b.partition(" {")[2]
            pairs_a = dict(v.split(":", 1) for v in values_a.rstrip("}").split(";") if ":" in v)
            pairs_b = dict(v.split(":", 1) for v in values_b.rstrip("}").split(";") if ":" in v)
            changed = {
                k: (pairs_a.get(k), pairs_b.get(k))
                for k in pairs_a.keys() | pairs_b.keys()
                if pairs_a.get(k) != pairs_b.get(k)
            }
            out.append(f"{where}: {dict(sorted(changed.items())[:6])}")
    return out[:5]


def compare(browser, url: str, **options) -> list[str]:
    """The differences between the pruned and the full stylesheets, measured twice when there are any: a used
    size caught while Material's script is still sizing the page (a busy machine) differs once, a missing rule
    every time."""
    differences = first_differences(
        styles(browser, url, full=False, **options), styles(browser, url, full=True, **options)
    )
    if differences:
        differences = first_differences(
            styles(browser, url, full=False, **options), styles(browser, url, full=True, **options)
        )
    return differences


@pytest.mark.parametrize("where", ["site", "offline zip"])
def test_the_site_and_the_offline_zip_publish_pruned_stylesheets(built_site: Path, offline_bundle: Path, where) -> None:
    root = built_site if where == "site" else offline_bundle
    shipped = {path.name.split(".")[0]: path for path in (root / "assets" / "stylesheets").glob("*.min.css")}
    assert set(shipped) == {"main", "palette"}
    for kind, path in shipped.items():
        (original,) = MATERIAL_STYLESHEETS.glob(f"{kind}.*.min.css")
        assert path.name != original.name
        assert path.stat().st_size < original.stat().st_size * 0.7


@pytest.mark.parametrize("page", PAGES)
def test_every_element_is_styled_as_with_materials_full_stylesheets(chromium_browser, served_site: str, page) -> None:
    differences = compare(chromium_browser, served_site + page, width=1280, scheme="light")
    assert not differences, differences


def search_with_results(page) -> None:
    page.locator("label.md-header__button[for=__search]").click()
    query = page.locator("input.md-search__input")
    for _ in range(15):  # the index loads in a worker started with the page: until it is ready, type again
        query.fill("")
        page.keyboard.type("PACE", delay=20)
        if page.locator(".md-search-result__item").count():
            break
        page.wait_for_timeout(1000)
    page.locator(".md-search-result__item").first.wait_for()


def open_drawer(page) -> None:
    page.locator("label.md-header__button[for=__drawer]").click()
    page.locator(".md-nav--primary").first.wait_for()


@pytest.mark.parametrize("act", [search_with_results, open_drawer])
def test_what_materials_script_shows_in_dark_on_a_phone_is_styled_as_with_materials_full_stylesheets(
    chromium_browser, served_site: str, act
) -> None:
    differences = compare(chromium_browser, served_site + PAGES[0], width=390, scheme="dark", act=act)
    assert not differences, differences
