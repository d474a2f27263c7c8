"""Material's search worker with our query step (``query.js``) put before it, in the built site.

Material's worker is configurable only by replacing it (its ``__config`` names the file); putting a step before
the file it ships keeps its search whole and its name (so ``base.html`` and the offline shim still find it). The
step wraps the global ``addEventListener``, so Material's message listener, added after it, gets each query
rewritten. The source map beside the file is shifted by the lines added, so it still maps Material's code.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

QUERY_STEP = Path(__file__).with_name("query.js")
WORKER = re.compile(r"search\.[0-9a-f]+\.min\.js")
WORKERS = "assets/javascripts/workers"
_MARK = "/* ltss-toolkit: search query step */\n"


def with_query_step(worker: str, step: str) -> tuple[str, int]:
    """``worker``'s code with ``step`` before it, and the number of lines added (0 when it was there already)."""
    if worker.startswith(_MARK):
        return worker, 0
    addition = _MARK + step.strip() + "\n"
    return addition + worker, addition.count("\n")


def shifted_source_map(source_map: str, lines: int) -> str:
    """A source map (v3) for its file with ``lines`` lines added at the top: each line is a ';' in ``mappings``."""
    data = json.loads(source_map)
    data["mappings"] = ";" * lines + data["mappings"]
    return json.dumps(data, separators=(",", ":"))


def add_query_step(site_dir: Path) -> list[Path]:
    """Put the query step before each Material search worker in ``site_dir``; returns the files changed."""
    folder = site_dir / WORKERS
    changed = []
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if not WORKER.fullmatch(path.name):
            continue
        shaped, lines = with_query_step(path.read_text(encoding="utf-8"), QUERY_STEP.read_text(encoding="utf-8"))
        if not lines:
            continue
        path.write_text(shaped, encoding="utf-8")
        changed.append(path)
        source_map = path.with_name(path.name + ".map")
        if source_map.is_file():
            source_map.write_text(shifted_source_map(source_map.read_text(encoding="utf-8"), lines), encoding="utf-8")
    return changed
