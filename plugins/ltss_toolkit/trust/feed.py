"""The "What changed" list as an Atom feed (RFC 4287) that feed readers accept.

Reproducible: every date comes from the content (change dates; the feed's ``updated`` is the newest
of them), never from the clock. Ids are ``urn:uuid:`` names derived from the page id, the change's
date and its position that day, so they survive a change of address and never repeat.

Links are absolute when ``site_url`` is set. Without it the site has no known address, and the links
are relative to the feed itself (``feed.xml`` sits at the site root), which Atom allows and readers
resolve against the address they fetched the feed from.
"""

from __future__ import annotations

import datetime
import uuid
import xml.etree.ElementTree as ET

from ..structure.model import Toolkit
from ..structure.site_paths import page_url
from .changes import FEED_URI, site_changes

ATOM = "http://www.w3.org/2005/Atom"
ID_NAMESPACE = uuid.UUID("6f1c5a2e-9d0b-5c43-8a7e-2f4b1d3c9e10")
"""A fixed namespace for this generator's feed and entry ids."""
EPOCH = datetime.date(1970, 1, 1)


def _timestamp(day: datetime.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _address(toolkit: Toolkit, path: str) -> str:
    base = toolkit.settings.site_url
    if not base:
        return path
    return base.rstrip("/") + "/" + (path if path != "./" else "")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    element.text = text
    return element


def atom_feed(toolkit: Toolkit) -> str:
    """The feed's XML text."""
    settings = toolkit.settings
    changes = site_changes(toolkit)
    reviewed = [page.reviewed for page in toolkit.pages.values() if page.reviewed]
    newest = changes[0].date if changes else max(reviewed, default=EPOCH)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "en"})
    _sub(feed, "id", "urn:uuid:" + str(uuid.uuid5(ID_NAMESPACE, f"feed:{settings.site_name}")))
    _sub(feed, "title", f"{settings.site_name}: what changed")
    _sub(feed, "subtitle", "Changes to the pages of this site, as their editors recorded them.")
    _sub(feed, "updated", _timestamp(newest))
    _sub(feed, "link", rel="self", type="application/atom+xml", href=_address(toolkit, FEED_URI))
    changes_url = page_url("changes.md", settings.directory_urls)
    _sub(feed, "link", rel="alternate", type="text/html", href=_address(toolkit, changes_url))
    author = _sub(feed, "author")
    _sub(author, "name", settings.site_name)
    _sub(feed, "generator", "ltss-toolkit")
    for item in changes:
        entry = _sub(feed, "entry")
        key = f"change:{item.page.id}:{item.date.isoformat()}:{item.index}"
        _sub(entry, "id", "urn:uuid:" + str(uuid.uuid5(ID_NAMESPACE, key)))
        _sub(entry, "title", f"{item.page.title}: {item.change.note}")
        _sub(entry, "updated", _timestamp(item.date))
        _sub(entry, "published", _timestamp(item.date))
        url = _address(toolkit, page_url(item.page.uri, settings.directory_urls))
        _sub(entry, "link", rel="alternate", type="text/html", href=url)
        _sub(entry, "summary", item.change.note, type="text")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
