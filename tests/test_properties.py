"""Property-based tests: for any input, every reader returns located problems or a model; none raises.

An exception from a reader would be a traceback in front of an editor (the plugin turns it into an
"internal error" line, but it is still a bug): these tests call the readers directly, so Hypothesis
finds such crashes and shrinks them to a small example. Inputs are random text, YAML built from the
readers' own field names with hostile values, and that YAML with random bytes spliced in. Profiles
(tests/conftest.py): derandomized in CI, so a run is reproducible; ``--hypothesis-show-statistics``
prints the examples run.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any, Callable

import yaml
from hypothesis import event, given
from hypothesis import strategies as st

from ltss_toolkit.flow.model import Flow
from ltss_toolkit.case_studies.model import CASE_STUDY_FIELDS, read_case_studies
from ltss_toolkit.engine import load_site
from ltss_toolkit.extensions import default_extensions
from ltss_toolkit.figures.model import FIGURE_FIELDS, POINT_FIELDS, read_figure
from ltss_toolkit.flow.checks import check_flow
from ltss_toolkit.flow.layout import Box, Edge, lay_out
from ltss_toolkit.flow.map_page import map_page
from ltss_toolkit.flow.pages import flow_pages
from ltss_toolkit.flow.reader import ANSWER_FIELDS, FLOW_FIELDS, NODE_FIELDS, STAGE_FIELDS, read_flow
from ltss_toolkit.glossary.model import IGNORE_FIELDS, TERM_FIELDS, read_glossary
from ltss_toolkit.loading.readers import (
    PAGE_FIELDS,
    REFERENCE_FIELDS,
    RESOURCE_FIELDS,
    TOPIC_FIELDS,
    read_page,
    read_references,
    read_resources,
    read_topics,
)
from ltss_toolkit.loading.safety import decode
from ltss_toolkit.loading.yaml_lines import load_yaml
from ltss_toolkit.render.links import check_links
from ltss_toolkit.structure.model import Page, Toolkit
from ltss_toolkit.structure.problems import Problems

PATH = "content/pathways/x.yml"
FIELD_NAMES = sorted(
    {
        f.name
        for fields in (PAGE_FIELDS, RESOURCE_FIELDS, REFERENCE_FIELDS, TOPIC_FIELDS, FLOW_FIELDS, STAGE_FIELDS,
                       ANSWER_FIELDS, FIGURE_FIELDS, POINT_FIELDS, CASE_STUDY_FIELDS, TERM_FIELDS, IGNORE_FIELDS,
                       *NODE_FIELDS.values())
        for f in fields
    }
)
HOSTILE = ["{{ 8*8 }}", "{% raw %}", "<script>alert(1)</script>", "javascript:alert(1)", "https://example.org/a",
           "#", "", " ", "yes", "start", "question", "outcome", "bed-buy-back", "a-b", "[^ref]", "[x](y.md#z)"]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**12), 10**12), st.floats(), st.sampled_from(HOSTILE),
    st.text(max_size=20),
)
keys = st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=8))
values: st.SearchStrategy[Any] = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
    max_leaves=12,
)
records = st.lists(st.dictionaries(st.sampled_from(FIELD_NAMES), values, max_size=9), max_size=4)


def dumped(value: Any) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False)


def spliced(text: str, position: int, junk: str) -> str:
    position = position % (len(text) + 1)
    return text[:position] + junk + text[position:]


yaml_texts = st.one_of(
    st.text(max_size=200),
    values.map(dumped),
    records.map(dumped),
    st.dictionaries(st.sampled_from(FIELD_NAMES), values, max_size=9).map(dumped),
    st.builds(spliced, records.map(dumped), st.integers(0, 10_000), st.text(max_size=4)),
)
bodies = st.lists(
    st.one_of(st.text(max_size=40), st.sampled_from(
        ["## Heading", "[a](x.md)", "[b](#heading)", "[c](../y.md#z)", "```", "`[d](e.md)`", "<a href='j:x'>",
         "[^ref]", "{{ figure(\"f\") }}", "<script>", "[e]: f.md", "![img](p.png)", "[f](javascript:x)"]
    )),
    max_size=12,
).map("\n".join)
page_texts = st.one_of(
    st.text(max_size=200),
    st.builds(
        lambda meta, body: f"---\n{meta}---\n{body}",
        st.dictionaries(st.sampled_from(FIELD_NAMES), values, max_size=9).map(dumped),
        bodies,
    ),
    st.builds(lambda meta, body: f"\ufeff---\n{meta}\n---\n{body}", yaml_texts, bodies),
)


def assert_located(problems: Problems) -> None:
    for problem in problems.items:
        assert problem.where.path and problem.where.line >= 0 and problem.message
    assert problems.report()


@given(yaml_texts)
def test_load_yaml_never_raises(text: str) -> None:
    problems = Problems()
    load_yaml(text, PATH, problems)
    assert_located(problems)


@given(st.binary(max_size=300))
def test_decoding_any_bytes_gives_text_or_a_located_problem(data: bytes) -> None:
    problems = Problems()
    text = decode(data, PATH, problems)
    assert (text is None) == bool(problems)
    assert_located(problems)


@given(page_texts)
def test_read_page_never_raises(text: str) -> None:
    problems = Problems()
    page = read_page(text, "content/pathways/x.md", "pathways/x.md", problems)
    assert page is not None or problems
    assert_located(problems)


@given(yaml_texts, st.sampled_from([read_resources, read_references, read_topics]))
def test_list_readers_never_raise(text: str, reader: Callable[[str, str, Problems], list[Any]]) -> None:
    problems = Problems()
    reader(text, PATH, problems)
    assert_located(problems)


@given(yaml_texts, st.sampled_from([read_flow, read_figure, read_case_studies, read_glossary]))
def test_extension_readers_and_their_checks_never_raise(text: str, reader: Callable[..., None]) -> None:
    toolkit, problems = Toolkit(), Problems()
    reader(text, PATH, "pathways/figures/x.yml", toolkit, problems)
    for extension in default_extensions():
        if extension.validate is not None:
            extension.validate(toolkit, problems)
    assert_located(problems)


ids = st.sampled_from(["start", "a", "b", "c", "d", "end", "x"])
answers = st.lists(
    st.fixed_dictionaries({"id": st.sampled_from(["yes", "no", "not-sure"]), "label": st.just("L"), "next": ids},
                          optional={"way_out": st.booleans(), "short": st.text(max_size=5), "said": st.text(max_size=9)}),
    max_size=4,
)
nodes = st.lists(
    st.one_of(
        st.fixed_dictionaries({"id": st.just("start"), "kind": st.just("start"), "stage": st.just("s"),
                               "title": st.just("T"), "text": st.just("X"), "next": ids}),
        st.fixed_dictionaries({"id": ids, "kind": st.just("question"), "stage": st.sampled_from(["s", "t"]),
                               "prompt": st.text(min_size=1, max_size=30), "answers": answers}),
        st.fixed_dictionaries({"id": ids, "kind": st.just("outcome"), "stage": st.just("s"), "title": st.just("T"),
                               "text": st.just("X"), "first_step": st.just("F"),
                               "recommends": st.lists(st.sampled_from(["p", "q", "p#h", "p#x"]), max_size=2)},
                              optional={"sources": st.lists(st.sampled_from(["r", "z"]), max_size=2),
                                        "details": st.lists(st.fixed_dictionaries(
                                            {"label": st.text(max_size=6)}, optional={"text": st.text(max_size=6)}),
                                            max_size=2)}),
    ),
    max_size=8,
)
flows = st.builds(
    lambda ns: {"journey": "j", "title": "J", "stages": [{"id": "s", "label": "S"}], "nodes": ns}, nodes
).map(dumped)


@given(flows)
def test_any_flow_gives_problems_or_pages_and_a_map(text: str) -> None:
    toolkit, problems = Toolkit(), Problems()
    page = Page("p", "P", "S", 0, (), (), ("Q?",), "## H\n\nBody", 6, "content/pathways/p.md", "pathways/p.md")
    toolkit.pages["p"] = page
    read_flow(text, "content/pathways/flow.yml", "pathways/flow.yml", toolkit, problems)
    check_flow(toolkit, problems)
    assert_located(problems)
    event("valid flow" if not problems else "flow with problems")
    if not problems:
        pages = flow_pages(toolkit)
        assert "start-here/map.md" in pages and map_page(toolkit.data.get(Flow))


@given(
    st.lists(st.tuples(st.integers(1, 6), st.integers(0, 5)), min_size=1, max_size=8),
    st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7)), max_size=14),
)
def test_layout_places_every_box_and_routes_every_forward_edge(
    sizes: list[tuple[int, int]], pairs: list[tuple[int, int]]
) -> None:
    boxes = [Box(f"n{i}", 40.0 * w, 30.0) for i, (w, _) in enumerate(sizes)]
    layer_of = {f"n{i}": layer for i, (_, layer) in enumerate(sizes)}
    edges = list(dict.fromkeys(
        Edge(f"n{a}", f"n{b}", "k") for a, b in pairs
        if a < len(boxes) and b < len(boxes) and layer_of[f"n{a}"] < layer_of[f"n{b}"]
    ))
    drawing = lay_out(boxes, edges, layer_of)
    assert set(drawing.boxes) == set(layer_of)
    assert set(drawing.routes) == set(edges)
    for box in drawing.boxes.values():
        assert 0 <= box.x and box.x + box.width <= drawing.width + 1e-6


@given(bodies, bodies)
def test_link_check_never_raises(body: str, other: str) -> None:
    toolkit, problems = Toolkit(), Problems()
    for name, text in (("x", body), ("y", other)):
        source, uri = f"content/pathways/{name}.md", f"pathways/{name}.md"
        toolkit.pages[name] = Page(name, name.upper(), "S", 0, (), (), (), text, 6, source, uri)
    check_links(toolkit, {"index.md": "# Home\n\n## Heading\n"}, {"pathways/p.png"}, problems)
    assert_located(problems)


@given(page_texts, yaml_texts)
def test_loading_a_whole_tree_never_raises(page: str, resources: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "content/pathways").mkdir(parents=True)
        (root / "content/pathways/index.md").write_text(page, encoding="utf-8")
        (root / "content/pathways/resources.yml").write_text(resources, encoding="utf-8")
        toolkit, problems = load_site(root, root / "content", None, default_extensions())
        assert toolkit.pages or problems
        assert_located(problems)


words = st.text(min_size=1, max_size=16).filter(lambda text: text.strip() != "")


@st.composite
def valid_flows(draw: st.DrawFn) -> tuple[str, str]:
    """A well-formed flow in two journeys' files: questions in order, each answer pointing further down
    (across the files too), one way out each (some nodes may be unreachable, the only problem it can have)."""
    questions = draw(st.integers(1, 6))
    outcomes = draw(st.integers(1, 3))
    names = [f"q{i}" for i in range(questions)] + [f"o{i}" for i in range(outcomes)]
    nodes: list[dict[str, Any]] = [
        {"id": "start", "kind": "start", "stage": "s", "title": "T", "text": "X", "next": "q0"}
    ]
    for i in range(questions):
        later = names[i + 1 :]
        targets = draw(st.lists(st.sampled_from(later), min_size=1, max_size=3))
        labels = draw(st.lists(words, min_size=len(targets), max_size=len(targets)))
        answers = [
            {"id": f"a{j}", "label": label, "next": t, "said": label} for j, (t, label) in enumerate(zip(targets, labels))
        ]
        answers.append({"id": "not-sure", "label": "Not sure", "way_out": True, "next": names[-1]})
        nodes.append({"id": f"q{i}", "kind": "question", "stage": "s", "prompt": draw(words),
                      "answers": answers})
    for i in range(outcomes):
        nodes.append({"id": f"o{i}", "kind": "outcome", "stage": "s", "title": "T", "text": "X", "first_step": "F",
                      "recommends": ["p", "p#h"]})
    split = draw(st.integers(1, len(nodes) - 1))
    second = [{**node, "stage": "t"} for node in nodes[split:]]
    return (
        dumped({"journey": "one", "title": "One", "stages": [{"id": "s", "label": "S"}], "nodes": nodes[:split]}),
        dumped({"journey": "two", "title": "Two", "stages": [{"id": "t", "label": "T"}], "nodes": second}),
    )


@given(valid_flows())
def test_any_reachable_flow_gets_its_pages_and_map(texts: tuple[str, str]) -> None:
    toolkit, problems = Toolkit(), Problems()
    body = "## H\n\nBody"
    toolkit.pages["p"] = Page("p", "P", "S", 0, (), (), ("Q?",), body, 6, "content/pathways/p.md", "pathways/p.md")
    read_flow(texts[0], "content/modules/flow.yml", "modules/flow.yml", toolkit, problems)
    read_flow(texts[1], "content/pathways/flow.yml", "pathways/flow.yml", toolkit, problems)
    check_flow(toolkit, problems)
    reachable_from_start = not [p for p in problems.items if "cannot be reached" not in p.message]
    assert reachable_from_start, problems.lines()
    pages = flow_pages(toolkit)
    assert set(pages) >= {"start-here/map.md", "start-here/index.md"}
    flow = toolkit.data.get(Flow)
    for node in flow.nodes.values():
        page = pages[node.uri]
        # Each page's step indicator is its own journey's.
        assert f'aria-label="Stages: {flow.journeys[node.journey].title}"' in page
        if node.kind == "outcome":
            assert "## Your first step" in page and "[P: H](../pathways/p.md#h)" in page
