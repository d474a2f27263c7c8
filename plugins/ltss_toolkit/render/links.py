"""The engine's own check of every link and anchor in content pages, before MkDocs sees them.

MkDocs reports a broken link by the generated page's path and without a line. Here each link in an
editor's Markdown is found with its line, resolved the way MkDocs resolves it (relative to the page's
docs path), and checked against every page the site will have: content pages, ``docs/`` pages and the
generated ones. Anchors are the ids Python-Markdown gives the page once rendered (the ``toc`` extension's
slugs, headings the renderer adds such as "Questions to consider" or "Related resources", explicit ids),
computed with the site's own Markdown extensions so that they match the build.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Callable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

import markdown

from ..structure.fences import prose_lines
from ..structure.markup import (
    FORBIDDEN_ELEMENTS,
    REMOTE_LOADING,
    SAFE_SCHEMES,
    html_addresses,
    loads_from_elsewhere,
    url_scheme,
)
from ..structure.memo import remembered
from ..structure.model import Toolkit
from ..structure.problems import UNSAFE, Location, Problems, did_you_mean
from .page import render_page

DEFAULT_EXTENSIONS = ["abbr", "attr_list", "def_list", "fenced_code", "footnotes", "md_in_html", "tables", "toc"]
"""Without a configuration (tests): a site's usual extensions, with the three MkDocs always adds."""

_INLINE = re.compile(r"(!?)\[(?:[^\[\]\\]|\\.|\[[^\]]*\])*\]\(\s*(<[^>]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)")
_CONTINUED = re.compile(r"^[^\[]*?\]\(\s*(<[^>]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)")
"""The end of a link whose text began on an earlier line: ``runs over two lines](target)``."""
_OPENED = re.compile(r"(!?)\[[^\]]*$")
"""A link's (or an image's) text left open at the end of a line."""
_REFERENCE = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:\s*(\S+)")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+\1")
_ID = re.compile(r"""\sid=["']([^"']+)["']""")


_CONTROLS = {code: repr(chr(code))[1:-1] for code in range(0x20)}
"""A tab or a control character in an address, shown as an escape (``\\t``) in the message's one line."""


@dataclass(frozen=True)
class Link:
    target: str
    line: int
    loaded: bool = False
    """Loaded with the page (an image), not followed by the reader."""


@remembered(maxsize=4096)
def links_in(body: str, first_line: int) -> tuple[Link, ...]:
    """Every link target in Markdown (inline, reference definitions, addresses in HTML) outside code, with its line.

    Kept by page body: the preview checks every page's links after each save, and only the edited body is new."""
    found = list(_links_in(body, first_line))
    for tag, attribute, value in html_addresses(body, first_line):
        loaded = tag.name not in FORBIDDEN_ELEMENTS and attribute in REMOTE_LOADING.get(tag.name, ())
        found.append(Link(value.strip(), tag.line, loaded))
    return tuple(sorted(found, key=lambda link: link.line))


def _links_in(body: str, first_line: int) -> Iterator[Link]:
    opened: str | None = None  # "!" or "" while a link's text runs over lines
    previous = -1
    for offset, line in prose_lines(body):
        if offset != previous + 1:
            opened = None  # a blank line or code came between: no link runs over it
        previous = offset
        text = _CODE_SPAN.sub("", line)
        targets = [(m.group(2), m.group(1) == "!") for m in _INLINE.finditer(text)]
        continued = _CONTINUED.match(text) if opened is not None else None
        if continued:
            targets.append((continued.group(1), opened == "!"))
        if (still_open := _OPENED.search(text)) is not None:
            opened = still_open.group(1)
        elif "]" in text:
            opened = None
        targets += [(m.group(1), False) for m in _REFERENCE.finditer(text)]
        for target, image in targets:
            yield Link(target.strip("<>").strip(), first_line + offset, image)


class Anchors:
    """The element ids of each page once converted to HTML, computed on demand and kept."""

    def __init__(
        self,
        sources: Mapping[str, Callable[[], str]],
        new_markdown: Callable[[], markdown.Markdown],
        added: Mapping[str, list[str]] | None = None,
    ):
        self._sources = sources
        self._new_markdown = new_markdown
        self._added = added or {}
        self._ids: dict[str, list[str]] = {}

    def of(self, uri: str) -> list[str]:
        if uri not in self._ids:
            ids = [*_ids_in(self._sources[uri](), self._new_markdown), *self._added.get(uri, ())]
            self._ids[uri] = list(dict.fromkeys(ids))
        return self._ids[uri]


def element_ids(html: str) -> list[str]:
    """The ``id`` attributes in ``html``, in order, once each."""
    return list(dict.fromkeys(_ID.findall(html)))


@remembered(maxsize=1024)
def _ids_in(text: str, new_markdown: Callable[[], markdown.Markdown]) -> tuple[str, ...]:
    """The element ids of ``text`` once converted; kept, as the preview checks the same pages after every save."""
    return tuple(element_ids(new_markdown().convert(text)))


@dataclass(frozen=True)
class MarkdownSetup:
    """Makes Python-Markdown converters set up as the site's; equal setups are one key for ``_ids_in``."""

    extensions: tuple[Any, ...]
    configs_key: str
    configs: Mapping[str, Any] = field(compare=False, hash=False)

    def __call__(self) -> markdown.Markdown:
        return markdown.Markdown(extensions=list(self.extensions), extension_configs=dict(self.configs))


