"""Escaping for strings that come from YAML: they are text, never markup or templates."""

from __future__ import annotations

import html
import posixpath
import re
from urllib.parse import quote

from ..structure.memo import remembered
from ..structure.site_paths import page_url

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


_INERT = str.maketrans({char: f"&#{ord(char)};" for char in "{}*_`[]\\|"})
"""Characters that Markdown or a template engine would act on, written as character references."""


def html_text(value: str) -> str:
    """Text for HTML content or an attribute, inert wherever it lands: HTML-escaped, and braces and Markdown
    punctuation written as character references, so that neither Markdown (these strings sit inside
    Markdown pages) nor a template engine (mkdocs-macros renders titles of opted-in pages) acts on them."""
    return html.escape(value, quote=True).translate(_INERT)


def md_text(value: str) -> str:
    """Text placed inline in Markdown: HTML-escaped, and Markdown punctuation backslash-escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(value, quote=False))


_INERT_IN_URL = str.maketrans({char: f"&#{ord(char)};" for char in "{}`[]\\"})
"""For addresses inside an HTML tag: Python-Markdown sets tags aside before it reads emphasis, so ``_`` and
``*`` are safe there, but links, code spans and backslash escapes are read first."""


def external_link(url: str, label: str) -> str:
    """An inline HTML link to another site (addresses are validated, but escape them anyway)."""
    return f'<a href="{html.escape(url, quote=True).translate(_INERT_IN_URL)}">{html_text(label)}</a>'


@remembered(maxsize=65536)
def relative(target_uri: str, from_uri: str) -> str:
    """A relative Markdown link target from one docs page to another (``a/b.md`` style)."""
    rel = posixpath.relpath(target_uri, posixpath.dirname(from_uri) or ".")
    return quote(rel, safe="/#.-_~")


def relative_url(target_uri: str, from_uri: str, directory_urls: bool) -> str:
    """The address of one docs page as a link from another's built page, as MkDocs writes a Markdown link
    between them (``../b/`` or ``b.html``): for addresses that sit in data rather than in a link."""
    target, here = page_url(target_uri, directory_urls) or "./", page_url(from_uri, directory_urls) or "./"
    folder = here.rstrip("/") if here.endswith("/") else posixpath.dirname(here)
    rel = posixpath.relpath(target.rstrip("/") or ".", folder or ".")
    if target.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    return quote(rel, safe="/#.-_~")


def svg_number(value: float) -> str:
    """A coordinate or length in an SVG: at most one decimal, no trailing ``.0``, the same text on every run."""
    text = f"{round(value, 1):.1f}"
    return text[:-2] if text.endswith(".0") else text
