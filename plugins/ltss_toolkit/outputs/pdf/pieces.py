"""A document laid out piece by piece, for the preview (``serve --pdf``): an edit lays out again only the site
pages it changed.

Every site page starts a new sheet, so a document splits cleanly into pieces: the front matter (cover and
contents) and one piece per site page. A piece is laid out on its own with the numbers the whole layout would
print on it (its first page number, the document's page count, and in the contents the page of each entry),
and kept in the worker process, keyed by the digest of its HTML (with its images, as the PDF cache keys a
document) and of those numbers. The pieces' pages are merged into one WeasyPrint document and written once, so
internal links, the outline and the PDF/UA tags are made over the whole document. The first layout of a document
is done whole and cut into pieces.

``make site`` never uses this: its PDFs are laid out whole, from a fresh worker, so the bytes are reproducible.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .assemble import PrintParts
from .cache import content_key
from .render import STYLESHEET, RenderedPdf, header_scopes_in_pdf, local_fetcher

if TYPE_CHECKING:
    from weasyprint import CSS, Document, Page
    from weasyprint.text.fonts import FontConfiguration

PDF_VARIANT = "pdf/ua-1"
FULL_COLLECTION_EVERY = 10
"""Settles between full garbage collections over the kept pieces too (see ``PieceLayouts.settle``)."""
MAX_PASSES = 4
"""Layouts until the page numbers agree with the page counts; an edit that changes no page count needs one."""

_TOC_LINK = re.compile(r'<a href="#([^"]+)">')


def css_string(text: str) -> str:
    """``text`` as a CSS string literal."""
    escaped = "".join(c if c.isalnum() or c in " .,:;'()-_&/" else f"\\{ord(c):x} " for c in text)
    return f'"{escaped}"'


def page_numbers_css(title: str, first_page: int, page_count: int) -> str:
    """What a site page's piece prints in its margins when laid out alone: the document title the cover would have
    set, its page numbers from ``first_page``, and the document's count (its own first sheet is not the cover)."""
    footer = f'"Page " counter(page) " of {page_count}"'
    boxes = f"@top-left {{ content: {css_string(title)}; }} @bottom-right {{ content: {footer}; }}"
    return (
        f"@page {{ {boxes} }}\n"
        f"@page :first {{ counter-set: page {first_page}; {boxes} @top-right {{ content: string(page-title); }} }}\n"
    )


def front_css(page_count: int) -> str:
    """The front matter's margins and contents when laid out alone: numbers given in ``data-page``."""
    return (
        f'@page {{ @bottom-right {{ content: "Page " counter(page) " of {page_count}"; }} }}\n'
        '.ltss-toc li > a::after { content: leader(". ") attr(data-page); }\n'
        '.ltss-toc .ltss-toc-sections a::after { content: "\\00A0" attr(data-page); }\n'
    )


def numbered_toc(toc: str, numbers: dict[str, int]) -> str:
    """The contents with each entry's page number in ``data-page`` (empty if its anchor was not found)."""
    return _TOC_LINK.sub(lambda m: f'<a href="#{m[1]}" data-page="{numbers.get(m[1], "")}">', toc)


def first_pages(pages: list[Page], first_number: int) -> dict[str, int]:
    """The number of the page each anchor starts on (an element split over pages has an anchor on each)."""
    numbers: dict[str, int] = {}
    for number, page in enumerate(pages, first_number):
        for name in page.anchors:
            numbers.setdefault(name, number)
    return numbers


