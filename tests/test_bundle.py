"""The offline bundle: a deterministic zip, nothing remote, the vendored search shim, sizes on the site.

The browser checks (search, flow, acronyms from file://) and linkchecker are in
``tests/browser/test_offline_browser.py``.
"""

from __future__ import annotations

import json
import os
import re
import time
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import PROJECT, run_build
from ltss_toolkit.outputs.bundle import (
    BUNDLE_ROOT,
    SHIM_SOURCE,
    SHIM_TARGET,
    SIZE_TARGET,
    ZIP_NAME,
    fill_size_placeholders,
    find_remote_loads,
    size_label,
)
from ltss_toolkit.outputs.verify import live_markup_in
from ltss_toolkit.outputs.reproducible_zip import source_date, write_zip
from ltss_toolkit.outputs.site import OFFLINE_PLUGIN, load_site_config, offline_variant, toolkit_plugin


class _TagsAsNone(yaml.SafeLoader):
    """mkdocs.yml may use tags such as ``!ENV``; their values do not matter here."""


_TagsAsNone.add_multi_constructor("", lambda loader, suffix, node: None)


def read_yaml(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_TagsAsNone)


def plugin_entries(config: dict) -> list[tuple[str, dict]]:
    entries = []
    for item in config["plugins"]:
        name, options = (item, {}) if isinstance(item, str) else next(iter(item.items()))
        entries.append((name, dict(options or {})))
    return entries


# The zip


def _tree(root: Path) -> Path:
    for relative, text in {"index.html": "<p>home</p>", "b/page.html": "<p>b</p>", "a/z.css": "p{}", "a/doc.pdf": "%PDF"}.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    return root


def test_zip_is_the_same_bytes_whatever_the_files_times_and_modes(tmp_path: Path) -> None:
    folder = _tree(tmp_path / "tree")
    stamp = source_date({"SOURCE_DATE_EPOCH": "1700000000"})
    first = write_zip(folder, tmp_path / "one.zip", "bundle", stamp)
    for offset, path in enumerate(sorted(folder.rglob("*"))):
        os.utime(path, (1_000_000_000 + offset, 1_000_000_000 + offset))
        if path.is_file():
            path.chmod(0o600 if offset % 2 else 0o755)
    second = write_zip(folder, tmp_path / "two.zip", "bundle", stamp)
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    assert first.files == second.files == 4

    with zipfile.ZipFile(tmp_path / "one.zip") as archive:
        infos = archive.infolist()
        names = [info.filename for info in infos]
        assert names == sorted(names) == ["bundle/a/doc.pdf", "bundle/a/z.css", "bundle/b/page.html", "bundle/index.html"]
        assert {info.date_time for info in infos} == {(2023, 11, 14, 22, 13, 20)}
        assert {info.external_attr >> 16 for info in infos} == {0o100644}
        assert {info.filename: info.compress_type for info in infos}["bundle/a/doc.pdf"] == zipfile.ZIP_STORED
        assert {info.filename: info.compress_type for info in infos}["bundle/index.html"] == zipfile.ZIP_DEFLATED
        assert archive.read("bundle/b/page.html") == b"<p>b</p>"


def test_zip_time_comes_from_source_date_epoch_and_never_precedes_1980() -> None:
    assert source_date({"SOURCE_DATE_EPOCH": "1577836800"}) == (2020, 1, 1, 0, 0, 0)
    assert source_date({"SOURCE_DATE_EPOCH": "1577836801"}) == (2020, 1, 1, 0, 0, 0)  # zip stores even seconds
    assert source_date({"SOURCE_DATE_EPOCH": "0"}) == (1980, 1, 1, 0, 0, 0)
    before, unset, after = time.gmtime(), source_date({}), time.gmtime()
    assert before[:5] <= unset[:5] <= after[:5], "unset: the time of the build (structure/build_date.py)"


# Nothing remote, the shim, the second config


def test_remote_loads_are_found_and_links_to_read_are_not(tmp_path: Path) -> None:
    site = tmp_path / "b"
    site.mkdir()
    (site / "index.html").write_text(
        '<a href="https://www.medicaid.gov/x.pdf">a document</a>\n'
        '<script src="assets/local.js"></script>\n'
        '<script src="https://unpkg.com/iframe-worker/shim"></script>\n'
        "<link rel='stylesheet' href='//fonts.googleapis.com/css?family=Roboto'>\n",
        encoding="utf-8",
    )
    (site / "style.css").write_text("a { background: url(https://example.org/x.png) }\nb { background: url(x.png) }\n")
    (site / "text.html").write_text("<p>CSS such as url(//example.org/x.png) shown as text loads nothing.</p>\n")
    assert [entry.split(": ")[0] for entry in find_remote_loads(site)] == ["style.css:1"]
    pages = [entry.split(" carries ")[0].split(" its page ")[1] for entry in live_markup_in(site, {})]
    assert pages == ["index.html:3", "index.html:4"]


