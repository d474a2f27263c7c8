"""Every page's ``changes:`` gathered into one list, newest first: the "What changed" page and the feed."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ..render.escape import md_text, relative
from ..render.page_dates import CHANGES_URI, time_element
from ..structure.model import Change, Page, Toolkit

FEED_URI = "feed.xml"


@dataclass(frozen=True)
class SiteChange:
    page: Page
    change: Change
    index: int
    """The change's position among the page's changes of the same day: part of its stable id."""

    @property
    def date(self) -> datetime.date:
        return self.change.date


def site_changes(toolkit: Toolkit) -> list[SiteChange]:
    """All changes of all pages, newest first; same-day changes in reading order."""
    out: list[SiteChange] = []
    for page in toolkit.reading_order():
        seen: dict[datetime.date, int] = {}
        for change in page.changes:
            index = seen.get(change.date, 0)
            seen[change.date] = index + 1
            out.append(SiteChange(page, change, index))
    return sorted(out, key=lambda c: c.date, reverse=True)


def changes_page(toolkit: Toolkit) -> str:
    """The Markdown of the "What changed" page."""
    changes = site_changes(toolkit)
    out = [
        "# What changed",
        "",
        '<p class="ltss-summary">Changes to the pages of this site, newest first, as their editors recorded them.</p>',
        "",
        f"Each page also shows when it was last reviewed against its sources and when it last changed. Feed"
        f" readers can follow these changes through the [Atom feed]({relative(FEED_URI, CHANGES_URI)}).",
        "",
    ]
    if not changes:
        out += ["No changes have been recorded yet.", ""]
    month = ""
    for item in changes:
        heading = f"{item.date:%B} {item.date.year}"
        if heading != month:
            out += ["", f"## {heading}", ""]
            month = heading
        link = f"[{md_text(item.page.title)}]({relative(item.page.uri, CHANGES_URI)})"
        out.append(f"- {time_element(item.date)}, {link}: {md_text(item.change.note)}")
    return "\n".join(out).rstrip() + "\n"
