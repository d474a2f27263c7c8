"""Zensical parity: the shipped site built by Zensical (``build --generator zensical``) against the MkDocs build,
page by page. What Zensical cannot do yet is the adapter's declared gap list (``outputs.zensical.GAPS``): each gap
is checked here to still be true, so a gap that closes fails the test and the list (and the README's) stays true.

The Zensical build (site, PDFs, offline zip) runs once per run, in CI only (``zensical_site`` says why); it keeps
its PDFs in a cache of its own, so it does not evict the MkDocs build's (one cached file per document). Locally:
``LTSS_ZENSICAL_PARITY=1 .venv/bin/python -m pytest -n 0 tests/test_zensical_parity.py``.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from conftest import IN_CI, PROJECT, SHIPPED_ENV, broken_anchors, build_env, linkcheck, need_tool, run_build
from ltss_toolkit.outputs.bundle import BUNDLE_ROOT, ZIP_NAME
from ltss_toolkit.outputs.pdf.downloads import read_manifest
from ltss_toolkit.outputs.zensical import GAPS, available

ZENSICAL_PDF_CACHE = PROJECT / ".cache" / "pdf-tests-zensical"

GENERATOR_FILES = re.compile(
    r"^(assets/(javascripts|stylesheets)/|assets/images/favicon\.png$|search/|search\.js(on)?$|sitemap\.xml(\.gz)?$)"
)
"""Each generator's own theme files and search index (compared as search, not as files)."""
NOT_COMPARED = {"404.html"}
"""Our 404 page is a gap (404-template): Zensical publishes its own."""
SCREEN_CHROME = "a.headerlink, a.md-content__button, script, .md-source-file"
"""Not compared: permalinks, the edit button (a gap: edit-links), scripts."""


RUN_LOCALLY = "LTSS_ZENSICAL_PARITY"
"""Set to 1 to run the parity builds outside CI (they run in CI only: see ``zensical_site``)."""


@pytest.fixture(scope="session")
def zensical_site() -> Path:
    """The shipped content built by Zensical, PDFs and offline zip included, once per run: the first pytest-xdist
    worker to ask builds it (in this run's shared folder, beside the shipped MkDocs build), the others wait.

    In CI only (or with LTSS_ZENSICAL_PARITY=1): with a cold PDF cache it is a second whole build with every PDF
    laid out again (the two generators' HTML differs by a skip-link anchor, so no PDF is shared), over a minute
    of CPU, which `make test`'s 10-minute budget on a developer's machine does not need to pay every run."""
    if not (IN_CI or os.environ.get(RUN_LOCALLY)):
        pytest.skip(f"the Zensical parity build runs in CI (or with {RUN_LOCALLY}=1)")
    need_tool(available(), "Zensical (make install-zensical)")
    folder = Path(os.environ[SHIPPED_ENV]) / "zensical"
    folder.mkdir(parents=True, exist_ok=True)
    status = folder / "status"
    try:
        (folder / "started").mkdir()
    except FileExistsError:
        deadline = time.monotonic() + 1200
        while not status.exists():
            assert time.monotonic() < deadline, "the Zensical build did not end in 20 minutes"
            time.sleep(0.2)
    else:
        env = build_env()
        env["LTSS_PDF_CACHE"] = str(ZENSICAL_PDF_CACHE)
        result = run_build(PROJECT, folder / "site", "--generator", "zensical", env=env)
        (folder / "log").write_text(result.stdout + result.stderr, encoding="utf-8")
        status.with_suffix(".partial").write_text(str(result.returncode), encoding="utf-8")
        status.with_suffix(".partial").replace(status)
    assert status.read_text(encoding="utf-8") == "0", (folder / "log").read_text(encoding="utf-8")[-8000:]
    return folder / "site"


@pytest.fixture(scope="session")
def sites(zensical_site: Path, built_site: Path) -> tuple[Path, Path]:
    """Both builds, the MkDocs one first; Zensical builds while the shipped build runs in the background."""
    return built_site, zensical_site


