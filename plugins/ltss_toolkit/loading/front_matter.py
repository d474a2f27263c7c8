"""Split a content page into its YAML front matter and its Markdown body."""

from __future__ import annotations

from dataclasses import dataclass

from ..structure.problems import Location, Problems
from .yaml_lines import YamlMap, load_yaml


@dataclass(frozen=True)
class PageSource:
    """A page file as read: its front matter, its body, and the line where the body starts."""

    path: str
    meta: YamlMap
    body: str
    body_line: int


def split_page(text: str, path: str, problems: Problems) -> PageSource | None:
    """Return the page's parts, or None after recording why it cannot be read."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        problems.add(
            Location(path, 1),
            "page has no front matter",
            "start the file with a '---' line, then id, title, summary, order and resources, then '---'",
        )
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            end = index
            break
    else:
        problems.add(Location(path, 1), "front matter is not closed", "add a '---' line after the last field")
        return None
    before = len(problems)
    meta = load_yaml("".join(lines[1:end]), path, problems, line_offset=1)
    if not isinstance(meta, YamlMap):
        if len(problems) == before:
            problems.add(Location(path, 2), "front matter must be 'field: value' lines", "see README, 'Add a page'")
        return None
    return PageSource(path=path, meta=meta, body="".join(lines[end + 1 :]), body_line=end + 2)
