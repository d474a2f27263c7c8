"""Where MkDocs writes a docs page and the address it gives it, with or without ``use_directory_urls``.

The one place that knows MkDocs' two layouts: the Markdown links in data, the feed, the open data, the pull
request's summary and the PDF step (which reads the built pages) all ask here.
"""

from __future__ import annotations

import posixpath


def page_file(uri: str, directory_urls: bool) -> str:
    """The built page's file from the site root: ``a/b.md`` → ``a/b/index.html`` (or ``a/b.html``)."""
    stem = uri.removesuffix(".md")
    if not directory_urls:
        return f"{stem}.html"
    if posixpath.basename(stem) == "index":
        return posixpath.join(posixpath.dirname(stem), "index.html")
    return f"{stem}/index.html"


def page_url(uri: str, directory_urls: bool) -> str:
    """The page's address from the site root, as MkDocs' ``page.url``: ``a/b/`` (or ``a/b.html``); the home
    page's is ``""`` with directory URLs."""
    if not directory_urls:
        return page_file(uri, directory_urls)
    folder = posixpath.dirname(page_file(uri, directory_urls))
    return f"{folder}/" if folder else ""
