"""The WeasyPrint call: print HTML in, tagged PDF/UA-1 bytes out, without touching the network."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcher

LOCAL_PROTOCOLS = ("file", "data")
"""WeasyPrint 70 dropped ``default_url_fetcher``; its ``URLFetcher`` limited to these never goes online."""

STYLESHEET = Path(__file__).with_name("print.css")
RENDER_CODE = Path(__file__)
"""This module: part of the PDF cache's key, since it decides how the laid-out document is written."""


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int


def render_pdf(html: str, base_url: str) -> RenderedPdf:
    """Lay out ``html`` with our print stylesheet (never Material's screen CSS) and write a PDF/UA-1 file.

    Dates come from the ``dcterms.created``/``dcterms.modified`` meta elements of ``html``, so the
    same HTML gives the same bytes.
    """
    import weasyprint  # here: only a build that lays out a PDF loads WeasyPrint
    from weasyprint.text.fonts import FontConfiguration

    fetcher = local_fetcher()
    fonts = FontConfiguration()
    css = weasyprint.CSS(filename=str(STYLESHEET), url_fetcher=fetcher, font_config=fonts)
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
        stylesheets=[css], font_config=fonts, pdf_variant="pdf/ua-1"
    )
    data = document.write_pdf(
        pdf_variant="pdf/ua-1", pdf_identifier=False, uncompressed_pdf=False, finisher=header_scopes_in_pdf
    )
    return RenderedPdf(data, len(document.pages))


PDF_SCOPES = {"col": "/Column", "colgroup": "/Column", "row": "/Row", "rowgroup": "/Row"}


def header_scopes_in_pdf(document: Any, pdf: Any) -> None:
    """Give each header cell of the PDF's structure tree the ``/Scope`` its ``<th>`` has in the HTML (PDF/UA-1
    7.5: which header a cell belongs to). WeasyPrint 70 tags ``<th>`` as ``/TH`` and links data cells to their
    headers, but writes no ``/Scope``; it keeps each cell's structure element on its box (``mark``), which this
    WeasyPrint ``finisher`` completes before the file is written. tests/test_pdf.py checks the result."""
    for page in document.pages:
        for box in page._page_box.descendants():
            element = getattr(box, "mark", None)
            if getattr(box, "element_tag", None) == "th" and element is not None:
                scope = PDF_SCOPES.get(str(box.element.get("scope", "")).lower())
                if scope is not None:
                    element["A"]["Scope"] = scope


def local_fetcher() -> URLFetcher:
    """Fetches ``file:`` and ``data:`` URLs only: a PDF build never touches the network."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=LOCAL_PROTOCOLS, fail_on_errors=False)


def weasyprint_version() -> str:
    """The installed WeasyPrint's version, without importing it."""
    return version("weasyprint")
