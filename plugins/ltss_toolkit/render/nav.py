"""The site navigation, built from content order."""

from __future__ import annotations

from typing import Any

from ..structure.model import Section, Toolkit
from .escape import html_text

CONTENT_PREFIX = "content:"
"""A nav entry ``content:pathways`` in mkdocs.yml stands for that content area's pages."""


def section_nav(section: Section) -> list[Any]:
    """Nav entries for a section; titles are HTML-escaped because themes print them as they are."""
    items: list[Any] = [section.index.uri] if section.index else []
    for child in section.children():
        if isinstance(child, Section):
            items.append({html_text(child.title): section_nav(child)})
        else:
            items.append({html_text(child.title): child.uri})
    return items


class UnknownArea(ValueError):
    """A ``content:<area>`` nav entry names a folder that has no pages."""


def _area(value: str, toolkit: Toolkit) -> Section:
    name = value[len(CONTENT_PREFIX) :]
    if name not in toolkit.roots:
        known = ", ".join(CONTENT_PREFIX + n for n in toolkit.roots) or "none"
        raise UnknownArea(f"nav entry '{value}' names no content area with pages (known: {known})")
    return toolkit.roots[name]


def expand_nav(nav: list[Any] | None, toolkit: Toolkit) -> list[Any]:
    """Replace ``content:<area>`` entries of a nav with the area's sections; list the areas if no nav is given."""
    if nav is None:
        return [{html_text(root.title): section_nav(root)} for root in toolkit.roots.values()]
    out: list[Any] = []
    for item in nav:
        if isinstance(item, str) and item.startswith(CONTENT_PREFIX):
            root = _area(item, toolkit)
            out.append({html_text(root.title): section_nav(root)})
        elif isinstance(item, dict) and len(item) == 1:
            ((title, value),) = item.items()
            if isinstance(value, str) and value.startswith(CONTENT_PREFIX):
                out.append({title: section_nav(_area(value, toolkit))})
            elif isinstance(value, list):
                out.append({title: expand_nav(value, toolkit)})
            else:
                out.append(item)
        else:
            out.append(item)
    return out
