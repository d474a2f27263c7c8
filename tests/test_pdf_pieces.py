"""The preview's PDFs laid out in pieces (``serve --pdf``): after an edit, a document merged from kept pieces and
the edited page laid out again reads the same as the document laid out whole; and the order the documents an
edit touched are laid out in."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import PROJECT
from ltss_toolkit.extensions import default_extensions, extension_documents
from ltss_toolkit.loading.loader import load_toolkit
from ltss_toolkit.outputs.pdf.assemble import BuildInfo, PrintParts, SitePages, assemble_parts
from ltss_toolkit.outputs.pdf.pieces import PieceLayouts, css_string, numbered_toc
from ltss_toolkit.outputs.pdf.render import render_pdf
from ltss_toolkit.serve.pdfs import edit_order
from ltss_toolkit.structure.publications import Document, plan_documents

INFO = BuildInfo("LTSS Toolkit", "en", "November 14, 2023", "2023-11-14T22:13:20Z", "test")
PACKET = "pathway-packet-medicare-data"
"""A short document (two site pages): cheap to lay out several times."""


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    model, problems = load_toolkit(PROJECT / "content", PROJECT, default_extensions())
    assert not problems, problems.report()
    return plan_documents(model, "LTSS Toolkit", "Guidance", (), extension_documents(default_extensions(), model))


def read(data: bytes, text: bool = True) -> tuple[int, list[tuple[int, str, int]], list[str], int]:
    """Page count, outline (depth, title, page), each page's text (pypdf's slow part), and the number of link
    annotations."""
    reader = PdfReader(io.BytesIO(data))
    outline: list[tuple[int, str, int]] = []

    def walk(items, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                outline.append((depth, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    links = sum(len(page.get("/Annots") or []) for page in reader.pages)
    texts = [page.extract_text() for page in reader.pages] if text else []
    return len(reader.pages), outline, texts, links


def edited(parts: PrintParts, index: int, added: str) -> PrintParts:
    slug, html = parts.pages[index]
    pages = list(parts.pages)
    pages[index] = (slug, html.replace("</section>", f"{added}\n</section>"))
    return PrintParts(parts.head, parts.cover, parts.toc, pages)


def test_a_pdf_merged_from_kept_pieces_reads_as_the_pdf_laid_out_whole(built_site: Path, documents) -> None:
    document = next(d for d in documents if d.id == PACKET)
    parts = assemble_parts(document, SitePages(built_site), INFO)
    assert len(parts.pages) >= 2
    base_url = built_site.resolve().as_uri() + "/"
    layouts = PieceLayouts()
    first = layouts.lay_out(document.id, parts, base_url, document.title)  # laid out whole, kept in pieces
    # A sentence on the first page (no page count changes), then a page's worth (every later page number and the
    # contents change: the text is compared there).
    for added, text in (("<p>One sentence more.</p>", False), ("<p>" + "A page of added text. " * 250 + "</p>", True)):
        change = edited(parts, 0, added)
        pieces = layouts.lay_out(document.id, change, base_url, document.title)
        whole = render_pdf(change.whole(), base_url)
        assert read(pieces.data, text) == read(whole.data, text)
    assert pieces.pages > first.pages


def test_contents_numbers_and_margin_strings_for_pieces() -> None:
    toc = '<li><a href="#pg-a">A</a><ul><li><a href="#pg-a--x">X</a></li></ul></li>'
    assert numbered_toc(toc, {"pg-a": 3}) == (
        '<li><a href="#pg-a" data-page="3">A</a><ul><li><a href="#pg-a--x" data-page="">X</a></li></ul></li>'
    )
    assert css_string('Module "I": \\ back') == '"Module \\22 I\\22 : \\5c  back"'


def test_the_edited_pages_module_is_laid_out_first_and_the_whole_site_last(documents) -> None:
    module = next(d for d in documents if d.kind == "module")
    edited_page = module.pages[1].page.uri
    order = edit_order(documents, {edited_page})
    assert order[0].id == module.id and order[-1].kind == "site"
    assert {d.id for d in order} == {d.id for d in documents if edited_page in {p.page.uri for p in d.pages}}
    everything = edit_order(documents, None)
    assert len(everything) == len(documents) and everything[-1].kind == "site"
    after_the_first_build = edit_order(documents, {edited_page}, None)  # the first build's layout not done
    assert after_the_first_build[0].id == module.id and after_the_first_build[-1].kind == "site"
    assert {d.id for d in after_the_first_build} == {d.id for d in documents}
