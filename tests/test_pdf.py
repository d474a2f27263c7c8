"""PDF outputs: every document exists, is tagged and navigable, holds its pages, and is linked from them."""

from __future__ import annotations

import functools
import json
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import PROJECT, TEST_REPOSITORY, run_build
from ltss_toolkit.extensions import default_extensions, extension_documents
from ltss_toolkit.loading.loader import load_toolkit
from ltss_toolkit.outputs.pdf.assemble import SECTIONS_UP_TO
from ltss_toolkit.outputs.pdf.downloads import ManifestEntry, human_size, link_text, read_manifest
from ltss_toolkit.outputs.pdf.render import local_fetcher
from ltss_toolkit.structure.publications import COMPLETE_ID, plan_documents
from ltss_toolkit.structure.site_paths import page_file

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
    assert len(children) > len(pages)  # and the first page's main sections
    every_title = outline_titles(PdfReader(built_site / manifest["module-1-background"].file))
    assert not {"Related resources", "See also", "Questions to consider"} & set(every_title)


PARTS = ("Related resources", "See also", "Questions to consider", "Changes to this page")


def test_contents_fit_on_one_page_with_pages_and_their_main_sections(built_site: Path, manifest, toolkit) -> None:
    """Each module's and section's contents: its pages and their own main sections (h2), on one page."""
    for section in (s for root in toolkit.roots.values() for s in root.sections):
        doc_id = section.path.rsplit("/", 1)[-1]
        reader = PdfReader(built_site / manifest[doc_id].file)
        first, *_ = [item for item in reader.outline if not isinstance(item, list) and item.title == section.title]
        assert reader.get_destination_page_number(first) == 2, f"{doc_id}: contents longer than one page"
        contents = squash(reader.pages[1].extract_text())
        assert "Contents" in contents, doc_id
        main_sections: list[str] = []

        def walk(items, depth: int) -> None:
            for item in items:
                if isinstance(item, list):
                    walk(item, depth + 1)
                elif depth >= 1 and item.title not in [p.title for p in section.walk()]:
                    main_sections.append(item.title)

        walk(reader.outline, 0)
        assert main_sections and len(section.walk()) <= SECTIONS_UP_TO, doc_id
        for title in [p.title for p in section.walk()] + main_sections:
            assert squash(title) in contents, f"{doc_id}: contents lack {title!r}"
        assert not [part for part in PARTS if part in contents], doc_id


def test_running_head_never_repeats_the_document_title(built_site: Path, manifest, toolkit) -> None:
    """The left head is the document's title, the right the page's; a module's first page has only the left."""
    section = next(s for s in toolkit.roots["modules"].sections if s.path.endswith("module-2-hcbs-strategies"))
    reader = PdfReader(built_site / manifest["module-2-hcbs-strategies"].file)
    landing = squash(reader.pages[2].extract_text())
    assert landing.count(section.title) == 2, landing[:300]  # the head, the page's title; not a second head
    second = section.walk()[1]
    start = next(item for item in reader.outline[-1] if not isinstance(item, list) and item.title == second.title)
    heads = squash(reader.pages[reader.get_destination_page_number(start)].extract_text())
    assert squash(section.title) in heads and squash(second.title) in heads, heads
    packets = [entry for entry in manifest.values() if entry.kind == "packet"]
    assert packets
    for entry in packets:  # "Pathway packet: <the outcome's short label>", then the outcome page
        reader = PdfReader(built_site / entry.file)
        outcome = [item for item in reader.outline if not isinstance(item, list)][1]
        assert entry.title.startswith("Pathway packet: ") and entry.title.lower().count("pathway") == 1, entry.title
        first = squash(reader.pages[reader.get_destination_page_number(outcome)].extract_text())
        assert first.count(squash(outcome.title)) == 2, entry.id  # in the left head, and the page's title


def test_packets_leave_out_the_flows_screen_parts(built_site: Path, manifest) -> None:
    """A packet's outcome page is a summary on paper: no step indicator, position, Back or print prompt."""
    screen_only = ("Current stage", "Completed stage", "Your result", "print this page", "Start again")
    for entry in (entry for entry in manifest.values() if entry.kind == "packet"):
        text = pdf_text(built_site / entry.file)
        assert "Any of these sets of answers leads here" in text or "These answers lead here" in text, entry.id
        assert not [words for words in screen_only if words in text], entry.id


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
        page = built_site / page_file(uri, True)
        html = page.read_text(encoding="utf-8")
        match = re.search(rf'<p class="ltss-download" data-pdf="{doc_id}"><a href="([^"]+)"[^>]*>([^<]+)</a></p>', html)
        assert match, f"{uri}: no download link to {doc_id}"
        target = (page.parent / match[1]).resolve()
        entry = manifest[doc_id]
        assert target == (built_site / entry.file).resolve() and target.is_file()
        assert match[2] == link_text(entry)
        assert f"PDF, {human_size(target.stat().st_size)}, {entry.pages} pages" in match[2]
    module = built_site / page_file(next(u for u, d in landings.items() if d == "module-1-background"), True)
    assert "Download this module (PDF, " in module.read_text(encoding="utf-8")


