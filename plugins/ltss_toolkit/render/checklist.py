"""A Python-Markdown extension that names each task-list checkbox after its item.

``pymdownx.tasklist`` wraps only the box in its label, so a screen reader meets a checkbox with no
name; the item's own text becomes its ``aria-label`` here, at build time, so the name is there with
JavaScript off too (docs/assets/ltss.js only makes the boxes tickable).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

_PLACEHOLDER = re.compile("\x02wzxhzdk:(\\d+)\x03")


def item_text(item: etree.Element) -> str:
    """The item's words, without stashed HTML (the checkbox) or any nested list."""
    parts = [item.text or ""]
    for child in item:
        if child.tag not in ("ul", "ol"):
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return re.sub(r"\s+", " ", _PLACEHOLDER.sub("", "".join(parts))).strip()


class _NameCheckboxes(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        stash = self.md.htmlStash.rawHtmlBlocks
        for item in root.iter("li"):
            if "task-list-item" not in (item.get("class") or "").split():
                continue
            holder = item[0] if len(item) and item[0].tag == "p" else item
            found = _PLACEHOLDER.match(holder.text or "")
            name = item_text(holder)
            if not found or not name:
                continue
            index = int(found.group(1))
            box = str(stash[index])
            if "<input" in box and "aria-label" not in box:
                stash[index] = box.replace("<input ", f'<input aria-label="{html.escape(name, quote=True)}" ', 1)


class ChecklistNames(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After the inline patterns (priority 20), when each item's words are final; the checkbox
        # that pymdownx.tasklist made (priority 25) is still stashed HTML, to be placed at the end.
        md.treeprocessors.register(_NameCheckboxes(md), "ltss-checklist-names", 19)


def makeExtension(**kwargs: object) -> ChecklistNames:
    return ChecklistNames(**kwargs)
