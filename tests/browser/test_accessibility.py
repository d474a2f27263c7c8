"""Every page of the built site in headless Chromium: axe-core finds no WCAG 2.1 A/AA violation, and
no page asks any host but this one for anything."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def page_urls(site: Path) -> list[str]:
    """Site-relative URLs of every HTML page, as directory URLs where MkDocs made them."""
    urls = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if relative == "404.html":
            continue
        urls.append(relative.removesuffix("index.html"))
    return urls


def test_every_page_passes_axe_and_loads_nothing_from_elsewhere(built_site: Path, served_site: str, chromium_browser) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    host = urlsplit(served_site).netloc
    elsewhere: list[str] = []
    violations: list[str] = []
    context = chromium_browser.new_context()

    def guard(route) -> None:
        url = route.request.url
        if urlsplit(url).scheme in ("http", "https", "ws", "wss") and urlsplit(url).netloc != host:
            elsewhere.append(url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", guard)
    page = context.new_page()
    urls = page_urls(built_site)
    assert len(urls) > 50
    for url in urls:
        page.goto(served_site + url, wait_until="load")
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        for violation in results.response["violations"]:
            targets = ", ".join(str(node["target"]) for node in violation["nodes"][:3])
            violations.append(f"/{url}: {violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    context.close()
    assert not elsewhere, "\n".join(elsewhere)
    assert not violations, "\n".join(violations)
