"""The light and dark schemes in headless Chromium: the reader's system preference applies by default, before
first paint, live and without JavaScript; the toggle works from the keyboard; the choice persists across pages,
on the website and in the offline bundle; loading a page never rewrites the scheme (which restyles the page).

"Before first paint" is checked by blocking Material's bundle script: what a page shows then is what it shows
until that script (the last thing in the page) runs, since only the inline scripts in the head and the header
run before it. Each test with JavaScript has a new context, so nothing is stored from an earlier test (a page
of an earlier test could store Material's choice again as the emulated preference changed); one without.
"""

from __future__ import annotations

from pathlib import Path

import pytest

MATERIAL_BUNDLE = "**/assets/javascripts/bundle.*.min.js"
PAGES = ("", "start-here/map/", "modules/mltss-framework/")


def shown(page) -> tuple[str, str]:
    """The scheme <body> carries and whether its computed background is light or dark."""
    scheme, background = page.evaluate(
        "[document.body.getAttribute('data-md-color-scheme'), getComputedStyle(document.body).backgroundColor]"
    )
    red, green, blue = (int(part) for part in background[background.index("(") + 1 : -1].split(",")[:3])
    return scheme, "dark" if red + green + blue < 3 * 96 else "light"


def block_material(page) -> None:
    page.route(MATERIAL_BUNDLE, lambda route: route.abort())


OTHER = {"light": "dark", "dark": "light"}


@pytest.mark.parametrize("system", ["light", "dark"])
def test_a_first_visit_follows_the_system_from_the_first_paint_and_live(fresh, served_site: str, system: str) -> None:
    fresh.emulate_media(color_scheme=system)
    block_material(fresh)
    fresh.goto(served_site + PAGES[1], wait_until="load")
    assert shown(fresh) == ("ltss-auto", system)
    fresh.unroute(MATERIAL_BUNDLE)
    fresh.goto(served_site + PAGES[1], wait_until="load")
    assert shown(fresh) == ("ltss-auto", system)
    assert "automatic" in visible_toggle(fresh).lower()
    fresh.emulate_media(color_scheme=OTHER[system])
    assert shown(fresh) == ("ltss-auto", OTHER[system])


WATCH_ROOT = """
window.ltssRootChanges = [];
const waiting = new MutationObserver(() => {
  if (!document.querySelector(".md-container")) return;
  waiting.disconnect();
  const watch = new MutationObserver((changes) => {
    for (const change of changes) {
      if (change.target.getAttribute(change.attributeName) !== change.oldValue) {
        window.ltssRootChanges.push(change.target.tagName.toLowerCase() + " " + change.attributeName);
      }
    }
  });
  for (const element of [document.documentElement, document.body]) {
    watch.observe(element, { attributes: true, attributeOldValue: true });
  }
});
waiting.observe(document, { childList: true, subtree: true });
"""
"""Records every attribute of <html> and <body> changed once the page's content has begun (written again with
the same value is not a change). Material's inline scripts, which apply a stored choice in the header, and
ours, which sets the classes Material's script sets, run before the content and are not counted; Material's
palette component and its script's classes on <html>, at the end of the page, would be."""


@pytest.mark.parametrize("choice", ["automatic", "dark"])
def test_loading_a_page_never_restyles_the_whole_page(fresh, served_site: str, choice: str) -> None:
    """A changed attribute of <body>, or class of <html>, restyles every element of the page (Material's
    stylesheet has rules under table:not([class]) whose subject is :first-child, so any class change restyles
    all inside it). Material's palette component wrote <body>'s scheme on every load, twice (over 0.7 s of a
    throttled phone's main thread on the Resources page), and its script's classes on <html> restyled the page
    once more (its first task there fell from about 0.3 to 0.08 s at 4x CPU throttling once they were set first)."""
    fresh.goto(served_site + PAGES[0], wait_until="load")
    if choice == "dark":
        focus_palette_toggle(fresh)
        fresh.keyboard.press("Enter")
        fresh.keyboard.press("Enter")
    fresh.add_init_script(WATCH_ROOT)
    fresh.goto(served_site + "resources/", wait_until="load")
    fresh.wait_for_timeout(300)
    assert shown(fresh)[1] == {"automatic": "light", "dark": "dark"}[choice]
    assert choice in visible_toggle(fresh).lower()
    assert set(fresh.evaluate("document.documentElement.className").split()) == {"js", "js-focus-visible"}
    assert fresh.evaluate("window.ltssRootChanges") == []


