"""Search: the index's size and the time from a reader's last keystroke to the results, on a throttled CPU.

    .venv/bin/python bench/search_benchmark.py SITE [SITE...] [--runs 3] [--throttle 4]

Each SITE is a built site folder (``python -m ltss_toolkit build --no-pdf -d SITE``), e.g. one built from ``main``
and one from a branch. For each: the size of ``search/search_index.json`` (bytes, and gzipped at level 6 as a web
server sends it), whether a page requested the index before the reader opened the search, and in headless
Chromium with its CPU slowed down (CDP ``Emulation.setCPUThrottlingRate``), the milliseconds from the last key of a
query typed at 60 ms a key to the last change of the results list:

- first search: a content page, the reader scrolls (Material's script starts), reads for a second, clicks the
  search box and types; the index may still be loading or building when the last key is typed;
- next search: on the same page, once the first results are in, the box emptied and another query typed.

Served by Python's http.server (no compression; the figures are the browser's, not the network's). Figures on a
busy machine are inflated: compare sites measured in the same run.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import statistics
import threading
from pathlib import Path

PAGE = "pathways/foundational-issues/part-a-buy-in/"
FIRST, NEXT = "money follows the person", "PACE enrollment"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-sync"]

WATCH = """() => {
    window.ltssBench = { keys: [], changes: [] };
    addEventListener("keydown", () => window.ltssBench.keys.push(performance.now()), true);
    new MutationObserver(() => window.ltssBench.changes.push(performance.now()))
        .observe(document.querySelector(".md-search-result"), { childList: true, subtree: true, characterData: true });
}"""
INDEX_REQUESTS = """() => performance.getEntriesByType("resource")
    .filter((entry) => entry.name.endsWith("/search/search_index.json")).length"""


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def settle(page, quiet_ms: int = 1500, limit_ms: int = 20000) -> None:
    """Wait until the results list has not changed for ``quiet_ms``."""
    waited = 0
    while waited < limit_ms:
        page.wait_for_timeout(250)
        waited += 250
        last = page.evaluate("Math.max(0, ...window.ltssBench.changes)")
        if page.evaluate("performance.now()") - last > quiet_ms and last > 0:
            return


def typed(page, query: str) -> float:
    """Type ``query`` at 60 ms a key and return the milliseconds from its last key to the results' last change."""
    page.evaluate("window.ltssBench.keys = []; window.ltssBench.changes = []")
    page.keyboard.type(query, delay=60)
    settle(page)
    return float(page.evaluate("Math.max(...window.ltssBench.changes) - Math.max(...window.ltssBench.keys)"))


def one_run(browser, base: str, throttle: float) -> tuple[float, float, int]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
    page.goto(base + PAGE, wait_until="load")
    page.evaluate(WATCH)
    page.mouse.wheel(0, 600)
    page.wait_for_function("window.ltssThemeReady === true || !!window.document$", timeout=30000)
    page.wait_for_timeout(1000)
    early = int(page.evaluate(INDEX_REQUESTS))
    page.locator("input.md-search__input").click()
    first = typed(page, FIRST)
    page.locator("input.md-search__input").fill("")
    settle(page, quiet_ms=500)
    following = typed(page, NEXT)
    context.close()
    return first, following, early


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sites", nargs="+", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--throttle", type=float, default=4.0)
    options = parser.parse_args()
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        served = [serve(site) for site in options.sites]
        # The sites take turns, run after run, so that a busy spell of the machine slows them alike.
        measured: list[list[tuple[float, float, int]]] = [[] for _ in options.sites]
        for _ in range(options.runs):
            for number, (_, base) in enumerate(served):
                measured[number].append(one_run(browser, base, options.throttle))
        for (server, _), site, runs in zip(served, options.sites, measured):
            server.shutdown()
            index = (site / "search" / "search_index.json").read_bytes()
            rows.append(
                (
                    str(site),
                    f"{len(index) / 1000:.1f}",
                    f"{len(gzip.compress(index, 6)) / 1000:.1f}",
                    "yes" if any(run[2] for run in runs) else "no",
                    f"{statistics.median(run[0] for run in runs):.0f}",
                    f"{statistics.median(run[1] for run in runs):.0f}",
                )
            )
        browser.close()
    header = ("site", "index KB", "gzipped KB", "fetched before search", "first search ms", "next search ms")
    print(f"CPU slowed {options.throttle:g}x, median of {options.runs} runs, last key to last change of the results")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
