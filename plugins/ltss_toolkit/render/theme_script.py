"""Material's script, fetched when the reader first acts on the page instead of while the page is parsed.

Every page works without it: navigation, the drawer, the search panel and our own scripts are plain HTML,
CSS and ``assets/ltss.js``. What it adds (search results, the header's title and the table of contents
following the reader, the shortcut keys) is used only once the reader does something: types, touches, moves
the mouse, scrolls or moves the focus. Fetched and started on every load, it was all of a phone's main-thread
blocking after the first paint (Lighthouse, 4x to 10x CPU slowdown: 100 to 280 ms on every page kind, and 0
without it), paid by readers who only read. So the page fetches it on the first of those events, and not
before its ``load`` event; a page opened with a search in its address (``?q=``, ``?h=``) fetches it at once.
Until it runs, the loader answers Material's search shortcuts itself (it opens the search box, so the keys typed
while the script loads land there), and it holds Material's request for the search index until the reader opens
the search. The theme override (``main.html``) writes the loader; this module finds the file it loads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_BUNDLE = re.compile(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js")


def material_bundle(site_paths: Iterable[str]) -> str | None:
    """The site path of Material's bundle, whose name carries a hash that changes with every release, or None
    when there is not exactly one (the pages then load the theme's scripts the theme's way)."""
    found = [path for path in site_paths if _BUNDLE.fullmatch(path)]
    return found[0] if len(found) == 1 else None