@pytest.mark.parametrize("system", ["light", "dark"])
def test_without_javascript_the_system_preference_applies(
    no_script, served_site: str, offline_bundle: Path, system: str
) -> None:
    no_script.emulate_media(color_scheme=system)
    for address in (served_site + PAGES[2], (offline_bundle / "start-here" / "map.html").as_uri()):
        no_script.goto(address, wait_until="load")
        assert shown(no_script) == ("ltss-auto", system), address


def visible_toggle(page) -> str:
    """The title of the toggle's one visible button: the scheme in use."""
    return str(page.evaluate("document.querySelector('.md-header__option label:not([hidden])').title"))


def focus_palette_toggle(page) -> str:
    """Tab from the top of the page to the colour scheme toggle; its accessible name."""
    for _ in range(30):
        page.keyboard.press("Tab")
        name = page.evaluate(
            "document.activeElement.matches('input.md-option[name=__palette]')"
            " ? document.activeElement.getAttribute('aria-label') : null"
        )
        if name:
            return str(name)
    raise AssertionError("the colour scheme toggle cannot be reached with Tab")


def test_the_toggle_works_with_the_keyboard_and_the_choice_persists(fresh, served_site: str) -> None:
    fresh.goto(served_site + PAGES[0], wait_until="load")
    assert shown(fresh) == ("ltss-auto", "light")
    assert "automatic" in focus_palette_toggle(fresh).lower()
    fresh.keyboard.press("Enter")  # automatic -> light
    fresh.keyboard.press("Enter")  # light -> dark
    assert shown(fresh) == ("slate", "dark")
    assert "dark" in str(fresh.evaluate("document.activeElement.getAttribute('aria-label')")).lower()
    assert "dark" in visible_toggle(fresh).lower()
    # Another page, with Material's script blocked: the stored choice is applied before it runs (no flash).
    block_material(fresh)
    fresh.goto(served_site + PAGES[2], wait_until="load")
    assert shown(fresh) == ("slate", "dark")
    fresh.unroute(MATERIAL_BUNDLE)
    fresh.goto(served_site + PAGES[1], wait_until="load")
    assert shown(fresh) == ("slate", "dark")
    # Back to automatic: the page follows the system again, on this page and the next.
    focus_palette_toggle(fresh)
    fresh.keyboard.press("Enter")
    assert shown(fresh) == ("ltss-auto", "light")
    fresh.emulate_media(color_scheme="dark")
    assert shown(fresh) == ("ltss-auto", "dark")
    fresh.goto(served_site + PAGES[0], wait_until="load")
    assert shown(fresh) == ("ltss-auto", "dark")


def test_the_choice_persists_across_pages_of_the_offline_bundle(fresh, offline_bundle: Path) -> None:
    fresh.goto((offline_bundle / "index.html").as_uri(), wait_until="load")
    fresh.evaluate("localStorage.clear()")
    fresh.reload(wait_until="load")
    assert shown(fresh) == ("ltss-auto", "light")
    focus_palette_toggle(fresh)
    fresh.keyboard.press("Enter")
    fresh.keyboard.press("Enter")
    assert shown(fresh) == ("slate", "dark")
    fresh.goto((offline_bundle / "start-here" / "map.html").as_uri(), wait_until="load")
    assert shown(fresh) == ("slate", "dark")
