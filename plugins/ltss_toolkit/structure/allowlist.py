"""What a page's HTML may hold: the one allowlist that the sanitizer applies and the source check reports against.

``render.sanitize`` gives these sets to nh3, which removes everything else from every page the build writes;
``structure.markup`` reads an editor's raw HTML against the same sets, so whatever the sanitizer would remove is
reported with its ``path:line`` instead of vanishing from the page. Change what is allowed here, and both follow.
"""

from __future__ import annotations

import re

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
"""Task lists' boxes are the only inputs content makes (the value compared without regard to case, as nh3 does)."""

URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
STYLE_PROPERTIES = frozenset({"text-align", "vertical-align", "width", "max-width", "height", "max-height"})
"""Layout only: none of these can load anything (Python-Markdown's aligned table cells, the figures' SVG)."""

RESERVED_IDS = re.compile(r"ltss-flow-data$|__")
"""Ids our scripts and Material's look elements up by; content that took one could feed a script its data."""

THEME_ATTRIBUTES = "data-md-"
"""Material's components read these (one calls the GitHub API from the page): never content's."""

URL_REFERENCE = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.IGNORECASE)

_BY_NAME = {element: {name.lower() for name in names} for element, names in ATTRIBUTES.items()}


def allows_attribute(element: str, attribute: str) -> bool:
    """Whether ``attribute`` may stand on ``element`` at all, by its name (lower case, as an HTML parser gives it;
    the HTML parser of nh3 gives SVG's ``viewBox`` its capital, so the names compare without regard to case)."""
    name = attribute.lower()
    return (
        name in _BY_NAME["*"]
        or name in _BY_NAME.get(element, ())
        or (name in ATTRIBUTE_VALUES.get(element, {}))
        or any(name.startswith(prefix) for prefix in ATTRIBUTE_PREFIXES)
    )


def style_properties(style: str) -> list[str]:
    """The property names in a ``style`` attribute's value, as written (nh3 compares them as written, so
    ``TEXT-ALIGN`` is not ``text-align``)."""
    return [part.split(":", 1)[0].strip() for part in style.split(";") if part.strip()]


def refers_to_a_file(value: str) -> bool:
    """Whether an SVG paint or marker attribute, or CSS, refers with ``url(...)`` to anything but the page's own
    elements (``url(#arrow)``)."""
    return any(not target.startswith("#") for target in URL_REFERENCE.findall(value))
