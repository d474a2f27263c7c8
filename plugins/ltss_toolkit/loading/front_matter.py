"""Split a page into its YAML front matter and its Markdown body: the engine's one splitter, for content pages,
``docs/`` pages and the pull request's summary. It follows MkDocs' rule: a first line ``---``, then YAML up to a
line ``---`` or ``...`` (spaces after either are allowed)."""

from __future__ import annotations

from dataclasses import dataclass

from ..structure.problems import SYNTAX, Location, Problems
from .yaml_lines import YamlMap, load_yaml


@dataclass(frozen=True)
class PageSource:
    """A page file as read: its front matter, its body, and the line where the body starts."""

    path: str
    meta: YamlMap
    body: str
    body_line: int


@dataclass(frozen=True)
class FrontMatter:
    """A page's text cut in two: the YAML between the ``---`` lines (None when it is never closed) and the body."""

    yaml: str | None
    body: str
    body_line: int
    """The file's line where the body starts."""


def split_front_matter(text: str) -> FrontMatter | None:
    """The front matter and body of a page, or None when the page does not start with a ``---`` line."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return FrontMatter("".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2)
    return FrontMatter(None, text, 1)


def read_front_matter(text: str, path: str, problems: Problems) -> tuple[FrontMatter, YamlMap | None]:
    """The page's parts and its front matter's fields, parsed with the project's YAML loader and its limits
    (``{}`` when there is none; None, with the problem recorded, when it is not YAML)."""
    front = split_front_matter(text)
    if front is None:
        return FrontMatter(None, text, 1), YamlMap()
    if front.yaml is None:
        return front, None
    meta = load_yaml(front.yaml, path, problems, line_offset=1)
    return front, meta if isinstance(meta, YamlMap) else None


def split_page(text: str, path: str, problems: Problems) -> PageSource | None:
    """Return the content page's parts, or None after recording why it cannot be read."""
    front = split_front_matter(text)
    if front is None:
        problems.add(
            Location(path, 1),
            "page has no front matter",
            "start the file with a '---' line, then id, title, summary, order and resources, then '---'",
        )
        return None
    if front.yaml is None:
        problems.add(Location(path, 1), "front matter is not closed", "add a '---' line after the last field", SYNTAX)
        return None
    before = len(problems)
    meta = load_yaml(front.yaml, path, problems, line_offset=1)
    if not isinstance(meta, YamlMap):
        if len(problems) == before:
            problems.add(Location(path, 2), "front matter must be 'field: value' lines", "see README, 'Add a page'")
        return None
    return PageSource(path=path, meta=meta, body=front.body, body_line=front.body_line)