def published(site: Path) -> set[str]:
    return {
        path.relative_to(site).as_posix()
        for path in site.rglob("*")
        if path.is_file() and not GENERATOR_FILES.match(path.relative_to(site).as_posix())
    }


def html_pages(site: Path) -> list[str]:
    return sorted(p for p in published(site) if p.endswith(".html") and p not in NOT_COMPARED)


@cache
def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


FILE_SIZE = re.compile(r"\b\d+(?:\.\d+)? (?:bytes|KB|MB)\b")
"""A download's size in its link ("PDF, 96 KB, 11 pages"): each generator's HTML lays out PDFs (and zips) a few
bytes apart; the page counts are compared, in the text and in the PDF manifests."""


def words(text: str) -> str:
    return FILE_SIZE.sub("<size>", " ".join(text.split()))


def main_text(soup: BeautifulSoup) -> str:
    article = BeautifulSoup(str(soup.select_one("article")), "lxml")
    for element in article.select(SCREEN_CHROME):
        element.decompose()
    return words(article.get_text(" "))


def address(href: object) -> str:
    """A link's target as written relative to its page, normalized (``./..`` and ``..`` are the same page)."""
    path, _, fragment = str(href).partition("#")
    if re.match(r"^[a-z]+:", path):
        return str(href)
    return posixpath.normpath(path or ".") + (f"#{fragment}" if fragment else "")


def primary_nav(soup: BeautifulSoup) -> list[tuple[str, str]]:
    links = soup.select("nav.md-nav--primary a.md-nav__link")
    return [(words(a.get_text(" ")), address(a.get("href"))) for a in links]


def article_links(soup: BeautifulSoup) -> list[tuple[str, str]]:
    article = soup.select_one("article")
    assert article is not None
    links = article.select("a[href]:not(.headerlink, .md-content__button)")
    return [(words(a.get_text(" ")), address(a["href"])) for a in links]


def differences(sites: tuple[Path, Path], read: Callable[[BeautifulSoup], object]) -> list[str]:
    mkdocs, zensical = sites
    return [page for page in html_pages(mkdocs) if read(soup_of(mkdocs / page)) != read(soup_of(zensical / page))]


def test_the_same_urls_and_files_are_published(sites: tuple[Path, Path]) -> None:
    mkdocs, zensical = sites
    assert published(mkdocs) == published(zensical)
    assert len(html_pages(mkdocs)) > 80


def test_every_page_has_the_same_title_and_main_text(sites: tuple[Path, Path]) -> None:
    assert differences(sites, lambda soup: words(soup.title.get_text()) if soup.title else None) == []
    assert differences(sites, main_text) == []


def test_every_page_has_the_same_nav(sites: tuple[Path, Path]) -> None:
    assert differences(sites, primary_nav) == []
    mkdocs, _ = sites
    assert len(primary_nav(soup_of(mkdocs / "index.html"))) > 8


def test_every_page_has_the_same_links_and_none_is_broken(sites: tuple[Path, Path]) -> None:
    _, zensical = sites
    assert differences(sites, article_links) == []
    result = linkcheck(zensical / "index.html")
    assert result.returncode == 0, result.stdout[-6000:]
    assert "0 warnings found" in result.stdout and "0 errors found" in result.stdout
    assert broken_anchors(zensical) == []


def test_start_here_pages_offer_the_same_answers(sites: tuple[Path, Path]) -> None:
    mkdocs, zensical = sites
    flow = [page for page in html_pages(mkdocs) if page.startswith("start-here/")]
    assert len(flow) > 10
    for page in flow:
        assert article_links(soup_of(zensical / page)) == article_links(soup_of(mkdocs / page)), page
    assert [p for p in html_pages(zensical) if p.startswith("start-here/")] == flow


