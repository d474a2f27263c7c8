"""Pages opt in to macros with ``macros: true``; only pages that place something may do so."""

from __future__ import annotations

import re
from collections.abc import Collection

from .model import Page, Toolkit
from .problems import Location, Problems, shown

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


_EXPRESSION = re.compile(r"\{\{-?(.*?)-?\}\}")
_TEMPLATE_MARK = re.compile(r"\{[{%#]")
_CALL = re.compile(r"""^\s*([A-Za-z_]\w*)\(\s*(?:(?:[a-z_]+\s*=\s*)?(?:"[^"\\{}]*"|'[^'\\{}]*'))?\s*\)\s*$""")


def check_template_code(toolkit: Toolkit, macro_names: Collection[str], problems: Problems) -> None:
    """On a page with ``macros: true``, the only template code is a call of a macro the site offers.

    mkdocs-macros' Jinja is not sandboxed: ``{{ cycler.__init__.__globals__ }}`` would reach the build's
    Python. So a page may call ``figure("id")`` or ``case_studies(strategy="x")`` with plain string
    arguments, and nothing else: no variables, attributes, filters or ``{% %}`` statements.
    """
    offered = " or ".join(f"{{{{ {name}(...) }}}}" for name in sorted(macro_names)) or "nothing"
    for page in toolkit.pages.values():
        if not page.macros:
            continue
        for offset, line in enumerate(page.body.split("\n")):
            where = Location(page.source, page.body_line + offset)
            for match in _EXPRESSION.finditer(line):
                call = _CALL.match(match.group(1))
                if call is None or call.group(1) not in macro_names:
                    problems.add(
                        where,
                        f"template code {shown(match.group(0))} is not a macro call this site offers",
                        f"a page can place {offered}, with plain text arguments",
                    )
            stray = _TEMPLATE_MARK.search(_EXPRESSION.sub("", line))
            if stray is not None:
                problems.add(
                    where,
                    f"template code {shown(stray.string[stray.start() :][:40])} is not allowed in a page",
                    f"a page can place {offered}; to show braces as text, turn macros off",
                )
