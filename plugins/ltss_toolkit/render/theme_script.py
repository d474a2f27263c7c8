"""Material's script, fetched once the page has loaded instead of while it is parsed.

Every page works without it: navigation, the drawer, the search panel and our own scripts are plain HTML,
CSS and ``assets/ltss.js``. What it adds (search results, the header's title, the table of contents following
the reader) can wait until the page is shown. Requested from the end of ``<body>``, its 35 KB (gzipped) and
the start-up work that follows competed with the first paint on a phone; requested after the ``load`` event,
they do not. The theme override (``main.html``) writes the loader; this module finds the file it loads.
"""

from __future__ import annotations

import re

from mkdocs.structure.files import Files

_BUNDLE = re.compile(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js")


def material_bundle(files: Files) -> str | None:
    """The site path of Material's bundle, whose name carries a hash that changes with every release, or None
    when there is not exactly one (the pages then load the theme's scripts the theme's way)."""
    found = [file.src_uri for file in files if _BUNDLE.fullmatch(file.src_uri)]
    return found[0] if len(found) == 1 else None
