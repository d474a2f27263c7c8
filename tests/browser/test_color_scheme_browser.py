"""The light and dark schemes in headless Chromium: the reader's system preference applies by default, before
first paint and without JavaScript; the toggle works from the keyboard; the choice persists across pages, on the
website and in the offline bundle.

"Before first paint" is checked by blocking Material's bundle script: what a page shows then is what it shows
until that script (the last thing in the page) runs, since only the inline scripts in the head and the header
run before it. Each test with JavaScript has a new context, so nothing is stored from an earlier test (a page
of an earlier test could store Material's choice again as the emulated preference changed); one without.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

MATERIAL_BUNDLE = "**/assets/javascripts/bundle.*.min.js"
PAGES = ("", "start-here/map/", "modules/mltss-framework/")


@pytest.fixture
def fresh(chromium_browser) -> Iterator:
    """A first visit: a new context (no stored choice), the system in light, no page error allowed."""
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, errors


@pytest.fixture(scope="module")
def no_script(chromium_browser) -> Iterator:
    context = chromium_browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def shown(page) -> tuple[str, str]:
    """The scheme <body> carries and whether its computed background is light or dark."""
    scheme, background = page.evaluate(
        "[document.body.getAttribute('data-md-color-scheme'), getComputedStyle(document.body).backgroundColor]"
    )
    red, green, blue = (int(part) for part in background[background.index("(") + 1 : -1].split(",")[:3])
    return scheme, "dark" if red + green + blue < 3 * 96 else "light"


def block_material(page) -> None:
    page.route(MATERIAL_BUNDLE, lambda route: route.abort())


@pytest.mark.parametrize("system", ["light", "dark"])
def test_a_first_visit_follows_the_system_from_the_first_paint(fresh, served_site: str, system: str) -> None:
    fresh.emulate_media(color_scheme=system)
    block_material(fresh)
    fresh.goto(served_site + PAGES[1], wait_until="load")
    assert shown(fresh) == ("ltss-auto", system)
    fresh.unroute(MATERIAL_BUNDLE)
    fresh.goto(served_site + PAGES[1], wait_until="load")
    assert shown(fresh) == ({"light": "default", "dark": "slate"}[system], system)


@pytest.mark.parametrize("system", ["light", "dark"])
def test_without_javascript_the_system_preference_applies(
    no_script, served_site: str, offline_bundle: Path, system: str
) -> None:
    no_script.emulate_media(color_scheme=system)
    for address in (served_site + PAGES[2], (offline_bundle / "start-here" / "map.html").as_uri()):
        no_script.goto(address, wait_until="load")
        assert shown(no_script) == ("ltss-auto", system), address


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
    assert shown(fresh) == ("default", "light")
    assert "automatic" in focus_palette_toggle(fresh).lower()
    fresh.keyboard.press("Enter")  # automatic -> light
    fresh.keyboard.press("Enter")  # light -> dark
    assert shown(fresh) == ("slate", "dark")
    assert "dark" in str(fresh.evaluate("document.activeElement.getAttribute('aria-label')")).lower()
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
    assert shown(fresh) == ("default", "light")
    fresh.emulate_media(color_scheme="dark")
    fresh.goto(served_site + PAGES[0], wait_until="load")
    assert shown(fresh) == ("slate", "dark")


def test_the_choice_persists_across_pages_of_the_offline_bundle(fresh, offline_bundle: Path) -> None:
    fresh.goto((offline_bundle / "index.html").as_uri(), wait_until="load")
    fresh.evaluate("localStorage.clear()")
    fresh.reload(wait_until="load")
    assert shown(fresh) == ("default", "light")
    focus_palette_toggle(fresh)
    fresh.keyboard.press("Enter")
    fresh.keyboard.press("Enter")
    assert shown(fresh) == ("slate", "dark")
    fresh.goto((offline_bundle / "start-here" / "map.html").as_uri(), wait_until="load")
    assert shown(fresh) == ("slate", "dark")
