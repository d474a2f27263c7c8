"""End-to-end: the shipped content built into a temporary folder, checked as a reader would see it."""

from __future__ import annotations

import hashlib
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import PROJECT, broken_anchors, linkcheck, run_build
from ltss_toolkit.extensions import default_extensions
from ltss_toolkit.loading.loader import load_toolkit


@pytest.fixture(scope="module")
def toolkit():
    model, problems = load_toolkit(PROJECT / "content", PROJECT, default_extensions())
    assert not problems, problems.report()
    return model


def html_path(site: Path, uri: str) -> Path:
    """Where MkDocs writes a docs page with directory URLs."""
    stem = uri[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return site / stem.removesuffix("index") / "index.html"
    return site / stem / "index.html"


class Links(HTMLParser):
    """Collects every (tag, attribute, value) that loads or links something."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "srcset", "action", "data", "poster") and value is not None:
                self.found.append((tag, name, value))


def links_of(path: Path) -> list[tuple[str, str, str]]:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.found


def test_every_content_page_is_built_with_its_title(built_site: Path, toolkit) -> None:
    for page in toolkit.pages.values():
        html = html_path(built_site, page.uri).read_text(encoding="utf-8")
        title = page.title.replace("&", "&amp;").replace("'", "&#x27;")
        assert title in html or page.title in html, page.uri


def test_every_state_pathways_page_is_present(built_site: Path, toolkit) -> None:
    pathways = toolkit.roots["pathways"].walk()
    assert len(pathways) >= 24
    for section in ("initial-considerations", "foundational-issues", "integrated-care-paths"):
        assert (built_site / "pathways" / section / "index.html").is_file()


def test_resources_page_lists_each_resource_once_with_backlinks(built_site: Path, toolkit) -> None:
    html = (built_site / "resources" / "index.html").read_text(encoding="utf-8")
    assert len(toolkit.resources) >= 50
    for resource in toolkit.resources.values():
        assert html.count(f'id="resource-{resource.id}"') == 1, resource.id
        block = html.split(f'id="resource-{resource.id}"', 1)[1].split("</div>", 1)[0]
        if resource.url:
            assert f'href="{resource.url.replace("&", "&amp;")}"' in block
        else:
            assert "no public address is known" in block
            assert "<a href=\"http" not in block.split("Cited on")[0]
    citing = [p for p in toolkit.pages.values() if "icrc-dually-eligible-data-guide" in p.resources] or [
        p for p in toolkit.pages.values() if p.resources
    ]
    resource_id = citing[0].resources[0]
    block = html.split(f'id="resource-{resource_id}"', 1)[1].split("</div>", 1)[0]
    for page in toolkit.pages.values():
        if resource_id in page.resources:
            assert page.uri.removesuffix(".md").removesuffix("index") in block


def test_search_index_leaves_out_what_repeats_other_pages(built_site: Path, toolkit) -> None:
    """Every page loads the index: related resources, "See also", the Resources page's backlinks and topic
    index, the flow's node pages and the editors' freshness report are not in it; each page and resource is."""
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = {entry["location"]: entry for entry in index["docs"]}
    titles = {entry["title"] for entry in entries.values()}
    assert not titles & {"Related resources", "See also", "By topic"}
    assert not [where for where in entries if where.startswith(("freshness/", "start-here/beneficiaries/"))]
    resources = " ".join(e["text"] for where, e in entries.items() if where.startswith("resources/"))
    assert "Cited on" not in resources
    for resource in toolkit.resources.values():
        assert html.escape(resource.title, quote=False)[:40] in resources, resource.id
    for page in toolkit.pages.values():
        assert html.escape(page.title, quote=False) in titles, page.uri
    assert not any("<abbr" in e["text"] for where, e in entries.items() if where.startswith("resources/"))


def test_resources_page_mounts_no_tooltip_per_acronym(built_site: Path) -> None:
    """Material's tooltips on the Resources page's hundreds of acronyms blocked a phone's main thread."""
    page = (built_site / "resources" / "index.html").read_text(encoding="utf-8")
    assert "<abbr" not in page and "CMS" in page
    citing = (built_site / "modules" / "module-1-background" / "index.html").read_text(encoding="utf-8")
    assert "<abbr title=" in citing


def test_every_content_page_has_related_resources_and_no_hash_links(built_site: Path, toolkit) -> None:
    for page in toolkit.pages.values():
        path = html_path(built_site, page.uri)
        html = path.read_text(encoding="utf-8")
        assert 'id="related-resources"' in html, page.uri
        for resource_id in page.resources:
            resource = toolkit.resources[resource_id]
            if resource.url:
                assert f'href="{resource.url.replace("&", "&amp;")}"' in html, (page.uri, resource_id)
        assert not [v for _, n, v in links_of(path) if n == "href" and v == "#"], page.uri


def test_content_pages_link_to_their_own_source_for_editing(built_site: Path, toolkit) -> None:
    page = next(iter(toolkit.pages.values()))
    html = html_path(built_site, page.uri).read_text(encoding="utf-8")
    assert f"/edit/main/{page.source}" in html


def test_no_page_loads_anything_from_another_host(built_site: Path) -> None:
    loads = {("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src"),
             ("img", "srcset"), ("video", "src"), ("audio", "src"), ("object", "data"), ("embed", "src")}
    offenders = []
    for path in built_site.rglob("*.html"):
        for tag, name, value in links_of(path):
            if (tag, name) in loads and re.match(r"^(https?:)?//", value):
                offenders.append((str(path.relative_to(built_site)), tag, value))
    for path in built_site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^'\")]+)", path.read_text(encoding="utf-8")):
            offenders.append((str(path.relative_to(built_site)), "css", url))
    assert offenders == []


def test_linkchecker_finds_no_broken_internal_link_or_anchor(built_site: Path) -> None:
    result = linkcheck(built_site / "index.html")
    assert result.returncode == 0, result.stdout[-6000:]
    assert "0 warnings found" in result.stdout and "0 errors found" in result.stdout


def test_every_internal_anchor_exists(built_site: Path) -> None:
    assert broken_anchors(built_site) == []


def test_broken_anchors_finds_a_missing_id_on_another_page_and_on_the_same_page(tmp_path: Path) -> None:
    (tmp_path / "guide").mkdir()
    (tmp_path / "guide" / "index.html").write_text('<h2 id="kept">Kept</h2><a href="#gone">x</a>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="guide/#kept">ok</a><a href="guide/#lost">bad</a><a href="missing.html#x">bad</a>', encoding="utf-8"
    )
    assert broken_anchors(tmp_path) == [
        "guide/index.html -> #gone", "index.html -> guide/#lost", "index.html -> missing.html#x"
    ]


def _tree_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


SMALL_CONTENT = {
    "content/topics.yml": """\
        - id: data
          label: Data <b>and</b> analytics
        """,
    "content/pathways/index.md": """\
        ---
        id: pathways
        reviewed: 2026-01-15
        title: Pathways <script>alert('title')</script>
        summary: A summary with <em>markup</em> & {{ "{{" }} braces.
        order: 0
        resources: [evil, plain]
        topics: [data]
        ---
        Body text with a footnote.[^ref-one]
        """,
    "content/pathways/resources.yml": """\
        - id: evil
          title: "<script>alert('resource')</script> Report"
          publisher: "Publisher <img src=x onerror=alert(1)>"
          year: 2018
          url: https://example.org/report?a=1&b=2
          kind: report
          topics: [data]
        - id: plain
          title: A document with no known address
          publisher: ICRC
          url: null
          kind: guide
        """,
    "content/pathways/references.yml": """\
        - id: ref-one
          number: 1
          text: 'Someone. "A <Report>." 2018.'
          url: https://example.org/ref.pdf
        """,
}


def test_yaml_strings_are_escaped_and_unknown_addresses_are_not_linked(small_project, tmp_path: Path) -> None:
    project = small_project(SMALL_CONTENT)
    site = tmp_path / "out"
    result = run_build(project, site, "--no-pdf")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (site / "pathways" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(" not in html
    assert "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")
    assert "&lt;script&gt;alert(" in html
    assert 'href="https://example.org/report?a=1&amp;b=2"' in html
    assert "A document with no known address" in html
    assert 'href="#"' not in html
    for page in ("resources", "resources-by-topic"):
        resources = (site / page / "index.html").read_text(encoding="utf-8")
        assert "<script>alert(" not in resources
    assert "Data &lt;b&gt;and&lt;/b&gt; analytics" in resources  # a topic's label, as the heading of its index


def test_failed_build_reports_every_problem_and_leaves_the_site_untouched(small_project, tmp_path: Path) -> None:
    project = small_project(SMALL_CONTENT)
    site = tmp_path / "out"
    assert run_build(project, site, "--no-pdf").returncode == 0
    before = _tree_digest(site)
    (project / "content" / "pathways" / "resources.yml").write_text(
        "- id: evil\n  title: Broken: colon\n  url: nope\n", encoding="utf-8"
    )
    page = project / "content" / "pathways" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("order: 0", "order: first"), encoding="utf-8")
    result = run_build(project, site, "--no-pdf")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "content/pathways/resources.yml:2: YAML syntax error" in output
    assert "content/pathways/index.md:6: 'order' must be a whole number" in output
    assert _tree_digest(site) == before
    assert not [p for p in site.parent.iterdir() if p.name.startswith(".out.")]


def test_the_same_content_builds_the_same_bytes(small_project, tmp_path: Path) -> None:
    project = small_project(SMALL_CONTENT)
    first, second = tmp_path / "first", tmp_path / "second"
    assert run_build(project, first, "--no-pdf").returncode == 0
    assert run_build(project, second, "--no-pdf").returncode == 0
    assert _tree_digest(first) == _tree_digest(second)
    assert len(list(first.rglob("*.html"))) > 3
