"""A layered drawing of the flow, top to bottom: where each box and each arrow goes.

A small, deterministic version of the usual method for drawing directed graphs (Sugiyama):
layers by longest path from the start, a waypoint in every layer an arrow crosses, orderings that
reduce crossings by barycentres, then coordinates that pull each box toward what leads to it.
Same flow in, same numbers out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LAYER_GAP = 96.0
"""Vertical room between layers, where the arrows and their labels run."""
NODE_GAP = 20.0
"""Least horizontal room between two boxes of a layer."""
WAYPOINT_WIDTH = 16.0
"""Horizontal room an arrow takes where it crosses a layer."""
MARGIN = 16.0
SWEEPS = 8


@dataclass
class Box:
    """A node's box; ``x``, ``y`` is its top-left corner."""

    id: str
    width: float
    height: float
    layer: int = 0
    x: float = 0.0
    y: float = 0.0

    @property
    def centre(self) -> float:
        return self.x + self.width / 2


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    key: str
    """Tells apart edges between the same two nodes (the answer id)."""


@dataclass
class Drawing:
    width: float
    height: float
    boxes: dict[str, Box]
    routes: dict[Edge, list[tuple[float, float]]] = field(default_factory=dict)
    """Each edge's points: leaving the bottom of its source, through waypoints, into the top of its target."""


@dataclass
class _Slot:
    """A box or a waypoint in a layer's ordering."""

    key: str
    width: float
    layer: int
    waypoint: bool = False
    x: float = 0.0
    above: list[_Slot] = field(default_factory=list)
    below: list[_Slot] = field(default_factory=list)


def lay_out(boxes: list[Box], edges: list[Edge], layer_of: dict[str, int]) -> Drawing:
    """Place ``boxes`` (given in reading order) in their layers and route every edge."""
    slots = {box.id: _Slot(box.id, box.width, layer_of[box.id]) for box in boxes}
    chains: dict[Edge, list[_Slot]] = {}
    for edge in edges:
        chain = [slots[edge.source]]
        for layer in range(layer_of[edge.source] + 1, layer_of[edge.target]):
            waypoint = _Slot(f"{edge.source}>{edge.target}>{edge.key}>{layer}", WAYPOINT_WIDTH, layer, waypoint=True)
            slots[waypoint.key] = waypoint
            chain.append(waypoint)
        chain.append(slots[edge.target])
        for upper, lower in zip(chain, chain[1:]):
            upper.below.append(lower)
            lower.above.append(upper)
        chains[edge] = chain
    rows = _initial_rows(boxes, slots)
    rows = _reduce_crossings(rows)
    _place(rows)
    return _drawing(boxes, rows, chains)


def _initial_rows(boxes: list[Box], slots: dict[str, _Slot]) -> list[list[_Slot]]:
    """Rows in depth-first order from the first box, so the first answers sit on the left."""
    depth = max(slot.layer for slot in slots.values()) + 1
    rows: list[list[_Slot]] = [[] for _ in range(depth)]
    seen: set[str] = set()

    def visit(slot: _Slot) -> None:
        if slot.key in seen:
            return
        seen.add(slot.key)
        rows[slot.layer].append(slot)
        for lower in slot.below:
            visit(lower)

    for box in boxes:
        visit(slots[box.id])
    return rows


def _crossings(rows: list[list[_Slot]]) -> int:
    total = 0
    for upper in rows[:-1]:
        position = {id(slot): i for row in rows for i, slot in enumerate(row)}
        lines = sorted((position[id(a)], position[id(b)]) for a in upper for b in a.below)
        for i, (a1, b1) in enumerate(lines):
            total += sum(1 for a2, b2 in lines[i + 1 :] if a2 > a1 and b2 < b1)
    return total


def _reduce_crossings(rows: list[list[_Slot]]) -> list[list[_Slot]]:
    best = [list(row) for row in rows]
    best_count = _crossings(best)
    current = [list(row) for row in rows]
    for sweep in range(SWEEPS):
        downward = sweep % 2 == 0
        order = range(1, len(current)) if downward else range(len(current) - 2, -1, -1)
        for index in order:
            neighbours = current[index - 1] if downward else current[index + 1]
            position = {id(slot): i for i, slot in enumerate(neighbours)}

            def barycentre(pair: tuple[int, _Slot]) -> tuple[float, int]:
                i, slot = pair
                linked = [position[id(s)] for s in (slot.above if downward else slot.below) if id(s) in position]
                return (sum(linked) / len(linked) if linked else float(i), i)

            current[index] = [slot for _, slot in sorted(enumerate(current[index]), key=barycentre)]
        count = _crossings(current)
        if count < best_count:
            best, best_count = [list(row) for row in current], count
    return best


