"""Trust: the site-wide "What changed" page, its Atom feed and the editors' freshness report.

Each page's own review date, update date and changes are part of the page (``render/page_dates.py``).
"""

from __future__ import annotations

from ..extensions import Extension
from ..render.page_dates import CHANGES_URI
from ..structure.model import Toolkit
from .changes import FEED_URI, changes_page
from .feed import atom_feed
from .freshness import FRESHNESS_URI, report_page


def trust_pages(toolkit: Toolkit) -> dict[str, str]:
    return {CHANGES_URI: changes_page(toolkit), FEED_URI: atom_feed(toolkit), FRESHNESS_URI: report_page(toolkit)}


EXTENSION = Extension(
    name="trust",
    pages=trust_pages,
    not_in_nav=(CHANGES_URI, FRESHNESS_URI),
)
