"""Every page of the built site in headless Chromium, 404 page included: axe-core finds no WCAG 2.1 A/AA
violation in the light scheme, in the dark scheme and at 320 px wide, no page is wider than a 320 px screen
(with JavaScript or without), and no page asks any host but this one for anything.

Each page is loaded once, with axe added as it opens; the page is then switched to each variant as a reader's
system would switch it: the scheme comes from the reader's system preference (emulated
``prefers-color-scheme``, which the automatic scheme follows live until the reader chooses) and the width from the
viewport. The same built site serves all three; nothing is rebuilt or loaded again.

What each variant checks, so that the three runs cost well under three full runs (colour contrast is most
of axe's time). The light run is the full WCAG 2.1 A/AA rule set on every page. A scheme changes colours
only, so the dark run is the rules whose outcome depends on colours (contrast of text, and of links against
the text around them) on every page's content, where pages differ; the header, navigation and footer are
the same component on every page and are checked whole on one page of each kind. A width changes the
layout only, so the 320 px run is the rules whose outcome depends on it (scrolling boxes that must take
focus, zoom and orientation) on every page. Both also run the full set on the whole of one page of each
kind (the drawer, the header and each kind of content in that scheme or laid out for a phone).
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

COLOUR_RULES = ["color-contrast", "link-in-text-block"]
LAYOUT_RULES = ["scrollable-region-focusable", "meta-viewport", "css-orientation-lock"]

WIDE, PHONE = {"width": 1280, "height": 900}, {"width": 320, "height": 640}
CONTENT = {"include": [[".md-content"]]}
VARIANTS = {
    "light": {"color_scheme": "light", "viewport": WIDE, "rules": None, "part": None},
    "dark": {"color_scheme": "dark", "viewport": WIDE, "rules": COLOUR_RULES, "part": CONTENT},
    "320px": {"color_scheme": "light", "viewport": PHONE, "rules": LAYOUT_RULES, "part": None},
}
"""The variants axe runs in (the page must show the light or dark colours of its ``color_scheme``: checked, so
that a broken scheme cannot make the dark run a second light run), the rules run on every page (None: all of
them) and the part of the page they run on (None: the whole page)."""

ONE_OF_EACH_KIND = (
    "",  # home
    "start-here/",  # the flow's start
    "start-here/beneficiaries/",  # a flow question
    "start-here/capitated-managed-care/",  # a flow outcome
    "start-here/map/",  # the flow map
    "pathways/foundational-issues/",  # a pathway section
    "modules/module-1-background/rebalancing-trend/",  # a module page with a figure
    "modules/module-3-medicaid-flexibility/medicaid-authorities/",  # a wide table
    "modules/module-4-state-strategies/bed-buy-back/",  # case studies
    "modules/mltss-framework/",  # the checklist
    "resources/",
    "glossary/",
    "404.html",
)
"""Pages the dark and 320 px runs check with every rule."""


def page_urls(site: Path) -> list[str]:
    """Site-relative URLs of every HTML page, as directory URLs where MkDocs made them (404.html as it is)."""
    return [path.relative_to(site).as_posix().removesuffix("index.html") for path in sorted(site.rglob("*.html"))]


RUN_AXE = """([part, options]) => axe.run(part || document, options)"""
TOO_WIDE = "document.documentElement.scrollWidth > innerWidth ? document.documentElement.scrollWidth : 0"
"""The page's width when it is wider than the window (it scrolls sideways as a whole), else 0."""
LOOK = """() => {
    const [red, green, blue] = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number);
    return document.body.getAttribute("data-md-color-scheme") + ", " + (red + green + blue < 288 ? "dark" : "light");
}"""
SETTLED = "document.getAnimations().every((a) => a.playState !== 'running' || a.effect.getTiming().iterations === Infinity)"
LOOK_IS = f"(look) => ({LOOK})() === look && {SETTLED}"
"""The automatic scheme ("ltss-auto") in light or dark colours, as a first visit shows every page, once the
colours' transitions have ended (Material eases links' colours: axe must not measure them half-way)."""
SEARCH_INDEX = "search/search_index.json"
"""Served empty here, with the site's search settings: Material's search worker builds its index from it on
every page load, which on two cores competed with axe for most of a page's time. Search results are not part
of any page axe checks (the search panel is closed)."""
THEME_READY = "window.ltssThemeReady === true"
"""Material's script, fetched after the load event, has started: axe checks the page as its features leave it."""
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"
"""Added to each page: colours switch at once instead of easing (axe checks where they end, and waiting for
every page's transitions to end after each switch was a quarter of the test's time)."""


