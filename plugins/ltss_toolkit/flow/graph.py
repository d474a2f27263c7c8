"""The flow as a graph: what can be reached, loops, layers for the map, and every path to an outcome.

Functions here tolerate broken flows (answers to unknown nodes are skipped) so that the checks can
use them to report every problem in one pass.
"""

from __future__ import annotations

from collections import deque

from .model import OUTCOME, QUESTION, Answer, Flow, Node

Step = tuple[Node, Answer]
"""A node and the answer taken there."""


def reachable(flow: Flow) -> set[str]:
    """Ids of the nodes a reader can reach from the start."""
    start = flow.start
    if start is None:
        return set()
    return {start.id} | descendants(flow, start.id)


def descendants(flow: Flow, node_id: str) -> set[str]:
    """Ids of the nodes reachable from ``node_id`` by one answer or more."""
    seen: set[str] = set()
    todo = [node_id]
    while todo:
        node = flow.nodes[todo.pop()]
        for _, target in flow.targets(node):
            if target.id not in seen:
                seen.add(target.id)
                todo.append(target.id)
    return seen


def loops(flow: Flow) -> list[tuple[Node, Answer, list[str]]]:
    """Every answer that leads back to a node already on the way to it, with the loop's node ids.

    Depth-first from the start, then from any node not yet visited, so loops among unreachable
    nodes are found too. Each closing answer is reported once.
    """
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    found: list[tuple[Node, Answer, list[str]]] = []
    order = ([flow.start.id] if flow.start else []) + list(flow.nodes)
    for root in order:
        if root in state:
            continue
        path: list[str] = [root]
        state[root] = 1
        stack = [iter(flow.targets(flow.nodes[root]))]
        while stack:
            step = next(stack[-1], None)
            if step is None:
                stack.pop()
                state[path.pop()] = 2
                continue
            answer, target = step
            if state.get(target.id) == 1:
                loop = path[path.index(target.id) :] + [target.id]
                found.append((flow.nodes[path[-1]], answer, loop))
            elif target.id not in state:
                state[target.id] = 1
                path.append(target.id)
                stack.append(iter(flow.targets(target)))
    return found


def parents(flow: Flow) -> dict[str, list[Step]]:
    """For each node, the nodes and answers that lead to it, in file order."""
    out: dict[str, list[Step]] = {node_id: [] for node_id in flow.nodes}
    for node in flow.nodes.values():
        for answer, target in flow.targets(node):
            out[target.id].append((node, answer))
    return out


def layers(flow: Flow) -> dict[str, int]:
    """Each reachable node's layer on the map: the length of the longest path to it from the start.

    Assumes the flow has no loops (the checks refuse such a flow before any page is drawn).
    """
    reach = reachable(flow)
    incoming = {node_id: 0 for node_id in reach}
    for node_id in reach:
        for _, target in flow.targets(flow.nodes[node_id]):
            incoming[target.id] += 1
    layer = {node_id: 0 for node_id in reach}
    ready = deque(node_id for node_id in flow.nodes if node_id in reach and incoming[node_id] == 0)
    while ready:
        node = flow.nodes[ready.popleft()]
        for _, target in flow.targets(node):
            layer[target.id] = max(layer[target.id], layer[node.id] + 1)
            incoming[target.id] -= 1
            if incoming[target.id] == 0:
                ready.append(target.id)
    return layer


def question_numbers(flow: Flow) -> dict[str, int]:
    """For each question, its number on the shortest way to it: "Question 3" has two questions before it.

    With JavaScript the page shows the number on the reader's own way instead.
    """
    start = flow.start
    if start is None:
        return {}
    before: dict[str, int] = {start.id: 0}
    todo = deque([start.id])
    while todo:
        node = flow.nodes[todo.popleft()]
        count = before[node.id] + (1 if node.kind == QUESTION else 0)
        for _, target in flow.targets(node):
            if target.id not in before:
                before[target.id] = count
                todo.append(target.id)
    return {node_id: n + 1 for node_id, n in before.items() if flow.nodes[node_id].kind == QUESTION}


def paths(flow: Flow, limit: int = 10_000) -> list[list[Step]]:
    """Every way from the start to an outcome, as the steps taken; the outcome is the last step's target.

    Stops after ``limit`` paths, which only a flow far larger than a decision aid would reach.
    """
    start = flow.start
    out: list[list[Step]] = []
    if start is None:
        return out

    def walk(node: Node, steps: list[Step], seen: frozenset[str]) -> None:
        for answer, target in flow.targets(node):
            if len(out) >= limit or target.id in seen:
                continue
            taken = steps + [(node, answer)]
            if target.kind == OUTCOME:
                out.append(taken)
            else:
                walk(target, taken, seen | {target.id})

    walk(start, [], frozenset({start.id}))
    return out
