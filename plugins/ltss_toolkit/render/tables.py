"""A Python-Markdown extension that puts each Markdown table in a region readers can scroll from the keyboard.

A wide table (a comparison of six waiver authorities) cannot fit a phone's 320 px, so it scrolls sideways.
A scrolling box is reachable from the keyboard only when it, or something in it, takes focus (WCAG 2.1.1;
axe's ``scrollable-region-focusable``), so each table sits in a ``<div role="region" tabindex="0">`` named
after its caption or the heading above it. ``ltss.css`` makes that div the scrolling box, with or without
Material's script (which wraps tables in a scrolling box of its own). Tables with a class (figures' data,
case studies) are laid out by their own CSS and left alone.

Every header cell also says what it heads (``scope="col"`` or ``"row"``, ``header_scope``), so a screen reader
can tell which header a cell belongs to, on the site and in the PDFs (which carry it as ``/Scope``).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def header_scope(in_head: bool, row_all_headers: bool) -> str:
    """What a header cell without a ``scope`` heads: its column in the table's head or in a row of headers only,
    else its row (a header cell among data cells, such as a row's first cell)."""
    return "col" if in_head or row_all_headers else "row"


def set_header_scopes(table: etree.Element) -> None:
    """Give each ``<th>`` of a table made from Markdown the scope ``header_scope`` says, unless it has one."""
    for section in [table, *(child for child in table if child.tag in ("thead", "tbody", "tfoot"))]:
        for row in section.findall("tr"):
            cells = [cell for cell in row if cell.tag in ("th", "td")]
            for cell in cells:
                if cell.tag == "th" and not cell.get("scope"):
                    cell.set("scope", header_scope(section.tag == "thead", all(c.tag == "th" for c in cells)))


def text_of(element: etree.Element) -> str:
    """The element's words, without a heading's permalink (the toc extension's ``a.headerlink``)."""
    parts = [element.text or ""]
    for child in element:
        if "headerlink" not in (child.get("class") or "").split():
            parts.append(text_of(child))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def region_name(table: etree.Element, heading: str | None) -> str:
    caption = table.find("caption")
    text = text_of(caption) if caption is not None else ""
    return f"Table: {text or heading}" if (text or heading) else "Table"


class TableRegions(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        self._wrap(root, None)

    def _wrap(self, parent: etree.Element, heading: str | None) -> str | None:
        for index, child in enumerate(list(parent)):
            if child.tag in HEADINGS:
                heading = text_of(child) or heading
            elif child.tag == "table":
                set_header_scopes(child)
                if child.get("class"):
                    continue
                region = etree.Element(
                    "div",
                    {
                        "class": "ltss-table-region",
                        "role": "region",
                        "tabindex": "0",
                        "aria-label": region_name(child, heading),
                    },
                )
                region.tail, child.tail = child.tail, None
                parent.remove(child)
                region.append(child)
                parent.insert(index, region)
            else:
                heading = self._wrap(child, heading)
        return heading


class TableRegionExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After the tables extension has made the tables; late, so other treeprocessors see plain tables.
        md.treeprocessors.register(TableRegions(md), "ltss-table-regions", 1)


def makeExtension(**kwargs: object) -> TableRegionExtension:
    return TableRegionExtension(**kwargs)
