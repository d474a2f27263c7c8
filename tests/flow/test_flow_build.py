"""The flow through a real build of a small project: pages at stable addresses with links MkDocs has
resolved (directory URLs and ``.html`` URLs), a broken flow failing the build with ``path:line``
lines, a map that follows the YAML, and the same bytes from the same input."""

from __future__ import annotations

import shutil
import json
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import MINIMAL_MKDOCS, run_build

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "flow"
NODES = ("ready", "which", "outcome-a", "outcome-b")


def make_project(tmp_path: Path, case: str = "valid", mkdocs_yml: str = MINIMAL_MKDOCS) -> Path:
    project = tmp_path / "project"
    shutil.copytree(GOLDEN / case / "content", project / "content")
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Home\n\n[Start Here](start-here/index.md)\n")
    (project / "mkdocs.yml").write_text(mkdocs_yml + "not_in_nav: |\n  /start-here/*.md\n")
    return project


def build(project: Path, site: Path) -> None:
    result = run_build(project, site, "--no-pdf")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def flow_hrefs(page: Path) -> dict[str, str]:
    """Each node's address from ``page``, as the flow's JSON gives it to flow.js."""
    data = json.loads(soup(page).find("script", id="ltss-flow-data").string)
    return {node: value["href"] for node, value in data["nodes"].items()}


def resolve(page: Path, href: str) -> Path:
    target = (page.parent / href.split("?")[0].split("#")[0]).resolve()
    return target / "index.html" if target.is_dir() else target


def test_directory_urls(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    site = tmp_path / "site"
    build(project, site)
    start = site / "start-here" / "index.html"
    for node in NODES:
        assert (site / "start-here" / node / "index.html").is_file()
    begin = soup(start).select("a[data-flow-next]")
    assert [a["href"] for a in begin] == ["ready/"]
    ready = site / "start-here" / "ready" / "index.html"
    answers = soup(ready).select(".ltss-flow-answers a[data-flow-next]")
    assert [(a.get_text(strip=True), a["href"]) for a in answers] == [("Yes", "../which/"), ("Not sure", "../outcome-b/")]
    assert soup(ready).h1.get_text(strip=True) == "Is your state ready?"
    hrefs = flow_hrefs(ready)
    assert hrefs["start"] == "../" and hrefs["which"] == "../which/"
    for page in (start, ready, site / "start-here" / "outcome-a" / "index.html"):
        assert sorted(flow_hrefs(page)) == sorted(("start", *NODES))
        for node, href in flow_hrefs(page).items():
            target = site / "start-here" / ("" if node == "start" else node) / "index.html"
            assert resolve(page, href) == target.resolve(), (page, node, href)
    assert not soup(ready).select("a[hidden], [hidden] a"), "no hidden links for the script"
    map_page = site / "start-here" / "map" / "index.html"
    nodes = soup(map_page).select("svg a[data-flow-node]")
    assert sorted(a["data-flow-node"] for a in nodes) == sorted(("start", *NODES))
    for a in nodes:
        assert not a["href"].endswith(".md")
        assert resolve(map_page, a["href"]).is_file(), a["href"]
    assert {a["data-flow-node"]: a["href"] for a in nodes}["start"] == "../"


def test_html_urls(tmp_path: Path) -> None:
    project = make_project(tmp_path, mkdocs_yml=MINIMAL_MKDOCS + "use_directory_urls: false\n")
    site = tmp_path / "site"
    build(project, site)
    ready = site / "start-here" / "ready.html"
    answers = soup(ready).select(".ltss-flow-answers a[data-flow-next]")
    assert [a["href"] for a in answers] == ["which.html", "outcome-b.html"]
    hrefs = flow_hrefs(ready)
    assert hrefs == {"start": "index.html", **{node: f"{node}.html" for node in NODES}}
    assert flow_hrefs(site / "start-here" / "index.html")["ready"] == "ready.html"
    map_page = site / "start-here" / "map.html"
    hrefs = {a["data-flow-node"]: a["href"] for a in soup(map_page).select("svg a[data-flow-node]")}
    assert hrefs == {"start": "index.html", **{node: f"{node}.html" for node in NODES}}


def test_a_broken_flow_fails_the_build_with_every_problem(tmp_path: Path) -> None:
    project = make_project(tmp_path, case="all-at-once")
    site = tmp_path / "site"
    result = run_build(project, site, "--no-pdf")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    for line in (28, 41, 51, 53, 61, 75):
        assert f"content/pathways/flow.yml:{line}: " in output
    assert not site.exists()


def test_the_map_changes_with_the_yaml(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    first, second = tmp_path / "first", tmp_path / "second"
    build(project, first)
    flow = project / "content" / "pathways" / "flow.yml"
    flow.write_text(flow.read_text().replace("      - id: none-fit\n", "      - id: b\n        label: Path B\n        next: outcome-b\n      - id: none-fit\n"))
    build(project, second)
    before = soup(first / "start-here" / "map" / "index.html")
    after = soup(second / "start-here" / "map" / "index.html")
    edge = 'g[data-from="which"][data-to="outcome-b"][data-answer="b"]'
    assert not before.select(edge) and len(after.select(edge)) == 1
    assert len(after.select("g.ltss-flow-map-edge")) == len(before.select("g.ltss-flow-map-edge")) + 1
    outline_after = after.select_one("#every-path-in-words").find_next("ul").get_text(" ", strip=True)
    assert "Path B → Outcome: Read about path B" in outline_after


def test_same_input_same_bytes(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    first, second = tmp_path / "first", tmp_path / "second"
    build(project, first)
    build(project, second)
    pages = sorted(p.relative_to(first) for p in (first / "start-here").rglob("*.html"))
    assert len(pages) == 6
    for page in pages:
        assert (first / page).read_bytes() == (second / page).read_bytes(), page