def _index(site: Path) -> dict[tuple[str, str], str]:
    """Every search entry's (location, title) and text, from Material's index or Zensical's."""
    material, zensical = site / "search" / "search_index.json", site / "search.json"
    if material.exists():
        entries = json.loads(material.read_text(encoding="utf-8"))["docs"]
    else:
        entries = json.loads(zensical.read_text(encoding="utf-8"))["items"]
    return {(e["location"], e["title"]): words(re.sub(r"<[^>]+>", " ", e["text"])) for e in entries}


def test_search_indexes_the_same_sections_with_the_same_text(sites: tuple[Path, Path]) -> None:
    mkdocs, zensical = sites
    ours, theirs = _index(mkdocs), _index(zensical)
    assert len(ours) > 300
    assert sorted(set(ours) ^ set(theirs)) == []
    assert [key for key in ours if ours[key] != theirs[key]] == []


def test_the_offline_zip_has_the_same_pages_and_a_search_index(sites: tuple[Path, Path], tmp_path: Path) -> None:
    found = {}
    for name, site in zip(("mkdocs", "zensical"), sites, strict=True):
        with zipfile.ZipFile(site / "downloads" / ZIP_NAME) as archive:
            archive.extractall(tmp_path / name)
        root = tmp_path / name / BUNDLE_ROOT
        found[name] = root
    assert html_pages(found["mkdocs"]) == html_pages(found["zensical"])
    zensical_index = (found["zensical"] / "search.js").read_text(encoding="utf-8")
    assert "PACE" in zensical_index and "Programs of All-Inclusive Care for the Elderly" in zensical_index
    assert broken_anchors(found["zensical"]) == []


def test_the_pdfs_have_the_same_page_counts(sites: tuple[Path, Path]) -> None:
    mkdocs, zensical = sites
    ours = {entry.id: entry.pages for entry in read_manifest(mkdocs)}
    theirs = {entry.id: entry.pages for entry in read_manifest(zensical)}
    assert len(ours) > 10
    assert theirs == ours


# The gap list: each check is true while the gap is open.