SHARES = 2
"""The pages are checked in this many tests, each every SHARES-th page, so pytest-xdist runs them on both cores."""


@pytest.mark.parametrize("share", range(SHARES), ids=[f"pages {n + 1} of {SHARES}" for n in range(SHARES)])
def test_every_page_passes_axe_in_each_variant_and_loads_nothing_from_elsewhere(
    built_site: Path, served_site: str, chromium_browser, share: int
) -> None:
    """Each page is loaded once, light and wide, then switched to each variant as a reader's system would
    switch it (the automatic scheme follows the emulated preference live; the colours are checked before axe
    runs)."""
    from axe_playwright_python.sync_playwright import Axe

    axe_script = Axe().axe_script
    host = urlsplit(served_site).netloc
    elsewhere: list[str] = []
    violations: list[str] = []
    wrong_scheme: list[str] = []
    too_wide: list[str] = []
    first = VARIANTS["light"]
    context = chromium_browser.new_context(color_scheme=first["color_scheme"], viewport=first["viewport"])
    empty_index = {"config": json.loads((built_site / SEARCH_INDEX).read_text(encoding="utf-8"))["config"], "docs": []}

    def guard(route) -> None:
        url = route.request.url
        if urlsplit(url).scheme in ("http", "https", "ws", "wss") and urlsplit(url).netloc != host:
            elsewhere.append(url)
            route.abort()
        elif urlsplit(url).path.endswith(SEARCH_INDEX):
            route.fulfill(json=empty_index)
        else:
            route.continue_()

    context.route("**/*", guard)
    context.add_init_script(axe_script)  # into every page as it opens: cheaper than injecting it after
    page = context.new_page()
    urls = page_urls(built_site)
    assert len(urls) > 50 and "404.html" in urls
    assert set(ONE_OF_EACH_KIND) <= set(urls), set(ONE_OF_EACH_KIND) - set(urls)
    for url in urls[share::SHARES]:
        page.emulate_media(color_scheme=first["color_scheme"])
        page.set_viewport_size(first["viewport"])
        page.goto(served_site + url, wait_until="load")
        page.wait_for_function(THEME_READY)
        page.add_style_tag(content=NO_TRANSITIONS)
        for name, settings in VARIANTS.items():
            page.emulate_media(color_scheme=settings["color_scheme"])
            page.set_viewport_size(settings["viewport"])
            try:
                page.wait_for_function(LOOK_IS, arg=f"ltss-auto, {settings['color_scheme']}", timeout=2000)
            except PlaywrightTimeout:
                wrong_scheme.append(f"/{url} ({name}): {page.evaluate(LOOK)}")
                continue
            whole = url in ONE_OF_EACH_KIND
            rules, part = (None, None) if whole else (settings["rules"], settings["part"])
            only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_TAGS}
            if settings["viewport"] == PHONE and page.evaluate(TOO_WIDE):
                too_wide.append(f"/{url}: {page.evaluate(TOO_WIDE)} px wide")
            response = page.evaluate(RUN_AXE, [part, {"runOnly": only, "resultTypes": ["violations"]}])
            for violation in response["violations"]:
                targets = ", ".join(str(node["target"]) for node in violation["nodes"][:3])
                violations.append(
                    f"/{url} ({name}): {violation['id']} ({violation['impact']}): {violation['help']} at {targets}"
                )
    context.close()
    assert not elsewhere, "\n".join(elsewhere)
    assert not wrong_scheme, "pages not in their variant's scheme:\n" + "\n".join(wrong_scheme)
    assert not violations, "\n".join(violations)
    assert not too_wide, "pages wider than a 320 px screen (WCAG 1.4.10 reflow):\n" + "\n".join(too_wide)


def test_without_javascript_every_page_fits_a_320px_screen(built_site: Path, served_site: str, chromium_browser) -> None:
    """Reflow (WCAG 1.4.10) as a reader without JavaScript sees it: only wide tables, the flow map and code
    scroll sideways, each in its own box; the page itself never does (Material's script changes the header)."""
    context = chromium_browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    too_wide = []
    for url in page_urls(built_site):
        page.goto(served_site + url, wait_until="load")
        if page.evaluate(TOO_WIDE):
            too_wide.append(f"/{url}: {page.evaluate(TOO_WIDE)} px wide")
    context.close()
    assert not too_wide, "\n".join(too_wide)
