"""Checks of the whole flow once all content is loaded; every problem is recorded, none raised."""

from __future__ import annotations

from collections.abc import Callable

from ..structure.model import Toolkit
from ..structure.problems import Location, Problems, did_you_mean
from .graph import loops, reachable
from .model import OUTCOME, QUESTION, START, Flow, Node
from .reader import flow_of


def check_flow(toolkit: Toolkit, problems: Problems) -> None:
    """Unknown next nodes, unreachable nodes, dead ends, loops, missing ways out and missing pages."""
    flow = flow_of(toolkit)
    if flow is None:
        return
    if not flow.nodes:
        if not any(problem.where.path == flow.path for problem in problems.items):
            hint = "list a start node, questions and outcomes under 'nodes:'"
            problems.add(Location(flow.path, 1), "the flow has no nodes", hint)
        return
    _check_start(flow, problems)
    stage_ids = [stage.id for stage in flow.stages]
    for node in flow.nodes.values():
        if node.stage and node.stage not in stage_ids:
            problems.add(
                Location(flow.path, node.line_of("stage")),
                f"node '{node.id}' names unknown stage '{node.stage}'",
                did_you_mean(node.stage, stage_ids),
            )
        for answer in node.answers:
            if answer.next not in flow.nodes:
                what = "the start" if node.kind == START else f"answer '{answer.id}' of '{node.id}'"
                problems.add(
                    Location(flow.path, answer.next_line),
                    f"{what} leads to unknown node '{answer.next}'",
                    did_you_mean(answer.next, flow.nodes),
                )
        _check_way_forward(flow, node, problems)
        if node.kind == OUTCOME:
            _check_pages(flow, node.id, "recommends", node.recommends, node.line_of, toolkit, problems)
        _check_pages(flow, node.id, "about", node.about, node.line_of, toolkit, problems)
    for node, answer, loop in loops(flow):
        problems.add(
            Location(flow.path, answer.next_line),
            f"answer '{answer.id}' of '{node.id}' leads back to '{answer.next}', a loop: " + " → ".join(loop),
            "a flow always moves forward; point this answer at a later question or an outcome",
        )
    start = flow.start
    if start is not None:
        reach = reachable(flow)
        for node in flow.nodes.values():
            if node.id not in reach:
                problems.add(
                    Location(flow.path, node.where.line),
                    f"node '{node.id}' cannot be reached from the start",
                    "point an answer at it, or remove it",
                )


def _check_start(flow: Flow, problems: Problems) -> None:
    starts = [node for node in flow.nodes.values() if node.kind == START]
    if not starts:
        problems.add(
            Location(flow.path, 1),
            "the flow has no start node",
            "add a node with 'kind: start' and 'next:' its first question",
        )
    for extra in starts[1:]:
        problems.add(
            Location(flow.path, extra.where.line),
            f"a second start node '{extra.id}'",
            f"the flow has one start, '{starts[0].id}'; make this a question",
        )


def _check_way_forward(flow: Flow, node: Node, problems: Problems) -> None:
    if node.kind == OUTCOME:
        return
    if not node.answers:
        field = "next" if node.kind == START else "answers"
        if field in node.lines:
            problems.add(
                Location(flow.path, node.line_of(field)),
                f"{node.kind} '{node.id}' has no way forward",
                "give it answers that lead on, or make it an outcome with 'kind: outcome'",
            )
        return
    if node.kind == QUESTION and not any(answer.way_out for answer in node.answers):
        problems.add(
            Location(flow.path, node.line_of("answers")),
            f"question '{node.id}' has no way out",
            "add an answer such as 'Not sure' or 'None of these fit' with 'way_out: true' that leads somewhere useful",
        )


def _check_pages(
    flow: Flow,
    node_id: str,
    key: str,
    page_ids: tuple[str, ...],
    line_of: Callable[[str, int], int],
    toolkit: Toolkit,
    problems: Problems,
) -> None:
    for index, page_id in enumerate(page_ids):
        if page_id not in toolkit.pages:
            problems.add(
                Location(flow.path, line_of(key, index)),
                f"node '{node_id}' points to missing page '{page_id}'",
                "use the 'id' from a page's front matter; " + did_you_mean(page_id, toolkit.pages),
            )
