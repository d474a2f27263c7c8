"""The loaded content, kept while the files it came from are unchanged.

A build loads and validates ``content/`` once and hands the same model to the site, the PDFs and the
offline bundle; the preview server keeps it between rebuilds and loads again only when a file changed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..extensions import Extension
from ..structure.model import Toolkit
from ..structure.problems import Problems

Fingerprint = tuple[tuple[str, int, int], ...]
"""Every file under the folders read, as (path, size, modification time in ns)."""


def fingerprint(folders: Sequence[Path]) -> Fingerprint:
    out = []
    for folder in folders:
        for path in folder.rglob("*") if folder.is_dir() else ():
            try:
                stat = path.stat()
            except OSError:
                continue
            if path.is_file():
                out.append((path.as_posix(), stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(out))


@dataclass(frozen=True)
class Loaded:
    """One load of the content: the model, every problem found, and the state of the files it read."""

    toolkit: Toolkit
    problems: Problems
    state: Fingerprint

    def changed_files(self, other: Loaded | None) -> set[str]:
        """Paths that differ from ``other``'s load; every path when there is none."""
        mine = {path: (size, mtime) for path, size, mtime in self.state}
        if other is None:
            return set(mine)
        theirs = {path: (size, mtime) for path, size, mtime in other.state}
        return {path for path in mine.keys() | theirs.keys() if mine.get(path) != theirs.get(path)}


class ContentStore:
    """Runs ``load`` (content and docs to a model and its problems, with ``extensions``); runs it again only
    when a file under ``folders`` changed."""

    def __init__(
        self,
        project_dir: Path,
        folders: Sequence[Path],
        extensions: Sequence[Extension],
        load: Callable[[], tuple[Toolkit, Problems]],
    ) -> None:
        self.project_dir = project_dir
        self.folders = list(folders)
        self.extensions = list(extensions)
        self._load = load
        self.current: Loaded | None = None
        self.previous: Loaded | None = None
        self.loads = 0
        """How many times the content was read (a build reads it once)."""

    def load(self) -> Loaded:
        state = fingerprint(self.folders)
        if self.current is not None and self.current.state == state:
            return self.current
        toolkit, problems = self._load()
        self.loads += 1
        self.previous, self.current = self.current, Loaded(toolkit, problems, state)
        return self.current
