"""Assemble one document's print HTML from the pages MkDocs already built.

Each page's ``<article>`` is taken from the built site, stripped of what only makes sense on screen
(edit button, permalinks, scripts, forms, the download placeholder), and its ids are prefixed so that
pages can share one HTML file. Links are rewritten for paper:

- to a place inside the same document: an internal ``#anchor`` (a working link in the PDF);
- to another page of the site that this document does not include: plain text. The site has no
  fixed public address (``site_url`` is empty), so there is nothing absolute to point to; the cover
  says so, and the complete PDF contains every page;
- to other sites: kept, and printed with their address after the text.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Tag

from ...render.escape import html_text
from ...render.parts import PAGE_PART
from ...render.tables import header_scope
from ...structure.publications import Document, document_areas
from ...structure.site_paths import page_file, page_url

SCREEN_ONLY = (
    "a.md-content__button, a.headerlink, script, style, noscript.ltss-screen-only, button, form, input, select,"
    " textarea, iframe, canvas, video, audio, .ltss-download, .ltss-no-print, .md-source-file, aside.md-feedback"
)
"""Elements that have no meaning on paper. A component that is interactive on screen should offer a text
alternative in the page (e.g. the decision flow's outline) and mark the interactive part ``ltss-no-print``."""

EXTERNAL_SCHEMES = ("http", "https", "mailto")


def slug_of(uri: str) -> str:
    """A document-wide id for a page, from its path: ``pathways/x/index.md`` → ``pg-pathways-x``."""
    folder = page_url(uri, True).strip("/") or "home"
    return "pg-" + folder.replace("/", "-")


@dataclass(frozen=True)
class PrintItem:
    uri: str
    depth: int


class SitePages:
    """Reads and parses built pages once while their files do not change; several documents share a page, and
    the preview keeps one between edits."""

    def __init__(self, site_dir: Path, directory_urls: bool = True) -> None:
        self.site_dir = site_dir
        self.directory_urls = directory_urls
        """``use_directory_urls`` of the build that wrote them: where each page is, and its address."""
        self._articles: dict[str, tuple[tuple[int, int], str]] = {}

    def article(self, uri: str) -> str:
        path = self.site_dir / page_file(uri, self.directory_urls)
        stat = path.stat()
        seen = self._articles.get(uri)
        if seen is None or seen[0] != (stat.st_mtime_ns, stat.st_size):
            text = path.read_text(encoding="utf-8")
            # Cut the article out before parsing: the theme's navigation is most of each page's bytes.
            start, end = text.find("<article"), text.rfind("</article>")
            if start < 0 or end < start:
                raise ValueError(f"{path}: no <article> in the built page")
            article = BeautifulSoup(text[start : end + len("</article>")], "html.parser").find("article")
            if not isinstance(article, Tag):
                raise ValueError(f"{path}: no <article> in the built page")
            seen = ((stat.st_mtime_ns, stat.st_size), article.decode_contents())
            self._articles[uri] = seen
        return seen[1]


def _resolve(href: str, from_url: str) -> tuple[str, str]:
    """A relative link as (site URL, fragment): a folder's ``a/b/``, or a file's ``a/b.html``."""
    parts = urlsplit(href)
    folder = from_url if from_url.endswith("/") else posixpath.dirname(from_url)
    target = posixpath.normpath(posixpath.join(folder or ".", unquote(parts.path))) if parts.path else from_url
    target = "" if target in (".", "") else target
    if parts.path and (parts.path.endswith("/") or not posixpath.splitext(target)[1]) and target:
        target = target.rstrip("/") + "/"
    return target, parts.fragment


@dataclass(frozen=True)
class CleanPage:
    html: str
    title: str
    headings: list[tuple[str, str]]
    """(id, text) of the page's own main sections (``h2``, not the parts every page has), for the contents."""


def _clean_page(
    html: str, item: PrintItem, included: dict[str, str], pages: SitePages, document_title: str
) -> CleanPage:
    """One page's article, ready to sit inside the document."""
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.select(SCREEN_ONLY):
        element.decompose()
    slug = slug_of(item.uri)
    url = page_url(item.uri, pages.directory_urls)
    for element in soup.find_all(id=True):
        element["id"] = f"{slug}--{element['id']}"
    for details in soup.find_all("details"):
        details["open"] = ""
    for header in soup.find_all("th", scope=False):  # raw HTML tables: Markdown's have their scopes already
        row = header.find_parent("tr")
        cells = row.find_all(["th", "td"], recursive=False) if row is not None else [header]
        in_head = row is not None and row.parent is not None and row.parent.name == "thead"
        header["scope"] = header_scope(in_head, all(cell.name == "th" for cell in cells))
    for image in soup.find_all(["img", "source"]):
        for attribute in ("src", "srcset"):
            value = image.get(attribute)
            if isinstance(value, str) and value and not urlsplit(value).scheme:
                target, _ = _resolve(value.split()[0], url)
                image[attribute] = (pages.site_dir / target.rstrip("/")).as_uri()
    for link in soup.find_all("a", href=True):
        _rewrite_link(link, slug, url, included)
    footnotes = soup.select_one("div.footnote")
    if footnotes is not None:
        label = soup.new_tag("p", attrs={"class": "ltss-notes-label"})
        label.string = "Notes"
        footnotes.insert(0, label)
    title = soup.find("h1")
    if isinstance(title, Tag):
        # A page whose title the document's already says (a module's first page, a pathway packet's outcome page:
        # "Pathway packet: Your pathway: ...") leaves the running head's right side empty: no title twice.
        same = document_title in (_text(title), f"{document_title.split(': ', 1)[0]}: {_text(title)}")
        mark = "ltss-page-title-same" if same else "ltss-page-title"
        title["class"] = " ".join([*title.get_attribute_list("class"), mark]).strip()
    headings = [
        (str(h["id"]), _text(h)) for h in soup.find_all("h2", id=True) if PAGE_PART not in h.get_attribute_list("class")
    ]
    return CleanPage(
        f'<section class="ltss-print-page ltss-depth-{min(item.depth, 4)}" id="{slug}">\n{soup.decode()}\n</section>',
        _text(title) if isinstance(title, Tag) else item.uri,
        headings,
    )


def _text(element: Tag) -> str:
    """An element's text on one line, as printed: no spaces added around inline elements (``<abbr>``)."""
    return " ".join(element.get_text().split())


def _rewrite_link(link: Tag, slug: str, url: str, included: dict[str, str]) -> None:
    href = str(link["href"])
    scheme = urlsplit(href).scheme
    if scheme in EXTERNAL_SCHEMES:
        if link.get_text(strip=True) == href.removeprefix("mailto:") or scheme == "mailto":
            link["class"] = " ".join([*link.get_attribute_list("class"), "ltss-address-shown"]).strip()
        return
    if scheme:
        link.unwrap()
        return
    if href.startswith("#"):
        link["href"] = f"#{slug}--{href[1:]}" if len(href) > 1 else f"#{slug}"
        return
    target, fragment = _resolve(href, url)
    target_slug = included.get(target)
    if target_slug is None:
        if "ltss-about" in link.get_attribute_list("class"):
            link.decompose()
        else:
            link.unwrap()
        return
    link["href"] = f"#{target_slug}--{fragment}" if fragment else f"#{target_slug}"


@dataclass(frozen=True)
class BuildInfo:
    """What the cover says about the build, and the document metadata."""

    site_name: str
    language: str
    date: str
    """ISO date of the build (from SOURCE_DATE_EPOCH when set)."""
    timestamp: str
    """W3C date-time for the PDF's creation and modification dates."""
    version: str
    publisher: str = ""
    contact: str | None = None
    originals: tuple[tuple[str, str], ...] = ()
    """(content area, what the cover says about the original it summarises), in the areas' order."""


SECTIONS_UP_TO = 15
"""A document of at most this many pages lists each page's main sections in its contents; a longer one (the
whole site) lists its pages only."""


def _toc(
    document: Document, items: list[PrintItem], titles: dict[str, str], headings: dict[str, list[tuple[str, str]]]
) -> str:
    """Contents with page numbers: each page, and under it, run together on a line or two, its main sections."""
    with_headings = len(items) <= SECTIONS_UP_TO
    lines = ['<nav class="ltss-toc" aria-label="Contents">', '<h2 class="ltss-toc-title">Contents</h2>', "<ul>"]
    for item in items:
        slug = slug_of(item.uri)
        line = f'<li class="ltss-toc-depth-{min(item.depth, 4)}"><a href="#{slug}">{html_text(titles[item.uri])}</a>'
        sections = headings[item.uri] if with_headings else []
        if sections:
            entries = "".join(f'<li><a href="#{anchor}">{html_text(text)}</a></li>' for anchor, text in sections)
            line += f'<ul class="ltss-toc-sections">{entries}</ul>'
        lines.append(line + "</li>")
    lines += ["</ul>", "</nav>"]
    return "\n".join(lines)


def _cover(document: Document, info: BuildInfo) -> str:
    areas = document_areas(document) or [area for area, _ in info.originals]
    originals = [note for area, note in info.originals if area in areas]
    published = f"Published by {info.publisher}" + (f"; contact: {info.contact}" if info.contact else "") + "."
    return "\n".join(
        [
            '<section class="ltss-cover">',
            f'<p class="ltss-cover-site">{html_text(info.site_name)}</p>',
            f'<h1 class="ltss-cover-title">{html_text(document.title)}</h1>',
            f'<p class="ltss-cover-covers">{html_text(document.covers)}</p>' if document.covers else "",
            *(f'<p class="ltss-cover-original">{html_text(note)}</p>' for note in originals),
            f'<p class="ltss-cover-publisher">{html_text(published)}</p>' if info.publisher else "",
            f'<p class="ltss-cover-build">Built on {html_text(info.date)} from version {html_text(info.version)}.</p>',
            '<p class="ltss-cover-note">Links to places in this document work in the PDF. Links to parts of the site '
            "that this document does not include are printed as plain text; the complete PDF holds every page. "
            "Addresses of other sites are printed after their links.</p>",
            "</section>",
        ]
    )


@dataclass(frozen=True)
class PrintParts:
    """A document's print HTML in the pieces it is made of: the head (up to ``<body>``), the cover, the contents,
    and each site page's ``<section>`` (which starts a new sheet), with the page's id."""

    head: str
    cover: str
    toc: str
    pages: list[tuple[str, str]]
    """(slug, section HTML) of each site page, in order."""

    def whole(self) -> str:
        """The document's complete print HTML."""
        return self.piece(self.cover, self.toc, *(html for _, html in self.pages))

    def piece(self, *sections: str) -> str:
        """An HTML document of some of the sections, with the document's head."""
        return "\n".join([self.head, *sections, "</body>", "</html>"]) + "\n"


def assemble_parts(document: Document, pages: SitePages, info: BuildInfo) -> PrintParts:
    """A document's print HTML in pieces: cover, contents with page numbers, then each page."""
    items = [PrintItem(uri, 0) for uri in document.intro_uris]
    items += [PrintItem(p.page.uri, p.depth) for p in document.pages]
    items += [PrintItem(uri, 0) for uri in document.extra_uris]
    included = {page_url(item.uri, pages.directory_urls): slug_of(item.uri) for item in items}
    bodies: list[tuple[str, str]] = []
    titles: dict[str, str] = {}
    headings: dict[str, list[tuple[str, str]]] = {}
    for item in items:
        page = _clean_page(pages.article(item.uri), item, included, pages, document.title)
        titles[item.uri] = page.title
        headings[item.uri] = page.headings
        bodies.append((slug_of(item.uri), page.html))
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{html_text(info.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{html_text(document.title)}</title>",
        f'<meta name="description" content="{html_text(document.covers)}">',
        f'<meta name="generator" content="{html_text(info.site_name)} site engine {html_text(info.version)}">',
        f'<meta name="dcterms.created" content="{info.timestamp}">',
        f'<meta name="dcterms.modified" content="{info.timestamp}">',
        "</head>",
        f'<body class="ltss-print ltss-print-{document.kind}">',
    ]
    return PrintParts("\n".join(head), _cover(document, info), _toc(document, items, titles, headings), bodies)


def assemble(document: Document, pages: SitePages, info: BuildInfo) -> str:
    """The full print HTML of a document: cover, contents with page numbers, then each page."""
    return assemble_parts(document, pages, info).whole()
