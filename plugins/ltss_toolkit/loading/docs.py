"""The hand-written ``docs/`` folder as the link check needs it: its pages' Markdown and its other files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..structure.problems import Problems
from .front_matter import read_front_matter
from .safety import check_root, read_text, relative_path, safe_files


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
        front, meta = read_front_matter(text, path, problems)
        tree.pages[uri] = front.body
        if meta is not None and meta.get("render_macros") is True:
            tree.with_macros.append(DocsPage(path, front.body, front.body_line, True))
    return tree