def _digest(*texts: str) -> str:
    digest = hashlib.sha256()
    for text in texts:
        digest.update(text.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


@dataclass
class _Laid:
    """One document's pieces at its last layout: every piece by key, and each site page's count by HTML digest."""

    pieces: dict[str, Document] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    front_count: int = 1
    slot_counts: list[int] = field(default_factory=list)


class PieceLayouts:
    """Lays out documents in pieces and keeps each document's last pieces (one per worker process)."""

    def __init__(self) -> None:
        from weasyprint.text.fonts import FontConfiguration

        self.fetcher = local_fetcher()
        self.fonts: FontConfiguration = FontConfiguration()
        self.stylesheet_text = ""
        self.stylesheet: CSS | None = None
        self.documents: dict[str, _Laid] = {}
        self.settled = 0

    def settle(self) -> None:
        """Between layouts: collect the last layout's garbage and freeze what is kept. Kept pieces are hundreds of
        MB of objects; a full collection over them takes most of a second and would otherwise fall, now and then,
        inside an edit's layout. Every few settles the kept pieces are collected too (pieces replaced since)."""
        self.settled += 1
        if self.settled % FULL_COLLECTION_EVERY == 0:
            gc.unfreeze()
        gc.collect()
        gc.freeze()

    def _styles(self, extra: str = "") -> list[CSS]:
        """Our print stylesheet, parsed again only when it changed, and the piece's ``extra`` rules."""
        import weasyprint

        text = STYLESHEET.read_text(encoding="utf-8")
        if self.stylesheet is None or text != self.stylesheet_text:
            self.stylesheet = weasyprint.CSS(string=text, url_fetcher=self.fetcher, font_config=self.fonts)
            self.stylesheet_text, self.documents = text, {}
        styles = [self.stylesheet]
        if extra:
            styles.append(weasyprint.CSS(string=extra, url_fetcher=self.fetcher, font_config=self.fonts))
        return styles

    def _render(self, html: str, base_url: str, extra: str = "") -> Document:
        import weasyprint

        return weasyprint.HTML(string=html, base_url=base_url, url_fetcher=self.fetcher).render(
            stylesheets=self._styles(extra), font_config=self.fonts, pdf_variant=PDF_VARIANT
        )

    def warm(self) -> None:
        """Load WeasyPrint, the fonts and the stylesheet before the first document is asked for."""
        self._render("<p>warm</p>", "file:///")

    def lay_out(self, doc_id: str, parts: PrintParts, base_url: str, title: str) -> RenderedPdf:
        """The document's PDF, from the pieces kept since its last layout where they did not change."""
        self._styles()  # drops every kept piece if the stylesheet changed
        laid = self.documents.get(doc_id)
        merged = self._from_pieces(parts, base_url, title, laid) if laid is not None else None
        if merged is None:
            merged = self._whole(doc_id, parts, base_url, title)
        data = merged.write_pdf(
            pdf_variant=PDF_VARIANT, pdf_identifier=False, uncompressed_pdf=False, finisher=header_scopes_in_pdf
        )
        return RenderedPdf(data, len(merged.pages))

    def _whole(self, doc_id: str, parts: PrintParts, base_url: str, title: str) -> Document:
        """Lay out the whole document, and keep it cut into pieces for the next layout."""
        document = self._render(parts.whole(), base_url)
        numbers = first_pages(document.pages, 1)
        starts = [numbers.get(slug, 0) - 1 for slug, _ in parts.pages]
        if not starts or -1 in starts or starts != sorted(starts):  # not cut where expected: kept whole only
            self.documents.pop(doc_id, None)
            return document
        bounds = [*starts, len(document.pages)]
        total = len(document.pages)
        laid = _Laid(front_count=bounds[0])
        laid.pieces[self._front_key(parts, numbers, total)] = document.copy(document.pages[: bounds[0]])
        for (_, html), start, end in zip(parts.pages, bounds, bounds[1:], strict=False):
            key = self._page_key(parts, html, title, start + 1, total)
            laid.pieces[key] = document.copy(document.pages[start:end])
            laid.counts[_digest(html)] = end - start
            laid.slot_counts.append(end - start)
        self.documents[doc_id] = laid
        return document

    @staticmethod
    def _front_key(parts: PrintParts, numbers: dict[str, int], total: int) -> str:
        return _digest("front", content_key(parts.piece(parts.cover, numbered_toc(parts.toc, numbers))), str(total))

    @staticmethod
    def _page_key(parts: PrintParts, html: str, title: str, first_page: int, total: int) -> str:
        """The piece's HTML with its head and images (as the PDF cache keys a document), and its numbers."""
        return _digest("page", content_key(parts.piece(html)), title, str(first_page), str(total))

    def _from_pieces(self, parts: PrintParts, base_url: str, title: str, laid: _Laid) -> Document | None:
        """The document merged from its pieces, each laid out again only if its HTML or numbers changed; None if
        the numbers do not settle (the caller then lays the document out whole)."""
        same_slots = len(laid.slot_counts) == len(parts.pages)
        counts = [
            laid.counts.get(_digest(html), laid.slot_counts[i] if same_slots else 1)
            for i, (_, html) in enumerate(parts.pages)
        ]
        front_count = laid.front_count
        used: dict[str, Document] = {}
        for _ in range(MAX_PASSES):
            total = front_count + sum(counts)
            starts = [front_count + 1 + sum(counts[:i]) for i in range(len(counts))]
            pieces: dict[str, Document] = {}
            for (_, html), start in zip(parts.pages, starts, strict=True):
                key = self._page_key(parts, html, title, start, total)
                piece = used.get(key) or laid.pieces.get(key)
                if piece is None:
                    piece = self._render(parts.piece(html), base_url, page_numbers_css(title, start, total))
                used[key] = pieces[key] = piece
            actual = [len(piece.pages) for piece in pieces.values()]
            if actual != counts:
                counts = actual
                continue
            numbers: dict[str, int] = {}
            for piece, start in zip(pieces.values(), starts, strict=True):
                numbers |= first_pages(piece.pages, start)
            key = self._front_key(parts, numbers, total)
            front = used.get(key) or laid.pieces.get(key)
            if front is None:
                html = parts.piece(parts.cover, numbered_toc(parts.toc, numbers))
                front = self._render(html, base_url, front_css(total))
            used[key] = front
            if len(front.pages) != front_count:
                front_count = len(front.pages)
                continue
            laid.pieces, laid.front_count, laid.slot_counts = {key: front, **pieces}, front_count, counts
            laid.counts = {_digest(html): count for (_, html), count in zip(parts.pages, counts, strict=True)}
            return front.copy([*front.pages, *(page for piece in pieces.values() for page in piece.pages)])
        return None


@functools.cache
def worker_layouts() -> PieceLayouts:
    """This worker process's layouts, kept from one call to the next."""
    return PieceLayouts()


def lay_out_in_pieces(doc_id: str, parts: PrintParts, base_url: str, title: str) -> RenderedPdf:
    """In a worker process: the document's PDF, from this process's kept pieces."""
    return worker_layouts().lay_out(doc_id, parts, base_url, title)
