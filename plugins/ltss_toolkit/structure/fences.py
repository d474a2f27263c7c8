"""Which lines of a page's Markdown are code: the engine's one reader of fenced and indented code blocks.

It follows Python-Markdown as MkDocs sets it up (``fenced_code``): a fence starts at the line's first column
with three or more backticks or tildes, and ends at a line of exactly the same fence; a fence never closed is
no fence. An indented code block is a run of lines indented four more spaces than the text they sit in, after
a blank line; a list item's continuation paragraphs and an admonition's body are indented too, and are text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_OPENING = re.compile(r"^(`{3,}|~{3,})[ ]*[^`\n]*$")
_CONTAINER = re.compile(r"^( *)(?:[-*+][ \t]|\d+[.)][ \t]|!!!|\?\?\?\+?|\[\^[^\]]+\]:|:[ \t])")
"""A line that opens a block whose body is indented: a list item, an admonition, a footnote, a definition."""
INDENT = 4


def fenced_lines(lines: list[str]) -> set[int]:
    """The indexes of the lines that belong to a fenced code block, its fence lines included."""
    inside: set[int] = set()
    index = 0
    while index < len(lines):
        opening = _OPENING.match(lines[index])
        if opening is not None:
            fence = opening.group(1)
            for end in range(index + 1, len(lines)):
                if lines[end].rstrip(" ") == fence:
                    inside.update(range(index, end + 1))
                    index = end
                    break
        index += 1
    return inside


def outside_fences(text: str) -> Iterator[tuple[int, str]]:
    """(offset, line) of each line of ``text`` that is not in a fenced code block."""
    lines = text.split("\n")
    fenced = fenced_lines(lines)
    for offset, line in enumerate(lines):
        if offset not in fenced:
            yield offset, line


def _indent(line: str) -> int:
    spaces = line[: len(line) - len(line.lstrip(" \t"))]
    return len(spaces.expandtabs(INDENT))


def prose_lines(text: str) -> Iterator[tuple[int, str]]:
    """(offset, line) of each line that is not code: outside fenced code blocks and indented code blocks."""
    lines = text.split("\n")
    fenced = fenced_lines(lines)
    bodies: list[int] = []  # the indentation of the text of each open list item or admonition, innermost last
    blank_before = True
    in_code = False
    for offset, line in enumerate(lines):
        if offset in fenced:
            blank_before, in_code = False, False
            continue
        if not line.strip():
            blank_before = True
            continue
        indent = _indent(line)
        container = _CONTAINER.match(line.expandtabs(INDENT))
        if blank_before or container:
            while bodies and indent < bodies[-1]:
                bodies.pop()
        base = bodies[-1] if bodies else 0
        if indent >= base + INDENT and (blank_before or in_code):
            in_code, blank_before = True, False
            continue
        in_code, blank_before = False, False
        if container:
            bodies.append(indent + INDENT)
        yield offset, line
