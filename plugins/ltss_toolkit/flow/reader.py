"""Read each ``flow.yml`` into the one ``Flow``, recording every problem with its line.

Each file is a journey: a mapping with ``journey`` (its id), ``title``, optional ``stages`` (the steps of
its indicator) and ``nodes`` (start, questions and outcomes). Every ``flow.yml`` under ``content/`` is
read, so a new journey is a new file. Checks that need the whole flow or the pages (unknown next node,
cycles, missing pages) run later, in ``checks``.
"""

from __future__ import annotations

from typing import Any

from ..loading.fields import Field, check_id, field_lines, read_record
from ..loading.yaml_lines import YamlList, YamlMap, load_yaml
from ..structure.model import Toolkit
from ..structure.problems import Location, Problems, shown
from .model import KINDS, OUTCOME, QUESTION, RESERVED_IDS, START, Answer, Flow, Journey, Node, Stage


def flow_of(toolkit: Toolkit) -> Flow | None:
    """The site's decision flow, if a ``flow.yml`` was read."""
    return toolkit.data.get(Flow)


FLOW_FIELDS = (
    Field("journey", str, hint="a short id for this file's journey, such as 'journey: rebalancing'"),
    Field("title", str, hint="the journey's name, shown to readers above its stages"),
    Field(
        "stages",
        list,
        required=False,
        default=(),
        hint="list the stages, each with 'id' and 'label' (leave out for a journey without stages)",
    ),
    Field("nodes", list, hint="list the nodes: one 'kind: start', then questions and outcomes"),
)
STAGE_FIELDS = (Field("id", str), Field("label", str))

_COMMON = (
    Field("id", str, hint="give the node a stable id such as 'id: part-a-buy-in'; it becomes its address"),
    Field("kind", str, hint="one of: " + ", ".join(KINDS)),
    Field("stage", str, required=False, hint="the id of one of the stages listed at the top of the file"),
    Field("short", str, required=False, hint="a few words shown on the map"),
)
NODE_FIELDS = {
    START: _COMMON + (Field("title", str), Field("text", str), Field("next", str, hint="the id of the first question")),
    QUESTION: _COMMON
    + (
        Field("prompt", str, hint="write the question, ending with '?'"),
        Field("help", str, required=False),
        Field("about", list, required=False, items=str, default=(), hint="page ids to read before answering"),
        Field("answers", list, hint="list the answers, each with 'id', 'label' and 'next'"),
    ),
    OUTCOME: _COMMON
    + (
        Field("title", str),
        Field("text", str),
        Field("first_step", str, hint="one concrete thing a state can do first, in a sentence or two"),
        Field("details", list, required=False, default=(), hint="labelled parts, each with 'label' and 'text'"),
        Field(
            "recommends",
            list,
            items=str,
            hint="page ids (or 'page-id#heading-id' for a section), the recommended first",
        ),
        Field(
            "sources", list, required=False, items=str, default=(), hint="ids of resources behind this outcome's text"
        ),
    ),
}
DETAIL_FIELDS = (
    Field("label", str, hint="a short heading such as 'What the state must show CMS' or 'Limits'"),
    Field("text", str, hint="a sentence or a short paragraph"),
)
ANSWER_FIELDS = (
    Field("id", str, hint="a short id such as 'yes', 'no' or 'not-sure'; it is kept in the page address"),
    Field("label", str, hint="the words of the link the reader clicks"),
    Field("next", str, hint="the id of the node this answer leads to"),
    Field("short", str, required=False, hint="a few words shown on the map's arrow"),
    Field(
        "way_out", bool, required=False, default=False, hint="'way_out: true' marks 'Not sure' or 'None of these fit'"
    ),
    Field(
        "said",
        str,
        required=False,
        hint="what outcomes echo as a reason: 'You said ...', e.g. 'you want to cap enrollment'",
    ),
)


def read_flow(text: str, path: str, uri: str, toolkit: Toolkit, problems: Problems) -> None:
    """Reader for each ``flow.yml``: adds its journey and nodes to the flow in ``toolkit.data`` (``flow_of``)."""
    flow = flow_of(toolkit)
    if flow is None:
        flow = Flow()
        toolkit.data.put(flow)
    data = load_yaml(text, path, problems)
    if data is None:
        return
    values = read_record(data, FLOW_FIELDS, path, 1, "flow file", problems)
    if not values:
        return
    journey_id = values["journey"] or ""
    if journey_id and not check_id(journey_id, Location(path, data.line_of("journey")), "journey", problems):
        journey_id = ""
    if journey_id in flow.journeys:
        problems.add(
            Location(path, data.line_of("journey")),
            f"duplicate journey id '{journey_id}'",
            f"{flow.journeys[journey_id].path} uses it already; give this file's journey another id",
        )
        journey_id = path  # read on under the file's path, so that its other problems are reported too
    journey = Journey(journey_id, values["title"] or journey_id, path, tuple(_read_stages(data, path, problems)))
    flow.journeys[journey_id] = journey
    for item, line in _items(data, "nodes"):
        node = _read_node(item, path, line, problems)
        if node is None:
            continue
        node.journey = journey_id
        if node.id in flow.nodes:
            first = flow.nodes[node.id]
            where = (
                f"line {first.line_of('id')}"
                if first.where.path == path
                else f"{first.where.path}:{first.line_of('id')}"
            )
            problems.add(
                Location(path, node.line_of("id")),
                f"duplicate node id '{node.id}'",
                f"first used at {where}; give this node another id",
            )
            continue
        flow.nodes[node.id] = node


