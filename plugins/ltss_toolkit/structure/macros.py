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


_STATEMENT = re.compile(r"\{%-?(.*?)-?%\}")
_CONDITION = re.compile(r"^\s*(?:(?:if|elif)\s+(?:not\s+)?([A-Za-z_]\w*)|else|endif)\s*$")


def check_template_code(toolkit: Toolkit, macro_names: Collection[str], problems: Problems) -> None:
    """On a content page with ``macros: true``, the only template code is a call of a macro the site offers.

    mkdocs-macros' Jinja is not sandboxed: ``{{ cycler.__init__.__globals__ }}`` would reach the build's
    Python. So a page may call ``figure("id")`` or ``case_studies(strategy="x")`` with plain string
    arguments, and nothing else: no variables, attributes, filters or ``{% %}`` statements.
    """
    for page in toolkit.pages.values():
        if page.macros:
            check_page_template(page.source, page.body, page.body_line, macro_names, (), problems)


def check_page_template(
    path: str, body: str, first_line: int, macro_names: Collection[str], variables: Collection[str], problems: Problems
) -> None:
    """Record every piece of template code in ``body`` that is not a plain macro call, one of ``variables``
    (``{{ toolkit_name }}``) or, when variables are allowed, ``{% if name %}``/``{% else %}``/``{% endif %}``."""
    offered = [f"{{{{ {name}(...) }}}}" for name in sorted(macro_names)] + [f"{{{{ {v} }}}}" for v in sorted(variables)]
    listed = ", ".join(offered[:6]) + (", ..." if len(offered) > 6 else "")
    allowed = "a page can use " + (listed or "none")
    for offset, line in enumerate(body.split("\n")):
        where = Location(path, first_line + offset)
        for match in _EXPRESSION.finditer(line):
            call = _CALL.match(match.group(1))
            name = match.group(1).strip()
            if not (call is not None and call.group(1) in macro_names) and name not in variables:
                problems.add(where, f"template code {shown(match.group(0))} is not something this site offers", allowed)
        rest = _EXPRESSION.sub("", line)
        for match in _STATEMENT.finditer(rest):
            condition = _CONDITION.match(match.group(1))
            if not variables or condition is None or (condition.group(1) and condition.group(1) not in variables):
                problems.add(
                    where,
                    f"template code {shown(match.group(0))} is not allowed in a page",
                    "only '{% if name %}', '{% else %}' and '{% endif %}' with a site value, in docs/ pages",
                )
        stray = _TEMPLATE_MARK.search(_STATEMENT.sub("", rest))
        if stray is not None:
            problems.add(
                where,
                f"template code {shown(stray.string[stray.start() :][:40])} is not allowed in a page",
                allowed + "; to show braces as text, turn macros off",
            )
