"""Every page's HTML, once Markdown has made it, cut down to an allowlist: the guarantee that content runs nothing.

Content is untrusted: anyone can open a pull request, and CI builds it. The source checks
(``structure.markup``, ``render.links``) tell an editor which line is wrong; this is what makes sure that
nothing they miss reaches a reader. ``clean_page_html`` runs on the HTML that Markdown made from a page (the
editor's body, macros' output, the parts the engine adds) and keeps only the elements and attributes that our
own renderers write (text, tables, footnotes, admonitions, task lists, the figures' and the flow map's inline
SVG) through nh3 (the Ammonia sanitizer, which parses as a browser does): no ``<script>``, ``<style>``,
``<iframe>``, ``<object>``, ``<embed>`` or ``<form>``, no ``on*`` attribute, no address with a scheme other
than http(s), mailto or tel, no image from another host, no CSS beyond a few layout properties.

The engine's own markup that the allowlist does not admit (the case-study filter's form, the flow's JSON data)
is carried through the page by ``trusted_html``: signed with a key made afresh in each process, which content
cannot know, so an editor cannot forge it.

What is allowed is defined once, in ``structure.allowlist``: the source check (``structure.markup``) reports
against the same sets, so what this removes from an editor's HTML is first reported with its line.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

import nh3

from ..structure.allowlist import (
    ATTRIBUTE_PREFIXES,
    ATTRIBUTE_VALUES,
    ATTRIBUTES,
    DROPPED_WITH_CONTENT,
    STYLE_PROPERTIES,
    TAGS,
    URL_SCHEMES,
)
from ..structure.markup import refused_value


def _keep_attribute(element: str, attribute: str, value: str) -> str | None:
    """nh3's last word on each allowed attribute: what the allowlist by name cannot say."""
    return None if refused_value(element, attribute, value) else value


_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes={element: set(names) for element, names in ATTRIBUTES.items()},
    attribute_filter=_keep_attribute,
    strip_comments=True,
    link_rel=None,
    generic_attribute_prefixes=set(ATTRIBUTE_PREFIXES),
    tag_attribute_values={
        element: {a: set(v) for a, v in values.items()} for element, values in ATTRIBUTE_VALUES.items()
    },
    url_schemes=set(URL_SCHEMES),
    filter_style_properties=set(STYLE_PROPERTIES),
)

_KEY = secrets.token_bytes(32)
_CARRIED = re.compile(r"<!--ltss-trusted ([0-9a-f]{64})-->\n(.*?)\n<!--/ltss-trusted-->", re.DOTALL)


def signing_key() -> str:
    """This process's key for ``trusted_html``, as hex: a build that hands pages to another process (Zensical's)
    passes it on, so the fragments signed here are recognised there."""
    return _KEY.hex()


def use_signing_key(key: str) -> None:
    """Sign and check with ``key`` (from ``signing_key`` in the build's process) instead of this process's own."""
    global _KEY
    _KEY = bytes.fromhex(key)


def _signature(fragment: str) -> str:
    return hmac.new(_KEY, fragment.encode("utf-8"), hashlib.sha256).hexdigest()


def trusted_html(fragment: str) -> str:
    """The engine's own ``fragment`` (built from escaped data, never from an editor's markup) between two comments,
    the first carrying its signature: Markdown passes such a block through as it is, and ``clean_page_html`` puts
    it back unchanged. Only for what ``TAGS`` cannot hold, and only as a block of its own (not inside a
    ``<div markdown>``, where Markdown rewrites HTML: the signature would not match and the fragment would be
    cleaned like the rest)."""
    return f"<!--ltss-trusted {_signature(fragment)}-->\n{fragment}\n<!--/ltss-trusted-->"


def clean_page_html(html: str) -> str:
    """A page's content HTML with only what ``TAGS``, ``ATTRIBUTES`` and ``URL_SCHEMES`` allow, and the
    fragments of ``trusted_html`` (checked by their signature; a forged one is cleaned) as they were."""
    kept: dict[str, str] = {}

    def set_aside(found: re.Match[str]) -> str:
        signature, fragment = found.groups()
        if not hmac.compare_digest(signature, _signature(fragment)):
            return found.group(0)  # not ours: cleaned as the rest of the page
        token = f"ltss-trusted-{secrets.token_hex(16)}"
        kept[token] = fragment
        return token

    cleaned = _CLEANER.clean(_CARRIED.sub(set_aside, html))
    if kept:
        cleaned = re.sub("|".join(kept), lambda found: kept[found.group(0)], cleaned)
    return cleaned