def _items(data: YamlMap, key: str) -> list[tuple[Any, int]]:
    value = data.get(key)
    if not isinstance(value, YamlList):
        return []
    return list(zip(value, value.item_lines))


def _read_stages(data: YamlMap, path: str, problems: Problems) -> list[Stage]:
    out: list[Stage] = []
    seen: dict[str, int] = {}
    for item, line in _items(data, "stages"):
        values = read_record(item, STAGE_FIELDS, path, line, "stage", problems)
        if not values or not check_id(values["id"], Location(path, line), "stage", problems) or not values["label"]:
            continue
        if values["id"] in seen:
            problems.add(
                Location(path, line), f"duplicate stage id '{values['id']}'", f"first used at line {seen[values['id']]}"
            )
            continue
        seen[values["id"]] = line
        out.append(Stage(values["id"], values["label"], Location(path, line)))
    return out


def _read_node(item: Any, path: str, line: int, problems: Problems) -> Node | None:
    if not isinstance(item, YamlMap):
        problems.add(Location(path, line), "node must be a set of 'field: value' lines", "start it with '- id: ...'")
        return None
    kind = item.get("kind")
    if kind not in NODE_FIELDS:
        problems.add(
            Location(path, item.line_of("kind")),
            f"node has unknown kind {shown(kind)}" if "kind" in item else "node has no 'kind'",
            "write 'kind:' as one of: " + ", ".join(KINDS),
        )
        return None
    values = read_record(item, NODE_FIELDS[kind], path, line, f"{kind} node", problems)
    if not values or not check_id(values["id"], Location(path, item.line_of("id")), "node", problems):
        return None
    if values["id"] in RESERVED_IDS:
        problems.add(
            Location(path, item.line_of("id")),
            f"node id '{values['id']}' is taken by the flow's own pages",
            "choose another id (" + " and ".join(f"'{r}'" for r in RESERVED_IDS) + " are reserved)",
        )
        return None
    node = Node(
        id=values["id"],
        kind=kind,
        stage=values["stage"] or "",
        title=(values["prompt"] if kind == QUESTION else values["title"]) or values["id"],
        text=(values["help"] if kind == QUESTION else values["text"]) or "",
        where=Location(path, line),
        short=values["short"] or "",
        about=tuple(values.get("about") or ()),
        recommends=tuple(values.get("recommends") or ()),
        first_step=values.get("first_step") or "",
        sources=tuple(values.get("sources") or ()),
        lines=field_lines(item, default=line),
    )
    if kind == START and values["next"]:
        node.answers = (
            Answer(
                "start",
                "Start now",
                values["next"],
                Location(path, item.line_of("next")),
                item.line_of("next"),
                "Start",
            ),
        )
    elif kind == QUESTION:
        node.answers = tuple(_read_answers(item, path, node, problems))
    if kind == OUTCOME:
        node.details = tuple(_read_details(item, path, problems))
    if kind == OUTCOME and "recommends" in item and not node.recommends:
        problems.add(
            Location(path, item.line_of("recommends")), "outcome recommends no page", "list at least one page id"
        )
    return node


def _read_details(item: YamlMap, path: str, problems: Problems) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for detail, line in _items(item, "details"):
        values = read_record(detail, DETAIL_FIELDS, path, line, "detail", problems)
        if values and values["label"] and values["text"]:
            out.append((values["label"], values["text"]))
    return out


def _read_answers(item: YamlMap, path: str, node: Node, problems: Problems) -> list[Answer]:
    out: list[Answer] = []
    seen: dict[str, int] = {}
    for answer, line in _items(item, "answers"):
        values = read_record(answer, ANSWER_FIELDS, path, line, "answer", problems)
        if not values or not check_id(values["id"], Location(path, line), "answer", problems):
            continue
        if values["id"] in seen:
            problems.add(
                Location(path, line),
                f"question '{node.id}' has two answers with id '{values['id']}'",
                f"first at line {seen[values['id']]}",
            )
            continue
        seen[values["id"]] = line
        if not values["label"] or not values["next"]:
            continue
        out.append(
            Answer(
                id=values["id"],
                label=values["label"],
                next=values["next"],
                where=Location(path, line),
                next_line=answer.line_of("next"),
                short=values["short"] or "",
                way_out=bool(values["way_out"]),
                said=values["said"] or "",
            )
        )
    return out
