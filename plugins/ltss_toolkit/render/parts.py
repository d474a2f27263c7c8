"""The headings the renderer gives every page after the editor's text: questions to consider, related
resources, "See also", changes. Each is marked so that the outputs can tell them from the page's own sections.
"""

from __future__ import annotations

PAGE_PART = "ltss-page-part"
"""Class of those headings. The PDFs' contents and outline list each page and its own main sections, not the
same few headings again on every page (``outputs.pdf.assemble``, ``print.css``)."""

NOT_SEARCHED = "data-search-exclude"
"""Leaves a heading's section out of the search index (Material's search plugin). Every page loads the index,
so what a page only repeats from elsewhere, its related resources (each described on the Resources page) and
"See also" (other pages' titles and summaries), costs every reader and is left out."""


def part_heading(text: str, *, searched: bool = True) -> str:
    """A level-2 heading (Markdown, ``attr_list``) for one of the parts every page has."""
    attributes = f".{PAGE_PART}" if searched else f".{PAGE_PART} {NOT_SEARCHED}"
    return f"## {text} {{ {attributes} }}"
