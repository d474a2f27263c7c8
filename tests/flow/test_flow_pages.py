"""The flow's pages as Markdown, before MkDocs: one page per node, answers as links, the data flow.js
reads, escaping of every string from YAML, and the map's drawing and outline."""

from __future__ import annotations

import json
import re
from pathlib import Path

from ltss_toolkit.extensions import default_extensions
from ltss_toolkit.flow.graph import paths
from ltss_toolkit.flow.layout import NODE_GAP
from ltss_toolkit.flow.map_page import drawing, map_page, outline, svg
from ltss_toolkit.flow.model import Flow
from ltss_toolkit.flow.pages import flow_pages
from ltss_toolkit.loading.loader import load_toolkit

GOLDEN_VALID = Path(__file__).resolve().parents[1] / "golden" / "flow" / "valid" / "content"
PROJECT = Path(__file__).resolve().parents[2]
LINK = re.compile(r"\[([^\]]*)\]\(([^)]+)\)\{ ([^}]*) \}")


def load(content: Path = GOLDEN_VALID):
    toolkit, problems = load_toolkit(content, content.parent, default_extensions())
    assert not problems, problems.report()
    return toolkit, toolkit.data.get(Flow)


def test_one_page_per_node_and_a_map() -> None:
    toolkit, flow = load()
    pages = flow_pages(toolkit)
    assert sorted(pages) == sorted(
        ["start-here/index.md", "start-here/ready.md", "start-here/which.md", "start-here/outcome-a.md", "start-here/outcome-b.md", "start-here/map.md"]
    )


def test_no_flow_no_pages(tmp_path: Path) -> None:
    (tmp_path / "content" / "pathways").mkdir(parents=True)
    (tmp_path / "content" / "pathways" / "index.md").write_text("---\nid: p\nreviewed: 2026-01-15\ntitle: P\nsummary: S.\norder: 0\n---\nBody.\n")
    toolkit, problems = load_toolkit(tmp_path / "content", tmp_path, default_extensions())
    assert not problems
    assert flow_pages(toolkit) == {}


def test_each_answer_is_a_plain_link_to_its_next_node() -> None:
    toolkit, flow = load()
    pages = flow_pages(toolkit)
    for node in flow.nodes.values():
        links = [(target, attrs) for _, target, attrs in LINK.findall(pages[node.uri]) if "data-flow-next" in attrs]
        expected = [(flow.nodes[a.next].uri.removeprefix("start-here/"), a) for a in node.answers]
        assert [target for target, _ in links] == [target for target, _ in expected], node.id
        for (_, attrs), (_, answer) in zip(links, expected):
            assert f'data-flow-next="{answer.next}"' in attrs
            if node.kind == "question":
                assert f'data-flow-answer="{answer.id}"' in attrs


def test_question_is_the_heading_and_pages_have_stage_back_and_start_again() -> None:
    toolkit, flow = load()
    pages = flow_pages(toolkit)
    which = pages["start-here/which.md"]
    assert "\n# Which path suits your state?\n" in which
    assert which.count("\n# ") == 1
    # Stage indicator: the first stage done, the second current.
    assert re.search(r'ltss-flow-stage--done">.*First stage</li>', which)
    assert re.search(r'aria-current="step">.*Second stage</li>', which)
    assert 'data-flow-position>Question 2</p>' in which
    assert "[Back](ready.md){ .ltss-flow-back data-flow-back }" in which
    assert "[Start again](index.md)" in which
    # outcome-b has two parents: Back leads to the first, and flow.js may use history instead.
    assert 'data-flow-several-parents="true"' in pages["start-here/outcome-b.md"]
    assert "[Back](" not in pages["start-here/index.md"]


def test_outcome_page_recommends_pages_with_their_questions_and_resources() -> None:
    toolkit, flow = load()
    page = flow_pages(toolkit)["start-here/outcome-a.md"]
    assert "**[Path A](../pathways/paths/index.md)**: The first path." in page
    assert "## Questions to consider { .ltss-page-part }\n\n- Is path A right for you?" in page
    assert "## Your answers" in page
    assert "data-flow-routes" in page and "Which path? *Path A*" in page
    assert "data-flow-print" in page


def test_pages_carry_the_flow_for_flow_js() -> None:
    toolkit, flow = load()
    page = flow_pages(toolkit)["start-here/which.md"]
    data = json.loads(re.search(r'<script type="application/json" id="ltss-flow-data">(.*)</script>', page).group(1))
    assert data["here"] == "which" and data["start"] == "start"
    assert data["order"] == list(flow.nodes)
    assert data["nodes"]["ready"]["answers"]["yes"] == {"label": "Yes", "next": "which"}
    hrefs = {node: value["href"] for node, value in data["nodes"].items()}
    assert sorted(hrefs) == sorted(flow.nodes)
    assert hrefs["start"] == "../" and hrefs["ready"] == "../ready/"
    assert "data-flow-href" not in page and "ltss-flow-links" not in page


