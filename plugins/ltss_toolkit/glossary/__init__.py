"""Glossary: ``content/glossary.yml`` becomes ``glossary.md`` and the tooltips of every acronym on every page
(Python-Markdown's ``abbr`` extension, given the glossary)."""

from __future__ import annotations

from ..extensions import Extension
from ..structure.model import Toolkit
from .model import glossary, read_glossary
from .page import GLOSSARY_URI, render_glossary_page
from .usage import abbr_glossary, validate_usage, without_tooltips


def glossary_pages(toolkit: Toolkit) -> dict[str, str]:
    found = glossary(toolkit)
    return {GLOSSARY_URI: render_glossary_page(found)} if found is not None else {}


def glossary_source(toolkit: Toolkit, uri: str) -> str | None:
    found = glossary(toolkit)
    return found.path if found is not None and uri == GLOSSARY_URI else None


EXTENSION = Extension(
    name="glossary",
    readers={"glossary.yml": read_glossary},
    validate=validate_usage,
    pages=glossary_pages,
    finish_page=without_tooltips,
    markdown_configs=abbr_glossary,
    source_of=glossary_source,
)
