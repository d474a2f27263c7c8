"""The output sanitizer (``render.sanitize``) as a Python-Markdown extension, for the pages Zensical makes.

With MkDocs, our plugin cleans each page's HTML once Markdown has made it (``on_page_content``). Zensical runs no
MkDocs plugin, but it runs the Markdown extensions its configuration lists, in its own process: this one cleans
the HTML at the same point, last of Markdown's steps, with the same allowlist. The engine's own fragments
(``trusted_html``) were signed in the build's process, with a key made there; the adapter hands that key to
Zensical's process in ``KEY_VARIABLE`` (its environment only: content cannot read or set it), so they are kept
there as in the MkDocs build, and a forged one is cleaned.
"""

from __future__ import annotations

import os
from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

from ..render import sanitize

KEY_VARIABLE = "LTSS_TRUSTED_FRAGMENT_KEY"
LAST = 0
"""Postprocessors run from the highest priority down (raw HTML is put back at 30): 0 runs after all of them."""


def build_key() -> str:
    """This process's signing key, to hand to Zensical's process."""
    return sanitize.signing_key()


def use_build_key() -> None:
    """In Zensical's process: sign and check with the build's key, when it was handed one."""
    key = os.environ.get(KEY_VARIABLE)
    if key:
        sanitize.use_signing_key(key)


class _Clean(Postprocessor):
    def run(self, text: str) -> str:
        return sanitize.clean_page_html(text)


class SanitizeExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        use_build_key()
        md.postprocessors.register(_Clean(md), "ltss-sanitize", LAST)


def makeExtension(**kwargs: Any) -> SanitizeExtension:  # noqa: N802 - Python-Markdown's entry point
    return SanitizeExtension(**kwargs)
