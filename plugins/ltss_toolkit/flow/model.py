"""The "Start Here" decision flow as data: journeys with their stages, and nodes of three kinds joined by answers.

Each ``flow.yml`` under ``content/`` is one journey (its own stages and nodes); together they make one
flow with one start, and answers may lead from one journey's questions into another's.
"""

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
class Journey:
    """One ``flow.yml``: a way through Start Here with its own stages (none for the site-wide first questions)."""

    id: str
    title: str
    path: str
    """The file, from the project root, for messages and edit links."""
    stages: tuple[Stage, ...] = ()


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
    said: str = ""
    """What the outcomes this answer leads to echo as the reason they fit: "You said <said>"."""

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
    """An outcome's pages by page id, or ``page-id#heading-id`` for one section; the first is the recommended one."""
    first_step: str = ""
    """An outcome's concrete first step for a state."""
    details: tuple[tuple[str, str], ...] = ()
    """An outcome's labelled parts, such as "What the state must show CMS" and "Limits": (label, text)."""
    sources: tuple[str, ...] = ()
    """Resource ids behind an outcome's own facts (beyond those of the pages it recommends)."""
    journey: str = ""
    """The id of the journey (flow file) the node belongs to."""
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
    """The whole flow from every ``flow.yml``: journeys and nodes in the order the files were read."""

    journeys: dict[str, Journey] = field(default_factory=dict)
    nodes: dict[str, Node] = field(default_factory=dict)

    @property
    def start(self) -> Node | None:
        return next((node for node in self.nodes.values() if node.kind == START), None)

    @property
    def stages(self) -> tuple[Stage, ...]:
        """Every journey's stages, journey by journey."""
        return tuple(stage for journey in self.journeys.values() for stage in journey.stages)

    def journey_of(self, node: Node) -> Journey | None:
        return self.journeys.get(node.journey)

    def stages_of(self, node: Node) -> tuple[Stage, ...]:
        """The stages of the node's journey: its page's step indicator."""
        journey = self.journey_of(node)
        return journey.stages if journey is not None else ()

    def stage_index(self, node: Node) -> int:
        for index, stage in enumerate(self.stages_of(node)):
            if stage.id == node.stage:
                return index
        return -1

    def targets(self, node: Node) -> list[tuple[Answer, Node]]:
        """The answers of a node that lead to an existing node, with that node."""
        return [(answer, self.nodes[answer.next]) for answer in node.answers if answer.next in self.nodes]


def split_ref(ref: str) -> tuple[str, str]:
    """``page-id#heading-id`` as (page id, heading id); a plain page id has no heading id."""
    page_id, _, heading = ref.partition("#")
    return page_id, heading
