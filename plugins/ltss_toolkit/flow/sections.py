"""The headings of a content page by id, so that an outcome can point to one section (``page-id#heading-id``).

The ids are the ones the ``toc`` extension gives the headings (its default slug, numbered when repeated,
or an explicit ``{ #id }``), worked out from the Markdown source so that a flow file is checked without a
build.
"""

from __future__ import annotations

import re
import unicodedata

from ..structure.model import Page

_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_ATTRS = re.compile(r"\s*\{:?\s*([^}]*)\}\s*$")
_EXPLICIT_ID = re.compile(r"(?:^|\s)#([\w-]+)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def slug(text: str) -> str:
    """The ``toc`` extension's default slug: ASCII letters, digits and hyphens, lower case."""
    text = unicodedata.normalize("NFKD", _LINK.sub(r"\1", text)).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def heading_ids(page: Page) -> dict[str, str]:
    """Each heading of the page's body: its id and its text, in order."""
    out: dict[str, str] = {}
    for _, line in page.body_lines():
        match = _HEADING.match(line)
        if not match:
            continue
        text = match.group(2)
        explicit = ""
        attrs = _ATTRS.search(text)
        if attrs:
            text = text[: attrs.start()]
            found = _EXPLICIT_ID.search(attrs.group(1))
            explicit = found.group(1) if found else ""
        heading_id = explicit or slug(text)
        base, number = heading_id, 0
        while heading_id in out:
            number += 1
            heading_id = f"{base}_{number}"
        out[heading_id] = _LINK.sub(r"\1", text).replace("**", "").replace("*", "").strip()
    return out
