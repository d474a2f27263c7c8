"""Pages opt in to macros with ``macros: true``; only pages that place something may do so."""

from __future__ import annotations

from .model import Page, Toolkit
from .problems import Location, Problems

TEMPLATE_MARKS = ("{{", "{%")


def check_macro_switches(toolkit: Toolkit, problems: Problems) -> None:
    """A page with ``macros: true`` must use a macro; otherwise its text would be evaluated for nothing."""
    for page in toolkit.pages.values():
        if page.macros and not any(mark in page.body for mark in TEMPLATE_MARKS):
            problems.add(
                Location(page.source, page.line_of("macros")),
                "page turns macros on but places no figure or table",
                "remove 'macros: true'; it is only for pages that place {{ figure(\"id\") }} or {{ case_studies() }}",
            )


def require_macros(page: Page, where: Location, what: str, problems: Problems) -> None:
    """Record a problem if ``page`` places ``what`` (a figure, the case studies) without ``macros: true``."""
    if not page.macros:
        problems.add(
            where,
            f"page places {what}, but its macros are off, so the call would show as text",
            "add 'macros: true' to the page's front matter",
        )
