"""Raw HTML that a content page may not carry: scripts, frames, event handlers, style blocks.

Page bodies are Markdown and may hold simple HTML (``<div markdown>``, ``<abbr>``); anything that
runs code or loads another site is added by the site itself, never by an editor's text.
"""

from __future__ import annotations

import re

from .model import Toolkit
from .problems import Location, Problems

_ELEMENT = re.compile(r"<\s*(script|iframe|frame|object|embed|style|base|meta|link|form)\b", re.IGNORECASE)
_HANDLER = re.compile(r"<[a-zA-Z][^>]*\s(on[a-z]+)\s*=", re.IGNORECASE)
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+\1")


def check_markup(toolkit: Toolkit, problems: Problems) -> None:
    """Record each forbidden element or event-handler attribute in a page body (outside code)."""
    for page in toolkit.pages.values():
        in_fence = False
        for offset, line in enumerate(page.body.split("\n")):
            if line.lstrip().startswith(("```", "~~~")):
                in_fence = not in_fence
                continue
            if in_fence:
                continue
            text = _CODE_SPAN.sub("", line)
            where = Location(page.source, page.body_line + offset)
            for match in _ELEMENT.finditer(text):
                problems.add(
                    where,
                    f"'<{match.group(1).lower()}>' is not allowed in a page",
                    "pages hold text, Markdown and simple HTML; to show the tag as text, put it in `backticks`",
                )
            for match in _HANDLER.finditer(text):
                problems.add(
                    where,
                    f"HTML attribute '{match.group(1).lower()}' is not allowed in a page",
                    "remove it; pages do not run scripts",
                )
