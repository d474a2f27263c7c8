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


def with_download_placeholder(markdown: str, doc_id: str | None) -> str:
    """A page written in ``docs/`` (the home page) with its placeholder after its first ``# `` heading."""
    placeholder = download_placeholder(doc_id)
    if not placeholder:
        return markdown
    lines = markdown.split("\n")
    for number, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join([*lines[: number + 1], "", placeholder, "", *lines[number + 1 :]])
    return f"{placeholder}\n\n{markdown}"