def test_every_content_page_links_the_pdf_of_its_module_or_section(built_site: Path, manifest, toolkit) -> None:
    sections = {section.path: section.path.rsplit("/", 1)[-1] for root in toolkit.roots.values() for section in root.sections}
    assert len(toolkit.pages) >= 50
    for page in toolkit.pages.values():
        folder = next((path for path in sections if page.uri.startswith(path + "/")), None)
        expected = sections[folder] if folder else COMPLETE_ID
        path = built_site / page_file(page.uri, True)
        links = re.findall(r'<p class="ltss-download" data-pdf="([a-z0-9-]+)"><a href="([^"]+)"', path.read_text(encoding="utf-8"))
        assert [doc_id for doc_id, _ in links] == [expected], f"{page.uri}: links {links}, not {expected}"
        target = (path.parent / links[0][1]).resolve()
        assert target == (built_site / manifest[expected].file).resolve() and target.is_file(), page.uri


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
        "[another site](https://example.org/elsewhere).\n\n| Program | Year |\n|---|---|\n| PACE | 1997 |\n\n"
        "<table><tr><th>Written</th><th>by hand</th></tr><tr><th>Row</th><td>1</td></tr></table>\n"
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
    assert titles.index("A page") < titles.index("A heading")
    assert "Questions to consider" not in titles and "Related resources" not in titles
    scopes = [cell["/A"].get("/Scope") for cell in structure_elements(reader, "/TH")]
    assert sorted(scopes) == ["/Column"] * 4 + ["/Row"], "Markdown's headers, and those of an HTML table"

    again = run_build(project, tmp_path / "site-three")
    assert again.returncode == 0 and again.stdout.count("from cache") == 2, again.stdout


def structure_elements(reader: PdfReader, role: str) -> list[dict]:
    """Every element of the PDF's structure tree with this role (``/TH``...)."""
    found, stack = [], [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop().get_object()
        if not isinstance(node, dict):
            continue
        if node.get("/S") == role:
            found.append(node)
        kids = node.get("/K")
        stack.extend(kids if isinstance(kids, list) else [kids] if kids is not None else [])
    return found


def test_every_header_cell_in_the_pdfs_and_the_site_has_a_scope(built_site: Path, manifest) -> None:
    """PDF/UA-1 7.5 (pdfua's UA-15-003): a screen reader can tell which header a cell belongs to."""
    unscoped, without_rows = {}, {}
    for entry in manifest.values():
        reader = PdfReader(built_site / entry.file)
        cells = structure_elements(reader, "/TH")
        missing = [c for c in cells if (c.get("/A") or {}).get("/Scope") not in ("/Column", "/Row", "/Both")]
        if missing:
            unscoped[entry.file] = f"{len(missing)} of {len(cells)}"
        tables = structure_elements(reader, "/Table")
        kids = [t["/K"] if isinstance(t["/K"], list) else [t["/K"]] for t in tables]
        parts = [[k.get_object().get("/S") for k in ks if isinstance(k.get_object(), dict)] for ks in kids]
        if any("/TBody" not in p and "/TR" not in p for p in parts):
            without_rows[entry.file] = "a table with no rows (a caption left alone at the foot of a page)"
    assert unscoped == {}
    assert without_rows == {}
    headers = re.compile(r"<th(?:\s[^>]*)?>")
    pages = [p for p in built_site.rglob("*.html") if "<th" in p.read_text(encoding="utf-8")]
    assert pages, "the site has tables"
    assert [f"{p.relative_to(built_site)}: {h}" for p in pages for h in headers.findall(p.read_text(encoding="utf-8"))
            if "scope=" not in h] == []


def test_no_pdf_option_leaves_placeholders_empty(small_project, tmp_path: Path) -> None:
    project = small_project(small_toolkit_files())
    site = tmp_path / "site"
    result = run_build(project, site, "--no-pdf")
    assert result.returncode == 0, result.stderr[-3000:]
    assert not (site / "downloads" / "first.pdf").exists()
    html = (site / "pathways" / "first" / "index.html").read_text(encoding="utf-8")
    assert '<p class="ltss-download" data-pdf="first"></p>' in html


def packet_areas(built_site: Path, packet_id: str) -> set[str]:
    """The content areas ('modules/', 'pathways/') of the pages a packet's outcome recommends, from data/flow.json."""
    flow = json.loads((built_site / "data/flow.json").read_text(encoding="utf-8"))
    outcome = next(node for node in flow["nodes"] if f"pathway-packet-{node['id']}" == packet_id)
    return {flow["pages"][page]["path"].split("/")[0] + "/" for page in outcome["recommends"]}


def test_every_pdf_cover_says_which_original_it_summarises_and_who_publishes_it(built_site: Path, manifest) -> None:
    """Not the toolkit itself: each cover names the original of its pages' area (title and address) and this
    site's publisher and contact (mkdocs.yml: extra.publisher; the test build's repository's issues page)."""
    cms = ("Long-Term Services and Supports Rebalancing Toolkit", "https://www.cms.gov/newsroom/fact-sheets/")
    icrc = ("State Pathways to Integrated Care", "https://www.integratedcareresourcecenter.com/resource-category/")
    contact = f"https://github.com/{TEST_REPOSITORY}/issues"
    assert manifest
    for entry in manifest.values():
        cover = squash(PdfReader(built_site / entry.file).pages[0].extract_text()).replace(" ", "")
        assert "Anindependentsummary,initsownwords,of" in cover, entry.id
        assert f"PublishedbytheLTSSToolkitsiteproject;contact:{contact}" in cover, entry.id
        wanted = [cms, icrc] if entry.id == "ltss-toolkit-complete" else [cms] if entry.id.startswith("module-") else [icrc]
        if entry.kind == "packet":  # a packet's originals are those of the pages its outcome recommends
            areas = packet_areas(built_site, entry.id)
            wanted = [original for area, original in (("modules/", cms), ("pathways/", icrc)) if area in areas]
            assert wanted, entry.id
        for title, address in wanted:
            assert title.replace(" ", "") in cover and address in cover, (entry.id, title)
