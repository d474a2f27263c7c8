"""Material's search worker with our query step (``query.js``) added to its end, in the built site.

Material's worker is configurable only by replacing it (its ``__config`` names the file); adding a listener to
the file it ships keeps its search whole and its name (so ``base.html`` and the offline shim still find it). The
code goes before the ``sourceMappingURL`` line, so Material's source map still maps its lines.
"""

from __future__ import annotations

import re
from pathlib import Path

QUERY_STEP = Path(__file__).with_name("query.js")
WORKER = re.compile(r"search\.[0-9a-f]+\.min\.js")
WORKERS = "assets/javascripts/workers"
_MARK = "/* ltss-toolkit: search query step */"
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.MULTILINE)


def with_query_step(worker: str, step: str) -> str:
    """``worker``'s code with ``step`` after it, before its source map comment; the same when already added."""
    if _MARK in worker:
        return worker
    addition = f"{_MARK}\n{step.strip()}\n"
    found = _SOURCE_MAP.search(worker)
    if found is None:
        return worker.rstrip("\n") + "\n" + addition
    return worker[: found.start()] + addition + worker[found.start() :]


def add_query_step(site_dir: Path) -> list[Path]:
    """Add the query step to each Material search worker in ``site_dir``; returns the files changed."""
    folder = site_dir / WORKERS
    changed = []
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if WORKER.fullmatch(path.name):
            text = path.read_text(encoding="utf-8")
            shaped = with_query_step(text, QUERY_STEP.read_text(encoding="utf-8"))
            if shaped != text:
                path.write_text(shaped, encoding="utf-8")
                changed.append(path)
    return changed
