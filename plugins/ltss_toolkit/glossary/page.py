"""The glossary page: every term once, in alphabetical order, each with an anchor to link to."""

from __future__ import annotations

from ..render.escape import html_text
from .model import Glossary

GLOSSARY_URI = "glossary.md"
SEARCH_BOOST = 0.1
"""The glossary's weight in search (Material's ``search.boost``), against 1 for every other page."""


def render_glossary_page(found: Glossary) -> str:
    terms = sorted(found.terms.values(), key=lambda t: (t.term.casefold(), t.term))
    out = [
        # In search, below the pages that explain a term: this page names every term, in a line each.
        "---",
        "search:",
        f"  boost: {SEARCH_BOOST}",
        "---",
        "",
        "# Glossary",
        "",
        f"The {len(terms)} acronyms used on this site, each defined once. Wherever one appears on a page,"
        " hover over it to see what it stands for.",
        "",
        '<dl class="ltss-glossary">',
    ]
    for term in terms:
        out.append(
            f'<dt id="{term.anchor}"><strong>{html_text(term.term)}</strong>: {html_text(term.expansion)}</dt>'
            f"<dd>{html_text(term.definition)}</dd>"
        )
    out.append("</dl>")
    return "\n".join(out) + "\n"
