"""The download link's place on a page, written before any PDF exists.

Every content page (its module's or section's PDF), the home page and each flow outcome carry an empty
placeholder (``<p class="ltss-download" data-pdf="<doc-id>"></p>``); ``outputs.pdf.downloads.link_downloads``
fills it in the built HTML once each PDF's size and page count are known. Empty, so the search index never
sees it.
"""

from __future__ import annotations

from .escape import html_text


def download_placeholder(doc_id: str | None) -> str:
    return f'<p class="ltss-download" data-pdf="{html_text(doc_id)}"></p>' if doc_id else ""


DOWNLOAD_HERE = "<!-- pdf download link -->"
"""A line a page written in ``docs/`` may hold to place its PDF's download link (the home page: under "Print
it", not above what a reader came for)."""


def with_download_placeholder(markdown: str, doc_id: str | None) -> str:
    """A page written in ``docs/`` (the home page) with its placeholder on its DOWNLOAD_HERE line, or after its
    first ``# `` heading."""
    placeholder = download_placeholder(doc_id)
    if not placeholder:
        return markdown.replace(DOWNLOAD_HERE, "")
    if DOWNLOAD_HERE in markdown:
        return markdown.replace(DOWNLOAD_HERE, f"\n{placeholder}\n", 1).replace(DOWNLOAD_HERE, "")
    lines = markdown.split("\n")
    for number, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join([*lines[: number + 1], "", placeholder, "", *lines[number + 1 :]])
    return f"{placeholder}\n\n{markdown}"