def test_offline_variant_is_the_site_config_plus_offline_without_edit_links(tmp_path: Path) -> None:
    site = load_site_config(PROJECT / "mkdocs.yml", tmp_path / "site")
    offline = offline_variant(PROJECT / "mkdocs.yml", tmp_path / "bundle", [SHIM_TARGET])
    assert list(offline.plugins) == [*site.plugins, OFFLINE_PLUGIN]
    assert toolkit_plugin(offline).config.repository is None, "the offline copy has no edit or feedback links"
    assert toolkit_plugin(site).config.offline_zip is True
    assert offline.extra["polyfills"] == [SHIM_TARGET] and offline.extra["offline_bundle"] is True
    assert site.extra["offline_bundle"] is False and "polyfills" not in site.extra
    assert offline.site_dir == str(tmp_path / "bundle")
    main = read_yaml(PROJECT / "mkdocs.yml")
    assert main["theme"]["font"] is False and "repo_url" not in main and "analytics" not in main.get("extra", {})
    assert not (PROJECT / "mkdocs-offline.yml").exists(), "the offline variant is made in code (outputs/site.py)"


def test_vendored_shim_is_the_pinned_npm_version_with_its_license() -> None:
    pinned = json.loads((PROJECT / "package.json").read_text(encoding="utf-8"))["dependencies"]["iframe-worker"]
    locked = json.loads((PROJECT / "package-lock.json").read_text(encoding="utf-8"))["packages"]["node_modules/iframe-worker"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", pinned), "pin iframe-worker to an exact version"
    assert locked["version"] == pinned and locked["integrity"].startswith("sha512-")
    shim = SHIM_SOURCE.read_text(encoding="utf-8")
    assert shim.startswith(f"/*! iframe-worker {pinned} (npm)"), "run scripts/vendor-js after changing package.json"
    assert "Permission is hereby granted" in shim and "window.IFrameWorker" in shim and "http" not in shim.split("*/", 1)[1]


def test_size_labels_and_placeholders(tmp_path: Path) -> None:
    assert size_label(2_201_967, with_pdfs=True) == "zip, 2.2 MB, PDFs included"
    assert size_label(526_774, with_pdfs=False) == "zip, 527 KB"
    page = tmp_path / "index.html"
    page.write_text(
        '<p><a href="downloads/x.zip">Download</a> (<span class="ltss-bundle-size" data-file="x.zip">zip</span>)'
        ' <span class="ltss-bundle-size" data-file="other.zip">zip</span></p>',
        encoding="utf-8",
    )
    assert fill_size_placeholders(tmp_path, {"x.zip": "zip, 1 <MB>"}) == 1
    assert page.read_text(encoding="utf-8") == (
        '<p><a href="downloads/x.zip">Download</a> (<span class="ltss-bundle-size" data-file="x.zip">zip, 1 &lt;MB&gt;</span>)'
        ' <span class="ltss-bundle-size" data-file="other.zip">zip</span></p>'
    )


# End to end


SMALL_CONTENT = {
    "content/topics.yml": "- id: pace\n  label: PACE\n",
    "content/pathways/index.md": (
        "---\nid: pathways\nreviewed: 2026-01-15\ntitle: Pathways\nsummary: Where a state starts.\norder: 0\n"
        "resources: [pace-guide]\ntopics: [pace]\n---\nAbout PACE.\n"
    ),
    "content/pathways/resources.yml": (
        "- id: pace-guide\n  title: A PACE guide\n  publisher: Example publisher\n  year: 2018\n"
        "  url: https://example.org/pace\n  kind: report\n  topics: [pace]\n"
    ),
}

SMALL_HOME = """\
---
render_macros: true
---
# Home

{% if offline_bundle %}This is the offline copy.{% else %}<a href="downloads/ltss-toolkit-offline.zip">Download</a>
(<span class="ltss-bundle-size" data-file="ltss-toolkit-offline.zip">zip</span>){% endif %}
"""


def _small_site(small_project) -> Path:
    from conftest import MINIMAL_MKDOCS

    return small_project(
        {
            "docs/index.md": SMALL_HOME,
            **SMALL_CONTENT,
        },
        MINIMAL_MKDOCS.replace("      repository:", "      offline_zip: true\n      repository:")
        + "extra:\n  offline_bundle: false\n",
    )


def test_small_project_bundle_is_reproducible_trimmed_and_sized(small_project, tmp_path: Path) -> None:
    project = _small_site(small_project)
    first = run_build(project, tmp_path / "one", "--no-pdf")
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    second = run_build(project, tmp_path / "two", "--no-pdf")
    assert second.returncode == 0, second.stderr[-3000:]
    archive = tmp_path / "one" / "downloads" / ZIP_NAME
    assert archive.read_bytes() == (tmp_path / "two" / "downloads" / ZIP_NAME).read_bytes()

    size = archive.stat().st_size
    assert re.search(rf"^Offline bundle: downloads/{ZIP_NAME}, \d+ KB \({size} bytes, \d+ files\)$", first.stdout, re.M), first.stdout
    home = (tmp_path / "one" / "index.html").read_text(encoding="utf-8")
    assert f'data-file="{ZIP_NAME}">{size_label(size, with_pdfs=False)}</span>' in home

    with zipfile.ZipFile(archive) as bundle:
        names = set(bundle.namelist())
        assert all(name.startswith(f"{BUNDLE_ROOT}/") for name in names)
        assert {f"{BUNDLE_ROOT}/index.html", f"{BUNDLE_ROOT}/pathways/index.html", f"{BUNDLE_ROOT}/{SHIM_TARGET}",
                f"{BUNDLE_ROOT}/search/search_index.js"} <= names
        dropped = [n for n in names if n.endswith((".map", "sitemap.xml", "sitemap.xml.gz", "search_index.json")) or "/lunr/" in n]
        assert dropped == []
        index = bundle.read(f"{BUNDLE_ROOT}/index.html").decode("utf-8")
        assert "This is the offline copy." in index and "ltss-bundle-size" not in index
        assert f'<script src="{SHIM_TARGET}"></script>' in index
        # Material's bundle.js names unpkg for a ResizeObserver polyfill that current browsers never
        # load; pages and stylesheets must not name it at all (the browser test watches real requests).
        for name in names:
            if name.endswith((".html", ".css")):
                assert "unpkg.com" not in bundle.read(name).decode("utf-8"), name


def test_project_without_offline_zip_builds_without_a_bundle(small_project, tmp_path: Path) -> None:
    project = small_project(SMALL_CONTENT)
    result = run_build(project, tmp_path / "site", "--no-pdf")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Offline bundle: skipped" in result.stdout
    assert not (tmp_path / "site" / "downloads" / ZIP_NAME).exists()


def test_shipped_bundle_has_the_pdfs_and_stays_small(built_site: Path) -> None:
    archive = built_site / "downloads" / ZIP_NAME
    home = (built_site / "index.html").read_text(encoding="utf-8")
    pdfs = sorted((built_site / "downloads").glob("*.pdf"))
    assert f'data-file="{ZIP_NAME}">{size_label(archive.stat().st_size, with_pdfs=bool(pdfs))}</span>' in home
    with zipfile.ZipFile(archive) as bundle:
        infos = {info.filename: info for info in bundle.infolist()}
        for pdf in pdfs:
            assert bundle.read(f"{BUNDLE_ROOT}/downloads/{pdf.name}") == pdf.read_bytes()
        without_pdfs = sum(info.compress_size for name, info in infos.items() if not name.endswith(".pdf"))
        pages = [name for name in infos if name.endswith(".html")]
        with_edit_links = [name for name in pages if "/edit/main/" in bundle.read(name).decode("utf-8")]
    assert len(pages) > 20 and with_edit_links == [], "the offline copy has no edit links (they lead to a website)"
    assert without_pdfs <= SIZE_TARGET, f"the bundle without its PDFs is {without_pdfs} bytes"


@pytest.mark.parametrize("needle", ["unpkg.com", "fonts.googleapis.com", "googletagmanager"])
def test_shipped_bundle_names_no_remote_script_or_font(built_site: Path, needle: str) -> None:
    with zipfile.ZipFile(built_site / "downloads" / ZIP_NAME) as bundle:
        offenders = [n for n in bundle.namelist() if n.endswith((".html", ".css")) and needle in bundle.read(n).decode("utf-8")]
    assert offenders == []
