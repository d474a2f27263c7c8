"""PDF outputs: every document exists, is tagged and navigable, holds its pages, and is linked from them."""

from __future__ import annotations

import functools
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import PROJECT, run_build
from ltss_toolkit.extensions import default_extensions, extension_documents
from ltss_toolkit.loading.loader import load_toolkit
from ltss_toolkit.outputs.pdf.assemble import page_html_path
from ltss_toolkit.structure.publications import COMPLETE_ID, plan_documents
from ltss_toolkit.outputs.pdf.downloads import ManifestEntry, human_size, link_text, read_manifest
from ltss_toolkit.outputs.pdf.render import local_fetcher

GOLDEN_VALID = Path(__file__).parent / "golden" / "loading" / "valid" / "content"


@pytest.fixture(scope="module")
def toolkit():
    model, problems = load_toolkit(PROJECT / "content", PROJECT, default_extensions())
    assert not problems, problems.report()
    return model


@pytest.fixture(scope="module")
def manifest(built_site: Path) -> dict[str, ManifestEntry]:
    return {entry.id: entry for entry in read_manifest(built_site)}


def outline_titles(reader: PdfReader) -> list[str]:
    out: list[str] = []

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                out.append(item.title)

    walk(reader.outline)
    return out


def annotations(reader: PdfReader) -> tuple[int, int]:
    """(internal links, external links) over every page."""
    internal = external = 0
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            action = annotation.get("/A")
            if action is not None and action.get_object().get("/S") == "/URI":
                external += 1
            elif annotation.get("/Dest") is not None or action is not None:
                internal += 1
    return internal, external


@functools.cache
def pdf_text(path: Path) -> str:
    """The squashed text of every page of a PDF, read once per test session (pypdf takes seconds a PDF)."""
    return squash("\n".join(page.extract_text() for page in PdfReader(path).pages))


def squash(text: str) -> str:
    """PDF text with line breaks and hyphen-free wrapping folded to single spaces, for phrase checks."""
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).replace("’", "'")


def test_one_pdf_per_module_per_pathways_section_and_the_whole_site(built_site: Path, manifest) -> None:
    expected = {COMPLETE_ID}
    for area in ("modules", "pathways"):
        expected |= {p.name for p in (PROJECT / "content" / area).iterdir() if (p / "index.md").is_file()}
    assert {"module-1-background", "module-4-state-strategies", "initial-considerations",
            "foundational-issues", "integrated-care-paths"} <= expected
    assert expected <= set(manifest)
    for entry in manifest.values():
        assert (built_site / entry.file).is_file(), entry.file
        assert entry.file.startswith("downloads/") and entry.bytes == (built_site / entry.file).stat().st_size


def test_each_pdf_is_tagged_titled_outlined_and_linked(built_site: Path, manifest, toolkit) -> None:
    documents = {d.id: d for d in plan_documents(toolkit, "LTSS Toolkit", "", ["resources.md"], extension_documents(default_extensions(), toolkit))}
    for doc_id, entry in manifest.items():
        reader = PdfReader(built_site / entry.file)
        assert len(reader.pages) == entry.pages > 0, doc_id
        root = reader.trailer["/Root"]
        assert root["/Lang"] == "en", doc_id
        assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"], doc_id
        assert reader.metadata.title == entry.title, doc_id
        internal, external = annotations(reader)
        assert internal > 0, f"{doc_id}: no internal links (table of contents)"
        titles = outline_titles(reader)
        assert "Contents" in titles
        document = documents[doc_id]
        for item in document.pages:
            assert item.page.title in titles, f"{doc_id}: outline lacks {item.page.title!r}"
        if doc_id == COMPLETE_ID:
            # Its text is the other documents' pages again (a third of the suite's PDF text reading): the
            # running footer is checked here, the pages' titles above, their text in the other documents.
            text = squash("\n".join(page.extract_text() for page in reader.pages[:2]))
            assert f"Page 2 of {entry.pages}" in text, doc_id
            continue
        text = pdf_text(built_site / entry.file)
        assert f"of {entry.pages}" in text and "Page 2 of" in text, doc_id
        cited = set()
        for item in document.pages:
            assert squash(item.page.title) in text, f"{doc_id}: text lacks {item.page.title!r}"
            cited |= set(item.page.resources)
        for resource in (toolkit.resources[r] for r in sorted(cited)):
            assert squash(resource.title)[:40] in text, f"{doc_id}: resource {resource.title!r} missing"
        if any(toolkit.resources[r].url for r in cited):
            assert external > 0, f"{doc_id}: resources have addresses but no external links"


def test_module_outline_follows_its_pages_headings(built_site: Path, manifest, toolkit) -> None:
    section = next(s for s in toolkit.roots["modules"].sections if s.path.endswith("module-1-background"))
    outline = PdfReader(built_site / manifest["module-1-background"].file).outline
    assert [item.title for item in outline if not isinstance(item, list)] == ["Contents", section.title]
    children = [item.title for item in outline[-1] if not isinstance(item, list)]
    pages = [page.title for page in section.walk()[1:]]
    assert [title for title in children if title in pages] == pages
    assert "Related resources" in children