def markdown_factory(
    extensions: list[Any] | None = None, configs: Mapping[str, Any] | None = None
) -> Callable[[], markdown.Markdown]:
    """A maker of Python-Markdown converters set up as the site's (``markdown_extensions`` of mkdocs.yml)."""
    chosen = tuple(extensions) if extensions else tuple(DEFAULT_EXTENSIONS)
    return MarkdownSetup(chosen, repr(sorted((configs or {}).items())), dict(configs or {}))


def check_links(
    toolkit: Toolkit,
    other_pages: Mapping[str, str],
    files: set[str],
    problems: Problems,
    new_markdown: Callable[[], markdown.Markdown] | None = None,
    unreadable: AbstractSet[str] = frozenset(),
    added_ids: Mapping[str, list[str]] | None = None,
) -> None:
    """Record every internal link or anchor in a content page that leads nowhere, with its line.

    ``other_pages`` is the Markdown of every page that is not a content page (``docs/`` pages and the
    generated ones) by docs path; ``files`` the other files the site publishes; ``unreadable`` the
    content pages that exist but could not be loaded (their own problems are reported already); ``added_ids``
    the ids the extensions' macros add to each page (``Extension.anchors``).
    """
    sources: dict[str, Callable[[], str]] = {uri: functools.partial(str, text) for uri, text in other_pages.items()}
    for page in toolkit.pages.values():
        sources[page.uri] = functools.partial(render_page, page, toolkit, page.body)
    anchors = Anchors(sources, new_markdown or markdown_factory(), added_ids)
    published = files | set(toolkit.assets) | set(unreadable)
    for page in sorted(toolkit.pages.values(), key=lambda p: p.source):
        for link in links_in(page.body, page.body_line):
            problem = _problem(link, page.uri, sources, published, anchors)
            if problem is not None:
                message, hint = problem
                unsafe = url_scheme(link.target) is not None or link.target.startswith("//")  # javascript:, data:...
                problems.add(
                    Location(page.source, link.line),
                    f"link to '{link.target.translate(_CONTROLS)}': {message}",
                    hint,
                    UNSAFE if unsafe else "",
                )


def unsafe_address(link: Link) -> tuple[str, str] | None:
    """What is wrong with a link's address that the sanitizer would remove from the page (a scheme other than
    http(s), mailto or tel; an image from another host), with how to fix it, or None."""
    scheme = url_scheme(link.target)
    if scheme is not None and scheme not in SAFE_SCHEMES:
        return f"'{scheme}:' links are not allowed", "link to a web address starting with https://"
    if link.loaded and loads_from_elsewhere(link.target):
        return "pages load images only from this site", "save the image in the page's folder and link to its file"
    return None


def _problem(
    link: Link, from_uri: str, pages: Mapping[str, object], files: set[str], anchors: Anchors
) -> tuple[str, str] | None:
    target = link.target
    unsafe = unsafe_address(link)
    if unsafe is not None:
        return unsafe
    if url_scheme(target) is not None or target.startswith("//"):
        return None
    if target.startswith("/"):
        return "absolute link", "link to the page's file relative to this one, such as '../other/page.md'"
    path, _, fragment = target.partition("#")
    path = unquote(path.split("?", 1)[0])
    fragment = unquote(fragment)
    if not path:
        destination = from_uri
    else:
        destination = posixpath.normpath(posixpath.join(posixpath.dirname(from_uri), path))
        if not path.endswith(".md"):
            copied = _page_at_address(path, from_uri, pages)
            if copied is not None and copied != destination:
                file = _relative(copied, from_uri) + (f"#{fragment}" if fragment else "")
                return (
                    "this is the page's address in the browser, not its file",
                    f"link the page's file instead: '{file}'",
                )
        if destination.startswith("../") or destination == "..":
            return "it leads outside the site", "link to a page of this site by its file, such as 'page.md'"
        if not path.endswith(".md"):
            if destination in files:
                return None
            folder_page = posixpath.join(destination, "index.md")
            if folder_page in pages or destination + ".md" in pages:
                file = folder_page if folder_page in pages else destination + ".md"
                return "link to a page's address", f"link to its file instead: '{_relative(file, from_uri)}'"
            return "no such file", "check the name; images and other files go in the same folder as the page"
        if destination in files:
            return None
        if destination not in pages:
            return "no such page", _closest(path, from_uri, pages)
    if fragment and fragment not in anchors.of(destination):
        known = anchors.of(destination)
        return f"no heading '{fragment}' on that page", did_you_mean(fragment, known)
    return None


def _page_at_address(path: str, from_uri: str, pages: Mapping[str, object]) -> str | None:
    """The page a relative address copied from the browser leads to, read as the browser reads it: from the
    page's own address (``module/page.md`` is shown at ``module/page/``), so ``../other/`` is its sibling."""
    stem = from_uri.removesuffix(".md")
    address = posixpath.dirname(stem) if posixpath.basename(stem) == "index" else stem
    target = posixpath.normpath(posixpath.join(address, path))
    for uri in (f"{target}.md", posixpath.join(target, "index.md")):
        if uri in pages:
            return uri
    return None


def _relative(uri: str, from_uri: str) -> str:
    return posixpath.relpath(uri, posixpath.dirname(from_uri) or ".")


def _closest(path: str, from_uri: str, pages: Mapping[str, object]) -> str:
    candidates = [_relative(uri, from_uri) for uri in pages]
    return did_you_mean(path, candidates)
