"""Starting new content files: ids, orders and the text of a new page, section, resource or glossary term.

Plain functions on the loaded model; ``new.py`` writes what they return and checks the result with
the engine's own loader, so a scaffold is valid by the same rules as the build.
"""

from __future__ import annotations

import datetime
import posixpath
import re
from collections.abc import Iterable
from typing import Any

import yaml

from ..structure.model import Section, Toolkit

MAX_ID_WORDS = 6


def slug(text: str, max_words: int = MAX_ID_WORDS) -> str:
    """A lowercase-kebab-case id from words: 'Part A Buy-In: what states do' -> 'part-a-buy-in-what-states'."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words[:max_words]) or "new"


def fresh_id(wanted: str, taken: Iterable[str]) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``... whichever is not taken yet."""
    used = set(taken)
    if wanted not in used:
        return wanted
    number = 2
    while f"{wanted}-{number}" in used:
        number += 1
    return f"{wanted}-{number}"


def find_section(toolkit: Toolkit, folder: str) -> Section | None:
    """The section for a folder given from inside the content folder, e.g. ``pathways/foundational-issues``."""
    for root in toolkit.roots.values():
        stack = [root]
        while stack:
            section = stack.pop()
            if section.path == folder:
                return section
            stack.extend(section.sections)
    return None


def next_order(section: Section | None) -> int:
    """One more than the largest ``order`` among a folder's pages and sub-folders (1 in an empty folder)."""
    if section is None:
        return 1
    orders = [child.order for child in section.children()]
    return max(orders, default=0) + 1


def yaml_scalar(value: Any) -> str:
    """``value`` as one YAML scalar or flow list, quoted only where YAML needs it."""
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(yaml_scalar(item) for item in value) + "]"
    text: str = yaml.safe_dump({"k": value}, default_flow_style=False, allow_unicode=True, width=10**6, sort_keys=False)
    return text[len("k: ") :].rstrip("\n")


def page_text(
    id: str,
    reviewed: datetime.date,
    title: str,
    summary: str,
    order: int,
    resources: Iterable[str] = (),
    topics: Iterable[str] = (),
) -> str:
    """A new page: front matter the build accepts, and an empty body with a note that is not shown."""
    return (
        "---\n"
        f"id: {yaml_scalar(id)}\n"
        f"reviewed: {reviewed.isoformat()}\n"
        f"title: {yaml_scalar(title)}\n"
        f"summary: {yaml_scalar(summary)}\n"
        f"order: {order}\n"
        f"resources: {yaml_scalar(list(resources))}\n"
        f"topics: {yaml_scalar(list(topics))}\n"
        "---\n"
        "<!-- Write the page below in Markdown, in your own words. Use ## for subheadings. -->\n"
    )


def resource_entry(values: dict[str, Any]) -> str:
    """One ``resources.yml`` entry, fields in the order the README shows them."""
    lines = []
    for index, key in enumerate(("id", "title", "publisher", "year", "url", "kind", "topics")):
        lines.append(("- " if index == 0 else "  ") + f"{key}: {yaml_scalar(values.get(key))}")
    return "\n".join(lines) + "\n"


def term_entry(term: str, expansion: str, definition: str) -> str:
    return (
        f"- term: {yaml_scalar(term)}\n  expansion: {yaml_scalar(expansion)}\n  definition: {yaml_scalar(definition)}\n"
    )


def appended(existing: str, entry: str) -> str:
    """``existing`` YAML list text with ``entry`` added at the end (an empty file becomes the list)."""
    if not existing.strip() or existing.strip() == "[]":
        return entry
    return existing + ("" if existing.endswith("\n") else "\n") + entry


def content_folder(folder: str, content_dir: str) -> str:
    """A folder as given by an editor (``content/pathways/x``, ``pathways/x/``) from inside the content folder."""
    folder = folder.replace("\\", "/").strip("/")
    prefix = content_dir.strip("/") + "/"
    if folder == content_dir.strip("/"):
        return ""
    if folder.startswith(prefix):
        folder = folder[len(prefix) :]
    return posixpath.normpath(folder) if folder else ""