def _tricky_content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    for source in GOLDEN_VALID.rglob("*.md"):
        target = content / source.relative_to(GOLDEN_VALID)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(source.read_text())
    flow = (GOLDEN_VALID / "pathways" / "flow.yml").read_text()
    flow = flow.replace("prompt: Which path suits your state?", "prompt: \"Which <b>path</b> {{ config }} [suits](x) *your* state?\"")
    flow = flow.replace("label: Path A\n", "label: \"A </script><script>alert(1)</script> & B\"\n")
    (content / "pathways" / "flow.yml").write_text(flow)
    return content


def test_strings_from_yaml_are_escaped(tmp_path: Path) -> None:
    toolkit, flow = load(_tricky_content(tmp_path))
    pages = flow_pages(toolkit)
    which = pages["start-here/which.md"]
    assert "<b>" not in which and "&lt;b&gt;path&lt;/b&gt;" in which
    assert "\\{\\{ config \\}\\}" in which and "\\[suits\\]\\(x\\)" in which
    assert "render_macros: false" in which
    script = re.search(r'<script type="application/json" id="ltss-flow-data">(.*)</script>', which).group(1)
    assert "</script>" not in script and "\\u003c/script\\u003e" in script
    assert json.loads(script)["nodes"]["which"]["answers"]["a"]["label"] == "A </script><script>alert(1)</script> & B"
    drawn = map_page(flow)
    assert "<script>" not in drawn and "<b>" not in drawn


def test_map_draws_every_node_and_every_answer() -> None:
    toolkit, flow = load()
    drawn = svg(flow)
    nodes = re.findall(r'data-flow-node="([^"]+)"', drawn)
    assert sorted(nodes) == sorted(flow.nodes)
    edges = re.findall(r'data-from="([^"]+)" data-to="([^"]+)" data-answer="([^"]+)"', drawn)
    assert sorted(edges) == sorted((n.id, a.next, a.id) for n in flow.nodes.values() for a in n.answers)
    # Each box links to its node's page; labels are character references that Markdown leaves alone.
    assert "](outcome-a.md){ .ltss-flow-map-node .ltss-flow-map-node--outcome" in drawn
    assert "&#87;&#104;&#105;&#99;&#104;" in drawn  # "Which", the short label of 'which'
    assert "<abbr" not in drawn


def test_map_follows_the_yaml(tmp_path: Path) -> None:
    before = svg(load()[1])
    content = _tricky_content(tmp_path)
    flow_file = content / "pathways" / "flow.yml"
    flow_file.write_text(
        flow_file.read_text().replace(
            "      - id: none-fit\n",
            "      - id: b\n        label: Path B\n        next: outcome-b\n      - id: none-fit\n",
        )
    )
    after = svg(load(content)[1])
    assert after != before
    assert 'data-from="which" data-to="outcome-b" data-answer="b"' in after
    assert 'data-answer="b"' not in before


def test_layout_is_deterministic_and_boxes_do_not_overlap() -> None:
    toolkit, flow = load(PROJECT / "content")
    first, second = drawing(flow), drawing(flow)
    assert first == second
    assert svg(flow) == svg(flow)
    boxes = list(first.boxes.values())
    for box in boxes:
        assert 0 <= box.x and box.x + box.width <= first.width
        assert 0 <= box.y and box.y + box.height <= first.height
    by_layer: dict[int, list] = {}
    for box in boxes:
        by_layer.setdefault(box.layer, []).append(box)
    for layer, row in by_layer.items():
        row.sort(key=lambda b: b.x)
        for left, right in zip(row, row[1:]):
            assert left.x + left.width + NODE_GAP <= right.x + 0.05, (layer, left.id, right.id)
    # Layers go down the page: every arrow points from a higher box to a lower one.
    for edge, points in first.routes.items():
        assert first.boxes[edge.source].layer < first.boxes[edge.target].layer
        ys = [y for _, y in points]
        assert ys == sorted(ys)


def test_outline_lists_every_path() -> None:
    toolkit, flow = load(PROJECT / "content")
    lines = outline(flow)
    leaves = [line for line in lines if "Outcome: [" in line]
    assert len(leaves) == len(paths(flow))
    # Every path appears as a chain of nested items, each one level deeper.
    for steps in paths(flow):
        depth = 0
        position = 0
        for node, answer in steps:
            target = flow.nodes[answer.next]
            link = f"]({target.uri.removeprefix('start-here/')})"
            indent = "    " * (depth + 1) + "- "
            found = next((i for i in range(position, len(lines)) if lines[i].startswith(indent) and link in lines[i]), None)
            assert found is not None, f"{answer.next} missing under line {position} of the outline"
            position, depth = found, depth + 1
