"""Checks of the whole flow once all content is loaded; every problem is recorded, none raised."""

from __future__ import annotations

from ..structure.model import Toolkit
from ..structure.problems import Location, Problems, did_you_mean
from .graph import loops, reachable
from .model import OUTCOME, QUESTION, START, Flow, Node, split_ref
from .reader import flow_of
from .sections import heading_ids


def check_flow(toolkit: Toolkit, problems: Problems) -> None:
    """Unknown next nodes, unreachable nodes, dead ends, loops, missing ways out and missing pages."""
    flow = flow_of(toolkit)
    if flow is None:
        return
    for journey in flow.journeys.values():
        if not any(node.journey == journey.id for node in flow.nodes.values()):
            if not any(problem.where.path == journey.path for problem in problems.items):
                hint = "list questions and outcomes under 'nodes:'"
                problems.add(Location(journey.path, 1), "the flow file has no nodes", hint)
    if not flow.nodes:
        return
    _check_start(flow, problems)
    for node in flow.nodes.values():
        path = node.where.path
        stage_ids = [stage.id for stage in flow.stages_of(node)]
        if node.stage and node.stage not in stage_ids:
            problems.add(
                Location(path, node.line_of("stage")),
                f"node '{node.id}' names unknown stage '{node.stage}'",
                did_you_mean(node.stage, stage_ids) if stage_ids else "this file lists no stages; remove 'stage:'",
            )
        elif not node.stage and stage_ids:
            problems.add(
                Location(path, node.where.line),
                f"node '{node.id}' has no stage",
                "add 'stage:' with one of: " + ", ".join(stage_ids),
            )
        for answer in node.answers:
            if answer.next not in flow.nodes:
                what = "the start" if node.kind == START else f"answer '{answer.id}' of '{node.id}'"
                problems.add(
                    Location(path, answer.next_line),
                    f"{what} leads to unknown node '{answer.next}'",
                    did_you_mean(answer.next, flow.nodes),
                )
        _check_way_forward(flow, node, problems)
        if node.kind == OUTCOME:
            _check_pages(node, "recommends", node.recommends, toolkit, problems)
            for index, resource_id in enumerate(node.sources):
                if resource_id not in toolkit.resources:
                    problems.add(
                        Location(path, node.line_of("sources", index)),
                        f"node '{node.id}' cites unknown resource '{resource_id}'",
                        "use an id from a resources.yml; " + did_you_mean(resource_id, toolkit.resources),
                    )
        _check_pages(node, "about", node.about, toolkit, problems)
    for node, answer, loop in loops(flow):
        problems.add(
            Location(node.where.path, answer.next_line),
            f"answer '{answer.id}' of '{node.id}' leads back to '{answer.next}', a loop: " + " → ".join(loop),
            "a flow always moves forward; point this answer at a later question or an outcome",
        )
    start = flow.start
    if start is not None:
        reach = reachable(flow)
        for node in flow.nodes.values():
            if node.id not in reach:
                problems.add(
                    Location(node.where.path, node.where.line),
                    f"node '{node.id}' cannot be reached from the start",
                    "point an answer at it, or remove it",
                )


def _check_start(flow: Flow, problems: Problems) -> None:
    starts = [node for node in flow.nodes.values() if node.kind == START]
    if not starts:
        first = next(iter(flow.journeys.values()))
        problems.add(
            Location(first.path, 1),
            "the flow has no start node",
            "add a node with 'kind: start' and 'next:' its first question",
        )
    for extra in starts[1:]:
        problems.add(
            Location(extra.where.path, extra.where.line),
            f"a second start node '{extra.id}'",
            f"the flow has one start, '{starts[0].id}' ({starts[0].where}); make this a question",
        )


def _check_way_forward(flow: Flow, node: Node, problems: Problems) -> None:
    if node.kind == OUTCOME:
        return
    if not node.answers:
        field = "next" if node.kind == START else "answers"
        if field in node.lines:
            problems.add(
                Location(node.where.path, node.line_of(field)),
                f"{node.kind} '{node.id}' has no way forward",
                "give it answers that lead on, or make it an outcome with 'kind: outcome'",
            )
        return
    if node.kind == QUESTION and not any(answer.way_out for answer in node.answers):
        problems.add(
            Location(node.where.path, node.line_of("answers")),
            f"question '{node.id}' has no way out",
            "add an answer such as 'Not sure' or 'None of these fit' with 'way_out: true' that leads somewhere useful",
        )


def _check_pages(node: Node, key: str, refs: tuple[str, ...], toolkit: Toolkit, problems: Problems) -> None:
    for index, ref in enumerate(refs):
        page_id, heading = split_ref(ref)
        where = Location(node.where.path, node.line_of(key, index))
        page = toolkit.pages.get(page_id)
        if page is None:
            problems.add(
                where,
                f"node '{node.id}' points to missing page '{page_id}'",
                "use the 'id' from a page's front matter; " + did_you_mean(page_id, toolkit.pages),
            )
        elif heading and heading not in heading_ids(page):
            problems.add(
                where,
                f"node '{node.id}' points to a heading '{heading}' that page '{page_id}' does not have",
                "use the id of one of its headings (the ¶ link beside it); " + did_you_mean(heading, heading_ids(page)),
            )
