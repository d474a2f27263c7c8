"""The map page: each journey drawn as an inline SVG at build time, and every path as a text outline.

The SVG needs no script, font or other host. Each box is a Markdown link wrapped around SVG shapes,
so MkDocs turns ``node.md`` into the right address for either URL style (``node/`` or
``node.html``); the arrows are plain SVG, hidden from screen readers, since the outline beneath
says the same in words.
"""

from __future__ import annotations

import textwrap

from ..render.escape import html_text, md_text, relative
from ..render.escape import svg_number as _n
from .graph import layers
from .layout import Box, Drawing, Edge, lay_out
from .model import MAP_URI, OUTCOME, QUESTION, START, Flow, Node

FONT_SIZE = 13
LINE_HEIGHT = 16
PADDING = 10
BOX_WIDTH = 150
CHARS_PER_LINE = 19
"""What fits in a box at the site's font size, with room to spare for wide letters."""

STYLE = {
    START: {"fill": "#e8eaf6", "stroke": "#283593", "rx": "20"},
    QUESTION: {"fill": "#ffffff", "stroke": "#283593", "rx": "4"},
    OUTCOME: {"fill": "#e0f2f1", "stroke": "#00695c", "rx": "4"},
}
EDGE_COLOUR = "#455a64"
TEXT_COLOUR = "#1a1a1a"
KIND_WORD = {START: "Start", QUESTION: "Question", OUTCOME: "Outcome"}


def map_page(flow: Flow) -> str:
    """The Markdown of ``start-here/map.md``."""
    out = [
        "---",
        "title: Map of the Start Here flow",
        "render_macros: false",
        "hide:",
        "  - navigation",
        "  - toc",
        "---",
        "",
        "# Map of the Start Here flow",
        "",
        '<p class="ltss-summary">Every question and outcome of the decision flow, with the answers that join them. '
        "Select a box to open that page.</p>",
        "",
        f"[Go to the first page of the flow]({relative(flow.start.uri, MAP_URI)})" if flow.start else "",
        "",
        "Boxes are the start (rounded), questions (white) and outcomes (green); arrows are answers. Each journey"
        " has its own drawing; a box from another journey marks where an answer leads into it. The same flow is"
        " written out below as a list of every path.",
        "",
        *_figures(flow),
        "## Every path, in words",
        "",
        "Each item is an answer and the page it leads to; the items under it are the answers available there.",
        "",
        '<div class="ltss-flow-outline" markdown>',
        "",
        *outline(flow),
        "",
        "</div>",
        "",
    ]
    return "\n".join(out)


def _figures(flow: Flow) -> list[str]:
    """One drawing per journey with nodes a reader can reach, under the journey's title."""
    reach = layers(flow)
    out: list[str] = []
    for journey in flow.journeys.values():
        if not any(n.journey == journey.id and n.id in reach for n in flow.nodes.values()):
            continue
        out += [
            f"## {md_text(journey.title)}",
            "",
            '<figure class="ltss-flow-map" markdown>',
            svg(flow, journey.id),
            f"<figcaption markdown>Map of the journey: {md_text(journey.title)}.</figcaption>",
            "</figure>",
            "",
        ]
    return out


def svg_text(value: str) -> str:
    """Text inside the SVG, written so that Markdown passes it through untouched.

    The SVG sits in Markdown (so that MkDocs rewrites its links), where any text is Markdown: the
    glossary's abbreviations would wrap "MLTSS" in an HTML ``<abbr>``, which SVG does not draw.
    Letters and digits as character references are stored aside by Markdown and come out as text.
    """
    return "".join(f"&#{ord(ch)};" if ch.isalnum() else md_text(ch) for ch in value)


def _label_lines(text: str) -> list[str]:
    return textwrap.wrap(text, CHARS_PER_LINE, break_long_words=True, break_on_hyphens=False) or [""]


def drawing(flow: Flow, journey: str | None = None) -> Drawing:
    """The boxes and arrows of the whole flow, or of one journey, placed.

    A journey's drawing has its own nodes and the answers that leave them, with a box for each node of
    another journey that such an answer leads to; layers are the whole flow's, so every arrow points down."""
    layer_of = layers(flow)
    own = [n for n in flow.nodes.values() if n.id in layer_of and (journey is None or n.journey == journey)]
    edges = [Edge(node.id, target.id, answer.id) for node in own for answer, target in flow.targets(node)]
    shown = dict.fromkeys([n.id for n in own] + [e.target for e in edges])
    top = min((layer_of[node_id] for node_id in shown), default=0)
    boxes = [
        Box(node_id, BOX_WIDTH, 2 * PADDING + LINE_HEIGHT * len(_label_lines(flow.nodes[node_id].map_label)))
        for node_id in shown
    ]
    return lay_out(boxes, edges, {node_id: layer_of[node_id] - top for node_id in shown})