def _gap_404_template(mkdocs: Path, zensical: Path) -> bool:
    """Zensical still fails on our 404.html (a one-page project with it as its only override)."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        (root / "docs").mkdir()
        (root / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
        (root / "overrides").mkdir()
        shutil.copy(PROJECT / "docs" / "overrides" / "404.html", root / "overrides" / "404.html")
        (root / "mkdocs.yml").write_text(
            "site_name: T\ntheme:\n  name: material\n  variant: classic\n  custom_dir: overrides\n", encoding="utf-8"
        )
        result = subprocess.run(
            [sys.executable, "-m", "zensical", "build", "-f", str(root / "mkdocs.yml")],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
    return result.returncode != 0 and "ltss-not-found-links" not in (zensical / "404.html").read_text()


def _gap_deferred_theme_script(mkdocs: Path, zensical: Path) -> bool:
    loaded_at_once = re.compile(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"')
    return not loaded_at_once.search((mkdocs / "index.html").read_text()) and bool(
        loaded_at_once.search((zensical / "index.html").read_text())
    )


def _gap_edit_links(mkdocs: Path, zensical: Path) -> bool:
    page = "about/index.html"
    edit = "a.md-content__button[href*='/edit/']"
    feedback = "p.ltss-feedback a"
    return (
        bool(soup_of(mkdocs / page).select(edit))
        and not soup_of(zensical / page).select(edit)
        and bool(soup_of(zensical / page).select(feedback))
    )


def _gap_search_index(mkdocs: Path, zensical: Path) -> bool:
    return (mkdocs / "search" / "search_index.json").exists() and not (zensical / "search").exists()


GAP_CHECKS: dict[str, Callable[[Path, Path], bool]] = {
    "404-template": _gap_404_template,
    "deferred-theme-script": _gap_deferred_theme_script,
    "edit-links": _gap_edit_links,
    "search-index": _gap_search_index,
}


def test_every_declared_gap_is_checked() -> None:
    assert sorted(gap.name for gap in GAPS) == sorted(GAP_CHECKS)
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    assert [gap.name for gap in GAPS if f"`{gap.name}`" not in readme] == []


@pytest.mark.parametrize("name", sorted(GAP_CHECKS))
def test_each_declared_gap_is_still_open(sites: tuple[Path, Path], name: str) -> None:
    """A gap Zensical has closed fails here: take it off ``GAPS`` and the README."""
    assert GAP_CHECKS[name](*sites), f"the gap '{name}' is closed: remove it from outputs/zensical.py GAPS"


@pytest.fixture(scope="module")
def zensical_zip(zensical_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("zensical-offline")
    with zipfile.ZipFile(zensical_site / "downloads" / ZIP_NAME) as archive:
        archive.extractall(target)
    return target / BUNDLE_ROOT


@pytest.mark.parametrize("where", ["site", "zip"])
def test_search_finds_a_program_from_the_site_and_the_zip(
    where: str, zensical_site: Path, zensical_zip: Path, chromium_browser: Any
) -> None:
    """Zensical's own search, in Chromium: over HTTP from the built site, and from ``file://`` in the offline zip
    (its worker started through our vendored iframe-worker shim); nothing is requested from another host."""
    server = None
    if where == "site":
        handler = functools.partial(_Quiet, directory=str(zensical_site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        start = f"http://127.0.0.1:{server.server_address[1]}/"
    else:
        start = (zensical_zip / "index.html").as_uri()
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    elsewhere: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda r: None if r.url.startswith(LOCAL) else elsewhere.append(r.url))
    try:
        page.goto(start)
        page.wait_for_load_state("load")
        found = page.get_by_text("Programs of All-Inclusive Care for the Elderly").first
        for _ in range(15):  # the index loads in a worker: a reader who types too early types again
            page.keyboard.press("Escape")
            page.click("button.md-search__button")
            page.keyboard.type("PACE", delay=20)
            try:
                page.get_by_text(re.compile(r"^\d+ results?$")).wait_for(timeout=1000)
                break
            except Exception:  # noqa: BLE001 - playwright's TimeoutError: not ready yet
                continue
        assert page.get_by_text(re.compile(r"^\d+ results?$")).count() == 1
        assert found.is_visible()
        assert errors == [] and elsewhere == []
    finally:
        context.close()
        if server is not None:
            server.shutdown()
            server.server_close()


LOCAL = ("file:", "http://127.0.0.1", "data:", "blob:")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


CONVERT_IN_ANOTHER_PROCESS = """
import sys, markdown
print(markdown.markdown(sys.stdin.read(), extensions=["md_in_html", "ltss_toolkit.outputs.zensical_markdown"]))
"""


@pytest.mark.parametrize("handed_the_key", [True, False])
def test_zensical_process_cleans_content_and_keeps_only_fragments_signed_by_the_build(handed_the_key: bool) -> None:
    """The sanitizer runs in Zensical's process as a Markdown extension: an editor's handler is removed, and the
    engine's signed fragment is kept only with the build's key (handed over as the adapter does)."""
    from ltss_toolkit.outputs.zensical_markdown import KEY_VARIABLE, build_key
    from ltss_toolkit.render.sanitize import trusted_html

    engine = '<form class="ltss-filter" hidden><select name="state"></select></form>'
    source = f'<div onclick="alert(1)">Editor text</div>\n\n{trusted_html(engine)}\n'
    env = build_env()
    env.pop(KEY_VARIABLE, None)
    if handed_the_key:
        env[KEY_VARIABLE] = build_key()
    result = subprocess.run(
        [sys.executable, "-c", CONVERT_IN_ANOTHER_PROCESS], input=source, capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    assert "Editor text" in result.stdout and "onclick" not in result.stdout
    assert ("<form" in result.stdout) is handed_the_key
