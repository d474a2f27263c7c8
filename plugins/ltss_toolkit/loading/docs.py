"""The hand-written ``docs/`` folder as the link check needs it: its pages' Markdown and its other files."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..structure.problems import Problems
from .safety import check_root, read_text, relative_path, safe_files
from .yaml_lines import load_yaml

_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)?(?:-{3}|\.{3})[ \t]*\n", re.DOTALL)


@dataclass(frozen=True)
class DocsPage:
    """A hand-written page: where it is, whether it opts in to macros, and its body."""

    path: str
    body: str
    body_line: int
    macros: bool


@dataclass
class DocsTree:
    """``docs/`` by docs-relative path: Markdown pages (front matter removed) and every other file."""

    pages: dict[str, str] = field(default_factory=dict)
    files: set[str] = field(default_factory=set)
    with_macros: list[DocsPage] = field(default_factory=list)
    """Pages whose front matter says ``render_macros: true``."""


def read_docs(docs_dir: Path, project_dir: Path, problems: Problems) -> DocsTree:
    """Read ``docs_dir``, refusing symbolic links and anything outside the project as ``content/`` does."""
    tree = DocsTree()
    if not docs_dir.is_dir() or not check_root(docs_dir, "docs_dir", project_dir, problems):
        return tree
    for file in safe_files(docs_dir, project_dir, problems):
        uri = file.relative_to(docs_dir).as_posix()
        if file.suffix != ".md":
            tree.files.add(uri)
            continue
        path = relative_path(file, project_dir)
        text = read_text(file, path, problems)
        if text is None:
            continue
        front = _FRONT_MATTER.match(text)
        body = text[front.end() :] if front else text
        tree.pages[uri] = body
        if front is not None:
            meta = load_yaml(front.group(1) or "", path, problems, line_offset=1)
            if isinstance(meta, dict) and meta.get("render_macros") is True:
                tree.with_macros.append(DocsPage(path, body, text[: front.end()].count("\n") + 1, True))
    return tree
