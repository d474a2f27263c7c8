"""``use_directory_urls: false`` (pages at ``a/b.html``) builds the site and its PDFs as the default does: the
PDF step finds the built pages and resolves links between them (``structure/site_paths.py``)."""

from __future__ import annotations

from pathlib import Path

import pypdf

from conftest import SMALL_SITE, run_build, write_tree
from ltss_toolkit.structure.site_paths import page_file, page_url


def test_a_page_file_and_address_follow_directory_urls() -> None:
    uris = ["index.md", "pathways/index.md", "pathways/first.md"]
    assert [page_file(u, True) for u in uris] == ["index.html", "pathways/index.html", "pathways/first/index.html"]
    assert [page_url(u, True) for u in uris] == ["", "pathways/", "pathways/first/"]
    assert [page_file(u, False) for u in uris] == ["index.html", "pathways/index.html", "pathways/first.html"]
    assert [page_url(u, False) for u in uris] == ["index.html", "pathways/index.html", "pathways/first.html"]


def _links_in_pdf(pdf: Path) -> tuple[int, int]:
    """(links to a place in the document, links to a web address)."""
    inside = outside = 0
    for page in pypdf.PdfReader(pdf).pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            inside += annotation.get("/Dest") is not None
            outside += annotation.get("/A") is not None
    return inside, outside


def test_a_site_without_directory_urls_builds_with_its_pdfs(tmp_path: Path) -> None:
    files = dict(SMALL_SITE)
    files["content/pathways/second.md"] += "\nSee [the first page](first.md#the-first) and [home](../index.md).\n"
    files["content/pathways/first.md"] += "\n## The first\n\nIts section.\n"
    built = {}
    for directory_urls in (True, False):
        files["mkdocs.yml"] = SMALL_SITE["mkdocs.yml"] + f"use_directory_urls: {str(directory_urls).lower()}\n"
        project = write_tree(tmp_path / f"project-{directory_urls}", files)
        result = run_build(project, project / "site")
        assert result.returncode == 0, result.stderr[-3000:]
        assert "Traceback" not in result.stderr
        built[directory_urls] = _links_in_pdf(project / "site" / "downloads" / "ltss-toolkit-complete.pdf")
    assert (tmp_path / "project-False" / "site" / "pathways" / "first.html").is_file()
    assert built[False] == built[True] and built[False][0] > 0, "the same links, inside the document and out"
