"""Node by node, the shipped Start Here flow (every ``content/**/flow.yml``): every answer leads to an
existing node, every node can be reached, every path ends at an outcome, each of the three integrated care
paths is an outcome someone can reach, and the rebalancing journey covers the toolkit's modules and names
each Medicaid authority.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ltss_toolkit.extensions import default_extensions
from ltss_toolkit.flow.graph import descendants, loops, paths, reachable
from ltss_toolkit.flow.model import OUTCOME, QUESTION, START, Flow
from ltss_toolkit.loading.loader import load_toolkit

PROJECT = Path(__file__).resolve().parents[2]
FLOW_FILES = ("content/flow.yml", "content/modules/flow.yml", "content/pathways/flow.yml")
TOOLKIT, PROBLEMS = load_toolkit(PROJECT / "content", PROJECT, default_extensions())
FLOW: Flow = TOOLKIT.data.get(Flow)
NODES = list(FLOW.nodes.values())
PATH_PAGES = ("managed-fee-for-service", "capitated-managed-care", "state-specific-models")
"""The index pages of the three integrated care paths."""


def test_the_flow_files_have_no_problems() -> None:
    assert [line for line in PROBLEMS.lines() if line.startswith(FLOW_FILES)] == []
    assert sorted(journey.path for journey in FLOW.journeys.values()) == sorted(FLOW_FILES)


def test_the_journeys_and_their_stages() -> None:
    stages = {journey.id: [stage.label for stage in journey.stages] for journey in FLOW.journeys.values()}
    assert stages == {
        "start-here": [],
        "rebalancing": ["Where you stand", "What to strengthen", "Which Medicaid authority", "Institutions and managed LTSS"],
        "integrated-care": ["Initial Considerations", "Foundational Issues", "Integrated Care Paths"],
    }


def test_the_first_question_chooses_a_journey() -> None:
    first = FLOW.nodes[FLOW.start.answers[0].next]
    assert first.kind == QUESTION
    journeys = {FLOW.nodes[a.next].journey for a in first.answers if not a.way_out}
    assert journeys == {"rebalancing", "integrated-care"}


def test_every_module_page_is_recommended_by_an_outcome() -> None:
    recommended = {ref.partition("#")[0] for n in NODES if n.kind == OUTCOME for ref in n.recommends}
    modules = {page.id for page in TOOLKIT.pages.values() if page.source.startswith("content/modules/")}
    assert modules - recommended == set()
    # ... and each of the four modules and State Pathways by an outcome a reader reaches.
    ends = {steps[-1][1].next for steps in paths(FLOW)}
    reached = {ref.partition("#")[0] for n in NODES if n.id in ends for ref in n.recommends}
    for folder in ("module-1", "module-2", "module-3", "module-4", "content/pathways/"):
        assert any(folder in TOOLKIT.pages[p].source for p in reached), folder


@pytest.mark.parametrize("authority", ["1915(c)", "1915(i)", "1915(j)", "1915(k)", "1115"])
def test_an_authority_outcome_names_each_authority(authority: str) -> None:
    outcome = next(n for n in NODES if n.kind == OUTCOME and n.id == "authority-" + authority.replace("(", "").replace(")", ""))
    assert authority in outcome.title
    assert outcome.first_step and outcome.sources
    labels = [label for label, _ in outcome.details]
    assert "Limits" in labels and any(label.startswith("What the state") for label in labels)
    assert "confirm" in dict(outcome.details)["Limits"] and "CMS" in dict(outcome.details)["Limits"]
    assert any(ref.startswith("module-3-medicaid-authorities#") for ref in outcome.recommends)


def test_the_reconciliation_law_is_dated_where_the_chooser_names_it() -> None:
    naming = [n for n in NODES if "119-21" in " ".join([n.text, *(text for _, text in n.details)])]
    assert {n.id for n in naming} >= {"authority-1915c", "authority-1115"}
    for node in naming:
        text = " ".join([node.text, *(text for _, text in node.details)])
        assert "As of" in text and "July 4, 2025" in text and "2028" in text and "CMS" in text


def test_closed_options_are_not_presented_as_open() -> None:
    for node in NODES:
        text = f"{node.title} {node.text} {node.first_step}"
        if "Financial Alignment Initiative" in text:
            assert "ended" in text and "December 31, 2025" in text, node.id
    exchange = FLOW.nodes["file-exchange"]
    assert exchange.title == "Meet the daily file exchange rule" and "April 1, 2022" in exchange.text


def test_one_start() -> None:
    assert [node.id for node in NODES if node.kind == START] == ["start"]


@pytest.mark.parametrize("node", NODES, ids=[n.id for n in NODES])
def test_node(node) -> None:
    assert node.id in reachable(FLOW), "cannot be reached from the start"
    assert node.stage in [stage.id for stage in FLOW.stages_of(node)] or not FLOW.stages_of(node)
    for answer in node.answers:
        assert answer.next in FLOW.nodes, f"answer '{answer.id}' leads to unknown node '{answer.next}'"
        assert answer.next != node.id
    if node.kind == OUTCOME:
        assert node.answers == ()
        assert node.recommends and all(ref.partition("#")[0] in TOOLKIT.pages for ref in node.recommends)
        assert node.first_step and "questions to consider" not in node.first_step.lower()
        return
    assert node.answers, "no way forward"
    assert any(o.kind == OUTCOME for o in map(FLOW.nodes.get, descendants(FLOW, node.id) | {node.id})), "no outcome after it"
    if node.kind == QUESTION:
        assert node.title.endswith("?")
        assert any(answer.way_out for answer in node.answers), "no 'Not sure' or 'None of these fit'"
        assert len({answer.label for answer in node.answers}) == len(node.answers)
        assert all(page in TOOLKIT.pages for page in node.about)


def test_no_loops() -> None:
    assert loops(FLOW) == []


def test_every_path_ends_at_an_outcome() -> None:
    found = paths(FLOW)
    assert found
    for steps in found:
        assert steps[0][0].kind == START
        assert FLOW.nodes[steps[-1][1].next].kind == OUTCOME
        # Each step follows from the one before it.
        for (_, answer), (node, _) in zip(steps, steps[1:]):
            assert answer.next == node.id


def test_every_outcome_is_at_the_end_of_some_path() -> None:
    ends = {steps[-1][1].next for steps in paths(FLOW)}
    assert ends == {node.id for node in NODES if node.kind == OUTCOME}


@pytest.mark.parametrize("path_page", PATH_PAGES)
def test_each_integrated_care_path_is_the_recommended_path_of_a_reachable_outcome(path_page: str) -> None:
    outcomes = [node for node in NODES if node.kind == OUTCOME and node.recommends[0] == path_page]
    assert outcomes, f"no outcome recommends '{path_page}' first"
    ends = {steps[-1][1].next for steps in paths(FLOW)}
    assert any(outcome.id in ends for outcome in outcomes)
    # Its page brings the path's questions to consider with it.
    assert TOOLKIT.pages[path_page].questions


def test_the_integrated_care_path_questions_come_from_the_paths_questions_to_consider() -> None:
    """The choice among the paths is made by their questions: each path page is background for a question."""
    backgrounds = {page for node in NODES if node.stage == "integrated-care-paths" for page in node.about}
    assert set(PATH_PAGES) <= backgrounds
