"""The "Start Here" decision flow as data: stages, and nodes of three kinds joined by answers."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..structure.problems import FieldLines, Location

START, QUESTION, OUTCOME = "start", "question", "outcome"
KINDS = (START, QUESTION, OUTCOME)

FOLDER = "start-here"
"""Where the flow's pages live in the site: ``start-here/index.md`` is the start node."""

MAP_ID = "map"
MAP_URI = f"{FOLDER}/{MAP_ID}.md"
RESERVED_IDS = ("index", MAP_ID)
"""Node ids that would collide with the start page or the map page."""


@dataclass(frozen=True)
class Stage:
    """One of the fixed stages shown in every page's step indicator."""

    id: str
    label: str
    where: Location


@dataclass(frozen=True)
class Answer:
    """A way forward from a node: the link the reader clicks and the node it leads to."""

    id: str
    label: str
    next: str
    where: Location
    """The answer's line (its ``- id:`` item)."""
    next_line: int
    short: str = ""
    """Label on the map's arrow; the full label when not given."""
    way_out: bool = False
    """The answer for readers who are not sure or find that none of the others fit."""

    @property
    def map_label(self) -> str:
        return self.short or self.label


@dataclass
class Node:
    """A start, question or outcome. Questions have a prompt and answers; outcomes recommend pages."""

    id: str
    kind: str
    stage: str
    title: str
    """The heading of the node's page: the prompt of a question, the title of a start or outcome."""
    text: str
    """The start's introduction, a question's help text, or an outcome's summary."""
    where: Location
    short: str = ""
    answers: tuple[Answer, ...] = ()
    """For the start node, a single answer that leads to the first question."""
    about: tuple[str, ...] = ()
    """Pages a reader may want before answering a question, by page id."""
    recommends: tuple[str, ...] = ()
    """An outcome's pathway pages by page id; the first is the recommended path."""
    lines: FieldLines = field(default_factory=FieldLines)
    """Line of each field, and of each item of list fields, for messages."""

    def line_of(self, key: str, index: int = 0) -> int:
        return self.lines.line_of(key, index)

    @property
    def map_label(self) -> str:
        return self.short or self.title

    @property
    def uri(self) -> str:
        """The node's page, relative to the docs root."""
        return f"{FOLDER}/index.md" if self.kind == START else f"{FOLDER}/{self.id}.md"


@dataclass
class Flow:
    """The whole flow from one ``flow.yml``: nodes in file order, the start node first among them."""

    path: str
    stages: tuple[Stage, ...] = ()
    nodes: dict[str, Node] = field(default_factory=dict)

    @property
    def start(self) -> Node | None:
        return next((node for node in self.nodes.values() if node.kind == START), None)

    def stage_index(self, stage_id: str) -> int:
        for index, stage in enumerate(self.stages):
            if stage.id == stage_id:
                return index
        return -1

    def targets(self, node: Node) -> list[tuple[Answer, Node]]:
        """The answers of a node that lead to an existing node, with that node."""
        return [(answer, self.nodes[answer.next]) for answer in node.answers if answer.next in self.nodes]