def _place(rows: list[list[_Slot]]) -> None:
    """Top-down priority placement: each slot as close as it can get to the middle of what leads to it.

    Within a layer, waypoints go first (long arrows stay straight), then slots with more links;
    a slot never passes its neighbours, so the crossing-reduced order is kept.
    """
    x = 0.0
    for slot in rows[0]:
        slot.x = x
        x += slot.width + NODE_GAP
    for row in rows[1:]:
        wanted = []
        for slot in row:
            above = slot.above
            middle = sum(o.x + o.width / 2 for o in above) / len(above) if above else 0.0
            wanted.append(middle - slot.width / 2)
        placed: list[float | None] = [None] * len(row)
        order = sorted(range(len(row)), key=lambda i: (not row[i].waypoint, -len(row[i].above) - len(row[i].below), i))
        for i in order:
            low = max((p + _span(row, j, i) for j in range(i) if (p := placed[j]) is not None), default=float("-inf"))
            high = min(
                (p - _span(row, i, j) for j in range(i + 1, len(row)) if (p := placed[j]) is not None),
                default=float("inf"),
            )
            placed[i] = min(max(wanted[i], low), high) if low <= high else low
        for slot, value in zip(row, placed):
            slot.x = value if value is not None else 0.0
    left = min((slot.x for row in rows for slot in row), default=0.0)
    for row in rows:
        for slot in row:
            slot.x += MARGIN - left


def _span(row: list[_Slot], i: int, j: int) -> float:
    """Least distance from the left edge of slot ``i`` to the left edge of slot ``j`` (``i`` < ``j``)."""
    return sum(row[k].width + NODE_GAP for k in range(i, j))


def _drawing(boxes: list[Box], rows: list[list[_Slot]], chains: dict[Edge, list[_Slot]]) -> Drawing:
    by_id = {box.id: box for box in boxes}
    tops: list[float] = []
    y = MARGIN
    for row in rows:
        tops.append(y)
        tallest = max((by_id[s.key].height for s in row if s.key in by_id), default=0.0)
        y += tallest + LAYER_GAP
    height = y - LAYER_GAP + MARGIN
    width = max((slot.x + slot.width for row in rows for slot in row), default=0.0) + MARGIN
    for row, top in zip(rows, tops):
        tallest = max((by_id[s.key].height for s in row if s.key in by_id), default=0.0)
        for slot in row:
            if slot.key in by_id:
                box = by_id[slot.key]
                box.layer, box.x, box.y = slot.layer, _r(slot.x), _r(top + (tallest - box.height) / 2)
    drawing = Drawing(_r(width), _r(height), by_id)
    exits = _spread(chains, by_id, outgoing=True)
    entries = _spread(chains, by_id, outgoing=False)
    for edge, chain in chains.items():
        source, target = by_id[edge.source], by_id[edge.target]
        points = [(exits[edge], source.y + source.height)]
        for waypoint in chain[1:-1]:
            middle = waypoint.x + waypoint.width / 2
            points.append((_r(middle), _r(tops[waypoint.layer])))
            tallest = max((by_id[s.key].height for s in rows[waypoint.layer] if s.key in by_id), default=0.0)
            points.append((_r(middle), _r(tops[waypoint.layer] + tallest)))
        points.append((entries[edge], target.y))
        drawing.routes[edge] = points
    return drawing


def _spread(chains: dict[Edge, list[_Slot]], boxes: dict[str, Box], outgoing: bool) -> dict[Edge, float]:
    """Where each edge leaves (or enters) its box: spread along the side, in the order of what is beyond."""
    groups: dict[str, list[Edge]] = {}
    for edge in chains:
        groups.setdefault(edge.source if outgoing else edge.target, []).append(edge)
    out: dict[Edge, float] = {}
    for box_id, edges in groups.items():
        box = boxes[box_id]
        far = {edge: chains[edge][1 if outgoing else -2] for edge in edges}
        edges = sorted(edges, key=lambda e: far[e].x + far[e].width / 2)
        for i, edge in enumerate(edges):
            out[edge] = _r(box.x + box.width * (i + 1) / (len(edges) + 1))
    return out


def _r(value: float) -> float:
    return round(value, 1)
