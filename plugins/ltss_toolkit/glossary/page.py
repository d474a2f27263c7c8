"""The glossary page: every term once, in alphabetical order, each with an anchor to link to."""

from __future__ import annotations

from ..render.escape import html_text
from .model import Glossary

GLOSSARY_URI = "glossary.md"


def render_glossary_page(found: Glossary) -> str:
    terms = sorted(found.terms.values(), key=lambda t: (t.term.casefold(), t.term))
    out = [
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
