"""The Start Here flow in the shipped site, as plain HTML (no JavaScript): from the Start Here page,
answer links reach an outcome for each integrated care path, with no dead end and no broken link;
the map shows every node and edge of the YAML."""

from __future__ import annotations

import json
from collections import deque
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from ltss_toolkit.extensions import default_extensions
from ltss_toolkit.flow.model import OUTCOME, Flow
from ltss_toolkit.loading.loader import load_toolkit

PROJECT = Path(__file__).resolve().parents[2]
PATH_OUTCOMES = {
    "managed-fee-for-service": "Managed Fee-for-Service Options",
    "capitated-managed-care": "Capitated Managed Care Options",
    "state-specific-models": "State-Specific Models",
}
"""The index page of each integrated care path, and its title."""


@pytest.fixture(scope="module")
def flow() -> Flow:
    toolkit, _ = load_toolkit(PROJECT / "content", PROJECT, default_extensions())
    return toolkit.data.get(Flow)


def page_of(site: Path, node_id: str, flow: Flow) -> Path:
    node = flow.nodes[node_id]
    return site / "start-here" / ("index.html" if node.kind == "start" else f"{node_id}/index.html")


def read(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def target(page: Path, href: str) -> Path:
    assert "?" not in href and not href.startswith(("/", "http")), href
    resolved = (page.parent / href).resolve()
    return resolved / "index.html" if resolved.is_dir() else resolved


def test_plain_links_reach_every_node_and_an_outcome_for_each_path(built_site: Path, flow: Flow) -> None:
    start = built_site / "start-here" / "index.html"
    seen = {start.resolve()}
    todo = deque([start])
    outcomes: dict[str, BeautifulSoup] = {}
    while todo:
        page = todo.popleft()
        html = read(page)
        answers = html.select("a[data-flow-next]")
        if not answers:
            # No answers: only an outcome may end the way, and it says so.
            assert html.select_one("[data-flow-position]").get_text(strip=True) == "Your result", page
            outcomes[page.parent.name] = html
            continue
        for link in answers:
            following = target(page, link["href"])
            assert following.is_file(), f"{page}: broken link {link['href']}"
            assert following == page_of(built_site, link["data-flow-next"], flow).resolve()
            if following not in seen:
                seen.add(following)
                todo.append(following)
    assert seen == {page_of(built_site, node_id, flow).resolve() for node_id in flow.nodes}
    assert set(outcomes) == {n.id for n in flow.nodes.values() if n.kind == OUTCOME}
    for path_page, title in PATH_OUTCOMES.items():
        recommending = [html for html in outcomes.values() if html.select_one(".ltss-flow-recommended a").get_text(strip=True) == title]
        assert recommending, f"no outcome recommends {title}"


def test_every_link_on_every_flow_page_resolves(built_site: Path, flow: Flow) -> None:
    for node_id in flow.nodes:
        page = page_of(built_site, node_id, flow)
        for link in read(page).select("article a[href]"):
            href = link["href"]
            if href.startswith(("http://", "https://", "mailto:", "#")):
                continue
            assert target(page, href.split("#")[0]).is_file(), f"{node_id}: {href}"


def test_outcome_pages_show_the_paths_questions_and_resources(built_site: Path, flow: Flow) -> None:
    html = read(page_of(built_site, "capitated-managed-care", flow))
    questions = html.find(id="questions-to-consider").find_next("ul").select("li")
    assert len(questions) == 4
    assert html.find(id="related-resources")
    assert html.select(".ltss-flow-resources li")
    assert html.select("[data-flow-routes] li")
    assert html.select_one("[data-flow-given]").has_attr("hidden")


def test_the_map_shows_every_node_and_edge_of_the_yaml(built_site: Path, flow: Flow) -> None:
    page = built_site / "start-here" / "map" / "index.html"
    html = read(page)
    svgs = html.select("figure.ltss-flow-map svg")
    assert len(svgs) == len(flow.journeys)  # one drawing per journey
    links = [a for svg in svgs for a in svg.select("a[data-flow-node]")]
    boxes = {a["data-flow-node"]: a for a in links}
    assert set(boxes) == set(flow.nodes)
    for link in links:
        node_id = link["data-flow-node"]
        assert target(page, link["href"]) == page_of(built_site, node_id, flow).resolve()
        assert link.get_text(" ", strip=True) == " ".join(flow.nodes[node_id].map_label.split())
    # Each answer is drawn once, in its question's journey; boxes of other journeys only where an answer leads.
    edges = [(g["data-from"], g["data-to"], g["data-answer"]) for svg in svgs for g in svg.select("g.ltss-flow-map-edge")]
    assert sorted(edges) == sorted((n.id, a.next, a.id) for n in flow.nodes.values() for a in n.answers)
    for svg in svgs:
        assert len({a["data-flow-node"] for a in svg.select("a[data-flow-node]")}) == len(svg.select("a[data-flow-node]"))
        assert not svg.select("abbr, script, foreignObject")
        assert "http" not in "".join(str(tag) for tag in svg.select("[href]") if tag.name != "svg")
    assert len({svg.select_one("title")["id"] for svg in svgs}) == len(svgs)  # ids stay unique on the page


def test_start_here_is_in_the_nav_and_the_node_pages_are_not(built_site: Path) -> None:
    home = read(built_site / "index.html")
    nav = [a.get_text(strip=True) for a in home.select("nav.md-nav--primary > ul > li > a, nav.md-nav--primary > ul > li > label")]
    assert "Start Here" in " ".join(nav)
    nav_links = {a.get("href") for a in home.select("nav.md-nav--primary a")}
    assert "start-here/" in nav_links
    assert not any(href and href.startswith("start-here/") and href != "start-here/" for href in nav_links)


def test_search_leads_to_the_start_page_not_to_each_question(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "start-here/" in locations
    assert "start-here/beneficiaries/" not in locations
    assert "start-here/capitated-managed-care/" not in locations
