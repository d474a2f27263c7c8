"""Raw HTML in a page body, read as a browser reads it: what may not be there, and the addresses it holds.

Page bodies are Markdown and may hold simple HTML (``<div markdown>``, ``<abbr>``); anything that runs code or
loads another site is added by the site itself, never by an editor's text. The body is read with the standard
library's HTML parser (outside code blocks and code spans), so a tag split over lines, an unquoted or upper-case
attribute and an address written with character references are seen as the browser would see them, each with
its line. These checks are for the editor's ``path:line`` message; the guarantee is ``render.sanitize``, which
cleans every page's HTML whatever the checks saw.
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Literal

from .allowlist import (
    ATTRIBUTE_VALUES,
    DROPPED_WITH_CONTENT,
    RESERVED_IDS,
    STYLE_PROPERTIES,
    SVG_DRAWING,
    TAGS,
    THEME_ATTRIBUTES,
    URL_SCHEMES,
    allows_attribute,
    refers_to_a_file,
    style_properties,
)
from .fences import fenced_lines
from .memo import remembered
from .model import Toolkit
from .problems import Location, Problems

FORBIDDEN_ELEMENTS = frozenset(
    {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "style", "base", "meta", "link", "form"}
)
SAFE_SCHEMES = tuple(sorted(URL_SCHEMES))
URL_ATTRIBUTES = frozenset(
    {"href", "src", "xlink:href", "action", "formaction", "poster", "data", "background", "cite", "srcset"}
)
"""Attributes whose value is an address a browser follows or loads."""
REMOTE_LOADING: dict[str, frozenset[str]] = {
    **{tag: frozenset({"src", "srcset"}) for tag in ("img", "source", "input", "embed", "iframe", "script")},
    **{tag: frozenset({"src", "poster"}) for tag in ("video", "audio", "track")},
    "object": frozenset({"data"}),
    "image": frozenset({"href", "xlink:href"}),
    "use": frozenset({"href", "xlink:href"}),
}
"""Attributes whose address the browser loads as the page opens (not a link the reader follows)."""

REMOTE_CSS = re.compile(
    r"""@import\s+(?:url\()?\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//""", re.IGNORECASE
)
"""A stylesheet's load from another host (``url(//host/...)``, ``@import "https://..."``)."""
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_IGNORED_IN_URLS = re.compile(r"[\t\n\r]")
_LEADING = "".join(chr(code) for code in range(0x21))
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+\1")


def url_scheme(address: str, *, references: bool = True) -> str | None:
    """The scheme a browser finds in ``address``, lower case, or None for a relative address: character
    references decoded (``jav&#x61;script:``; ``references``: the address is as written in Markdown, not a value
    an HTML parser has decoded already), leading controls and spaces dropped and tabs and newlines removed
    anywhere, as the URL standard does."""
    text = html.unescape(address) if references else address
    text = _IGNORED_IN_URLS.sub("", text).lstrip(_LEADING)
    found = _SCHEME.match(text)
    return found.group(1).lower() if found else None


def loads_from_elsewhere(address: str, *, references: bool = True) -> bool:
    """Whether a browser loading ``address`` (an image's ``src``) would ask another host: any scheme
    (``https:``, ``data:``) or a network path (``//host``, and ``\\\\host``, which browsers read the same)."""
    text = html.unescape(address) if references else address
    text = _IGNORED_IN_URLS.sub("", text).lstrip(_LEADING).replace("\\", "/")
    return text.startswith("//") or url_scheme(text, references=False) is not None


@dataclass(frozen=True)
class Tag:
    """A start tag in a page body: its name and attributes (lower case, values decoded) and its line."""

    name: str
    attributes: tuple[tuple[str, str], ...]
    line: int
    text: str = ""
    """A ``<style>`` element's stylesheet."""


class _Tags(HTMLParser):
    def __init__(self, first_line: int) -> None:
        super().__init__(convert_charrefs=True)
        self.first_line = first_line
        self.found: list[Tag] = []
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.first_line + self.getpos()[0] - 1
        self.found.append(Tag(tag, tuple((name, value or "") for name, value in attrs), line))
        self.in_style = tag == "style"  # what follows is its text, up to its end tag

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_style:
            self.found[-1] = dataclasses.replace(self.found[-1], text=self.found[-1].text + data)


