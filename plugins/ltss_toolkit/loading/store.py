"""The loaded content, kept while the files it came from are unchanged.

A build loads and validates ``content/`` once and hands the same model to the site, the PDFs and the
offline bundle; the preview server keeps it between rebuilds and loads again only when a file changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..extensions import Extension
from ..structure.model import Toolkit
from ..structure.problems import Problems
from .loader import load_toolkit

Fingerprint = tuple[tuple[str, int, int], ...]
"""Every file under ``content/`` as (path, size, modification time in ns)."""


def fingerprint(content_dir: Path) -> Fingerprint:
    if not content_dir.is_dir():
        return ()
    out = []
    for path in content_dir.rglob("*"):
        try:
            stat = path.stat()
        except OSError:
            continue
        if path.is_file():
            out.append((path.relative_to(content_dir).as_posix(), stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(out))


@dataclass(frozen=True)
class Loaded:
    """One load of the content: the model, every problem found, and the state of the files it read."""

    toolkit: Toolkit
    problems: Problems
    state: Fingerprint

    def changed_files(self, other: "Loaded | None") -> set[str]:
        """Paths (within ``content/``) that differ from ``other``'s load; every path when there is none."""
        mine = {path: (size, mtime) for path, size, mtime in self.state}
        if other is None:
            return set(mine)
        theirs = {path: (size, mtime) for path, size, mtime in other.state}
        return {path for path in mine.keys() | theirs.keys() if mine.get(path) != theirs.get(path)}


class ContentStore:
    """Loads ``content_dir`` with ``extensions``; loads again only when its files changed."""

    def __init__(self, content_dir: Path, project_dir: Path, extensions: Sequence[Extension]) -> None:
        self.content_dir = content_dir
        self.project_dir = project_dir
        self.extensions = list(extensions)
        self.current: Loaded | None = None
        self.previous: Loaded | None = None
        self.loads = 0
        """How many times the content was read (a build reads it once)."""

    def load(self) -> Loaded:
        state = fingerprint(self.content_dir)
        if self.current is not None and self.current.state == state:
            return self.current
        toolkit, problems = load_toolkit(self.content_dir, self.project_dir, self.extensions)
        self.loads += 1
        self.previous, self.current = self.current, Loaded(toolkit, problems, state)
        return self.current