def svg(flow: Flow, journey: str | None = None) -> str:
    """The SVG as lines of Markdown: raw SVG tags, with each box a Markdown link to its node's page."""
    placed = drawing(flow, journey)
    suffix = f"-{journey}" if journey else ""
    title = "Map of the Start Here decision flow" + (
        f": {flow.journeys[journey].title}" if journey in flow.journeys else ""
    )
    width, height = placed.width, placed.height
    lines = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ltss-flow-map-svg" viewBox="0 0 {_n(width)} {_n(height)}" '
        f'width="{_n(width)}" height="{_n(height)}" role="group" aria-labelledby="ltss-flow-map-title{suffix}" '
        f'font-size="{FONT_SIZE}">',
        f'<title id="ltss-flow-map-title{suffix}">{svg_text(title)}</title>',
        "<defs>"
        f'<marker id="ltss-flow-arrow{suffix}" viewBox="0 0 10 10" refX="9" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{EDGE_COLOUR}"/></marker></defs>',
        '<g class="ltss-flow-map-edges" aria-hidden="true">',
    ]
    answers = {(node.id, answer.id): answer for node in flow.nodes.values() for answer in node.answers}
    for edge, points in placed.routes.items():
        answer = answers[(edge.source, edge.key)]
        (x0, y0), (x1, y1) = points[0], points[1]
        y0 += _stagger(edge, placed)
        lines.append(
            f'<g class="ltss-flow-map-edge" data-from="{html_text(edge.source)}" data-to="{html_text(edge.target)}" '
            f'data-answer="{html_text(edge.key)}">'
            f'<path d="{_path(points)}" fill="none" stroke="{EDGE_COLOUR}" stroke-width="1.5" '
            f'marker-end="url(#ltss-flow-arrow{suffix})"/>'
            f'<text x="{_n((x0 + x1) / 2)}" y="{_n((y0 + y1) / 2 + 4)}" text-anchor="middle" '
            f'font-size="11" fill="{TEXT_COLOUR}" '
            f'stroke="#ffffff" stroke-width="4" paint-order="stroke">{svg_text(answer.map_label)}</text></g>'
        )
    lines.append("</g>")
    for node_id, box in placed.boxes.items():
        lines.append(_box_link(flow.nodes[node_id], box))
    lines.append("</svg>")
    return "\n".join(lines)


def _stagger(edge: Edge, placed: Drawing) -> float:
    """Labels of arrows leaving one box sit at alternating heights, so that neighbours do not overlap."""
    siblings = sorted((points[0][0], e.key) for e, points in placed.routes.items() if e.source == edge.source)
    if len(siblings) < 2:
        return 0.0
    index = [key for _, key in siblings].index(edge.key)
    return -14.0 if index % 2 == 0 else 14.0


def _box_link(node: Node, box: Box) -> str:
    style = STYLE[node.kind]
    label = _label_lines(node.map_label)
    first_y = box.y + PADDING + LINE_HEIGHT - 4
    spans = "".join(
        f'<tspan x="{_n(box.centre)}" y="{_n(first_y + i * LINE_HEIGHT)}">{svg_text(line)}</tspan>'
        for i, line in enumerate(label)
    )
    shape = (
        f'<rect x="{_n(box.x)}" y="{_n(box.y)}" width="{_n(box.width)}" height="{_n(box.height)}" rx="{style["rx"]}" '
        f'fill="{style["fill"]}" stroke="{style["stroke"]}" stroke-width="{3 if node.kind == OUTCOME else 1.5}"/>'
    )
    text = f'<text text-anchor="middle" fill="{TEXT_COLOUR}">{spans}</text>'
    target = relative(node.uri, MAP_URI)
    return (
        f"[{shape}{text}]({target}){{ .ltss-flow-map-node .ltss-flow-map-node--{node.kind} "
        f'data-flow-node="{node.id}" }}'
    )


def _path(points: list[tuple[float, float]]) -> str:
    """Straight down through a layer, an S-curve between layers."""
    (x, y), *rest = points
    d = [f"M{_n(x)},{_n(y)}"]
    for nx, ny in rest:
        if nx == x:
            d.append(f"L{_n(nx)},{_n(ny)}")
        else:
            middle = (y + ny) / 2
            d.append(f"C{_n(x)},{_n(middle)} {_n(nx)},{_n(middle)} {_n(nx)},{_n(ny)}")
        x, y = nx, ny
    return " ".join(d)


def outline(flow: Flow) -> list[str]:
    """Every path as nested Markdown lists: an answer and the page it leads to, then the answers there."""
    start = flow.start
    if start is None:
        return []
    lines = [f"- {KIND_WORD[START]}: [{md_text(start.title)}]({relative(start.uri, MAP_URI)})"]

    def walk(node: Node, depth: int, seen: frozenset[str]) -> None:
        for answer, target in flow.targets(node):
            if target.id in seen:
                continue
            indent = "    " * depth
            answer_text = "" if node.kind == START else f"*{md_text(answer.label)}* → "
            lines.append(
                f"{indent}- {answer_text}{KIND_WORD[target.kind]}"
                f": [{md_text(target.title)}]({relative(target.uri, MAP_URI)})"
            )
            walk(target, depth + 1, seen | {target.id})

    walk(start, 1, frozenset({start.id}))
    return lines
