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
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

import nh3

from ..structure.markup import REMOTE_LOADING, loads_from_elsewhere

TAGS = frozenset(
    {
        *("p", "div", "section", "article", "aside", "header", "footer", "nav", "main"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "hr", "br", "wbr", "blockquote", "pre", "code"),
        *("ul", "ol", "li", "dl", "dt", "dd", "details", "summary", "figure", "figcaption"),
        *("table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td"),
        *("a", "abbr", "b", "i", "em", "strong", "small", "sub", "sup", "span", "cite", "q", "dfn"),
        *("kbd", "samp", "var", "mark", "del", "ins", "s", "u", "time", "img", "label", "input"),
        # Inline SVG: the figures' charts and the flow map.
        *("svg", "g", "defs", "marker", "title", "desc", "rect", "circle", "ellipse", "line", "polyline"),
        *("polygon", "path", "text", "tspan"),
    }
)
"""What our renderers and Markdown extensions write into a page. Not here: script, style, iframe, frame,
object, embed, form, button, select, base, meta, link, template, SVG's use, image, foreignObject and
animations (which can set an address)."""

DROPPED_WITH_CONTENT = frozenset({"script", "style", "template"})
"""Removed with what they hold (other elements outside ``TAGS`` leave their text behind)."""

EVERY_ELEMENT = frozenset({"class", "id", "title", "lang", "dir", "role", "hidden", "tabindex", "style"})

ATTRIBUTES: dict[str, set[str]] = {
    "*": set(EVERY_ELEMENT),
    "a": {"href", "hreflang", "download"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "th": {"scope", "colspan", "rowspan", "headers", "align"},
    "td": {"colspan", "rowspan", "headers", "align"},
    "col": {"span"},
    "colgroup": {"span"},
    "time": {"datetime"},
    "ins": {"datetime"},
    "del": {"datetime"},
    "details": {"open"},
    "label": {"for"},
    "input": {"checked", "disabled"},
    "svg": {"xmlns", "viewBox", "width", "height", "preserveAspectRatio", "font-family", "font-size"},
    "marker": {"viewBox", "refX", "refY", "markerWidth", "markerHeight", "orient", "markerUnits"},
}
"""Attributes by element (``*``: on any), besides ``aria-*`` and ``data-*`` (``ATTRIBUTE_PREFIXES``)."""

SVG_DRAWING = frozenset(
    {
        *("x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "rx", "ry", "d", "points", "width", "height"),
        *("fill", "fill-opacity", "stroke", "stroke-width", "stroke-dasharray", "stroke-linecap"),
        *("stroke-linejoin", "opacity", "transform", "text-anchor", "dominant-baseline", "font-family"),
        *("font-size", "font-weight", "paint-order", "marker-start", "marker-mid", "marker-end", "dx", "dy"),
    }
)
for _shape in ("g", "rect", "circle", "ellipse", "line", "polyline", "polygon", "path", "text", "tspan"):
    ATTRIBUTES.setdefault(_shape, set()).update(SVG_DRAWING)

ATTRIBUTE_PREFIXES = frozenset({"aria-", "data-"})
ATTRIBUTE_VALUES = {"input": {"type": {"checkbox"}}}
"""Task lists' boxes are the only inputs content makes."""

URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
STYLE_PROPERTIES = frozenset({"text-align", "vertical-align", "width", "max-width", "height", "max-height"})
"""Layout only: none of these can load anything (Python-Markdown's aligned table cells, the figures' SVG)."""

RESERVED_IDS = re.compile(r"ltss-flow-data$|__")
"""Ids our scripts and Material's look elements up by; content that took one could feed a script its data."""

_URL_REFERENCE = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.IGNORECASE)


def _keep_attribute(element: str, attribute: str, value: str) -> str | None:
    """nh3's last word on each allowed attribute: what the allowlist by name cannot say."""
    if attribute == "id" and RESERVED_IDS.match(value):
        return None
    if attribute.startswith("data-md-"):  # Material's components (one calls the GitHub API from the page)
        return None
    if attribute in REMOTE_LOADING.get(element, ()) and loads_from_elsewhere(value, references=False):
        return None
    if (attribute in SVG_DRAWING or attribute == "style") and any(
        not target.startswith("#") for target in _URL_REFERENCE.findall(value)
    ):
        return None  # SVG paint and markers, and CSS, refer to the page's own elements only, never to a file
    return value


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
