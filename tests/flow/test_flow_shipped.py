"""Node by node, the shipped Start Here flow (``content/pathways/flow.yml``): every answer leads to an
existing node, every node can be reached, every path ends at an outcome, and each of the three
integrated care paths is an outcome someone can reach.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ltss_toolkit.extensions import default_extensions
from ltss_toolkit.flow.graph import descendants, loops, paths, reachable
from ltss_toolkit.flow.model import OUTCOME, QUESTION, START, Flow
from ltss_toolkit.loading.loader import load_toolkit

PROJECT = Path(__file__).resolve().parents[2]
FLOW_FILE = "content/pathways/flow.yml"
TOOLKIT, PROBLEMS = load_toolkit(PROJECT / "content", PROJECT, default_extensions())
FLOW: Flow = TOOLKIT.data.get(Flow)
NODES = list(FLOW.nodes.values())
PATH_PAGES = ("managed-fee-for-service", "capitated-managed-care", "state-specific-models")
"""The index pages of the three integrated care paths."""


def test_the_flow_file_has_no_problems() -> None:
    assert [line for line in PROBLEMS.lines() if line.startswith(FLOW_FILE)] == []


def test_the_stages_are_the_three_of_state_pathways() -> None:
    assert [stage.label for stage in FLOW.stages] == ["Initial Considerations", "Foundational Issues", "Integrated Care Paths"]


def test_one_start() -> None:
    assert [node.id for node in NODES if node.kind == START] == ["start"]


@pytest.mark.parametrize("node", NODES, ids=[n.id for n in NODES])
def test_node(node) -> None:
    assert node.id in reachable(FLOW), "cannot be reached from the start"
    assert node.stage in [stage.id for stage in FLOW.stages]
    for answer in node.answers:
        assert answer.next in FLOW.nodes, f"answer '{answer.id}' leads to unknown node '{answer.next}'"
        assert answer.next != node.id
    if node.kind == OUTCOME:
        assert node.answers == ()
        assert node.recommends and all(page in TOOLKIT.pages for page in node.recommends)
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
