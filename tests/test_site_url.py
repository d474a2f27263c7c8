"""``site_url``, set in one place (``SITE_URL``, read by mkdocs.yml; the Publish workflow sets it): with it, every
page names its canonical address and sitemap.xml lists them all; the 404 page's links and assets work at any
depth. The other tests build with SITE_URL="" (conftest.build_env), as a local build does."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import PROJECT, SMALL_SITE, build_env, run_build, write_tree

SITE_URL = "https://example-agency.github.io/ltss-site/"


def build(tmp_path: Path, site_url: str) -> Path:
    project = write_tree(tmp_path / "project", SMALL_SITE)
    env = build_env()
    env["SITE_URL"] = site_url
    site = tmp_path / "site"
    mkdocs_yml = (project / "mkdocs.yml").read_text(encoding="utf-8")
    mkdocs_yml = mkdocs_yml.replace("theme:\n  name: material\n", "theme:\n  name: material\n  custom_dir: overrides\n")
    (project / "mkdocs.yml").write_text("site_url: !ENV [SITE_URL, '']\n" + mkdocs_yml, encoding="utf-8")
    (project / "overrides").symlink_to(PROJECT / "docs" / "overrides")
    result = run_build(project, site, "--no-pdf", env=env)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return site


def pages(site: Path) -> dict[str, BeautifulSoup]:
    return {
        path.relative_to(site).as_posix(): BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for path in sorted(site.rglob("*.html"))
        if path.name != "404.html"
    }


def test_the_site_url_comes_from_one_place() -> None:
    config = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.findall(r"^site_url:.*$", config, flags=re.M) == ['site_url: !ENV [SITE_URL, ""]']
    workflow = yaml.safe_load((PROJECT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job.get("steps", [])]
    assert [step.get("env", {}).get("SITE_URL") for step in steps if "SITE_URL" in step.get("env", {})] == [
        "${{ steps.pages.outputs.base_url }}"
    ]


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("published"), SITE_URL)


def test_every_page_names_its_canonical_address(published: Path) -> None:
    found = pages(published)
    assert len(found) >= 4
    for relative, soup in found.items():
        links = soup.find_all("link", rel="canonical")
        assert len(links) == 1, relative
        expected = SITE_URL + relative.removesuffix("index.html")
        assert links[0]["href"] == expected, relative


def test_the_sitemap_lists_every_page_at_its_canonical_address(published: Path) -> None:
    tree = ET.parse(published / "sitemap.xml")
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = sorted(loc.text or "" for loc in tree.getroot().findall("s:url/s:loc", namespace))
    canonical = sorted(soup.find("link", rel="canonical")["href"] for soup in pages(published).values())
    assert listed == canonical


def test_the_404_page_links_from_the_site_root_so_it_works_at_any_depth(published: Path) -> None:
    soup = BeautifulSoup((published / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.h1.get_text(strip=True) == "Page not found"
    links = [a["href"] for a in soup.select("article a[href]")]
    assert "/ltss-site/" in links and "/ltss-site/pathways/" in links and "/ltss-site/resources/" in links
    assert soup.select_one("form.ltss-not-found-search")["action"] == "/ltss-site/"
    assert soup.select_one("form.ltss-not-found-search input[name=q]") is not None
    for tag, name in (("link", "href"), ("script", "src")):
        for element in soup.find_all(tag, attrs={name: True}):
            if element.get("rel") != ["canonical"]:
                assert element[name].startswith("/ltss-site/"), element


def test_without_a_site_url_no_page_names_an_address(tmp_path: Path) -> None:
    site = build(tmp_path, "")
    assert not any(soup.find("link", rel="canonical") for soup in pages(site).values())
    assert "<loc>" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    soup = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("form.ltss-not-found-search")["action"] == "/"
