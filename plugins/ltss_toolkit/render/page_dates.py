"""What a content page says about its own age: last reviewed, last updated, and its changes."""

from __future__ import annotations

import datetime

from ..structure.dates import long_date
from ..structure.model import Page
from .escape import html_text, md_text, relative
from .parts import part_heading

CHANGES_URI = "changes.md"
"""The site-wide "What changed" page."""


def time_element(day: datetime.date) -> str:
    return f'<time datetime="{day.isoformat()}">{html_text(long_date(day))}</time>'


def page_dates(page: Page) -> str:
    """One line under the summary: "Last reviewed ... · Last updated ..." with what is known."""
    parts = []
    if page.reviewed is not None:
        parts.append(f'<span class="ltss-reviewed">Last reviewed {time_element(page.reviewed)}</span>')
    if page.updated is not None:
        parts.append(f'<span class="ltss-updated">Last updated {time_element(page.updated)}</span>')
    if not parts:
        return ""
    # Left out of the search index: the results show the page's summary above it, not its dates.
    return '<p class="ltss-dates" data-search-exclude>' + '<span aria-hidden="true"> · </span>'.join(parts) + "</p>"


def changes_section(page: Page) -> list[str]:
    """The page's changes, newest first, under their own heading; nothing when it lists none."""
    if not page.changes:
        return []
    out = [part_heading("Changes to this page"), ""]
    for change in sorted(page.changes, key=lambda c: c.date, reverse=True):
        out.append(f"- {time_element(change.date)}: {md_text(change.note)}")
    out += ["", f"[Changes to every page]({relative(CHANGES_URI, page.uri)})", ""]
    return out
