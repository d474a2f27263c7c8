"""A Python-Markdown extension for "as of" markers: ``[statement]{as of 2019-04}``.

The statement keeps its own Markdown (links, emphasis) and is followed by a visible "(as of April
2019)" with a machine-readable ``<time>``, on screen and on paper alike. The content check
(``structure/dates.py``) has already refused markers with impossible dates; one that slipped through
(outside a content page) is left as it was written.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor

from ..structure.dates import AS_OF, parse_as_of


class _AsOfProcessor(InlineProcessor):
    # types-Markdown gives InlineProcessor the signature of the older Pattern.handleMatch.
    def handleMatch(  # type: ignore[override]
        self, m: re.Match[str], data: str
    ) -> tuple[etree.Element | None, int | None, int | None]:
        value = parse_as_of(m.group("date"))
        if value is None:
            return None, None, None
        span = etree.Element("span", {"class": "ltss-as-of"})
        span.text = m.group("text")
        note = etree.SubElement(span, "span", {"class": "ltss-as-of-date"})
        note.text = " (as of "
        time = etree.SubElement(note, "time", {"datetime": value.iso})
        time.text = value.label
        time.tail = ")"
        return span, m.start(0), m.end(0)


class AsOfExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # Before links (160) and reference links (170), which would otherwise take the brackets.
        md.inlinePatterns.register(_AsOfProcessor(AS_OF.pattern, md), "ltss-as-of", 175)


def makeExtension(**kwargs: object) -> AsOfExtension:
    return AsOfExtension(**kwargs)
