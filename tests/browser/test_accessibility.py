"""Every page of the built site in headless Chromium, 404 page included: axe-core finds no WCAG 2.1 A/AA
violation in the light scheme, in the dark scheme and at 320 px wide, no page is wider than a 320 px screen
(with JavaScript or without), and no page asks any host but this one for anything.

Each page is loaded once, with axe added as it opens. Material's script is fetched at the reader's first key,
touch or scroll (render/theme_script.py): a page of each kind is checked before it too, as a reader first finds
it, and every page once it runs, as its features leave it. The page is then switched to each variant as a reader's
system would switch it: the scheme comes from the reader's system preference (emulated
``prefers-color-scheme``, which the automatic scheme follows live until the reader chooses) and the width from the
viewport. The same built site serves all three; nothing is rebuilt or loaded again.

What each variant checks, so that the three runs cost well under three full runs. One page of each kind
(``ONE_OF_EACH_KIND``: the drawer, the header and each kind of content) gets the full WCAG 2.1 A/AA rule set
on the whole page in every variant. On the other pages:

- light: the full rule set on the whole page, except the two rules whose outcome depends on colours
  (contrast of text, and of links against the text around them); those run on the content's new styles;
- dark: a scheme changes colours only, so only the colour rules, on the content's new styles;
- 320 px: a width changes the layout only, so only the rules whose outcome depends on it (scrolling boxes
  that must take focus, zoom and orientation), on the whole page.

Colour contrast is most of axe's time, and it is a function of what ``STYLE_KEY`` reads: the text's colour,
size and weight, and every background, opacity and filter behind it up to the first opaque one (for a link,
the colour and underline of the text around it too). A text element of the content whose key an earlier
page of the same test already had in that scheme has the same outcome, so only the first of each key is
given to axe. The header, navigation and footer are the same component on every page and are checked whole
on the pages of each kind.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import start_material_script

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

COLOUR_RULES = ["color-contrast", "link-in-text-block"]
LAYOUT_RULES = ["scrollable-region-focusable", "meta-viewport", "css-orientation-lock"]

WIDE, PHONE = {"width": 1280, "height": 900}, {"width": 320, "height": 640}
EVERY_RULE = {"type": "tag", "values": WCAG_TAGS}
WITHOUT_COLOURS = {"rules": {rule: {"enabled": False} for rule in COLOUR_RULES}}
ONLY_COLOURS = {"type": "rule", "values": COLOUR_RULES}
PAGE, NEW_STYLES = "page", "new styles"
VARIANTS = {
    "light": {
        "color_scheme": "light",
        "viewport": WIDE,
        "checks": [(PAGE, {"runOnly": EVERY_RULE, **WITHOUT_COLOURS}), (NEW_STYLES, {"runOnly": ONLY_COLOURS})],
    },
    "dark": {"color_scheme": "dark", "viewport": WIDE, "checks": [(NEW_STYLES, {"runOnly": ONLY_COLOURS})]},
    "320px": {
        "color_scheme": "light",
        "viewport": PHONE,
        "checks": [(PAGE, {"runOnly": {"type": "rule", "values": LAYOUT_RULES}})],
    },
}
"""The variants axe runs in (the page must show the light or dark colours of its ``color_scheme``: checked, so
that a broken scheme cannot make the dark run a second light run), and what axe checks in each on the pages
not in ONE_OF_EACH_KIND: the whole page, or the content's text elements of new styles."""

ONE_OF_EACH_KIND = (
    "",  # home
    "start-here/",  # the flow's start
    "start-here/beneficiaries/",  # a flow question
    "start-here/capitated-managed-care/",  # a flow outcome
    "start-here/authority-1115/",  # an outcome reached two ways ("Why this fits", sources)
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


RUN_AXE = """([part, options]) => axe.run(part === "page" ? document : {include: window.ltssNewStyles}, options)"""
STYLE_KEY = """(element) => {
    const style = getComputedStyle(element);
    const key = [element.namespaceURI, element.localName, style.color, style.fill, style.fontSize, style.fontWeight,
        style.textShadow, style.textDecorationLine, style.position];
    if (element.localName === "a") {
        const around = getComputedStyle(element.parentElement);
        key.push(around.color, around.textDecorationLine, around.localName);
    }
    for (let node = element; node; node = node.parentElement) {
        const behind = getComputedStyle(node);
        key.push(behind.backgroundColor, behind.backgroundImage, behind.opacity, behind.filter, behind.mixBlendMode);
        if (behind.backgroundColor.startsWith("rgb(") && behind.opacity === "1") break;
    }
    return key.join("|");
}"""
PICK_NEW_STYLES = f"""(seen) => {{
    const key = {STYLE_KEY};
    const known = new Set(seen), picked = [], keys = [];
    for (const element of document.querySelectorAll(".md-content *")) {{
        const text = [...element.childNodes].some((node) => node.nodeType === 3 && node.textContent.trim());
        if (!text || !element.checkVisibility()) continue;
        const k = key(element);
        if (known.has(k)) continue;
        known.add(k);
        picked.push(element);
        keys.push(k);
    }}
    window.ltssNewStyles = picked;
    return keys;
}}"""
"""Marks the content's visible text elements whose STYLE_KEY is not in ``seen`` (one per key) for axe, and
returns their keys."""
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
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"
"""Added to each page: colours switch at once instead of easing (axe checks where they end, and waiting for
every page's transitions to end after each switch was a quarter of the test's time)."""


def described(where: str, violation: dict) -> str:
    targets = ", ".join(str(node["target"]) for node in violation["nodes"][:3])
    return f"{where}: {violation['id']} ({violation['impact']}): {violation['help']} at {targets}"


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
    seen: dict[str, set[str]] = {"light": set(), "dark": set()}
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
        page.add_style_tag(content=NO_TRANSITIONS)
        if url in ONE_OF_EACH_KIND:
            page.wait_for_function(LOOK_IS, arg=f"ltss-auto, {first['color_scheme']}")
            response = page.evaluate(RUN_AXE, [PAGE, {"runOnly": EVERY_RULE, "resultTypes": ["violations"]}])
            violations += [described(f"/{url} (before Material's script)", v) for v in response["violations"]]
        start_material_script(page)
        for name, settings in VARIANTS.items():
            page.emulate_media(color_scheme=settings["color_scheme"])
            page.set_viewport_size(settings["viewport"])
            try:
                page.wait_for_function(LOOK_IS, arg=f"ltss-auto, {settings['color_scheme']}", timeout=2000)
            except PlaywrightTimeout:
                wrong_scheme.append(f"/{url} ({name}): {page.evaluate(LOOK)}")
                continue
            if settings["viewport"] == PHONE and page.evaluate(TOO_WIDE):
                too_wide.append(f"/{url}: {page.evaluate(TOO_WIDE)} px wide")
            whole = url in ONE_OF_EACH_KIND
            if whole and name in seen:  # checked below with every rule: its styles need no second look
                seen[name].update(page.evaluate(PICK_NEW_STYLES, sorted(seen[name])))
            for part, options in [(PAGE, {"runOnly": EVERY_RULE})] if whole else settings["checks"]:
                if part == NEW_STYLES:
                    new = page.evaluate(PICK_NEW_STYLES, sorted(seen[settings["color_scheme"]]))
                    if not new:
                        continue
                    seen[settings["color_scheme"]].update(new)
                response = page.evaluate(RUN_AXE, [part, {**options, "resultTypes": ["violations"]}])
                violations += [described(f"/{url} ({name})", v) for v in response["violations"]]
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