@remembered(maxsize=4096)
def tags_in(body: str, first_line: int) -> tuple[Tag, ...]:
    """Every HTML start tag in a Markdown body outside fenced code and code spans, with the line it starts on.

    Kept by body: the markup check and the link check both read it, and the preview reads every page after
    each save."""
    return tags_in_html(without_code(body), first_line)


def tags_in_html(text: str, first_line: int = 1) -> tuple[Tag, ...]:
    parser = _Tags(first_line)
    parser.feed(text)
    parser.close()
    return tuple(parser.found)


LOADING_LINKS = frozenset(
    {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon"}
)


def live_markup(tag: Tag) -> Iterator[str]:
    """What in a start tag of a built page runs code or loads from another host, as a browser reads it: an event
    handler, an embedded document, an address with a scheme other than http(s), mailto or tel, an address
    loaded from elsewhere. The check of the written pages (``outputs.verify``) uses it."""
    rel = dict(tag.attributes).get("rel", "").lower().split()
    loading = REMOTE_LOADING.get(tag.name, frozenset()) | (
        {"href"} if tag.name == "link" and LOADING_LINKS.intersection(rel) else frozenset()
    )
    for css in REMOTE_CSS.finditer(tag.text):
        yield f"<style> loading from another host: {css.group(0)}"
    for name, value in tag.attributes:
        if name.startswith("on") or name == "srcdoc":
            yield f"a '{name}' attribute on <{tag.name}>"
            continue
        if name == "style":
            yield from (
                f"<{tag.name} style> loading from another host: {css.group(0)}" for css in REMOTE_CSS.finditer(value)
            )
        for address in _addresses(name, value):
            scheme = url_scheme(address, references=False)
            if name in URL_ATTRIBUTES and scheme is not None and scheme not in SAFE_SCHEMES:
                yield f"a '{scheme}:' address in <{tag.name} {name}>"
            elif name in loading and loads_from_elsewhere(address, references=False):
                yield f"<{tag.name} {name}> loaded from another host: {address[:80]}"


def without_code(body: str) -> str:
    """``body`` with fenced code blocks and code spans blanked out, line for line, so lines keep their numbers."""
    lines = body.split("\n")
    fenced = fenced_lines(lines)
    return "\n".join(
        "" if index in fenced else _CODE_SPAN.sub(lambda span: " " * len(span.group(0)), line)
        for index, line in enumerate(lines)
    )


def html_addresses(body: str, first_line: int) -> Iterator[tuple[Tag, str, str]]:
    """Each address in the body's HTML: its tag, attribute and value (for ``render.links``)."""
    for tag in tags_in(body, first_line):
        for name, value in tag.attributes:
            if name in URL_ATTRIBUTES:
                yield from ((tag, name, address) for address in _addresses(name, value))


def _addresses(attribute: str, value: str) -> list[str]:
    """The addresses in an attribute's value: one, or each candidate of a ``srcset`` (``a.png 1x, b.png 2x``)."""
    if attribute == "srcset":
        return [part.split()[0] for part in value.split(",") if part.split()]
    return [value] if value.strip() else []


Refusal = Literal["reserved id", "theme attribute", "loaded from elsewhere", "file reference"]


def refused_value(element: str, attribute: str, value: str) -> Refusal | None:
    """Why an attribute that ``structure.allowlist`` admits by name is removed all the same for its value, or None:
    the sanitizer's last word on each attribute (nh3's ``attribute_filter``) and the source check's, one rule."""
    if attribute == "id" and RESERVED_IDS.match(value):
        return "reserved id"
    if attribute.startswith(THEME_ATTRIBUTES):
        return "theme attribute"
    if attribute in REMOTE_LOADING.get(element, ()) and loads_from_elsewhere(value, references=False):
        return "loaded from elsewhere"
    if (attribute in SVG_DRAWING or attribute == "style") and refers_to_a_file(value):
        return "file reference"  # SVG paint and markers, and CSS, refer to the page's own elements only
    return None


_INSTEAD = {
    "video": "link to the video instead, in Markdown: [Watch the video](its address)",
    "audio": "link to the recording instead, in Markdown: [Listen to the recording](its address)",
    "button": "write a link instead: [Label](other-page.md)",
    "font": "use Markdown for emphasis (**bold**, *italic*); the site sets the fonts",
    "center": "remove it; the site lays out the page",
    "textarea": "write the text as a paragraph, or in `backticks` to show it as code",
}
_ATTRIBUTE_INSTEAD = {
    "xlink:href": "write the link in Markdown instead: [text](address)",
    "target": "remove it; links open in the same tab, and the reader chooses where",
    "rel": "remove it; the site sets how links behave",
    "align": "remove it; the site lays out the page (in a table, align a column with colons: |:---|---:|)",
    "width": "remove it; the site sizes it",
    "height": "remove it; the site sizes it",
}

_KEPT_STYLE = ", ".join(sorted(STYLE_PROPERTIES))


def dropped_markup(tag: Tag) -> Iterator[tuple[str, str]]:
    """What of a start tag the sanitizer removes from the published page, as ``(what, how to fix it)``, from the
    same allowlist (``structure.allowlist``) and value rule (``refused_value``) it applies. Not here, as other
    checks report them with their own messages: forbidden elements, event handlers and ``srcdoc`` (below),
    addresses with another scheme and images from another host (``render.links``)."""
    if tag.name in FORBIDDEN_ELEMENTS:
        return
    if tag.name not in TAGS:
        kept = "is removed with everything in it" if tag.name in DROPPED_WITH_CONTENT else "is removed (its text stays)"
        fix = _INSTEAD.get(tag.name, "write it in plain Markdown, or put it in `backticks` to show the tag as text")
        yield f"'<{tag.name}>' {kept} from the published page", fix
        return
    for name, value in tag.attributes:
        if name.startswith("on") or name == "srcdoc":
            continue
        if not allows_attribute(tag.name, name):
            fix = _ATTRIBUTE_INSTEAD.get(name, "remove it; pages format text with Markdown, not HTML attributes")
            yield f"HTML attribute '{name}' on '<{tag.name}>' is removed from the published page", fix
            continue
        allowed_values = ATTRIBUTE_VALUES.get(tag.name, {}).get(name)
        if allowed_values is not None and value.lower() not in allowed_values:
            yield (
                f"'{name}=\"{value[:40]}\"' on '<{tag.name}>' is removed from the published page",
                f"only {', '.join(sorted(allowed_values))} is kept; for a checklist write '- [ ] item' in Markdown",
            )
            continue
        refusal = refused_value(tag.name, name, value)
        if refusal == "reserved id":
            yield f"id '{value}' is reserved for the site's own scripts and is removed", "choose another id"
        elif refusal == "theme attribute":
            yield f"HTML attribute '{name}' belongs to the site's theme and is removed", "remove it"
        elif refusal == "file reference":
            yield (
                f"'url(...)' in '{name}' on '<{tag.name}>' refers to a file and is removed",
                "pages load nothing from CSS or drawings: put the image in the text with ![description](image.png)",
            )
        elif refusal is None and name == "style":
            for prop in style_properties(value):
                if prop not in STYLE_PROPERTIES:
                    yield (
                        f"CSS property '{prop[:40]}' in style on '<{tag.name}>' is removed from the published page",
                        "remove it; the site styles pages, and Markdown has **bold** and *italic* for emphasis; "
                        f"style keeps only {_KEPT_STYLE}, written in lower case",
                    )


def check_markup(toolkit: Toolkit, problems: Problems) -> None:
    """Record each forbidden element, event-handler attribute and embedded document in a page body, and
    everything else in its raw HTML that the sanitizer would remove: nothing an editor wrote vanishes unsaid."""
    for page in toolkit.pages.values():
        for tag in tags_in(page.body, page.body_line):
            where = Location(page.source, tag.line)
            if tag.name in FORBIDDEN_ELEMENTS:
                problems.add(
                    where,
                    f"'<{tag.name}>' is not allowed in a page",
                    "pages hold text, Markdown and simple HTML; to show the tag as text, put it in `backticks`",
                )
            for name, _ in tag.attributes:
                if name.startswith("on") or name == "srcdoc":
                    problems.add(
                        where,
                        f"HTML attribute '{name}' is not allowed in a page",
                        "remove it; pages do not run scripts",
                    )
            for message, hint in dropped_markup(tag):
                problems.add(where, message, hint)