def test_pdfs_print_resource_addresses_and_footnotes(built_site: Path, manifest, toolkit) -> None:
    text = pdf_text(built_site / manifest["foundational-issues"].file)
    assert "Notes" in text
    with_url = [toolkit.resources[r] for p in toolkit.roots["pathways"].walk() for r in p.resources
                if toolkit.resources[r].url and "foundational-issues" in p.uri]
    assert with_url
    assert squash(with_url[0].url).replace(" ", "")[:30] in text.replace(" ", "")


def test_landing_pages_link_to_their_pdf_with_size_and_pages(built_site: Path, manifest, toolkit) -> None:
    landings = {"index.md": COMPLETE_ID}
    for root in toolkit.roots.values():
        for section in root.sections:
            landings[section.index.uri] = section.path.rsplit("/", 1)[-1]
    for uri, doc_id in landings.items():
        page = built_site / page_html_path(uri)
        html = page.read_text(encoding="utf-8")
        match = re.search(rf'<p class="ltss-download" data-pdf="{doc_id}"><a href="([^"]+)"[^>]*>([^<]+)</a></p>', html)
        assert match, f"{uri}: no download link to {doc_id}"
        target = (page.parent / match[1]).resolve()
        entry = manifest[doc_id]
        assert target == (built_site / entry.file).resolve() and target.is_file()
        assert match[2] == link_text(entry)
        assert f"PDF, {human_size(target.stat().st_size)}, {entry.pages} pages" in match[2]
    module = built_site / page_html_path(next(u for u, d in landings.items() if d == "module-1-background"))
    assert "Download this module (PDF, " in module.read_text(encoding="utf-8")


def test_placeholder_never_reaches_the_search_index(built_site: Path) -> None:
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Download this module" not in index and "ltss-download" not in index


def test_fetcher_never_goes_online() -> None:
    fetcher = local_fetcher()
    for url in ("https://example.org/font.woff2", "http://example.org/a.png", "ftp://example.org/x"):
        with pytest.raises(ValueError, match="disallowed protocol"):
            fetcher.fetch(url)
    assert fetcher.fetch("data:text/plain,ok").read() == b"ok"


def test_human_sizes() -> None:
    assert human_size(1_234_567) == "1.2 MB"
    assert human_size(430_200) == "430 KB"
    entry = ManifestEntry("x", "downloads/x.pdf", "X", "module", 1_200_000, 24, "0")
    assert link_text(entry) == "Download this module (PDF, 1.2 MB, 24 pages)"


def small_toolkit_files() -> dict[str, str]:
    files = {f"content/{p.relative_to(GOLDEN_VALID).as_posix()}": p.read_text(encoding="utf-8")
             for p in GOLDEN_VALID.rglob("*") if p.is_file()}
    files["content/pathways/first/page.md"] += (
        "\n## A heading\n\nSee [the section](index.md), [elsewhere](../index.md) and "
        "[another site](https://example.org/elsewhere).\n"
    )
    return files


def test_small_project_pdfs_are_reproducible_and_links_are_rewritten(small_project, tmp_path: Path) -> None:
    project = small_project(small_toolkit_files())
    builds = []
    for run in ("one", "two"):
        shutil.rmtree(project / ".cache", ignore_errors=True)
        site = tmp_path / f"site-{run}"
        result = run_build(project, site)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        assert "laid out in" in result.stdout and "from cache" not in result.stdout
        builds.append(site)
    first = sorted(p.relative_to(builds[0]) for p in (builds[0] / "downloads").iterdir())
    assert [p.name for p in first] == ["first.pdf", "ltss-toolkit-complete.pdf", "manifest.json"]
    for name in first:
        assert (builds[0] / name).read_bytes() == (builds[1] / name).read_bytes(), name

    reader = PdfReader(builds[0] / "downloads" / "first.pdf")
    text = squash("\n".join(page.extract_text() for page in reader.pages))
    assert "A Guide: With a Colon" in text and "https://example.org/guide-a" in text
    assert "Built on November 14, 2023" in text
    internal, external = annotations(reader)
    uris = {a.get_object()["/A"]["/URI"] for page in reader.pages for a in page.get("/Annots") or []
            if a.get_object().get("/A") is not None and a.get_object()["/A"].get("/S") == "/URI"}
    assert "https://example.org/elsewhere" in uris
    assert not any(not u.startswith(("http", "mailto")) for u in uris), uris
    assert internal >= 3
    titles = outline_titles(reader)
    assert titles[:2] == ["Contents", "First section"]
    assert titles.index("A page") < titles.index("A heading") < titles.index("Questions to consider", titles.index("A page"))

    again = run_build(project, tmp_path / "site-three")
    assert again.returncode == 0 and again.stdout.count("from cache") == 2, again.stdout


def test_no_pdf_option_leaves_placeholders_empty(small_project, tmp_path: Path) -> None:
    project = small_project(small_toolkit_files())
    site = tmp_path / "site"
    result = run_build(project, site, "--no-pdf")
    assert result.returncode == 0, result.stderr[-3000:]
    assert not (site / "downloads" / "first.pdf").exists()
    html = (site / "pathways" / "first" / "index.html").read_text(encoding="utf-8")
    assert '<p class="ltss-download" data-pdf="first"></p>' in html
