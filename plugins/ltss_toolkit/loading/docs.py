"""The hand-written ``docs/`` folder as the link check needs it: its pages' Markdown and its other files."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..structure.problems import Problems
from .safety import check_root, read_text, relative_path, safe_files

_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n.*?\n(?:-{3}|\.{3})[ \t]*\n", re.DOTALL)


@dataclass
class DocsTree:
    """``docs/`` by docs-relative path: Markdown pages (front matter removed) and every other file."""

    pages: dict[str, str] = field(default_factory=dict)
    files: set[str] = field(default_factory=set)


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
        text = read_text(file, relative_path(file, project_dir), problems)
        if text is not None:
            tree.pages[uri] = _FRONT_MATTER.sub("", text, count=1)
    return tree
